#!/usr/bin/env python3
"""`accord schema` against an outside validator (the `jsonschema` package from PyPI): every sample
and test brief Accord accepts must be valid against the generated JSON Schema (2020-12), and a brief
with an unknown key, a goal that is not one, or a key of the wrong type must not be.

usage: python3 .ci/schema_check.py ACCORD_BINARY
"""
import copy, datetime, glob, json, os, subprocess, sys, tomllib

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def plain(value):
    """A TOML document as JSON holds it: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


def main():
    binary = sys.argv[1]
    schema = json.loads(subprocess.run([binary, "schema", "--no-config"], check=True, capture_output=True, text=True, cwd=ROOT).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    paths = sorted(glob.glob(os.path.join(ROOT, "Samples", "*.brief.*")) + glob.glob(os.path.join(ROOT, "Tests", "Briefs", "**", "*.brief.*"), recursive=True)
                   + glob.glob(os.path.join(ROOT, "Rules", "core", "examples", "*.brief.toml")))
    problems, checked, refused = [], 0, 0
    for path in paths:
        shown = os.path.relpath(path, ROOT)
        accepted = subprocess.run([binary, "check", "--no-config", "--format", "json", path], capture_output=True, cwd=ROOT).returncode != 2
        try:
            with open(path, "rb") as f:
                brief = plain(tomllib.load(f)) if path.endswith(".toml") else json.load(f)
        except (tomllib.TOMLDecodeError, json.JSONDecodeError) as e:
            if accepted:
                problems.append(f"{shown}: Accord reads it, Python does not: {e}")
            continue
        errors = list(validator.iter_errors(brief))
        if accepted and errors:
            problems.append(f"{shown}: valid for Accord, refused by the schema: {errors[0].message} at {list(errors[0].absolute_path)}")
        if not accepted and not errors:
            problems.append(f"{shown}: refused by Accord, valid for the schema")
        checked += 1
        if not accepted:
            continue
        # The same brief, broken three ways: each must be refused.
        for what, change in [("an unknown key", lambda b: b["campaign"].__setitem__("budjet", 1)),
                             ("a goal that is not one", lambda b: b["brand"].__setitem__("goals", ["reech"])),
                             ("a name that is a number", lambda b: b["campaign"].__setitem__("name", 5))]:
            broken = copy.deepcopy(brief)
            change(broken)
            if validator.is_valid(broken):
                problems.append(f"{shown} with {what}: valid for the schema")
            else:
                refused += 1
    for p in problems:
        print("  " + p)
    print(f"{checked} briefs against the JSON Schema (jsonschema {__import__('importlib.metadata').metadata.version('jsonschema')}): "
          f"{len(problems)} problems; {refused} broken copies refused")
    sys.exit(1 if problems or checked == 0 else 0)


main()

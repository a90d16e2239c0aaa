#!/usr/bin/env python3
"""`accord check` on 10,000 briefs, all built-in rules, JSON report, side by side in one run with
rtoml only parsing the same files.

usage: python3 Benchmarks/check_vs_rtoml.py [--briefs N] [--repeat N] [--corpus samples|aurora]
                                            [--no-thread-cache] [--also NAME=BINARY]...

Generates N briefs under Benchmarks/.work/check-<corpus>/ from the TOML samples in Samples/ (each a
sample with its names, numbers and dates varied, so that findings and questions vary too), builds
`accord` in release mode as .ci/run does (`--static-swift-stdlib --traits ThreadCache`), and times, best of --repeat runs taken in turns (one of each row, then
the next round):

  accord   `accord check DIR --format json > /dev/null`: a new process that finds the files, reads,
           validates and checks every brief against every built-in rule on all cores, and writes the
           whole JSON report;
  rtoml    in this Python process, for each file: open, read, rtoml.loads (Rust's toml crate), one core.

A third row, `accord check` with every rule turned off (a config that disables them all), shows how
the time divides between the rules (conditions, messages, questions, their findings in the report)
and the rest of the work (finding, reading, validating and scoring the briefs, writing the report).

--corpus aurora varies only Samples/aurora.brief.toml, the most misaligned sample (20 findings): a
worst case for the report size. --no-thread-cache builds without the ThreadCache trait (into
.build-no-thread-cache), to measure what it gains. --also adds a row for another build of accord
(the same command), such as the build before a change: its ratio to this build is printed too.
Needs `pip install rtoml`.
"""
import argparse, json, os, random, re, subprocess, sys

from timing import best_of_each

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLES = os.path.join(ROOT, "Samples")

DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMBER_KEYS = re.compile(r"^(followers|budget|threshold|prep_days|breathe_days|meeting_minutes|window_days) = (\d+)$", re.M)
NAME = re.compile(r'^(name = ")([^"]*)(")', re.M)


def shift_dates(text, days):
    import datetime

    def move(m):
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + datetime.timedelta(days=days)
        return d.isoformat()
    return DATE.sub(move, text)


def vary(text, i, rng):
    """A variant of a sample: every date moved by the same number of days (the order of dates is kept),
    counts and thresholds scaled, names numbered."""
    text = shift_dates(text, rng.randint(-200, 200))

    def scale(m):
        key, value = m.group(1), int(m.group(2))
        factor = rng.uniform(0.5, 1.6) if key in ("followers", "budget", "threshold") else rng.uniform(0.6, 1.5)
        return f"{key} = {max(0, round(value * factor))}"
    text = NUMBER_KEYS.sub(scale, text)
    return NAME.sub(lambda m: f"{m.group(1)}{m.group(2)} #{i}{m.group(3)}", text)


def generate(count, corpus):
    work = os.path.join(HERE, ".work", f"check-{corpus}-{count}")
    os.makedirs(work, exist_ok=True)
    names = sorted(n for n in os.listdir(SAMPLES) if n.endswith(".brief.toml"))
    if corpus == "aurora":
        names = ["aurora.brief.toml"]
    texts = [open(os.path.join(SAMPLES, n), encoding="utf-8").read() for n in names]
    rng = random.Random(2026)
    paths = []
    for i in range(count):
        path = os.path.join(work, f"b{i:05d}.brief.toml")
        paths.append(path)
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write(vary(texts[i % len(texts)], i, rng))
    return work, paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--briefs", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpus", choices=["samples", "aurora"], default="samples")
    ap.add_argument("--no-thread-cache", action="store_true")
    ap.add_argument("--also", action="append", default=[], metavar="NAME=BINARY")
    a = ap.parse_args()
    try:
        import rtoml
    except ImportError:
        sys.exit("rtoml is not installed: pip install rtoml")
    build = [".build-no-thread-cache"] if a.no_thread_cache else [".build"]
    traits = [] if a.no_thread_cache else ["--traits", "ThreadCache"]
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", *traits, "--package-path", ROOT,
                    "--scratch-path", os.path.join(ROOT, build[0]), "--product", "accord"], check=True, stdout=subprocess.DEVNULL)
    accord = os.path.join(ROOT, build[0], "release", "accord")
    others = [tuple(x.split("=", 1)) for x in a.also]
    work, paths = generate(a.briefs, a.corpus)

    def run_accord(*options, binary=accord):
        p = subprocess.run([binary, "check", work, "--format", "json", *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.exit(f"accord check failed ({p.returncode}): {p.stderr.decode()[:2000]}")

    # A config that turns every built-in rule off, for the split between the rules and the rest.
    ids = [r["id"] for r in json.loads(subprocess.run([accord, "rules", "list", "--format", "json"], check=True,
                                                      capture_output=True).stdout)]
    no_rules = os.path.join(HERE, ".work", "no-rules.toml")
    with open(no_rules, "w", encoding="utf-8") as f:
        f.write("disable = [" + ", ".join(f'"{i}"' for i in ids) + "]\n")

    def run_rtoml():
        for path in paths:
            with open(path, encoding="utf-8") as f:
                rtoml.loads(f.read())

    # The report's size, and the findings in it, from one run.
    out = subprocess.run([accord, "check", work, "--format", "json"], capture_output=True).stdout
    findings = out.count(b'"rule": ')
    run_accord()  # warm the file cache for both
    other_runs = [lambda b=b: run_accord(binary=b) for _, b in others]
    accord_s, bare_s, rtoml_s, *other_s = best_of_each(a.repeat, [run_accord, lambda: run_accord("--config", no_rules), run_rtoml,
                                                                  *other_runs])
    cores = os.cpu_count()
    print(f"{a.briefs} briefs ({a.corpus} corpus), {findings} findings, JSON report {len(out) / 1e6:.1f} MB, {cores} cores")
    print(f"{'':<36} {'seconds':>8} {'briefs/s':>10}")
    print(f"{'accord check --format json':<36} {accord_s:>8.3f} {a.briefs / accord_s:>10.0f}")
    print(f"{'  the same with every rule off':<36} {bare_s:>8.3f} {a.briefs / bare_s:>10.0f}")
    print(f"{'rtoml parse only':<36} {rtoml_s:>8.3f} {a.briefs / rtoml_s:>10.0f}")
    for (name, _), t in zip(others, other_s):
        print(f"{name:<36} {t:>8.3f} {a.briefs / t:>10.0f}")
    print(f"accord/rtoml: {accord_s / rtoml_s:.2f}x the time")
    for (name, _), t in zip(others, other_s):
        print(f"{name}/rtoml: {t / rtoml_s:.2f}x the time; accord/{name}: {accord_s / t:.2f}x")


if __name__ == "__main__":
    main()

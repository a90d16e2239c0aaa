#!/usr/bin/env python3
"""Accord's expression evaluator side by side with the Python `cel` package (common-expression-language,
a Rust core) on the same typical rule conditions and the same brief data, in one run.

usage: python3 Benchmarks/cel_vs_python.py [--repeat N]

Each condition in data/conditions.txt is compiled once by each side and then evaluated many times
against data/brief.json (compile time is not counted). Both sides must agree on every result.
Needs `pip install common-expression-language`.
"""
import argparse, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="x 10,000 evaluations per condition")
    a = ap.parse_args()
    try:
        import cel
    except ImportError:
        sys.exit("the cel package is not installed: pip install common-expression-language")
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", ROOT, "--product", "accord-bench"], check=True, stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, ".build", "release", "accord-bench")
    conditions_path = os.path.join(HERE, "data", "conditions.txt")
    data_path = os.path.join(HERE, "data", "brief.json")
    out = subprocess.run([bench, "cel", conditions_path, data_path, "--repeat", str(a.repeat)],
                         check=True, capture_output=True, text=True).stdout
    accord = [json.loads(line) for line in out.splitlines()]
    with open(data_path) as f:
        data = json.load(f)
    context = cel.Context()
    for key, value in data.items():
        context.add_variable(key, value)
    iterations = a.repeat * 10_000
    total_accord = total_peer = 0.0
    print(f"{'condition':<60} {'cel (Rust) /s':>14} {'accord /s':>12} {'ratio':>7}")
    for row in accord:
        program = cel.compile(row["condition"])
        result = None
        start = time.perf_counter()
        for _ in range(iterations):
            result = program.execute(context)
        elapsed = time.perf_counter() - start
        peer_rate = iterations / elapsed
        expected = "true" if result is True else "false" if result is False else None
        if expected is not None and row["result"] != expected:
            sys.exit(f"results differ on {row['condition']!r}: accord {row['result']}, cel {result!r}")
        total_accord += iterations / row["per_second"]
        total_peer += elapsed
        label = row["condition"] if len(row["condition"]) <= 58 else row["condition"][:55] + "..."
        print(f"{label:<60} {peer_rate:14,.0f} {row['per_second']:12,.0f} {row['per_second'] / peer_rate:6.1f}x")
    n = len(accord) * iterations
    print(f"{'all conditions':<60} {n / total_peer:14,.0f} {n / total_accord:12,.0f} {total_peer / total_accord:6.1f}x")
    print("(ratio above 1.0x: Accord evaluates faster)")


if __name__ == "__main__":
    main()

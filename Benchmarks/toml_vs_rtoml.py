#!/usr/bin/env python3
"""Accord's TOML reader side by side with rtoml (Rust's toml crate) on the same large files, in one run.

usage: python3 Benchmarks/toml_vs_rtoml.py [--repeat N]

Generates TOML files of different shapes under Benchmarks/.work/, times rtoml.loads on each
(best of N, in-process, from text already in memory), times Accord's reader the same way through
.build/release/accord-bench, and prints both with the ratio. Needs `pip install rtoml`.
Both sides time the same thing: text in memory to a finished tree of values (the line table that
Accord builds for positions is included).
"""
import argparse, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, ".work")


def generate():
    os.makedirs(WORK, exist_ok=True)
    shapes = {}
    # Many small tables: an array of tables like a list of briefs' creators.
    rows = []
    for i in range(60000):
        rows.append(f'[[creators]]\nid = "creator-{i}"\nname = "Creator {i} Имя"\nfollowers = {i * 37}\n'
                    f'share = {i / 7:.4f}\nplatforms = ["instagram", "tiktok", "youtube"]\n'
                    f'joined = 2026-03-{i % 28 + 1:02d}\naudience_markets = {{ US = 0.62, CA = 0.11 }}\n\n')
    shapes["tables"] = "".join(rows)
    # Long arrays of numbers.
    shapes["numbers"] = "".join(f"row{i} = [{', '.join(str(i * 1000 + k) for k in range(40))}]\n"
                                f"f{i} = [{', '.join(f'{(i + k) * 0.125}' for k in range(20))}]\n" for i in range(20000))
    # Text-heavy: strings with escapes and multi-line strings.
    shapes["strings"] = "".join(f'key{i} = "line {i} with \\"quotes\\" and \\t tabs \\u00e9"\n'
                                f"lit{i} = 'C:\\\\path\\\\{i}'\nml{i} = \"\"\"\nparagraph {i}\nsecond line\n\"\"\"\n"
                                for i in range(40000))
    # Dates and times.
    shapes["datetimes"] = "".join(f"d{i} = 2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}\n"
                                  f"t{i} = 2026-03-02T09:{i % 60:02d}:00+03:00\nl{i} = 07:{i % 60:02d}:00.5\n"
                                  for i in range(50000))
    paths = {}
    for name, text in shapes.items():
        path = os.path.join(WORK, f"{name}.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        paths[name] = path
    return paths


def time_rtoml(path, repeat):
    import rtoml
    with open(path, encoding="utf-8") as f:
        text = f.read()
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        rtoml.loads(text)
        best = min(best, time.perf_counter() - t)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    try:
        import rtoml  # noqa: F401
    except ImportError:
        sys.exit("rtoml is not installed: pip install rtoml")
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", ROOT, "--product", "accord-bench"], check=True,
                   stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, ".build", "release", "accord-bench")
    paths = generate()
    out = subprocess.run([bench, "toml", *paths.values(), "--repeat", str(a.repeat)],
                         check=True, capture_output=True, text=True).stdout
    accord = {json.loads(line)["file"]: json.loads(line)["seconds"] for line in out.splitlines()}
    print(f"{'file':<12} {'MB':>6} {'rtoml ms':>10} {'accord ms':>10} {'accord/rtoml':>13}")
    total_r = total_a = 0.0
    for name, path in paths.items():
        r = time_rtoml(path, a.repeat)
        s = accord[path]
        total_r += r
        total_a += s
        mb = os.path.getsize(path) / 1e6
        print(f"{name:<12} {mb:6.1f} {r * 1000:10.1f} {s * 1000:10.1f} {s / r:12.2f}x")
    print(f"{'total':<12} {'':>6} {total_r * 1000:10.1f} {total_a * 1000:10.1f} {total_a / total_r:12.2f}x")
    print("(below 1.00x: Accord is faster)")


if __name__ == "__main__":
    main()

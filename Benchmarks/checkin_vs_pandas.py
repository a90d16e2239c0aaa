#!/usr/bin/env python3
"""`accord checkin` on a year of daily readings for a large campaign, side by side in one run with
pandas reading the same CSV and working out each metric's latest reading.

usage: python3 Benchmarks/checkin_vs_pandas.py [--readings N] [--repeat N] [--also NAME=BINARY]...

Generates under Benchmarks/.work/checkin-<N>/ a brief with nine agreed metrics (a one-year window
from its launch, the report ten days after it, each owned by a party and read from an agreed source) and a CSV of N readings: every
day, each metric read by its owner from the agreed source, by the brand from its ads account and by
the agency from its own report, the values growing along a line with noise. Builds `accord` in release
mode as .ci/run does and times, best of --repeat runs taken in turns:

  accord   `accord checkin BRIEF CSV --format json > /dev/null`: a new process that reads and
           validates the brief, reads, checks and merges every reading (dates, readers, duplicates,
           metric names), paces every metric, evaluates the check-in rules and writes the JSON report
           with every reading in it;
  pandas   in this Python process: pandas.read_csv of the same file (its C parser), then the latest
           reading of each metric by a groupby (`idxmax` of the date). pandas does far less than
           Accord: no validation, no pace, no rules, no report. It is the fast way a person would
           read such an export today.

--also adds a row for another build of accord (the same command), such as the build before a change.
Needs `pip install pandas`.
"""
import argparse, datetime, os, random, subprocess, sys

from timing import best_of_each

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

METRICS = [("Reach", 40_000_000), ("Views", 12_000_000), ("Engaged viewers", 900_000), ("Clicks", 400_000),
           ("Sign-ups", 60_000), ("First orders", 18_000), ("Repeat orders", 6_000), ("Reviews", 2_500), ("Saves", 150_000)]
SOURCES = {"brand": "Ads account", "agency": "Agency report", "mila": "Creator studio"}


def brief():
    metrics = []
    for k, (name, threshold) in enumerate(METRICS):
        owner = ["brand", "agency", "mila"][k % 3]
        metrics.append(f'[[metrics]]\nname = "{name}"\nkind = "outcome"\nserves = "reach"\nwhy = "A year of steady growth"\n'
                       f'threshold = {threshold}\nunit = "people"\nowner = "{owner}"\nsource = "{SOURCES[owner]}"\nwindow_days = 365\n')
    return f"""[campaign]
name = "A year with Mila"
business_objective = "user-acquisition"
north_star = "60,000 sign-ups in a year"
cannot_go_wrong = "Every post labelled"
markets = ["US"]

[brand]
name = "Brand"
market = "US"
language = "en"
goals = ["reach", "conversion"]

[agency]
name = "Agency"
market = "US"
language = "en"
goals = ["reach", "conversion"]

[[creators]]
id = "mila"
name = "Mila"
market = "US"
language = "en"
goals = ["reach"]

{chr(10).join(metrics)}
[timeline]
kickoff = 2026-01-02
launch = 2026-01-05
report = 2027-01-15

[[deliverables]]
kind = "video"
platform = "youtube"
count = 52
creator = "mila"
"""


def generate(count):
    work = os.path.join(HERE, ".work", f"checkin-{count}")
    os.makedirs(work, exist_ok=True)
    brief_path, csv_path = os.path.join(work, "year.brief.toml"), os.path.join(work, "year.csv")
    with open(brief_path, "w", encoding="utf-8") as f:
        f.write(brief())
    rng = random.Random(2026)
    rows = ["date,metric,value,by,source"]
    launch = datetime.date(2026, 1, 5)
    day = 0
    while len(rows) - 1 < count:
        day += 1
        date = launch + datetime.timedelta(days=day)
        for name, threshold in METRICS:
            for reader, source in SOURCES.items():
                if len(rows) - 1 >= count:
                    break
                # Each reader a little apart: the dashboards differ by a few percent.
                value = threshold * min(day, 365) / 365 * rng.uniform(0.85, 1.1)
                rows.append(f"{date},{name},{value:.0f},{reader},{source}")
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    return brief_path, csv_path, len(rows) - 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--readings", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--also", action="append", default=[], metavar="NAME=BINARY")
    a = ap.parse_args()
    try:
        import pandas
    except ImportError:
        sys.exit("pandas is not installed: pip install pandas")
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--traits", "ThreadCache", "--package-path", ROOT,
                    "--product", "accord"], check=True, stdout=subprocess.DEVNULL)
    accord = os.path.join(ROOT, ".build", "release", "accord")
    others = [tuple(x.split("=", 1)) for x in a.also]
    brief_path, csv_path, n = generate(a.readings)

    def run_accord(binary=accord):
        p = subprocess.run([binary, "checkin", brief_path, csv_path, "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.exit(f"accord checkin failed ({p.returncode}): {p.stderr.decode()[:2000]}")

    def run_pandas():
        frame = pandas.read_csv(csv_path, parse_dates=["date"])
        frame.loc[frame.groupby("metric")["date"].idxmax()]

    out = subprocess.run([accord, "checkin", brief_path, csv_path, "--format", "json"], capture_output=True).stdout
    run_accord()  # warm the file cache for both
    accord_s, pandas_s, *other_s = best_of_each(a.repeat, [run_accord, run_pandas, *[lambda b=b: run_accord(b) for _, b in others]])
    findings = out.count(b'"rule": ')
    print(f"{n} readings of {len(METRICS)} metrics, {findings} findings, JSON report {len(out) / 1e6:.1f} MB")
    print(f"{'':<40} {'seconds':>8} {'readings/s':>12}")
    print(f"{'accord checkin --format json':<40} {accord_s:>8.3f} {n / accord_s:>12.0f}")
    print(f"{'pandas read_csv + latest per metric':<40} {pandas_s:>8.3f} {n / pandas_s:>12.0f}")
    for (name, _), t in zip(others, other_s):
        print(f"{name:<40} {t:>8.3f} {n / t:>12.0f}")
    print(f"accord/pandas: {accord_s / pandas_s:.2f}x the time")


if __name__ == "__main__":
    main()

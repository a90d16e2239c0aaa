#!/usr/bin/env python3
"""The HTML pages in a real browser: headless Chromium (Debian's package) loads the agenda, the
agreement and each creator's brief of every sample, the check's page of them all, and the check-in's
page of every sample with results (Samples/results), and this script checks what the DOM holds, that nothing is fetched or
run, that the page prints on A4, and that its screenshots (light and dark) are not blank (read with
Pillow from PyPI).

usage: python3 .ci/html_check.py ACCORD [SCREENSHOT_FOLDER]
"""
import glob
import html as html_text
import json
import os
import re
import subprocess
import sys
import tempfile

from PIL import Image  # Pillow, from PyPI: a test oracle, not part of Accord

ACCORD = os.path.abspath(sys.argv[1])
SHOTS = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="accord-shots-")
CHROMIUM = next((c for c in ["chromium", "chromium-browser", "google-chrome"] if subprocess.run(["which", c], capture_output=True).returncode == 0), None)
failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")


def chromium(*args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-background-networking", *args],
                          capture_output=True, text=True, timeout=120)


def look_at(png, where, dark):
    """A screenshot that shows something: many colours, text on the page's background."""
    image = Image.open(png).convert("RGB")
    counts = image.getcolors(maxcolors=1 << 24)
    total = image.width * image.height
    frequency, background = max(counts)
    share = 1 - frequency / total
    colours = len(counts)
    if share < 0.02 or colours < 20:
        fail(where, f"the screenshot looks blank ({share:.1%} not background, {colours} colours)")
    lum = sum(background) / 3
    if dark and lum > 80:
        fail(where, f"the dark screenshot has a light background {background}")
    if not dark and lum < 200:
        fail(where, f"the light screenshot has a dark background {background}")
    return share, colours


def check_page(name, kind, html_path, data):
    html = open(html_path, encoding="utf-8").read()
    where = f"{name} {kind}"
    # Self-contained: nothing fetched, nothing run.
    if re.search(r"<script|<link|<img|<iframe|@import|url\(", html, re.I):
        fail(where, "references or runs something")
    for m in re.finditer(r'\s(?:src|href)\s*=\s*"([^"]*)"', html):
        if not m.group(1).startswith("#"):
            fail(where, f"links to {m.group(1)}")
    dom = chromium("--dump-dom", "file://" + html_path).stdout
    if "<h1>" not in dom:
        fail(where, "no h1 in the DOM")
    lang = re.search(r'<html lang="([a-z]{2})"', dom)
    if not lang or lang.group(1) != data.get("language", "en"):
        fail(where, f"html lang {lang and lang.group(1)} is not the page's language {data['language']}")
    sections = re.findall(r'<section id="([^"]+)">', dom)
    if kind not in ("check", "checkin") and sections != [s["id"] for s in data["sections"]]:
        fail(where, f"sections {sections} differ from the JSON report's")
    if kind == "check":
        briefs = re.findall(r'<section class="brief" id="brief-\d+">', dom)
        if len(briefs) != data["summary"]["briefs"]:
            fail(where, f"{len(briefs)} briefs on the page, {data['summary']['briefs']} checked")
        sections = [s["id"] for s in data.get("sections", [])]
    if kind == "checkin":
        brief = data["briefs"][0]
        charts = re.findall(r'<svg[^>]*class="pace"', dom)
        paced = [m for m in brief["metrics"] if m["readings"] or (m["start"] and m["threshold"] is not None)]
        if len(charts) != len(paced):
            fail(where, f"{len(charts)} charts for {len(paced)} metrics with readings or a pace")
        rows = re.findall(r'<tr><th scope="row">([^<]*)</th><td class="status ([a-z-]+)">', dom)
        expected = [(html_text.escape(m["name"], quote=False), m["status"]) for m in brief["metrics"]]
        if rows != expected:
            fail(where, f"the metrics table {rows} differs from the JSON report's {expected}")
        sections = []
    if kind == "agenda":
        shown = [int(m) for m in re.findall(r'<span class="minutes">(\d+) (?:min|мин)</span>', dom)]
        if sum(shown) != data["minutes"] or len(shown) != len(sections):
            fail(where, f"the minutes shown {shown} do not add up to {data['minutes']}")
    if "<table>" in dom and 'scope="col"' not in dom:
        fail(where, "a table without column headers")
    if "<svg" in dom:
        pictures = re.findall(r'<svg[^>]*role="img"[^>]*aria-labelledby="([\w-]+)-title \1-desc"', dom)
        if len(pictures) != dom.count("<svg") or any(f'<desc id="{p}-desc">' not in dom for p in pictures):
            fail(where, "a picture without its text alternative")
    other = set(re.findall(r'<span lang="([a-z]{2})">', dom))
    if kind == "agreement" and len(data.get("languages", [])) > 1 and not other:
        fail(where, "a bilingual agreement marks no text with its language")
    shots = []
    for dark in (False, True):
        png = os.path.join(SHOTS, f"{name}.{kind}{'.dark' if dark else ''}.png")
        extra = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if dark else ["--blink-settings=preferredColorScheme=1"]
        chromium(*extra, "--window-size=1200,1600", f"--screenshot={png}", "file://" + html_path)
        if not os.path.exists(png):
            fail(where, "no screenshot")
            continue
        shots.append(look_at(png, where + (" dark" if dark else ""), dark))
    pdf = os.path.join(SHOTS, f"{name}.{kind}.pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + html_path)
    if not os.path.exists(pdf):
        fail(where, "no PDF")
    else:
        boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", open(pdf, "rb").read())
        if not boxes or any(abs(float(w) - 595.3) > 2 or abs(float(h) - 841.9) > 2 for w, h in boxes):
            fail(where, f"the printed pages are not A4: {boxes[:2]}")
    return shots, len(set(boxes)) if os.path.exists(pdf) else 0


def main():
    if CHROMIUM is None:
        print("NOT RUN: no chromium (apt-get install chromium)")
        return 1
    os.makedirs(SHOTS, exist_ok=True)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    samples = sorted(glob.glob(os.path.join(root, "Samples", "*.brief.*")))
    pages = 0
    with tempfile.TemporaryDirectory() as work:
        for sample in samples:
            name = os.path.basename(sample).split(".brief.")[0]
            for kind in ("agenda", "agreement"):
                html_path = os.path.join(work, f"{name}.{kind}.html")
                run = subprocess.run([ACCORD, kind, "--format", "html", "--output", html_path, "--format", "json", sample],
                                     capture_output=True, text=True, cwd=root)
                if run.returncode != 0:
                    fail(f"{name} {kind}", f"exit {run.returncode}: {run.stderr[:300]}")
                    continue
                check_page(name, kind, html_path, json.loads(run.stdout))
                pages += 1
            # Each creator's brief.
            parsed = subprocess.run([ACCORD, "parse", "--format", "json", sample], capture_output=True, text=True, cwd=root)
            for creator in [c["id"] for c in json.loads(parsed.stdout).get("creators", [])]:
                html_path = os.path.join(work, f"{name}.creator-{creator}.html")
                run = subprocess.run([ACCORD, "creator-brief", "--creator", creator, "--format", "html", "--output", html_path,
                                      "--format", "json", sample], capture_output=True, text=True, cwd=root)
                if run.returncode != 0:
                    fail(f"{name} creator {creator}", f"exit {run.returncode}: {run.stderr[:300]}")
                    continue
                check_page(f"{name}.{creator}", "creator-brief", html_path, json.loads(run.stdout))
                pages += 1
        # The check's report of every sample, one page.
        html_path = os.path.join(work, "check.html")
        run = subprocess.run([ACCORD, "check", "--format", "html", "--output", html_path, "--format", "json", "Samples"],
                             capture_output=True, text=True, cwd=root)
        if run.returncode not in (0, 1):
            fail("check", f"exit {run.returncode}: {run.stderr[:300]}")
        else:
            check_page("samples", "check", html_path, json.loads(run.stdout))
            pages += 1
        # Each check-in of a sample with results.
        for results in sorted(glob.glob(os.path.join(root, "Samples", "results", "*"))):
            base = os.path.basename(results)
            name = base.split(".results.")[0] if ".results." in base else base.rsplit(".", 1)[0]
            brief = next((s for s in samples if os.path.basename(s).split(".brief.")[0] == name), None)
            if brief is None or base.endswith(".py"):
                continue
            html_path = os.path.join(work, f"{name}.checkin.html")
            run = subprocess.run([ACCORD, "checkin", "--format", "html", "--output", html_path, "--format", "json", brief, results],
                                 capture_output=True, text=True, cwd=root)
            if run.returncode not in (0, 1):
                fail(f"{name} checkin", f"exit {run.returncode}: {run.stderr[:300]}")
                continue
            check_page(name, "checkin", html_path, json.loads(run.stdout))
            pages += 1
    print(f"html: {pages} pages in {CHROMIUM}, light and dark screenshots and A4 PDFs in {SHOTS}")
    for f in failures:
        print("FAIL", f)
    print(f"html: {pages} checked, {len(failures)} problems")
    return 1 if failures or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How soon `accord lsp` shows diagnostics after a change, side by side in one run with what an
editor without the server would do: run `accord check` on the saved file.

usage: python3 Benchmarks/lsp_latency.py [--changes N] [--brief PATH] [--binary PATH]

Builds `accord` in release mode as .ci/run does (unless --binary is given), starts `accord lsp`,
opens the brief, then sends N changes one at a time (each a real edit: a threshold changed, so the
findings change too), each after the previous one's diagnostics arrived, and times each from the
moment the change is written to the moment its publishDiagnostics is read (the server's 10 ms
debounce included). The peer row writes the same edited text to a file and times `accord check
--format json FILE` as a new process. Prints the median and the 95th percentile of each; the issue's
target is diagnostics within 20 ms of a change.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(out):
    headers = b""
    while not headers.endswith(b"\r\n\r\n"):
        c = out.read(1)
        if not c:
            raise SystemExit("the server closed its output")
        headers += c
    length = int([l for l in headers.decode().split("\r\n") if l.lower().startswith("content-length")][0].split(":")[1])
    return json.loads(out.read(length))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--brief", default=os.path.join(ROOT, "Samples", "aurora.brief.toml"))
    ap.add_argument("--binary")
    args = ap.parse_args()
    binary = args.binary
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--traits", "ThreadCache"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        binary = os.path.join(ROOT, ".build", "release", "accord")
    text = open(args.brief, encoding="utf-8").read()
    assert "threshold = " in text, "the brief needs a metric threshold to edit"
    uri = "file://" + os.path.abspath(args.brief)

    server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
    server.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    server.stdin.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                              "params": {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}}))
    server.stdin.flush()
    while read_message(server.stdout).get("method") != "textDocument/publishDiagnostics":
        pass

    edits = [text.replace("threshold = ", "threshold = %d" % (1 + k % 9), 1) for k in range(args.changes)]
    lsp = []
    for k, edited in enumerate(edits):
        t = time.perf_counter()
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                  "params": {"textDocument": {"uri": uri, "version": k + 2}, "contentChanges": [{"text": edited}]}}))
        server.stdin.flush()
        while True:
            message = read_message(server.stdout)
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == k + 2:
                break
        lsp.append(time.perf_counter() - t)
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.close()
    server.wait(timeout=10)

    check = []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "edited.brief.toml")
        for edited in edits[: max(20, args.changes // 4)]:
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            t = time.perf_counter()
            subprocess.run([binary, "check", "--format", "json", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            check.append(time.perf_counter() - t)

    def row(name, times):
        times = sorted(times)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{name:<44} {statistics.median(times) * 1000:8.1f} ms {p95 * 1000:8.1f} ms   ({len(times)} runs)")
    print(f"{os.path.relpath(args.brief, ROOT)}: {len(text.splitlines())} lines")
    print(f"{'':<44} {'median':>11} {'95th pct':>11}")
    row("accord lsp: change to diagnostics", lsp)
    row("accord check FILE as a new process", check)


main()

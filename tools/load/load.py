#!/usr/bin/env python3
"""Load test for `herald serve`: CLIENTS threads post documents to
/extract for SECONDS (or until MAX_REQUESTS), over keep-alive connections,
and every answer is checked against `herald extract --jsonl-in` for the
same document, so "0 failed" means every answer was right, not only 200.

Documents: the example texts and the event test stories (with their
dates). Only loopback addresses are accepted. Standard library only.

  load.py --herald target/release/herald --addr 127.0.0.1:PORT [--clients 64]
          [--seconds 60] [--max-requests 2000000]
"""
import argparse
import http.client
import ipaddress
import json
import pathlib
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
ORIGIN = ("id", "file", "line")


def documents():
    """(text, date) pairs: every example text, then every test story."""
    docs = [(p.read_text(), None) for p in sorted((ROOT / "examples/texts").glob("*.txt"))]
    for path in sorted((ROOT / "tests/fixtures/events").glob("*.stories")):
        lines, date = None, None
        for raw in path.read_text().splitlines() + ["story end"]:
            line = raw.strip()
            if line.startswith("story "):
                if lines:
                    docs.append(("\n".join(lines), date))
                lines, date = [], None
            elif line.startswith("date ") and lines is not None:
                date = line[5:].strip()
            elif (line == "text" or line.startswith("text ")) and lines is not None:
                lines.append(line[5:])
    return docs


def canonical(value):
    """A result without the fields that say where its input came from."""
    return {k: v for k, v in value.items() if k not in ORIGIN}


def expected_results(herald, docs):
    """What the library says, through the command line, for every document."""
    records = "".join(
        json.dumps({"id": i, "text": text, **({"date": date} if date else {})}) + "\n"
        for i, (text, date) in enumerate(docs)
    )
    out = subprocess.run(
        [herald, "extract", "--jsonl-in", "--format", "jsonl"],
        input=records.encode(), capture_output=True, check=True,
    ).stdout.decode()
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == list(range(len(docs))), "results out of order"
    return [canonical(r) for r in results]


def body(text, date):
    return json.dumps({"text": text, **({"date": date} if date else {})}).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--herald", required=True)
    ap.add_argument("--addr", required=True)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--max-requests", type=int, default=2_000_000)
    args = ap.parse_args()
    host, port = args.addr.rsplit(":", 1)
    if not ipaddress.ip_address(host.strip("[]")).is_loopback:
        sys.exit(f"{host} is not a loopback address; this test only targets this machine")

    docs = documents()
    expected = expected_results(args.herald, docs)
    bodies = [body(text, date) for text, date in docs]

    # Check every document once, and keep the server's exact bytes for it:
    # under load an answer is right when it has the same bytes (or, should
    # they differ, the same JSON).
    known = []
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    for i, payload in enumerate(bodies):
        conn.request("POST", "/extract", payload, {"Content-Type": "application/json"})
        reply = conn.getresponse()
        raw = reply.read()
        if reply.status != 200 or canonical(json.loads(raw)) != expected[i]:
            sys.exit(f"document {i}: the server's answer differs from `herald extract`")
        known.append(raw)
    conn.close()
    print(f"{len(docs)} documents, each answered as `herald extract --jsonl-in` answers it")

    lock = threading.Lock()
    latencies, failures = [], []
    issued = [0]
    deadline = time.monotonic() + args.seconds

    def client(n):
        mine, bad = [], []
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        i = n
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= args.max_requests:
                    break
                issued[0] += 1
            k = i % len(docs)
            i += args.clients
            start = time.perf_counter()
            try:
                conn.request("POST", "/extract", bodies[k], {"Content-Type": "application/json"})
                reply = conn.getresponse()
                raw = reply.read()
            except (OSError, http.client.HTTPException) as error:
                bad.append(f"document {k}: {error!r}")
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=60)
                continue
            mine.append(time.perf_counter() - start)
            if reply.status != 200:
                bad.append(f"document {k}: status {reply.status}: {raw[:200]!r}")
            elif raw != known[k] and canonical(json.loads(raw)) != expected[k]:
                bad.append(f"document {k}: wrong answer")
        conn.close()
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    latencies.sort()
    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")
    total = len(latencies) + sum(1 for f in failures if "status" not in f and "wrong" not in f)
    print(f"clients {args.clients}, {elapsed:.1f} s, requests {total}, "
          f"{total / elapsed:.0f} requests/s, p50 {pct(50):.2f} ms, p99 {pct(99):.2f} ms, "
          f"max {pct(100):.2f} ms, failed or wrong {len(failures)}")
    for failure in failures[:20]:
        print("FAIL", failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

"""Times the Python package on a JSON Lines file of {"id", "text", "date"}
records (examples/spark/check.sh writes one: target/spark-check/docs.jsonl).

    python python/benches/extract.py target/spark-check/docs.jsonl

Best of three runs each: building the extractor, extracting one text at a
time, and batches on one and two threads, as dicts and as JSON text.
"""

import json
import sys
import time

import herald


def best(runs, work):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    # the records the command line would extract (it fails a bad date)
    good = []
    for record in records:
        try:
            if record.get("date"):
                __import__("datetime").date.fromisoformat(record["date"])
            good.append(record)
        except ValueError:
            pass
    texts = [r["text"] for r in good]
    dates = [r.get("date") for r in good]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} documents, {megabytes:.2f} MB")
    print(f"  build Extractor()                {best(3, herald.Extractor):6.3f} s")
    extractor = herald.Extractor()
    cases = {
        "extract, one at a time": lambda: [extractor.extract(t, d) for t, d in zip(texts, dates)],
        "extract_batch, threads=1": lambda: extractor.extract_batch(texts, dates, threads=1),
        "extract_batch, threads=2": lambda: extractor.extract_batch(texts, dates, threads=2),
        "extract_batch_json, threads=2": lambda: extractor.extract_batch_json(texts, dates, threads=2),
    }
    for name, work in cases.items():
        seconds = best(3, work)
        print(f"  {name:31} {seconds:6.3f} s  {len(texts) / seconds:7.0f} docs/s  "
              f"{megabytes / seconds:5.2f} MB/s")


if __name__ == "__main__":
    main()

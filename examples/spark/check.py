"""Checks that the Spark job's tables equal the command line's output, and
times both. Run by check.sh, which builds what it needs first:

    python check.py --herald-bin target/release/herald --wheel python/target/wheels/herald_nlp-….whl

1. makes the documents (make_docs.py: the shared corpus's paragraphs, or
   generated ones) in WORK/docs.jsonl;
2. runs `herald extract --jsonl-in --threads 2` over them (best of three);
3. runs herald_job.py with spark-submit on local[2], once with the Python
   package (the wheel shipped with --py-files) and once through RDD.pipe and
   the command line;
4. flattens the command line's JSON in plain Python into the rows the
   job's tables should hold, and compares them with what Spark wrote,
   table by table (rows as multisets; for the errors table, the failed
   record ids, since the two engines word a bad date differently);
5. prints the throughput of each and writes WORK/summary.json.

Exits 1 when any table differs.
"""

import argparse
import collections
import json
import os
import pathlib
import re
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_docs  # noqa: E402


def flatten(result):
    """One command-line result → the rows of each table (herald_spark.tables
    in plain Python, written independently of it)."""
    doc_id = result.get("id")
    rows = {"mentions": [], "events": [], "arguments": [], "errors": []}
    if "error" in result:
        rows["errors"].append({"doc_id": doc_id})
        return rows
    date = result["document_date"]
    for index, m in enumerate(result["entities"]):
        rows["mentions"].append({
            "doc_id": doc_id, "document_date": date, "mention_index": index,
            "entity_type": m["type"], "text": m["text"], "byte_start": m["start"],
            "byte_end": m["end"], "char_start": m["char_start"], "char_end": m["char_end"],
            "cluster": m["entity"], "canonical": m["canonical"], "value": m["value"],
            "source": m["source"], "attributes": m["attributes"],
        })
    for index, e in enumerate(result["events"]):
        trigger, sentence = e["trigger"], e["sentence"]
        rows["events"].append({
            "doc_id": doc_id, "document_date": date, "event_index": index,
            "event_id": e["id"], "event_type": e["type"], "trigger": trigger["text"],
            "trigger_byte_start": trigger["start"], "trigger_byte_end": trigger["end"],
            "trigger_char_start": trigger["char_start"], "trigger_char_end": trigger["char_end"],
            "sentence_char_start": sentence["char_start"], "sentence_char_end": sentence["char_end"],
            "event_date": e["date"], "modality": e["modality"], "rule": e["rule"],
            "argument_count": len(e["arguments"]),
        })
        for position, a in enumerate(e["arguments"]):
            rows["arguments"].append({
                "doc_id": doc_id, "event_index": index, "event_id": e["id"],
                "event_type": e["type"], "event_date": e["date"], "modality": e["modality"],
                "argument_index": position, "role": a["role"], "text": a["text"],
                "byte_start": a["start"], "byte_end": a["end"], "char_start": a["char_start"],
                "char_end": a["char_end"], "cluster": a["entity"],
            })
    return rows


def key(row):
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def run_cli(herald_bin, docs, out, threads=2, runs=3):
    """Best wall time of `runs` runs of the command line over docs."""
    best = None
    for _ in range(runs):
        with open(docs, "rb") as stdin, open(out, "wb") as stdout:
            started = time.perf_counter()
            done = subprocess.run(
                [herald_bin, "extract", "--jsonl-in", "--format", "jsonl",
                 "--threads", str(threads)],
                stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):  # 1: some records failed, reported
            sys.exit(f"herald extract failed with exit code {done.returncode}")
        best = seconds if best is None else min(best, seconds)
    return best


def run_job(work, docs, engine, wheel, herald_bin, partitions):
    """spark-submit herald_job.py on local[2]; its summary and wall time."""
    out = work / f"out-{engine}"
    command = [
        str(pathlib.Path(sys.executable).with_name("spark-submit")),
        "--master", "local[2]",
        "--conf", "spark.ui.enabled=false",
    ]
    if engine == "python":
        command += ["--py-files", str(wheel)]
    command += [str(HERE / "herald_job.py"), str(docs), str(out), "--engine", engine,
                "--partitions", str(partitions)]
    if engine == "pipe":
        command += ["--herald-bin", str(herald_bin)]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    log = work / f"spark-{engine}.log"
    started = time.perf_counter()
    with open(log, "w") as stream:
        done = subprocess.run(command, stdout=stream, stderr=subprocess.STDOUT, env=env)
    seconds = time.perf_counter() - started
    text = log.read_text()
    found = re.search(r"^herald-job (\{.*\})$", text, re.M)
    if done.returncode != 0 or not found:
        sys.exit(f"the {engine} job failed (exit {done.returncode}); see {log}")
    summary = json.loads(found.group(1))
    summary["wall_seconds"] = round(seconds, 3)
    return out, summary


def compare(spark, expected, out, engine):
    """Spark's tables under `out` against the expected rows; True when equal."""
    same = True
    for table, rows in expected.items():
        got = [row.asDict(recursive=True) for row in spark.read.parquet(str(out / table)).collect()]
        if table == "errors":
            got = [{"doc_id": row["doc_id"]} for row in got]
        want_keys = collections.Counter(key(row) for row in rows)
        got_keys = collections.Counter(key(row) for row in got)
        if want_keys == got_keys:
            print(f"  {engine:6} {table:9} {len(got):6} rows  equal")
            continue
        same = False
        missing = list((want_keys - got_keys).elements())
        extra = list((got_keys - want_keys).elements())
        print(f"  {engine:6} {table:9} {len(got):6} rows  DIFFER: {len(missing)} missing, "
              f"{len(extra)} unexpected")
        for row in missing[:3]:
            print(f"      missing    {row[:300]}")
        for row in extra[:3]:
            print(f"      unexpected {row[:300]}")
    return same


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--herald-bin", required=True)
    parser.add_argument("--wheel", required=True)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--work", default=str(HERE.parents[1] / "target" / "spark-check"))
    args = parser.parse_args()
    herald_bin = pathlib.Path(args.herald_bin).resolve()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()

    docs = work / "docs.jsonl"
    tally = {}
    with open(docs, "w", encoding="utf-8") as out:
        for record in make_docs.records(args.docs, tally):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    texts = [json.loads(line)["text"] for line in docs.open(encoding="utf-8")]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"documents: {len(texts)} ({megabytes:.2f} MB of text; {tally})")

    cli_out = work / "cli.jsonl"
    cli_seconds = run_cli(str(herald_bin), docs, cli_out)
    results = [json.loads(line) for line in cli_out.open(encoding="utf-8")]
    if len(results) != len(texts):
        sys.exit(f"the command line wrote {len(results)} results for {len(texts)} documents")
    expected = {"mentions": [], "events": [], "arguments": [], "errors": []}
    for result in results:
        for table, rows in flatten(result).items():
            expected[table].extend(rows)
    print("command line: " + ", ".join(f"{len(v)} {k}" for k, v in expected.items()))

    jobs = {}
    for engine in ("python", "pipe"):
        jobs[engine] = run_job(work, docs, engine, args.wheel, herald_bin, args.partitions)
        print(f"spark {engine}: {json.dumps(jobs[engine][1])}")

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]").appName("herald-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print("tables against the command line:")
    same = all([compare(spark, expected, out, engine) for engine, (out, _) in jobs.items()])
    spark.stop()

    def rate(seconds):
        return f"{len(texts) / seconds:8.0f} docs/s {megabytes / seconds:6.2f} MB/s"

    print(f"throughput on {len(texts)} documents, {megabytes:.2f} MB:")
    print(f"  herald extract --threads 2      {cli_seconds:7.2f} s  {rate(cli_seconds)}")
    for engine, (_, summary) in jobs.items():
        wall, extract = summary["wall_seconds"], summary["extract_seconds"]
        print(f"  spark local[2] {engine:6} wall     {wall:7.2f} s  {rate(wall)}")
        print(f"  spark local[2] {engine:6} extract  {extract:7.2f} s  {rate(extract)}"
              "  (session up to results counted)")
    total = time.perf_counter() - began
    summary = {
        "documents": len(texts), "megabytes": round(megabytes, 3), "sources": tally,
        "cli_threads_2_seconds": round(cli_seconds, 3),
        "spark": {engine: summary for engine, (_, summary) in jobs.items()},
        "equal": same, "check_seconds": round(total, 1),
    }
    (work / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"check: {'equal' if same else 'DIFFERENT'} ({total:.0f} s in all; {work / 'summary.json'})")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()

"""herald over a corpus with PySpark: entities and events as Parquet tables.

    spark-submit --master 'local[2]' --py-files herald_nlp-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl \
        herald_job.py docs.jsonl out/                      # the Python package, in the executors
    spark-submit --master 'local[2]' herald_job.py --engine pipe --herald-bin /usr/local/bin/herald \
        docs.jsonl out/                                    # the herald command, through RDD.pipe

Input: JSON Lines (or Parquet, `--input-format parquet`) records with `id`,
`text` and optionally `date` (`YYYY-MM-DD`), as `herald extract --jsonl-in`
reads them. Output, one Parquet table per folder under OUTPUT:

- `mentions/`: one row per entity mention
- `events/`: one row per event mention
- `arguments/`: one row per event argument (the event's type, id, date and
  modality repeated, so most questions need no join)
- `errors/`: one row per record that could not be extracted (a bad date)

Both engines produce the same rows. Between the extraction and the tables
everything is Spark SQL on herald's JSON (`from_json` with the schema in
herald_spark.py, then `posexplode`), so the flattening is the same code for
both.

The Python engine builds one `herald.Extractor` per Python worker process,
lazily, on the first partition that worker gets (Spark reuses its Python
workers, so later partitions reuse it), and extracts a partition in chunks.
The pipe engine starts one `herald extract --jsonl-in` per partition and
streams the partition's records through it.
"""

import argparse
import json
import os
import shlex
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


# -----------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON Lines or Parquet records: id, text, date")
    parser.add_argument("output", help="folder for the Parquet tables")
    parser.add_argument("--engine", choices=["python", "pipe"], default="python")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"])
    parser.add_argument(
        "--herald-bin", default="herald", help="the herald command on the executors (pipe)"
    )
    parser.add_argument("--partitions", type=int, help="default: Spark's default parallelism")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName(f"herald-{args.engine}").getOrCreate()
    sc = spark.sparkContext
    started = time.perf_counter()

    fmt = args.input_format or ("parquet" if args.input.endswith(".parquet") else "jsonl")
    if fmt == "parquet":
        records = spark.read.parquet(args.input)
    else:
        schema = "id STRING, text STRING, date STRING"
        records = spark.read.schema(schema).json(args.input)
    records = records.select(
        F.col("id").cast("string"), F.col("text"), F.col("date").cast("string")
    )
    partitions = args.partitions or sc.defaultParallelism
    records = records.repartition(partitions)  # spread over the cores

    # The executors import the helpers from a shipped module (see its docs):
    # shipped here unless spark-submit --py-files already did.
    if "herald_spark.py" not in sc.getConf().get("spark.submit.pyFiles", ""):
        sc.addPyFile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "herald_spark.py"))
    import herald_spark

    built = sc.accumulator(0)
    if args.engine == "python":
        lines = records.rdd.mapPartitions(
            lambda rows: herald_spark.extract_partition(((r[0], r[1], r[2]) for r in rows), built)
        )
    else:
        command = [args.herald_bin, "extract", "--jsonl-in", "--format", "jsonl", "--threads", "1"]
        # One {"id", "text", "date"} line per record (a null date is left
        # out), as `herald extract --jsonl-in` reads them.
        records_json = records.select(F.to_json(F.struct("id", "text", "date")))
        lines = records_json.rdd.map(lambda row: row[0]).pipe(shlex.join(command))

    results = herald_spark.parse_results(spark, lines).persist()
    documents = results.count()  # the extraction runs here, once
    extracted = time.perf_counter()
    for name, table in herald_spark.tables(results).items():
        table.write.mode("overwrite").parquet(os.path.join(args.output, name))
    finished = time.perf_counter()
    counts = {
        name: spark.read.parquet(os.path.join(args.output, name)).count()
        for name in ("mentions", "events", "arguments", "errors")
    }
    summary = {
        "engine": args.engine,
        "documents": documents,
        **counts,
        "extract_seconds": round(extracted - started, 3),
        "total_seconds": round(finished - started, 3),
        "partitions": partitions,
    }
    if args.engine == "python":
        summary["extractors_built"] = built.value
    print("herald-job " + json.dumps(summary), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()

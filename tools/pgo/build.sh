#!/usr/bin/env bash
# Builds the `herald` command with profile-guided optimization (PGO): an
# instrumented build extracts a training set of news text, and the release
# build is then compiled with the branch and call counts it recorded.
# Extraction is branchy code spread over many stages, and the profile lets
# the compiler lay out and inline for the paths news actually takes (see
# BENCHMARKS.md, "Profile-guided build": about a tenth fewer instructions,
# a sixth fewer instruction-cache misses and a tenth fewer mispredicted
# branches on articles the profile never saw). Output is identical.
#
# usage: tools/pgo/build.sh [--wheel] [TRAINING_DIR...]
#
# TRAINING_DIR: directories of news as .txt files, each read as one
# document and, line by line, as paragraphs. Without arguments it trains on
# the shared benchmark corpus beside the project (../shared/corpus) when it
# is there, else on the example stories in examples/texts (small: most of
# the gain needs a few hundred articles).
#
# --wheel: build the Python package's wheel (python/) the same way instead,
# trained through the Python API (`extract_batch_json`, `extract_batch`).
# It installs maturin (the version python/requirements-dev.txt pins) into a
# virtualenv under target/pgo/, from PyPI.
#
# Needs llvm-profdata of the toolchain's LLVM: `rustup component add
# llvm-tools`. Writes under target/pgo/ and prints the optimized binary's
# (or wheel's) path. CI does not run it: the tests and the criterion benches
# run the ordinary build.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

profdata=$(find "$(rustc --print sysroot)" -name llvm-profdata -type f -print -quit 2>/dev/null)
if [ -z "$profdata" ]; then
    echo "tools/pgo/build.sh: no llvm-profdata in $(rustc --print sysroot);" \
        "install it with: rustup component add llvm-tools" >&2
    exit 2
fi

wheel=false
if [ "${1:-}" = "--wheel" ]; then
    wheel=true
    shift
fi

if [ "$#" -gt 0 ]; then
    training=("$@")
elif [ -d ../shared/corpus ]; then
    training=(../shared/corpus)
else
    training=(examples/texts)
fi
for dir in "${training[@]}"; do
    if [ ! -d "$dir" ]; then
        echo "tools/pgo/build.sh: training directory $dir does not exist" >&2
        exit 2
    fi
done

work=$root/target/pgo

if $wheel; then
    venv=$work/venv
    if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
        python3 -m venv --clear "$venv"
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "$(grep '^maturin==' python/requirements-dev.txt)"
    rm -rf "$work/wheel-profiles" "$work/wheel-gen" "$work/wheel"
    mkdir -p "$work/wheel-profiles"

    echo "pgo: instrumented wheel" >&2
    RUSTFLAGS="-Cprofile-generate=$work/wheel-profiles" \
        "$venv/bin/maturin" build --release --quiet -m python/Cargo.toml \
        --target-dir "$work/wheel-gen-target" --out "$work/wheel-gen"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --force-reinstall --no-deps "$work"/wheel-gen/*.whl

    echo "pgo: training on ${training[*]}" >&2
    "$venv/bin/python" - "${training[@]}" <<'PYTHON'
import pathlib
import sys

import herald

texts = [
    path.read_text(encoding="utf-8", errors="replace")
    for directory in sys.argv[1:]
    for path in sorted(pathlib.Path(directory).rglob("*.txt"))
]
lines = [line for text in texts for line in text.splitlines() if line.strip()]
extractor = herald.Extractor()
extractor.extract_batch_json(texts, threads=1)
extractor.extract_batch_json(lines, threads=1)
# the dict results, built by other code
extractor.extract_batch(texts, threads=1)
PYTHON

    "$profdata" merge -o "$work/wheel.profdata" "$work/wheel-profiles"

    echo "pgo: optimized wheel" >&2
    RUSTFLAGS="-Cprofile-use=$work/wheel.profdata" \
        "$venv/bin/maturin" build --release --quiet -m python/Cargo.toml \
        --target-dir "$work/wheel-use-target" --out "$work/wheel"
    ls "$work"/wheel/*.whl
    exit 0
fi

rm -rf "$work/profiles"
mkdir -p "$work/profiles"

echo "pgo: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$work/profiles" \
    cargo build --release --quiet --target-dir "$work/gen" --bin herald

echo "pgo: training on ${training[*]}" >&2
"$work/gen/release/herald" extract --threads 1 "${training[@]}" > /dev/null
"$work/gen/release/herald" extract --threads 1 --lines "${training[@]}" > /dev/null

"$profdata" merge -o "$work/herald.profdata" "$work/profiles"

echo "pgo: optimized build" >&2
RUSTFLAGS="-Cprofile-use=$work/herald.profdata" \
    cargo build --release --quiet --target-dir "$work/use" --bin herald

echo "$work/use/release/herald"

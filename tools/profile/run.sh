#!/bin/bash
# Instruction profile of extraction for tools/profile/lines.py: callgrind
# with per-instruction costs, collected only inside Extractor::extract_with
# (loading and JSON left out), over a JSONL file of {"id","text"} records.
# The binary is copied beside the profile: addresses only mean something
# for the build that was profiled.
#
#   tools/profile/run.sh articles.jsonl [out-dir]   (default target/profile)
set -euo pipefail
input=${1:?usage: tools/profile/run.sh input.jsonl [out-dir]}
out=${2:-target/profile}
cd "$(dirname "$0")/../.."
cargo build --release --quiet
mkdir -p "$out"
cp target/release/herald "$out/herald"
valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$out/callgrind.out" \
    --toggle-collect='*extract_with*' \
    "$out/herald" extract --jsonl-in --threads 1 < "$input" > /dev/null 2> "$out/valgrind.log"
callgrind_annotate "$out/callgrind.out" | grep 'PROGRAM TOTALS'
echo "now: tools/profile/lines.py $out/callgrind.out $out/herald"

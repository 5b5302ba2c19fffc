#!/usr/bin/env bash
# Load test for `herald serve` on loopback: 64 clients for 60 s by default
# (bounded in time and in requests), every answer checked against
# `herald extract --jsonl-in` for the same document. Prints requests/s,
# p50/p99 latency and the failed or wrong answers (the run fails if any).
#   tools/load/run.sh [--clients N] [--seconds S] [--max-requests N]
# SERVE_ARGS adds arguments to `herald serve` (e.g. "--threads 2").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin herald
herald="$root/target/release/herald"
out="$(mktemp)"
# shellcheck disable=SC2086 # SERVE_ARGS is a list of words
"$herald" serve --addr 127.0.0.1:0 ${SERVE_ARGS:-} >"$out" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do
    [ -s "$out" ] && break
    sleep 0.1
done
addr="$(head -1 "$out" | sed -n 's|.*http://||p')"
[ -n "$addr" ] || { echo "herald serve did not start" >&2; exit 2; }
echo "herald serve on $addr, $(nproc) cores"
python3 "$here/load.py" --herald "$herald" --addr "$addr" "$@"

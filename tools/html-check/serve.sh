#!/usr/bin/env bash
# Starts `herald serve` on a free loopback port and checks its page in
# headless Chromium (serve.mjs): a story pasted and run shows its entities
# and event cards. Needs Debian's chromium and Node.js, like run.sh.
#   tools/html-check/serve.sh                 check
#   tools/html-check/serve.sh --screenshot    also refresh docs/serve-view.png
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || {
    echo "chromium not found: apt-get install chromium" >&2; exit 2; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm install --silent --no-audit --no-fund)
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin herald
out="$(mktemp)"
"$root/target/release/herald" serve --addr 127.0.0.1:0 >"$out" 2>/dev/null &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do
    [ -s "$out" ] && break
    sleep 0.1
done
addr="$(head -1 "$out" | sed -n 's|.*http://||p')"
[ -n "$addr" ] || { echo "herald serve did not start" >&2; exit 2; }
shot=()
if [ "${1:-}" = "--screenshot" ]; then shot=("$root/docs/serve-view.png"); fi
node "$here/serve.mjs" "http://$addr/" "$root/examples/texts/minister-visit.txt" "${shot[@]}"

#!/usr/bin/env bash
# Renders the example stories as one HTML page and checks it in headless
# Chromium (check.mjs). Needs Debian's chromium (`apt-get install chromium`)
# and Node.js; installs playwright-core (no browser download) here.
#   tools/html-check/run.sh                 check
#   tools/html-check/run.sh --screenshot    also refresh docs/html-view.png
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || {
    echo "chromium not found: apt-get install chromium" >&2; exit 2; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm install --silent --no-audit --no-fund)
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin herald
page="$(mktemp --suffix .html)"
trap 'rm -f "$page"' EXIT
(cd "$root" && target/release/herald extract --format html examples/texts) > "$page"
shot=()
if [ "${1:-}" = "--screenshot" ]; then shot=("$root/docs/html-view.png"); fi
node "$here/check.mjs" "$page" "${shot[@]}"

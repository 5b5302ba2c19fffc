#!/usr/bin/env bash
# Memory and stream throughput of `herald extract`, the figures of
# BENCHMARKS.md's "Streams and memory" section:
#   1. a JSONL stream of paragraph records (--jsonl-in), at 20 MB and at
#      200 MB: peak resident memory must not grow with the stream, and
#      the MB/s with 1 and 2 threads;
#   2. one 50 MB document: peak memory per input byte.
# The inputs are made at run time under target/memory from the news
# corpus (paragraphs repeated, each record with its own id) and never
# kept in the repository.
#   tools/memory/run.sh [CORPUS_DIR]     default ../shared/corpus
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
out="$root/target/memory"
mkdir -p "$out"
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin herald
herald="$root/target/release/herald"

python3 - "$corpus" "$out" <<'PY'
import json, pathlib, sys
corpus, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
paragraphs = [p.strip() for f in sorted(corpus.rglob("*.txt"))
              for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
if not paragraphs:
    sys.exit(f"no .txt files under {corpus}")
def stream(path, megabytes):
    written, n = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while written < megabytes * 1_000_000:
            text = paragraphs[n % len(paragraphs)]
            f.write(json.dumps({"id": f"p{n}", "text": text}) + "\n")
            written += len(text.encode())
            n += 1
    return n
def document(path, megabytes):
    articles = [f.read_text(encoding="utf-8") for f in sorted(corpus.rglob("*.txt"))]
    with open(path, "w", encoding="utf-8") as f:
        written, n = 0, 0
        while written < megabytes * 1_000_000:
            a = articles[n % len(articles)]
            f.write(a + "\n\n")
            written += len(a.encode()) + 2
            n += 1
for mb in (20, 200):
    path = out / f"stream-{mb}MB.jsonl"
    if not path.exists():
        print(f"{path.name}: {stream(path, mb)} records", file=sys.stderr)
path = out / "document-50MB.txt"
if not path.exists():
    document(path, 50)
PY

# Peak RSS (kB) and seconds of one run: "KB SECONDS".
measure() {
    /usr/bin/time -f '%M %e' -o "$out/time.txt" "$@" >/dev/null
    cat "$out/time.txt"
}
text_mb() { # MB of text in a JSONL stream (what the MB/s figures divide)
    python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1], encoding="utf-8"))/1e6)' "$1"
}

echo "| input | threads | text MB | seconds | MB/s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|"
for mb in 20 200; do
    stream="$out/stream-$mb""MB.jsonl"
    megabytes=$(text_mb "$stream")
    for threads in 1 2; do
        read -r kb seconds < <(measure "$herald" extract --jsonl-in --format jsonl --threads "$threads" "$stream")
        awk -v m="$megabytes" -v s="$seconds" -v kb="$kb" -v t="$threads" -v n="$mb" \
            'BEGIN { printf "| %d MB JSONL stream | %d | %.1f | %.1f | %.2f | %.0f |\n", n, t, m, s, m / s, kb / 1024 }'
    done
done
doc="$out/document-50MB.txt"
bytes=$(stat -c %s "$doc")
read -r kb seconds < <(measure "$herald" extract --format jsonl --threads 1 --max-document-bytes 60000000 "$doc")
awk -v b="$bytes" -v s="$seconds" -v kb="$kb" \
    'BEGIN { printf "| one %.0f MB document | 1 | %.1f | %.1f | %.2f | %.0f (%.1f bytes per input byte) |\n", b / 1e6, b / 1e6, s, b / 1e6 / s, kb / 1024, kb * 1024 / b }'

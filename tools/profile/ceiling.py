#!/usr/bin/env python3
"""Holds extraction's instruction count under the ceilings in
tools/profile/ceilings.toml, as CI holds the accuracy scores above
eval/floors.toml.

Instructions are counted by callgrind inside `Extractor::extract_with`
(loading and JSON left out), which repeat exactly on a shared machine
where wall time does not. The input is the slice of the shared news corpus
BENCHMARKS.md's callgrind table is measured on: the first 118 articles of
`bbc-politics` in file-name order, once as whole articles and once split
into their paragraphs (blank-line separated), so that per-document costs
show too.

    tools/profile/ceiling.py [--binary target/release/herald]
                             [--corpus ../shared/corpus/bbc-politics]
                             [--ceilings tools/profile/ceilings.toml]

Exits 1 when a figure is above its ceiling, 2 when it cannot measure
(no valgrind, no corpus, a binary that fails). A figure well below its
ceiling is reported with the ceiling it would allow: lower the file's
ceiling when a speed-up lands; raise it only with the reason written in
BENCHMARKS.md.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTICLES = 118
# Headroom kept under a ceiling: compiler versions and unrelated edits move
# the count by up to about 1% (how the crate falls into codegen units).
HEADROOM = 0.03


def articles(corpus, count=ARTICLES):
    """The first `count` articles of `corpus` in file-name order, as
    (id, text)."""
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))[:count]
    if len(names) < count:
        raise ValueError(f"{corpus}: {len(names)} articles, {count} needed")
    out = []
    for name in names:
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            out.append((name, f.read()))
    return out


def paragraphs(docs):
    """Each document's blank-line separated paragraphs, as (id, text)."""
    out = []
    for name, text in docs:
        pieces = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        out.extend((f"{name}#{i}", p) for i, p in enumerate(pieces))
    return out


def jsonl(docs):
    """The documents as the command's `--jsonl-in` reads them."""
    return "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs)


def total_instructions(profile_text):
    """The instruction total of a callgrind output file."""
    for line in profile_text.splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise ValueError("no totals line in the callgrind output")


def count(binary, docs, out):
    """Instructions inside `extract_with` over `docs`, one thread; the
    profile is written to `out`."""
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            "--toggle-collect=*extract_with*",
            binary,
            "extract",
            "--jsonl-in",
            "--threads",
            "1",
        ],
        input=jsonl(docs).encode(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if result.returncode != 0:
        tail = result.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{binary} under callgrind exited {result.returncode}:\n{tail}")
    with open(out, encoding="utf-8") as f:
        return total_instructions(f.read())


def verdict(name, per_byte, ceiling):
    """(ok, message) for one figure against its ceiling."""
    if per_byte > ceiling:
        return False, f"{name}: {per_byte:.1f} instructions a byte, above the ceiling of {ceiling}"
    message = f"{name}: {per_byte:.1f} instructions a byte (ceiling {ceiling})"
    allowed = int(per_byte * (1 + HEADROOM)) + 1
    if allowed < ceiling:
        message += f"; the ceiling can come down to {allowed}"
    return True, message


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/herald"))
    parser.add_argument(
        "--corpus", default=os.path.join(ROOT, "../shared/corpus/bbc-politics")
    )
    parser.add_argument(
        "--ceilings", default=os.path.join(ROOT, "tools/profile/ceilings.toml")
    )
    args = parser.parse_args(argv)
    try:
        with open(args.ceilings, "rb") as f:
            ceilings = tomllib.load(f)
        if shutil.which("valgrind") is None:
            raise RuntimeError("valgrind is not installed")
        if not os.access(args.binary, os.X_OK):
            raise RuntimeError(f"{args.binary}: no such binary (cargo build --release)")
        docs = articles(args.corpus)
        slices = {"articles": docs, "paragraphs": paragraphs(docs)}
        unknown = set(ceilings) - set(slices)
        if unknown:
            raise ValueError(f"{args.ceilings}: unknown slice {sorted(unknown)[0]!r}")
    except (OSError, ValueError, RuntimeError, tomllib.TOMLDecodeError) as e:
        print(f"ceiling: {e}", file=sys.stderr)
        return 2
    missing = [name for name in slices if "per_byte" not in ceilings.get(name, {})]
    if missing:
        print(f"ceiling: {args.ceilings}: no per_byte for {missing[0]}", file=sys.stderr)
        return 2
    # The slices are counted side by side: callgrind runs a program many
    # times slower, loading included, and CI has two cores.
    with tempfile.TemporaryDirectory() as workdir, concurrent.futures.ThreadPoolExecutor() as pool:
        runs = {
            name: pool.submit(count, args.binary, docs, os.path.join(workdir, f"{name}.out"))
            for name, docs in slices.items()
        }
        ok = True
        for name, docs in slices.items():
            size = sum(len(t.encode()) for _, t in docs)
            try:
                instructions = runs[name].result()
            except (OSError, ValueError, RuntimeError) as e:
                print(f"ceiling: {e}", file=sys.stderr)
                return 2
            passed, message = verdict(name, instructions / size, ceilings[name]["per_byte"])
            print(f"{message} ({instructions:,} over {len(docs)} documents, {size:,} bytes)")
            ok &= passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Helpers shared by the tests: the `herald` command line to compare with."""

import json
import os
import pathlib
import subprocess

REPO = pathlib.Path(__file__).resolve().parents[2]


def find_cli() -> pathlib.Path:
    """HERALD_BIN, else the newest herald built in the repository, else a
    fresh debug build."""
    if os.environ.get("HERALD_BIN"):
        return pathlib.Path(os.environ["HERALD_BIN"])
    built = [REPO / "target" / profile / "herald" for profile in ("release", "debug")]
    built = [path for path in built if path.exists()]
    if built:
        return max(built, key=lambda path: path.stat().st_mtime)
    subprocess.run(["cargo", "build", "--quiet", "--bin", "herald"], cwd=REPO, check=True)
    return REPO / "target" / "debug" / "herald"


def run_cli(cli, records, *args):
    """`herald extract --jsonl-in` over records; one dict per record, in order."""
    stdin = "".join(json.dumps(record) + "\n" for record in records)
    done = subprocess.run(
        [str(cli), "extract", "--jsonl-in", "--format", "jsonl", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def without_cli_fields(result):
    """A command-line result less what only the command adds."""
    return {k: v for k, v in result.items() if k not in ("id", "file", "line")}

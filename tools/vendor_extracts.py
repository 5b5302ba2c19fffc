#!/usr/bin/env python3
"""Refresh the trimmed extracts of outside datasets in tools/sources/.

CI cannot reach GitHub, so the build scripts read these extracts, never the
repositories. Run this by hand with local clones to take a newer version,
then rebuild (tools/README.md) and review the diff:

    python3 tools/vendor_extracts.py clubs PATH/TO/openfootball/clubs
    python3 tools/vendor_extracts.py companies PATH/TO/datasets/s-and-p-500-companies
    python3 tools/vendor_extracts.py officeholders PATH/TO/every-politician-scrapers/world

PATH may be a work tree or a bare git directory; the committed HEAD is read.
Each extract starts with a header naming the repository, commit, paths and
license, and keeps the source's text unchanged apart from the trimming the
header states.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "sources"


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def head(repo: str) -> tuple[str, str]:
    commit, date = git(repo, "log", "-1", "--format=%H %cs").split()
    return commit, date


def clubs(repo: str) -> None:
    commit, date = head(repo)
    paths = sorted(
        p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
        if re.fullmatch(r"[a-z-]+/[a-z-]+/[a-z]+\.clubs\.txt", p)
    )
    out = [
        "# Football clubs: trimmed extract of github.com/openfootball/clubs",
        f"# commit {commit} ({date}); files: */*/*.clubs.txt ({len(paths)} files)",
        "# license: CC0 1.0 Universal (public domain dedication), see LICENSE.md there.",
        "# trimmed: comment-only lines and blank lines removed; each file starts with '@file PATH'.",
        "# refresh: python3 tools/vendor_extracts.py clubs PATH; read by tools/build_gazetteers.py",
    ]
    for path in paths:
        out.append(f"@file {path}")
        for line in git(repo, "show", f"HEAD:{path}").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(line.rstrip())
    (SOURCES / "openfootball-clubs.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


def companies(repo: str) -> None:
    commit, date = head(repo)
    path = "data/constituents.csv"
    rows = git(repo, "show", f"HEAD:{path}").splitlines()
    out = [
        "# S&P 500 constituents: extract of github.com/datasets/s-and-p-500-companies",
        f"# commit {commit} ({date}); file: {path}",
        "# license: Open Data Commons Public Domain Dedication and License (ODC-PDDL-1.0), per datapackage.json.",
        "# trimmed: only the Symbol and Security columns.",
        "# refresh: python3 tools/vendor_extracts.py companies PATH; read by tools/build_gazetteers.py",
    ]
    import csv

    for row in csv.reader(rows):
        out.append(",".join(f'"{c}"' if "," in c else c for c in row[:2]))
    (SOURCES / "sp500-companies.csv").write_text("\n".join(out) + "\n", encoding="utf-8")


def officeholders(repo: str) -> None:
    commit, date = head(repo)
    path = "sources/foreign/wikidata.csv"
    out = [
        "# Foreign ministers in office (Wikidata query results): extract of",
        "# github.com/every-politician-scrapers/world",
        f"# commit {commit} ({date}); file: {path}",
        "# license: the rows are Wikidata statements, CC0 1.0 (Wikidata's data license);",
        "# the repository states no license of its own and adds nothing but the query.",
        "# trimmed: only the columns person (QID), name, country (QID), countryLabel, start.",
        "# refresh: python3 tools/vendor_extracts.py officeholders PATH; read by tools/build_people.py",
    ]
    import csv

    reader = csv.DictReader(git(repo, "show", f"HEAD:{path}").splitlines())
    out.append("person,name,country,countryLabel,start")
    for row in reader:
        if row["person"] and row["name"]:
            cells = [row["person"], row["name"], row["country"], row["countryLabel"], row["start"]]
            out.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    (SOURCES / "people" / "wikidata-foreign-ministers.csv").write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    actions = {"clubs": clubs, "companies": companies, "officeholders": officeholders}
    if len(sys.argv) != 3 or sys.argv[1] not in actions:
        print(__doc__, file=sys.stderr)
        return 2
    actions[sys.argv[1]](sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())

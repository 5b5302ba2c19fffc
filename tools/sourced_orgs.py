"""Organization lists built from vendored public-domain sources.

Two lists, both read from trimmed extracts under tools/sources/ whose headers
name the repository, commit, path and license:

- football clubs, from openfootball/clubs (CC0 1.0): `parse_clubs` reads its
  plain-text format, `club_entries` turns clubs into ORG entries;
- companies in the S&P 500 index, from datasets/s-and-p-500-companies
  (ODC-PDDL 1.0): `parse_companies` reads the CSV, `company_entries` adds the
  legal-suffix variants news text uses ("Boeing Co", "Boeing Company").

A club or company name that is also something else in news text is left out:
a town ("Leeds", "Chelsea": a rule reads a town in a sports context as its
team), a country or region, a person's given name or common surname, a common
English word, or an alias that two entries share ("Sporting", "Rangers").
Those checks take a `Blocklist` so that this module needs no gazetteer of its
own and its tests need no package.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

# Extract files begin each source file with this marker and its path.
FILE_MARKER = "@file "
# Club-file names whose prefix is not an ISO 3166-1 alpha-2 code.
CLUB_FILE_COUNTRIES = {"eng": "GB", "sco": "GB", "wal": "GB", "nir": "GB", "kos": "XK"}
# "[en]" after an alias marks its language.
LANGUAGE_MARK = re.compile(r"\s*\[[a-z]{2}\]")
# "Thames AFC (1928-1932)": years a defunct club existed.
PARENTHESES = re.compile(r"\s*\([^)]*\)")
# Legal suffixes of company names, each with the spellings news text uses.
COMPANY_SUFFIXES = [
    ("Incorporated", "Inc.", "Inc"),
    ("Corporation", "Corp.", "Corp"),
    ("Company", "Co.", "Co"),
    ("Limited", "Ltd.", "Ltd"),
    ("plc", "PLC"),
]
# "Group" and "Holdings" are not legal suffixes: the name without them is a
# phrase of its own ("American International").
# A one-word alias used in more clubs' names than this is a generic word.
GENERIC_WORD_CLUBS = 3
# Longer aliases are official long forms ("1. Fussball-Club Nuernberg - Verein
# fuer Leibesuebungen") that news text does not write; each costs load time.
MAX_CLUB_ALIAS_WORDS = 4
# Shortest alias kept: two-letter names ("AZ", "GE") are mostly something else.
MIN_ALIAS = 3


class SourceError(Exception):
    """A vendored extract is not in the format its parser expects."""


def fold(name: str) -> str:
    """Case-, diacritic- and spacing-insensitive key, as the matcher compares names."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").replace("‘", "'").replace("–", "-")
    return " ".join(stripped.casefold().split())


def clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Club:
    """One club of an openfootball clubs file."""

    name: str
    country: str
    aliases: list[str] = field(default_factory=list)
    # The town (and district) the club line gives: never an alias of the club.
    places: list[str] = field(default_factory=list)
    where: str = ""


@dataclass
class Blocklist:
    """Names that an ORG alias must not take, folded with `fold`.

    `names` are blocked whatever their length (places, demonyms, titles,
    other organizations); `words` only as a whole one-word alias (English
    words, given names, common surnames), since inside a longer name they are
    harmless ("Crystal Palace", "Aston Villa")."""

    names: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    def blocks(self, alias: str) -> bool:
        # "Tom'" is "Tom" to the matcher, which drops attached joiners.
        key = " ".join(w.strip("'.-") for w in fold(alias).split())
        return key in self.names or (" " not in key and key in self.words)


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _name(text: str) -> str:
    return clean(PARENTHESES.sub("", LANGUAGE_MARK.sub("", text)))


def parse_clubs(text: str, source: str) -> list[Club]:
    """Clubs from an openfootball extract: `@file PATH` lines, then the file's
    club lines (`Name, founded, @ stadium, Town (District)`) and their alias
    lines (`| alias | alias`). Reserve teams (`ii) …`) and indented address
    lines are skipped. A malformed line raises SourceError naming source:line."""
    clubs: list[Club] = []
    country = None
    current: Club | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        where = f"{source}:{lineno}"
        if raw.startswith(FILE_MARKER):
            path = raw[len(FILE_MARKER):].strip()
            prefix = path.rsplit("/", 1)[-1].split(".", 1)[0]
            country = CLUB_FILE_COUNTRIES.get(prefix, prefix.upper())
            if not re.fullmatch(r"[A-Z]{2}", country):
                raise SourceError(f"{where}: cannot tell the country of {path!r}")
            current = None
            continue
        line = strip_comment(raw)
        stripped = line.strip()
        if not stripped or stripped.startswith("="):
            continue
        if country is None:
            raise SourceError(f"{where}: a club line before the first {FILE_MARKER.strip()} line")
        if stripped.startswith("|"):
            if current is not None:
                current.aliases += [a for a in (_name(p) for p in stripped.split("|")) if a]
            continue
        if re.match(r"^[ivx]+\)", stripped):
            current = None  # a reserve team; its alias lines follow
            continue
        if line[0].isspace():
            current = None if "//" in line else current  # an address line
            continue
        parts = [clean(p) for p in stripped.split(",")]
        # "Name | alias" on the club line itself
        name, *inline = [_name(p) for p in parts[0].split("|")]
        if not name or not any(c.isalpha() for c in name):
            raise SourceError(f"{where}: a club line without a name: {raw!r}")
        places = []
        for part in parts[1:]:
            if part.startswith("@") or re.fullmatch(r"\d{4}", part):
                continue
            # "London (Fulham)", "Madrid › Comunidad de Madrid"
            for place in re.split(r"[()›]", part):
                if clean(place):
                    places.append(clean(place))
        current = Club(name, country, [a for a in inline if a], places, where)
        clubs.append(current)
    return clubs


def _usable(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    if len(letters) < MIN_ALIAS:
        return False
    # An all-lowercase alias would match ordinary words; the matcher lets a
    # lowercase alias token match any case.
    return any(c.isupper() for c in alias)


def club_entries(clubs: list[Club], blocked: Blocklist) -> tuple[list[tuple[str, list[str], str]], dict[str, int]]:
    """(canonical, aliases, country) for each club with a usable name, and
    counts of what was dropped. An alias is dropped when it is blocked, names
    the club's own town, is shared by two clubs, is a word many clubs' names
    share, or is too short or too long; a club whose every name is dropped is
    left out."""
    owners: dict[str, set[int]] = {}
    for index, club in enumerate(clubs):
        for alias in [club.name, *club.aliases]:
            owners.setdefault(fold(alias), set()).add(index)
    # Clubs whose names use each word: a one-word alias that several other
    # clubs' names contain ("Deportivo", "Sport", "Athletic") names none of them.
    word_clubs: dict[str, set[int]] = {}
    for index, club in enumerate(clubs):
        for alias in [club.name, *club.aliases]:
            for word in fold(alias).split():
                word_clubs.setdefault(word, set()).add(index)
    dropped = {"blocked": 0, "town": 0, "shared": 0, "generic": 0, "short": 0, "long": 0, "clubs": 0}
    out = []
    for index, club in enumerate(clubs):
        towns = {fold(p) for p in club.places}
        kept: list[str] = []
        seen: set[str] = set()
        for alias in [club.name, *club.aliases]:
            key = fold(alias)
            if key in seen:
                continue
            seen.add(key)
            if not _usable(alias):
                dropped["short"] += 1
            elif alias != club.name and len(key.split()) > MAX_CLUB_ALIAS_WORDS:
                dropped["long"] += 1
            elif key in towns:
                dropped["town"] += 1
            elif blocked.blocks(alias):
                dropped["blocked"] += 1
            elif len(owners[key]) > 1:
                dropped["shared"] += 1
            elif " " not in key and len(word_clubs.get(key, ())) > GENERIC_WORD_CLUBS:
                dropped["generic"] += 1
            else:
                kept.append(alias)
        if not kept:
            dropped["clubs"] += 1
            continue
        # The listed name when it survived, else the longest remaining one.
        canonical = kept[0] if kept[0] == club.name else max(kept, key=len)
        out.append((canonical, [a for a in kept if a != canonical], club.country))
    return out, dropped


@dataclass
class Company:
    """One row of the S&P 500 constituents extract."""

    name: str
    symbol: str
    where: str = ""


def parse_companies(text: str, source: str) -> list[Company]:
    """Rows of the constituents CSV (comment lines start with `#`): the
    `Security` column is the company's name, `Symbol` its ticker."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    offset = len(text.splitlines()) - len(lines)
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if not reader.fieldnames or not {"Symbol", "Security"} <= set(reader.fieldnames):
        raise SourceError(f"{source}:{offset + 1}: expected a header with Symbol and Security columns")
    out = []
    for number, row in enumerate(reader, offset + 2):
        name, symbol = clean(row.get("Security") or ""), clean(row.get("Symbol") or "")
        if not name or not symbol:
            raise SourceError(f"{source}:{number}: a row without a name or symbol")
        out.append(Company(name, symbol, f"{source}:{number}"))
    return out


def company_names(name: str) -> tuple[str, list[str]]:
    """The canonical name and its variants: "(Class A)" and "(The)" dropped,
    the legal suffix in each spelling, and the bare name ("Boeing Company" ->
    "Boeing Co", "Boeing Co.", "Boeing")."""
    base = clean(PARENTHESES.sub("", name))
    names = [base]
    words = base.split(" ")
    for family in COMPANY_SUFFIXES:
        if len(words) > 1 and words[-1] in family:
            stem = " ".join(words[:-1]).rstrip(",")
            names += [f"{stem} {suffix}" for suffix in family]
            names.append(stem)
            break
    seen: set[str] = set()
    unique = []
    for n in names:
        if fold(n) not in seen:
            seen.add(fold(n))
            unique.append(n)
    return unique[0], unique[1:]


def company_entries(companies: list[Company], blocked: Blocklist) -> tuple[list[tuple[str, list[str]]], dict[str, int]]:
    """(canonical, aliases) for each company; an alias is dropped when it is
    blocked or too short, a company when its canonical name is blocked (a
    one-word company named like a word or a town: "Target", "Ball")."""
    dropped = {"blocked": 0, "short": 0, "companies": 0}
    out = []
    seen: set[str] = set()
    for company in companies:
        canonical, aliases = company_names(company.name)
        if fold(canonical) in seen:
            continue  # two share classes of one company
        seen.add(fold(canonical))
        if not _usable(canonical) or blocked.blocks(canonical):
            dropped["companies"] += 1
            continue
        kept = []
        for alias in aliases:
            if not _usable(alias):
                dropped["short"] += 1
            elif blocked.blocks(alias):
                dropped["blocked"] += 1
            else:
                kept.append(alias)
        out.append((canonical, kept))
    return out, dropped

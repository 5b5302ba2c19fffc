"""Tests for sourced_orgs.py and the Wikidata step of build_people.py:
python3 -m unittest discover -s tools"""

import datetime
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_people as people  # noqa: E402
import sourced_orgs as s  # noqa: E402

# Written for these tests in the openfootball layout; the clubs are invented.
CLUBS = """\
@file europe/england/eng.clubs.txt
= England
Riverside Wanderers FC, 1901, @ Mill Lane, Oakford (Eastgate)   ## a comment
  | Riverside Wanderers | Wanderers
  | Oakford | Eastgate
  | Riverside W. [en]
ii) Riverside Wanderers II
  | Riverside Reserves
Thornbury Rovers FC | Thornbury Rovers, Thornbury
  | Rovers
 Mill Lane 1 // OX1 2AB Oakford
@file europe/germany/de.clubs.txt
Blauweiß Kesselstadt, 1911, Kesselstadt
  | Rovers | BW Kesselstadt | Kesselstadt
Veteranen AFC (1902-1931), Oakford
"""


def parse(text=CLUBS):
    return s.parse_clubs(text, "clubs.txt")


class ClubParsingTests(unittest.TestCase):
    def test_reads_clubs_aliases_towns_and_countries(self):
        clubs = parse()
        self.assertEqual(
            [(c.name, c.country) for c in clubs],
            [
                ("Riverside Wanderers FC", "GB"),
                ("Thornbury Rovers FC", "GB"),
                ("Blauweiß Kesselstadt", "DE"),
                ("Veteranen AFC", "DE"),
            ],
        )
        first = clubs[0]
        self.assertEqual(first.aliases, ["Riverside Wanderers", "Wanderers", "Oakford", "Eastgate", "Riverside W."])
        self.assertEqual(first.places, ["Oakford", "Eastgate"])
        self.assertEqual(first.where, "clubs.txt:3")

    def test_reserve_teams_and_address_lines_are_skipped(self):
        names = [n for c in parse() for n in [c.name, *c.aliases]]
        self.assertNotIn("Riverside Reserves", names)
        self.assertNotIn("Riverside Wanderers II", names)
        self.assertFalse(any("//" in n for n in names))

    def test_an_alias_on_the_club_line_is_kept(self):
        self.assertEqual(parse()[1].aliases, ["Thornbury Rovers", "Rovers"])

    def test_errors_name_the_line(self):
        with self.assertRaisesRegex(s.SourceError, r"clubs.txt:1: a club line before"):
            parse("Lone FC, Town\n")
        with self.assertRaisesRegex(s.SourceError, r"clubs.txt:1: cannot tell the country"):
            parse("@file europe/x/unknown1.clubs.txt\n")
        with self.assertRaisesRegex(s.SourceError, r"clubs.txt:2: a club line without a name"):
            parse("@file europe/england/eng.clubs.txt\n1905, Town\n")


class ClubEntryTests(unittest.TestCase):
    def test_towns_shared_and_blocked_aliases_are_dropped(self):
        blocked = s.Blocklist(names={"thornbury"}, words={"wanderers"})
        entries, dropped = s.club_entries(parse(), blocked)
        by_name = {canonical: aliases for canonical, aliases, _ in entries}
        # the club's own town and district, a blocked word, and an alias of two clubs
        self.assertEqual(by_name["Riverside Wanderers FC"], ["Riverside Wanderers", "Riverside W."])
        self.assertEqual(by_name["Thornbury Rovers FC"], ["Thornbury Rovers"])
        self.assertEqual(by_name["Blauweiß Kesselstadt"], ["BW Kesselstadt"])
        self.assertEqual(dropped["town"], 3)
        self.assertEqual(dropped["shared"], 2)
        self.assertEqual(dropped["blocked"], 1)

    def test_generic_words_and_long_official_forms_are_dropped(self):
        clubs = [
            s.Club("Deportivo Norte", "ES", ["Deportivo", "Club Deportivo Norte de la Ciudad"], []),
            s.Club("Deportivo Sur", "ES", [], []),
            s.Club("Deportivo Este", "ES", [], []),
            s.Club("Deportivo Oeste", "ES", [], []),
        ]
        entries, dropped = s.club_entries(clubs, s.Blocklist())
        self.assertEqual(entries[0], ("Deportivo Norte", [], "ES"))
        self.assertEqual((dropped["generic"], dropped["long"]), (1, 1))

    def test_a_blocked_word_is_harmless_inside_a_longer_name(self):
        blocked = s.Blocklist(words={"riverside"})
        self.assertTrue(blocked.blocks("Riverside"))
        self.assertFalse(blocked.blocks("Riverside Wanderers"))
        self.assertTrue(s.Blocklist(names={"riverside wanderers"}).blocks("RIVERSIDE  Wanderers"))
        # the matcher drops an attached apostrophe: "Tom'" is "Tom"
        self.assertTrue(s.Blocklist(words={"tom"}).blocks("Tom'"))

    def test_a_club_with_a_blocked_listed_name_takes_its_longest_alias(self):
        clubs = [s.Club("Kesselstadt", "DE", ["BW Kesselstadt", "Blauweiss Kesselstadt 1911"], [])]
        entries, _ = s.club_entries(clubs, s.Blocklist(names={"kesselstadt"}))
        self.assertEqual(entries, [("Blauweiss Kesselstadt 1911", ["BW Kesselstadt"], "DE")])

    def test_a_club_with_no_usable_name_is_left_out(self):
        clubs = [s.Club("Oakford", "GB", ["OK"], ["Oakford"])]
        entries, dropped = s.club_entries(clubs, s.Blocklist())
        self.assertEqual(entries, [])
        self.assertEqual(dropped["clubs"], 1)


# Invented companies in the layout of the S&P 500 constituents CSV.
COMPANIES = """\
# a provenance header
Symbol,Security
QRX,Quarrix Holdings
WDG,"Widgetworks, Inc."
BRK,Brackley Company (The)
FOXA,Foxglove Corporation (Class A)
FOX,Foxglove Corporation (Class B)
TGT,Target
"""


class CompanyTests(unittest.TestCase):
    def test_names_and_suffix_variants(self):
        self.assertEqual(
            s.company_names("Foxglove Corporation (Class A)"),
            ("Foxglove Corporation", ["Foxglove Corp.", "Foxglove Corp", "Foxglove"]),
        )
        self.assertEqual(
            s.company_names("Widgetworks, Inc."),
            ("Widgetworks, Inc.", ["Widgetworks Incorporated", "Widgetworks Inc.", "Widgetworks Inc", "Widgetworks"]),
        )
        self.assertEqual(s.company_names("Brackley Company (The)")[0], "Brackley Company")
        self.assertEqual(s.company_names("Accenture"), ("Accenture", []))
        self.assertEqual(s.company_names("Quarrix Group"), ("Quarrix Group", []))

    def test_entries_drop_share_classes_and_blocked_names(self):
        companies = s.parse_companies(COMPANIES, "companies.csv")
        self.assertEqual(companies[0].where, "companies.csv:3")
        entries, dropped = s.company_entries(companies, s.Blocklist(words={"target", "brackley"}))
        names = [canonical for canonical, _ in entries]
        self.assertEqual(names, ["Quarrix Holdings", "Widgetworks, Inc.", "Brackley Company", "Foxglove Corporation"])
        self.assertNotIn("Brackley", dict(entries)["Brackley Company"])
        self.assertEqual(dropped["companies"], 1)

    def test_a_csv_without_the_columns_is_an_error(self):
        with self.assertRaisesRegex(s.SourceError, r"companies.csv:2: expected a header"):
            s.parse_companies("# header\nTicker,Name\nX,Y\n", "companies.csv")
        with self.assertRaisesRegex(s.SourceError, r"companies.csv:3: a row without"):
            s.parse_companies("Symbol,Security\nQRX,Quarrix\n,\n", "companies.csv")


def day(text):
    return datetime.date.fromisoformat(text)


FM = "Foreign Minister"


class WikidataConfirmationTests(unittest.TestCase):
    def entries(self, *lines):
        out = {}
        for number, line in enumerate(lines, 1):
            canonical, country, helds, clean = people.validate_line(line)
            out[(canonical.casefold(), country)] = (f"x:{number}", canonical, country, helds, clean)
        return out

    def test_an_approximate_start_takes_the_sourced_day_and_moves_the_predecessor(self):
        entries = self.entries(
            "PERSON\tAna Vell\t\tcountry=NO ; held=Foreign Minister@NO:2020-03-09..2022-08-01 ; approx=yes",
            "PERSON\tBo Strand\tBo Strand-Lie\tcountry=NO ; held=Foreign Minister@NO:2022-08-01.. ; approx=yes",
        )
        counts, disagreements = people.apply_wikidata(entries, [("Q42", "Bo Strand-Lie", "NO", FM, day("2022-08-17"), None)])
        self.assertEqual((counts["filled"], disagreements), (1, []))
        bo = entries[("bo strand", "NO")][4]
        self.assertEqual(bo, "PERSON\tBo Strand\tBo Strand-Lie\tid=Q42 ; country=NO ; held=Foreign Minister@NO:2022-08-17..")
        ana = entries[("ana vell", "NO")][4]
        # the end moved with the successor's start, but no source confirmed it
        self.assertTrue(ana.endswith("held=Foreign Minister@NO:2020-03-09..2022-08-17 ; approx=yes"), ana)

    def test_approx_is_dropped_only_when_every_date_is_confirmed(self):
        line = "PERSON\tAna Vell\t\tid=Q7 ; country=NO ; held=Foreign Minister@NO:2020-03-01..2022-08-01 ; approx=yes"
        entries = self.entries(line)
        people.apply_wikidata(entries, [("Q7", "A. Vell", "NO", FM, day("2020-03-09"), None)])
        self.assertIn("2020-03-09..2022-08-01 ; approx=yes", entries[("ana vell", "NO")][4])
        entries = self.entries(line)
        counts, _ = people.apply_wikidata(entries, [("Q7", "A. Vell", "NO", FM, day("2020-03-09"), day("2022-08-17"))])
        self.assertEqual(counts["filled"], 2)
        self.assertTrue(entries[("ana vell", "NO")][4].endswith("held=Foreign Minister@NO:2020-03-09..2022-08-17"))

    def test_a_source_date_in_another_month_or_on_the_first_confirms_nothing(self):
        self.assertFalse(people.confirms(day("2022-08-01"), day("2022-10-16")))
        self.assertFalse(people.confirms(day("2022-08-01"), day("2022-08-01")))
        self.assertFalse(people.confirms(day("2022-08-05"), day("2022-08-06")))
        self.assertTrue(people.confirms(day("2022-01-01"), day("2022-10-16")))
        entries = self.entries("PERSON\tBo Strand\t\tcountry=NO ; held=Foreign Minister@NO:2022-08-01.. ; approx=yes")
        counts, disagreements = people.apply_wikidata(entries, [("Q42", "Bo Strand", "NO", FM, day("2022-10-16"), None)])
        self.assertEqual(counts["disagree"], 1)
        self.assertEqual(disagreements, ["Bo Strand Foreign Minister@NO: curated from 2022-08-01, Wikidata 2022-10-16"])
        self.assertIn("2022-08-01.. ; approx=yes", entries[("bo strand", "NO")][4])

    def test_a_sourced_term_far_from_every_curated_one_is_another_term(self):
        entries = self.entries("PERSON\tBo Strand\t\tcountry=NO ; held=Foreign Minister@NO:2022-08-01.. ; approx=yes")
        counts, disagreements = people.apply_wikidata(entries, [("Q42", "Bo Strand", "NO", FM, day("2009-05-04"), day("2011-02-03"))])
        self.assertEqual((counts["other terms"], disagreements), (1, []))

    def test_rows_of_other_countries_offices_or_partial_dates_are_not_matched(self):
        entries = self.entries("PERSON\tBo Strand\t\tcountry=NO ; held=Prime Minister@NO:2022-08-01..")
        counts, _ = people.apply_wikidata(
            entries,
            [
                ("Q42", "Bo Strand", "NO", FM, day("2022-08-17"), None),
                ("Q43", "Bo Strand", "SE", "Prime Minister", day("2022-08-17"), None),
                ("Q44", "Bo Strand", "NO", "Prime Minister", None, None),
            ],
        )
        self.assertEqual(counts["unmatched"], 3)
        self.assertNotIn("id=", entries[("bo strand", "NO")][4])

    def test_reading_the_extract(self):
        codes = {"norway": "NO"}
        text = (
            "# header\ncountry,office,person,name,start,end\n"
            "Norway,Foreign Minister,Q42,Bo Strand,2022-08-17,\n"
            "NO,Prime Minister,Q43,Ana Vell,2019-05,2021\n"
            "Atlantis,Foreign Minister,Q44,X,2022-01-02,\n"
        )
        self.assertEqual(
            people.read_wikidata_terms(text, "holders.csv", codes),
            [("Q42", "Bo Strand", "NO", FM, day("2022-08-17"), None), ("Q43", "Ana Vell", "NO", "Prime Minister", None, None)],
        )
        with self.assertRaisesRegex(ValueError, r"holders.csv:3: date"):
            people.read_wikidata_terms(text.replace("2022-08-17", "2022-13-17"), "holders.csv", codes)
        with self.assertRaisesRegex(ValueError, r"holders.csv:4: office 'Minister'"):
            people.read_wikidata_terms(text.replace("NO,Prime Minister", "NO,Minister"), "holders.csv", codes)
        with self.assertRaisesRegex(ValueError, r"holders.csv:2: expected columns"):
            people.read_wikidata_terms("# header\nwho,when\n", "holders.csv", codes)


if __name__ == "__main__":
    unittest.main()

"""Tests for build_gazetteers.py: python3 -m unittest discover -s tools"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_gazetteers as b  # noqa: E402

PLACES = {"Iraq", "United States"}


def check(text: str) -> int:
    return b.validate("test.tsv", text, PLACES, {})


class ValidateTests(unittest.TestCase):
    def test_accepts_well_formed_lines_of_every_type(self):
        text = "\n".join([
            "# comment",
            "",
            "PLACE\tBaghdad\tBagdad\tid=geonames:98182 ; country=IQ ; kind=city ; population=7216000",
            "ORG\tNorth Atlantic Treaty Organization\tNATO | OTAN\tid=Q7184 ; kind=igo",
            "TITLE\tPrime Minister\tPremier | PM\tkind=office",
            "DEMONYM\tIraqi\tIraqis\tof=Iraq",
            "PERSON\tJens Stoltenberg\t\tid=Q57286 ; held=A@NO:2013-10-16..2014-10-01 ; held=B@NATO:2014-10-01..",
        ])
        self.assertEqual(check(text), 5)

    def test_rejects_malformed_lines(self):
        cases = [
            ("three columns", "TITLE\tKing\tkind=office"),
            ("unknown type", "THING\tKing\t\tkind=office"),
            ("empty alias", "TITLE\tKing\tMonarch |  | Rex\tkind=office"),
            ("padded alias", "TITLE\tKing\t Monarch\tkind=office"),
            ("empty canonical", "TITLE\t\t\tkind=office"),
            ("attribute without value", "TITLE\tKing\t\tkind="),
            ("attribute without equals", "TITLE\tKing\t\tkind"),
            ("kind not allowed for type", "ORG\tNATO\t\tkind=city"),
            ("missing kind", "PLACE\tBaghdad\t\tcountry=IQ"),
            ("bad country", "PLACE\tBaghdad\t\tcountry=IRQ ; kind=city"),
            ("bad population", "PLACE\tBaghdad\t\tkind=city ; population=7m"),
            ("bad id", "ORG\tNATO\t\tid=nato ; kind=igo"),
            ("unresolved of", "DEMONYM\tMartian\tMartians\tof=Mars"),
            ("repeated key", "ORG\tNATO\t\tkind=igo ; kind=agency"),
        ]
        for name, line in cases:
            with self.subTest(name), self.assertRaises(b.BuildError):
                check(line)

    def test_rejects_an_id_used_twice_across_files(self):
        ids: dict[str, str] = {}
        b.validate("a.tsv", "ORG\tNATO\t\tid=Q7184 ; kind=igo", PLACES, ids)
        with self.assertRaises(b.BuildError):
            b.validate("b.tsv", "ORG\tOTAN\t\tid=Q7184 ; kind=igo", PLACES, ids)


class CityFilterTests(unittest.TestCase):
    def test_alias_shapes(self):
        cases = [
            ("Kiev", True),
            ("Bombay", True),
            ("Sao Paulo", True),
            ("IEV", False),  # airport code
            ("ji fu", False),  # lowercase romanisation key
            ("Ki", False),  # too short
            ("Łondra", False),  # letter beyond Latin-1
            ("Kiev osh", False),  # foreign suffix
            ("Gaza by", False),  # English function word inside a foreign name
            ("Dakbayan sa Bombay", False),  # foreign prefix
            ("Киев", False),  # not Latin
            ("Pei-p'ing (old)", False),  # punctuation of a note
        ]
        for alias, expected in cases:
            with self.subTest(alias):
                self.assertEqual(b.city_alias_ok(alias), expected)

    def test_case_forms_of_a_kept_name_are_dropped(self):
        self.assertEqual(b.drop_inflections(["Kiev", "Kievu", "Kievom", "Kyiv"]), ["Kiev", "Kyiv"])

    def test_spelling_variants_resemble_their_city(self):
        self.assertTrue(b.resembles("Fallujah", "Al Fallūjah"))
        self.assertTrue(b.resembles("Basra", "Basrah"))
        self.assertFalse(b.resembles("Bombay", "Mumbai"))


class HelperTests(unittest.TestCase):
    def test_fold_ignores_case_diacritics_and_quote_style(self):
        self.assertEqual(b.fold("Côte d’Ivoire"), b.fold("cote d'ivoire"))

    def test_dedupe_keeps_first_spelling_and_drops_the_article(self):
        self.assertEqual(b.dedupe("Gulf", ["the Gulf", "Persian Gulf", "persian gulf", ""]), ["Persian Gulf"])


if __name__ == "__main__":
    unittest.main()

"""Tests of tools/profile/ceiling.py: its input slices, its reading of
callgrind's totals and its verdicts (the counting itself runs in CI)."""

import importlib.util
import json
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "profile_ceiling", os.path.join(HERE, "profile", "ceiling.py")
)
ceiling = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(ceiling)


class Slices(unittest.TestCase):
    def test_articles_are_the_first_in_file_name_order(self):
        with tempfile.TemporaryDirectory() as corpus:
            for name in ["010.txt", "002.txt", "001.txt", "notes.md"]:
                with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
                    f.write(f"Text of {name}.")
            docs = ceiling.articles(corpus, count=2)
            self.assertEqual([name for name, _ in docs], ["001.txt", "002.txt"])
            self.assertEqual(docs[1][1], "Text of 002.txt.")
            with self.assertRaisesRegex(ValueError, "3 articles, 4 needed"):
                ceiling.articles(corpus, count=4)

    def test_paragraphs_split_on_blank_lines(self):
        docs = [("a.txt", "Headline\n\nFirst, one\nline on.\n \nSecond.\n\n\n")]
        self.assertEqual(
            ceiling.paragraphs(docs),
            [("a.txt#0", "Headline"), ("a.txt#1", "First, one\nline on."), ("a.txt#2", "Second.")],
        )

    def test_jsonl_is_one_record_a_line(self):
        lines = ceiling.jsonl([("a", "“Al-Sudani” said\nso."), ("b", "x")]).splitlines()
        self.assertEqual(len(lines), 2)
        self.assertEqual(json.loads(lines[0]), {"id": "a", "text": "“Al-Sudani” said\nso."})


class Totals(unittest.TestCase):
    def test_reads_the_totals_line(self):
        profile = "# callgrind format\nevents: Ir\nfn=(1) main\n0x10 3\ntotals: 93672737\n"
        self.assertEqual(ceiling.total_instructions(profile), 93672737)
        self.assertEqual(ceiling.total_instructions("summary: 12\n"), 12)

    def test_no_totals_is_an_error(self):
        with self.assertRaises(ValueError):
            ceiling.total_instructions("events: Ir\nfn=(1) main\n")


class Verdicts(unittest.TestCase):
    def test_above_the_ceiling_fails(self):
        ok, message = ceiling.verdict("articles", 322.5, 322)
        self.assertFalse(ok)
        self.assertIn("above the ceiling of 322", message)

    def test_at_or_under_passes(self):
        self.assertTrue(ceiling.verdict("articles", 322.0, 322)[0])
        ok, message = ceiling.verdict("articles", 312.0, 322)
        self.assertTrue(ok)
        self.assertNotIn("come down", message)

    def test_far_under_says_how_far_it_can_come_down(self):
        ok, message = ceiling.verdict("paragraphs", 300.0, 335)
        self.assertTrue(ok)
        self.assertIn("can come down to 310", message)


if __name__ == "__main__":
    unittest.main()

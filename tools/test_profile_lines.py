"""Tests of tools/profile/lines.py's reading of callgrind profiles."""

import importlib.util
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "profile_lines", os.path.join(HERE, "profile", "lines.py")
)
lines = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(lines)

# A profile as callgrind writes it with --dump-instr=yes: compressed names,
# positions absolute, relative (+n, -n) or repeated (*), and a call whose
# cost line is the callee's inclusive cost, not the caller's own.
PROFILE = """\
# callgrind format
version: 1
positions: instr line
events: Ir

ob=(1) /usr/lib/libc.so.6
fl=(1) memcpy.S
fn=(1) memcpy
0x100 10 7

ob=(2) /opt/app/herald
fl=(2) /opt/app/src/a.rs
fn=(2) a
0x2000 5 3
+4 * 2
+2 6 4
cob=(1)
cfi=(1)
cfn=(1)
calls=1 0x100 10
* * 7
+3 7 5
-9 4 1
"""


def costs(profile):
    """The self costs `lines.positions` reads from `profile` for the app."""
    with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out:
        out.write(profile)
    try:
        return lines.positions(out.name, "/opt/app/herald")
    finally:
        os.unlink(out.name)


class PositionsTest(unittest.TestCase):
    def test_self_costs_per_address_of_the_binary_only(self):
        # 0x2000: 3; +4 -> 0x2004: 2; +2 -> 0x2006: 4; the call's 7 is
        # skipped; +3 -> 0x2009: 5; -9 -> 0x2000: 1 more. libc's 7 is not
        # the binary's.
        self.assertEqual(dict(costs(PROFILE)), {0x2000: 4, 0x2004: 2, 0x2006: 4, 0x2009: 5})

    def test_a_name_defined_by_a_call_is_known_to_later_objects(self):
        profile = PROFILE.replace("ob=(2) /opt/app/herald", "cob=(2) /opt/app/herald\nob=(2)")
        self.assertEqual(sum(costs(profile).values()), 15)


class OursTest(unittest.TestCase):
    def test_only_known_lines_of_the_crates_sources(self):
        root = lines.ROOT
        self.assertTrue(lines.ours(root + "src/text/tokenize.rs:170"))
        self.assertTrue(lines.ours("src/keymap.rs:12 (discriminator 2)"))
        self.assertFalse(lines.ours("/rustc/abc/library/core/src/slice/index.rs:272"))
        self.assertFalse(lines.ours(root + "src/keymap.rs:?"))
        self.assertFalse(lines.ours(root + "src/keymap.rs:0"))


if __name__ == "__main__":
    unittest.main()

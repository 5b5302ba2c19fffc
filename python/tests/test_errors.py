"""Bad files and bad arguments raise, with messages that say where."""

import datetime
import re
import subprocess

import pytest

import herald


def test_bad_rule_file_raises_with_file_line_column(tmp_path, cli):
    rules = tmp_path / "bad.rules"
    rules.write_text(
        "# a rule with an unclosed group\n"
        "rule meeting/verb/huddle -> Meeting\n"
        '  match trigger:("huddled" | "huddles" "with"\n'
    )
    with pytest.raises(herald.HeraldError) as raised:
        herald.Extractor(rules=[rules])
    message = str(raised.value)
    assert re.search(re.escape(str(rules)) + r":3:\d+: ", message), message
    # the command line reports the same problem in the same words
    done = subprocess.run(
        [str(cli), "extract", "--rules", str(rules), "-"],
        input="x",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert message.splitlines()[0] in done.stderr


def test_herald_error_is_a_value_error(tmp_path):
    assert issubclass(herald.HeraldError, ValueError)
    gazetteer = tmp_path / "people.tsv"
    gazetteer.write_text("PERSON\tHalima Saadoun\n" "NOT-A-TYPE\tSomething\n")
    with pytest.raises(ValueError, match=re.escape(str(gazetteer)) + r":2:\d+"):
        herald.Extractor(gazetteers=[gazetteer])


def test_missing_file_raises_naming_it(tmp_path):
    missing = tmp_path / "nowhere.rules"
    with pytest.raises(herald.HeraldError, match="nowhere.rules: cannot read the file"):
        herald.Extractor(rules=[missing])


def test_one_path_instead_of_a_list_is_a_type_error():
    with pytest.raises(TypeError):
        herald.Extractor(gazetteers="people.tsv")


@pytest.mark.parametrize("date", ["soon", "2024-13-01", "2024/05/06", ""])
def test_bad_date_string_raises_value_error(extractor, date):
    with pytest.raises(ValueError, match="is not a YYYY-MM-DD date"):
        extractor.extract("Talks resumed on Friday.", date)


@pytest.mark.parametrize("date", [20240506, 3.5, ["2024-05-06"]])
def test_date_of_another_type_raises_type_error(extractor, date):
    with pytest.raises(TypeError, match="date must be"):
        extractor.extract("Talks resumed on Friday.", date)


def test_date_forms_agree(extractor):
    text = "Talks between Kenya and Uganda resumed in Kampala on Friday."
    as_string = extractor.extract(text, "2024-05-06")
    assert extractor.extract(text, datetime.date(2024, 5, 6)) == as_string
    assert extractor.extract(text, datetime.datetime(2024, 5, 6, 23, 59)) == as_string
    assert as_string["document_date"] == "2024-05-06"
    (friday,) = [e for e in as_string["entities"] if e["type"] == "DATE"]
    assert friday["value"] == "2024-05-03"


def test_bad_batch_arguments(extractor):
    with pytest.raises(TypeError, match="not one string"):
        extractor.extract_batch("one text")
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        extractor.extract_batch(["a"], dates=[None, None])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        extractor.extract_batch(["a"], threads=0)
    with pytest.raises(ValueError, match="is not a YYYY-MM-DD date"):
        extractor.extract_batch(["a", "b"], dates=[None, "soon"])
    with pytest.raises(TypeError):
        extractor.extract_batch(["a", 7])

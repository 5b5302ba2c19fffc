"""The Python results are the command line's JSON, field for field."""

import json

import pytest

import herald
from helpers import REPO, run_cli, without_cli_fields
from texts import DATED, STORIES

DATA = REPO / "examples" / "data"


def test_extract_equals_cli_json(extractor, cli):
    records = [{"id": i, "text": text} for i, text in enumerate(STORIES)]
    for record, result in zip(records, run_cli(cli, records), strict=True):
        assert result["id"] == record["id"]
        assert extractor.extract(record["text"]) == without_cli_fields(result), record["text"]


def test_dated_extract_equals_cli_json(extractor, cli):
    records = [{"id": f"d{i}", "text": t, "date": d} for i, (t, d) in enumerate(DATED)]
    for (text, date), result in zip(DATED, run_cli(cli, records), strict=True):
        assert extractor.extract(text, date) == without_cli_fields(result), text


def test_extract_json_is_the_cli_line_less_its_origin(extractor, cli):
    text = STORIES[1]
    line = json.dumps(run_cli(cli, [{"text": text}])[0])
    assert json.loads(extractor.extract_json(text)) == without_cli_fields(json.loads(line))
    assert "\n" not in extractor.extract_json(text)


def test_custom_files_equal_cli_flags(cli):
    gazetteer, rules = DATA / "water-boards.tsv", DATA / "conferred.rules"
    text = "Halima Saadoun of the TWB huddled with officials of the EBA in Basra."
    custom = herald.Extractor(gazetteers=[gazetteer], rules=[str(rules)])
    expected = run_cli(cli, [{"text": text}], "--gazetteer", gazetteer, "--rules", rules)[0]
    result = custom.extract(text)
    assert result == without_cli_fields(expected)
    assert {e["canonical"] for e in result["entities"] if e["type"] == "ORG"} == {
        "Tigris Water Board",
        "Euphrates Basin Authority",
    }
    assert [e["rule"] for e in result["events"]] == ["meeting/verb/huddle"]


@pytest.mark.parametrize(
    "kwargs, flags",
    [
        ({"default_gazetteers": False}, ["--no-default-gazetteers"]),
        ({"default_rules": False}, ["--no-default-rules"]),
    ],
    ids=["no-default-gazetteers", "no-default-rules"],
)
def test_turning_defaults_off_equals_cli_flags(cli, kwargs, flags):
    custom = herald.Extractor(**kwargs)
    records = [{"text": text} for text in STORIES[:4]]
    for record, expected in zip(records, run_cli(cli, records, *flags), strict=True):
        assert custom.extract(record["text"]) == without_cli_fields(expected)


def test_result_shape_and_offsets(extractor):
    text = "NAIROBI, March 4 — President William Ruto met Lula in Nairobi."
    result = extractor.extract(text, "2024-03-05")
    assert set(result) == {"document_date", "text_length", "entities", "events", "references"}
    assert result["document_date"] == "2024-03-05"
    assert result["text_length"] == len(text.encode())
    data = text.encode()
    for entity in result["entities"]:
        # char offsets index the Python string, byte offsets the UTF-8
        assert text[entity["char_start"] : entity["char_end"]] == entity["text"]
        assert data[entity["start"] : entity["end"]].decode() == entity["text"]
    people = [e["text"] for e in result["entities"] if e["type"] == "PERSON"]
    assert people == ["William Ruto", "Lula"]
    (event,) = result["events"]
    assert event["type"] == "Meeting"
    assert text[event["trigger"]["char_start"] : event["trigger"]["char_end"]] == "met"


def test_empty_text_has_nothing(extractor):
    result = extractor.extract("")
    assert result["entities"] == [] and result["events"] == [] and result["text_length"] == 0


def test_paths_may_be_pathlib_or_str():
    a = herald.Extractor(gazetteers=[DATA / "water-boards.tsv"])
    b = herald.Extractor(gazetteers=[str(DATA / "water-boards.tsv")])
    text = "The TWB said levels fell."
    assert a.extract(text) == b.extract(text)
    assert a.extract(text)["entities"][0]["canonical"] == "Tigris Water Board"


def test_version_and_repr():
    assert herald.__version__ == "0.1.0"
    assert repr(herald.Extractor()) == "herald.Extractor()"

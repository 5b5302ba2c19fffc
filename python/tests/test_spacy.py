"""The spaCy component, on a blank English pipeline (no model to download)."""

import os
import subprocess
import sys

import pytest

if os.environ.get("HERALD_REQUIRE_SPACY"):
    import spacy  # CI: a missing spaCy fails here instead of skipping
else:
    spacy = pytest.importorskip(
        "spacy", reason="spaCy is not installed: pip install spacy to test herald.spacy"
    )

import herald  # noqa: E402
import herald.spacy  # noqa: E402  registers the factory
from spacy.tokens import Doc  # noqa: E402

TEXT = "Kenyan President William Ruto met Lula in Nairobi on Monday."


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("herald")
    return nlp


def test_entities_become_doc_ents(nlp, extractor):
    doc = nlp(TEXT)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("Kenyan", "NORP"),
        ("William Ruto", "PERSON"),
        ("Lula", "PERSON"),
        ("Nairobi", "GPE"),
        ("Monday", "DATE"),
    ]
    # kb_id_ is herald's cluster id
    result = extractor.extract(TEXT)
    clusters = {e["text"]: e["entity"] for e in result["entities"]}
    assert {ent.text: ent.kb_id_ for ent in doc.ents} == {
        text: clusters[text] for text in ("Kenyan", "William Ruto", "Lula", "Nairobi", "Monday")
    }
    # TITLE ("President") has no spaCy label and is left out
    assert "President" in clusters and all(ent.text != "President" for ent in doc.ents)


def test_events_and_result_are_extensions(nlp, extractor):
    doc = nlp(TEXT)
    result = extractor.extract(TEXT)
    assert doc._.herald == result
    assert doc._.herald_events == result["events"]
    (meeting,) = doc._.herald_events
    assert meeting["type"] == "Meeting"
    participants = [
        doc.char_span(a["char_start"], a["char_end"]).text
        for a in meeting["arguments"]
        if a["role"] == "participant"
    ]
    assert participants == ["William Ruto", "Lula"]


def test_pipe_equals_call(nlp):
    texts = [TEXT, "Officials met in Baghdad on Tuesday.", "", "Rain fell."]
    piped = list(nlp.pipe(texts, batch_size=2))
    for doc, text in zip(piped, texts, strict=True):
        single = nlp(text)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (e.start_char, e.end_char, e.label_) for e in single.ents
        ]
        assert doc._.herald == single._.herald


def test_spans_off_token_boundaries_are_skipped_or_aligned():
    nlp = spacy.blank("en")
    # "Nairobi" ends inside the token "i." of this hand-made tokenization
    words = ["Talks", "resumed", "in", "Nairob", "i."]
    spaces = [True, True, True, False, False]
    strict = nlp.add_pipe("herald", name="strict")
    doc = strict(Doc(nlp.vocab, words=words, spaces=spaces))
    assert doc.text == "Talks resumed in Nairobi."
    assert list(doc.ents) == []
    contract = herald.spacy.HeraldComponent(alignment_mode="contract")
    assert [(e.text, e.label_) for e in contract(Doc(nlp.vocab, words=words, spaces=spaces)).ents] == [
        ("Nairob", "GPE")
    ]
    expand = herald.spacy.HeraldComponent(alignment_mode="expand")
    assert [e.text for e in expand(Doc(nlp.vocab, words=words, spaces=spaces)).ents] == ["Nairobi."]


def test_config_labels_and_existing_ents():
    nlp = spacy.blank("en")
    # labels change the default mapping type by type; "" leaves a type out
    config = {"labels": {"PLACE": "LOC", "PERSON": ""}, "overwrite_ents": False}
    nlp.add_pipe("herald", config=config)
    doc = nlp.make_doc(TEXT)
    doc.ents = [doc.char_span(0, 6, label="MISC")]  # "Kenyan"
    doc = nlp.get_pipe("herald")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Kenyan", "MISC"),
        ("Nairobi", "LOC"),
        ("Monday", "DATE"),
    ]


def test_document_date_from_extension(nlp):
    doc = nlp.make_doc("Talks resumed in Kampala on Friday.")
    doc._.herald_date = "2024-05-06"
    doc = nlp.get_pipe("herald")(doc)
    (friday,) = [e for e in doc._.herald["entities"] if e["type"] == "DATE"]
    assert friday["value"] == "2024-05-03"


def test_custom_files_through_config(tmp_path):
    gazetteer = tmp_path / "boards.tsv"
    gazetteer.write_text("ORG\tTigris Water Board\tTWB\n")
    nlp = spacy.blank("en")
    nlp.add_pipe("herald", config={"gazetteers": [str(gazetteer)]})
    assert [(e.text, e.label_) for e in nlp("The TWB said levels fell.").ents] == [("TWB", "ORG")]
    with pytest.raises(herald.HeraldError):
        spacy.blank("en").add_pipe("herald", config={"rules": [str(tmp_path / "none.rules")]})


def test_factory_found_through_entry_point_without_import():
    # A fresh interpreter that never imports herald.spacy itself.
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('herald')\n"
        f"print([(e.text, e.label_) for e in nlp({TEXT!r}).ents])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(
        [
            ("Kenyan", "NORP"),
            ("William Ruto", "PERSON"),
            ("Lula", "PERSON"),
            ("Nairobi", "GPE"),
            ("Monday", "DATE"),
        ]
    )

"""The ``herald`` spaCy pipeline component.

Importing this module registers the factory; installing the package also
declares it as a ``spacy_factories`` entry point, so with spaCy installed
this is enough::

    import spacy
    nlp = spacy.blank("en")          # or any pipeline
    nlp.add_pipe("herald")
    doc = nlp("Kenyan President William Ruto met Lula in Nairobi on Monday.")
    [(ent.text, ent.label_) for ent in doc.ents]
    doc._.herald_events              # Meeting, Invitation, Statement dicts

What the component sets:

- ``doc.ents``: herald's entity mentions as spaCy spans, labelled through
  ``labels`` (below), with ``kb_id_`` set to herald's cluster id (mentions
  of the same person share it). A mention whose characters do not fall on
  spaCy token boundaries is skipped (``alignment_mode="strict"``, the
  default; ``"contract"`` keeps the tokens wholly inside it, ``"expand"``
  the tokens it touches).
- ``doc._.herald_events``: the events, as dicts in herald's JSON format
  (``docs/output-format.md``): type, trigger, sentence, arguments with
  roles, date, modality, id, rule; every span has ``char_start`` and
  ``char_end``, so ``doc.char_span(a["char_start"], a["char_end"])`` finds
  an argument.
- ``doc._.herald``: the whole result (entities, events, references).

Set ``doc._.herald_date`` (a ``datetime.date`` or ``"YYYY-MM-DD"``) before
the component runs to resolve relative dates ("on Friday") against it.

Labels. herald's types map to the OntoNotes labels of spaCy's English
pipelines: PERSON → PERSON, ORG → ORG, DATE → DATE, PLACE → GPE (herald's
places are mostly countries, cities and regions, which OntoNotes calls GPE;
the rarer mountains and rivers it calls LOC are GPE here too) and
DEMONYM → NORP ("Kenyan", "Iraqi": nationalities are NORP in OntoNotes).
TITLE ("President", "spokesman") has no OntoNotes label and is left out.
``config={"labels": {"PLACE": "LOC"}}`` changes the mapping type by type
(spaCy merges it into the default); a type mapped to ``""`` is left out.

``doc.ents`` is replaced (``overwrite_ents=True``, the default); with
``overwrite_ents=False`` the entities already there are kept and herald's
are added where they do not overlap them.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, List, Optional

try:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans, minibatch
except ImportError as error:  # pragma: no cover - exercised without spaCy
    raise ImportError(
        "herald.spacy needs spaCy: pip install 'herald-nlp[spacy]' (or spacy)"
    ) from error

import herald

DEFAULT_LABELS: Dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "PLACE": "GPE",
    "DATE": "DATE",
    "DEMONYM": "NORP",
}
"""herald entity type → spaCy label; types not listed, or mapped to "", are
left out."""

for _name in ("herald", "herald_events", "herald_date"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_DEFAULT_EXTRACTOR: Optional[herald.Extractor] = None


def _default_extractor() -> herald.Extractor:
    """One extractor with the embedded data, shared by every component."""
    global _DEFAULT_EXTRACTOR
    if _DEFAULT_EXTRACTOR is None:
        _DEFAULT_EXTRACTOR = herald.Extractor()
    return _DEFAULT_EXTRACTOR


class HeraldComponent:
    """Sets ``doc.ents``, ``doc._.herald_events`` and ``doc._.herald``."""

    def __init__(
        self,
        name: str = "herald",
        *,
        labels: Optional[Dict[str, str]] = None,
        gazetteers: Iterable[str] = (),
        rules: Iterable[str] = (),
        default_gazetteers: bool = True,
        default_rules: bool = True,
        alignment_mode: str = "strict",
        overwrite_ents: bool = True,
        extractor: Optional[herald.Extractor] = None,
    ) -> None:
        if alignment_mode not in ("strict", "contract", "expand"):
            raise ValueError(
                f"alignment_mode must be strict, contract or expand, not {alignment_mode!r}"
            )
        self.name = name
        self.labels = {**DEFAULT_LABELS, **(labels or {})}
        self.alignment_mode = alignment_mode
        self.overwrite_ents = overwrite_ents
        gazetteers, rules = list(gazetteers), list(rules)
        if extractor is not None:
            self.extractor = extractor
        elif gazetteers or rules or not default_gazetteers or not default_rules:
            self.extractor = herald.Extractor(
                gazetteers=gazetteers,
                rules=rules,
                default_gazetteers=default_gazetteers,
                default_rules=default_rules,
            )
        else:
            self.extractor = _default_extractor()

    def __call__(self, doc: Doc) -> Doc:
        result = self.extractor.extract(doc.text, doc._.herald_date)
        return self._apply(doc, result)

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Extracts a batch of docs at a time, in parallel."""
        for docs in minibatch(stream, size=batch_size):
            results = self.extractor.extract_batch(
                [doc.text for doc in docs], [doc._.herald_date for doc in docs]
            )
            for doc, result in zip(docs, results):
                yield self._apply(doc, result)

    def _apply(self, doc: Doc, result: Dict[str, Any]) -> Doc:
        spans: List[Span] = []
        for entity in result["entities"]:
            label = self.labels.get(entity["type"])
            if not label:
                continue
            span = doc.char_span(
                entity["char_start"],
                entity["char_end"],
                label=label,
                kb_id=entity["entity"],
                alignment_mode=self.alignment_mode,
            )
            if span is not None and len(span) > 0:
                spans.append(span)
        spans = filter_spans(spans)
        if not self.overwrite_ents:
            kept = list(doc.ents)
            taken = {i for ent in kept for i in range(ent.start, ent.end)}
            spans = kept + [
                span
                for span in spans
                if not any(i in taken for i in range(span.start, span.end))
            ]
        doc.ents = sorted(spans, key=lambda span: span.start)
        doc._.herald = result
        doc._.herald_events = result["events"]
        return doc


@Language.factory(
    "herald",
    default_config={
        "labels": DEFAULT_LABELS,
        "gazetteers": [],
        "rules": [],
        "default_gazetteers": True,
        "default_rules": True,
        "alignment_mode": "strict",
        "overwrite_ents": True,
    },
)
def make_herald(
    nlp: Language,
    name: str,
    labels: Dict[str, str],
    gazetteers: List[str],
    rules: List[str],
    default_gazetteers: bool,
    default_rules: bool,
    alignment_mode: str,
    overwrite_ents: bool,
) -> HeraldComponent:
    """The ``herald`` factory: ``nlp.add_pipe("herald", config={...})``."""
    return HeraldComponent(
        name,
        labels=labels,
        gazetteers=gazetteers,
        rules=rules,
        default_gazetteers=default_gazetteers,
        default_rules=default_rules,
        alignment_mode=alignment_mode,
        overwrite_ents=overwrite_ents,
    )

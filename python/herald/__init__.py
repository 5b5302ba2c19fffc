"""herald: named entities and events from English news text.

People, organizations, places and dates, and the meetings, invitations and
statements between them, found by deterministic rules and gazetteers; every
result names the gazetteer entry or rule behind it.

>>> import herald
>>> extractor = herald.Extractor()
>>> doc = extractor.extract("Kenyan President William Ruto met Lula in Nairobi on Monday.")
>>> [(e["text"], e["type"]) for e in doc["entities"] if e["type"] == "PERSON"]
[('William Ruto', 'PERSON'), ('Lula', 'PERSON')]

Results are dicts in the JSON format of the ``herald`` command line
(``docs/output-format.md``): byte offsets ``start``/``end`` and, for Python
strings, code-point offsets ``char_start``/``char_end``.

The spaCy pipeline component lives in :mod:`herald.spacy` (it needs spaCy).
"""

from herald._herald import Extractor, HeraldError, __version__

__all__ = ["Extractor", "HeraldError", "__version__"]

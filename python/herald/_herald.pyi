"""Type stubs of the compiled module ``herald._herald``."""

import datetime
import os
from typing import Any, Iterable, List, Optional, Sequence, Union

__version__: str

DateLike = Union[datetime.date, str, None]
"""A ``datetime.date`` (a ``datetime.datetime`` counts by its date), a
``"YYYY-MM-DD"`` string, or None."""

Result = dict[str, Any]
"""One document's result, in the JSON format of ``docs/output-format.md``:
``document_date``, ``text_length``, ``entities``, ``events``, ``references``."""

class HeraldError(ValueError):
    """A gazetteer or rule file that does not load, or cannot be read.

    The message names every problem as ``FILE:LINE:COLUMN: message``.
    """

class Extractor:
    """Extracts entities and events from English news text.

    ``Extractor()`` uses the gazetteers and rules embedded in the package.
    Files passed as ``gazetteers`` (herald's ``.tsv`` format, or spaCy
    EntityRuler phrase patterns as ``.jsonl``) and ``rules`` are added to
    them; ``default_gazetteers=False`` and ``default_rules=False`` leave the
    embedded ones out.

    Building compiles everything (about 0.2 s with the defaults), so build
    one extractor and reuse it: it is safe to share between threads, and
    extraction releases the GIL, so threads really run in parallel.

    Raises:
        HeraldError: a file does not load; the message names FILE:LINE:COLUMN.
    """

    def __init__(
        self,
        *,
        gazetteers: Optional[Sequence[Union[str, os.PathLike[str]]]] = None,
        rules: Optional[Sequence[Union[str, os.PathLike[str]]]] = None,
        default_gazetteers: bool = True,
        default_rules: bool = True,
    ) -> None: ...
    def extract(self, text: str, date: DateLike = None) -> Result:
        """Extracts one text.

        ``date`` is the document date that relative dates ("on Friday")
        resolve against; without it, a dateline or a date in the text is
        used. Raises ValueError for a string that is not ``YYYY-MM-DD`` and
        TypeError for any other type.
        """
    def extract_json(self, text: str, date: DateLike = None) -> str:
        """Like :meth:`extract`, returning the JSON text itself (one line)."""
    def extract_batch(
        self,
        texts: Iterable[str],
        dates: Optional[Iterable[DateLike]] = None,
        threads: Optional[int] = None,
    ) -> List[Result]:
        """Extracts many texts in parallel, without the GIL.

        Results come back in the order of ``texts``, each equal to what
        :meth:`extract` gives. ``dates`` has one date (or None) per text.
        ``threads`` limits the worker threads (a pool made for this call);
        ``threads=1`` runs in the calling thread; None uses every core.
        """
    def extract_batch_json(
        self,
        texts: Iterable[str],
        dates: Optional[Iterable[DateLike]] = None,
        threads: Optional[int] = None,
    ) -> List[str]:
        """Like :meth:`extract_batch`, returning JSON text per document."""

"""Reference strings as clinic sites print them (AMA, Vancouver/NLM, APA, loose) read into CSL.

``parse_reference(text)`` → :class:`ParsedReference` (the CSL item, the style row that
read it, and the problems that make it need review). The styles are data
(``styles.ROWS``); see ``parser.py`` for how a reading is chosen.
"""

from __future__ import annotations

from editor.core.references.freetext.parser import ParsedReference, full_pages, parse_reference

__all__ = ["ParsedReference", "full_pages", "parse_reference"]

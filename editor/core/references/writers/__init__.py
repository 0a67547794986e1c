"""Write CSL-JSON items as CSL-JSON, RIS or BibTeX text that re-imports to the same references."""

from __future__ import annotations

from typing import Any

from editor.core.foundation.errors import ValidationError
from editor.core.references.writers import bibtex, csljson, ris

WRITERS = {"csl-json": csljson.write, "ris": ris.write, "bibtex": bibtex.write}
EXTENSIONS = {"csl-json": ".json", "ris": ".ris", "bibtex": ".bib"}


def export(items: list[dict[str, Any]], format: str) -> str:  # noqa: A002 - the CLI's --format
    """``items`` (CSL-JSON, ``id`` = citekey) in ``format``: csl-json, ris or bibtex."""
    writer = WRITERS.get(format)
    if writer is None:
        raise ValidationError(f"Unknown export format '{format}' (use csl-json, ris or bibtex).")
    return writer(items)

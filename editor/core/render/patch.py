"""What the preview needs to bring its page up to date after an edit.

The preview page is loaded once; after that, every edit becomes a ``PreviewPatch``
that replaces only the top-level sections whose HTML changed. A top-level section
is the preamble (key ``"intro"``) or a ``##`` heading with everything under it
(its ``###`` subsections included); its key is the section's anchor, which is also
the ``id`` of its ``<section>`` element in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PreviewPatch:
    order: tuple[str, ...]  # keys of all top-level sections, in document order
    changed: dict[str, str] = field(default_factory=dict)  # key -> outer HTML of its <section>
    references_html: str | None = None  # inner HTML of the reference list; None if unchanged
    # The sections are in another order (or some were removed): a section moved in the outline, or
    # the move undone, changes no section's HTML, yet the page must follow it.
    reordered: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.changed and self.references_html is None and not self.reordered

"""Folding a burst of preview patches into one (no Qt here).

Only the newest state matters: the newest order of sections wins, a section's newest
HTML wins, sections the newest order no longer has are dropped, and the newest
reference list wins (a patch that left the list unchanged keeps an earlier one).
"""

from __future__ import annotations

from editor.core.render.patch import PreviewPatch


def merge_patches(older: PreviewPatch | None, newer: PreviewPatch) -> PreviewPatch:
    """One patch with the same effect as applying ``older`` and then ``newer``.

    Exact when every key in ``older.order`` that ``newer.order`` still has kept its
    element in between, which is how the renderer produces patches.
    """
    if older is None:
        return newer
    keep = set(newer.order)
    changed = {key: html for key, html in older.changed.items() if key in keep}
    changed.update(newer.changed)
    references = newer.references_html if newer.references_html is not None else older.references_html
    return PreviewPatch(order=tuple(newer.order), changed=changed, references_html=references,
                        reordered=older.reordered or newer.reordered)


class PatchQueue:
    """At most one patch in flight; everything that arrives meanwhile waits, merged."""

    def __init__(self) -> None:
        self._waiting: PreviewPatch | None = None
        self.in_flight = False

    @property
    def waiting(self) -> PreviewPatch | None:
        return self._waiting

    def push(self, patch: PreviewPatch) -> None:
        self._waiting = merge_patches(self._waiting, patch)

    def take(self) -> PreviewPatch | None:
        """The merged waiting patch (marking it in flight), or None if nothing waits or one is in flight."""
        if self.in_flight or self._waiting is None:
            return None
        patch, self._waiting = self._waiting, None
        self.in_flight = True
        return patch

    def done(self) -> None:
        self.in_flight = False

    def clear(self) -> None:
        self._waiting = None
        self.in_flight = False

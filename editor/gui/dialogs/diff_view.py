"""A side-by-side line diff of two versions of a post (history, save and publish conflicts).

difflib finds the changed lines; unchanged stretches are folded to a few lines of
context so a long post shows its changes, not pages of sameness. Within a changed
line only the words that differ are marked strongly (a paragraph is one line, and one
changed word should not look like a rewritten paragraph). Colours are tints of the
current palette's base colour, so the view reads in light and dark themes.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

CONTEXT_LINES = 3
_ADDED = QColor("#2ea043")
_REMOVED = QColor("#d64545")


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "equal", "delete", "insert", "replace" or "skip" (folded unchanged lines)
    left_number: int | None
    left: str
    right_number: int | None
    right: str


def diff_rows(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffRow]:
    """Rows of a side-by-side diff of ``old`` (left) and ``new`` (right)."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    if a == b:
        return rows
    groups = list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context))
    for group in groups:
        if rows or group[0][1] > 0:
            rows.append(DiffRow("skip", None, "", None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                pairs = zip(range(i1, i2), range(j1, j2), strict=True)
                rows.extend(DiffRow("equal", i + 1, a[i], j + 1, b[j]) for i, j in pairs)
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                left = (i + 1, a[i]) if i < i2 else (None, "")
                right = (j + 1, b[j]) if j < j2 else (None, "")
                kind = "replace" if left[0] and right[0] else ("delete" if left[0] else "insert")
                rows.append(DiffRow(kind, left[0], left[1], right[0], right[1]))
    if groups and groups[-1][-1][2] < len(a):
        rows.append(DiffRow("skip", None, "", None, ""))
    return rows


def change_counts(rows: list[DiffRow]) -> tuple[int, int]:
    """Lines only on the right (added) and only on the left (removed)."""
    added = sum(1 for row in rows if row.kind in ("insert", "replace") and row.right_number)
    removed = sum(1 for row in rows if row.kind in ("delete", "replace") and row.left_number)
    return added, removed


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_changes(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both lines as (text, changed) runs: what differs between them, word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left.append(("".join(a[i1:i2]), tag != "equal"))
        right.append(("".join(b[j1:j2]), tag != "equal"))
    return [run for run in left if run[0]], [run for run in right if run[0]]


def _marked(runs: list[tuple[str, bool]], colour: str) -> str:
    return "".join(f'<span style="background-color:{colour};">{html.escape(text)}</span>' if changed
                   else html.escape(text) for text, changed in runs)


def _rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def _tint(base: QColor, color: QColor, amount: float) -> str:
    mix = [round(b * (1 - amount) + c * amount) for b, c in zip(_rgb(base), _rgb(color), strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


class DiffView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.setAccessibleName("Differences between the two versions")
        self.setOpenLinks(False)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.rows: list[DiffRow] = []

    def set_texts(self, old: str, new: str, old_label: str, new_label: str) -> None:
        self.rows = diff_rows(old, new)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        dim = palette.color(QPalette.ColorRole.PlaceholderText).name()
        removed, added = _tint(base, _REMOVED, 0.22), _tint(base, _ADDED, 0.22)
        light_removed, light_added = _tint(base, _REMOVED, 0.08), _tint(base, _ADDED, 0.08)
        digits = len(str(max([row.left_number or 0 for row in self.rows] + [row.right_number or 0 for row in self.rows]
                             + [1])))
        fixed = QFontMetrics(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        width = fixed.horizontalAdvance("9" * digits) + 12
        cell = "padding:1px 6px; vertical-align:top; white-space:pre-wrap;"
        number = f"padding:1px 4px; color:{dim}; text-align:right; vertical-align:top;"
        parts = [
            '<table width="100%" cellspacing="0" cellpadding="0" style="font-family:monospace;">',
            f'<tr><th colspan="2" align="left" style="{cell}">{html.escape(old_label)}</th>'
            f'<th colspan="2" align="left" style="{cell}">{html.escape(new_label)}</th></tr>',
        ]
        if not self.rows:
            parts.append(f'<tr><td colspan="4" style="{cell} color:{dim};">No differences.</td></tr>')
        for row in self.rows:
            if row.kind == "skip":
                parts.append(f'<tr><td colspan="4" style="{cell} color:{dim};">⋯</td></tr>')
                continue
            left_text, right_text = html.escape(row.left), html.escape(row.right)
            left_bg = f' bgcolor="{removed}"' if row.kind in ("delete", "replace") and row.left_number else ""
            right_bg = f' bgcolor="{added}"' if row.kind in ("insert", "replace") and row.right_number else ""
            if row.kind == "replace" and row.left_number and row.right_number:
                left_runs, right_runs = word_changes(row.left, row.right)
                left_text, right_text = _marked(left_runs, removed), _marked(right_runs, added)
                left_bg, right_bg = f' bgcolor="{light_removed}"', f' bgcolor="{light_added}"'
            parts.append(
                "<tr>"
                f'<td width="{width}" style="{number}">{row.left_number or ""}</td>'
                f'<td width="50%" style="{cell}"{left_bg}>{left_text}</td>'
                f'<td width="{width}" style="{number}">{row.right_number or ""}</td>'
                f'<td width="50%" style="{cell}"{right_bg}>{right_text}</td>'
                "</tr>"
            )
        parts.append("</table>")
        self.setHtml("".join(parts))

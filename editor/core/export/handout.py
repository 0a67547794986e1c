"""Patient handouts: a post checked by the publish gate and rendered in the print template.

``prepare_handout`` does everything but the PDF itself (which needs a browser engine, see
``editor/gui/printing.py``): the gate (no patient details or unresolved citations on paper
either), the renderer, the print page. ``write_pdf`` writes the finished bytes atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.checks.gate import GateResult, require_clear
from editor.core.foundation.atomic import atomic_write_bytes
from editor.core.foundation.errors import ExportError
from editor.core.post.model import Post
from editor.core.render.csl import check_style
from editor.core.render.handout import PAPER_SIZES, HandoutOptions, render_handout
from editor.core.render.page import render_for_export
from editor.core.render.site_settings import ExportSettings


@dataclass(frozen=True)
class HandoutDocument:
    slug: str
    title: str
    html: str
    paper: str  # the printer's name for it: "Letter" or "A4"
    gate: GateResult


def prepare_handout(
    lib: Any, post: Post | str, options: HandoutOptions, *, style: str | None = None, allow_dismissed: bool = True
) -> HandoutDocument:
    """The print page for ``post``; raises ``PublishBlockedError`` when the gate finds errors."""
    if isinstance(post, str):
        post = lib.posts.get(post)
    assert isinstance(post, Post)
    gate = require_clear(lib, post, allow_dismissed=allow_dismissed)
    settings = ExportSettings.from_library(lib)
    if style:
        check_style(style)
    rendered = render_for_export(lib, post, settings, style)
    html = render_handout(lib, post, rendered, options, settings=settings)
    return HandoutDocument(post.slug, post.title, html, PAPER_SIZES[options.paper], gate)


def pdf_path(path: str | Path) -> Path:
    """``path`` with ``.pdf`` added when it has another ending."""
    target = Path(path)
    return target if target.suffix.lower() == ".pdf" else target.with_name(target.name + ".pdf")


def write_pdf(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (``.pdf`` added when missing) atomically; return the path written."""
    target = pdf_path(path)
    if not data.startswith(b"%PDF"):
        raise ExportError(f"Refusing to write {target}: the printer did not return a PDF.")
    atomic_write_bytes(target, data)
    return target

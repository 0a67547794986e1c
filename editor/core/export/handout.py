"""Patient handouts: a post checked by the publish gate and rendered in the print template.

``prepare_handout`` does everything but the PDF itself (which needs a browser engine, see
``editor/gui/printing.py``): the gate (no patient details or unresolved citations on paper
either), the renderer, the print page. ``write_pdf`` writes the finished bytes atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.checks.gate import GateResult
from editor.core.export.website import DEFAULT_POLICY, GatePolicy, clear_for_website, website_html
from editor.core.foundation.atomic import atomic_write_bytes
from editor.core.foundation.errors import ExportError, NotFoundError
from editor.core.library.page_inputs import asset_data_url
from editor.core.post.model import Post
from editor.core.render.handout import PAPER_SIZES, HandoutOptions
from editor.core.render.site_identity import SiteIdentity


@dataclass(frozen=True)
class HandoutDocument:
    slug: str
    title: str
    html: str
    paper: str  # the printer's name for it: "Letter" or "A4"
    gate: GateResult
    author: str = ""  # the PDF's Author: the post's author, else the clinic
    subject: str = ""  # the PDF's Subject: the post's summary
    keywords: tuple[str, ...] = ()


def prepare_handout(
    lib: Any, post: Post | str, options: HandoutOptions, *, style: str | None = None,
    policy: GatePolicy = DEFAULT_POLICY,
) -> HandoutDocument:
    """The print page for ``post``; raises ``PublishBlockedError`` when the gate finds errors."""
    cleared = clear_for_website(lib, post, policy=policy, style=style)
    post = cleared.post
    html = website_html(lib, cleared, "handout", asset_url=lambda asset_id: asset_data_url(lib, asset_id),
                        handout=options, qr_url=published_link(lib, post))
    identity = SiteIdentity.from_settings(lib.settings)
    author = _author_name(lib, post) or identity.clinic_name or cleared.settings.site_name
    subject = post.summary or (f"Patient handout from {identity.clinic_name}" if identity.clinic_name
                               else "Patient handout")
    return HandoutDocument(post.slug, post.title, html, PAPER_SIZES[options.paper], cleared.gate,
                           author=author, subject=subject, keywords=tuple(post.tags))


def published_link(lib: Any, post: Post) -> str | None:
    """Where patients can read the post online: its live page on a saved site, newest first."""
    from editor.core.publish.links import LinkStore

    return LinkStore(lib).published_link(post.id) if post.id is not None else None



def pdf_path(path: str | Path) -> Path:
    """``path`` with ``.pdf`` added when it has another ending."""
    target = Path(path)
    return target if target.suffix.lower() == ".pdf" else target.with_name(target.name + ".pdf")


def write_pdf(path: str | Path, data: bytes, document: HandoutDocument | None = None) -> Path:
    """Write ``data`` to ``path`` (``.pdf`` added when missing) atomically; return the path written.

    With ``document``, the PDF gets its Title, Author, Subject and Keywords (viewers show the
    title, and a clinic's document system files it by them).
    """
    target = pdf_path(path)
    if not data.startswith(b"%PDF"):
        raise ExportError(f"Refusing to write {target}: the printer did not return a PDF.")
    if document is not None:
        data = with_metadata(data, title=document.title, author=document.author, subject=document.subject,
                             keywords=document.keywords)
    atomic_write_bytes(target, data)
    return target


def with_metadata(pdf: bytes, *, title: str, author: str, subject: str, keywords: tuple[str, ...] = ()) -> bytes:
    """``pdf`` (our printer's own output) with its document information filled in."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import BooleanObject, NameObject

    info = {"/Title": title, "/Author": author, "/Subject": subject, "/Creator": "Postwright"}
    if keywords:
        info["/Keywords"] = ", ".join(keywords)
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
        writer.add_metadata({key: value for key, value in info.items() if value})
        # a viewer's window shows the title, not the file name
        writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError) as error:
        raise ExportError(f"The printed handout could not be labelled ({error}); nothing was written.") from None
    return out.getvalue()


def _author_name(lib: Any, post: Post) -> str:
    if post.author_id is None:
        return ""
    try:
        return str(lib.authors.get(post.author_id).display_name)
    except NotFoundError:
        return ""

"""A post as a patient handout: the print page that becomes a PDF for the exam room.

The handout is the same rendered article as the web page (one renderer), placed in a print
template (``handout.html.j2`` + ``handout.css``) whose CSS paged-media rules do the layout:
``@page`` size (Letter or A4), margin boxes for "Page N of M" and the printed date, headings
kept with their first paragraph, no widows or orphans. Everything the page needs is inside the
HTML (images as ``data:`` URIs, the QR code as inline SVG), so the PDF printer loads nothing.

Turning the HTML into a PDF needs a browser engine and lives in the GUI layer
(``editor/gui/printing.py``); this module has no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import segno
from markupsafe import Markup

from editor.core.foundation.errors import ValidationError
from editor.core.foundation.storage import SettingsReader
from editor.core.render.inputs import ArticleInputs
from editor.core.render.page import AssetUrl, article_context, style_text
from editor.core.render.renderer import RenderedPost
from editor.core.render.templates import TemplateSet

PAPER_SIZES: Mapping[str, str] = {"letter": "Letter", "a4": "A4"}
BODY_POINTS = 12
LARGE_PRINT_POINTS = 16
FOOTER_POINTS = 8.5
LARGE_PRINT_FOOTER_POINTS = 12.0
QR_QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
DISCLAIMER = "This handout does not replace advice from your clinician."
SHORT_URL_LENGTH = 48

# Setting names in the library (``lib.settings``); the GUI's handout dialog writes them.
PAPER_SETTING = "handout_paper"
LARGE_PRINT_SETTING = "handout_large_print"

_TEXT_URL = re.compile(r"(?<![=\"'/])\bhttps?://[^\s<>\"']+")
_TRAILING_PUNCTUATION = ".,;:)]"


@dataclass(frozen=True)
class HandoutOptions:
    paper: str = "letter"
    large_print: bool = False

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            choices = ", ".join(PAPER_SIZES)
            raise ValidationError(f"Paper size {self.paper!r} is not one of {choices}.")

    @property
    def body_points(self) -> int:
        return LARGE_PRINT_POINTS if self.large_print else BODY_POINTS

    @property
    def footer_points(self) -> float:
        """The page footer (date, disclaimer, page number) grows with the text: 8.5 pt, 12 pt in large print."""
        return LARGE_PRINT_FOOTER_POINTS if self.large_print else FOOTER_POINTS

    @classmethod
    def from_settings(
        cls, settings: SettingsReader, *, paper: str | None = None, large_print: bool | None = None
    ) -> HandoutOptions:
        """The library's saved choices, with ``paper``/``large_print`` overriding them when given."""
        saved_paper = str(settings.get(PAPER_SETTING, "letter") or "letter").lower()
        saved_large = bool(settings.get(LARGE_PRINT_SETTING, False))
        return cls(
            paper=(paper or saved_paper).lower() if (paper or saved_paper).lower() in PAPER_SIZES else "letter",
            large_print=saved_large if large_print is None else large_print,
        )


def render_handout(
    inputs: ArticleInputs,
    rendered: RenderedPost,
    options: HandoutOptions,
    *,
    asset_data: AssetUrl,
    asset_url: AssetUrl | None = None,
    qr_url: str | None = None,
    printed_on: date | None = None,
) -> str:
    """The whole print page for ``inputs.post`` as one self-contained HTML document.

    ``asset_data(id)`` gives a library image as a ``data:`` URL (the clinic's logo always,
    the article's images unless ``asset_url`` says otherwise); the QR code and the "read
    online" line point at ``qr_url`` (the published link), else the canonical URL.
    """
    settings = inputs.settings
    templates = TemplateSet(settings.templates_dir)
    context = article_context(inputs, rendered, asset_url or asset_data, None, preview=False)
    canonical = qr_url or context["canonical"]
    identity = inputs.identity  # the clinic's name, logo and phone, as on the website
    printed = printed_on or date.today()
    context.update(
        references_html=Markup(shorten_urls(str(context["references_html"]))),
        css_inline=Markup(style_text(templates.stylesheet("handout.css"))),
        paper=PAPER_SIZES[options.paper],
        body_points=options.body_points,
        large_print=options.large_print,
        clinic_name=identity.clinic_name or settings.site_name,
        clinic_phone=identity.phone or identity.header_text,
        clinic_address=identity.lines("address"),
        footer_points=options.footer_points,
        clinic_logo=asset_data(identity.logo_asset_id) if identity.logo_asset_id is not None else None,
        qr_svg=Markup(qr_svg(canonical)) if canonical else None,
        qr_url=short_url(canonical, elide=False) if canonical else None,
        printed_text=f"{printed:%B} {printed.day}, {printed.year}",
        disclaimer=DISCLAIMER,
    )
    return templates.render("handout.html.j2", **context)


def short_url(url: str, *, elide: bool = True) -> str:
    """A URL as a reader can type it: no scheme, no ``www.``, no query; long paths elided.

    ``https://www.cdc.gov/obesity/adult-obesity-facts/index.html`` → ``cdc.gov/obesity/adult-obesity-facts``.
    ``elide=False`` keeps the whole path and query (the handout's own "read online" address must
    work when typed).
    """
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"/index\.html?$", "", parts.path).rstrip("/")
    text = host + path
    if not elide:  # a link like WordPress's plain "?p=41" is nothing without its query
        return text + (f"?{parts.query}" if parts.query else "")
    if len(text) <= SHORT_URL_LENGTH:
        return text
    segments = [segment for segment in path.split("/") if segment]
    last = segments[-1] if segments else ""
    shortened = f"{host}/…/{last}" if last else host
    return shortened if len(shortened) <= SHORT_URL_LENGTH else shortened[: SHORT_URL_LENGTH - 1] + "…"


def shorten_urls(html: str) -> str:
    """Replace every URL written out in ``html``'s text with its :func:`short_url` form."""

    def replace(match: re.Match[str]) -> str:
        url = match.group(0)
        trailing = ""
        while url and url[-1] in _TRAILING_PUNCTUATION:
            trailing = url[-1] + trailing
            url = url[:-1]
        return short_url(url) + trailing

    return _TEXT_URL.sub(replace, html)


def qr_svg(url: str) -> str:
    """An inline SVG QR code for ``url`` (error correction M, black on white, no XML declaration).

    The SVG has a ``viewBox`` and no fixed size, so the stylesheet scales the whole code (a
    fixed ``width``/``height`` with a smaller CSS box cropped it to one corner), and a quiet
    zone of four modules, so a phone's camera finds it.
    """
    code = segno.make(url, error="m", micro=False)
    svg: str = code.svg_inline(scale=1, border=QR_QUIET_ZONE, dark="#000", light="#fff", omitsize=True,
                               title=f"QR code: {url}", svgclass="qr-code")
    return svg

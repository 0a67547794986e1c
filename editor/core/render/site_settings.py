"""The library settings the renderer and exports read, with their defaults.

=====================  ===============================================================
``citation_display``   ``"superscript"`` (AMA) or ``"parentheses"``; a post's own
                       ``citation_display`` overrides it.
``csl_style``          name of a bundled CSL style for the reference list
                       (default ``american-medical-association``).
``site_base_url``      e.g. ``https://clinic.example/blog``; canonical URL = base + ``/`` +
                       slug. Only ``http``/``https`` URLs are used; anything else is ignored.
``site_name``          shown in the page title and ``og:site_name``.
``schema_type``        ``"MedicalWebPage"`` (default) or ``"BlogPosting"`` for the JSON-LD.
``content_width``      the article column's width in CSS pixels (default 720); exported
                       and published images are sized for it (half, once and twice).
``templates_dir``      a folder whose ``page.html.j2``, partials (``_article.html.j2``…)
                       and ``site.css`` override the built-in ones.
=====================  ===============================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from editor.core.foundation.storage import SettingsReader
from editor.core.post.model import CITATION_DISPLAYS, Post
from editor.core.render.csl import DEFAULT_STYLE

SCHEMA_TYPES = ("MedicalWebPage", "BlogPosting")
DEFAULTS: dict[str, Any] = {
    "citation_display": "superscript",
    "csl_style": DEFAULT_STYLE,
    "site_base_url": "",
    "site_name": "",
    "schema_type": "MedicalWebPage",
    "templates_dir": "",
    "content_width": 720,
}


@dataclass(frozen=True)
class ExportSettings:
    citation_display: str = "superscript"
    csl_style: str = DEFAULT_STYLE
    site_base_url: str = ""
    site_name: str = ""
    schema_type: str = "MedicalWebPage"
    templates_dir: Path | None = None
    content_width: int = 720

    @classmethod
    def from_settings(cls, settings: SettingsReader) -> ExportSettings:
        """Read the settings, replacing unusable values with the defaults."""
        values = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
        display = values["citation_display"]
        schema = values["schema_type"]
        folder = str(values["templates_dir"] or "").strip()
        style = values["csl_style"]
        return cls(
            citation_display=display if display in CITATION_DISPLAYS else DEFAULTS["citation_display"],
            csl_style=style if isinstance(style, str) and style else DEFAULT_STYLE,
            site_base_url=safe_base_url(values["site_base_url"]),
            site_name=str(values["site_name"] or ""),
            schema_type=schema if schema in SCHEMA_TYPES else DEFAULTS["schema_type"],
            templates_dir=Path(folder).expanduser() if folder else None,
            content_width=_content_width(values["content_width"]),
        )

    def display_for(self, post: Post) -> str:
        return post.citation_display if post.citation_display in CITATION_DISPLAYS else self.citation_display

    def canonical_url(self, slug: str) -> str | None:
        return f"{self.site_base_url}/{slug}" if self.site_base_url and slug else None


def safe_base_url(value: object) -> str:
    """``value`` without a trailing slash if it is an http(s) URL, else ``""``."""
    text = str(value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if any(ch in text for ch in "<>\"' \t\n\\`"):
        return ""
    return text.rstrip("/")


def _content_width(value: object) -> int:
    try:
        width = int(str(value))
    except ValueError:
        return int(DEFAULTS["content_width"])
    return width if 200 <= width <= 2400 else int(DEFAULTS["content_width"])

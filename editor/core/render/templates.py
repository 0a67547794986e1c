"""The Jinja2 templates and stylesheet, built in or overridden from a user folder.

Built-ins live in ``resources/templates/`` (``page.html.j2``, ``_article.html.j2``,
``_author.html.j2``, ``_related.html.j2``, ``index.html.j2``) and ``resources/css/site.css``.
A ``templates_dir`` setting names a folder whose files of the same names win; a missing
folder means the built-ins. Every template autoescapes; the only values marked safe are
HTML the renderer produced and sanitized, and JSON-LD escaped for a script element.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from editor.core.foundation.errors import ExportError
from editor.core.foundation.paths import resources_dir

RESOURCES = resources_dir()
TEMPLATES = RESOURCES / "templates"
STYLESHEET = RESOURCES / "css" / "site.css"


class TemplateSet:
    """The templates and CSS to use, given an optional user override folder."""

    def __init__(self, override: Path | None = None) -> None:
        self.override = override if override is not None and override.is_dir() else None
        self.environment = _environment(str(self.override) if self.override else "")

    def render(self, name: str, **context: Any) -> str:
        try:
            return self.environment.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as error:
            raise ExportError(
                f"The template {error.filename or name} has an error on line {error.lineno}: {error.message}."
            ) from error
        except jinja2.TemplateError as error:
            raise ExportError(f"The template {name} could not be rendered: {error}.") from error

    def stylesheet(self, name: str = "site.css") -> str:
        """The stylesheet ``name`` (``site.css``, ``handout.css``) from the override folder or the built-in one."""
        path = self.override / name if self.override else None
        if path is None or not path.is_file():
            path = STYLESHEET.with_name(name)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise ExportError(f"Cannot read the stylesheet {path}: {error}.") from error


@lru_cache(maxsize=4)
def _environment(override: str) -> jinja2.Environment:
    folders = [override, str(TEMPLATES)] if override else [str(TEMPLATES)]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

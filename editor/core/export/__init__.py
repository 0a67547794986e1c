"""Website-ready exports of posts, and the preview shell, from one template and renderer.

    export_post(lib, "glp1-what-to-know", "page", "out/")     # page | fragment | markdown
    export_all(lib, "site/", progress=callback)                # published posts + index.html
    render_preview_shell(article_inputs(lib, post), renderer.render(post.body))
"""

from __future__ import annotations

from editor.core.checks.gate import GateResult, PublishBlockedError
from editor.core.export.exporter import FORMATS, ExportResult, SiteResult, export_all, export_post
from editor.core.render.page import PREVIEW_CSP, render_fragment, render_page, render_preview_shell
from editor.core.render.site_settings import DEFAULTS, SCHEMA_TYPES, ExportSettings

__all__ = [
    "DEFAULTS", "FORMATS", "PREVIEW_CSP", "SCHEMA_TYPES", "ExportResult", "ExportSettings", "GateResult",
    "PublishBlockedError", "SiteResult",
    "export_all", "export_post", "render_fragment", "render_page", "render_preview_shell",
]

"""The live preview: a WebEngine view that is loaded once and then patched in place.

Public API:

- :func:`register_schemes` — call once at start-up, before the QApplication exists.
- :class:`PreviewView` — the widget (objectName ``preview``): ``load_shell(html)``,
  ``apply_patch(patch)``, ``scroll_to_section(key)``, signal ``sectionScrolled(str)``.
- :func:`asset_url` / :func:`parse_asset_id` — how library images are addressed.
"""

from __future__ import annotations

from editor.gui.preview.schemes import (
    ASSET_SCHEME,
    PREVIEW_CSP,
    SHELL_SCHEME,
    asset_url,
    parse_asset_id,
    register_schemes,
)
from editor.gui.preview.view import PreviewView

__all__ = [
    "ASSET_SCHEME",
    "PREVIEW_CSP",
    "SHELL_SCHEME",
    "PreviewView",
    "asset_url",
    "parse_asset_id",
    "register_schemes",
]

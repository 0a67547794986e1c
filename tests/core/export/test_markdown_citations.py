"""Markdown export reads citations with the same grammar as the page."""

from __future__ import annotations

from typing import Any

from editor.core.export.markdown_export import markdown_document
from editor.core.post.model import Post
from editor.core.render.renderer import render_post
from editor.core.render.site_settings import ExportSettings

LIBRARY = {
    "a": {"id": "a", "type": "article-journal", "title": "Alpha", "author": [{"family": "Wilding", "given": "J"}]},
    "b": {"id": "b", "type": "article-journal", "title": "Beta", "author": [{"family": "Roe", "given": "K"}]},
    "old": {"id": "a", "type": "article-journal", "title": "Alpha", "author": [{"family": "Wilding", "given": "J"}]},
}
BODY = ("Risk doubles [see @a, p. 3]. Both [@b; @old]. @a agrees, follow @clinic. "
        "Code `[@zz]` stays.\n")


def export(citations: str, display: str = "superscript") -> str:
    def resolve(keys: Any) -> dict[str, Any]:
        return {key: LIBRARY[key] for key in keys if key in LIBRARY}

    rendered = render_post(BODY, resolve, display=display)
    post = Post(title="T", slug="t", body=BODY)
    text = markdown_document(post, rendered, author=None, reviewer=None, settings=ExportSettings(),
                             citations=citations, asset_path=lambda asset: f"assets/{asset}")
    return text.split("---\n", 2)[2].strip()


def test_numbers_mode_writes_what_the_page_shows() -> None:
    body = export("numbers").split("\n\n## References")[0].strip()
    assert body == ("Risk doubles.<sup>see\u00a01(p3)</sup> Both.<sup>1,2</sup> Wilding<sup>1</sup> agrees, "
                    "follow @clinic. Code `[@zz]` stays.")


def test_keys_mode_keeps_citations_and_escapes_a_bare_name_that_is_no_reference() -> None:
    assert export("keys") == ("Risk doubles [see @a, p. 3]. Both [@b; @old]. @a agrees, follow \\@clinic. "
                              "Code `[@zz]` stays.")

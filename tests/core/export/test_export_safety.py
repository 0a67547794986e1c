"""Hostile content in every field must not reach the output as markup.

The same payload goes into the body, title, summary, banner, tags, related posts, the
author and reviewer (name, credentials, job title, bio), every reference field and the
site settings. The page, the fragment and the preview shell are parsed and checked for
active content: script/iframe/form/style/object/embed/svg elements, event-handler
attributes and javascript:/data: URLs. (The only allowed script is our JSON-LD, which must
be valid JSON with no ``<`` in it; the only allowed style element is the preview's own
stylesheet.)
"""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_helpers import without_checks

from editor.core.export import export_post, render_preview_shell
from editor.core.foundation.errors import ExportError
from editor.core.library import Library
from editor.core.library.page_inputs import article_inputs
from editor.core.post.model import Author, Post
from editor.core.render.renderer import IncrementalRenderer
from editor.core.render.templates import STYLESHEET

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="javascript:alert(3)"></iframe>'
    '<form action="https://evil.example"><input name="q"></form><style>body{display:none}</style>'
    '<object data="evil.swf"></object><embed src="evil.swf"><svg onload="alert(5)"></svg>'
    '<a href="javascript:alert(4)">j</a><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>'
    "\"'><body onload=alert(6)></script>"
)
BODY = f"""{PAYLOAD}

## Section {PAYLOAD}

Text [link](javascript:alert(7)) and ![pic](data:image/png;base64,AAAA) and
<a href="  JaVaScRiPt:alert(8)">x</a> <img src="asset:1" onerror="alert(9)"> [@evil] [@missing-2]
<div style="background:url(javascript:alert(10))" onclick="alert(11)">d</div>

| a | b |
|---|---|
| <script>alert(12)</script> | <iframe></iframe> |

```
{PAYLOAD}
```
"""
FORBIDDEN_TAGS = {"script", "iframe", "form", "input", "style", "object", "embed", "svg", "frame", "base",
                  "meta", "link", "button", "textarea", "select"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


class Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.current: str | None = None
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        allowed_head = (tag == "script" and values.get("type") == "application/ld+json") or tag in (
            "style", "meta", "link")
        if tag in FORBIDDEN_TAGS and not allowed_head:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("meta refresh")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "style":
                self.problems.append(f"{tag}[style]")
            cleaned = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{tag}[{name}={value}]")
        self.current = tag

    def handle_data(self, data: str) -> None:
        if self.current == "script":
            self.scripts.append(data)
        elif self.current == "style":
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.current = None


def inspect(html: str, *, preview: bool) -> Inspector:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    assert inspector.problems == []
    for script in inspector.scripts:
        assert "<" not in script
        json.loads(script)
    if preview:
        assert inspector.styles == [STYLESHEET.read_text(encoding="utf-8").replace("</", "<\\/")]
        assert html.count("<meta http-equiv") == 1 and html.count("<style") == 1
    else:
        assert inspector.styles == [] and "<style" not in html
    assert html.count("<link ") <= 2  # canonical + stylesheet, ours
    return inspector


@pytest.fixture
def hostile_library(tmp_path: Path):
    lib = Library.open(tmp_path / "hostile.sqlite", seed=False)
    photo = lib.assets.add(b"\x89PNG\r\n\x1a\nphoto", "image/png", PAYLOAD)
    author = lib.authors.save(Author(name="Eve " + PAYLOAD, credentials=PAYLOAD, job_title=PAYLOAD,
                                     bio=PAYLOAD, photo_asset_id=photo))
    other = lib.posts.create(Post(title=PAYLOAD, slug="other", summary=PAYLOAD, status="published"))
    lib.posts.create(Post(
        title="Evil " + PAYLOAD, slug="evil", summary=PAYLOAD, body=BODY, status="published",
        author_id=author.id, reviewer_id=author.id, tags=[PAYLOAD, "ok"], banner=PAYLOAD + " [x](javascript:alert(1))",
        related=[other.slug, PAYLOAD], last_reviewed="2026-01-01", series=PAYLOAD, series_number=2,
    ))
    lib.references.add({"id": "evil", "type": "webpage", "title": PAYLOAD, "URL": "https://ok.example/x"})
    item = {
        "id": "evil", "type": "article-journal", "title": PAYLOAD, "container-title": PAYLOAD,
        "author": [{"family": PAYLOAD, "given": PAYLOAD}, {"literal": PAYLOAD}], "URL": "javascript:alert(13)",
        "DOI": PAYLOAD, "publisher": PAYLOAD, "page": PAYLOAD, "volume": PAYLOAD, "note": PAYLOAD,
        "issued": {"date-parts": [[2020]]},
    }
    with lib.transaction():  # store the hostile record as is, bypassing any cleaning on import
        lib.db.execute("UPDATE refs SET csl = ? WHERE citekey = 'evil'", [json.dumps(item)])
    for key, value in {"site_base_url": "javascript:alert(14)//", "site_name": PAYLOAD,
                       "schema_type": PAYLOAD, "citation_display": PAYLOAD, "csl_style": "apa"}.items():
        lib.settings.set(key, value)
    without_checks(lib)  # these tests are about the renderer's escaping, not the publish gate
    yield lib
    lib.close()


def test_hostile_fields_do_not_survive(hostile_library, tmp_path: Path) -> None:
    lib = hostile_library
    assert lib.references.resolve_many(["evil"])["evil"]["title"] == PAYLOAD
    with pytest.raises(ExportError, match=r"citations without a reference \(missing-2\)"):
        export_post(lib, "evil", "page", tmp_path / "out" / "page.html")  # even with every check off
    assert not (tmp_path / "out" / "page.html").exists()
    post = lib.posts.get("evil")
    lib.posts.save(post.replace(body=post.body.replace("[@missing-2]", "")), reason="save")
    page = export_post(lib, "evil", "page", tmp_path / "out" / "page.html").path.read_text(encoding="utf-8")
    inspect(page, preview=False)
    assert '<link rel="canonical"' not in page  # the javascript: base URL was refused
    assert "&lt;script&gt;" in page  # the payload is shown as text, escaped
    assert 'id="ref-evil"' in page and "[?" not in page
    fragment = export_post(lib, "evil", "fragment", tmp_path / "out" / "fragment.html").path.read_text()
    inspect(fragment, preview=False)
    renderer = IncrementalRenderer(lib.references.resolve_many)
    rendered = renderer.render(BODY)
    assert "[?2]" in "".join(section.html for section in rendered.sections)  # the preview shows the marker
    inspect(render_preview_shell(article_inputs(lib, post), rendered), preview=True)
    for section in rendered.sections:
        inspect(section.html, preview=False)
    inspect(rendered.reference_list_html, preview=False)


def test_hostile_content_in_each_field_alone(tmp_path: Path) -> None:
    """One field at a time, so a field is not hidden behind another one's escaping."""
    lib = Library.open(tmp_path / "one.sqlite", seed=False)
    try:
        base = lib.posts.create(Post(title="Plain", slug="plain", body="Text [@r].\n", status="published"))
        lib.references.add({"id": "r", "type": "book", "title": "Book"})
        without_checks(lib)
        body = BODY.replace("[@evil] [@missing-2]", "[@r]")
        fields = {"title": PAYLOAD, "summary": PAYLOAD, "banner": PAYLOAD, "body": body, "tags": [PAYLOAD],
                  "related": [PAYLOAD], "series": PAYLOAD}
        for name, value in fields.items():
            post = lib.posts.save(dataclasses.replace(lib.posts.get("plain"), **{name: value}), reason="save")
            html = export_post(lib, post, "page", tmp_path / f"{name}.html").path.read_text(encoding="utf-8")
            inspect(html, preview=False)
            lib.posts.save(dataclasses.replace(lib.posts.get("plain"), **{name: getattr(base, name)}), reason="save")
    finally:
        lib.close()

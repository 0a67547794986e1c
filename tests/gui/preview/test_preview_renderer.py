"""With the real incremental renderer: the patched page equals a fresh render of the new body."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from preview_helpers import make_shell, wait_until_settled

from editor.core.library.page_inputs import article_inputs
from editor.core.post.frontmatter import parse_markdown_post
from editor.core.post.sections import move_section, split_sections
from editor.core.render.renderer import IncrementalRenderer, RenderedPost, render_post

DATA = Path(__file__).parent / "data"
ITEMS = {item["id"]: item for item in json.loads((DATA / "references.csl.json").read_text(encoding="utf-8"))}


def resolve(keys: Iterable[str]) -> dict[str, dict]:
    return {key: ITEMS[key] for key in keys if key in ITEMS}


@pytest.fixture
def body() -> str:
    text = (DATA / "glp1-what-to-know.md").read_text(encoding="utf-8")
    return parse_markdown_post(text).post.body


def shell_of(rendered: RenderedPost) -> str:
    return make_shell([section.html for section in rendered.sections], references=rendered.references_html)


def page_matches(page, rendered: RenderedPost) -> bool:
    """The page's body and reference list are what the browser makes of ``rendered``'s HTML."""
    expected = json.dumps({"body": "".join(s.html for s in rendered.sections), "refs": rendered.references_html})
    return page.js(
        f"(() => {{ const want = {expected}; const t = document.createElement('template');"
        " t.innerHTML = want.body; const body = t.innerHTML === document.getElementById('post-body').innerHTML;"
        " t.innerHTML = want.refs; const refs = t.innerHTML === document.getElementById('reference-list').innerHTML;"
        " return body && refs; })()"
    )


def heading_index(body: str, title: str) -> int:
    return next(i for i, section in enumerate(split_sections(body)) if section.title == title)


def test_edits_moves_and_deletions_patch_to_a_fresh_render(page, body: str) -> None:
    renderer = IncrementalRenderer(resolve)
    shown = renderer.render(body)
    page.load(shell_of(shown))
    assert page_matches(page, shown)

    edits = []
    typed = body.replace("treat obesity.", "treat obesity [@rubino2021].", 1)
    edits.append(typed)
    moved, _ = move_section(typed, heading_index(typed, "Side effects"), -1)
    edits.append(moved)
    start = moved.index("## What happens when you stop")
    end = moved.index("## Is it right for you?")
    edits.append(moved[:start] + moved[end:])

    for text in edits:
        current = renderer.render(text)
        page.patch(renderer.patch_since(shown, current))
        assert page_matches(page, current)
        assert page_matches(page, render_post(text, resolve))  # the same as rendering from scratch
        assert page.section_ids() == list(current.keys)
        shown = current
    assert page.js("document.querySelectorAll('#reference-list li').length") == len(shown.citation_order)


def test_typing_a_citation_updates_numbers_and_reference_list(page, body: str) -> None:
    renderer = IncrementalRenderer(resolve)
    shown = renderer.render(body)
    page.load(shell_of(shown))
    before = page.js("Array.from(document.querySelectorAll('#reference-list li')).map(li => li.id)")
    current = renderer.render("Opening claim [@rubino2021].\n\n" + body)
    patch = renderer.patch_since(shown, current)
    assert patch.references_html is not None and "intro" in patch.changed
    page.patch(patch)
    after = page.js("Array.from(document.querySelectorAll('#reference-list li')).map(li => li.id)")
    assert after[0] == "ref-rubino2021"
    assert after[1:] == [key for key in before if key != "ref-rubino2021"]
    assert page_matches(page, current)


def test_real_preview_shell_with_library_images_and_references(page, qtbot, library, body: str) -> None:
    """The export's preview shell, a real library: images come through the asset scheme."""
    import io

    from PIL import Image

    from editor.core.post.model import Post
    from editor.core.render.page import render_preview_shell

    for item in ITEMS.values():
        library.references.add(dict(item))
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), (10, 120, 200)).save(buffer, format="PNG")
    asset_id = library.assets.add(buffer.getvalue(), "image/png", "chart.png")
    post = library.posts.create(Post(title="GLP-1 medications", body=body))

    page.view.set_asset_loader(library.assets.get)
    renderer = IncrementalRenderer(library.references.resolve_many)
    shown = renderer.render(post.body)
    page.load(render_preview_shell(article_inputs(library, post), shown))
    assert page.view.title() != "pwned"
    assert page_matches(page, shown)

    edited = post.body.replace("## Side effects\n", f"## Side effects\n\n![A chart](asset:{asset_id})\n", 1)
    current = renderer.render(edited)
    page.patch(renderer.patch_since(shown, current))
    assert page.js("document.querySelector('#side-effects img').getAttribute('src')") == f"postwright-asset:{asset_id}"
    state = "(i => [i.complete, i.naturalWidth])(document.querySelector('#side-effects img'))"
    qtbot.waitUntil(lambda: page.js(state) == [True, 6], timeout=5000)


def test_hostile_post_through_the_real_renderer_runs_no_script(page, qtbot, library) -> None:
    from editor.core.post.model import Post
    from editor.core.render.page import render_preview_shell

    pwn = "document.title='pwned'"
    body = (
        f"Intro <script>{pwn}</script> and <img src=x onerror=\"{pwn}\">.\n\n"
        f"## Links\n\n[click](javascript:{pwn}) <a href=\"javascript:{pwn}\" id=\"raw\">raw</a>\n\n"
        f"<svg onload=\"{pwn}\"></svg><iframe srcdoc=\"<script>parent.{pwn}</script>\"></iframe>\n"
    )
    post = library.posts.create(Post(title="Hostile", body=body))
    renderer = IncrementalRenderer(library.references.resolve_many)
    shown = renderer.render(post.body)
    page.load(render_preview_shell(article_inputs(library, post), shown))
    title = page.view.title()
    page.js("(document.querySelectorAll('a').forEach(a => a.click()), true)")
    page.patch(renderer.patch_since(shown, body + f"\n<img src=y onerror=\"{pwn}\">\n"))
    wait_until_settled(page)
    assert page.view.title() == title != "pwned"
    assert page.js("document.querySelectorAll('script, iframe, [onerror], [onload]').length") == 0

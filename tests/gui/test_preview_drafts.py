"""A long post's preview fills in while it renders: the top first, then more sections,
the reference list last; the page ends up as a fresh render shows it, and the work held
for the preview (the checks, the highlighting sweep) starts only once it is whole."""

from __future__ import annotations

from page_script import page_value

from editor.core.post.model import Post
from editor.core.render.renderer import IncrementalRenderer
from editor.gui import pipelines

SECTION = ("## Part {n}\n\nWeight loss was {n}% in one trial [@lincoff2023]. "
           + "Adults who walked daily slept longer and ate less at night. " * 12 + "\n\n")


def long_body() -> str:
    body = "Intro.\n\n" + "".join(SECTION.format(n=n) for n in range(1, 160))
    body += "## Last part\n\nLast line of the long post, zqlastline.\n"
    assert len(body) > pipelines.DRAFT_FIRST_CHARS * pipelines.DRAFT_GROWTH
    return body


def test_a_long_post_arrives_in_drafts_and_ends_whole(qtbot, window):
    body = long_body()
    post = window.library.posts.create(Post(title="A long post", body=body))
    results: list[pipelines.RenderResult] = []
    window.render_pipeline.finished.connect(results.append)
    checked_when: list[tuple[bool, bool]] = []  # (whole post handed over, page settled) at the check
    submit = window.check_pipeline._submit

    def recording_submit(*args: object) -> None:
        checked_when.append((any(not r.draft for r in results), window.preview.is_settled()))
        submit(*args)

    window.check_pipeline._submit = recording_submit
    with qtbot.waitSignal(window.preview_fill.complete, timeout=30000):
        assert window.open_post(post.slug)
    drafts = [r for r in results if r.draft]
    assert len(drafts) >= 2 and results[-1] is not drafts[-1]
    assert drafts[0].shell is not None and all(d.patch is not None for d in drafts[1:])
    assert [len(d.rendered.sections) for d in drafts] == sorted({len(d.rendered.sections) for d in drafts})
    assert all(d.rendered.references_html == "" for d in drafts)

    qtbot.waitUntil(lambda: bool(checked_when), timeout=30000)
    assert checked_when[0] == (True, True)
    assert not window.editor.highlighter._sweep_held

    fresh = IncrementalRenderer(window.library.references.resolve_many).render(body)
    keys = page_value(qtbot, window, "Array.from(document.querySelectorAll('#post-body > section')).map(s => s.id)")
    assert keys == list(fresh.keys)
    assert page_value(qtbot, window, "document.querySelectorAll('#reference-list > li').length") == len(
        fresh.citation_order) > 0
    assert "zqlastline" in page_value(qtbot, window, "document.getElementById('post-body').textContent")


def test_a_short_post_is_one_whole_page(qtbot, window):
    post = window.library.posts.create(Post(title="Short", body="Intro.\n\n## One\n\nText.\n"))
    results: list[pipelines.RenderResult] = []
    window.render_pipeline.finished.connect(results.append)
    with qtbot.waitSignal(window.preview_fill.complete, timeout=30000):
        assert window.open_post(post.slug)
    assert [r.draft for r in results] == [False] and results[0].shell is not None


def test_switching_posts_mid_draft_waits_for_the_new_page(qtbot) -> None:
    """A short post opened while a long one was still arriving in drafts: the held work
    waits for the short post's own page, not the long post's draft that is on screen."""
    from editor.core.render.patch import PreviewPatch
    from editor.gui.preview import PreviewView
    from editor.gui.preview_fill import PreviewFill

    view = PreviewView()
    qtbot.addWidget(view)
    fill = PreviewFill(view)
    completes: list[bool] = []
    fill.complete.connect(lambda: completes.append(True))

    def result(title: str, *, draft: bool, patch: PreviewPatch | None = None) -> pipelines.RenderResult:
        post = Post(title=title)
        shell = None if patch else f"<!doctype html><title>{title}</title><div id='post-body'></div>"
        return pipelines.RenderResult(pipelines.RenderRequest(post, "", reset=True), None, patch, shell, draft=draft)

    long_draft = result("Long", draft=True)
    fill.given(long_draft)
    with qtbot.waitSignal(view.shellLoaded, timeout=20000):
        view.load_shell(long_draft.shell)
    more = result("Long", draft=True, patch=PreviewPatch(order=("intro",), changed={"intro": "<section id='intro'>"
                                                                                        "</section>"}))
    fill.given(more)
    view.apply_patch(more.patch)
    qtbot.waitUntil(view.is_settled, timeout=20000)
    assert completes == []  # the long post's whole render has not come

    short = result("Short", draft=False)
    fill.given(short)
    view.load_shell(short.shell)
    assert completes == []  # the long post's draft page is still on screen
    qtbot.waitUntil(lambda: completes == [True], timeout=20000)

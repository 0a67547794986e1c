"""The preview's render cache on disk: a renderer reading it gives exactly what a fresh render gives,
converts nothing it converted before (in another renderer: another process, after a restart), and
a damaged, foreign or unwritable cache never stops a render."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_helpers import DictResolver
from test_render_property import FRAGMENTS, apply, edit

from editor.core.render.render_cache import APPLICATION_ID, RenderCache
from editor.core.render.renderer import IncrementalRenderer, render_post

BODY = (
    "Opening words [@wilding2021].\n\n## Alpha\n\nStudies [@rubino2021; @ama11] and [see @lincoff2023, p. 3].\n\n"
    "### Sub\n\nMore [@wilding2021].\n\n## Beta\n\nA table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "An unclosed [@ama11 citation.\n"
)


def cached_renderer(path: Path, version: str = "v1", **options) -> tuple[IncrementalRenderer, RenderCache]:
    cache = RenderCache(path, version)
    return IncrementalRenderer(DictResolver(), cache=cache, **options), cache


def test_a_second_renderer_converts_nothing_and_formats_no_reference_and_gives_the_same_page(tmp_path: Path):
    first, first_cache = cached_renderer(tmp_path / "cache.sqlite")
    assert first.render(BODY) == render_post(BODY, DictResolver())
    assert first.sections_rendered > 0
    first_cache.close()

    second, cache = cached_renderer(tmp_path / "cache.sqlite")
    result = second.render(BODY)
    assert result == render_post(BODY, DictResolver())
    assert second.sections_rendered == 0
    assert cache.misses == 0 and cache.hits > 0


def test_with_every_entry_cached_the_style_is_not_even_loaded(tmp_path: Path):
    body = BODY.replace(", p. 3", "")  # a locator takes the style's form: that one needs it
    first, cache = cached_renderer(tmp_path / "cache.sqlite")
    first.render(body)
    cache.close()
    second, _cache = cached_renderer(tmp_path / "cache.sqlite")
    assert second.render(body) == render_post(body, DictResolver())
    assert "_style" not in vars(second._formatter)


def test_each_setting_keeps_its_own_entries(tmp_path: Path):
    for style in ("american-medical-association", "apa"):
        for display in ("superscript", "parentheses"):
            renderer, cache = cached_renderer(tmp_path / "cache.sqlite", style=style, display=display)
            assert renderer.render(BODY) == render_post(BODY, DictResolver(), display=display, style=style)
            cache.close()


def test_another_code_version_finds_nothing(tmp_path: Path):
    renderer, cache = cached_renderer(tmp_path / "cache.sqlite", "v1")
    renderer.render(BODY)
    cache.close()
    renderer, cache = cached_renderer(tmp_path / "cache.sqlite", "v2")
    renderer.render(BODY)
    assert cache.hits == 0 and renderer.sections_rendered > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.lists(edit, min_size=1, max_size=5))
def test_renders_through_a_shared_cache_equal_fresh_renders(tmp_path: Path, start: list[str], edits) -> None:
    """Two renderers share one cache file (two windows, or one after a restart) while the body changes."""
    path = tmp_path / "shared.sqlite"
    body = "".join(start)
    one, one_cache = cached_renderer(path)
    two_cache = RenderCache(path, "v1")  # the other window's, a new renderer at each step
    for change in edits:
        body = apply(body, change)
        fresh = render_post(body, DictResolver())
        assert one.render(body) == fresh
        assert IncrementalRenderer(DictResolver(), cache=two_cache).render(body) == fresh
    one_cache.close()
    two_cache.close()


@pytest.mark.parametrize("content", ["garbage", "foreign", "newer"])
def test_an_unusable_file_is_set_aside_and_a_new_cache_made(tmp_path: Path, content: str):
    path = tmp_path / "cache.sqlite"
    if content == "garbage":
        path.write_bytes(b"not a database at all " * 500)
    else:
        conn = sqlite3.connect(path)
        if content == "foreign":
            conn.execute("CREATE TABLE notes (text TEXT)")
            conn.execute("INSERT INTO notes VALUES ('someone else''s data')")
        else:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    before = path.read_bytes()

    renderer, cache = cached_renderer(path)
    assert renderer.render(BODY) == render_post(BODY, DictResolver())
    cache.close()
    assert (tmp_path / "cache.sqlite.set-aside").read_bytes() == before  # kept as it was
    again, cache = cached_renderer(path)
    again.render(BODY)
    assert again.sections_rendered == 0  # the new cache works


def test_a_cache_that_cannot_be_written_turns_itself_off_and_the_render_goes_on(tmp_path: Path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    renderer, cache = cached_renderer(blocked / "cache.sqlite")
    assert renderer.render(BODY) == render_post(BODY, DictResolver())
    assert renderer.render(BODY + "\nMore.\n") == render_post(BODY + "\nMore.\n", DictResolver())


def test_the_least_recently_used_entries_go_beyond_the_limit(tmp_path: Path):
    cache = RenderCache(tmp_path / "cache.sqlite", "v1", max_rows=3)
    for number in range(5):
        cache.put({f"k{number}": b"x"})
    assert set(cache.get([f"k{n}" for n in range(5)])) == {"k2", "k3", "k4"}
    cache.get(["k2"])  # used again: now the newest
    cache.put({"k5": b"x"})
    assert set(cache.get([f"k{n}" for n in range(6)])) == {"k2", "k4", "k5"}


def test_a_file_damaged_inside_turns_the_cache_off_and_is_set_aside_for_the_next_session(tmp_path: Path):
    path = tmp_path / "cache.sqlite"
    renderer, cache = cached_renderer(path)
    renderer.render(BODY)
    cache.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:] = b"\xa5" * (len(data) - page)  # the header page (its schema) stays; every table page is noise
    path.write_bytes(bytes(data))

    damaged, cache = cached_renderer(path)
    assert damaged.render(BODY) == render_post(BODY, DictResolver())
    assert (tmp_path / "cache.sqlite.set-aside").exists() and not path.exists()
    cache.close()
    fresh, cache = cached_renderer(path)
    fresh.render(BODY)
    assert fresh.sections_rendered > 0 and path.exists()

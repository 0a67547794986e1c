"""The mark that finds a post again on a site: added once, found exactly, never left in pulled text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.publish.content import remote_document
from editor.core.publish.marks import marks_in, with_mark, without_mark

TOKEN = "0123456789abcdef0123456789abcdef-12"
html_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(html_text)
def test_a_post_carries_exactly_one_mark_however_often_it_is_published(content):
    once = with_mark(content, TOKEN)
    twice = with_mark(once, TOKEN)
    assert marks_in(twice).count(TOKEN) == 1 and twice == once
    assert without_mark(once) == without_mark(content)


def test_a_mark_for_post_12_is_not_a_mark_for_post_120():
    assert marks_in(with_mark("<p>x</p>", TOKEN + "0")) == [TOKEN + "0"]
    assert TOKEN not in marks_in(with_mark("<p>x</p>", TOKEN + "0"))


def test_the_mark_never_reaches_the_importer():
    item = {"id": 5, "title": {"raw": "T"}, "excerpt": {"raw": ""},
            "content": {"raw": with_mark("<p>Body.</p>", TOKEN)}}
    assert "postwright-post" not in remote_document(item)

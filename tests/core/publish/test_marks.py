"""The mark that finds a post again on a site: added once, found exactly, never left in pulled text."""

from __future__ import annotations

from html import escape as html_escape

from hypothesis import given
from hypothesis import strategies as st

from editor.core.publish.content import remote_document
from editor.core.publish.marks import marks_in, sent_fingerprint, with_mark, without_mark, words_fingerprint

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


def test_a_mark_carries_the_fingerprint_of_the_words_sent_and_an_older_mark_none():
    content = "<p>Sleep <em>well</em>.</p>"
    sent = words_fingerprint("Sleep", "Why it helps", content)
    marked = with_mark(content, TOKEN, sent=sent)
    assert marks_in(marked) == [TOKEN] and sent_fingerprint(marked, TOKEN) == sent
    assert sent_fingerprint(marked, TOKEN + "0") is None
    assert sent_fingerprint(with_mark(content, TOKEN), TOKEN) is None  # as earlier versions sent it
    assert without_mark(marked) == content
    assert words_fingerprint("Sleep", "Why it helps", marked) == sent  # the mark itself is not a word


words = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters="<>&"),
                         min_size=1, max_size=12), min_size=1, max_size=12)


@given(words, st.sampled_from(["<p>{}</p>", "<p class=\"x\" data-y=\"1\">{}</p>", "\n<div><p>{}</p>\n</div>",
                               "<!-- wp:paragraph --><p>{}</p><!-- /wp:paragraph -->"]))
def test_the_fingerprint_reads_words_not_markup(text_words, wrapper):
    # What WordPress's filter and block editor do to the markup of unchanged words does not count.
    plain = "<p>" + " ".join(text_words) + "</p>"
    rewritten = wrapper.format("\n  ".join(html_escape(word) for word in text_words))
    assert words_fingerprint("T", "E", rewritten) == words_fingerprint("T", "E", plain)


@given(words, st.data())
def test_the_fingerprint_changes_when_a_word_does(text_words, data):
    changed = list(text_words)
    at = data.draw(st.integers(0, len(changed) - 1))
    changed[at] += data.draw(st.sampled_from(["s", "1", "é", "-x"]))
    assert words_fingerprint("T", "", " ".join(changed)) != words_fingerprint("T", "", " ".join(text_words))
    assert words_fingerprint("T", "", "x") != words_fingerprint("T x", "", "")  # a word moved to the title


def test_the_mark_never_reaches_the_importer():
    item = {"id": 5, "title": {"raw": "T"}, "excerpt": {"raw": ""},
            "content": {"raw": with_mark("<p>Body.</p>", TOKEN)}}
    assert "postwright-post" not in remote_document(item)

"""The personal dictionary store and the tag query the GUI uses instead of SQL."""

from __future__ import annotations

import pytest

from editor.core.foundation.errors import ValidationError
from editor.core.library import Library
from editor.core.post.model import Post


def test_personal_words_are_kept_in_the_library_file(library_path):
    with Library.open(library_path, seed=False) as lib:
        lib.dictionary.add("semaglutide")
        lib.dictionary.add("semaglutide")  # twice is harmless
        lib.dictionary.add("  tirzepatide ")
        lib.dictionary.add("Ozempic")
        lib.dictionary.remove("Ozempic")
    with Library.open(library_path, seed=False) as lib:
        assert lib.dictionary.words() == ["semaglutide", "tirzepatide"]


@pytest.mark.parametrize("word", ["", "   ", "two words", "x" * 101])
def test_a_non_word_is_refused_with_a_sentence(library_path, word):
    with Library.open(library_path, seed=False) as lib:
        with pytest.raises(ValidationError, match="not a single word"):
            lib.dictionary.add(word)
        assert lib.dictionary.words() == []


def test_tags_lists_each_tag_once_and_skips_the_trash(library_path):
    with Library.open(library_path, seed=False) as lib:
        lib.posts.create(Post(title="One", tags=["weight loss", "diabetes"]))
        lib.posts.create(Post(title="Two", tags=["diabetes", "sleep"]))
        trashed = lib.posts.create(Post(title="Three", tags=["trashed only"]))
        lib.posts.delete(trashed.slug)
        assert lib.posts.tags() == ["diabetes", "sleep", "weight loss"]

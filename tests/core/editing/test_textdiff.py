from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.editing.textdiff import changed_span


def test_only_the_middle_changes():
    assert changed_span("abcXYZdef", "abc123def") == (3, 6, "123")
    assert changed_span("same", "same") == (4, 4, "")
    assert changed_span("", "new") == (0, 0, "new")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n#", max_size=40), st.text(alphabet="ab\n#", max_size=40))
def test_applying_the_span_gives_the_new_text(old, new):
    start, end, replacement = changed_span(old, new)
    assert old[:start] + replacement + old[end:] == new
    assert 0 <= start <= end <= len(old)

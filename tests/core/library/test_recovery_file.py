"""The recovery file: what is recorded comes back, an earlier release's file is read, a damaged one is replaced."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.library.pending_edits import PendingEdit, PendingEdits

# Text a person can type: any character but lone surrogates (which no UTF-8 file, nor the library, can hold).
TYPED = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)


def edit(post_id: int, body: str, saved_at: float = 1.0) -> PendingEdit:
    return PendingEdit(post_id, f"post-{post_id}", f"Post “{post_id}”", 3, body, saved_at, 7, 4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(TYPED, min_size=1, max_size=4))
def test_recorded_text_comes_back_exactly(tmp_path: Path, bodies: list[str]) -> None:
    edits = PendingEdits(tmp_path / "library.postwright", tmp_path / "recovery")
    for post_id, body in enumerate(bodies, start=1):
        edits.record(edit(post_id, body, saved_at=float(post_id)))
    assert edits.pending() == [edit(post_id, body, float(post_id)) for post_id, body in enumerate(bodies, start=1)]
    for post_id in range(1, len(bodies) + 1):
        edits.clear(post_id)
    assert edits.pending() == []
    assert not edits.path.exists()


def test_a_file_written_by_an_earlier_release_is_read(tmp_path: Path) -> None:
    """Earlier releases wrote the file with the standard library's json (ASCII escapes and all)."""
    edits = PendingEdits(tmp_path / "library.postwright", tmp_path / "recovery")
    old = edit(5, "Café \u2014 dose\n\n## Next\tstep \"quoted\" 🙂")
    edits.path.parent.mkdir(parents=True)
    edits.path.write_text(json.dumps({"library": "x", "posts": {"5": asdict(old)}}), encoding="utf-8")
    assert edits.pending() == [old]


def test_a_damaged_file_offers_nothing_and_the_next_record_replaces_it(tmp_path: Path) -> None:
    edits = PendingEdits(tmp_path / "library.postwright", tmp_path / "recovery")
    edits.path.parent.mkdir(parents=True)
    edits.path.write_bytes(b'{"library": "x", "posts": {"5": {"body": "cut off')
    assert edits.pending() == []
    edits.record(edit(2, "Kept."))
    assert edits.pending() == [edit(2, "Kept.")]


def test_a_file_another_program_rewrote_is_read_again(tmp_path: Path, monkeypatch) -> None:
    """The entries this object wrote are not decoded again, unless someone else wrote the file since."""
    decoded: list[int] = []
    decode = msgspec.json.decode
    monkeypatch.setattr(msgspec.json, "decode", lambda data, **kw: decoded.append(len(data)) or decode(data, **kw))
    library = tmp_path / "library.postwright"
    mine = PendingEdits(library, tmp_path / "recovery")
    mine.record(edit(1, "First window's text."))
    mine.record(edit(1, "First window's text, edited."))
    assert decoded == []  # a 200k-word post's entry took 1.6 ms of the interpreter to decode
    other = PendingEdits(library, tmp_path / "recovery")  # a second window on the same library
    other.record(edit(2, "Second window's text."))
    mine.record(edit(1, "First window's newer text."))
    assert sorted(entry.body for entry in mine.pending()) == ["First window's newer text.", "Second window's text."]

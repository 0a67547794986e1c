"""The recovery file: what is recorded comes back, an earlier release's file is read, a damaged one is replaced."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

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

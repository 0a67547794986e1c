"""Reference files that broke v0.1 or could exhaust memory: an item whose type is a list,
and a file past the size cap (refused from its size, before it is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.foundation.errors import ReferenceImportError
from editor.core.foundation.limits import MAX_REFERENCE_FILE_BYTES
from editor.core.library import Library
from editor.core.references.parsers import csljson, parse_text


def test_csl_item_with_a_list_as_type_is_a_bad_record() -> None:
    result = csljson.parse('[{"type": [], "title": "x"}, {"type": "book", "title": "Kept"}]')
    assert [record.csl["title"] for record in result.records] == ["Kept"]
    assert [(error.line, error.message) for error in result.errors] == [(1, "item has no valid CSL 'type' ([])")]


def test_csl_json_nested_past_the_recursion_limit_is_a_bad_record() -> None:
    result = parse_text("[" * 100_000 + "]" * 100_000, "deep.json")
    assert result.records == [] and "not valid JSON" in result.errors[0].message


def test_a_reference_file_over_the_cap_is_refused_unread(tmp_path: Path, lib: Library) -> None:
    path = tmp_path / "huge.ris"
    with path.open("wb") as handle:  # sparse: no disk space is used
        handle.truncate(MAX_REFERENCE_FILE_BYTES + 1)
    with pytest.raises(ReferenceImportError, match=r"huge\.ris: the file is too large \(50\.0 MB; the limit is 50"):
        lib.references.import_files([path])
    assert lib.references.list() == []

"""The sample posts checked end to end; the findings are kept in expected/*.json.

To accept a deliberate change, delete the expected file and run the test once with
``POSTWRIGHT_WRITE_EXPECTED=1``; review the new file before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from editor.core.checks import CheckContext, run_checks
from editor.core.post.frontmatter import parse_markdown_post
from editor.core.post.model import Author, Post

HERE = Path(__file__).parent
REFS = {item["id"]: item for item in json.loads((HERE / "data" / "glp1.csl.json").read_text(encoding="utf-8"))}
TODAY = dt.date(2026, 1, 15)


def load(name: str) -> Post:
    text = (HERE / "data" / name).read_text(encoding="utf-8")
    if name.endswith(".md"):
        return parse_markdown_post(text, source=name).post
    title = "Does Weight Come Back After Semaglutide? What the Research Says"
    return Post(title=title, summary="", body=text)


@pytest.mark.parametrize("name", ["glp1-what-to-know.md", "sleep-and-weight.md", "legacy-pasted-semaglutide.txt"])
def test_corpus_findings(name: str) -> None:
    ctx = CheckContext(load(name), resolve=lambda keys: {k: REFS[k] for k in keys if k in REFS},
                       author=Author(name="Jordan Ellis", credentials="PA-C"), today=TODAY)
    found = [f.to_dict() for f in run_checks(ctx)]
    expected_file = HERE / "expected" / f"{name.rsplit('.', 1)[0]}.json"
    if not expected_file.exists() and os.environ.get("POSTWRIGHT_WRITE_EXPECTED"):
        expected_file.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert found == expected


def test_legacy_post_reports_the_two_unlisted_numbers() -> None:
    ctx = CheckContext(load("legacy-pasted-semaglutide.txt"), today=TODAY)
    missing = [f for f in run_checks(ctx) if f.code == "citation-number-missing"]
    assert [f.message.split("“")[1].split("”")[0] for f in missing] == ["(5)", "(6)"]
    assert all(f.severity == "error" for f in missing)

"""Helpers for the writing-check tests: build a context from a body and run one check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from editor.core.checks import CheckContext, CheckSettings, Finding, run_checks
from editor.core.post.model import Author, Post

TODAY = dt.date(2025, 6, 1)
AUTHOR = Author(name="Jordan Ellis", credentials="PA-C", id=1)
GOOD_TITLE = "GLP-1 Medicines: What Patients Should Know"
GOOD_SUMMARY = "How GLP-1 medicines work, what the trials found, and what to expect if you start treatment."


def journal(key: str, year: int = 2021, **extra: object) -> dict:
    item = {"id": key, "type": "article-journal", "title": f"A study called {key}",
            "author": [{"family": key.title(), "given": "A"}], "container-title": "N Engl J Med",
            "issued": {"date-parts": [[year]]}}
    item.update(extra)
    return item


def resolver(items: Mapping[str, dict]):
    def resolve(keys: Iterable[str]) -> dict[str, dict]:
        return {key: items[key] for key in keys if key in items}
    return resolve


def context(body: str, *, refs: Mapping[str, dict] | None = None, title: str = GOOD_TITLE,
            summary: str = GOOD_SUMMARY, author: Author | None = AUTHOR, last_reviewed: str | None = "2025-01-10",
            settings: CheckSettings | None = None, **kwargs: object) -> CheckContext:
    post = Post(title=title, summary=summary, body=body, last_reviewed=last_reviewed, id=1)
    return CheckContext(post, resolve=resolver(refs or {}), author=author,
                        settings=settings or CheckSettings(), today=TODAY, **kwargs)


def findings(body: str, code: str | None = None, **kwargs: object) -> list[Finding]:
    found = run_checks(context(body, **kwargs))
    return [f for f in found if code is None or f.code == code]

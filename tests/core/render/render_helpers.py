"""Shared helpers for the render tests: the fixture references as a resolver."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).parent
ITEMS = {item["id"]: item for item in json.loads((HERE / "fixtures" / "references.csl.json").read_text())}
CORPUS = HERE.parent / "export" / "corpus"


class DictResolver:
    """``keys -> {key: item}`` backed by a dict; counts how many keys it was asked."""

    def __init__(self, items: dict[str, dict] | None = None) -> None:
        self.items = dict(ITEMS if items is None else items)
        self.asked: list[str] = []

    def __call__(self, keys: Iterable[str]) -> dict[str, dict]:
        keys = list(keys)
        self.asked.extend(keys)
        return {key: self.items[key] for key in keys if key in self.items}


def corpus_body(name: str) -> str:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return text.split("---\n", 2)[2].lstrip("\n")

"""CSL-JSON export: a list of items, as citeproc and pandoc read it."""

from __future__ import annotations

import json
from typing import Any


def write(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

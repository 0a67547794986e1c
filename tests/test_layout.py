"""The package keeps its shape: no dead code, no SQL in the GUI, one grammar, one place for wiring."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import editor

PACKAGE = Path(editor.__file__).parent
ROOT = PACKAGE.parent


def test_vulture_finds_no_dead_code():
    """Settings and the whitelist of Qt/library overrides are in pyproject.toml."""
    result = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _sources(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in folder.rglob("*.py")}


def test_the_gui_reaches_the_library_only_through_core_stores():
    sql = re.compile(r"\.execute\(|\.db\b|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bDELETE FROM\b|\bUPDATE \w+ SET\b")
    assert [name for name, text in _sources(PACKAGE / "gui").items() if sql.search(text)] == []


def test_only_the_wiring_module_connects_to_the_hub():
    hub_connect = re.compile(r"\bhub\.\w+\.connect\(")
    offenders = [name for name, text in _sources(PACKAGE / "gui").items()
                 if hub_connect.search(text) and not name.endswith("wiring.py")]
    assert offenders == []


def test_heading_and_fence_rules_live_only_in_the_block_grammar():
    rule = re.compile(r"#\{1,6\}|`\{3,\}|~\{3,\}|```\|~~~")
    offenders = [name for name, text in _sources(PACKAGE).items()
                 if rule.search(text) and "post/blocks/" not in name and not name.endswith("importers/detect.py")]
    assert offenders == []

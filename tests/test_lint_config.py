"""The lint means something: a noqa that suppresses nothing fails it, and developers get the same
checks before a commit and the fast tests before a push (.pre-commit-config.yaml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def ruff(source: str, name: str = "editor/core/example.py") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "--stdin-filename", name,
         "-"], input=source, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)


def test_a_noqa_that_suppresses_nothing_fails_the_lint() -> None:
    dead = ruff("value = 1  # noqa: E501\n")
    assert dead.returncode == 1 and "RUF100" in dead.stdout
    unknown_family = ruff("value = 1  # noqa: ANN001\n")  # a family the lint does not run
    assert unknown_family.returncode == 1 and "RUF100" in unknown_family.stdout
    assert ruff("import os  # noqa: F401 - kept for its side effect\n").returncode == 0


def test_the_families_our_noqa_comments_named_are_checked() -> None:
    blind = ruff("try:\n    pass\nexcept Exception:\n    pass\n")
    assert "BLE001" in blind.stdout
    assert "A002" in ruff("def export(format: str) -> str:\n    return format\n").stdout
    assert "N806" in ruff("def f() -> None:\n    SomeName = 1\n    print(SomeName)\n").stdout
    # Qt's mixedCase names are the GUI's convention
    qt = "from PySide6.QtCore import QObject, Signal\n\n\nclass Hub(QObject):\n    postSaved = Signal(object)\n"
    assert ruff(qt, "editor/gui/example.py").returncode == 0


def test_pre_commit_runs_the_lint_and_the_fast_tests_from_the_locked_venv() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"ruff", "mypy", "deptry", "fast-tests"}
    assert all(hook["language"] == "system" and hook["entry"].split()[0] in (".venv/bin/python", ".venv/bin/deptry",
                                                                            "env") for hook in hooks.values())
    assert hooks["fast-tests"]["stages"] == ["pre-push"] and "tests/core" in hooks["fast-tests"]["entry"]
    checked = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr

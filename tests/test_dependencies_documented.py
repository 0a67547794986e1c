"""Every runtime dependency is listed in docs/architecture.md with what it is for, and the test
environment's lock is the one pyproject.toml asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\s\[]", requirement, maxsplit=1)[0]).lower()


def test_each_runtime_dependency_is_in_the_architecture_table() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text[text.index("Runtime dependencies and what each is for"):].split("\n\n")[1]
    listed = {_name(name.strip()) for row in table.splitlines()[2:] for name in row.split("|")[1].split(",")
              if name.strip()}
    assert {_name(d) for d in dependencies} - listed == set()


def test_the_lock_pins_every_dependency_pyproject_names() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(d) for d in project["dependencies"] + project["optional-dependencies"]["test"]}
    lock = (ROOT / "requirements" / "test.lock").read_text(encoding="utf-8")
    pinned = {_name(match) for match in re.findall(r"^([A-Za-z0-9][\w.-]*)==", lock, re.M)}
    assert wanted - pinned == set(), "run scripts/lock after changing pyproject.toml"

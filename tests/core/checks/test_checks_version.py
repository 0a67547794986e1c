"""The stored findings' version changes with anything the checks depend on, and with nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import editor
from editor.core.checks.version import check_modules, checks_version, data_files, version_of
from editor.core.foundation.paths import resources_dir

PACKAGE = Path(editor.__file__).resolve().parent


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the ``editor`` package and its ``resources`` folder, to change freely."""
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(PACKAGE, root / "editor", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(resources_dir(), root / "resources")
    return root / "editor", root / "resources"


def _touched(path: Path, addition: str) -> str:
    before = path.read_text(encoding="utf-8")
    path.write_text(before + addition, encoding="utf-8")
    return before


def test_the_version_covers_what_the_checks_import_and_read() -> None:
    modules = check_modules(PACKAGE)
    # what the checks import at run time, however deep: the citation grammar (via checks/citations.py),
    # its locators (imported by the grammar, not by any check), image references, the section splitter
    for name in ("editor.core.checks.engine", "editor.core.post.citation_syntax", "editor.core.post.citation_locators",
                 "editor.core.media.image_refs", "editor.core.post.sections", "editor.core.foundation.limits"):
        assert name in modules, name
    # never the parts the checks do not run: the GUI, the command line, exports, publishing to a site
    assert not [name for name in modules if name.startswith(("editor.gui", "editor.cli", "editor.core.export",
                                                              "editor.core.publish.publisher"))]
    names = {path.relative_to(resources_dir()).as_posix() for path in data_files(modules.values(), resources_dir())}
    assert {"checks/promotional.txt", "checks/clinical_terms.txt"} <= names
    assert checks_version() == version_of(PACKAGE, resources_dir())


@pytest.mark.parametrize("changed", [
    "core/checks/style.py",  # a check itself
    "core/post/citation_syntax.py",  # the citation grammar a check imports
    "core/post/citation_locators.py",  # imported by the grammar, not by a check
    "core/references/completeness.py",  # what the reference check asks
    "core/checks/settings.py",  # the check settings' defaults
])
def test_a_change_to_code_the_checks_run_changes_the_version(copy: tuple[Path, Path], changed: str) -> None:
    package, resources = copy
    before = version_of(package, resources)
    original = _touched(package / changed, "\nCHANGED_FOR_THE_TEST = 1\n")
    try:
        assert version_of(package, resources) != before
    finally:
        (package / changed).write_text(original, encoding="utf-8")
    assert version_of(package, resources) == before


def test_a_change_to_a_word_list_changes_the_version(copy: tuple[Path, Path]) -> None:
    package, resources = copy
    before = version_of(package, resources)
    words = resources / "checks" / "promotional.txt"
    original = _touched(words, "unbeatable value\n")
    try:
        assert version_of(package, resources) != before
    finally:
        words.write_text(original, encoding="utf-8")
    added = resources / "checks" / "new_list.txt"  # a new data file counts too
    added.write_text("word\n", encoding="utf-8")
    try:
        assert version_of(package, resources) != before
    finally:
        added.unlink()


def test_code_the_checks_never_run_leaves_the_version_alone(copy: tuple[Path, Path]) -> None:
    package, resources = copy
    before = version_of(package, resources)
    for unrelated in ("gui/main_window.py", "cli/check.py", "core/publish/publisher.py"):
        _touched(package / unrelated, "\n# a comment\n")
    (resources / "css" / "site.css").write_text("body { color: black; }\n", encoding="utf-8")
    assert version_of(package, resources) == before


def test_imports_inside_functions_count_and_type_checking_imports_do_not(copy: tuple[Path, Path]) -> None:
    package, _resources = copy
    check = package / "core" / "checks" / "style.py"
    original = _touched(check, (
        "\n\ndef _lazy():\n    try:\n        with open('x'):\n            from editor.core.export import website\n"
        "    except OSError:\n        pass\n    return website\n\n"
        "if TYPE_CHECKING:\n    from editor.core.publish import publisher\n"))
    try:
        modules = check_modules(package)
        assert "editor.core.export.website" in modules
        assert "editor.core.publish.publisher" not in modules
    finally:
        check.write_text(original, encoding="utf-8")

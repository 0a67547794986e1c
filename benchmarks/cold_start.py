"""Cold start through the installed commands, the way a double-click starts the apps.

    python benchmarks/cold_start.py --docs DIR [--words 50000] [--runs 5] [--retext] [--load 2] [--report]
    python benchmarks/cold_start.py --docs DIR --instructions [--retext] [--source OTHER_CHECKOUT]

Each figure is timed from just before the parent starts the command (``exec`` of the
``postwright`` console script of this environment, with no arguments, on the user's default
library in a fresh set of XDG folders whose settings' last post is the document; ReText's
``retext`` script with the document's path) to

* **editor painted**: the editor's first paint with the post in it;
* **preview shows the last line**: the document's last line in the preview's DOM, a forced
  layout, then the next animation frame (``benchmarks/protocol.py``).

Everything the command does is inside: interpreter start, argument parsing, library inspection,
settings, imports, the window, the first render. Two harnesses measure Postwright:

* **instrumented** (``benchmarks/instrument/sitecustomize.py`` on ``PYTHONPATH``): an import hook
  watches the window the command builds; it also records CPU time and modules at each mark;
* **public**: only what a built app offers, ``POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS`` (the probe
  prints when the editor painted and when the preview showed the text, then closes the app).

ReText is measured by the instrumented harness through its own ``retext`` script. Rounds
alternate (instrumented, ReText, public, unopened) so all see the same machine; one warm-up round
that is not counted comes first (compiled modules written, fonts and caches found, the post's
sections in the preview's render cache, as on any start but the very first). The *unopened*
start empties the render cache first: a post this user has never opened in the app (just
imported, say) still costs the Markdown conversion and citeproc. ``--load N`` runs N CPU-bound
processes beside the apps (``cpu_load.py``).

``--instructions`` counts the instructions each start runs up to the QApplication and to the
editor's paint under callgrind instead: a figure that does not depend on what else the machine
is doing, to compare two versions (``--source`` measures another checkout's ``editor``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cpu_load import CpuLoad  # noqa: E402
from benchmarks.documents import file_name, write_documents  # noqa: E402
from benchmarks.protocol import fmt, load_average, median_range, pick, ratio, run_child  # noqa: E402
from benchmarks.retext_env import DEFAULT_VENV, ensure_venv, retext_command, retext_env  # noqa: E402

INSTRUMENT = ROOT / "benchmarks" / "instrument"
SHORT_SLUG = "short-post"
LONG_TITLE = "The long benchmark post"


def last_line_of(doc: Path) -> str:
    return doc.read_text(encoding="utf-8").rstrip().rsplit("\n", 1)[-1].strip()


def marker_of(line: str) -> str:
    """The part of a Markdown line that appears verbatim in the page's text."""
    return max(line.replace("*", " ").split(), key=len)


def postwright_command() -> Path:
    """The ``postwright`` console script installed beside this interpreter (``pip install -e .``)."""
    command = Path(sys.executable).with_name("postwright")
    if not command.exists():
        raise SystemExit(f"{command} is missing: install Postwright into this environment first (see README).")
    return command


def fill_library(library: Path, doc: Path) -> str:
    """A library with the references, a short post and the document; returns the document's slug."""
    from benchmarks.articles import reference_items
    from editor.core.library import Library
    from editor.core.post.model import Post

    with Library.open(library, seed=False) as lib:
        for item in reference_items().values():
            lib.references.add(item)
        lib.posts.create(Post(title="Short post", slug=SHORT_SLUG, body="A short post.\n\n## One\n\nText.\n"))
        return lib.posts.create(Post(title=LONG_TITLE, body=doc.read_text(encoding="utf-8"))).slug


def base_env() -> dict[str, str]:
    """The parent's environment without anything that changes how Postwright starts."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("POSTWRIGHT_", "PW_BENCH_")) and key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    return env


def postwright_home(folder: Path, doc: Path) -> dict[str, str]:
    """Fresh XDG folders whose default library opens on ``doc``; the environment to start in."""
    from PySide6.QtCore import QSettings

    data, config = folder / "data" / "Postwright", folder / "config" / "Postwright"
    data.mkdir(parents=True)
    config.mkdir(parents=True)
    library = data / "library.postwright"
    slug = fill_library(library, doc)
    settings = QSettings(str(config / "Postwright.ini"), QSettings.Format.IniFormat)
    settings.setValue("library/last", str(library))  # as after any start but the very first
    settings.setValue("lastPost", slug)
    settings.sync()
    folders = ("data", "config", "cache", "state")
    return base_env() | {f"XDG_{name.upper()}_HOME": str(folder / name) for name in folders}


def run_instrumented(command: list[str], env: dict[str, str], marker: str, cwd: Path) -> dict[str, Any]:
    """One start under the instrument: the marks in ms after the command was started (and CPU, modules)."""
    env = env | {"PW_BENCH_MARKER": marker,
                 "PYTHONPATH": os.pathsep.join(filter(None, (str(INSTRUMENT), env.get("PYTHONPATH"))))}
    started = time.time()
    env["PW_BENCH_STARTED"] = repr(started)
    marks = run_child(command, env=env, cwd=cwd, timeout=300)
    editor, preview = marks.get("editor", {}), marks.get("preview", {})
    return {
        "editor": editor.get("wall"), "preview": (preview.get("stages") or {}).get("frame"),
        "qapplication": marks.get("qapplication", {}).get("wall"),
        "cpu_editor": editor.get("cpu"), "gui_cpu_editor": editor.get("gui_cpu"),
        "modules_editor": editor.get("modules"),
        "cpu_preview": preview.get("cpu"), "gui_cpu_preview": preview.get("gui_cpu"),
    }


def count_instructions(command: list[str], env: dict[str, str], marker: str, cwd: Path, stop: str) -> int:
    """Instructions the process runs from exec to the mark ``stop`` (``valgrind --tool=callgrind``):
    a figure other programs on the machine cannot change, for comparing two versions of a start."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    out = cwd / f"callgrind-{time.time_ns()}.out"
    env = env | {"PW_BENCH_MARKER": marker, "PW_BENCH_STOP": stop, "PW_BENCH_STARTED": repr(time.time()),
                 "PYTHONPATH": os.pathsep.join(filter(None, (str(INSTRUMENT), env.get("PYTHONPATH"))))}
    import subprocess

    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command], env=env,
                          cwd=cwd, capture_output=True, text=True, timeout=3600)
    totals = [line for line in done.stderr.splitlines() if "Collected :" in line]
    if done.returncode != 0 or not totals:
        raise RuntimeError(f"callgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
    out.unlink(missing_ok=True)
    return int(totals[-1].rsplit(":", 1)[1].replace(",", "").strip())


def run_public(env: dict[str, str], marker: str, cwd: Path) -> dict[str, Any]:
    """One start of ``postwright`` with its preview probe, nothing else."""
    env = env | {"POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS": marker, "POSTWRIGHT_PROBE_TIMEOUT": "300"}
    started = time.time() * 1000
    report = run_child([str(postwright_command())], env=env, cwd=cwd, timeout=330)
    return {"editor": report["editor_ms"] - started if report.get("editor_ms") else None,
            "preview": report["frame_ms"] - started}


class ColdStarts:
    """Prepared homes for one document; each call is one measured start."""

    def __init__(self, doc: Path, retext_python: Path | None = None, source: Path | None = None) -> None:
        self.doc = doc
        self.marker = marker_of(last_line_of(doc))
        self._folder = Path(tempfile.mkdtemp(prefix="pw-cold-"))
        self._env = postwright_home(self._folder / "home", doc)
        if source is not None:  # another checkout's ``editor`` package ahead of the installed one
            self._env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(source), self._env.get("PYTHONPATH"))))
        self._retext = retext_python
        if retext_python is not None:
            self._retext_folder = self._folder / "retext"
            self._retext_folder.mkdir()
            self._retext_doc = self._retext_folder / doc.name  # ReText may write beside the file
            shutil.copyfile(doc, self._retext_doc)
            self._retext_env = retext_env(self._retext_folder / "config")

    def postwright(self) -> dict[str, Any]:
        return run_instrumented([str(postwright_command())], self._env, self.marker, self._folder)

    def postwright_public(self) -> dict[str, Any]:
        return run_public(self._env, self.marker, self._folder)

    def postwright_unopened(self) -> dict[str, Any]:
        """A start on a post this user has never opened: the preview's render cache is emptied first."""
        cache = Path(self._env["XDG_CACHE_HOME"]) / "Postwright"
        for leftover in cache.glob("render-cache.sqlite*"):
            leftover.unlink()
        return run_instrumented([str(postwright_command())], self._env, self.marker, self._folder)

    def retext(self, *, preview: bool = True) -> dict[str, Any]:
        """One ReText start; with ``preview`` False it ends at the editor's paint (a document its preview
        cannot show)."""
        assert self._retext is not None
        env = self._retext_env if preview else self._retext_env | {"PW_BENCH_STOP": "editor"}
        return run_instrumented([str(retext_command(self._retext)), str(self._retext_doc)], env,
                                self.marker, self._retext_folder)

    def instructions(self, app: str, stop: str) -> int:
        if app == "retext":
            assert self._retext is not None
            return count_instructions([str(retext_command(self._retext)), str(self._retext_doc)], self._retext_env,
                                      self.marker, self._retext_folder, stop)
        return count_instructions([str(postwright_command())], self._env, self.marker, self._folder, stop)

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)


def measure(doc: Path, runs: int, retext_python: Path | None,
            source: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    starts = ColdStarts(doc, retext_python, source)
    kinds = {"postwright": starts.postwright, "retext": starts.retext, "postwright_public": starts.postwright_public,
             "postwright_unopened": starts.postwright_unopened}
    if retext_python is None:
        del kinds["retext"]
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    try:
        for round_ in range(runs + 1):  # round 0 warms up and is not counted
            for kind, start in kinds.items():
                result = start()
                if round_:
                    out[kind].append(result)
            print(f"{doc.name}: round {round_} of {runs} done" + (" (warm-up)" if not round_ else ""), flush=True)
    finally:
        starts.close()
    return out


def instruction_rows(doc: Path, words: int, retext_python: Path | None, source: Path | None) -> list[str]:
    """Instructions from exec to each mark, one start per app after a warm-up start."""
    starts = ColdStarts(doc, retext_python, source)
    try:
        starts.postwright()
        if retext_python:
            starts.retext()
        out = []
        for name, stop in (("instructions: command → QApplication exists", "qapplication"),
                           ("instructions: command → editor painted", "editor")):
            mine = starts.instructions("postwright", stop)
            peer = starts.instructions("retext", stop) if retext_python else None
            theirs = f"{peer / 1e6:,.0f} M" if peer else "—"
            out.append(f"| {words // 1000}k | {name} | {mine / 1e6:,.0f} M | {theirs} |")
            print(out[-1], flush=True)
        return out
    finally:
        starts.close()


def agreement(internal: list[float | None], public: list[float | None]) -> str:
    """Whether two harnesses' medians agree within noise (the wider of their min–max spreads)."""
    a, b = median_range(internal), median_range(public)
    if a is None or b is None:
        return "—"
    spread = max(a[2] - a[1], b[2] - b[1])
    difference = b[0] - a[0]
    verdict = "agree" if abs(difference) <= max(spread, 0.05 * a[0]) else "DIFFER"
    return f"{verdict}: {difference:+.0f} ms (spread {spread:.0f} ms)"


def rows(words: int, results: dict[str, list[dict[str, Any]]]) -> list[str]:
    mine, public, peer = results["postwright"], results["postwright_public"], results.get("retext", [])
    label = f"{words // 1000}k"
    out = []
    for name, key in (("cold start → editor painted", "editor"), ("cold start → preview shows the last line",
                                                                  "preview")):
        a, b, c = pick(mine, key), pick(public, key), pick(peer, key)
        out.append(f"| {label} | {name} | {fmt(a)} | {fmt(b)} | {fmt(c) if peer else '—'} | "
                   f"{ratio(a, c) if peer else ''} | {agreement(a, b)} |")
    first, theirs = pick(results["postwright_unopened"], "preview"), pick(peer, "preview")
    out.append(f"| {label} | … a post never opened before (render cache empty) | {fmt(first)} | | "
               f"{fmt(theirs) if peer else '—'} | {ratio(first, theirs) if peer else ''} | |")
    for name, key in (("command → QApplication exists", "qapplication"),
                      ("CPU time of the process until the editor painted", "cpu_editor"),
                      ("CPU time of the GUI thread until the editor painted", "gui_cpu_editor"),
                      ("modules imported when the editor painted", "modules_editor")):
        unit = "" if key.startswith("modules") else "ms"
        a, c = pick(mine, key), pick(peer, key)
        out.append(f"| {label} | {name} | {fmt(a, unit)} | | {fmt(c, unit) if peer else '—'} | | |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, required=True, help="documents folder (benchmarks/documents.py)")
    parser.add_argument("--words", type=int, nargs="*", default=[50_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--retext", action="store_true", help="measure ReText beside Postwright")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="ReText's virtual environment")
    parser.add_argument("--load", type=int, default=0, help="CPU-bound processes beside the apps")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions to each mark under callgrind instead of timing (one start each)")
    parser.add_argument("--source", type=Path, help="measure the editor package of another checkout")
    parser.add_argument("--report", action="store_true", help="write the figures into docs/benchmarks.md")
    args = parser.parse_args()
    retext_python = ensure_venv(args.venv) if args.retext else None
    missing = tuple(words for words in args.words if not (args.docs / file_name(words)).exists())
    if missing:
        write_documents(args.docs, missing)
    if args.instructions:
        table = ["| words | measure | Postwright | ReText 8 |", "|---|---|---|---|"]
        for words in args.words:
            table += instruction_rows(args.docs / file_name(words), words, retext_python, args.source)
        print("\n".join(table))
        return
    before = load_average()
    lines: list[str] = []
    with CpuLoad(args.load) as load:
        for words in args.words:
            lines += rows(words, measure(args.docs / file_name(words), args.runs, retext_python, args.source))
    header = (f"`QT_QPA_PLATFORM=offscreen python benchmarks/cold_start.py --docs DOCS --words "
              f"{' '.join(str(w) for w in args.words)} --runs {args.runs}{' --retext' if args.retext else ''}"
              f"{f' --load {args.load}' if args.load else ''}`: median (min–max) of {args.runs} alternating "
              f"starts per harness after a warm-up round; {load.describe()}; load average {before} before, "
              f"{load_average()} after.")
    table = ("| words | measure | Postwright (instrumented) | Postwright (probe only) | ReText 8 | | harnesses |\n"
             "|---|---|---|---|---|---|---|\n" + "\n".join(lines))
    from benchmarks.report import print_and_report

    print_and_report("cold-start", "Cold start from the installed command", header, table, report=args.report,
                     load=args.load, load_text=load.describe())


if __name__ == "__main__":
    main()

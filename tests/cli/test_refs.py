"""The ``refs`` command line, run through ``editor.cli.main`` on a real library file."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.library import Library

REFS_TESTS = Path(__file__).parent.parent / "core" / "references"
DATA = REFS_TESTS / "data"
CORPUS = [str(DATA / n) for n in ("glp1.bib", "glp1.csl.json", "glp1.nbib", "glp1.ris")]


def _server_module():  # the recorded-response server shared with the reference tests
    spec = importlib.util.spec_from_file_location("refs_http_server", REFS_TESTS / "refs_http_server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("refs_http_server", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    Library.open(path, seed=False).close()
    return path


def run(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["refs", *argv, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_report(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, out, _ = run(capsys, library, "import", *CORPUS, str(DATA / "bad-records.ris"), "--json")
    assert code == 1  # a record was left out (docs/cli.md); the rest came in
    report = json.loads(out)
    assert len(report["added"]) == 9 and sorted(report["merged"]) == ["jastreboff2022", "wilding2021"]
    assert report["errors"] == [{"file": str(DATA / "bad-records.ris"), "line": 7,
                                 "message": "record has no title (TI or T1)"}]


def test_import_refuses_a_non_reference_file(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, out, err = run(capsys, library, "import", str(DATA / "page.html"))
    assert code == 2 and out == ""
    assert err.startswith("postwright: ") and "page.html" in err and "Traceback" not in err


def test_list_show_edit(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    run(capsys, library, "import", *CORPUS)
    code, out, _ = run(capsys, library, "list", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 7 and all(i["type"] and i["id"] for i in items)
    code, out, _ = run(capsys, library, "list")
    assert "wilding2021" in out and "Tirzepatide once weekly" in out
    code, out, _ = run(capsys, library, "show", "wilding2021")
    assert "DOI: 10.1056/NEJMoa2032183" in out and "Van Gaal, Luc F." in out
    code, out, _ = run(capsys, library, "edit", "wilding2021", "--set", "title=STEP 1", "--set", "id=step1",
                       "--json")
    assert code == 0 and json.loads(out)["id"] == "step1" and json.loads(out)["title"] == "STEP 1"
    code, out, _ = run(capsys, library, "show", "wilding2021", "--json")
    assert json.loads(out)["id"] == "step1"
    code, _, err = run(capsys, library, "edit", "step1", "--set", "colour=blue")
    assert code == 2 and "not a CSL field" in err
    code, _, err = run(capsys, library, "show", "nobody2000")
    assert code == 2 and "nobody2000" in err
    code, _, err = run(capsys, library, "show", "jastrebof2022")
    assert code == 2 and "did you mean 'jastreboff2022'?" in err


def test_add_offline_marks_incomplete(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, out, _ = run(capsys, library, "add", "--offline", "10.1056/NEJMoa2032183", "PMC10797145")
    assert code == 0 and out.count("incomplete (offline)") == 2
    code, out, _ = run(capsys, library, "add", "--offline", "PMC10797145", "--json")
    result = json.loads(out)[0]
    assert result["merged"] and result["citekey"] == "pmc10797145" and result["incomplete"]
    code, out, err = run(capsys, library, "add", "--offline", "10.1000/ok", "not-an-id")
    assert code == 2 and "not-an-id" in err
    with Library.open(library) as lib:
        assert lib.references.get("doi-10-1000-ok") is None  # nothing was added


@pytest.fixture
def recorded() -> Iterator[object]:
    module = _server_module()
    state = module.RecordedServer()
    server, thread = module.start(state)
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_add_online_uses_library_settings(capsys: pytest.CaptureFixture[str], library: Path, recorded) -> None:
    with Library.open(library) as lib, lib.transaction():
        lib.settings.set("ncbi_base_url", f"{recorded.base_url}/eutils")
        lib.settings.set("crossref_base_url", f"{recorded.base_url}/crossref")
        lib.settings.set("contact_email", "clinic@example.org")
    code, out, _ = run(capsys, library, "add", "https://doi.org/10.1001/jama.2021.3224", "--json")
    result = json.loads(out)[0]
    assert code == 0 and result["citekey"] == "rubino2021" and not result["incomplete"]
    assert recorded.requests[0].query["mailto"] == "clinic@example.org"
    code, out, _ = run(capsys, library, "add", "10.9999/missing")
    assert code == 0 and "incomplete (lookup failed" in out and "404" in out


def test_add_against_a_dripping_server_ends_at_the_lookup_deadline(
    capsys: pytest.CaptureFixture[str], library: Path, recorded
) -> None:
    with Library.open(library) as lib, lib.transaction():
        lib.settings.set("crossref_base_url", f"{recorded.base_url}/drip/crossref")
        lib.settings.set("lookup_deadline", 1)
    code, out, err = run(capsys, library, "add", "10.1056/NEJMoa2032183")
    assert code == 0 and "Traceback" not in err
    assert "incomplete (lookup failed: 127.0.0.1" in out and "did not answer within 1 seconds" in out


def test_export_round_trip(capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path) -> None:
    run(capsys, library, "import", *CORPUS)
    for fmt, suffix in (("csl-json", "json"), ("ris", "ris"), ("bibtex", "bib")):
        out_path = tmp_path / f"export.{suffix}"
        code, out, _ = run(capsys, library, "export", "--format", fmt, "--out", str(out_path))
        assert code == 0 and "Exported 7 references" in out
        fresh = tmp_path / f"fresh-{suffix}.db"
        Library.open(fresh, seed=False).close()
        code, out, _ = run(capsys, fresh, "import", str(out_path), "--json")
        assert sorted(json.loads(out)["added"]) == sorted(
            ["ama11", "cdc-obesity", "jastreboff2022", "lincoff2023", "rubino2021", "wilding2021", "wilding2022"])
    code, out, _ = run(capsys, library, "export", "--format", "ris")
    assert code == 0 and out.count("TY  - ") == 7

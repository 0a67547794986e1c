"""Regenerate tests/core/render/expected/{entries,locators}-<style>.json with citeproc-js.

The expected reference entries come from citeproc-js (npm package ``citeproc`` 2.4.63, the
engine citeproc-js 1.4.61), an independent CSL processor, run on the same style file the
project uses, after the same edit the project makes to it (number label and bibliography
sort removed; see ``editor.core.render.csl``), with the same locale file (citeproc-py's
en-US), on the items as any CSL processor is given them (``csl.complete_item``: empty fields
dropped, identifier-only references given a readable title and a link) — with their quotes
and apostrophes as the library stores them, so the fixture checks that we print quotes as
citeproc-js does. citeproc-js's ``wrap_url_and_doi`` is on, so DOIs and URLs are links.

The locator fixture is the in-text citation citeproc-js writes for one item with each
locator of ``LOCATORS``, and without one, so the test can compare the part a locator adds.

To rerun, from the repository root (the npm install stays outside the repository; only the
JSON outputs are kept)::

    tmp=$(mktemp -d) && (cd "$tmp" && npm init -y >/dev/null && npm install citeproc@2.4.63)
    NODE_PATH="$tmp/node_modules" .venv/bin/python tests/core/render/tools/make_expected_entries.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))

from editor.core.render.csl import _load_style, complete_item  # noqa: E402

STYLES = ("american-medical-association", "elsevier-vancouver", "apa")
LOCATORS = [
    ("page", "3"), ("page", "990"), ("page", "4-6"), ("page", "100-9"), ("page", "33, 35-38"), ("page", "iv"),
    ("chapter", "2"), ("chapter", "2-3"), ("section", "3.2"), ("figure", "1"), ("paragraph", "4"),
    ("volume", "2"), ("line", "12"), ("note", "7"), ("book", "1"), ("column", "3"), ("folio", "9"),
    ("issue", "4"), ("opus", "5"), ("part", "2"), ("sub verbo", "obesity"), ("verse", "10"),
]


def main() -> None:
    import citeproc
    from lxml import etree

    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    raw = json.loads((HERE.parent / "fixtures" / "references.csl.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "items.csl.json"
        items.write_text(json.dumps([complete_item(item["id"], item) for item in raw], ensure_ascii=False),
                         encoding="utf-8")
        locators = Path(folder) / "locators.json"
        locators.write_text(json.dumps(LOCATORS), encoding="utf-8")
        for name in STYLES:
            style_file = Path(folder) / f"{name}.csl"
            style_file.write_bytes(etree.tostring(_load_style(name).xml, encoding="utf-8"))
            entries = HERE.parent / "expected" / f"entries-{name}.json"
            cites = HERE.parent / "expected" / f"locators-{name}.json"
            subprocess.run(
                ["node", str(HERE / "make_expected_entries.js"), str(items), str(style_file), str(locale),
                 str(entries), str(locators), str(cites)],
                check=True, env={**os.environ, "WRAP_URL_AND_DOI": "1"},
            )
            print("wrote", entries.relative_to(ROOT), "and", cites.relative_to(ROOT))


if __name__ == "__main__":
    main()

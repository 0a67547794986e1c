"""Regenerate tests/core/render/expected/entries-<style>.json with citeproc-js.

The expected reference entries come from citeproc-js (npm package ``citeproc``), an
independent CSL processor, run on the same style file the project uses, after the same
edit the project makes to it (number label and bibliography sort removed; see
``editor.core.render.csl``), on the items as the project prepares them for any CSL
processor (``csl._prepare``: typographic apostrophes, identifier-only references given a
readable title and a link), with citeproc-js's ``wrap_url_and_doi`` on so DOIs and URLs
are links. To rerun, from the repository root::

    tmp=$(mktemp -d) && (cd "$tmp" && npm init -y >/dev/null && npm install citeproc)
    NODE_PATH="$tmp/node_modules" .venv/bin/python tests/core/render/tools/make_expected_entries.py

Do the npm install outside the repository; only the JSON outputs are kept.
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

from editor.core.render.csl import _load_style, _prepare  # noqa: E402

STYLES = ("american-medical-association", "elsevier-vancouver", "apa")


def main() -> None:
    import citeproc
    from lxml import etree

    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    raw = json.loads((HERE.parent / "fixtures" / "references.csl.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "prepared.csl.json"
        items.write_text(json.dumps([_prepare(item["id"], item) for item in raw], ensure_ascii=False),
                         encoding="utf-8")
        for name in STYLES:
            style_file = Path(folder) / f"{name}.csl"
            style_file.write_bytes(etree.tostring(_load_style(name).xml, encoding="utf-8"))
            out = HERE.parent / "expected" / f"entries-{name}.json"
            subprocess.run(
                ["node", str(HERE / "make_expected_entries.js"), str(items), str(style_file),
                 str(locale), str(out)],
                check=True, env={**os.environ, "WRAP_URL_AND_DOI": "1"},
            )
            print("wrote", out.relative_to(ROOT))


if __name__ == "__main__":
    main()

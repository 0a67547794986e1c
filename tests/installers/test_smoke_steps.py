"""The installed app's smoke test (packaging/smoke_test.py) itself: its steps pass on the development
install, so a failure on a built bundle is the bundle's, not the test's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import smoke_test  # noqa: E402


def test_the_marker_is_what_the_page_shows_at_the_end_of_the_last_line():
    assert smoke_test.last_words("Intro.\n\n## End\n\nPlan ahead, and keep your clinician in the loop.\n") == (
        "keep your clinician in the loop")
    assert smoke_test.last_words("About **4 in 10** adults [@cdc; @b2020, p. 4]. See [the CDC](https://cdc.gov).") == (
        "See the CDC")
    sample = (ROOT / "resources" / "sample" / "welcome-post.md").read_text(encoding="utf-8")
    assert smoke_test.last_words(sample).endswith(smoke_test.SAMPLE_LAST_WORDS)


@pytest.mark.timeout(600)
def test_the_steps_pass_on_the_development_install(tmp_path_factory: pytest.TempPathFactory):
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "postwright-cli").exists():
        pytest.fail(f"no postwright-cli beside {sys.executable}: install the project (pip install -e .)")
    # A short folder, as a desktop's TMPDIR is: under a test's long tmp_path (deeper still on an xdist
    # worker) the import's fork server could not place its socket and the import would take the spawn path.
    machine = smoke_test.Machine(tmp_path_factory.mktemp("smoke"))
    machine.prepare()
    lines: list[str] = []
    result = smoke_test.run_steps(smoke_test.plain_runner(bin_dir, machine), machine, log=lines.append)
    assert [line.split(":")[0] for line in lines] == ["ok  version", "ok  import", "ok  check", "ok  export",
                                                      "ok  handout", "ok  app"]
    assert result["probe"]["preview_shows"] == "keep your clinician in the loop"

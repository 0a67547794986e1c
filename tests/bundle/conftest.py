"""The installed-bundle tests run only when asked: ``POSTWRIGHT_BUNDLE_DIST=dist pytest tests/bundle``.

They test what ``scripts/build`` wrote into ``dist/`` (minutes to build), so the ordinary suite
leaves them out (deselected, not skipped) and ``.ci/run`` runs them in a step of their own after
the build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

DIST_ENV = "POSTWRIGHT_BUNDLE_DIST"
HERE = Path(__file__).parent
# packaging/smoke_test.py: the steps the release workflow runs on every platform, run here under strace.
sys.path.insert(0, str(HERE.parents[1] / "packaging"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(DIST_ENV):
        return
    ours = [item for item in items if item.path.is_relative_to(HERE)]
    if ours:
        config.hook.pytest_deselected(items=ours)
        items[:] = [item for item in items if not item.path.is_relative_to(HERE)]


@pytest.fixture(scope="session")
def dist_dir() -> Path:
    folder = Path(os.environ[DIST_ENV]).resolve()
    if not folder.is_dir():
        pytest.fail(f"{DIST_ENV}={folder} is not a folder; run scripts/build first", pytrace=False)
    return folder

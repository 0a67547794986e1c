"""Whether this process meets file permission bits (root with CAP_DAC_OVERRIDE writes read-only files).

.ci/run runs the suite as root with that capability (and its kin) dropped, so the tests that
need permission bits run there; on a developer's root shell they skip, naming why.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest


def permission_bits_enforced() -> bool:
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "read-only"
        probe.write_text("x", encoding="utf-8")
        probe.chmod(0o444)
        try:
            with probe.open("a", encoding="utf-8"):
                return False
        except PermissionError:
            return True


needs_permission_bits = pytest.mark.skipif(
    not permission_bits_enforced(),
    reason="this process writes read-only files (root with CAP_DAC_OVERRIDE); run as a user, or as .ci/run does: "
           "setpriv --bounding-set -dac_override,-dac_read_search,-fowner",
)

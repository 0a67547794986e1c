"""The one place publishing asks the publish gate whether a post may leave the library.

The gate lives in ``editor.core.checks.gate``; until that module is present this
falls back to the same rule at its strictest (every error not dismissed blocks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import PostwrightError
from editor.core.post.model import Post

if TYPE_CHECKING:
    from editor.core.library import Library

try:
    from editor.core.checks.gate import PublishBlockedError  # type: ignore[import-not-found, unused-ignore]
    from editor.core.checks.gate import require_clear as _gate_require_clear
except ImportError:  # the gate module has not landed in this tree yet
    _gate_require_clear = None

    class PublishBlockedError(PostwrightError):  # type: ignore[no-redef]
        """The post has errors that are neither fixed nor dismissed."""

        def __init__(self, message: str, findings: Any = ()) -> None:
            super().__init__(message)
            self.findings = tuple(findings)


def require_clear(lib: Library, post: Post) -> Any:
    """Raise ``PublishBlockedError`` (listing the errors) unless ``post`` may be published."""
    if _gate_require_clear is not None:
        return _gate_require_clear(lib, post)
    from editor.core.checks import check_post, has_errors

    findings = check_post(lib, post)
    if has_errors(findings):
        errors = [f for f in findings if f.severity == "error"]
        lines = [f"{post.slug}: {len(errors)} error(s) must be fixed or dismissed first."]
        lines += [f"  {f.code} (line {f.line if f.line is not None else '-'}): {f.message}" for f in errors]
        raise PublishBlockedError("\n".join(lines), errors)
    return findings

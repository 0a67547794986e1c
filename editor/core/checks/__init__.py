"""Writing checks for patient-facing medical posts.

    findings = run_checks(CheckContext(post, resolve=..., author=..., settings=...))
    session = CheckSession(); session.run(ctx)      # incremental, as the author types
    check_post(lib, post) / dismiss(lib, post_id, fingerprint, reason=..., finding=...) / undismiss(...)
    require_clear(lib, post)    # the publish gate: raises PublishBlockedError on open errors
    reading_levels(ctx)                              # grade per section, for the outline

Positions in findings are 1-based lines and columns of the post BODY (see ``finding``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names load their module on first use (PEP 562): the GUI shows findings long before it
# runs a check, and importing every check compiles a few hundred regular expressions.
_WHERE = {
    "Check": "base", "SectionCheck": "base",
    "CheckContext": "context", "ImageInfo": "context", "resolve_nothing": "context",
    "GateResult": "gate", "PublishBlockedError": "gate", "gate_post": "gate", "require_clear": "gate",
    "CheckSession": "engine", "all_checks": "engine", "check_codes": "engine", "run_checks": "engine",
    "ERROR": "finding", "INFO": "finding", "SEVERITIES": "finding", "WARNING": "finding", "Finding": "finding",
    "SETTINGS_KEY": "settings", "CheckSettings": "settings",
    "build_context": "store", "check_post": "store", "dismiss": "store", "dismissed": "store",
    "has_errors": "store", "load_settings": "store", "save_settings": "store", "undismiss": "store",
    "ReadingReport": "style", "SectionReading": "style", "reading_levels": "style",
}

# Loaded now: the function shares its module's name, and importing the module would
# otherwise leave the module, not the function, on the package.
from editor.core.checks.dismissals import Dismissal, dismissals  # noqa: E402

if TYPE_CHECKING:
    from editor.core.checks.base import Check, SectionCheck
    from editor.core.checks.context import CheckContext, ImageInfo, resolve_nothing
    from editor.core.checks.engine import CheckSession, all_checks, check_codes, run_checks
    from editor.core.checks.finding import ERROR, INFO, SEVERITIES, WARNING, Finding
    from editor.core.checks.gate import GateResult, PublishBlockedError, gate_post, require_clear
    from editor.core.checks.settings import SETTINGS_KEY, CheckSettings
    from editor.core.checks.store import (
        build_context,
        check_post,
        dismiss,
        dismissed,
        has_errors,
        load_settings,
        save_settings,
        undismiss,
    )
    from editor.core.checks.style import ReadingReport, SectionReading, reading_levels


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = [
    "ERROR", "INFO", "SETTINGS_KEY", "SEVERITIES", "WARNING",
    "Check", "CheckContext", "CheckSession", "CheckSettings", "Dismissal", "Finding", "GateResult", "ImageInfo",
    "ReadingReport",
    "PublishBlockedError", "SectionCheck", "SectionReading",
    "all_checks", "build_context", "check_codes", "check_post", "dismiss", "dismissals", "dismissed",
    "gate_post", "has_errors",
    "load_settings", "reading_levels", "require_clear", "resolve_nothing", "run_checks", "save_settings",
    "undismiss",
]

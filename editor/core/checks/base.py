"""The unit of checking: a :class:`Check` has a code, a default severity and ``run``.

Post-wide checks implement ``run(ctx)``. Section checks implement
``run_section(ctx, part)`` instead, which looks only at one section's text (and the
settings and author, see ``CheckContext.section_dependency``); that is what lets
``CheckSession`` reuse their findings for sections that did not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import Finding, make_fingerprint


class Check:
    code: ClassVar[str]
    severity: ClassVar[str]
    description: ClassVar[str] = ""

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def at(self, ctx: CheckContext, part: Part, offset: int, message: str, text: str) -> Finding:
        """A finding at section-relative ``offset`` of ``part``; ``text`` is what is wrong."""
        line, column = part.position(offset)
        return Finding(self.code, ctx.settings.severity_for(self.code, self.severity), message,
                       line, column, part.section.title,
                       make_fingerprint(self.code, part.section.anchor, text))

    def outside(self, ctx: CheckContext, message: str, text: str) -> Finding:
        """A finding about the post but not about a place in its body."""
        return Finding(self.code, ctx.settings.severity_for(self.code, self.severity), message,
                       None, None, "", make_fingerprint(self.code, "", text))


class SectionCheck(Check):
    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for part in ctx.parts:
            yield from self.run_section(ctx, part)

    def run_section(self, ctx: CheckContext, part: Part) -> Iterable[Finding]:
        raise NotImplementedError


def quote(text: str, limit: int = 60) -> str:
    """``text`` in curly quotes for a message, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"

"""A whole site's health in one page: every post checked, the worst first.

Each post of the site is read through the HTML importer into a scratch library in
memory (nothing is written to the user's library) and run through the writing checks.
Per post: errors, warnings, reading grade, broken citations (cited numbers with no
entry, entries nothing cites, unresolved keys). Posts are ranked by errors, then
warnings, then broken citations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.foundation.atomic import atomic_write_bytes
from editor.core.foundation.errors import ExportError, PostwrightError
from editor.core.publish import content as remote_content
from editor.core.publish.pull import Cancelled, Progress, remote_posts
from editor.core.publish.sites import Site
from editor.core.render.sanitize import remote_link
from editor.core.render.templates import TemplateSet

if TYPE_CHECKING:
    from editor.core.library import Library

BROKEN_CITATION_CODES = frozenset({"citation-unresolved", "citation-malformed", "citation-number-missing",
                                   "reference-uncited"})
# On the site itself a post's pictures are at home: only a library copy would lose them.
NOT_A_SITE_PROBLEM = frozenset({"image-remote"})


@dataclass(frozen=True)
class AuditIssue:
    severity: str
    code: str
    message: str
    line: int | None


@dataclass
class PostAudit:
    remote_id: int
    title: str
    status: str
    link: str
    grade: float | None
    words: int
    errors: list[AuditIssue] = field(default_factory=list)
    warnings: list[AuditIssue] = field(default_factory=list)
    broken_citations: list[AuditIssue] = field(default_factory=list)
    unreadable: str = ""  # why the post could not be read, if it could not

    @property
    def rank(self) -> tuple[int, int, int, float]:
        return (-len(self.errors) - (1 if self.unreadable else 0), -len(self.warnings),
                -len(self.broken_citations), -(self.grade or 0.0))


@dataclass
class SiteAudit:
    site: str
    url: str
    posts: list[PostAudit] = field(default_factory=list)
    cancelled: bool = False
    skipped: list[str] = field(default_factory=list)  # items the site sent malformed, one sentence each
    # Claim families this clinic lowered from blocking errors (code → "warning"/"off"): the report says so.
    lowered: dict[str, str] = field(default_factory=dict)

    @property
    def totals(self) -> dict[str, int]:
        return {
            "posts": len(self.posts),
            "errors": sum(len(p.errors) for p in self.posts),
            "warnings": sum(len(p.warnings) for p in self.posts),
            "broken_citations": sum(len(p.broken_citations) for p in self.posts),
            "posts_with_errors": sum(1 for p in self.posts if p.errors or p.unreadable),
        }

    def worst_first(self) -> list[PostAudit]:
        return sorted(self.posts, key=lambda p: p.rank)


def audit_site(lib: Library, site: Site | str, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> SiteAudit:
    from editor.core.checks import build_context, check_post, load_settings, reading_levels
    from editor.core.checks.budget import post_deadline
    from editor.core.importers.library import store_import
    from editor.core.library import Library as LibraryClass

    lowered = load_settings(lib).lowered()
    scratch = LibraryClass.memory()
    audit: SiteAudit | None = None
    skipped: list[str] = []
    try:
        scratch.settings.set("checks", lib.settings.get("checks", None))
        for found_site, item, _total in remote_posts(lib, site, progress=progress, cancelled=cancelled,
                                                     skipped=skipped):
            audit = audit or SiteAudit(found_site.name, found_site.url, skipped=skipped)
            # The link goes into an href: only what the exports' sanitiser lets through (http, https, mailto).
            entry = PostAudit(int(item["id"]), remote_content.plain_title(item), str(item.get("status", "")),
                              remote_link(item.get("link")), None, 0)
            try:
                imported = remote_content.parse_remote(item, f"{found_site.name} post {item['id']}")
                post = scratch.posts.get(store_import(scratch, imported).slug)
                with post_deadline(post.slug, "audit"):  # a post over it is reported as unreadable
                    findings = check_post(scratch, post)
                    reading = reading_levels(build_context(scratch, post))
            except PostwrightError as error:
                entry.unreadable = str(error)
                audit.posts.append(entry)
                continue
            entry.grade, entry.words = reading.grade, reading.words
            for finding in (f for f in findings if f.code not in NOT_A_SITE_PROBLEM):
                issue = AuditIssue(finding.severity, finding.code, finding.message, finding.line)
                if finding.code in BROKEN_CITATION_CODES:
                    entry.broken_citations.append(issue)
                if finding.severity == "error":
                    entry.errors.append(issue)
                elif finding.severity == "warning":
                    entry.warnings.append(issue)
            audit.posts.append(entry)
    finally:
        scratch.close()
    if audit is None:
        named = site if isinstance(site, Site) else None
        audit = SiteAudit(named.name if named else str(site), named.url if named else "", skipped=skipped)
    audit.cancelled = bool(cancelled and cancelled())
    audit.lowered = lowered
    return audit


def audit_html(audit: SiteAudit) -> str:
    from editor.core.checks.settings import CLAIM_FAMILIES

    return TemplateSet().render("audit.html.j2", audit=audit, posts=audit.worst_first(), totals=audit.totals,
                                lang="en", families=CLAIM_FAMILIES)


def write_audit(audit: SiteAudit, path: str | Path) -> Path:
    target = Path(path)
    try:
        atomic_write_bytes(target, audit_html(audit).encode("utf-8"))
    except OSError as error:
        raise ExportError(f"Cannot write the audit report {target}: {error.strerror or error}.") from error
    return target

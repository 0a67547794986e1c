"""Writing exports to disk: one post (page, fragment, markdown) or every published post.

Every export goes through the publish gate first (:func:`editor.core.export.website.clear_for_website`,
the road every exit takes): a post with open errors raises :class:`PublishBlockedError` and
nothing is written, and a rendered page that still holds an unresolved citation is never
written either.

Everything is rendered in memory first; files are then written atomically, images and
stylesheet first and the post's file last, so a failed export leaves no partial file.
Layout: ``<out>.html`` (or ``.md``) with an ``assets/`` folder beside it holding the
post's images and, for pages, ``site.css``. ``export_all`` writes ``<slug>.html`` per
published post, ``index.html`` and one shared ``assets/`` folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from editor.core.checks.budget import PostDeadlineError
from editor.core.checks.gate import GateResult, PublishBlockedError, over_deadline
from editor.core.export.markdown_export import CITATION_MODES
from editor.core.export.website import GatePolicy, clear_for_website, website_html, website_markdown
from editor.core.foundation.atomic import atomic_write_bytes
from editor.core.foundation.errors import ExportError, NotFoundError, ValidationError
from editor.core.foundation.output_paths import check_output_folder, check_outputs
from editor.core.media.web_images import web_variants
from editor.core.post.model import Post
from editor.core.render.csl import check_style
from editor.core.render.renderer import IncrementalRenderer
from editor.core.render.responsive import ResponsiveImage
from editor.core.render.site_identity import SiteIdentity
from editor.core.render.site_settings import ExportSettings
from editor.core.render.templates import TemplateSet

FORMATS = ("page", "fragment", "markdown")
ASSETS = "assets"
_SUFFIX = {"page": ".html", "fragment": ".html", "markdown": ".md"}


@dataclass
class ExportResult:
    format: str
    path: Path
    assets: list[Path] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    missing_assets: list[int] = field(default_factory=list)  # images the library no longer has
    gate: GateResult | None = None  # the checks' verdict the export passed


@dataclass
class SiteResult:
    folder: Path
    pages: list[Path] = field(default_factory=list)
    index: Path | None = None
    assets: list[Path] = field(default_factory=list)
    gates: dict[str, GateResult] = field(default_factory=dict)  # slug → verdict, for every published post
    skipped: list[str] = field(default_factory=list)  # slugs not exported, because of their gate


class _Files:
    """Files to write, collected while rendering, written at the end."""

    def __init__(self, lib: Any, folder: Path, content_width: int = 720) -> None:
        self.lib = lib
        self.folder = folder
        self.content_width = content_width
        self.pending: dict[Path, bytes] = {}
        self.missing: list[int] = []
        self._web: dict[int, ResponsiveImage | None] = {}

    def web_image(self, asset_id: int) -> ResponsiveImage | None:
        """The asset as web-ready files (2–3 widths, WebP + JPEG/PNG, no EXIF); None: export it as is."""
        if asset_id not in self._web:
            self._web[asset_id] = self._make_web_image(asset_id)
        return self._web[asset_id]

    def _make_web_image(self, asset_id: int) -> ResponsiveImage | None:
        try:
            data, mime = self.lib.assets.get(asset_id)
        except NotFoundError:
            return None
        if mime == "image/svg+xml":
            return None
        try:
            web = web_variants(data, self.content_width)
        except ValidationError:
            return None  # exported as stored; the image check reports unreadable images
        stem = f"{asset_id}-{web.sha256[:12]}"
        entries: dict[str, list[tuple[str, int]]] = {"webp": [], "fallback": []}
        for kind, variants in (("webp", web.webp), ("fallback", web.fallback)):
            for variant in variants:
                name = f"{ASSETS}/{stem}-{variant.width}.{variant.extension}"
                self.pending[self.folder / name] = variant.data
                entries[kind].append((name, variant.width))
        return ResponsiveImage(tuple(entries["webp"]), tuple(entries["fallback"]), web.largest.width,
                               web.largest.height)

    def asset_url(self, asset_id: int) -> str:
        try:
            name = self.lib.assets.file_name(asset_id)
        except NotFoundError:
            if asset_id not in self.missing:
                self.missing.append(asset_id)
            return f"{ASSETS}/missing-{asset_id}"  # shows as a broken image, and is reported
        path = self.folder / ASSETS / name
        if path not in self.pending:
            self.pending[path] = self.lib.assets.get(asset_id)[0]
        return f"{ASSETS}/{name}"  # "<id>-<hash>.<ext>": nothing to escape

    def add(self, relative: str, data: bytes) -> None:
        self.pending[self.folder / relative] = data

    def write(self) -> list[Path]:
        for path, data in self.pending.items():
            _write(path, data)
        return list(self.pending)


def export_post(
    lib: Any,
    post: Post | str,
    fmt: str,
    out: str | Path,
    *,
    style: str | None = None,
    citations: str = "keys",
    settings: ExportSettings | None = None,
    allow_dismissed: bool = True,
) -> ExportResult:
    """Export one post (a ``Post`` or its slug). ``out`` is the file, or a folder for ``<slug>.<ext>``.

    Raises :class:`PublishBlockedError` (and writes nothing) when the post has errors
    that are not dismissed with a reason (with ``allow_dismissed=False``: any error).
    """
    if fmt not in FORMATS:
        raise ValidationError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    if citations not in CITATION_MODES:
        raise ValidationError(f"Unknown citation mode {citations!r}; use 'keys' or 'numbers'.")
    cleared = clear_for_website(lib, post, policy=GatePolicy(allow_dismissed=allow_dismissed), style=style,
                                settings=settings)
    settings = cleared.settings
    target = _target(out, cleared.post.slug, _SUFFIX[fmt])
    files = _Files(lib, target.parent, settings.content_width)
    if fmt == "markdown":
        text = website_markdown(lib, cleared, citations=citations, asset_path=files.asset_url)
    else:
        text = website_html(lib, cleared, "page" if fmt == "page" else "fragment", asset_url=files.asset_url,
                            web_image=files.web_image)
    if fmt == "page":
        files.add(f"{ASSETS}/site.css", TemplateSet(settings.templates_dir).stylesheet().encode("utf-8"))
    data = text.encode("utf-8")
    check_outputs({**files.pending, target: data})  # every file passes before any is written
    assets = files.write()
    _write(target, data)
    return ExportResult(fmt, target, assets, list(cleared.rendered.unresolved), files.missing, cleared.gate)


def export_all(
    lib: Any,
    out: str | Path,
    *,
    style: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    allow_warnings: bool = False,
    allow_dismissed: bool = False,
) -> SiteResult:
    """Every published post that passes the gate as a page, an ``index.html`` listing them, shared assets.

    By default only clean posts are exported: no open error, no warning, nothing let
    through by a dismissal. ``allow_warnings`` also exports posts whose only findings
    are warnings; ``allow_dismissed`` also those whose errors were dismissed with a
    reason. The verdict for every post is in ``SiteResult.gates``, the ones left out
    in ``skipped``.
    """
    folder = check_output_folder(out)
    settings = ExportSettings.from_settings(lib.settings)
    if style:
        check_style(style)
    policy = GatePolicy(allow_dismissed=allow_dismissed, allow_warnings=allow_warnings)
    templates = TemplateSet(settings.templates_dir)
    summaries = lib.posts.list(status="published")
    files = _Files(lib, folder, settings.content_width)
    files.add(f"{ASSETS}/site.css", templates.stylesheet().encode("utf-8"))
    pages: dict[Path, str] = {}
    entries = []
    # One renderer per citation display for the whole site: the CSL style is parsed once
    # and each reference formatted once, however many posts cite it.
    renderers: dict[str, IncrementalRenderer] = {}
    gates: dict[str, GateResult] = {}
    skipped: list[str] = []
    for done, summary in enumerate(summaries):
        post = lib.posts.get(summary.slug)
        display = settings.display_for(post)
        if display not in renderers:
            renderers[display] = IncrementalRenderer(
                lib.references.resolve_many, display, style or settings.csl_style, asset_prefix=None
            )
        try:
            cleared = clear_for_website(lib, post, policy=policy, settings=settings, renderer=renderers[display])
        except PublishBlockedError as refused:
            gates[post.slug] = refused.result
            skipped.append(post.slug)
        except PostDeadlineError as error:  # a post over its deadline is reported and left out
            gates[post.slug] = over_deadline(error)
            skipped.append(post.slug)
        except ExportError:  # a citation without a reference: the gate has reported it as an error
            skipped.append(post.slug)
        else:
            gates[post.slug] = cleared.gate
            pages[folder / f"{post.slug}.html"] = website_html(
                lib, cleared, "page", asset_url=files.asset_url, related_href=lambda slug: f"{slug}.html",
                web_image=files.web_image,
            )
            entries.append({"title": post.title, "summary": post.summary, "href": f"{post.slug}.html"})
        if progress:
            progress(done + 1, len(summaries), post.slug)
    identity = SiteIdentity.from_settings(lib.settings)
    index = templates.render(
        "index.html.j2", lang="en", site_name=settings.site_name, entries=entries, css_href=f"{ASSETS}/site.css",
        identity=identity, identity_css=Markup(identity.css()), home_url=settings.site_base_url or None,
        logo_url=files.asset_url(identity.logo_asset_id) if identity.logo_asset_id else None,
    )
    check_outputs({**files.pending, **dict.fromkeys(pages), folder / "index.html": None})  # all pass before any
    result = SiteResult(folder, assets=files.write(), gates=gates, skipped=skipped)
    for path, html in pages.items():
        _write(path, html.encode("utf-8"))
        result.pages.append(path)
    result.index = folder / "index.html"
    _write(result.index, index.encode("utf-8"))
    return result


def _target(out: str | Path, slug: str, suffix: str) -> Path:
    path = Path(out)
    if path.is_dir() or str(out).endswith(("/", "\\")):
        return path / f"{slug}{suffix}"
    return path


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from error

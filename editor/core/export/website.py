"""Every way out of the library gets its HTML here, and only after the publish gate.

    cleared = clear_for_website(lib, post)                      # the gate, then the renderer
    html = website_html(lib, cleared, "page", asset_url=...)    # "page" | "fragment" | "handout"
    text = website_markdown(lib, cleared, asset_path=...)       # Markdown for a static site

Page, fragment and Markdown export, ``export --all``, Copy for website, Copy HTML, the
patient handout and publishing all call :func:`website_html` (or :func:`website_markdown`),
which take only a :class:`ClearedPost`; :func:`clear_for_website` alone makes one, after
:func:`editor.core.checks.gate.gate_post` let the post through. What blocks is the gate's
decision (``checks/gate.py``); this module is the one road to the reader.
``tests/core/export/test_exits_gated.py`` holds every caller to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from editor.core.checks.budget import post_deadline
from editor.core.checks.gate import GateResult, PublishBlockedError, gate_post
from editor.core.export.markdown_export import markdown_document
from editor.core.foundation.errors import ExportError
from editor.core.library.page_inputs import article_inputs, asset_data_url
from editor.core.library.page_inputs import author as library_author
from editor.core.post.model import Post
from editor.core.render.csl import check_style
from editor.core.render.handout import HandoutOptions, render_handout
from editor.core.render.page import render_for_export, render_fragment, render_page
from editor.core.render.renderer import IncrementalRenderer, RenderedPost
from editor.core.render.responsive import Resolver
from editor.core.render.site_settings import ExportSettings

if TYPE_CHECKING:
    from editor.core.library import Library

Form = Literal["page", "fragment", "handout"]
FORMS: tuple[Form, ...] = ("page", "fragment", "handout")
_ISSUED = object()  # only clear_for_website makes a ClearedPost


@dataclass(frozen=True)
class GatePolicy:
    """What may pass besides a clean post: dismissed errors (with a reason) and warnings."""

    allow_dismissed: bool = True
    allow_warnings: bool = True


DEFAULT_POLICY = GatePolicy()  # errors block; warnings and errors dismissed with a reason pass


@dataclass(frozen=True)
class ClearedPost:
    """A post the gate let through, rendered for the website (library images still ``asset:ID``)."""

    post: Post
    rendered: RenderedPost
    settings: ExportSettings
    gate: GateResult
    issued_by: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.issued_by is not _ISSUED:
            raise TypeError("A ClearedPost comes from clear_for_website(), after the publish gate.")


class HeldBackError(PublishBlockedError):
    """Nothing blocks the post, but the caller's policy leaves out posts with warnings or dismissals."""

    def __init__(self, result: GateResult, reason: str) -> None:
        super().__init__(result)
        self.args = (f"{result.slug}: {reason}",)
        self.reason = reason


def clear_for_website(
    lib: Library,
    post: Post | str,
    *,
    policy: GatePolicy = DEFAULT_POLICY,
    style: str | None = None,
    settings: ExportSettings | None = None,
    renderer: IncrementalRenderer | None = None,
) -> ClearedPost:
    """The publish gate, then the export renderer: the only way to a :class:`ClearedPost`.

    Raises :class:`PublishBlockedError` when the post has open errors (a ``HeldBackError``
    when ``policy`` leaves out its warnings or dismissed errors), ``PostDeadlineError`` when
    checking and rendering take longer than a post's deadline, and :class:`ExportError`
    when a citation still has no reference (the gate reports those as errors too; this
    guards the page itself). ``renderer`` lets a whole-site export share one.
    """
    if isinstance(post, str):
        post = lib.posts.get(post)
    settings = settings or ExportSettings.from_settings(lib.settings)
    if style:
        check_style(style)
    with post_deadline(post.slug, "export"):  # the work that grows with the text: checking and rendering
        gate = gate_post(lib, post)
        if gate.errors:
            raise PublishBlockedError(gate)
        if gate.dismissed and not policy.allow_dismissed:
            raise HeldBackError(gate, f"{len(gate.dismissed)} dismissed error(s) are not let through here.")
        if gate.warnings and not policy.allow_warnings:
            raise HeldBackError(gate, f"{len(gate.warnings)} warning(s) are not let through here.")
        rendered = (renderer.render(post.body) if renderer is not None
                    else render_for_export(article_inputs(lib, post, settings), style))
    if rendered.unresolved:
        raise ExportError(
            f"Cannot export {post.slug}: citations without a reference ({', '.join(rendered.unresolved)}) would "
            "show as [?] markers on the page; add the references or remove the citations.")
    return ClearedPost(post, rendered, settings, gate, _ISSUED)


def website_html(
    lib: Library,
    cleared: ClearedPost,
    form: Form,
    *,
    asset_url: Callable[[int], str],
    web_image: Resolver | None = None,
    related_href: Callable[[str], str] | None = None,
    show_title: bool = True,
    handout: HandoutOptions | None = None,
    qr_url: str | None = None,
    printed_on: date | None = None,
) -> str:
    """The HTML a reader gets: a whole ``page``, the article ``fragment`` (a CMS, the
    clipboard, WordPress) or the patient ``handout``'s print page.

    ``asset_url(id)`` says where each library image is for this exit; ``web_image`` turns
    images into responsive ``<picture>``s (page and fragment exports). ``show_title=False``
    leaves out the fragment's ``<h1>`` (WordPress prints the title). ``qr_url`` is the
    handout's "read online" link (default: the canonical URL).
    """
    if not isinstance(cleared, ClearedPost):
        raise TypeError("website_html() takes a ClearedPost from clear_for_website().")
    inputs, rendered = article_inputs(lib, cleared.post, cleared.settings), cleared.rendered
    if form == "page":
        return render_page(inputs, rendered, asset_url=asset_url, web_image=web_image, related_href=related_href)
    if form == "fragment":
        return render_fragment(inputs, rendered, asset_url=asset_url, web_image=web_image,
                               related_href=related_href, show_title=show_title)
    if form == "handout":
        return render_handout(inputs, rendered, handout or HandoutOptions(),
                              asset_data=lambda asset_id: asset_data_url(lib, asset_id), asset_url=asset_url,
                              qr_url=qr_url, printed_on=printed_on)
    raise ValueError(f"Unknown website form {form!r}; use one of {', '.join(FORMS)}.")


def website_markdown(lib: Library, cleared: ClearedPost, *, asset_path: Callable[[int], str],
                     citations: str = "keys") -> str:
    """The post as Markdown with front matter for a static site generator (images at ``asset_path(id)``)."""
    if not isinstance(cleared, ClearedPost):
        raise TypeError("website_markdown() takes a ClearedPost from clear_for_website().")
    post = cleared.post
    return markdown_document(post, cleared.rendered, author=library_author(lib, post.author_id),
                             reviewer=library_author(lib, post.reviewer_id), settings=cleared.settings,
                             citations=citations, asset_path=asset_path)

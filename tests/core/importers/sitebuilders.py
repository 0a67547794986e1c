"""Saved pages shaped like the site builders clinics use, built from one article.

Each builder wraps the same article (``import_helpers.ARTICLE``: six sections, citations 1-6,
a reference list of entries 1-4, so 5 and 6 are orphans) in the markup its platform
saves: WordPress block and classic themes, Squarespace, Wix and a medical-practice
builder with a promo bar, an author box that repeats the name and "You Might Also
Enjoy" cards. Some repeat the reference list in a sidebar, the footer or a print block.
The markup follows what these platforms emit (class names, nesting, share bars); the
text is ours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from import_helpers import ARTICLE, TITLE, cite

REFERENCES = [
    "Wilding JPH, Batterham RL, Calanna S, et al. Once-weekly semaglutide in adults with overweight or obesity. "
    "N Engl J Med. 2021;384(11):989-1002. doi:10.1056/NEJMoa2032183",
    "Wilding JPH, Batterham RL, Davies M, et al. Weight regain and cardiometabolic effects after withdrawal of "
    "semaglutide. Diabetes Obes Metab. 2022;24(8):1553-1564. PMID: 35441470",
    "https://doi.org/10.1001/jama.2021.3224",
    "Centers for Disease Control and Prevention. Adult obesity facts. 2024. "
    "https://www.cdc.gov/obesity/adult-obesity-facts/",
]
ORPHANS = [5, 6]
AUTHOR_NAME, AUTHOR_CREDENTIALS = "Jane A. Smith", "PA-C"
BANNER = "Holiday special: $99 weight-loss consult, 20% off this month!"
RELATED = [("Sleep Less, Weigh More?", 9), ("Snacks That Keep You Full", 10)]

SUP = {n: f"<sup>{n}</sup>" for n in range(1, 7)}
SUP_LINKED = {n: f'<sup><a href="#ref-{n}">{n}</a></sup>' for n in range(1, 7)}
PARENS = {n: f" ({n})" for n in range(1, 7)}
BRACKETS = {n: f" [{n}]" for n in range(1, 7)}


def _ol(css: str = "", item_id: bool = False) -> str:
    items = "".join(
        f'<li{f" id=ref-{i}" if item_id else ""}>{_linked(text)}</li>' for i, text in enumerate(REFERENCES, 1)
    )
    return f'<ol class="{css}">{items}</ol>' if css else f"<ol>{items}</ol>"


def _linked(text: str) -> str:
    if text.startswith("https://"):
        return f'<a href="{text}">{text}</a>'
    return text


def _article(heading: Callable[[str], str], paragraph: Callable[[str], str], style: dict[int, str]) -> str:
    parts = []
    for title, paragraphs in ARTICLE:
        parts.append(heading(title))
        parts.extend(paragraph(cite(text, style)) for text in paragraphs)
    return "".join(parts)


def _page(head_title: str, body: str, body_class: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>{head_title}</title>'
        f'<script>window.dataLayer=[];</script><style>.x{{}}</style></head><body class="{body_class}">{body}'
        "</body></html>"
    )


def wordpress_block() -> str:
    """Twenty Twenty-Four style: block template parts, post-title/post-content blocks."""
    article = _article(lambda t: f'<h2 class="wp-block-heading">{t}</h2>', lambda p: f"<p>{p}</p>", SUP_LINKED)
    body = (
        '<div class="wp-site-blocks"><header class="wp-block-template-part"><div class="wp-block-group">'
        '<p class="wp-block-site-title"><a href="/">Lakeside Family Clinic</a></p>'
        '<nav class="wp-block-navigation"><ul class="wp-block-navigation__container">'
        '<li class="wp-block-navigation-item"><a href="/">Home</a></li>'
        '<li class="wp-block-navigation-item"><a href="/services/">Services</a></li>'
        '<li class="wp-block-navigation-item"><a href="/blog/">Blog</a></li></ul></nav></div></header>'
        '<main class="wp-block-group"><div class="wp-block-group">'
        f'<h1 class="wp-block-post-title">{TITLE}</h1>'
        '<div class="wp-block-post-date"><time datetime="2024-03-04">March 4, 2024</time></div></div>'
        f'<div class="entry-content wp-block-post-content">{article}'
        f'<h2 class="wp-block-heading">References</h2>{_ol("wp-block-list", item_id=True)}</div>'
        '<div class="wp-block-post-author"><div class="wp-block-post-author__content">'
        f'<p class="wp-block-post-author__name">{AUTHOR_NAME}, {AUTHOR_CREDENTIALS}</p></div></div>'
        '</main><footer class="wp-block-template-part"><p>Proudly powered by WordPress</p></footer></div>'
    )
    return _page(f"{TITLE} – Lakeside Family Clinic", body, "post-template-default single single-post")


def wordpress_classic() -> str:
    """Astra/GeneratePress style: entry-header/entry-content, a sidebar repeating the references."""
    article = _article(lambda t: f"<h2>{t}</h2>", lambda p: f"<p>{p}</p>", PARENS)
    body = (
        '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>'
        '<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding">'
        '<p class="site-title"><a href="/">Lakeside Family Clinic</a></p></div>'
        '<nav id="site-navigation" class="main-navigation"><button class="menu-toggle">Menu</button>'
        '<ul id="primary-menu"><li><a href="/">Home</a></li><li><a href="/blog/">Blog</a></li></ul></nav></header>'
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">'
        '<article id="post-42" class="post-42 post type-post status-publish">'
        f'<header class="entry-header"><h1 class="entry-title">{TITLE}</h1>'
        '<div class="entry-meta"><span class="posted-on">Posted on March 4, 2024</span></div></header>'
        f'<div class="entry-content">{article}<h3>References</h3>{_ol()}</div>'
        '<footer class="entry-footer"><span class="cat-links">Posted in Weight Loss</span></footer></article>'
        '<nav class="navigation post-navigation"><div class="nav-previous"><a href="/a/">Previous post</a></div>'
        '</nav></main></div><aside id="secondary" class="widget-area">'
        '<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>'
        '<ul><li><a href="/b/">Ten tips for better sleep</a></li></ul></section>'
        f'<section class="widget widget_text"><h2 class="widget-title">References</h2>{_ol()}</section>'
        '</aside></div><footer id="colophon" class="site-footer"><div class="site-info">'
        "&copy; 2024 Lakeside Family Clinic</div></footer></div>"
    )
    return _page(f"{TITLE} | Lakeside Family Clinic", body, "post-template-default single")


def squarespace() -> str:
    """Squarespace 7.1 blog item: sqs-block html-blocks, share buttons, item pagination."""
    article = _article(
        lambda t: f'<div class="sqs-block html-block"><div class="sqs-block-content"><h2>{t}</h2></div></div>',
        lambda p: f'<div class="sqs-block html-block"><div class="sqs-block-content"><p>{p}</p></div></div>',
        BRACKETS,
    )
    body = (
        '<header id="header" class="header theme-col--primary"><div class="header-title-text">'
        '<a href="/">Lakeside Family Clinic</a></div><div class="header-nav-list">'
        '<div class="header-nav-item"><a href="/blog">Blog</a></div></div></header>'
        '<main id="page" class="container" role="main"><article class="BlogItem hentry">'
        f'<div class="BlogItem-meta"><h1 class="BlogItem-title" data-content-field="title">{TITLE}</h1></div>'
        '<div class="blog-item-content e-content"><div class="sqs-layout sqs-grid-12 columns-12">'
        f'{article}<div class="sqs-block html-block"><div class="sqs-block-content"><h3>References</h3>'
        f"{_ol()}</div></div></div></div>"
        '<div class="BlogItem-share"><div class="Share"><a class="Share-buttons-item" href="#">Facebook</a>'
        '<a class="Share-buttons-item" href="#">Twitter</a><a class="Share-buttons-item" href="#">LinkedIn</a>'
        "</div></div></article>"
        '<nav class="BlogItem-pagination"><a class="BlogItem-pagination-link" href="/blog/a">'
        '<div class="BlogItem-pagination-link-label">Previous</div>'
        '<h2 class="BlogItem-pagination-link-title">Walking After Meals</h2></a></nav></main>'
        '<footer class="sections" id="footer-sections"><p>Lakeside Family Clinic &middot; 123 Main Street</p></footer>'
    )
    return _page(f"{TITLE} — Lakeside Family Clinic", body, "collection-type-blog view-item")


def wix() -> str:
    """Wix Blog post: data-hook containers, rich-content paragraphs, a print-only reference copy."""
    article = _article(
        lambda t: f'<h2 class="_3f-vr"><span>{t}</span></h2>',
        lambda p: f'<p class="_1xk6Z public-DraftStyleDefault-block-depth0"><span>{p}</span></p>',
        SUP,
    )
    body = (
        '<div id="SITE_CONTAINER"><div id="main_MF"><header id="SITE_HEADER"><div class="nav">'
        '<a href="/">Home</a><a href="/book-online">Book Online</a><a href="/blog">Blog</a></div></header>'
        '<main id="PAGES_CONTAINER"><div data-hook="post-page"><article data-hook="post">'
        f'<div data-hook="post-title"><h1 class="UbhFJ7">{TITLE}</h1></div>'
        '<div data-hook="post-description"><section data-id="rich-content-viewer">'
        f'{article}<h2 class="_3f-vr"><span>References</span></h2>{_ol()}</section></div>'
        '<div class="print-only references">' + _ol() + "</div>"
        '<div data-hook="post-footer"><ul><li>Share on Facebook</li><li>Share on X</li></ul></div>'
        '</article></div></main><footer id="SITE_FOOTER"><p>&copy; 2024 by Lakeside Family Clinic. '
        "Proudly created with Wix.com</p></footer></div></div>"
    )
    return _page(f"{TITLE} | Lakeside Family Clinic", body, "wix")


def medical_practice() -> str:
    """A medical-practice site builder: promo bar above the title, an author box that repeats
    the name in two forms, "You Might Also Enjoy" cards with chapters, references repeated in
    the footer."""
    article = _article(lambda t: f"<h2>{t}</h2>", lambda p: f"<p>{p}</p>", SUP)
    cards = "".join(
        f'<div class="related-card"><span class="related-category">Weight Loss Program</span>'
        f'<h3><a href="/blog/chapter-{n}">{title} (Chapter {n})</a></h3>'
        f"<p>A short look at the research and habits that help with chapter {n}.</p>"
        '<a class="read-more" href="#">Read More</a></div>'
        for title, n in RELATED
    )
    body = (
        f'<div class="promo-bar">{BANNER}</div>'
        '<header class="practice-header"><div class="practice-name">Lakeside Family Clinic</div>'
        '<nav><a href="/">Home</a><a href="/providers">Our Providers</a><a href="/blog">Blog</a>'
        '<a href="/request-appointment">Request Appointment</a></nav></header>'
        f'<main><article class="blog-post"><h1 class="post-title">{TITLE}</h1>'
        f'<div class="post-body">{article}<h2>References</h2>{_ol()}</div>'
        '<div class="author-box"><img src="jane.jpg" alt="Jane Smith"><div class="author-photo-caption">Jane Smith'
        f'</div><p class="author-name">{AUTHOR_NAME}, {AUTHOR_CREDENTIALS}</p>'
        f"<p>{AUTHOR_NAME}, {AUTHOR_CREDENTIALS}, sees patients in family and obesity medicine.</p></div>"
        f'</article><section class="related-posts"><h2>You Might Also Enjoy...</h2>{cards}</section></main>'
        f'<footer><div class="footer-sources"><h4>Sources</h4>{_ol()}</div>'
        "<p>&copy; 2024 Lakeside Family Clinic. All rights reserved.</p></footer>"
    )
    return _page(f"{TITLE} | Lakeside Family Clinic", body)


@dataclass(frozen=True)
class Builder:
    name: str
    page: Callable[[], str]
    author: bool = False
    related: bool = False
    banner: bool = False


BUILDERS = [
    Builder("wordpress-block", wordpress_block, author=True),
    Builder("wordpress-classic", wordpress_classic),
    Builder("squarespace", squarespace),
    Builder("wix", wix),
    Builder("medical-practice", medical_practice, author=True, related=True, banner=True),
]

"""The legacy post as text, as a web page and as a .docx, for the importer and packaging tests.

The web page and the Word document are built here from the same article content, so
each must import to the same post structure as the pasted text.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

HERE = Path(__file__).parent
DATA = HERE / "data"
EXPECTED = HERE / "expected"

TITLE = "Does Weight Come Back After Semaglutide? What the Research Says"
BANNER = "New patients: book a free consultation this month!"
SECTIONS = [
    "Stopping Semaglutide",
    "What the trials measured",
    "Continuing versus stopping",
    "Heart health",
    "Planning for the long term",
    "Conclusion",
]
# Paragraphs per section; {n} marks citation number n (rendered per format).
ARTICLE: list[tuple[str, list[str]]] = [
    (
        "Stopping Semaglutide",
        [
            "Semaglutide has helped many of our patients lose weight. A common question in the clinic is what "
            "happens after the last dose. This article looks at the evidence on stopping treatment, keeping "
            "weight off, and planning for the long term."
        ],
    ),
    (
        "What the trials measured",
        [
            "The STEP 1 trial treated adults with obesity with weekly semaglutide for 68 weeks. Participants lost "
            "an average of 14.9 percent of their body weight{1}.",
            "After the trial ended, researchers followed a group of participants for another year without the "
            "medication. On average they regained about two thirds of the weight they had lost{2}.",
        ],
    ),
    (
        "Continuing versus stopping",
        [
            "The STEP 4 trial asked a different question. Everyone took semaglutide for 20 weeks, then half "
            "switched to placebo. Those who stayed on the medication kept losing weight, while those who "
            "switched regained weight{3}."
        ],
    ),
    (
        "Heart health",
        [
            "Weight is not the only outcome that matters. In a large trial of people with heart disease, "
            "semaglutide lowered the rate of major cardiovascular events by 20 percent{4}. Roughly 42 percent "
            "of adults in the United States have obesity{5}."
        ],
    ),
    (
        "Planning for the long term",
        [
            "Stopping a medication is a decision to make with your clinician. Building habits around food, "
            "activity, and sleep while on treatment gives you the best chance of keeping weight off{6}."
        ],
    ),
    (
        "Conclusion",
        ["Semaglutide works while you take it. Plan ahead for what comes next, and keep your clinician in the loop."],
    ),
]
REFERENCE_URLS = [
    "https://www.nejm.org/doi/full/10.1056/NEJMoa2032183",
    "https://pubmed.ncbi.nlm.nih.gov/35441470/",
    "https://doi.org/10.1001/jama.2021.3224",
    "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10797145/",
]
AUTHOR_BIO = (
    "Jordan Ellis, PA-C, is a certified physician assistant who has worked in family and obesity medicine "
    "for twelve years. Jordan enjoys helping patients build habits that last."
)
RELATED = [
    ("Sleep and Weight", "Sleep Less, Weigh More? (Chapter 9)",
     "Short sleep raises hunger hormones. Here is what the research shows and five habits that help."),
    ("Mindful Snacking", "Chapter 10 - Snacks That Keep You Full",
     "Five snack swaps that keep hunger quiet between meals."),
]  # fmt: skip


def cite(text: str, style: dict[int, str]) -> str:
    """Fill ``{n}`` markers with a per-number citation markup."""
    for number in range(1, 7):
        text = text.replace(f"{{{number}}}", style.get(number, f" ({number})"))
    return text


HTML_CITES = {
    1: "<sup>1</sup>",
    2: "<sup>2</sup>",
    3: '<sup><a href="#ref3">3</a></sup>',
    4: " (4)",
    5: " [5]",
    6: ' <a href="#ref6">[6]</a>',
}


def legacy_page_html(extra_body: str = "") -> str:
    article = [f"<h1>{TITLE}</h1>"]
    for heading, paragraphs in ARTICLE:
        article.append(f"<h2>{heading}</h2>")
        article.extend(f"<p>{cite(p, HTML_CITES)}</p>" for p in paragraphs)
    article.append(extra_body)
    article.append("<h2>References</h2><ol>")
    article.extend(f'<li id="ref{i}"><a href="{u}">{u}</a></li>' for i, u in enumerate(REFERENCE_URLS, 1))
    article.append("</ol>")
    cards = "".join(
        f'<div class="card"><span class="category">{label}</span><h4><a href="/blog/{i}">{title}</a></h4>'
        f"<p>{excerpt}</p></div>"
        for i, (label, title, excerpt) in enumerate(RELATED)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE} | Lakeside Family Clinic</title>
<link rel="stylesheet" href="site.css"><script src="analytics.js"></script></head>
<body>
<div class="promo-banner">{BANNER}</div>
<a class="skip-link" href="#main">Skip to main content</a>
<header><a href="/" class="logo">Lakeside Family Clinic</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/services">Services</a></li><li><a href="/blog">Blog</a></li>
<li><a href="/contact">Contact</a></li></ul></nav></header>
<div id="cookie-consent">We use cookies to improve your experience. <button>Accept</button></div>
<main id="main"><article class="post">
{"".join(article)}
<div class="author-box"><img src="jordan.jpg" alt="Jordan Ellis"><h3>Author</h3>
<p><strong>Jordan Ellis, PA-C</strong></p><p>{AUTHOR_BIO}</p></div>
</article>
<section class="related-posts"><h3>You Might Also Enjoy...</h3>{cards}</section>
</main>
<aside class="sidebar"><h3>Popular posts</h3><ul><li><a href="/blog/a">Ten tips for better sleep</a></li></ul></aside>
<footer><p>&copy; 2024 Lakeside Family Clinic. All rights reserved.</p><p>123 Main Street</p></footer>
</body></html>
"""


def png_bytes(color: str = "red", size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def add_hyperlink(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    """python-docx has no public hyperlink API; this writes the standard w:hyperlink element."""
    relationship = paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def legacy_docx_bytes(*, with_extras: bool = False) -> bytes:
    document = docx.Document()
    document.add_paragraph(BANNER)
    document.add_heading(TITLE, 0)
    for heading, paragraphs in ARTICLE:
        document.add_heading(heading, 1)
        for text in paragraphs:
            document.add_paragraph(cite(text, {}))
        if with_extras and heading == "Conclusion":
            styled = document.add_paragraph("Talk to your ")
            styled.add_run("clinician").bold = True
            styled.add_run(" and read the ")
            styled.add_run("leaflet").italic = True
            styled.add_run(" from ")
            add_hyperlink(styled, "the CDC", "https://www.cdc.gov/obesity/")
            styled.add_run(" today.")
            document.add_paragraph("Eat protein at breakfast", style="List Bullet")
            document.add_paragraph("Walk after dinner", style="List Bullet")
            table = document.add_table(rows=2, cols=2)
            for (row, col), value in {(0, 0): "Trial", (0, 1): "Weeks", (1, 0): "STEP 1", (1, 1): "68"}.items():
                table.cell(row, col).text = value
            document.add_picture(io.BytesIO(png_bytes()))
    document.add_heading("References", 1)
    for url in REFERENCE_URLS:
        document.add_paragraph(url, style="List Number")
    document.add_heading("Author", 1)
    document.add_paragraph("Jordan Ellis, PA-C")
    document.add_paragraph(AUTHOR_BIO)
    document.add_heading("You Might Also Enjoy...", 1)
    for label, title, excerpt in RELATED:
        document.add_paragraph(label)
        document.add_paragraph(title)
        document.add_paragraph(excerpt)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    """An image's size and pixels: what must survive the metadata cleaning that re-encodes it."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size, image.convert("RGB").tobytes()

"""Conservation, as a property: whatever shape a post has, no word of its prose is lost or
moved into the references, in every input format (pasted text, saved web page, Word, Markdown).

Posts are built from random sections (some headed "Notes" or "Sources" but holding prose),
prose with numeric citations, a reference list or none, and site chrome.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.importers import ImportedPost, parse_text
from editor.core.importers.docx import parse_docx
from editor.core.importers.markdown import parse_markdown

PROSE_WORDS = (
    "sleep appetite weight trial patients clinic dose weekly hunger protein walking stress heart blood pressure "
    "insulin meals evening habits research adults children risk lower higher often usually most some many the a "
    "and with after before while your our their people who took lost gained kept about percent years months"
).split()
HEADING_WORDS = "Sleep Appetite Weight Trials Habits Protein Walking Stress Heart Dosing Planning Adults".split()
TRICKY_HEADINGS = ["Notes", "Sources", "Footnotes", "Citations", "Bibliography"]
REFERENCE_POOL = [
    "https://pubmed.ncbi.nlm.nih.gov/35441470/",
    "https://doi.org/10.1001/jama.2021.3224",
    "Spiegel K, Tasali E. Sleep curtailment in healthy young men. Ann Intern Med. 2004;141:846-850.",
    "Wilding JPH, Batterham RL. Once-weekly semaglutide in adults. N Engl J Med. 2021;384:989-1002.",
    "Centers for Disease Control and Prevention. Adult obesity facts. 2024.",
    "PMID: 15583226",
]
CHROME = ["Skip to main content", "Share this post", "Back to top", "Print this page"]


@dataclass
class Paragraph:
    sentences: list[list[str]]
    cites: list[int]  # citation numbers, one after each of the first sentences

    def __post_init__(self) -> None:
        self.cites = self.cites[: len(self.sentences)]

    def words(self) -> list[str]:
        return [word.lower() for sentence in self.sentences for word in sentence]

    def render(self, mark: str) -> str:
        out = []
        for index, words in enumerate(self.sentences):
            text = " ".join([words[0].capitalize(), *words[1:]])
            if index < len(self.cites):
                text += mark.format(n=self.cites[index])
            out.append(text + ".")
        return " ".join(out)


@dataclass
class Article:
    title: str
    sections: list[tuple[str, list[Paragraph]]]
    references: list[str]
    chrome: list[str]
    repeat_references: bool = False  # a web page repeats the list in its sidebar


sentences = st.lists(st.sampled_from(PROSE_WORDS), min_size=3, max_size=12)
paragraphs = st.builds(
    Paragraph, st.lists(sentences, min_size=1, max_size=3), st.lists(st.integers(1, 8), max_size=2)
)
headings = st.one_of(
    st.lists(st.sampled_from(HEADING_WORDS), min_size=1, max_size=4, unique=True).map(" and ".join),
    st.sampled_from(TRICKY_HEADINGS),
)
articles = st.builds(
    Article,
    st.lists(st.sampled_from(HEADING_WORDS), min_size=2, max_size=5, unique=True).map(
        lambda words: "What to Know About " + " ".join(words)
    ),
    st.lists(st.tuples(headings, st.lists(paragraphs, min_size=1, max_size=3)), min_size=1, max_size=4,
             unique_by=lambda section: section[0]),
    st.lists(st.sampled_from(REFERENCE_POOL), unique=True, max_size=5),
    st.lists(st.sampled_from(CHROME), unique=True, max_size=2),
    st.booleans(),
)


def as_text(article: Article) -> str:
    parts = [*article.chrome, article.title]
    for heading, paras in article.sections:
        parts.append(heading)
        parts.extend(p.render(" ({n})") for p in paras)
    if article.references:
        parts.append("References")
        parts.append("\n".join(f"{i}. {ref}" for i, ref in enumerate(article.references, 1)))
    return "\n\n".join(parts) + "\n"


def as_markdown(article: Article) -> str:
    parts = [f"# {article.title}"]
    for heading, paras in article.sections:
        parts.append(f"## {heading}")
        parts.extend(p.render(" [{n}]") for p in paras)
    if article.references:
        parts.append("## References")
        parts.append("\n".join(f"{i}. {ref}" for i, ref in enumerate(article.references, 1)))
    return "\n\n".join(parts) + "\n"


def as_html(article: Article) -> str:
    nav = "".join(f'<li><a href="#">{item}</a></li>' for item in article.chrome)
    body = [f"<h1>{article.title}</h1>"]
    for heading, paras in article.sections:
        body.append(f"<h2>{heading}</h2>")
        body.extend(f"<p>{p.render('<sup>{n}</sup>')}</p>" for p in paras)
    if article.references:
        items = "".join(f"<li>{ref}</li>" for ref in article.references)
        body.append(f"<h2>References</h2><ol>{items}</ol>")
    sidebar = ""
    if article.repeat_references and article.references:
        items = "".join(f"<li>{ref}</li>" for ref in article.references)
        sidebar = f'<aside class="sidebar"><h3>References</h3><ol>{items}</ol></aside>'
    return (
        "<!DOCTYPE html><html><head><title>Clinic</title></head><body>"
        f'<header><nav><ul><li><a href="/">Home</a></li>{nav}</ul></nav></header>'
        f"<main><article>{''.join(body)}</article>{sidebar}</main>"
        "<footer><p>&copy; 2024 Lakeside Family Clinic</p></footer></body></html>"
    )


def as_docx(article: Article) -> bytes:
    document = docx.Document()
    document.add_heading(article.title, 0)
    for heading, paras in article.sections:
        document.add_heading(heading, 1)
        for paragraph in paras:
            document.add_paragraph(paragraph.render(" ({n})"))
    if article.references:
        document.add_heading("References", 1)
        for ref in article.references:
            document.add_paragraph(ref, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def assert_conserved(article: Article, post: ImportedPost, *, literal_without_list: bool = False) -> None:
    """``literal_without_list``: Markdown's "[1]" stays as written when there is no reference list."""
    assert post.title == article.title
    body = _words(re.sub(r"\[@[^\]]*\]|\\?\[\d\\?\]", " ", post.body))
    for heading, paras in article.sections:
        assert heading in post.sections, f"section {heading!r} left the body"
        for paragraph in paras:
            assert " " + " ".join(paragraph.words()) + " " in body, "prose lost or moved"
    assert [entry.text for entry in post.references] == article.references
    cited = {n for _, paras in article.sections for p in paras for n in p.cites}
    listed = set(range(1, len(article.references) + 1))
    if literal_without_list and not article.references:
        assert post.unresolved == [] and all(re.search(rf"\\?\[{n}\\?\]", post.body) for n in cited)
        return
    assert set(post.unresolved) == cited - listed  # an orphan never borrows another entry
    for number in cited & listed:
        assert f"@ref-{number}" in post.body
    for line in post.report:
        if line.destination in ("dropped", "reference"):
            assert not any(
                " ".join(p.words()[:6]) in _words(line.text) for _, paras in article.sections for p in paras
            ), f"prose reported as {line.destination}: {line.text}"


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles)
def test_pasted_text_conserves_prose(article: Article) -> None:
    assert_conserved(article, parse_text(as_text(article), "pasted text"))


@SETTINGS
@given(articles)
def test_markdown_conserves_prose(article: Article) -> None:
    assert_conserved(article, parse_markdown(as_markdown(article), "post.md"), literal_without_list=True)


@SETTINGS
@given(articles)
def test_web_page_conserves_prose(article: Article) -> None:
    assert_conserved(article, parse_text(as_html(article), "page.html"))


@settings(SETTINGS, max_examples=15)  # each example writes and converts a real .docx
@given(articles)
def test_word_document_conserves_prose(article: Article) -> None:
    assert_conserved(article, parse_docx(as_docx(article), "post.docx"))

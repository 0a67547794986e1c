"""The end matter of an old post: the author box and the "You Might Also Enjoy" links."""

from __future__ import annotations

import re

from editor.core.importers.blocks import first_url, plain_text
from editor.core.importers.model import AuthorBox, RelatedEntry

# A credential has at least two capitals: "PA-C", "MD", "PhD", "FNP-BC", "DMSc".
_CRED = r"(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{0,5}(?:-[A-Z]{1,3})?\.?"
_NAME_WORD = r"[A-Z][\w'\u2019.-]*"
_PARTICLE = r"(?:de|la|del|della|van|von|der|den|da|di|du|le|bin|al|ter)"
_NAMED = re.compile(
    rf"(?P<name>(?:{_NAME_WORD}\s+(?:{_PARTICLE}\s+)*){{1,7}}{_NAME_WORD})\s*,\s*"
    rf"(?P<creds>{_CRED}(?:\s*,\s*{_CRED})*)(?![\w-])"
)
_LABEL = re.compile(
    r"^\s*(?:about\s+the\s+authors?|about\s+the\s+writer|meet\s+the\s+author|author\s+bio|"
    r"authors?|written\s+by|posted\s+by|by)\b[\s:.\u2014-]*",
    re.I,
)
_LEADING_NAME = re.compile(rf"^((?:{_NAME_WORD}\s+){{1,3}}{_NAME_WORD})\b")


def _name_key(word: str) -> str:
    return word.rstrip(".").casefold()


def _dedupe_name(name: str) -> str:
    """The one name in a run of repeated forms, the longest consistent one.

    An author box often prints the name twice (photo caption, then name with credentials):
    "Jordan Ellis Jordan Ellis" → "Jordan Ellis"; "Jane Smith Jane A. Smith" → "Jane A. Smith".
    The name is the longest tail (≤ 4 words) in which no word repeats; what comes before it
    is dropped only when every word of it is a word of that name.
    """
    words = name.split()
    best = words[-1:]
    for size in range(2, min(4, len(words)) + 1):
        tail = words[-size:]
        keys = [_name_key(word) for word in tail]
        if len(set(keys)) < len(keys):
            break
        best = tail
    before = words[: len(words) - len(best)]
    known = {_name_key(word) for word in best}
    if before and not all(_name_key(word) in known for word in before):
        return " ".join(words[-4:]) if len(set(map(_name_key, words[-4:]))) == len(words[-4:]) else " ".join(best)
    return " ".join(best)


def parse_author(chunks: list[str]) -> AuthorBox | None:
    """Name, credentials and bio from the text of an author box."""
    text = _LABEL.sub("", " ".join(plain_text(chunk) for chunk in chunks)).strip()
    if not text:
        return None
    named = _NAMED.search(text)
    if named and named.start() < 120:
        name = _dedupe_name(named.group("name"))
        creds = re.sub(r"\s*,\s*", ", ", named.group("creds")).strip()
        rest = text[named.end() :].strip()
        if not rest or rest[0] in ",;:" or rest[0].islower():
            bio = f"{name}, {creds}{rest}" if rest else ""
        else:
            bio = rest
        return AuthorBox(name=name, credentials=creds, bio=bio.strip())
    first = plain_text(chunks[0]) if chunks else ""
    first = _LABEL.sub("", first).strip()
    if first and len(first.split()) <= 5 and not first.endswith(".") and len(chunks) > 1:
        bio = " ".join(plain_text(chunk) for chunk in chunks[1:]).strip()
        return AuthorBox(name=first, bio=bio)
    leading = _LEADING_NAME.match(text)
    if leading:
        return AuthorBox(name=leading.group(1), bio=text)
    return None


_CHAPTER_FORMS = (
    # The title starts and ends on a non-space (split_chapter strips it), so a run of spaces has
    # one way to match: "\s*(.+?)\s*" tried every split of it (cubic on a long run).
    re.compile(r"^\s*chapter\s+(?P<n>\d{1,4})\s*[-\u2013\u2014:.|]\s*(?P<title>\S(?:.*\S)?)\s*$", re.I),
    re.compile(r"^\s*(?P<title>\S.*?)[(\[]\s*chapter\s+(?P<n>\d{1,4})\s*[)\]]\s*$", re.I),
    re.compile(r"^\s*(?P<title>\S.*?)[-\u2013\u2014:|,]\s*chapter\s+(?P<n>\d{1,4})\s*$", re.I),
)


def split_chapter(title: str) -> tuple[str, int | None]:
    """``"Sleep Less, Weigh More? (Chapter 9)"`` → ``("Sleep Less, Weigh More?", 9)``."""
    for form in _CHAPTER_FORMS:
        match = form.match(title)
        if match and match.group("title").strip():
            return match.group("title").strip(), int(match.group("n"))
    return title.strip(), None


_READ_MORE = re.compile(r"^(?:read more|continue reading|learn more|view all|see all)\W*$", re.I)
_DATE = re.compile(r"^(?:\w+\s+\d{1,2},\s*\d{4}|\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def _is_excerpt(text: str) -> bool:
    return (text.endswith((".", "\u2026")) and len(text.split()) >= 5) or len(text) > 140


def parse_related(chunks: list[str]) -> list[RelatedEntry]:
    """Related-post entries: cards of (optional category label, title, optional excerpt)."""
    items: list[tuple[str, str | None]] = []
    for chunk in chunks:
        lines = chunk.split("\n") if _LIST_ITEM.match(chunk) else [chunk]
        for line in lines:
            text = plain_text(_LIST_ITEM.sub("", line))
            if text and not _READ_MORE.match(text) and not _DATE.match(text):
                items.append((text, first_url(line)))
    has_excerpts = any(_is_excerpt(text) for text, _ in items)
    entries: list[RelatedEntry] = []
    pending: list[tuple[str, str | None]] = []

    def flush() -> None:
        if not pending:
            return
        if not has_excerpts:
            entries.extend(_entry(text, url, None) for text, url in pending)
        else:
            chosen = next((i for i, (t, _) in enumerate(pending) if re.search(r"chapter\s+\d", t, re.I)), None)
            if chosen is None:
                chosen = next((i for i, (_, u) in enumerate(pending) if u), len(pending) - 1)
            label = pending[chosen - 1][0] if chosen > 0 else None
            entries.append(_entry(pending[chosen][0], pending[chosen][1], label))
        pending.clear()

    for text, url in items:
        if _is_excerpt(text):
            flush()
        else:
            pending.append((text, url))
    flush()
    return entries


def _entry(text: str, url: str | None, label: str | None) -> RelatedEntry:
    title, chapter = split_chapter(text)
    return RelatedEntry(title=title, chapter=chapter, label=label, url=url)

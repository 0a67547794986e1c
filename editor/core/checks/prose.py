"""Paragraphs, sentences and words of a section's masked prose (see ``scan``).

The sentence splitter is our own, rule-based: ``pysbd`` splits the same hard cases (contractions,
"Dr.", "e.g.", "et al.", decimals, initials) but took about 5 s on a 50,000-word post where
checks must stay under a second, so its cases are our tests instead
(``tests/core/checks/test_checks_prose_boundaries.py``).

Offsets are relative to the section text. A sentence's ``end`` runs to where the
next sentence starts, so a citation written just after the full stop ("… weight.
[@a]") belongs to the sentence it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from editor.core.checks.resources import word_set
from editor.core.checks.scanning_regex import compile_scanning

WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’-][A-Za-z0-9]+)*")
_BLOCK_START = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])[ \t]+|^[ \t]*>")
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_NEXT_START = re.compile(r"\s*(?P<ch>.)", re.S)
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx prof st no vs etc e.g i.e al approx fig figs jr sr inc ltd co dept est "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft u.s a.m p.m min max ca cf ed eds vol".split()
)
# Abbreviations that also end sentences: before a capital they do ("Dr." and "U.S." never do).
_MAY_END = frozenset({"etc", "a.m", "p.m", "no"})
_PASSIVE = compile_scanning(
    r"\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting)\s+"
    r"(?:(?:not|also|often|usually|always|never|still|then|now|just|already|\w+ly)\s+){0,2}"
    r"(?P<verb>[a-z]+)\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    start: int  # first character of the sentence
    text_end: int  # one past its final punctuation (or its last character)
    end: int  # where the next sentence starts (or the paragraph ends)
    words: int
    passive: str | None  # the passive phrase found ("was given"), if any


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    words: int


def blocks(original: str, masked: str) -> list[Block]:
    """Paragraphs and list items of the masked prose, with their word counts."""
    found: list[Block] = []
    start: int | None = None
    offset = 0
    for line, masked_line in zip(original.split("\n"), masked.split("\n"), strict=True):
        blank = not masked_line.strip()
        if start is not None and (blank or _BLOCK_START.match(line)):
            found.append(_block(masked, start, offset))
            start = None
        if not blank and start is None:
            start = offset
        offset += len(line) + 1
    if start is not None:
        found.append(_block(masked, start, len(masked)))
    return [block for block in found if block.words]


def _block(masked: str, start: int, end: int) -> Block:
    return Block(start, end, len(WORD.findall(masked, start, end)))


_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_RUN = re.compile(r"[A-Za-z.]*")
_TOKEN_WINDOW = 80  # longer than any abbreviation: a longer token is never one


def _token_before(text: str, end: int) -> re.Match[str] | None:
    """The letters-and-dots word ending at ``end`` (looking back a bounded window, not the whole text)."""
    start = max(0, end - _TOKEN_WINDOW)
    token = _TOKEN_BEFORE.search(text, start, end)
    if token is None or start == 0 or not _RUN.fullmatch(text, start, token.start()):
        return token
    # The run of letters and dots reaches the window's edge: if a letter comes before the
    # edge, the word starts there and is longer than any abbreviation.
    position = start - 1
    while position >= 0 and (text[position].isascii() and (text[position].isalpha() or text[position] == ".")):
        if text[position] != ".":
            return None
        position -= 1
    return token


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    following = _NEXT_START.match(text, match.end())
    ch = following.group("ch") if following is not None else ""
    token = _token_before(text, match.start()) if match.group().startswith(".") else None
    if token:
        word = token.group(1).lower()
        # "don't." "can't." "won't.": the letter after an apostrophe ends a word, it is not an initial.
        contraction = token.start(1) > 0 and text[token.start(1) - 1] in "'’"
        if word in _MAY_END and ch.isupper():
            return True  # "…and so on, etc. Then", "at 9 a.m. The", "the answer is no. We"
        if word in _ABBREVIATIONS or (len(word) == 1 and not contraction) or ("." in word and len(word) <= 4):
            return False
    if following is None:
        return True
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘([*_"


def sentences(masked: str, block: Block) -> list[Sentence]:
    text = masked[: block.end]
    spans: list[tuple[int, int]] = []
    start = block.start
    for match in _END.finditer(text, block.start):
        if _is_boundary(text, match):
            spans.append((start, match.end()))
            start = match.end()
    if masked[start: block.end].strip():
        spans.append((start, block.end))
    trimmed = []
    for s, e in spans:
        body_start = s + (len(masked[s:e]) - len(masked[s:e].lstrip()))
        trimmed.append((body_start, body_start + len(masked[body_start:e].rstrip())))
    result = []
    for index, (body_start, text_end) in enumerate(trimmed):
        next_start = trimmed[index + 1][0] if index + 1 < len(trimmed) else block.end
        chunk = masked[body_start:text_end]
        words = len(WORD.findall(chunk))
        if words:
            result.append(Sentence(body_start, text_end, next_start, words, passive_phrase(chunk)))
    return result


@lru_cache(maxsize=1)
def _participles() -> tuple[frozenset[str], frozenset[str]]:
    return word_set("participles.txt"), word_set("not_passive.txt")


def passive_phrase(sentence: str) -> str | None:
    """The first "be + past participle" phrase of ``sentence``, or None."""
    irregular, adjectives = _participles()
    for match in _PASSIVE.finditer(sentence):
        verb = match.group("verb").lower()
        if verb in adjectives:
            continue
        if (verb.endswith("ed") and len(verb) > 4) or verb in irregular:
            return match.group()
    return None

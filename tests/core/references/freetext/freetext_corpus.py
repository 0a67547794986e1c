"""The reference-string corpus: strings written in many clinics' voices, each with its CSL.

A corpus file is a list of entries separated by blank lines; ``#`` lines are comments.
An entry's ``> `` lines are the string (several lines are kept as line breaks, as a
copy from a web page has them); the lines after it are the expected CSL-JSON fields:

- ``author``/``editor``: names separated by `` | ``, each ``Family, Given[, Suffix]`` or
  ``=Literal`` (``=et al.`` marks a list cut short);
- ``issued``/``accessed``: ``YYYY[-MM[-DD]]``, optionally followed by ``season=Winter``;
- ``review: yes``: the parser must report the entry as needing review;
- anything else: a CSL string field, verbatim.

``tuning.txt`` was used while the parser was written; ``heldout.txt`` was written first
and kept aside, only ever run for the accuracy figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
NAME_FIELDS = ("author", "editor")
DATE_FIELDS = ("issued", "accessed")


@dataclass
class Entry:
    text: str
    expected: dict[str, Any]
    review: bool
    line: int
    voice: str = ""
    fields: list[str] = field(default_factory=list)


def _name(text: str) -> dict[str, str]:
    text = text.strip()
    if text.startswith("="):
        return {"literal": text[1:].strip()}
    parts = [part.strip() for part in text.split(",")]
    name = {"family": parts[0], "given": parts[1]}
    if len(parts) > 2:
        name["suffix"] = parts[2]
    return name


def _date(text: str) -> dict[str, Any]:
    value, _, season = text.partition(" season=")
    date: dict[str, Any] = {"date-parts": [[int(part) for part in value.strip().split("-")]]}
    if season:
        date["season"] = season.strip()
    return date


def load(name: str) -> list[Entry]:
    entries: list[Entry] = []
    voice = ""
    for block_start, block in _blocks((HERE / name).read_text(encoding="utf-8")):
        lines = [line for line in block if not line.startswith("#")]
        voice = next((line[3:].strip() for line in block if line.startswith("## voice:")), voice)
        text_lines = [line[2:] for line in lines if line.startswith("> ")]
        if not text_lines:
            continue
        expected: dict[str, Any] = {}
        review = False
        for line in lines:
            if line.startswith("> "):
                continue
            key, _, value = line.partition(": ")
            if key == "review":
                review = value.strip() == "yes"
            elif key in NAME_FIELDS:
                expected[key] = [_name(part) for part in value.split(" | ")]
            elif key in DATE_FIELDS:
                expected[key] = _date(value)
            else:
                expected[key] = value.strip()
        entries.append(Entry("\n".join(text_lines), expected, review, block_start, voice, list(expected)))
    return entries


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _comparable(key: str, value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def score(entries: list[Entry], parse: Any) -> dict[str, Any]:
    """Field-level accuracy of ``parse`` (text → ParsedReference) over ``entries``.

    A field counts as right when the parsed value equals the expected one exactly
    (whitespace aside); each name of a name list is a field of its own. A field the
    parser filled that the expectation does not have counts as wrong too.
    """
    right = total = spurious = review_agree = 0
    misses: list[str] = []
    for entry in entries:
        parsed = parse(entry.text)
        got = {k: v for k, v in parsed.csl.items() if k != "note"}
        for key, want in entry.expected.items():
            have = got.get(key)
            if key in NAME_FIELDS:
                have_names = have or []
                for index, name in enumerate(want):
                    total += 1
                    if index < len(have_names) and have_names[index] == name:
                        right += 1
                    else:
                        misses.append(f"{entry.line} {key}[{index}]: want {name} got "
                                      f"{have_names[index] if index < len(have_names) else None}")
                spurious += max(0, len(have_names) - len(want))
                continue
            total += 1
            if _comparable(key, have) == _comparable(key, want):
                right += 1
            else:
                misses.append(f"{entry.line} {key}: want {want!r} got {have!r}")
        for key in got:
            if key not in entry.expected and key != "type":
                spurious += 1
                misses.append(f"{entry.line} extra {key}: {got[key]!r}")
        review_agree += parsed.needs_review == entry.review
    return {
        "entries": len(entries), "fields": total, "right": right, "spurious": spurious,
        "accuracy": right / total if total else 0.0,
        "precision": right / (right + spurious) if right + spurious else 0.0,
        "review_agreement": review_agree / len(entries) if entries else 0.0,
        "misses": misses,
    }

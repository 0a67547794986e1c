"""CSL-JSON (Zotero's "Better CSL JSON", citeproc input, pandoc): a list of items or one item."""

from __future__ import annotations

import json
from typing import Any

from editor.core.references.completeness import identifies_a_work
from editor.core.references.normalize import CSL_TYPES, clean_csl
from editor.core.references.parsers.base import ParsedRecord, ParseResult, RecordError

_WHITESPACE = " \t\r\n"



def _collect(result: ParseResult, outcome: ParsedRecord | RecordError) -> None:
    if isinstance(outcome, ParsedRecord):
        result.records.append(outcome)
    else:
        result.errors.append(outcome)

def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _item_to_record(item: Any, line: int) -> ParsedRecord | RecordError:
    if not isinstance(item, dict):
        return RecordError(line, "item is not a JSON object")
    item_type = item.get("type")
    if not isinstance(item_type, str) or item_type not in CSL_TYPES:
        found = f"{item_type!r}" if item_type is not None else "missing"
        return RecordError(line, f"item has no valid CSL 'type' ({found})")
    csl = clean_csl(item)
    if not identifies_a_work(csl):  # what ``refs add`` accepts: a title, or a DOI/PMID/PMCID/URL alone
        return RecordError(line, "item has neither a title nor a DOI, PMID, PMCID or URL")
    return ParsedRecord(csl, line)


def parse(text: str) -> ParseResult:
    """Read CSL-JSON text item by item, so a broken item does not lose the ones before it."""
    result = ParseResult("csl-json")
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if text.startswith("{", position):
        try:
            item, end = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as error:
            line = _line_at(text, getattr(error, "pos", position))
            result.errors.append(RecordError(line, "JSON is not valid here"))
            return result
        items = item.get("items") if isinstance(item.get("items"), list) and "type" not in item else None
        if items is None:
            outcome = _item_to_record(item, _line_at(text, position))
            _collect(result, outcome)
        else:
            for entry in items:
                outcome = _item_to_record(entry, _line_at(text, position))
                _collect(result, outcome)
        return result
    position = _skip(text, position + 1)  # past "["
    if text.startswith("]", position):
        return result
    while position < len(text):
        try:
            item, end = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as error:
            where = f" (line {_line_at(text, error.pos)})" if isinstance(error, json.JSONDecodeError) else ""
            result.errors.append(RecordError(
                _line_at(text, position), f"item is not valid JSON{where}; the rest of the file was skipped"))
            return result
        outcome = _item_to_record(item, _line_at(text, position))
        _collect(result, outcome)
        position = _skip(text, end)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
        elif text.startswith("]", position):
            return result
        else:
            result.errors.append(RecordError(_line_at(text, position), "expected ',' or ']' between items"))
            return result
    result.errors.append(RecordError(_line_at(text, len(text)), "the list of items is not closed with ']'"))
    return result

"""Dates as reference strings write them, turned into CSL date objects.

"2013", "2013 Mar 15", "2013Mar15", "2018 Jul-Aug", "2013 Winter", "March 15, 2013",
"15 March 2013", "4 Sept 2023", "2022, June 3", "n.d." — the first month of a range is
kept; a season goes into the date's ``season``.
"""

from __future__ import annotations

import re
from typing import Any

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter)"
#: A date as a Vancouver/NLM entry writes it: year first.
YEAR_FIRST = rf"{YEAR}(?:\s*(?:{MONTH}(?:\s*[-/]\s*{MONTH})?|{SEASON}(?:\s*[-/]\s*{SEASON})?)(?:\s*\d{{1,2}}(?!\d))?)?"
#: A date written out: "March 15, 2013", "15 March 2013", "Jan 2024", "2024 Jan 5".
WRITTEN = (
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+{YEAR}|\d{{1,2}}\s+{MONTH},?\s+{YEAR}|{MONTH},?\s+{YEAR}|{YEAR_FIRST})"
)
_MONTHS = {name: number for number, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def parse_date(text: str) -> dict[str, Any] | None:
    """A CSL date for ``text``, or None when it holds no year (e.g. "n.d.")."""
    year = re.search(rf"(?<!\d)({YEAR})(?!\d)", text)
    if not year:
        return None
    parts = [int(year.group(1))]
    rest = text[: year.start()] + " " + text[year.end():]
    month = re.search(MONTH, rest, re.I)
    date: dict[str, Any] = {}
    if month:
        parts.append(_MONTHS[month.group(0)[:3].lower()])
        day = re.search(r"(?<![\d-])(\d{1,2})(?![\d])", rest[: month.start()] + " " + rest[month.end():])
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    else:
        season = re.search(SEASON, rest, re.I)
        if season:
            date["season"] = season.group(0).capitalize()
    date["date-parts"] = [parts]
    return date

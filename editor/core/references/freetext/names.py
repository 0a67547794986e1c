"""Author and editor lists as reference styles print them, read into CSL names.

Three shapes: Vancouver/AMA (``Smith JA, van der Berg J-P, Wright JT Jr, et al``), APA
(``Smith, J. A., van der Berg, J.-P., & Wright, J. T., Jr.``) and written-out names
(``John Smith and Mary Jones``). A piece that is not a personal name is a group author
and becomes a literal name, whole: "National Heart, Lung, and Blood Institute" is one
author although it has commas. ``et al.`` is kept as a literal last name, so the list
still says it was cut short.

Each piece is also scored (:attr:`NameList.score`): a personal name counts most, a
plausible group name less, text that reads like a sentence counts against the split
that produced it — the parser uses this to find where the author list ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ET_AL = {"literal": "et al."}
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĘĚŁŃŇŐŘŚŠŤŰŹŻŽ"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|dos|das|du|la|le|ter|ten|bin|al|el|y)"
# A family name word has a lower-case letter: "WH" in "Dietz WH II" is initials, not a name.
_FAMILY_WORD = rf"(?:[{_UPPER}](?=[\w'-]*[a-z])[\w'-]*)"
_FAMILY = rf"(?:{_PARTICLE}\s+)*{_FAMILY_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_FAMILY_WORD}){{0,3}}"
_SUFFIX = r"(?:Jr|Sr|II|III|IV|2nd|3rd)\.?"
_INITIALS = r"(?:[A-Z](?:\.?-?[A-Z]){0,3}\.?)"
_VANCOUVER_NAME = re.compile(
    rf"^(?P<family>{_FAMILY})\s+(?P<initials>{_INITIALS})(?:,?\s+(?P<suffix>{_SUFFIX}))?"
    rf"(?:\s+(?P<particle>{_PARTICLE}))?$"
)
_APA_INITIALS = re.compile(r"^(?:[A-Z]\.(?:\s?-?\s?[A-Z]\.){0,3}|[A-Z][a-z]+(?:\s+[A-Z]\.){0,2})$")
_APA_FAMILY = re.compile(rf"^{_FAMILY}$")
_GIVEN_FAMILY = re.compile(rf"^(?P<given>[{_UPPER}][a-z]+(?:\s+[A-Z]\.?)?)\s+(?P<family>{_FAMILY})$")
_ET_AL = re.compile(r"^et\.?\s*al\.?$", re.I)
_TRAILING_ET_AL = re.compile(r"\s+et\.?\s*al\.?$", re.I)
_EDITORS = re.compile(r",?\s*\(?(?:eds?|editors?)\.?\)?$", re.I)
_SEPARATOR = re.compile(r"(;\s*|,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)")
_SENTENCE_BREAK = re.compile(r"[a-z]{2,}[.?!]\s|[:?!]|\"")
_FUNCTION_WORDS = frozenset("of for and the on in to at with by from a an de la du des et".split())
_GROUP_WORDS = frozenset(
    """group committee association society institute organization organisation collaboration
    collaborators collaborative investigators force panel council college academy centers center centre
    department agency administration foundation clinic staff publishing school university commission
    program programme network consortium service services board federation alliance trust team
    writing registry study trial office ministry bureau authority practice hospital""".split()
)


@dataclass
class NameList:
    """The names read from an author or editor segment, and how much they look like names."""

    names: list[dict[str, str]] = field(default_factory=list)
    score: float = 0.0
    editors: bool = False  # the segment ended in "eds." / "editors"


def initials(text: str) -> str:
    """``"JA"``/``"J.A."``/``"J. A."`` → ``"J. A."``; ``"J-P"`` → ``"J.-P."``."""
    letters = re.findall(r"-?[A-Z]", text.replace(" ", ""))
    return " ".join(f"{letter}." for letter in letters).replace(" -", "-")


def _given(text: str) -> str:
    """A given name as printed, initials spaced the CSL way ("John P.H." → "John P. H.")."""
    words = text.split()
    return " ".join(initials(w) if re.fullmatch(r"(?:[A-Z]\.?-?){1,4}", w) else w for w in words)


def _suffix(text: str | None) -> str | None:
    return text.rstrip(".") if text else None


def _person(family: str, given: str, suffix: str | None = None) -> dict[str, str]:
    name = {"family": family, "given": given}
    if suffix:
        name["suffix"] = suffix
    return name


def group_score(text: str) -> float:
    """How much a piece that is not a personal name reads as a body's name (negative: prose)."""
    words = re.findall(r"[\w'&().-]+", text)
    prose_start = text[:1].islower() and not text.startswith("on behalf")
    if not words or len(words) > 18 or _SENTENCE_BREAK.search(text + " ") or prose_start:
        return -6.0
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    capitalised = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    grouped = any(w.lower().strip("().") in _GROUP_WORDS for w in words)
    if grouped:
        return 2.0
    if content and capitalised == len(content):
        return 1.0 if len(content) >= 2 else 0.25
    return -4.0


def _literal_pieces(pieces: list[tuple[str, str]], out: NameList) -> None:
    """Join consecutive non-personal pieces back into one group name (their commas were its own)."""
    text = "".join(sep + piece for sep, piece in pieces).strip(" ,;&")
    text = re.sub(r"(?<=[a-z]{3})\.$", "", text)  # "Human Services." → the list's full stop
    if not text:
        return
    out.names.append({"literal": text})
    out.score += group_score(text)


def _vancouver_piece(piece: str) -> dict[str, str] | None:
    match = _VANCOUVER_NAME.match(piece)
    if not match:
        return None
    family = match.group("family")
    if any(word.lower() in _GROUP_WORDS for word in family.split()):
        return None
    given = initials(match.group("initials"))
    if match.group("particle"):
        given = f"{given} {match.group('particle')}"
    return _person(family, given, _suffix(match.group("suffix")))


def _split(text: str) -> list[tuple[str, str]]:
    """Pieces with the separator that came before each ("" for the first)."""
    parts = _SEPARATOR.split(text)
    out = [("", parts[0])]
    for index in range(1, len(parts) - 1, 2):
        out.append((parts[index], parts[index + 1]))
    return [(sep, piece.strip()) for sep, piece in out if piece.strip() or sep.strip().startswith(";")]


def parse_vancouver(text: str) -> NameList:
    """``Smith JA, Jones B, et al; Study Group`` (AMA, Vancouver/NLM, most loose lists)."""
    out = NameList()
    text = text.strip().rstrip(".").strip()
    if _EDITORS.search(text) and not _ET_AL.match(text):
        out.editors = True
        text = _EDITORS.sub("", text).strip()
    pending: list[tuple[str, str]] = []
    for sep, piece in _split(text):
        et_al = False
        if _TRAILING_ET_AL.search(piece):
            piece, et_al = _TRAILING_ET_AL.sub("", piece).strip(), True
        if ";" in sep or "&" in sep:
            _literal_pieces(pending, out)
            pending = []
        if not piece:
            continue
        person = _vancouver_piece(piece.rstrip("."))
        if _ET_AL.match(piece):
            _literal_pieces(pending, out)
            pending = []
            out.names.append(dict(ET_AL))
            out.score += 2
        elif person is not None:
            _literal_pieces(pending, out)
            pending = []
            out.names.append(person)
            out.score += 3
        else:
            pending.append((sep if pending else "", piece))
        if et_al:
            _literal_pieces(pending, out)
            pending = []
            out.names.append(dict(ET_AL))
            out.score += 2
    _literal_pieces(pending, out)
    return out


def parse_apa(text: str) -> NameList:
    """``Smith, J. A., Jones, B., & Lee, C., Jr.`` (APA); groups and ``et al.`` as in Vancouver."""
    out = NameList()
    text = text.strip()
    if _EDITORS.search(text):
        out.editors = True
        text = _EDITORS.sub("", text).strip()
    pieces = _split(text)
    pending: list[tuple[str, str]] = []
    index = 0
    while index < len(pieces):
        sep, piece = pieces[index]
        if "&" in sep or ";" in sep:
            _literal_pieces(pending, out)
            pending = []
        following = pieces[index + 1][1] if index + 1 < len(pieces) else ""
        if _ET_AL.match(piece):
            _literal_pieces(pending, out)
            pending = []
            out.names.append(dict(ET_AL))
            out.score += 2
            index += 1
            continue
        if _APA_FAMILY.match(piece) and _APA_INITIALS.match(following) and "&" not in pieces[index + 1][0]:
            _literal_pieces(pending, out)
            pending = []
            suffix = pieces[index + 2][1] if index + 2 < len(pieces) else ""
            has_suffix = bool(re.fullmatch(_SUFFIX, suffix))
            out.names.append(_person(piece, _given(following), _suffix(suffix) if has_suffix else None))
            out.score += 3
            index += 3 if has_suffix else 2
            continue
        pending.append((sep if pending else "", piece))
        index += 1
    _literal_pieces(pending, out)
    return out


def parse_written(text: str) -> NameList:
    """``John Smith and Mary Jones``, ``Smith, John`` — names written out in loose lists."""
    out = NameList()
    text = text.strip().rstrip(".")
    pieces = [piece for _, piece in _split(text)]
    if len(pieces) == 2 and _APA_FAMILY.match(pieces[0]) and re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z]\.?)?", pieces[1]):
        out.names.append(_person(pieces[0], _given(pieces[1])))
        out.score += 3
        return out
    for piece in pieces:
        match = _GIVEN_FAMILY.match(piece)
        if match and not any(w.lower() in _GROUP_WORDS for w in piece.split()):
            out.names.append(_person(match.group("family"), _given(match.group("given"))))
            out.score += 3
        elif _ET_AL.match(piece):
            out.names.append(dict(ET_AL))
            out.score += 2
        else:
            _literal_pieces([("", piece)], out)
    return out


_GIVEN_FIRST = re.compile(
    rf"^(?P<given>(?:[A-Z]\.\s?-?\s?){{1,4}}|[A-Z][a-z]+\s+(?:[A-Z]\.\s?)*)\s*(?P<family>{_FAMILY})$"
)


def parse_given_first(text: str) -> NameList:
    """``T. A. Wadden & G. A. Bray`` — editors as APA prints them after "In"."""
    out = NameList()
    for _, piece in _split(text.strip().rstrip(".")):
        match = _GIVEN_FIRST.match(piece)
        if match:
            out.names.append(_person(match.group("family"), _given(match.group("given").strip())))
            out.score += 3
        elif _ET_AL.match(piece):
            out.names.append(dict(ET_AL))
        else:
            _literal_pieces([("", piece)], out)
    return out


PARSERS = {"vancouver": parse_vancouver, "apa": parse_apa, "written": parse_written, "given-first": parse_given_first}


def parse_names(text: str, shape: str) -> NameList:
    """The names of an author or editor segment written in ``shape`` (a key of :data:`PARSERS`)."""
    return PARSERS[shape](text)


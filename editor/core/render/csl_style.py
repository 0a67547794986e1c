"""Loading a CSL style for citeproc-py, with substitution done as the CSL specification says.

CSL 1.0.2, ``cs:substitute``: "Substituted variables are suppressed in the rest of the
output to prevent duplication." citeproc-py 0.11 suppresses only a substituted
``<text variable="…">``: when the substitute is a macro (AMA: ``<text macro="title"/>``)
or a ``<names>`` element (``<names variable="editor"/>``), the title or the editors
are printed twice for a work without an author. citeproc-js does it right.

Page ranges (CSL 1.0.2, "Appendix V - Page Range Formats"): citeproc-py neither
expands an abbreviated range from the data ("100-9" is pages 100 to 109, so AMA's
"expanded" must print "100-109") nor compares pages of different lengths correctly
(Vancouver's "minimal" printed "1-10" as "1-0").

The fixes are element classes registered through lxml's documented per-parser element
class lookup, for our parser only (citeproc-py's own classes are untouched):

- :class:`Substitute` records the variables the chosen child actually printed
  (through macros), and those are suppressed for the rest of the entry;
- :class:`Names` and :class:`Text` report what they print while a substitution is
  being tried, and leave out a variable an earlier substitution used;
- :class:`Text` formats page ranges as the appendix says, and title-cases with citeproc-js's
  list of words left in lower case ("among", "between", "without" … as well as CSL's), the
  last word always capitalized;
- :class:`Label` applies the style's ``text-case`` in its language (APA's "Eds.");
- :class:`If` answers ``is-numeric="locator"`` from the citation's locator, and takes a range
  or list of numbers as numeric, as citeproc-js does (APA's "Chapter 2");
- :class:`Choose` remembers the branch it rendered, so that :class:`Group` is suppressed as
  CSL 1.0.2 says, when it calls variables and all of them are empty, counting only the
  variables of the branch a ``cs:choose`` took (as citeproc-js does): a branch that prints
  only a term (APA's "Publication" for a thesis) calls no variable, so a thesis with no
  number no longer gets "(Publication)", while "(n.d.)" still prints.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.frontend import CitationStylesStyle
from citeproc.string import String
from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"
_DIGITS = re.compile(r"^(?P<prefix>\D*)(?P<number>\d+)$")


def _log(element: Any, context: Any, variable: str) -> None:
    """Note that ``variable`` was printed, when a substitution is being tried."""
    try:
        layout = (context if context is not None else element).get_layout()
    except (IndexError, AttributeError):
        return
    log = getattr(layout, "substitution_log", None)
    if log is not None:
        log.append((element.tag, variable))


def _repressed(element: Any, context: Any, variable: str) -> bool:
    try:
        layout = (context if context is not None else element).get_layout()
    except (IndexError, AttributeError):
        return False
    return variable in layout.repressed.get(element.tag, ())


class Substitute(model.Substitute):  # type: ignore[misc]
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = (context if context is not None else self).get_layout()
        outer = getattr(layout, "substitution_log", None)
        layout.substitution_log = []
        try:
            return super().render(item, context=context, **kwargs)
        finally:
            layout.substitution_log = outer

    def add_to_repressed_list(self, child: Any, context: Any) -> None:
        layout = context.get_layout()
        printed = layout.substitution_log or []
        for tag, variable in printed:
            layout.repressed.setdefault(tag, []).append(variable)
        if child.get("variable"):  # what citeproc-py records itself
            layout.repressed.setdefault(child.tag, []).append(child.get("variable"))
        layout.substitution_log = []  # a later sibling's rendering is not this substitution's


class Names(model.Names):  # type: ignore[misc]
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        present = [v for v in self.get("variable", "").split() if v.replace("-", "_") in item.reference]
        if present and all(_repressed(self, context, v) for v in present):
            return None
        text = super().process(item, names_context=names_context, context=context, **kwargs)
        if text:
            for variable in present:
                _log(self, context, variable)
        return text


class Label(model.Label):  # type: ignore[misc]
    def case(self, text: Any, language: str | None = None) -> Any:
        # citeproc-py calls this without the item's language, and then never title-cases
        # ("eds." stays lower case where APA asks for "Eds."); use the style's language.
        return super().case(text, language or self.get_root().get("default-locale", "en-US")[:2])


class Choose(model.Choose):  # type: ignore[misc]
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        self.taken: Any = None
        for child in self.getchildren():
            try:
                rendered = child.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
            except model.VariableError:
                self.taken = child  # taken, and its variables were empty
                raise
            self.taken = child
            return rendered
        return None

    def taken_calls_variable(self) -> bool:
        """Whether the branch that rendered calls a variable (not only terms and values)."""
        taken = getattr(self, "taken", None)
        return bool(taken is not None and taken.calls_variable())


_NUMBER_VARIABLES = frozenset({"number", "issue", "volume", "edition", "chapter-number", "collection-number"})
_NUMBER_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)")


def range_delimiter(root: Any) -> str:
    for term in root.iter(f"{{{CSL_NS}}}term"):
        if term.get("name") == "page-range-delimiter" and term.text:
            return str(term.text)
    return "\u2013"


_NUMERIC = re.compile(r"[A-Z]*\d+[A-Z]*(?:\s*[-\u2013,&]\s*[A-Z]*\d+[A-Z]*)*", re.I)


class If(model.If):  # type: ignore[misc]
    def _is_numeric(self, item: Any) -> list[bool]:
        # citeproc-py tests only the item's variables, so is-numeric="locator" was never true;
        # like citeproc-js, a range or list of numbers ("2-3", "4, 6") is numeric too.
        results = []
        for variable in self.get("is-numeric").split():
            if variable == "locator":
                value = item.locator.identifier if item.has_locator else None
            else:
                name = variable.replace("-", "_")
                value = item.reference[name] if name in item.reference else None
            results.append(value is not None and bool(_NUMERIC.fullmatch(str(value).strip())))
        return results


class Else_If(If):  # noqa: N801 - the name citeproc-py gives <else-if>
    pass


class Group(model.Group):  # type: ignore[misc]
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        output = []
        called = rendered = False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            choose = isinstance(child, Choose)
            if not choose:
                called = called or child.calls_variable()
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                continue
            finally:
                if choose:
                    called = called or child.taken_calls_variable()
            if text is not None:
                output.append(text)
                rendered = rendered or (child.taken_calls_variable() if choose else child.calls_variable())
        if output and (not called or rendered):
            return self.join(output)
        raise model.VariableError


# citeproc-js's CSL.SKIP_WORDS (one-word entries): left in lower case by title case.
SKIP_WORDS = frozenset("""about above across afore after against al along alongside amid amidst among amongst anenst
    apropos apud around as aside astride at athwart atop barring before behind below beneath beside besides between
    beyond but by circa despite down during et except for forenenst from given in inside into lest like modulo near next
    notwithstanding of off on onto out over per plus pro qua sans since than through throughout thruout thru till to
    toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within without or yet so
    and nor a an the de d' von van c ca""".split())


class Text(model.Text):  # type: ignore[misc]
    def case(self, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") != "title" or language not in (None, "en"):
            return super().case(text, language)
        words = list(text.words())
        output = []
        previous = ":"  # the first word is capitalized
        for index, word in enumerate(words):
            lower = str(word).lower()
            last = index == len(words) - 1 and len(words) > 1
            if word.islower() and (lower not in SKIP_WORDS or previous in (":", ".", "?", "!") or last):
                word = word.capitalize_first()
            elif word.islower():
                word = word.soft_lower()
            previous = str(word)[-1:]
            output.append(word)
        return " ".join(output)

    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        variable = self.get("variable")
        if text and variable:
            _log(self, context, variable)
            if variable in _NUMBER_VARIABLES and _NUMBER_RANGE.fullmatch(str(text)):
                # citeproc-js joins a range of numbers with the style's range delimiter ("Nos. 2021–1232")
                first, last = _NUMBER_RANGE.fullmatch(str(text)).groups()  # type: ignore[union-attr]
                text = String(f"{first}{range_delimiter(self.get_root())}{last}")
        return text

    def _format_last_page(self, first: str, last: str) -> str:
        return format_last_page(first, last, self.get_root().get_option("page-range-format"))


def format_last_page(first: str, last: str, range_format: str | None) -> str:
    """The second page of ``first``–``last`` as ``range_format`` prints it (CSL Appendix V)."""
    first_match, last_match = _DIGITS.match(first), _DIGITS.match(last)
    if not first_match or not last_match or first_match["prefix"] != last_match["prefix"]:
        return last
    prefix, start, end = first_match["prefix"], first_match["number"], last_match["number"]
    if len(end) < len(start):  # "100-9" in the data means 100 to 109
        end = start[: len(start) - len(end)] + end
    if int(end) <= int(start) and len(end) == len(start) and end != start:
        return prefix + end  # not a range we understand; print what was given
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(start)
        if number < 100 or number % 100 == 0:
            range_format = "expanded"
        elif range_format == "chicago-15" and len(start) == 4 and _changed(start, end) >= 3:
            range_format = "expanded"
        elif number % 100 < 10:
            range_format = "minimal"
        else:
            range_format = "minimal-two"
    if range_format not in ("minimal", "minimal-two"):
        return prefix + end
    if len(end) != len(start):  # nothing in common to drop; the shortened forms omit the prefix
        return end
    changed = _changed(start, end)
    keep = max(changed, 2) if range_format == "minimal-two" else changed
    return end[len(end) - min(keep, len(end)):] if keep else end[-1:]


def _changed(start: str, end: str) -> int:
    """How many trailing digits differ between two numbers of the same length."""
    for index, (a, b) in enumerate(zip(start, end, strict=True)):
        if a != b:
            return len(start) - index
    return 0


class Style(CitationStylesStyle):  # type: ignore[misc]
    """``CitationStylesStyle`` parsed with the element classes above; no schema validation."""

    def __init__(self, path: str) -> None:  # mirrors CitationStylesXML.__init__
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = model.CitationStylesElement
        namespace.update({cls.__name__.replace("_", "-").lower(): cls
                          for cls in model.CitationStylesElement.__subclasses__()})
        namespace.update({"substitute": Substitute, "names": Names, "text": Text, "label": Label, "choose": Choose,
                          "group": Group, "if": If, "else-if": Else_If})
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(path, self.parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(self.root.get("default-locale", "en-US"), validate=False)

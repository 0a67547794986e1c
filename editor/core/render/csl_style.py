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
- :class:`Text` formats page ranges as the appendix says;
- :class:`Label` applies the style's ``text-case`` in its language (APA's "Eds.").
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.frontend import CitationStylesStyle
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


class Text(model.Text):  # type: ignore[misc]
    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        if text and self.get("variable"):
            _log(self, context, self.get("variable"))
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

    def __init__(self, path: str) -> None:  # noqa: D107 - mirrors CitationStylesXML.__init__
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = model.CitationStylesElement
        namespace.update({cls.__name__.replace("_", "-").lower(): cls
                          for cls in model.CitationStylesElement.__subclasses__()})
        namespace.update({"substitute": Substitute, "names": Names, "text": Text, "label": Label})
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(path, self.parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(self.root.get("default-locale", "en-US"), validate=False)

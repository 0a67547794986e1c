"""Pandoc-style citations for Python-Markdown: ``[@key]`` and ``[@a; @b; @c]``.

Shaped like Python-Markdown's ``footnotes`` extension:

* a config table (``display``, ``known``, ``placeholders``, ``id_prefix``);
* ``md.registerExtension(self)`` so ``md.reset()`` calls :meth:`CitationExtension.reset`,
  which clears the per-document numbering;
* an inline pattern, ``citation`` at priority **172**: after ``escape`` (180), so
  ``\\[@key]`` stays literal text, and before ``reference`` (170) and ``link`` (160),
  which would otherwise read ``[@key]`` as a reference link;
* a tree processor, ``citation`` at priority **16**: after ``inline`` (20), so every
  citation of the document exists, and before ``prettify`` (10). It walks the tree
  in document order, numbers sources by first citation (a re-cited source keeps its
  number), and replaces each citation with its final markup;
* ``makeExtension(**kwargs)``.

With ``placeholders=True`` (used by the incremental renderer) the tree processor
leaves a compact token instead of numbers, see :mod:`editor.core.render.citemarkup`;
numbering then happens across sections, after rendering.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Container

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from editor.core.render.citemarkup import DISPLAYS, citation_html, make_token

KEY = r"[A-Za-z0-9_](?:[\w:.#$%+?~/-]*\w)?"
CITATION_RE = rf"(?P<space>[ \t]*)\[(?P<keys>\s*@{KEY}(?:\s*;\s*@{KEY})*\s*)\]"
_KEY_IN_GROUP = re.compile(rf"@({KEY})")
_TAG = "pw-cite"


def parse_keys(group: str) -> list[str]:
    """``"@a; @b"`` → ``["a", "b"]``."""
    return _KEY_IN_GROUP.findall(group)


class CitationInlineProcessor(InlineProcessor):
    """Turns ``[@a; @b]`` into a temporary ``<pw-cite>`` element holding the keys."""

    def __init__(self, pattern: str, extension: CitationExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(  # type: ignore[override]  # InlineProcessor's signature; the stubs give Pattern's  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        element = etree.Element(_TAG)
        element.set("keys", ";".join(parse_keys(m.group("keys"))))
        element.set("space", "1" if m.group("space") else "")
        return element, m.start(0), m.end(0)


class CitationTreeprocessor(Treeprocessor):
    """Numbers citations in document order and swaps in their final markup."""

    def __init__(self, md: Markdown, extension: CitationExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        cites = list(root.iter(_TAG))
        if not cites:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        ext = self.extension
        for element in cites:
            keys = element.get("keys", "").split(";")
            had_space = bool(element.get("space"))
            if ext.getConfig("placeholders"):
                text = make_token(keys, had_space)
            else:
                numbers = {key: ext.number_for(key) for key in keys if ext.is_known(key)}
                markup = citation_html(
                    keys, numbers, ext.getConfig("display"), had_space, ext.getConfig("id_prefix")
                )
                text = self.md.htmlStash.store(markup)
            _replace_with_text(parents[element], element, text)


def _replace_with_text(parent: etree.Element, child: etree.Element, text: str) -> None:
    index = list(parent).index(child)
    joined = text + (child.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + joined
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + joined
    parent.remove(child)


def _every_key(key: str) -> bool:
    return True


class CitationExtension(Extension):
    """Numbered citations; see the module docstring for priorities and config."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "display": ["superscript", "'superscript' (AMA) or 'parentheses' - Default: superscript"],
            "known": [
                _every_key,
                "Keys with a reference: a container or a callable(key) -> bool; legacy "
                "'missing-N' keys are never known - Default: every key",
            ],
            "placeholders": [
                False,
                "Leave tokens for a later numbering pass instead of numbers - Default: False",
            ],
            "id_prefix": ["ref-", "Prefix of reference-list entry ids - Default: 'ref-'"],
        }
        super().__init__(**kwargs)
        if self.getConfig("display") not in DISPLAYS:
            raise ValueError(f"citation display must be one of {DISPLAYS}")
        self.order: list[str] = []
        self.numbers: dict[str, int] = {}
        self.reset()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.registerExtension(self)
        self.md = md
        md.inlinePatterns.register(CitationInlineProcessor(CITATION_RE, self), "citation", 172)
        md.treeprocessors.register(CitationTreeprocessor(md, self), "citation", 16)

    def reset(self) -> None:
        """Forget the previous document's numbering (called by ``md.reset()``)."""
        self.order = []
        self.numbers = {}

    def is_known(self, key: str) -> bool:
        known: Container[str] | Callable[[str], bool] = self.getConfig("known")
        if key.startswith("missing-"):
            return False
        if callable(known):
            return bool(known(key))
        return key in known

    def number_for(self, key: str) -> int:
        """The key's number, assigning the next one on its first citation."""
        if key not in self.numbers:
            self.order.append(key)
            self.numbers[key] = len(self.order)
        return self.numbers[key]


def makeExtension(**kwargs: object) -> CitationExtension:  # noqa: N802
    return CitationExtension(**kwargs)

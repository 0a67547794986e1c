"""The Markdown editor widget and its parts (highlighter, commands, find bar, completion, spelling, paste)."""

from __future__ import annotations

from editor.gui.writing.find_replace import FindReplaceBar
from editor.gui.writing.highlighter import MarkdownHighlighter
from editor.gui.writing.widget import MarkdownEditor

__all__ = ["FindReplaceBar", "MarkdownEditor", "MarkdownHighlighter"]

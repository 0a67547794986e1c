"""The Markdown editor widget and its parts (highlighter, commands, find bar, completion, spelling, paste)."""

from __future__ import annotations

from editor.gui.editor.find_replace import FindReplaceBar
from editor.gui.editor.highlighter import MarkdownHighlighter
from editor.gui.editor.widget import MarkdownEditor

__all__ = ["FindReplaceBar", "MarkdownEditor", "MarkdownHighlighter"]

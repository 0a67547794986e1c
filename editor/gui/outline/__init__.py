from editor.gui.outline.view import OutlineView

__all__ = ["OutlineView"]

"""Dialogs: export, version history, save conflicts, imports and references."""

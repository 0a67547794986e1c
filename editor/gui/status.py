"""The status bar: words, reading time and whether the post is saved (Edited, Saving…, Saved, Not saved)."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QStatusBar

WORDS_PER_MINUTE = 200  # a typical adult reading speed for patient-facing prose

_SAVE_STATES = {
    "saved": "Saved",
    "unsaved": "Edited",
    "saving": "Saving…",
    "conflict": "Not saved: changed elsewhere",
    "trashed": "Not saved: moved to the trash elsewhere",
    "error": "Not saved",  # the reason is in the status message; the app retries
}


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


class PostStatusBar(QStatusBar):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.words_label = QLabel(objectName="wordsLabel")
        self.reading_label = QLabel(objectName="readingTimeLabel")
        self.save_label = QLabel(objectName="saveStateLabel")
        for label in (self.words_label, self.reading_label, self.save_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.set_words(0)
        self.set_save_state("saved")

    def set_words(self, words: int) -> None:
        self.words_label.setText(f"{words:,} words")
        minutes = reading_minutes(words)
        self.reading_label.setText(f"{minutes} min read" if minutes else "")

    def set_save_state(self, state: str) -> None:
        self.save_label.setText(_SAVE_STATES.get(state, state))
        self.save_label.setProperty("saveState", state)
        warn = state in ("conflict", "trashed", "error")
        self.save_label.setStyleSheet("color: #c0392b; font-weight: 600;" if warn else "")

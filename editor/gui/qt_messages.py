"""Qt's own warnings into the log (``editor.core.foundation.logs``), and still on stderr."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _LEVELS.get(kind, logging.WARNING)
    category = context.category or "qt"
    log.log(level, "%s: %s", category, message)
    try:
        print(message, file=sys.stderr)  # what Qt's default handler would have printed
    except (OSError, ValueError, AttributeError):  # no stderr (a windowed app on Windows) or it is closed
        pass


def route_qt_messages_to_log() -> None:
    qInstallMessageHandler(_handle)

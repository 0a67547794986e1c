"""The desktop app's QSettings: one INI file in the user's configuration folder.

Qt's default on each platform differs (an INI file on Linux, the registry on Windows, a plist
on macOS) and lies outside the folders ``editor.core.foundation.paths`` names. When the app
starts, :func:`use_settings_file` makes every ``QSettings()`` read and write
``paths.settings_file()`` instead, the same in the bundle and in a development install, and
copies the settings an earlier version kept in Qt's native place the first time.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from editor.core.foundation import paths

log = logging.getLogger(__name__)


def use_settings_file(target: Path | None = None) -> Path:
    """Point default-constructed ``QSettings`` at ``target`` (default ``paths.settings_file()``).

    Qt places a default ``QSettings`` at ``<folder>/<organization>/<application>.ini``; the
    application's names (both "Postwright") must be set first, so the file lands exactly on
    ``target``, which is checked. Returns the file's path.
    """
    target = target or paths.settings_file()
    app = QCoreApplication.instance()
    organization = app.organizationName() if app is not None else ""
    application = app.applicationName() if app is not None else ""
    if target.stem != application or target.parent.name != organization:
        raise ValueError(f"the settings file {target} does not match the application's names "
                         f"({organization}/{application}); set them before the settings file")
    _import_native_settings(target)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(target.parent.parent))
    return target


def _import_native_settings(target: Path) -> None:
    """Copy settings from Qt's native place into a settings file that does not exist yet."""
    if target.exists():
        return
    native = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                       QCoreApplication.organizationName(), QCoreApplication.applicationName())
    if Path(native.fileName()) == target:
        return
    keys = native.allKeys()
    if not keys:
        return
    copy = QSettings(str(target), QSettings.Format.IniFormat)
    for key in keys:
        copy.setValue(key, native.value(key))
    copy.sync()
    if copy.status() == QSettings.Status.NoError:
        log.info("settings copied from %s to %s", native.fileName(), target)
    else:
        log.warning("could not copy the settings from %s to %s", native.fileName(), target)

"""Where things are: the bundled resources and the user's own folders.

The user's folders come from ``platformdirs``, so the installed bundle and a development
install (``pip install -e .``) use the same places on each platform:

========  ==========================================  ==================================
folder    Linux (XDG variables honoured)              Windows / macOS
========  ==========================================  ==================================
data      ``~/.local/share/Postwright`` (library)     ``%LOCALAPPDATA%\\Postwright`` /
                                                      ``~/Library/Application Support/Postwright``
config    ``~/.config/Postwright`` (Postwright.ini)   ``%LOCALAPPDATA%\\Postwright`` /
                                                      ``~/Library/Application Support/Postwright``
cache     ``~/.cache/Postwright``                     ``%LOCALAPPDATA%\\Postwright\\Cache`` /
                                                      ``~/Library/Caches/Postwright``
logs      ``~/.local/state/Postwright/log``           ``%LOCALAPPDATA%\\Postwright\\Logs`` /
                                                      ``~/Library/Logs/Postwright``
========  ==========================================  ==================================

Each is computed when asked, never at import, so a test (or a user) that sets the XDG
variables before starting gets its own folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

import editor

APP_NAME = "Postwright"
LIBRARY_ENV = "POSTWRIGHT_LIBRARY"
LIBRARY_FILE_NAME = "library.postwright"
SETTINGS_FILE_NAME = f"{APP_NAME}.ini"
LOG_FILE_NAME = "postwright.log"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder, in an installed copy or in a source checkout."""
    package = Path(editor.__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Postwright's resources folder is missing; reinstall Postwright.")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def _dirs() -> platformdirs.PlatformDirs:
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The user's data folder: the default library lives here."""
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    """The user's configuration folder: the app's settings file lives here."""
    return Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    """The user's cache folder: anything here can be deleted and is made again."""
    return Path(_dirs().user_cache_dir)


def log_dir() -> Path:
    """The user's log folder (``postwright.log`` and its rotated copies)."""
    return Path(_dirs().user_log_dir)


def settings_file() -> Path:
    """The desktop app's settings (window layout, appearance, last post): an INI file."""
    return config_dir() / SETTINGS_FILE_NAME


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def default_library_path(environ: os._Environ[str] | dict[str, str] | None = None) -> Path:
    """``$POSTWRIGHT_LIBRARY`` if set, else the library file in the user's data folder."""
    env = os.environ if environ is None else environ
    if env.get(LIBRARY_ENV):
        return Path(env[LIBRARY_ENV]).expanduser()
    return data_dir() / LIBRARY_FILE_NAME

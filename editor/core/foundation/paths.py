"""Where things are: the bundled resources and the default library file."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

import editor

LIBRARY_ENV = "POSTWRIGHT_LIBRARY"
LIBRARY_FILE_NAME = "library.postwright"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder, in an installed copy or in a source checkout."""
    package = Path(editor.__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Postwright's resources folder is missing; reinstall Postwright.")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_library_path(environ: os._Environ[str] | dict[str, str] | None = None) -> Path:
    """``$POSTWRIGHT_LIBRARY`` if set, else the library file in the user's data folder."""
    env = os.environ if environ is None else environ
    if env.get(LIBRARY_ENV):
        return Path(env[LIBRARY_ENV]).expanduser()
    return Path(platformdirs.user_data_dir("Postwright", appauthor=False)) / LIBRARY_FILE_NAME

"""Exceptions raised by the core, each carrying a message fit to show a person.

The GUI and the command line catch :class:`PostwrightError` and show ``str(error)``;
nothing below it should ever reach a user as a traceback.
"""

from __future__ import annotations


class PostwrightError(Exception):
    """Base class: ``str(error)`` is one clear sentence naming what and where."""


class LibraryError(PostwrightError):
    """The library file cannot be opened or written."""


class LibraryVersionError(LibraryError):
    """The library was written by a newer Postwright; it is left untouched."""


class CorruptLibraryError(LibraryError):
    """The file is not a Postwright library (not SQLite, or damaged)."""


class LibraryMissingError(LibraryError):
    """There is no library at the path given, and the caller did not ask for one to be created."""

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class LibraryLockedError(LibraryError):
    """Another process holds a write lock on the library for too long."""


class NotFoundError(PostwrightError):
    """A post, revision, author, reference or asset does not exist."""


class ConflictError(PostwrightError):
    """A save was refused because the stored post changed since it was loaded."""

    def __init__(self, message: str, *, stored: object = None, mine: object = None) -> None:
        super().__init__(message)
        self.stored = stored
        self.mine = mine


class PostTrashedError(ConflictError):
    """A save was refused because the post was moved to the trash elsewhere since it was loaded."""


class ValidationError(PostwrightError):
    """A value given by the user is not acceptable (a bad slug, status, date...)."""


class FrontMatterError(PostwrightError):
    """A Markdown file's YAML front matter cannot be read."""


class ReferenceImportError(PostwrightError):
    """A reference file (or one record in it) cannot be imported."""


class IdentifierError(PostwrightError):
    """A DOI, PMID, PMCID or URL is not recognised."""


class LookupFailed(PostwrightError):
    """An online metadata lookup failed (offline, timeout, HTTP error)."""


class LookupNotFound(LookupFailed):
    """The service answered that it has no record for the identifier (HTTP 404)."""


class LookupCancelled(LookupFailed):
    """The person cancelled an online lookup."""


class PostImportError(PostwrightError):
    """A post file (text, HTML, Word, Markdown) cannot be imported."""


class ImportCancelled(PostwrightError):
    """The person cancelled an import while its file was being read; nothing was imported."""


class PasteError(PostwrightError):
    """Pasted HTML cannot be converted (nested too deeply to read); paste it as plain text."""


class PostAlreadyImported(PostImportError):
    """The source was imported before: the caller decides whether to update that post."""

    def __init__(self, message: str, *, slug: str, title: str) -> None:
        super().__init__(message)
        self.slug = slug
        self.title = title


class ExportError(PostwrightError):
    """An export could not be written."""


class PublishError(PostwrightError):
    """A website could not be reached, understood or written (publishing, import, audit)."""


class SiteConnectionError(PublishError):
    """Testing or using a site's connection failed; ``problem`` names the kind of failure."""

    def __init__(self, message: str, *, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


class PublishConflictError(PublishError):
    """The post was edited on the site since it was last published from here."""

    def __init__(self, message: str, *, theirs: object = None, ours: object = None) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.ours = ours

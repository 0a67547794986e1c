"""Site passwords in the operating system's keyring: one entry per saved site, keyed by its id.

Each site's Application Password is stored under the service ``"Postwright site <uid>"``
(``uid``: the site's random, stable id) with the WordPress user name as the account, so
two sites with the same address and user never share an entry, and editing a site's
address keeps its password. Libraries from before sites had an id stored it under
``"Postwright: <address>"`` (see ``legacy_service``); ``SiteStore`` moves such an entry
the first time it is needed.

Only a real keyring is used. When ``keyring`` finds none it falls back to a backend that
refuses everything (``fail``) or forgets everything (``null``); keyrings.alt's file
backends (plaintext or base64 files) count only when the person chose them
(``PYTHON_KEYRING_BACKEND`` or keyring's own configuration file). Otherwise the answer
is one sentence saying how to get a keyring. Every keyring error becomes our sentence.
"""

from __future__ import annotations

import sys
from typing import Any

from editor.core.foundation.errors import PublishError

SERVICE_PREFIX = "Postwright site "


def service(uid: str) -> str:
    return SERVICE_PREFIX + uid


def legacy_service(url: str) -> str:
    """Where versions before site ids kept a site's password (one slot per address and user)."""
    return f"Postwright: {url}"


def no_keyring_sentence() -> str:
    if sys.platform == "darwin":
        where = "the macOS Keychain could not be reached; log in to your Mac account normally and try again."
    elif sys.platform.startswith("win"):
        where = "the Windows Credential Manager could not be reached; log in to Windows normally and try again."
    else:
        where = ("none is running here; install and unlock one (GNOME Keyring or KWallet; on Debian or Ubuntu: "
                 "sudo apt install gnome-keyring), then try again.")
    return f"Postwright keeps site passwords only in the system keyring, and {where}"


def _module() -> Any:
    """The ``keyring`` package, imported when a password is needed (the app starts without it)."""
    import keyring
    import keyring.errors

    return keyring


def _chosen_by_person(backend: Any) -> bool:
    """Whether the person configured this backend themselves (environment or keyring's config file)."""
    import keyring.core

    for configured in (keyring.core.load_env(), keyring.core.load_config()):
        if configured is not None and type(configured) is type(backend):
            return True
    return False


def _usable(backend: Any) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_usable(inner) for inner in backend.backends)
    if type(backend).__module__.startswith("keyrings.alt"):  # a file the person did not ask for
        return _chosen_by_person(backend)
    return True


def backend() -> Any:
    """The keyring backend to use, or PublishError saying how to get one."""
    keyring = _module()
    current = keyring.get_keyring()
    if not _usable(current):
        raise PublishError(no_keyring_sentence())
    return current


def _failure(error: Exception, doing: str) -> PublishError:
    keyring = _module()
    if isinstance(error, keyring.errors.KeyringLocked):
        return PublishError(f"The system keyring is locked, so Postwright could not {doing}; unlock it (open your "
                            "keyring or log in again) and try again.")
    if isinstance(error, keyring.errors.NoKeyringError | keyring.errors.InitError):
        return PublishError(no_keyring_sentence())
    return PublishError(f"The system keyring refused to let Postwright {doing} ({type(error).__name__}).")


def read(service_name: str, account: str, what: str) -> str | None:
    keyring = _module()
    store = backend()
    try:
        value = store.get_password(service_name, account)
    except keyring.errors.KeyringError as error:
        raise _failure(error, f"read the password for {what}") from None
    return str(value) if value else None


def write(service_name: str, account: str, password: str, what: str) -> None:
    keyring = _module()
    store = backend()
    try:
        store.set_password(service_name, account, password)
    except keyring.errors.KeyringError as error:
        raise _failure(error, f"store the password for {what}") from None


def delete(service_name: str, account: str, what: str) -> None:
    """Remove an entry; one that is not there is fine."""
    keyring = _module()
    store = backend()
    try:
        store.delete_password(service_name, account)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as error:
        raise _failure(error, f"remove the password for {what}") from None

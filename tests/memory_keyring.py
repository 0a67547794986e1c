"""A keyring backend that keeps passwords in a dict: the tests never read or write a real keyring.

It is a real ``keyring.backend.KeyringBackend`` (``keyring.set_keyring`` accepts it and the
app's checks see a working keyring), so what Postwright does with the keyring is tested
whole, without a desktop keyring daemon and without keyrings.alt's files.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]  # keyring declares it as a class property

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no password for {username} in {service}") from None

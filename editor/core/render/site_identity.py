"""The clinic's own frame around every article: name, phone, address, logo, colour, header, footer.

Kept in the library setting ``site_identity`` (one JSON object: ``as_setting()``, stored by
``lib.settings.store(identity)``); the canonical base URL
stays the ``site_base_url`` setting the exports already use. The phone, the address and
the header and footer text are the clinic's public contact details: the PHI check ignores
exactly those strings when a post repeats them. The primary colour is accepted only
as ``#rrggbb``, and the text colour on it is chosen for contrast (WCAG AA), so the
stylesheet it feeds cannot be anything but a colour. Settings → Site Identity and
``postwright-cli identity`` both write it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any, ClassVar
from urllib.parse import urlsplit

from editor.core.foundation.errors import ValidationError
from editor.core.foundation.storage import SettingsReader
from editor.core.render.site_settings import safe_base_url

SETTING = "site_identity"
MAX_TEXT = 1000
MAX_PHONE = 60
_PHONE = re.compile(r"^\+?[0-9()\-. /]+(?:\s*(?:ext\.?|x|extension)\s*\d{1,6})?$", re.I)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DARK_TEXT, LIGHT_TEXT = "#1f2933", "#ffffff"


@dataclass(frozen=True)
class SiteIdentity:
    SETTING: ClassVar[str] = SETTING

    clinic_name: str = ""
    phone: str = ""  # the clinic's public number, printed on handouts and in the page footer
    address: str = ""  # street, town: one line each
    logo_asset_id: int | None = None
    primary_colour: str = ""  # "#rrggbb" or "" for the stylesheet's own
    header_text: str = ""  # a tagline or the phone number, shown under the name
    footer_text: str = ""  # address, phone, hours: one line each
    default_author_id: int | None = None  # the author box for posts without an author

    @classmethod
    def from_settings(cls, settings: SettingsReader) -> SiteIdentity:
        """The stored identity; unusable values (a bad colour, a wrong type) read as unset."""
        raw = settings.get(SETTING, None)
        if not isinstance(raw, dict):
            return cls()
        colour = str(raw.get("primary_colour") or "")
        return cls(
            clinic_name=_text(raw.get("clinic_name"), 200),
            phone=_text(raw.get("phone"), MAX_PHONE),
            address=_text(raw.get("address"), MAX_TEXT),
            logo_asset_id=_int_or_none(raw.get("logo_asset_id")),
            primary_colour=colour if _COLOUR.match(colour) else "",
            header_text=_text(raw.get("header_text"), MAX_TEXT),
            footer_text=_text(raw.get("footer_text"), MAX_TEXT),
            default_author_id=_int_or_none(raw.get("default_author_id")),
        )

    def validated(self) -> SiteIdentity:
        colour = self.primary_colour.strip()
        if colour and not _COLOUR.match(colour):
            raise ValidationError(f"The primary colour {colour!r} is not a colour like #0b6e99.")
        for label, value, limit in (("clinic name", self.clinic_name, 200), ("phone number", self.phone, MAX_PHONE),
                                    ("address", self.address, MAX_TEXT), ("header text", self.header_text, MAX_TEXT),
                                    ("footer text", self.footer_text, MAX_TEXT)):
            if len(value.strip()) > limit:
                raise ValidationError(f"The {label} is longer than {limit} characters.")
        phone = " ".join(self.phone.split())
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3):
            raise ValidationError(f"The phone number {phone!r} is not a phone number (digits, spaces, + ( ) - . "
                                  "and an extension such as 'ext. 12').")
        return replace(self, primary_colour=colour.lower(), clinic_name=self.clinic_name.strip(), phone=phone,
                       address="\n".join(_lines(self.address)), header_text=self.header_text.strip(),
                       footer_text=self.footer_text.strip())

    def as_setting(self) -> dict[str, Any]:
        """The JSON value the library stores (validated first: a bad value raises ValidationError)."""
        return asdict(self.validated())

    @property
    def public_contact(self) -> str:
        """Text the clinic publishes about itself on every page (the PHI check ignores it)."""
        parts = (self.clinic_name, self.phone, self.address, self.header_text, self.footer_text)
        return "\n".join(part for part in parts if part)

    def css(self) -> str:
        """Custom properties for the stylesheet; empty when no colour is set."""
        if not self.primary_colour:
            return ""
        return (f":root {{ --brand: {self.primary_colour}; --brand-text: {text_colour_on(self.primary_colour)}; "
                f"--accent: {link_colour(self.primary_colour)}; }}")

    def lines(self, which: str) -> list[str]:
        """The non-empty lines of ``header``, ``footer`` or ``address``."""
        text = {"header": self.header_text, "footer": self.footer_text, "address": self.address}[which]
        return _lines(text)

    def missing_for_print(self) -> list[str]:
        """What a patient handout would lack: "clinic name", "phone number", "address"."""
        wanted = (("clinic name", self.clinic_name), ("phone number", self.phone), ("address", self.address))
        return [label for label, value in wanted if not value]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_base_url(value: str) -> str:
    """The canonical base URL as stored (no trailing slash), or "" to clear it; ValidationError if not one."""
    text = value.strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"{text!r} is not a web address; give the address of the clinic's blog, like "
                              "https://clinic.example/blog.")
    if parts.query or parts.fragment:
        raise ValidationError(f"{text!r} has a query or fragment (after ? or #); give the address the posts' "
                              "own addresses start with, like https://clinic.example/blog.")
    clean = safe_base_url(text)
    if not clean:
        raise ValidationError(f"{text!r} holds spaces or quotes; give a plain web address.")
    return clean


def _text(value: object, limit: int) -> str:
    return str(value or "").strip()[:limit]


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _luminance(colour: str) -> float:
    channels = []
    for index in (1, 3, 5):
        value = int(colour[index:index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background: str) -> str:
    """White or the page's dark text, whichever reads better; black when neither reaches 4.5:1."""
    best = max((LIGHT_TEXT, DARK_TEXT), key=lambda colour: contrast(background, colour))
    return best if contrast(background, best) >= 4.5 else "#000000"


def link_colour(brand: str) -> str:
    """The brand colour for links on white when it is readable there (4.5:1), else the default accent."""
    return brand if contrast(brand, "#ffffff") >= 4.5 else "#0b6e99"

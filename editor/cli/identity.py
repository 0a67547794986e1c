"""``identity``: the clinic's site identity from the command line, so a clinic can script its setup.

    postwright identity                                   # show it
    postwright identity --clinic-name "Riverside Family Clinic" --phone "(555) 201-3300" \\
        --address "12 Harbor Street" --address "Riverside, OR 97000" \\
        --colour "#0b6e99" --logo logo.png --base-url https://riverside.example/blog
    postwright identity --json                            # as JSON (also after a change)

The same settings as Settings → Site Identity, checked the same way (``SiteIdentity.validated``,
``check_base_url``, ``store_logo``), written in one transaction: a change that fails writes
nothing. An empty value clears a field (``--phone ""``); ``--no-logo`` removes the logo.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from editor.cli.output import emit
from editor.core.foundation.errors import NotFoundError
from editor.core.media.image_refs import store_logo
from editor.core.render.site_identity import SiteIdentity, check_base_url
from editor.core.render.site_settings import ExportSettings

BASE_URL_SETTING = "site_base_url"
_TEXT_OPTIONS = (("clinic_name", "--clinic-name", "the clinic's name, at the top of every page and handout"),
                 ("phone", "--phone", "the clinic's public phone number"),
                 ("header_text", "--header-text", "a line under the name (a tagline)"),
                 ("footer_text", "--footer-text", "more lines for the page footer (opening hours…)"))


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    description = ("Show or set the clinic's site identity: name, phone, address, colour, logo and the canonical "
                   "base URL of its posts. With no options it shows the identity; options change it.")
    parser = subparsers.add_parser("identity", parents=[common], help="Show or set the clinic's site identity.",
                                   description=description)
    parser.set_defaults(handler=cmd_identity)
    for field, flag, text in _TEXT_OPTIONS:
        parser.add_argument(flag, dest=field, metavar="TEXT", help=text + ' ("" clears it)')
    parser.add_argument("--address", action="append", metavar="LINE",
                        help='one line of the address; repeat for each line ("" clears it)')
    parser.add_argument("--colour", "--color", dest="colour", metavar="#RRGGBB",
                        help='the primary colour, like #0b6e99 ("" for the stylesheet\'s own)')
    logo = parser.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar="FILE",
                      help="a PNG, JPEG, WebP or GIF file (at most 2 MB), stored in the library")
    logo.add_argument("--no-logo", action="store_true", help="remove the logo")
    parser.add_argument("--base-url", metavar="URL",
                        help='where the posts live, like https://clinic.example/blog (canonical URLs, QR codes; '
                             '"" clears it)')
    parser.add_argument("--default-author", metavar="NAME",
                        help='the author box for posts without an author: an author\'s name ("" for none)')


def cmd_identity(args: argparse.Namespace, lib: Any) -> int:
    current = SiteIdentity.from_settings(lib.settings)
    changes = _changes(args, lib)
    base_url = check_base_url(args.base_url) if args.base_url is not None else None
    changed = bool(changes) or base_url is not None or args.logo is not None or args.no_logo
    if changed:
        with lib.transaction():  # the logo, the identity and the base URL together, or nothing
            if args.logo is not None:
                changes["logo_asset_id"] = store_logo(lib, args.logo.expanduser())
            elif args.no_logo:
                changes["logo_asset_id"] = None
            current = replace(current, **changes).validated()
            lib.settings.store(current)
            if base_url is not None:
                lib.settings.set(BASE_URL_SETTING, base_url)
    data = identity_data(lib, current)
    emit(args, data, ("Saved the site identity.\n" if changed else "") + describe(data))
    return 0


def _changes(args: argparse.Namespace, lib: Any) -> dict[str, Any]:
    changes: dict[str, Any] = {field: getattr(args, field) for field, _flag, _text in _TEXT_OPTIONS
                               if getattr(args, field) is not None}
    if args.address is not None:
        changes["address"] = "\n".join(line for line in args.address if line.strip())
    if args.colour is not None:
        changes["primary_colour"] = args.colour
    if args.default_author is not None:
        changes["default_author_id"] = _author_id(lib, args.default_author)
    return changes


def _author_id(lib: Any, name: str) -> int | None:
    if not name.strip():
        return None
    wanted = " ".join(name.split()).casefold()
    for author in lib.authors.list():
        if wanted in (author.name.casefold(), author.display_name.casefold()):
            return int(author.id)
    known = ", ".join(author.display_name for author in lib.authors.list()) or "none yet"
    raise NotFoundError(f"No author named {name!r} in the library (authors: {known}).")


def identity_data(lib: Any, identity: SiteIdentity) -> dict[str, Any]:
    data = asdict(identity)
    data["address"] = identity.lines("address")
    data["base_url"] = ExportSettings.from_settings(lib.settings).site_base_url
    data["logo"] = _logo(lib, identity.logo_asset_id)
    data["default_author"] = _author_name(lib, identity.default_author_id)
    data["handout_lacks"] = identity.missing_for_print() + ([] if data["base_url"] else ["base URL"])
    return data


def _logo(lib: Any, asset_id: int | None) -> dict[str, Any] | None:
    if asset_id is None:
        return None
    from editor.core.media.images import image_size

    try:
        data, mime = lib.assets.get(asset_id)
    except NotFoundError:
        return {"asset_id": asset_id, "missing": True}
    width, height = image_size(data)
    return {"asset_id": asset_id, "type": mime, "width": width, "height": height, "bytes": len(data)}


def _author_name(lib: Any, author_id: int | None) -> str:
    if author_id is None:
        return ""
    try:
        return str(lib.authors.get(author_id).display_name)
    except NotFoundError:
        return ""


def describe(data: dict[str, Any]) -> str:
    logo = data["logo"]
    if logo is None:
        logo_text = "none"
    elif logo.get("missing"):
        logo_text = f"image {logo['asset_id']} (missing from the library)"
    else:
        logo_text = f"image {logo['asset_id']} ({logo['type']}, {logo['width']} × {logo['height']} pixels)"
    rows = [("Clinic name", data["clinic_name"]), ("Phone", data["phone"]),
            ("Address", "\n".join(data["address"])), ("Primary colour", data["primary_colour"]),
            ("Logo", logo_text), ("Canonical base URL", data["base_url"]), ("Header text", data["header_text"]),
            ("Footer text", data["footer_text"]), ("Default author", data["default_author"])]
    width = max(len(label) for label, _value in rows) + 1
    lines = []
    for label, value in rows:
        first, *rest = (str(value) or "(not set)").splitlines() or ["(not set)"]
        lines.append(f"{label + ':':<{width}} {first}")
        lines.extend(f"{'':<{width}} {line}" for line in rest)
    if data["handout_lacks"]:
        lines.append(f"Handouts print without: {', '.join(data['handout_lacks'])}.")
    return "\n".join(lines)


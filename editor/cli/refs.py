"""Reference commands: ``refs import|add|list|show|edit|export``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from editor.cli.exit_codes import USAGE, status_for_items
from editor.cli.output import add_force_option, emit, table
from editor.core.foundation.atomic import atomic_write_text
from editor.core.foundation.errors import IdentifierError, ValidationError
from editor.core.library import Library
from editor.core.references.completeness import FIELD_LABELS, missing_fields
from editor.core.references.identifiers import parse_identifier
from editor.core.references.model import Reference
from editor.core.references.normalize import name_to_text
from editor.core.references.writers import WRITERS


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    refs = subparsers.add_parser("refs", parents=[common], help="Manage the reference library.",
                                 description="Manage the reference library shared by all posts.")
    commands = refs.add_subparsers(dest="refs_command", metavar="SUBCOMMAND", required=True)

    def add(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.set_defaults(handler=handler)
        return parser

    importing = add("import", cmd_import, "Import RIS, PubMed (.nbib), BibTeX or CSL-JSON files. Records that "
                    "cannot be read are listed on stderr; exit status 0 when every record came in, 2 when none "
                    "could be read, 1 when some were left out.")
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # accepted for old scripts

    adding = add("add", cmd_add, "Add references from DOIs, PMIDs, PMCIDs or article URLs.")
    adding.add_argument("identifiers", nargs="+", metavar="IDENTIFIER")
    adding.add_argument("--offline", action="store_true",
                        help="do not look up metadata online (the reference is marked incomplete)")

    accept = add("accept", cmd_accept, "Accept a suggested match (listed by 'import --online'): the work's details, "
                 "looked up by its DOI, replace the reference's.")
    accept.add_argument("key")
    accept.add_argument("doi")

    add("list", cmd_list, "List the references (JSON: CSL-JSON items, id = citekey).")

    show = add("show", cmd_show, "Show one reference.")
    show.add_argument("key")

    edit = add("edit", cmd_edit, "Change fields of a reference (id=NEWKEY renames it).")
    edit.add_argument("key")
    edit.add_argument("--set", dest="assignments", action="append", required=True, metavar="FIELD=VALUE",
                      help="CSL field to set (empty value removes it); repeatable")

    export = add("export", cmd_export, "Export the whole reference library.")
    export.add_argument("--format", required=True, choices=sorted(WRITERS), help="file format")
    export.add_argument("--out", type=Path, metavar="PATH", help="write to this file (default: stdout)")
    add_force_option(export)


def _describe(reference: Reference) -> str:
    csl = reference.csl
    first = name_to_text(csl["author"][0]).split(",")[0] if csl.get("author") else ""
    lead = " ".join(part for part in (first, str(reference.year or "")) if part)
    title = reference.title or "(no title yet)"
    return f"{lead}. {title}" if lead else title


def cmd_import(args: argparse.Namespace, lib: Library) -> int:
    report = lib.references.import_files(args.files)
    lines = [f"Added {len(report.added)}, merged {len(report.merged)} into existing references."]
    if report.added:
        lines.append("New keys: " + ", ".join(report.added))
    emit(args, {"added": report.added, "merged": report.merged, "errors": report.errors}, "\n".join(lines))
    for error in report.errors:
        print(f"postwright: skipped {error['file']}:{error['line']}: {error['message']}", file=sys.stderr)
    imported = len(report.added) + len(report.merged)
    return status_for_items(done=imported, problems=[USAGE] * len(report.errors))


def cmd_accept(args: argparse.Namespace, lib: Library) -> int:
    from editor.core.references.matching import accept_match

    reference = accept_match(lib, args.key, args.doi)
    emit(args, {**reference.csl, "id": reference.citekey},
         f"Accepted: {reference.citekey} is now {_describe(reference)}")
    return 0


def cmd_add(args: argparse.Namespace, lib: Library) -> int:
    for text in args.identifiers:
        if parse_identifier(text) is None:
            raise IdentifierError(f"'{text}' is not a DOI, PMID, PMCID or web address; nothing was added.")
    results, lines = [], []
    for text in args.identifiers:
        outcome = lib.references.add_identifier_with_status(text, offline=args.offline)
        reference = outcome.reference
        verb = "Merged into" if outcome.merged else "Added"
        line = f"{verb} {reference.citekey}: {_describe(reference)}"
        if reference.incomplete:
            why = "offline" if args.offline else f"lookup failed: {outcome.lookup_error}" \
                if outcome.lookup_error else "metadata lacks fields"
            missing = ", ".join(FIELD_LABELS.get(f, f) for f in missing_fields(reference.csl))
            line += f"\n  incomplete ({why}); missing {missing}. Run 'refs add' again online to complete it."
        lines.append(line)
        results.append({"identifier": text, "citekey": reference.citekey, "merged": outcome.merged,
                        "incomplete": reference.incomplete, "lookup_error": outcome.lookup_error,
                        "csl": reference.csl})
    emit(args, results, "\n".join(lines))
    return 0


def cmd_list(args: argparse.Namespace, lib: Library) -> int:
    references = lib.references.list()
    rows = [(r.citekey, str(r.year or ""), (name_to_text(r.csl["author"][0]).split(",")[0]
             if r.csl.get("author") else ""), r.title[:60], "incomplete" if r.incomplete else "")
            for r in references]
    text = table(rows, ("KEY", "YEAR", "FIRST AUTHOR", "TITLE", "")) or "The reference library is empty."
    emit(args, [r.csl for r in references], text)
    return 0


def cmd_show(args: argparse.Namespace, lib: Library) -> int:
    reference = lib.references.require(args.key)
    lines = [f"{reference.citekey}" + (f"  (cited as '{args.key}', an old key)" if args.key != reference.citekey
                                       else "")]
    for field, value in reference.csl.items():
        if field == "id":
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = "; ".join(name_to_text(n) for n in value)
        elif isinstance(value, dict):
            value = "-".join(str(p) for p in value.get("date-parts", [[]])[0]) or json.dumps(value)
        lines.append(f"  {field}: {value}")
    missing = missing_fields(reference.csl)
    if missing:
        lines.append("  incomplete: missing " + ", ".join(FIELD_LABELS.get(f, f) for f in missing))
    emit(args, reference.csl, "\n".join(lines))
    return 0


def cmd_edit(args: argparse.Namespace, lib: Library) -> int:
    fields: dict[str, str] = {}
    new_key = None
    for assignment in args.assignments:
        field, sep, value = assignment.partition("=")
        field = field.strip()
        if not sep or not field:
            raise ValidationError(f"'{assignment}' is not FIELD=VALUE (e.g. --set title=\"New title\").")
        if field in {"id", "citekey"}:
            new_key = value.strip()
        else:
            fields[field] = value.strip()
    key = args.key
    with lib.transaction():
        if new_key:
            key = lib.references.rename(key, new_key).citekey
        reference = lib.references.update(key, fields) if fields else lib.references.require(key)
    emit(args, reference.csl, f"Updated {reference.citekey}: {_describe(reference)}")
    return 0


def cmd_export(args: argparse.Namespace, lib: Library) -> int:
    text = lib.references.export(args.format)
    count = len(lib.references.list())
    if args.out:
        atomic_write_text(args.out, text)
        emit(args, {"path": str(args.out), "format": args.format, "count": count},
             f"Exported {count} references to {args.out}.")
    elif args.json:
        emit(args, {"format": args.format, "count": count, "text": text})
    else:
        print(text, end="")
    return 0

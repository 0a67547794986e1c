"""The checks against a real library file: references, authors, images, settings, dismissals."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from editor.core.checks import (
    CheckSession,
    CheckSettings,
    check_post,
    dismiss,
    dismissed,
    load_settings,
    save_settings,
    undismiss,
)
from editor.core.checks.store import image_metadata
from editor.core.foundation.errors import NotFoundError, ValidationError
from editor.core.library import Library
from editor.core.post.model import Author, Post

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2025, 6, 1)


def jpeg(exif: Image.Exif | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (4, 4), "red")
    image.save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


@pytest.fixture
def lib(tmp_path: Path):
    library = Library.open(tmp_path / "lib.postwright", seed=False)
    for item in json.loads((DATA / "glp1.csl.json").read_text(encoding="utf-8")):
        library.references.add(item)
    yield library
    library.close()


def make_post(lib: Library, body: str, **fields: object) -> Post:
    author = lib.authors.find_or_create("Jordan Ellis", credentials="PA-C")
    values = {"title": "Semaglutide: What Happens When You Stop", "author_id": author.id,
              "summary": "What the trials found about weight after stopping semaglutide, and how to plan ahead.",
              "last_reviewed": "2025-03-01", "body": body}
    values.update(fields)
    return lib.posts.create(Post(**values))


def test_resolves_keys_through_the_library(lib: Library) -> None:
    keys = [r.citekey for r in lib.references.list()]
    body = f"Weight fell 15 percent [@{keys[0]}]. Also [@not-in-library].\n"
    post = make_post(lib, body)
    found = check_post(lib, post, today=TODAY)
    unresolved = [f for f in found if f.code == "citation-unresolved"]
    assert [f.message.split()[1] for f in unresolved] == ["@not-in-library"]
    assert not [f for f in found if f.code == "uncited-claim"]


def test_author_from_library(lib: Library) -> None:
    post = make_post(lib, "Text.\n")
    assert not [f for f in check_post(lib, post, today=TODAY) if f.code == "author-credentials-missing"]
    nobody = lib.authors.save(Author(name="Sam Lee"))
    post = lib.posts.save(post.replace(author_id=nobody.id))
    found = [f for f in check_post(lib, post, today=TODAY) if f.code == "author-credentials-missing"]
    assert len(found) == 1 and "Sam Lee" in found[0].message


def test_dismissed_findings_are_hidden_and_survive_edits_elsewhere(lib: Library) -> None:
    post = make_post(lib, "Intro.\n\n## Costs\n\nA month costs $1,300.\n")
    claim = next(f for f in check_post(lib, post, today=TODAY) if f.code == "uncited-claim")
    dismiss(lib, post.id, claim.fingerprint)
    dismiss(lib, post.id, claim.fingerprint)  # twice is harmless
    assert dismissed(lib, post.id) == {claim.fingerprint}
    new_body = "A new intro.\n\nTwo paragraphs now.\n\n## Costs\n\nA month costs $1,300.\n"
    post = lib.posts.save(post.replace(body=new_body))
    assert not [f for f in check_post(lib, post, today=TODAY) if f.code == "uncited-claim"]
    shown = check_post(lib, post, today=TODAY, include_dismissed=True)
    assert [f.line for f in shown if f.code == "uncited-claim"] == [7]
    assert undismiss(lib, post.id, claim.fingerprint) is True
    assert undismiss(lib, post.id, claim.fingerprint) is False
    assert [f.code for f in check_post(lib, post, today=TODAY)].count("uncited-claim") == 1


def test_dismiss_needs_a_post_and_a_fingerprint(lib: Library) -> None:
    with pytest.raises(NotFoundError):
        dismiss(lib, 9999, "abc")
    post = make_post(lib, "Text.\n")
    with pytest.raises(ValidationError):
        dismiss(lib, post.id, "  ")


def test_settings_round_trip_through_the_library(lib: Library) -> None:
    assert load_settings(lib) == CheckSettings()
    custom = CheckSettings(off=frozenset({"review-overdue"}), reading_level_target=6.0)
    save_settings(lib, custom)
    assert load_settings(lib) == custom
    post = make_post(lib, "Text.\n", last_reviewed=None)
    assert not [f for f in check_post(lib, post, today=TODAY) if f.code == "review-overdue"]
    lib.settings.set("checks", {"severity": {"long-sentence": "loud"}})
    with pytest.raises(ValidationError, match="long-sentence"):
        load_settings(lib)


def test_image_exif_and_gps_from_assets(lib: Library) -> None:
    gps = Image.Exif()
    gps[0x010F] = "Canon"
    gps[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0)}
    camera = Image.Exif()
    camera[0x0110] = "Pixel 8"
    ids = [lib.assets.add(jpeg(gps), "image/jpeg"), lib.assets.add(jpeg(camera), "image/jpeg"),
           lib.assets.add(jpeg(), "image/jpeg")]
    body = "".join(f"![Photo {i}](asset:{asset})\n\n" for i, asset in enumerate(ids)) + "![Gone](asset:999)\n"
    post = make_post(lib, body)
    found = [f for f in check_post(lib, post, today=TODAY) if f.code == "phi-suspected"]
    assert [f.line for f in found] == [1, 3]
    assert "GPS" in found[0].message and "Model" in found[1].message
    session = CheckSession()
    first = check_post(lib, post, today=TODAY, session=session)
    assert set(session.image_cache) == set(ids)
    assert check_post(lib, post, today=TODAY, session=session) == first


def test_image_metadata_of_bad_bytes() -> None:
    assert image_metadata(b"not an image") == (False, False, ())


def test_session_with_library(lib: Library) -> None:
    post = make_post(lib, "Intro 15 percent.\n\n## A\n\nText.\n\n## B\n\nMore.\n")
    session = CheckSession()
    check_post(lib, post, today=TODAY, session=session)
    post = lib.posts.save(post.replace(body=post.body.replace("More.", "More text.")))
    check_post(lib, post, today=TODAY, session=session)
    assert (session.last_computed, session.last_reused) == (1, 2)

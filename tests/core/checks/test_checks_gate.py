"""The publish gate against a real library file: errors block, reasons let through, history keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.checks import dismiss, dismissals, gate_post, require_clear
from editor.core.checks.dismissals import describe
from editor.core.checks.gate import PublishBlockedError
from editor.core.foundation.errors import ValidationError
from editor.core.library import Library
from editor.core.post.model import Post

SUMMARY = "What the trials found about weight after stopping semaglutide, and how to plan ahead."


@pytest.fixture
def lib(tmp_path: Path):
    with Library.open(tmp_path / "lib.postwright", seed=False) as library:
        author = library.authors.find_or_create("Jordan Ellis", credentials="PA-C")
        common = {"summary": SUMMARY, "author_id": author.id, "last_reviewed": "2099-01-01"}
        library.posts.create(Post(title="Phone post", slug="phone", body="Intro.\n\n## Risks\n\nCall 555-123-4567.\n",
                                  **common))
        library.posts.create(Post(title="Warned post", slug="warned", body="It is a miracle.\n", **common))
        library.posts.create(Post(title="Cited post", slug="cited", body="Walk daily [@nobody2020].\n", **common))
        library.settings.set("user_name", "Jordan Ellis")
        yield library


def test_an_error_blocks_and_the_message_lists_it(lib: Library) -> None:
    post = lib.posts.get("phone")
    result = gate_post(lib, post)
    assert result.blocked and result.slug == "phone"
    assert [f.code for f in result.errors] == ["phi-suspected"]
    with pytest.raises(PublishBlockedError) as raised:
        require_clear(lib, post)
    assert raised.value.result == result
    message = str(raised.value)
    assert "phi-suspected" in message and "[Risks]" in message and "555-123-4567" in message


def test_warnings_are_reported_and_never_block(lib: Library) -> None:
    lib.settings.set("checks", {"severity": {"promotional-language": "warning"}})  # this clinic lowered it
    result = require_clear(lib, lib.posts.get("warned"))
    assert not result.blocked
    assert [f.code for f in result.warnings] == ["promotional-language"]


@pytest.mark.parametrize(("body", "code"), [
    ("Nearly half of patients stop within a year.", "uncited-claim"),
    ("Medicare covers the shot for adults over 65.", "uncited-regulatory-claim"),
    ("Your first visit is free.", "promotional-language"),
    ("Her SSN ends in 4821.", "phi-suspected"),
])
def test_claims_a_medical_editor_must_sign_off_block_until_cited_or_dismissed_with_a_reason(
        lib: Library, body: str, code: str) -> None:
    post = lib.posts.create(Post(title="A claim", slug=f"claim-{code}", body=f"## Claim\n\n{body}\n",
                                 summary=SUMMARY, last_reviewed="2099-01-01"))
    blocked = gate_post(lib, post)
    assert [f.code for f in blocked.errors] == [code]
    dismiss(lib, post.id, blocked.errors[0].fingerprint, reason="the editor checked this with the clinic",
            finding=blocked.errors[0])
    result = require_clear(lib, post)
    assert [f.code for f in result.dismissed] == [code]


def test_a_phi_dismissal_needs_a_typed_reason(lib: Library) -> None:
    post = lib.posts.get("phone")
    finding = gate_post(lib, post).errors[0]
    for weak in ("", "ok", "fine fine"):
        with pytest.raises(ValidationError, match="typed in words"):
            dismiss(lib, post.id, finding.fingerprint, reason=weak, finding=finding)
    assert dismissals(lib, post.id) == []
    dismiss(lib, post.id, finding.fingerprint, reason="This is the clinic's public front-desk number.",
            finding=finding)
    result = require_clear(lib, post)
    assert result.errors == () and result.dismissed == (finding,)
    [record] = dismissals(lib, post.id)
    assert (record.reason, record.dismissed_by, record.code, record.severity) == (
        "This is the clinic's public front-desk number.", "Jordan Ellis", "phi-suspected", "error")
    assert record.created_at.endswith("+00:00")
    assert describe(record).startswith("Jordan Ellis dismissed error phi-suspected: “This is the clinic's")


def test_a_dismissal_without_reason_hides_but_does_not_let_an_error_through(lib: Library) -> None:
    post = lib.posts.get("cited")
    finding = gate_post(lib, post).errors[0]
    dismiss(lib, post.id, finding.fingerprint)  # the old "fine here" click
    assert gate_post(lib, post).blocked


def test_strict_gate_ignores_dismissals(lib: Library) -> None:
    post = lib.posts.get("phone")
    finding = gate_post(lib, post).errors[0]
    dismiss(lib, post.id, finding.fingerprint, reason="The clinic's own public phone line.", finding=finding)
    assert not gate_post(lib, post).blocked
    assert gate_post(lib, post, allow_dismissed=False).errors == (finding,)


def test_unresolved_citations_cannot_be_dismissed(lib: Library) -> None:
    post = lib.posts.get("cited")
    finding = gate_post(lib, post).errors[0]
    assert finding.code == "citation-unresolved"
    dismiss(lib, post.id, finding.fingerprint, reason="I will add it later on", finding=finding)
    assert gate_post(lib, post).errors == (finding,)


def test_dismissing_again_replaces_the_reason(lib: Library) -> None:
    post = lib.posts.get("warned")
    finding = gate_post(lib, post).errors[0]
    dismiss(lib, post.id, finding.fingerprint, reason="first", finding=finding)
    dismiss(lib, post.id, finding.fingerprint, reason="second thought", by="Sam", finding=finding)
    [record] = dismissals(lib, post.id)
    assert (record.reason, record.dismissed_by, record.code) == ("second thought", "Sam", "promotional-language")
    assert gate_post(lib, post).errors == ()

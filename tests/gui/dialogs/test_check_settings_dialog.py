"""Settings → Writing Checks lowers a claim family to a warning for this clinic, and back."""

from __future__ import annotations

from editor.core.checks import gate_post
from editor.core.post.model import Post
from editor.gui.dialogs.check_settings_dialog import CheckSettingsDialog


def test_unticking_a_family_lowers_it_and_ticking_restores_it(qtbot, library) -> None:
    lib = library
    post = lib.posts.create(Post(title="Offer", body="## Visit\n\nYour first visit is free.\n"))
    assert [f.code for f in gate_post(lib, post).errors] == ["promotional-language"]
    dialog = CheckSettingsDialog(lib)
    qtbot.addWidget(dialog)
    assert all(box.isChecked() for box in dialog.boxes.values())
    dialog.boxes["promotional-language"].setChecked(False)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert lib.settings.get("checks", None) == {"severity": {"promotional-language": "warning"}}
    result = gate_post(lib, post)
    assert not result.blocked and [f.code for f in result.warnings if f.code == "promotional-language"]

    again = CheckSettingsDialog(lib)
    qtbot.addWidget(again)
    assert not again.boxes["promotional-language"].isChecked() and again.boxes["phi-suspected"].isChecked()
    again.boxes["promotional-language"].setChecked(True)
    again.save()
    assert lib.settings.get("checks", None) == {}
    assert gate_post(lib, post).blocked

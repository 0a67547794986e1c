"""The problems panel with real findings from the checks on a real library post."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from editor.core.checks import check_post, dismissed
from editor.core.checks.finding import Finding
from editor.gui.panels.problems_panel import ProblemsPanel, summary_text


@pytest.fixture
def post(sample_library):
    post = sample_library.posts.get("glp1-what-to-know")
    body = post.body + "\n## Dosing\n\nThis drug cures obesity for everyone [@nobody2020].\n"
    return sample_library.posts.save(post.replace(body=body))


@pytest.fixture
def findings(sample_library, post) -> list[Finding]:
    found = check_post(sample_library, post)
    assert any(f.line is not None for f in found)
    return found


@pytest.fixture
def panel(qtbot, sample_library, hub, post) -> ProblemsPanel:
    widget = ProblemsPanel(sample_library, hub)
    hub.findingsChanged.connect(widget.set_findings)  # as editor.gui.wiring connects it in the app
    hub.postOpened.connect(widget.on_post_changed)
    hub.postSaved.connect(widget.on_post_changed)
    qtbot.addWidget(widget)
    widget.resize(800, 240)
    widget.show()
    hub.postOpened.emit(post)
    return widget


def test_empty_state_says_no_problems(panel):
    assert panel.objectName() == "problemsView"
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "No problems found"


def test_shows_findings_with_counts_by_severity(panel, hub, findings):
    hub.findingsChanged.emit(findings)
    assert panel.model.rowCount() == len(findings)
    assert panel.stack.currentWidget() is panel.view
    assert panel.summary_label.text() == summary_text(findings)
    first = panel.model.finding_at(0)
    assert first.severity == "error"  # errors are listed first
    assert [f.severity for f in panel.model.findings()] == sorted(
        (f.severity for f in findings), key=["error", "warning", "info"].index)
    row = [panel.model.index(0, c).data() for c in range(5)]
    assert row[1] == first.code and row[2] == first.message
    assert row[4] == ("" if first.line is None else str(first.line))
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None


def test_summary_text_counts():
    def make(severity: str) -> Finding:
        return Finding("x", severity, "m", 1, 1, "", severity)
    assert summary_text([make("error"), make("error"), make("warning"), make("info")]) == \
        "2 errors · 1 warning · 1 note"
    assert summary_text([]) == "No problems found"


def test_double_click_jumps_to_the_line(qtbot, panel, hub, findings):
    hub.findingsChanged.emit(findings)
    shown = panel.model.findings()
    row = next(i for i, f in enumerate(shown) if f.line is not None)
    rect = panel.view.visualRect(panel.model.index(row, 2))
    jumps: list[tuple[int, int]] = []
    hub.jumpToPosition.connect(lambda line, column: jumps.append((line, column)))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert jumps == []  # a single click only selects
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert jumps == [(shown[row].line, shown[row].column or 1)]


def test_dismiss_remembers_hides_and_asks_for_a_recheck(qtbot, panel, hub, findings, sample_library, post,
                                                        monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from editor.core.checks import dismissals

    typed = iter([("ok", True), ("This is a made-up teaching case.", True)])
    asked: list[str] = []

    def get_text(_parent, _title, label, *args):
        asked.append(label)
        return next(typed)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    hub.findingsChanged.emit(findings)
    shown = panel.model.findings()
    target = next(f for f in shown if f.line is not None)
    row = shown.index(target)
    panel._context_menu(panel.view.visualRect(panel.model.index(row, 2)).center())
    menu = panel.findChild(QMenu)
    action = next(a for a in menu.actions() if a.text() == "Dismiss with a Reason…")
    with qtbot.waitSignal(hub.recheckRequested):
        action.trigger()
    assert target.fingerprint in dismissed(sample_library, post.id)
    [record] = [r for r in dismissals(sample_library, post.id) if r.fingerprint == target.fingerprint]
    if target.code.startswith("phi-"):  # a one-word reason is asked again
        assert len(asked) == 2 and "typed in words" in asked[1]
        assert record.reason == "This is a made-up teaching case."
    else:
        assert record.reason == "ok"
    assert record.code == target.code and record.dismissed_by
    assert target not in panel.model.findings()
    assert target.fingerprint not in {f.fingerprint for f in check_post(sample_library, post)}


def test_a_new_post_clears_the_old_findings(panel, hub, findings, sample_library):
    hub.findingsChanged.emit(findings)
    hub.postOpened.emit(sample_library.posts.get("sleep-and-weight"))
    assert panel.model.rowCount() == 0


def test_columns_fit_what_the_findings_show(panel, hub, findings):
    """Severity, code and line are sized from the findings' texts (no re-measuring of rows)."""
    many = [dataclasses.replace(f, line=f.line + 10_000 * i) if f.line is not None else f
            for i in range(1, 40) for f in findings]
    hub.findingsChanged.emit(many)
    view, header = panel.view, panel.view.header()
    metrics = view.fontMetrics()
    longest_code = max((f.code for f in many), key=metrics.horizontalAdvance)
    assert header.sectionSize(1) > metrics.horizontalAdvance(longest_code)
    assert header.sectionSize(4) > metrics.horizontalAdvance(str(max(f.line or 0 for f in many)))
    assert header.sectionSize(0) > metrics.horizontalAdvance("Warning")
    narrow = header.sectionSize(4)
    hub.findingsChanged.emit(findings)
    assert header.sectionSize(4) < narrow  # short line numbers: the column shrinks back


def test_a_long_message_is_read_whole_in_its_tooltip_and_the_details_pane(qtbot, panel, hub, findings):
    """The Message column cuts a long message to "…"; the tooltip and the details pane never do."""
    from PySide6.QtGui import QTextDocument

    hub.findingsChanged.emit(findings)
    longest = max(range(panel.model.rowCount()), key=lambda row: len(panel.model.finding_at(row).message))
    finding = panel.model.finding_at(longest)
    column = panel.view.header().sectionSize(2)
    assert panel.view.fontMetrics().horizontalAdvance(finding.message) > column  # it really is cut in the list
    tip = QTextDocument()
    tip.setHtml(panel.model.index(longest, 2).data(Qt.ItemDataRole.ToolTipRole))
    assert tip.toPlainText() == finding.message

    assert panel.details.toPlainText() == ""  # nothing chosen yet: the placeholder asks for a choice
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(longest, 0))
    from editor.gui.panels.finding_details import split_advice

    text = panel.details.toPlainText()
    what, advice = split_advice(finding.message)
    assert what in text and advice in text and f"{what} {advice}".strip() == finding.message  # all of it
    assert finding.code in text and "Where:" in text
    if finding.line is not None:
        assert f"line {finding.line}" in text

    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)  # the keyboard reaches the details
    assert panel.details.hasFocus()
    assert panel.details.accessibleName() == "Problem details"


def test_the_details_keep_to_the_same_finding_when_the_checks_run_again(panel, hub, findings):
    hub.findingsChanged.emit(findings)
    chosen = panel.model.finding_at(panel.model.rowCount() - 1)
    panel.view.setCurrentIndex(panel.model.index(panel.model.rowCount() - 1, 0))
    hub.findingsChanged.emit(list(reversed(findings)))  # a later run, findings in another order
    assert panel.details.finding == chosen
    assert panel.model.finding_at(panel.view.currentIndex().row()) == chosen
    hub.findingsChanged.emit([f for f in findings if f.fingerprint != chosen.fingerprint])  # fixed
    assert panel.details.finding is None and panel.details.toPlainText() == ""


@pytest.mark.parametrize(("message", "what", "advice"), [
    ("The post has no author. Readers judge health advice by who gives it: set the author, with credentials "
     "(e.g. “Jordan Ellis, PA-C”).", "The post has no author.",
     "Readers judge health advice by who gives it: set the author, with credentials (e.g. “Jordan Ellis, PA-C”)."),
    ("“Call Ann Lee at 555-123-4567 now.” looks like a phone number. Remove it.",
     "“Call Ann Lee at 555-123-4567 now.” looks like a phone number.", "Remove it."),
    ("The U.S. Food and Drug Administration says so. Cite it.", "The U.S. Food and Drug Administration says so.",
     "Cite it."),
    ("This sentence has 39 words (more than 25). Split it.", "This sentence has 39 words (more than 25).",
     "Split it."),
    ("A single sentence with 2.5 mg in it", "A single sentence with 2.5 mg in it", ""),
])
def test_the_message_splits_into_what_is_wrong_and_what_to_do(message, what, advice):
    from editor.gui.panels.finding_details import split_advice

    assert split_advice(message) == (what, advice)

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QPlainTextEdit

from editor.core.post.sections import split_sections, word_count
from editor.gui import section_commands
from editor.gui.outline import OutlineView

BODY = "Intro words here.\n\n## First\n\none two three\n\n### Sub\n\nfour five\n\n## Second\n\nsix\n"


def show(view: OutlineView, body: str, problems: Counter | None = None) -> None:
    sections = split_sections(body)
    view.set_sections(sections, tuple(word_count(s.text(body)) for s in sections), problems)


def test_tree_counts_and_problem_markers(qtbot):
    view = OutlineView()
    qtbot.addWidget(view)
    show(view, BODY, Counter({"Sub": 2}))
    model = view.model()
    intro, first, second = model.index(0, 0), model.index(1, 0), model.index(2, 0)
    assert (intro.data(), first.data(), second.data()) == ("Introduction", "First", "Second")
    assert model.index(0, 1).data() == "3"
    assert model.index(1, 1).data() == "7"  # "First" (5 words) with its subsection "Sub" (2 more)
    sub = model.index(0, 0, first)
    assert sub.data() == "Sub" and model.index(0, 2, first).data() == "2"
    assert model.index(2, 2).data() == ""


def test_the_introduction_is_the_first_row_and_stays_put(qtbot):
    view = OutlineView()
    qtbot.addWidget(view)
    show(view, BODY, Counter({"": 1}))
    intro = view.model().itemFromIndex(view.model().index(0, 0))
    assert intro.text() == "Introduction" and not intro.isEditable() and not intro.isDragEnabled()
    assert view.model().index(0, 2).data() == "1"
    with qtbot.waitSignal(view.sectionActivated) as activated:
        view.clicked.emit(view.model().index(0, 0))
    assert activated.args == [0]
    show(view, BODY.replace("Intro words here.\n\n", ""))
    assert view.model().index(0, 0).data() == "First"  # no text before the first heading: no row


def test_same_structure_updates_in_place_and_keeps_the_selection(qtbot):
    view = OutlineView()
    qtbot.addWidget(view)
    show(view, BODY)
    view.setCurrentIndex(view.model().index(2, 0))
    show(view, BODY.replace("six", "six seven eight"))
    assert view.currentIndex().data() == "Second"
    assert view.model().index(2, 1).data() == "4"


def test_a_heading_too_deep_for_the_outline_shifts_the_rows_section_numbers(qtbot):
    """A "####" heading is a section with no row: typing one keeps the rows, whose sections move on by one."""
    view = OutlineView()
    qtbot.addWidget(view)
    show(view, BODY)
    deeper = BODY.replace("## Second", "#### Aside\n\nseven eight\n\n## Second")
    show(view, deeper)  # raised KeyError: rows were kept by section number
    sections = split_sections(deeper)
    second = [s.title for s in sections].index("Second")
    model = view.model()
    assert model.index(2, 0).data() == "Second"
    assert model.index(1, 1).data() == "10"  # "First" (7 with "Sub") and the "####" aside under it (3)
    with qtbot.waitSignal(view.sectionActivated) as activated:
        view.clicked.emit(model.index(2, 0))
    assert activated.args == [second]
    view.select_section(second - 1)  # in the aside: its "##"/"###" owner is shown instead
    assert view.currentIndex().data() == "Sub"


def test_click_navigates_and_rename_requests_an_edit(qtbot):
    view = OutlineView()
    qtbot.addWidget(view)
    show(view, BODY)
    with qtbot.waitSignal(view.sectionActivated) as activated:
        view.clicked.emit(view.model().index(2, 0))
    assert activated.args == [3]  # intro, First, Sub, Second
    with qtbot.waitSignal(view.renameRequested) as renamed:
        view.model().itemFromIndex(view.model().index(1, 0)).setText("Renamed")
    assert renamed.args == [1, "Renamed"]


def test_section_commands_are_single_undo_steps(qtbot):
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(BODY)
    section_commands.rename_section(editor, 1, "Renamed")
    section_commands.add_section_after(editor, 1)
    assert [s.title for s in split_sections(editor.toPlainText())][1:] == ["Renamed", "Sub", "New section", "Second"]
    assert editor.textCursor().selectedText() == "New section"
    section_commands.delete_section(editor, 1)
    assert [s.title for s in split_sections(editor.toPlainText())][1:] == ["New section", "Second"]
    for _ in range(3):
        editor.undo()
    assert editor.toPlainText() == BODY


def test_count_columns_fit_their_widest_number_without_a_change_per_row(qtbot):
    body = "".join(f"## Part {i}\n\n{'word ' * (i * 40)}\n\n" for i in range(1, 200))
    view = OutlineView()
    qtbot.addWidget(view)
    show(view, body)
    model = view.model()
    changes: list[object] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    sections = split_sections(body)
    show(view, body, Counter({s.title: 12345 for s in sections}))
    assert model.index(5, 2).data() == "12345"
    assert len(changes) == 1  # all 199 rows have one parent: one announcement
    widest = view.fontMetrics().horizontalAdvance("12345")
    assert view.header().sectionSize(2) > widest
    assert view.header().sectionSize(1) > view.fontMetrics().horizontalAdvance(str(199 * 40))
    show(view, body)
    assert model.index(5, 2).data() == ""
    assert view.header().sectionSize(2) < widest + view.fontMetrics().horizontalAdvance("⚠")  # shrinks back

"""Help → User guide: the guide in each language from the package's data, its contents, its search,
the language switch, and F1 in a dialog opening the dialog's own section."""

from __future__ import annotations

import glob
import importlib
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database
from secretariat_app.core.i18n import set_language, tr
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.context_help import HELP_SECTIONS, ContextHelp, section_for
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.editor.window import DecisionEditor
from secretariat_app.ui.guide import GUIDE_LANGUAGES, guide_file, guide_html, outline
from secretariat_app.ui.help_browser import PICTURE_WIDTH, HelpWindow
from secretariat_app.ui.main_window import MainWindow, switch_language
from secretariat_app.ui.pages import PAGES
from secretariat_app.ui.views.forums_view import ForumEditor
from secretariat_app.ui.welcome import WelcomeDialog
from tests.ui_helpers import answer_message_boxes, make_context, type_text

__all__ = ["answer_message_boxes"]

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    "year",
    "forums",
    "decisions",
    "executors",
    "progress",
    "overdue",
    "reminders",
    "resolutions",
    "exchange",
    "reports",
    "backup",
    "server",
    "shortcuts",
]


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def help_window(qtbot: QtBot, lang: str) -> HelpWindow:
    set_language(lang)
    browser = HelpWindow()
    qtbot.addWidget(browser)
    browser.resize(1000, 700)
    browser.show()
    qtbot.waitExposed(browser)
    return browser


def heading_is_shown(browser: HelpWindow, title: str) -> bool:
    """Whether the section's heading is within the part of the page on screen."""
    view = browser.browser
    cursor = view.document().find(title)
    while not cursor.isNull() and cursor.blockFormat().headingLevel() != 2:  # the title is quoted, too
        cursor = view.document().find(title, cursor)
    assert not cursor.isNull(), title
    return view.viewport().rect().intersects(view.cursorRect(cursor))


# --- the files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_the_guide_is_read_from_the_package_with_every_picture_it_shows(lang: str) -> None:
    folder = files("secretariat_app") / "resources" / "guide" / lang
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page == guide_html(lang)
    pictures = outline(page).images
    assert len(pictures) >= 5
    for name in pictures:
        data = guide_file(lang, name)
        assert data is not None, f"{lang}: {name} is missing"
        assert data.startswith(b"\x89PNG") and len(data) <= 150_000, name
    assert guide_file(lang, "../ru/index.html") is None  # nothing outside the language's folder


def test_the_package_data_takes_in_every_file_of_the_guide() -> None:
    """What setuptools puts in the wheel: every guide file matches a package-data pattern."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["secretariat_app"]
    package = ROOT / "secretariat_app"
    shipped = {
        Path(name) for pattern in patterns for name in glob.glob(pattern, root_dir=package, recursive=True)
    }
    guide = [p.relative_to(package) for p in (package / "resources" / "guide").rglob("*") if p.is_file()]
    assert guide and all(path in shipped for path in guide)


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_language_has_the_same_sections_in_the_same_order(lang: str) -> None:
    assert [section.anchor for section in outline(guide_html(lang)).sections] == SECTIONS


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_kazakh_and_russian_guides_are_written_in_their_own_language(lang: str) -> None:
    text = guide_html(lang)
    kazakh_letters = set("әғқңөұүі")  # һ is rare outside loanwords
    found = kazakh_letters & set(text.lower())
    assert found == (kazakh_letters if lang == "kk" else set())


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_the_guide_names_pages_and_menu_items_as_the_window_shows_them(lang: str) -> None:
    text = guide_html(lang).replace("&amp;", "&")
    for spec in PAGES:
        assert tr(spec.title, lang) in text, spec.title
    for name in ("import", "export_executor", "template", "backup", "restore", "report", "reminders"):
        assert tr(MainWindow._TITLES[name], lang).replace("&", "") in text, name


def test_the_shortcuts_section_lists_every_shortcut_of_the_main_window(window: MainWindow) -> None:
    keys = {
        action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.actions_by_name.values()
        if not action.shortcut().isEmpty()
    }
    assert {"F1", "Ctrl+N", "Ctrl+P"} <= keys
    for lang in GUIDE_LANGUAGES:
        section = guide_html(lang).split('<a name="shortcuts">', 1)[1]
        assert all(f"<td>{key}" in section for key in keys), lang


# --- the window --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_every_contents_entry_shows_its_section(qtbot: QtBot, lang: str) -> None:
    browser = help_window(qtbot, lang)
    assert browser.contents.count() == len(SECTIONS)
    assert browser.windowTitle() == tr("User guide — Forum Secretariat", lang)
    for row in reversed(range(browser.contents.count())):  # from the end, so each entry must scroll
        browser.contents.setCurrentRow(row)
        assert browser.current_section() == SECTIONS[row]
        assert heading_is_shown(browser, browser.contents.item(row).text())


def test_search_finds_a_kazakh_word_forwards_and_backwards(qtbot: QtBot) -> None:
    browser = help_window(qtbot, "kk")
    type_text(browser.find_field, "мәліметі")
    view = browser.browser
    assert view.textCursor().selectedText().lower() == "мәліметі"
    first = view.textCursor().selectionStart()
    count = browser.count_matches("мәліметі")
    assert count >= 3 and browser.find_status.text() == f"{count} сәйкестік"
    assert browser.find_next() and view.textCursor().selectionStart() > first
    assert browser.find_previous() and view.textCursor().selectionStart() == first
    browser.find_field.setText("жоқсөзжоқ")
    assert browser.find_status.text() == "Табылмады"
    assert not browser.next_button.isEnabled()


def test_search_after_choosing_a_section_starts_in_that_section(qtbot: QtBot) -> None:
    browser = help_window(qtbot, "ru")
    browser.contents.setCurrentRow(SECTIONS.index("backup"))
    type_text(browser.find_field, "копи")
    cursor = browser.browser.textCursor()
    assert browser.browser.viewport().rect().intersects(browser.browser.cursorRect(cursor))


def test_the_guide_follows_a_language_switch_and_stays_at_its_section(window: MainWindow) -> None:
    guide = window.open_guide("reports")
    assert isinstance(guide, HelpWindow) and guide.isVisible()
    russian = guide.contents.currentItem().text()
    switch_language(window.context, "kk")
    assert guide.current_section() == "reports"
    assert guide.contents.currentItem().text() != russian
    assert "Форумға арналған есеп" in guide.browser.toPlainText()
    picture = guide.browser.document().resource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("images/report.png")
    )
    kazakh = QImage.fromData(guide_file("kk", "images/report.png") or b"")
    assert isinstance(picture, QImage) and picture == kazakh.scaledToWidth(
        PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation
    )
    assert guide.windowTitle() == "Пайдаланушы нұсқаулығы — Форум хатшылығы"


def test_help_menu_has_the_guide_on_f1_the_shortcuts_and_about(window: MainWindow) -> None:
    actions = [a for a in window.help_menu.actions() if not a.isSeparator()]
    assert [window.actions_by_name[name] for name in ("guide", "shortcuts", "about")] == actions
    assert window.actions_by_name["guide"].shortcut() == QKeySequence("F1")


def test_the_shortcut_list_shows_the_keys_of_the_real_actions_in_the_interface_language(
    window: MainWindow,
) -> None:
    from secretariat_app.core.i18n import set_language
    from secretariat_app.ui.shortcuts_dialog import ShortcutsDialog, editor_rows

    window.actions_by_name["shortcuts"].trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()

    def listed() -> dict[str, str]:
        table = dialog.table
        return {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}

    expected = {
        action.text().replace("&", "").rstrip("…"): action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        for action in window.actions_by_name.values()
        if action.isVisible() and not action.shortcut().isEmpty()
    }
    expected.update({action: keys for _place, action, keys in editor_rows()})  # the editor's own table
    assert listed() == expected and {"F1", "Ctrl+N", "Ctrl+P", "F5"} <= set(expected.values())
    window.actions_by_name["report"].setShortcut(QKeySequence("Ctrl+Shift+R"))  # one truth: the action
    try:
        set_language("kk")
        window.context.bus.language_changed.emit()
        assert listed()["Орындалу барысы туралы есеп"] == "Ctrl+Shift+R"
        assert dialog.windowTitle() == "Пернелер тіркесімдері"
    finally:
        set_language("en")
        window.context.bus.language_changed.emit()


def test_f1_in_the_main_window_opens_the_section_of_the_page_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("forums")
    qtbot.keyClick(window.navigation, Qt.Key.Key_F1)
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible() and guide.current_section() == "forums"


def _decision_editor(window: MainWindow) -> QWidget:
    page = window.page("decisions")
    assert isinstance(page, DecisionsPage)
    page.table.selectRow(0)
    page.edit_item()
    editor = page.findChild(DecisionEditor)
    assert editor is not None
    return editor


def _forum_editor(window: MainWindow) -> QWidget:
    """The forum editor runs application-modal (exec); shown so here, without exec's event loop."""
    editor = ForumEditor(window.context, None, window.page("forums"))
    editor.setModal(True)
    editor.show()
    return editor


@pytest.mark.parametrize(
    ("open_dialog", "section", "current"),
    [
        (_decision_editor, "decisions", "decisions"),
        (_forum_editor, "forums", "forums"),
        (lambda window: window.open_import_dialog(), "import", "exchange"),
        (lambda window: window.export_for_executor(), "executor-workbooks", "exchange"),
        (lambda window: (window.open_report_dialog(), window.findChild(QDialog))[1], "reports", "reports"),
    ],
)
def test_f1_in_a_dialog_opens_the_guide_at_that_dialogs_section(
    qtbot: QtBot, window: MainWindow, open_dialog, section: str, current: str
) -> None:
    dialog = open_dialog(window)
    assert isinstance(dialog, QDialog)
    qtbot.waitExposed(dialog)
    focus = dialog.focusWidget() or dialog
    assert section_for(focus) == section
    qtbot.keyClick(focus, Qt.Key.Key_F1)
    guide = dialog.findChild(HelpWindow)
    assert guide is not None and guide.isVisible()
    qtbot.wait(100)  # the new window's first layout settles: it must stay at the section
    assert guide.current_section() == current
    dialog.close()


def test_every_registered_dialog_exists_and_its_section_is_in_every_guide() -> None:
    for name, section in HELP_SECTIONS.items():
        module, _dot, class_name = name.rpartition(".")
        assert isinstance(getattr(importlib.import_module(module), class_name), type), name
        for lang in GUIDE_LANGUAGES:
            assert section in outline(guide_html(lang)).anchors, (lang, section)


def test_the_contents_follow_the_section_being_read(qtbot: QtBot) -> None:
    browser = help_window(qtbot, "kk")
    browser.browser.scrollToAnchor("overdue")  # as if scrolled there with the wheel
    assert browser.current_section() == "overdue"
    bar = browser.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert browser.current_section() == "shortcuts"
    bar.setValue(0)
    assert browser.current_section() == "year"


def test_the_section_being_read_stays_in_view_when_the_window_is_resized(qtbot: QtBot) -> None:
    browser = help_window(qtbot, "ru")
    browser.show_section("overdue")
    title = browser.contents.currentItem().text()
    browser.resize(700, 600)
    qtbot.waitUntil(lambda: heading_is_shown(browser, title))
    assert browser.current_section() == "overdue"


def test_f1_in_the_first_start_welcome_opens_the_guide_at_its_beginning(qtbot: QtBot) -> None:
    set_language("kk")
    welcome_help = ContextHelp(None, None)  # as ui.app.run installs it before the welcome
    application = QApplication.instance()
    assert application is not None
    application.installEventFilter(welcome_help)
    try:
        dialog = WelcomeDialog()
        qtbot.addWidget(dialog)
        dialog.setModal(True)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog.language, Qt.Key.Key_F1)
    finally:
        application.removeEventFilter(welcome_help)
    guide = dialog.findChild(HelpWindow)
    assert guide is not None and guide.current_section() == "year"
    assert guide.contents.item(0).text() == "Хатшылықтың жұмыс жылы бағдарламада"

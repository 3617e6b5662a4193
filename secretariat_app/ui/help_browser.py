"""Help → User guide: the guide in the interface language, with its contents and a search.

The window follows a language switch at once and stays at the section that was open. Pictures are
read from the package (see ``ui.guide``), never from a path on disk, so the guide works from a
wheel or a bundle as it does from a checkout.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.i18n import _, get_language, ngettext
from secretariat_app.ui.context import ChangeBus
from secretariat_app.ui.guide import Section, guide_file, guide_html, outline

#: pictures wider than this are shown smoothly reduced, so they fit beside the contents list
PICTURE_WIDTH = 680


class GuideBrowser(QTextBrowser):
    """A text browser that takes the guide's pictures from the package, and tells when a new width
    makes the text flow anew (the place on the page moves then, though nobody scrolled)."""

    reflowing = Signal()
    reflowed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "ru"

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.reflowing.emit()
        try:
            super().resizeEvent(event)
        finally:
            self.reflowed.emit()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        if int(kind) == QTextDocument.ResourceType.ImageResource.value:
            data = guide_file(self.lang, QUrl(name).path())
            if data is not None:
                image = QImage()
                image.loadFromData(data)
                if image.width() > PICTURE_WIDTH:
                    image = image.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
                return image
        return super().loadResource(kind, name)


class HelpWindow(QWidget):
    """The guide with its contents on the left and a find bar above it."""

    def __init__(self, bus: ChangeBus | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.lang = ""
        self.sections: list[Section] = []
        self.section_of: dict[str, str] = {}
        self.contents = QListWidget()
        self.contents.setWordWrap(True)  # a long title wraps on a narrow screen instead of being cut
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.currentRowChanged.connect(self._contents_row_changed)
        self.browser = GuideBrowser()
        self.browser.setOpenExternalLinks(True)
        self._scrolling_to_section = False
        self._reflowing = False
        self._kept_section = ""
        self.browser.verticalScrollBar().valueChanged.connect(self._follow_scrolling)
        self.browser.reflowing.connect(self._keep_section)
        self.browser.reflowed.connect(self._return_to_kept_section)
        self.find_field = QLineEdit()
        self.find_field.setClearButtonEnabled(True)
        self.find_field.textChanged.connect(lambda _text: self.search(again=False))
        self.find_field.returnPressed.connect(self.find_next)
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.find_status = QLabel()
        self.find_label = QLabel()
        self.find_label.setBuddy(self.find_field)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_label)
        find_row.addWidget(self.find_field, 1)
        find_row.addWidget(self.previous_button)
        find_row.addWidget(self.next_button)
        find_row.addWidget(self.find_status)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.contents)
        self.splitter.addWidget(self.browser)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(find_row)
        layout.addWidget(self.splitter, 1)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_find),
            (QKeySequence.StandardKey.FindNext, self.find_next),
            (QKeySequence.StandardKey.FindPrevious, self.find_previous),
            (QKeySequence(Qt.Key.Key_Escape), self.close),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        if bus is not None:
            bus.language_changed.connect(self.retranslate)
        self._fit_screen()
        self.retranslate()

    def _fit_screen(self) -> None:
        """Wide enough for text and pictures, never larger than the screen left by the taskbar."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        self.resize(min(1100, available.width() - 40), min(740, available.height() - 60))

    def _fit_contents(self) -> None:
        """The contents list as wide as its longest title (a third of the window at most)."""
        needed = self.contents.sizeHintForColumn(0) + 2 * self.contents.frameWidth() + 24
        width = min(needed, self.width() // 3)
        self.splitter.setSizes([width, max(self.width() - width, 1)])

    def _keep_section(self) -> None:
        """Before the text flows anew at another width: remember the section being read."""
        self._reflowing = True
        self._kept_section = self._kept_section or self.current_section()

    def _return_to_kept_section(self) -> None:
        self._reflowing = False
        QTimer.singleShot(0, self._show_kept_section)  # once the new layout has settled

    def _show_kept_section(self) -> None:
        section, self._kept_section = self._kept_section, ""
        if section:  # unless the clerk went to another section meanwhile
            self.show_section(section)

    # --- language and contents -----------------------------------------------------------------

    def retranslate(self) -> None:
        """Window words and the guide itself in the interface language, at the same section."""
        self.setWindowTitle(_("User guide — Forum Secretariat"))
        self.find_label.setText(_("&Find:"))
        self.find_field.setPlaceholderText(_("A word or phrase in the guide"))
        self.previous_button.setText(_("Previous"))
        self.next_button.setText(_("Next"))
        self.contents.setAccessibleName(_("Contents"))
        self.browser.setAccessibleName(_("User guide"))
        if self.lang != get_language():
            self.load(get_language())
        self._show_find_result(None)

    def load(self, lang: str) -> None:
        anchor = self.current_section()
        self.lang = self.browser.lang = lang
        html = guide_html(lang)
        self.browser.setHtml(html)
        page = outline(html)
        self.sections, self.section_of = page.sections, page.section_of
        self.contents.blockSignals(True)
        self.contents.clear()
        self.contents.addItems([section.title for section in self.sections])
        for row, section in enumerate(self.sections):
            self.contents.item(row).setToolTip(section.title)
        self.contents.blockSignals(False)
        self._fit_contents()
        self.show_section(anchor or self.sections[0].anchor)

    def current_section(self) -> str:
        row = self.contents.currentRow()
        return self.sections[row].anchor if 0 <= row < len(self.sections) else ""

    def show_section(self, anchor: str) -> None:
        """Scroll to a section (or to any anchor inside one) and mark its contents entry."""
        self._kept_section = ""
        self._scroll_to(anchor)
        wanted = self.section_of.get(anchor, anchor)
        rows = [row for row, section in enumerate(self.sections) if section.anchor == wanted]
        if rows:
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(rows[0])
            self.contents.blockSignals(False)

    def _contents_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self._kept_section = ""
            self._scroll_to(self.sections[row].anchor)

    def _scroll_to(self, anchor: str) -> None:
        """The first section is shown from the page's top, with the guide's title above it."""
        self._scrolling_to_section = True
        try:
            if self.sections and anchor == self.sections[0].anchor:
                self.browser.verticalScrollBar().setValue(0)
            else:
                self.browser.scrollToAnchor(anchor)
        finally:
            self._scrolling_to_section = False
        self._cursor_to_view_top()

    def _follow_scrolling(self, value: int) -> None:
        """Mark the section being read while the clerk scrolls: the one whose heading is the last
        above a quarter of the view (at the page's end, the last heading in view)."""
        if self._scrolling_to_section or self._reflowing:
            return
        layout = self.browser.document().documentLayout()
        tops: list[float] = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                tops.append(layout.blockBoundingRect(block).top())
            block = block.next()
        if len(tops) != len(self.sections):
            return
        bar, height = self.browser.verticalScrollBar(), self.browser.viewport().height()
        line = value + (height if value >= bar.maximum() else height // 4)
        above = [row for row, top in enumerate(tops) if top <= line]
        self.contents.blockSignals(True)
        self.contents.setCurrentRow(above[-1] if above else 0)
        self.contents.blockSignals(False)

    def _cursor_to_view_top(self) -> None:
        """A search started after moving to a section begins at the text shown, not at the top."""
        self.browser.setTextCursor(self.browser.cursorForPosition(QPoint(1, 1)))

    # --- find ----------------------------------------------------------------------------------

    def focus_find(self) -> None:
        self.find_field.setFocus()
        self.find_field.selectAll()

    def find_next(self) -> bool:
        return self.search(again=True)

    def find_previous(self) -> bool:
        return self.search(again=True, backward=True)

    def search(self, again: bool, backward: bool = False) -> bool:
        """Select the next (or previous) match, going round at the end; typing searches from the
        current match, so the selection grows with the word being typed."""
        text = self.find_field.text()
        if not text:
            self._show_find_result(None)
            return False
        if not again:  # search again from where the last match started
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:
            cursor = self.browser.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self._show_find_result(self.count_matches(text))
        return found

    def count_matches(self, text: str) -> int:
        document, count = self.browser.document(), 0
        cursor = document.find(text, 0)
        while not cursor.isNull():
            count += 1
            cursor = document.find(text, cursor)
        return count

    def _show_find_result(self, count: int | None) -> None:
        if count is None or not self.find_field.text():
            self.find_status.clear()
        elif count == 0:
            self.find_status.setText(_("Not found"))
        else:
            self.find_status.setText(ngettext("{count} match", "{count} matches", count).format(count=count))
        for button in (self.previous_button, self.next_button):
            button.setEnabled(bool(count))

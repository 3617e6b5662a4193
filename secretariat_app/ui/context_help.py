"""Context help: F1 anywhere opens the guide at the section about the window or page in use.

One registry maps a dialog's or page's class to its section, and one event filter on the
application answers F1 in every dialog, so no dialog has code of its own for help. Classes are
named by their import path, so that registering a dialog does not import it at start-up (a test
checks that every name here still leads to a class and every section exists in each guide).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from secretariat_app.ui.context import ChangeBus
from secretariat_app.ui.help_browser import HelpWindow

#: the section opened when nothing in the registry matches
DEFAULT_SECTION = "year"

HELP_SECTIONS: dict[str, str] = {
    "secretariat_app.ui.views.dashboard.DashboardView": "overdue",
    "secretariat_app.ui.views.forums_view.ForumsView": "forums",
    "secretariat_app.ui.views.forums_view.ForumEditor": "forums",
    "secretariat_app.ui.decisions_page.DecisionsPage": "decisions",
    "secretariat_app.ui.editor.window.DecisionEditor": "decisions",
    "secretariat_app.ui.editor.dialogs.ProgressEntryDialog": "progress",
    "secretariat_app.ui.editor.dialogs.RemoveEntryDialog": "progress",
    "secretariat_app.ui.editor.dialogs.ConflictDialog": "server",
    "secretariat_app.ui.views.executors_view.ExecutorsView": "executors",
    "secretariat_app.ui.views.executors_view.ExecutorEditor": "executors",
    "secretariat_app.ui.views.report_dialog.ReportsView": "reports",
    "secretariat_app.ui.views.report_dialog.ReportDialog": "reports",
    "secretariat_app.ui.import_dialog.ImportDialog": "import",
    "secretariat_app.ui.export_dialogs.ExecutorExportDialog": "executor-workbooks",
    "secretariat_app.ui.welcome.WelcomeDialog": "year",
    "secretariat_app.ui.views.settings_dialog.SettingsDialog": "overdue",
}


def section_for(widget: QWidget | None) -> str:
    """The section about this widget, or about the nearest page or window it belongs to."""
    while widget is not None:
        own = getattr(widget, "help_section", "")  # a window that knows its section (a job's)
        if isinstance(own, str) and own:
            return own
        for cls in type(widget).__mro__:
            section = HELP_SECTIONS.get(f"{cls.__module__}.{cls.__qualname__}")
            if section:
                return section
        widget = widget.parentWidget()
    return DEFAULT_SECTION


def show_guide(owner: QWidget, section: str, bus: ChangeBus | None = None) -> HelpWindow:
    """Open the guide at a section, in a window belonging to ``owner``'s window (a modal dialog
    blocks every window but its own, so the guide opened from it must be its child)."""
    window = owner.window()
    help_window = next((w for w in window.findChildren(HelpWindow) if w.parentWidget() is window), None)
    if help_window is None:
        help_window = HelpWindow(bus, window)
    help_window.show()  # shown first: a section is scrolled to in the window's real size
    help_window.show_section(section)
    help_window.raise_()
    help_window.activateWindow()
    return help_window


class ContextHelp(QObject):
    """Answers F1 in the windows opened from ``main_window`` (the main window has its own action);
    with no main window yet (the first start's welcome), in every window."""

    def __init__(self, main_window: QWidget | None, bus: ChangeBus | None) -> None:
        super().__init__(main_window)
        self.main_window = main_window
        self.bus = bus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() != Qt.Key.Key_F1
            or event.modifiers() != Qt.KeyboardModifier.NoModifier
            or not isinstance(watched, QWidget)
        ):
            return False
        window = watched.window()
        if isinstance(window, HelpWindow) or window is self.main_window or not self._opened_here(window):
            return False
        show_guide(window, section_for(watched), self.bus)
        return True

    def _opened_here(self, window: QWidget) -> bool:
        if self.main_window is None:
            return True
        parent = window.parentWidget()
        while parent is not None:
            if parent is self.main_window:
                return True
            parent = parent.parentWidget()
        return False

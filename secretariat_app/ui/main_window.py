"""The main window: a thin shell that wires the registered pages, the menus and the services.

Pages are built on first show, so starting never waits for data a page not shown would need.
Edit actions go to the current page if it offers them (``new_item``, ``edit_item``,
``delete_item``, ``focus_find``, ``reload``); no page calls another page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.backup import list_backups
from secretariat_app.core.db import Database
from secretariat_app.core.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    _,
    format_number,
    get_language,
    set_language,
)
from secretariat_app.core.services.decision_list import count_decisions
from secretariat_app.core.services.queries import DecisionFilter, as_of
from secretariat_app.core.settings import load_settings, save_settings
from secretariat_app.ui import database_jobs, screen_fit
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.confirm import confirm_destructive
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.context_help import ContextHelp, section_for, show_guide
from secretariat_app.ui.icons import icon
from secretariat_app.ui.jobs import Job
from secretariat_app.ui.pages import PAGES, PageSpec
from secretariat_app.ui.qt_words import apply_qt_words
from secretariat_app.ui.tasks import TaskHandle

MAX_RECENT = 8


def remember_database(database: Database) -> None:
    """Put the database first in the recent list and make it the one opened next time."""
    settings = load_settings()
    name = str(database.path) if database.path else database.display_name()
    settings.last_database = name
    settings.recent_databases = [name, *[d for d in settings.recent_databases if d != name]][:MAX_RECENT]
    save_settings(settings)


def switch_language(context: AppContext, lang: str) -> None:
    """Change the interface language at once, everywhere, and remember it."""
    if lang == get_language():
        return
    set_language(lang)
    apply_qt_words(lang)
    settings = load_settings()
    settings.language = lang
    save_settings(settings)
    context.bus.language_changed.emit()


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.context = context
        self.specs = pages if pages is not None else PAGES
        self.pages: dict[str, QWidget] = {}
        self.actions_by_name: dict[str, QAction] = {}
        self.navigation = QListWidget()
        self.navigation.setIconSize(QSize(24, 24))
        # a visible mark when the sidebar has the keyboard (the style draws none on some platforms)
        self.navigation.setStyleSheet("QListWidget:focus { border: 2px solid #1565c0; }")
        self.stack = QStackedWidget()
        for spec in self.specs:
            self.navigation.addItem(QListWidgetItem(icon(spec.icon), ""))
            self.stack.addWidget(QWidget())  # replaced by the page on first show
        self.navigation.currentRowChanged.connect(self.show_page_at)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #fff3cd; padding: 6px;")
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.database_label = QLabel()
        self.counts_label = QLabel()
        self._counts: tuple[int, int] | None = None  # (decisions, overdue) shown in the status bar
        self._closing: Job[None] | None = None  # the note shown while running jobs finish on close
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._build_actions()
        self._build_menus()
        self.context_help = ContextHelp(self, context.bus)  # F1 in the dialogs opened from here
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self.context_help)
        self.retranslate()
        self._show_read_only()
        self.fit_to_screen(screen_fit.available_geometry(self))
        # the list as wide as its longest title: no empty strip between it and the page
        width = self.navigation_width()
        self.splitter.setSizes([width, max(self.width() - width, 1)])
        window_state.restore_splitter(self.splitter, window_state.MAIN_WINDOW_STATE)
        context.bus.language_changed.connect(self.retranslate)
        context.bus.changed.connect(lambda _changes: self.refresh_counts())
        context.today.changed.connect(lambda _date: self.refresh_counts())  # overdue after midnight
        context.bus.database_replaced.connect(self._on_database_replaced)
        keys = [spec.key for spec in self.specs]
        start = window_state.value(window_state.LAST_PAGE, "decisions")
        self._remembered_page = start  # written again only when the clerk goes to another page
        self.navigation.setCurrentRow(keys.index(start) if start in keys else 0)
        self._after_first_rows(self.refresh_counts)

    def fit_to_screen(self, available: QRect) -> None:
        """Open as the clerk left it if that still fits this screen; else centred at the preferred
        size, or maximised on a screen too small for it (1366×768, 1280×720 with a taskbar)."""
        geometry, maximised = screen_fit.main_window_geometry(available)
        self.setGeometry(geometry)
        if window_state.restore_geometry(self, window_state.MAIN_WINDOW_GEOMETRY):
            restored = self.normalGeometry() if self.isMaximized() else self.geometry()
            if self.isMaximized() or screen_fit.bounded(restored.size(), available) == restored.size():
                return
            self.setGeometry(geometry)
        if maximised:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def navigation_width(self) -> int:
        """Room for the longest page title with its icon, and no more."""
        return self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 8

    # --- pages --------------------------------------------------------------------------------

    def page(self, key: str) -> QWidget | None:
        """The page with this key, built if needed; ``None`` if it is not registered."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                return self._page_at(row)
        return None

    def _page_at(self, row: int) -> QWidget:
        spec = self.specs[row]
        page = self.pages.get(spec.key)
        if page is None:
            page = spec.factory(self.context)
            page.setAccessibleName(_(spec.title))
            self.pages[spec.key] = page
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            request = getattr(page, "filter_requested", None)
            if request is not None:
                request.connect(self.show_decisions)
        return page

    def show_page_at(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            page = self._page_at(row)
            self.stack.setCurrentWidget(page)
            if self.specs[row].key != self._remembered_page:
                self._remembered_page = self.specs[row].key
                window_state.set_value(window_state.LAST_PAGE, self._remembered_page)
            self._update_edit_actions()

    def _after_first_rows(self, work: Callable[[], object]) -> None:
        """Run ``work`` once the page shown has its first rows (at once if it waits for none): on a
        large database, reading what is not on that page would slow its first query down."""
        first_rows = getattr(self.current_page(), "first_rows", None)
        if first_rows is not None and getattr(self.current_page(), "waiting_for_rows", False):
            first_rows.connect(work, Qt.ConnectionType.SingleShotConnection)
        else:
            work()

    def show_page(self, key: str) -> QWidget | None:
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.navigation.setCurrentRow(row)
                return self.pages.get(key)
        return None

    def current_page(self) -> QWidget | None:
        widget = self.stack.currentWidget()
        return widget if widget in self.pages.values() else None

    def show_decisions(self, flt: object) -> None:
        """Open the Decisions page filtered (the dashboard's charts ask for this)."""
        page = self.show_page("decisions")
        if page is not None and isinstance(flt, DecisionFilter):
            page.show_filter(flt)  # type: ignore[attr-defined]

    #: Edit-menu action -> the page method it calls
    EDIT_METHODS = {
        "new": "new_item",
        "edit": "edit_item",
        "delete": "delete_item",
        "find": "focus_find",
        "refresh": "reload",
    }
    #: why an action does nothing on a page that does not offer it (marked, shown in the status tip)
    UNAVAILABLE = {
        "new": N_("Nothing is created on this page."),
        "edit": N_("This page has no records to edit."),
        "delete": N_("This page has no records to delete."),
        "find": N_("This page has no search."),
        "refresh": N_("This page has nothing to reload."),
    }

    def _edit_target(self, name: str) -> tuple[QWidget | None, str | None]:
        """The page an Edit action acts on (the current one, or the one it sends the action to)
        and that page's key when it is another page."""
        page = self.current_page()
        elsewhere = getattr(page, "actions_elsewhere", {}).get(name)
        if elsewhere is not None:
            return None, elsewhere
        return page, None

    def _call_page(self, name: str) -> None:
        page, elsewhere = self._edit_target(name)
        if elsewhere is not None:
            page = self.show_page(elsewhere)
        method = getattr(page, self.EDIT_METHODS[name], None)
        if callable(method):
            method()

    #: Actions that write to the open database: disabled while it is open read-only.
    WRITING_ACTIONS = ("new", "delete", "import", "restore", "backup")

    def _update_edit_actions(self) -> None:
        """Each Edit action says what it does on the page shown ("New forum…" on Forums) and is
        off only where it means nothing, the reason in its status tip."""
        current = self.current_page()
        for name, method in self.EDIT_METHODS.items():
            action = self.actions_by_name[name]
            page, elsewhere = self._edit_target(name)
            available = elsewhere is not None or callable(getattr(page, method, None))
            text_source = getattr(current, "new_action_text", None)
            reason = ""
            if not available:
                own = {"edit": "no_edit_reason", "delete": "no_edit_reason", "find": "no_find_reason"}
                page_reason = getattr(current, own.get(name, ""), None)
                reason = _(page_reason if isinstance(page_reason, str) else self.UNAVAILABLE[name])
            action.setEnabled(available)
            if name == "new":
                action.setText(_(text_source or self._TITLES["new"]))
            title = action.text().replace("&", "").rstrip("…")
            action.setStatusTip(reason or title)
            action.setToolTip(reason or title)
        self._show_read_only()

    def _show_read_only(self) -> None:
        """A read-only database (no write permission, a read-only disk) can be browsed, exported
        and printed; the banner says why nothing can be changed and the writing actions are off."""
        read_only = self.context.database.read_only
        self.read_only_banner.setVisible(read_only)
        for name in self.WRITING_ACTIONS:
            if read_only:
                self.actions_by_name[name].setEnabled(False)
                self.actions_by_name[name].setStatusTip(_("The database is open read-only."))
            elif name not in ("new", "delete"):
                self.actions_by_name[name].setEnabled(True)

    # --- actions and menus --------------------------------------------------------------------

    def _action(
        self,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str = "",
    ) -> QAction:
        action = QAction(icon(icon_name) if icon_name else icon(name), "", self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self._action("new_database", self.new_database, icon_name="new")
        self._action("open_database", self.open_database_dialog, QKeySequence.StandardKey.Open, "open")
        self._action("backup", self.backup_now, "Ctrl+B", "backup")
        self._action("restore", self.restore_backup, icon_name="backup")
        self._action("import", self.open_import_dialog, icon_name="open")
        self._action("export", self.export_decisions, icon_name="save")
        self._action("export_executor", self.export_for_executor, icon_name="save")
        self._action("template", self.save_import_template, icon_name="new")
        self._action("quit", self.close, QKeySequence.StandardKey.Quit)
        self._action("new", lambda: self._call_page("new"), "Ctrl+N")
        self._action("edit", lambda: self._call_page("edit"), "Ctrl+E")
        self._action("delete", lambda: self._call_page("delete"), QKeySequence.StandardKey.Delete)
        self._action("find", lambda: self._call_page("find"), "Ctrl+F")
        self._action("refresh", lambda: self._call_page("refresh"), "F5")
        self._action("settings", self.open_settings, QKeySequence.StandardKey.Preferences, "edit")
        self._action("save", lambda: None, "Ctrl+S").setVisible(False)  # editors own Ctrl+S
        self._action("report", self.open_report_dialog, "Ctrl+P")
        self._action("resolutions", lambda: self.open_report_dialog("resolutions"), icon_name="report")
        self._action("reminders", lambda: self.open_report_dialog("reminders"), icon_name="report")
        self._action("guide", self.open_guide, QKeySequence.StandardKey.HelpContents, "help")
        self._action("shortcuts", self.show_shortcuts, icon_name="help")
        self._action("about", self.show_about, icon_name="help")
        show_cancelled = self._action("show_cancelled", self._toggle_cancelled)
        show_cancelled.setCheckable(True)
        show_cancelled.setChecked(self.context.show_cancelled)
        # View → the pages, Ctrl+1…Ctrl+9 in the sidebar's order: every page one chord away
        self.page_actions: list[QAction] = []
        for row, spec in enumerate(self.specs[:9]):
            go = self._action(
                f"page_{spec.key}", partial(self.navigation.setCurrentRow, row), f"Ctrl+{row + 1}"
            )
            go.setIcon(icon(spec.icon))
            self.addAction(go)  # the chord works wherever the focus is in the window
            self.page_actions.append(go)
        self.language_group = QActionGroup(self)
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self)
            action.setCheckable(True)
            action.setChecked(lang == get_language())
            action.setData(lang)
            action.triggered.connect(lambda _checked=False, code=lang: switch_language(self.context, code))
            self.language_group.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(self)
        for name in ("new_database", "open_database"):
            self.file_menu.addAction(self.actions_by_name[name])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        for name in ("backup", "restore"):
            self.file_menu.addAction(self.actions_by_name[name])
        self.file_menu.addSeparator()
        for name in ("import", "export", "export_executor", "template"):
            self.file_menu.addAction(self.actions_by_name[name])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.actions_by_name["quit"])
        self.file_menu.aboutToShow.connect(self._fill_recent)
        self.edit_menu = bar.addMenu("")
        for name in ("new", "edit", "delete"):
            self.edit_menu.addAction(self.actions_by_name[name])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.actions_by_name["find"])
        self.edit_menu.addAction(self.actions_by_name["refresh"])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.actions_by_name["settings"])
        self.view_menu = bar.addMenu("")
        self.pages_menu = QMenu(self)
        self.pages_menu.addActions(self.page_actions)
        self.view_menu.addMenu(self.pages_menu)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.addActions(self.language_group.actions())
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addAction(self.actions_by_name["show_cancelled"])
        self.reports_menu = bar.addMenu("")
        for name in ("report", "resolutions", "reminders"):
            self.reports_menu.addAction(self.actions_by_name[name])
        self.help_menu = bar.addMenu("")
        for name in ("guide", "shortcuts"):
            self.help_menu.addAction(self.actions_by_name[name])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.actions_by_name["about"])
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        for name in ("new", "edit", "delete", "", "find", "refresh", "", "report", "backup"):
            if name:
                self.toolbar.addAction(self.actions_by_name[name])
            else:
                self.toolbar.addSeparator()
        self.addToolBar(self.toolbar)

    _TITLES = {
        "new_database": N_("&New database…"),
        "open_database": N_("&Open database…"),
        "backup": N_("&Back up now"),
        "restore": N_("&Restore from backup…"),
        "import": N_("&Import…"),
        "export": N_("&Export…"),
        "export_executor": N_("Export for a re&gion or agency…"),
        "template": N_("Save import &template…"),
        "quit": N_("&Quit"),
        "new": N_("&New"),
        "edit": N_("Edit &record"),
        "delete": N_("&Delete"),
        "find": N_("&Find"),
        "refresh": N_("&Refresh"),
        "settings": N_("Se&ttings…"),
        "save": N_("&Save"),
        "report": N_("&Progress report…"),
        "resolutions": N_("&Resolutions…"),
        "reminders": N_("Re&minder letters…"),
        "guide": N_("&User guide"),
        "shortcuts": N_("&Keyboard shortcuts"),
        "about": N_("&About Forum Secretariat"),
        "show_cancelled": N_("Show &cancelled decisions"),
    }

    def retranslate(self) -> None:
        self.setWindowTitle(_("Forum Secretariat"))
        for name, title in self._TITLES.items():
            action = self.actions_by_name[name]
            action.setText(_(title))
            action.setToolTip(_(title).replace("&", "").rstrip("…"))
        self.actions_by_name["import"].setToolTip(
            _("Import forums, decisions and progress from Excel or CSV")
        )
        self.actions_by_name["export"].setToolTip(_("Export the decisions shown on the Decisions page"))
        self.file_menu.setTitle(_("&File"))
        self.recent_menu.setTitle(_("Recent &databases"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("Interface &language"))
        self.pages_menu.setTitle(_("&Go to page"))
        self.reports_menu.setTitle(_("&Reports"))
        self.help_menu.setTitle(_("&Help"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.toolbar.setAccessibleName(_("Toolbar"))
        self.navigation.setAccessibleName(_("Pages"))
        for action, spec in zip(self.page_actions, self.specs, strict=False):
            action.setText(_(spec.title))
        for row, spec in enumerate(self.specs):
            item = self.navigation.item(row)
            item.setText(_(spec.title))
            item.setToolTip(_(spec.title))
            page = self.pages.get(spec.key)
            if page is not None:
                page.setAccessibleName(_(spec.title))
        sizes, needed = self.splitter.sizes(), self.navigation_width()
        self.navigation.setMinimumWidth(needed)  # a narrow window squeezes the page, not the titles
        if len(sizes) == 2 and 0 < sizes[0] < needed:  # a longer title in the new language
            self.splitter.setSizes([needed, max(sum(sizes) - needed, 1)])
        for action in self.language_group.actions():
            action.setChecked(action.data() == get_language())
        self.database_label.setText(_("Database: {name}").format(name=self.context.database.display_name()))
        self.read_only_banner.setText(
            "🔒 "
            + _(
                "This database is open read-only: it cannot be written here (no write permission "
                "or a read-only disk). You can browse, export and print; to make changes, copy the "
                "file to a place you can write to and open the copy."
            )
        )
        self.database_label.setAccessibleName(_("Open database"))
        self.counts_label.setAccessibleName(_("Decision counts"))
        self._show_counts()
        self._update_edit_actions()

    def refresh_counts(self) -> None:
        """Count the decisions and the overdue ones (two counting queries, no id lists)."""
        database, today = self.context.database, self.context.today.date()

        def work(_handle: TaskHandle) -> tuple[int, int]:
            with database.reader() as session:
                overdue = count_decisions(session, DecisionFilter(overdue_only=True), as_of(session, today))
                return count_decisions(session), overdue

        def done(counts: tuple[int, int]) -> None:
            self._counts = counts
            self._show_counts()

        self.context.runner.run(work, done, lambda _error: None)

    def _show_counts(self) -> None:
        if self._counts is None:
            self.counts_label.clear()
            return
        total, overdue = self._counts
        self.counts_label.setText(
            _("Decisions: {total} · overdue: {overdue}").format(
                total=format_number(total), overdue=format_number(overdue)
            )
        )

    # --- File menu ----------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = str(self.context.database.path or "")
        for name in load_settings().recent_databases:
            action = self.recent_menu.addAction(name)
            action.setEnabled(name != current)
            action.triggered.connect(
                lambda _checked=False, target=name: self.replace_database(target, create=False)
            )
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def new_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New database"), str(Path.home() / "secretariat.sqlite3"), _("Databases (*.sqlite3 *.db)")
        )
        if path:
            if Path(path).exists():
                QMessageBox.warning(self, _("New database"), _("Choose a name that is not taken yet."))
                return
            self.replace_database(path, create=True)

    def open_database_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open database"), str(Path.home()), _("Databases (*.sqlite3 *.db);;All files (*)")
        )
        if path:
            self.replace_database(path, create=False)

    def replace_database(self, target: str, create: bool) -> Job[Database]:
        """Open another database on a worker (it may be backed up and upgraded), then tell every
        page; running jobs finish or are cancelled first (see :mod:`ui.database_jobs`)."""

        def replaced(database: Database) -> None:
            remember_database(database)
            self.context.bus.database_replaced.emit()

        return database_jobs.replace_database(self.context, self, target, create, replaced)

    def _on_database_replaced(self) -> None:
        self._counts = None
        self._update_edit_actions()
        self.retranslate()
        self.refresh_counts()

    def open_settings(self) -> None:
        from secretariat_app.ui.views.settings_dialog import SettingsDialog

        SettingsDialog(self.context, self).exec()

    def backup_now(self) -> Job[Path] | None:
        if self.context.database.path is None:
            QMessageBox.information(
                self, _("Back up now"), _("Back up a server database with its own tools.")
            )
            return None

        def done(backup: Path) -> None:
            self.statusBar().showMessage(_("Backup saved: {path}").format(path=backup), 8000)

        return database_jobs.back_up(self.context, self, done)

    def restore_backup(self) -> Job[tuple[Database, Path | None]] | None:
        path = self.context.database.path
        backups = list_backups(path) if path is not None else []
        if path is None or not backups:
            QMessageBox.information(
                self, _("Restore from backup"), _("There are no backups of this database yet.")
            )
            return None
        names = [b.name for b in backups]  # newest first: the likeliest choice is preselected
        chosen, ok = QInputDialog.getItem(
            self,
            _("Restore from backup"),
            _("Backup to restore (the current state is backed up first):"),
            names,
            0,
            False,
        )
        if not ok:
            return None
        backup = next(b for b in backups if b.name == chosen)
        if not confirm_destructive(
            self,
            _("Restore from backup"),
            _(
                "Replace everything in the database {path} with the backup {backup}? Changes made "
                "since that backup will only remain in the safety copy made now."
            ).format(path=path, backup=backup.name),
        ):
            return None

        def restored(database: Database, safety: Path | None) -> None:
            remember_database(database)
            self.context.bus.database_replaced.emit()
            if safety is not None:
                self.statusBar().showMessage(
                    _("Backup restored; the previous state was saved to {path}").format(path=safety), 8000
                )

        return database_jobs.restore(self.context, self, backup, restored)

    # --- import and export (the dialogs live in import_dialog and export_dialogs) ---------------

    def open_import_dialog(self) -> QWidget:
        from secretariat_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_decisions(self) -> None:
        """Export what the Decisions page shows (everything, if it was not opened yet)."""
        from secretariat_app.ui.export_dialogs import export_decisions_dialog

        page = self.pages.get("decisions")
        current = getattr(page, "current_filter", None)
        if callable(current):
            flt, when = current()
        else:
            flt, when = DecisionFilter(hide_cancelled=not self.context.show_cancelled), None
        export_decisions_dialog(self.context, self, flt, when)

    def export_for_executor(self) -> QWidget:
        from secretariat_app.ui.export_dialogs import ExecutorExportDialog

        dialog = ExecutorExportDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save_import_template(self) -> None:
        from secretariat_app.ui.export_dialogs import save_template_dialog

        save_template_dialog(self.context, self)

    # --- View, Reports, Help ------------------------------------------------------------------

    def _toggle_cancelled(self) -> None:
        self.context.show_cancelled = self.actions_by_name["show_cancelled"].isChecked()
        self.context.bus.view_options_changed.emit()

    def open_report_dialog(self, kind: str = "progress") -> None:
        from secretariat_app.ui.views.report_dialog import ReportDialog

        dialog = ReportDialog(self.context, self, kind=kind)
        dialog.open()

    def open_guide(self, section: str = "") -> QWidget:
        """The guide at ``section``, or at the section about the page shown."""
        return show_guide(self, section or section_for(self.current_page()), self.context.bus)

    def show_shortcuts(self) -> QWidget:
        """Help → Keyboard shortcuts: read from the menus themselves (see :mod:`ui.shortcuts_dialog`)."""
        from secretariat_app.ui.shortcuts_dialog import ShortcutsDialog

        menus = [self.file_menu, self.edit_menu, self.view_menu, self.reports_menu, self.help_menu]
        dialog = ShortcutsDialog(menus, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context.bus.language_changed.connect(dialog.retranslate)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from secretariat_app.ui.views.about_dialog import AboutDialog

        AboutDialog(self.context, self).exec()

    # --- closing ------------------------------------------------------------------------------

    def _close_after_jobs(self) -> None:
        self._closing = None
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close once no job runs: running ones are cancelled if they can stop, or finish."""
        if self.context.runner.busy:
            event.ignore()
            if self._closing is None:
                self._closing = database_jobs.close_when_idle(self.context, self, self._close_after_jobs)
            return
        window_state.save_geometry(self, window_state.MAIN_WINDOW_GEOMETRY)
        window_state.save_splitter(self.splitter, window_state.MAIN_WINDOW_STATE)
        event.accept()

"""Edit → Settings: the clerk's own name (recorded in the audit log) and the rules this database
shares with every clerk (after how many days without a report a decision counts as stalled)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core import rules
from secretariat_app.core.i18n import _, format_date
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.queries import as_of
from secretariat_app.core.services.shared_settings import set_stalled_days, stalled_days
from secretariat_app.core.settings import load_settings, save_settings
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.tasks import TaskHandle


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Settings"))
        self.clerk_name = QLineEdit(load_settings().clerk_name)
        self.clerk_name.setAccessibleName(_("Your name"))
        self.clerk_name.setPlaceholderText(_("as it should appear in the change history"))
        self.stalled_days = QSpinBox()
        self.stalled_days.setRange(rules.MIN_STALLED_DAYS, rules.MAX_STALLED_DAYS)
        self.stalled_days.setSuffix(" " + _("days"))
        self.stalled_days.setAccessibleName(_("Stalled after"))
        self.stalled_note = QLabel()
        self.stalled_note.setWordWrap(True)
        with context.database.reader() as session:
            self.stalled_days.setValue(stalled_days(session))
        self.stalled_days.valueChanged.connect(self._explain)
        form = QFormLayout()
        form.addRow(_("Your &name:"), self.clerk_name)
        form.addRow(_("A decision is &stalled after:"), self.stalled_days)
        for field in (self.clerk_name, self.stalled_days):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.stalled_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._explain()

    def _explain(self) -> None:
        """Say what the number means today, with the date it gives (the rule in words)."""
        with self.context.database.reader() as session:
            since = as_of(session, stalled_days=self.stalled_days.value()).stalled_since
        self.stalled_note.setText(
            _(
                "An open decision is stalled when no report has come since the later of this many days "
                "ago and the start of the previous forum: today, since {date}. Stored in the database, "
                "so it applies to every clerk, the command line and the reports."
            ).format(date=format_date(since, style="short"))
        )

    def accept(self) -> None:
        settings = load_settings()
        if settings.clerk_name != self.clerk_name.text().strip():
            settings.clerk_name = self.clerk_name.text().strip()
            save_settings(settings)
        days = self.stalled_days.value()
        database = self.context.database

        def work(_handle: TaskHandle) -> Changes:
            with database.session() as session:
                return set_stalled_days(session, days)

        def done(changes: Changes) -> None:
            self.context.bus.announce(changes)
            super(SettingsDialog, self).accept()

        self.context.runner.run(work, done, lambda e: present_error(self, e), write=True)

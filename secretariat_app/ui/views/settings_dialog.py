"""Edit → Settings: the clerk's own name (recorded in the audit log) and what this database shares
with every clerk: after how many days without a report a decision counts as stalled, how outgoing
letters are numbered, who signs the reminder letters and who signs the resolutions list for each
side. Group boxes in a scroll area, so the dialog fits a 1366×768 screen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core import rules
from secretariat_app.core.enums import Country
from secretariat_app.core.i18n import _, format_date
from secretariat_app.core.services import shared_settings
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.queries import as_of
from secretariat_app.core.services.shared_settings import Signatory
from secretariat_app.core.settings import load_settings, save_settings
from secretariat_app.core.validation import MAX_LETTER_NUMBER
from secretariat_app.ui.confirm import UnsavedAnswer, ask_unsaved_changes
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.tasks import TaskHandle


class SignatoryFields:
    """A signatory's name and position in Russian and Kazakh, as rows of a form."""

    def __init__(self, form: QFormLayout, signatory: Signatory, examples: dict[str, str]) -> None:
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        labels = {
            ("position", "ru"): _("Position (Russian):"),
            ("name", "ru"): _("Name (Russian):"),
            ("position", "kk"): _("Position (Kazakh):"),
            ("name", "kk"): _("Name (Kazakh):"),
        }
        for (part, lang), label in labels.items():
            edit = QLineEdit(getattr(signatory, part).get(lang, ""))
            edit.setPlaceholderText(examples.get(f"{part}_{lang}", ""))
            edit.setAccessibleName(label.rstrip(":"))
            form.addRow(label, edit)
            self.edits[part, lang] = edit

    def signatory(self) -> Signatory:
        def texts(part: str) -> dict[str, str]:
            return {lang: self.edits[part, lang].text() for lang in shared_settings.SIGNATORY_LANGUAGES}

        return Signatory(texts("name"), texts("position"))


SIGNER_EXAMPLES = {
    "position_ru": "Руководитель секретариата Форума",
    "name_ru": "А.К. Жумабаев",
    "position_kk": "Форум хатшылығының басшысы",
    "name_kk": "А.Қ. Жұмабаев",
}


def _stack(box: QGroupBox, *parts: QFormLayout | QWidget) -> None:
    """Forms and notes one under the other in a group box (a wrapped note in a form's own row is
    squeezed by the scroll area)."""
    layout = QVBoxLayout(box)
    for part in parts:
        if isinstance(part, QFormLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Settings"))
        with context.database.reader() as session:
            stalled = shared_settings.stalled_days(session)
            self.numbering = shared_settings.letter_numbering(session)
            signer = shared_settings.signer(session)
            cochairs = {side: shared_settings.cochair(session, side) for side in Country}

        self.clerk_name = QLineEdit(load_settings().clerk_name)
        self.clerk_name.setAccessibleName(_("Your name"))
        self.clerk_name.setPlaceholderText(_("as it should appear in the change history"))
        clerk_box = QGroupBox(_("You"))
        clerk_form = QFormLayout(clerk_box)
        clerk_form.addRow(_("Your &name:"), self.clerk_name)

        self.stalled_days = QSpinBox()
        self.stalled_days.setRange(rules.MIN_STALLED_DAYS, rules.MAX_STALLED_DAYS)
        self.stalled_days.setSuffix(" " + _("days"))
        self.stalled_days.setAccessibleName(_("Stalled after"))
        self.stalled_days.setValue(stalled)
        self.stalled_note = QLabel()
        self.stalled_note.setWordWrap(True)
        self.stalled_days.valueChanged.connect(self._explain)
        rules_box = QGroupBox(_("Rules of this database"))
        rules_form = QFormLayout()
        rules_form.addRow(_("A decision is &stalled after:"), self.stalled_days)
        _stack(rules_box, rules_form, self.stalled_note)

        self.letter_prefix = QLineEdit(self.numbering.prefix)
        self.letter_prefix.setPlaceholderText("01-14/")
        self.letter_prefix.setAccessibleName(_("Outgoing number prefix"))
        self.letter_next = QSpinBox()
        self.letter_next.setRange(1, MAX_LETTER_NUMBER)
        self.letter_next.setValue(self.numbering.next_number)
        self.letter_next.setAccessibleName(_("Next running number"))
        self.letter_note = QLabel()
        self.letter_note.setWordWrap(True)
        self.letter_prefix.textChanged.connect(self._explain_numbers)
        self.letter_next.valueChanged.connect(self._explain_numbers)
        letters_box = QGroupBox(_("Reminder letters"))
        letters_form = QFormLayout()
        letters_form.addRow(_("Outgoing number &prefix:"), self.letter_prefix)
        letters_form.addRow(_("Next running &number:"), self.letter_next)
        signer_form = QFormLayout()
        signer_form.addRow(QLabel("<b>" + _("Signed by") + "</b>"))
        self.signer = SignatoryFields(signer_form, signer, SIGNER_EXAMPLES)
        _stack(letters_box, letters_form, self.letter_note, signer_form)

        resolutions_box = QGroupBox(_("Resolutions list: the co-chairs' representatives who sign it"))
        resolutions_form = QFormLayout(resolutions_box)
        self.cochairs: dict[Country, SignatoryFields] = {}
        side_labels = {Country.KZ: _("For the Kazakh side"), Country.RU: _("For the Russian side")}
        for side in Country:
            resolutions_form.addRow(QLabel("<b>" + side_labels[side] + "</b>"))
            self.cochairs[side] = SignatoryFields(resolutions_form, cochairs[side], {})

        for form, field in (
            (clerk_form, self.clerk_name),
            (rules_form, self.stalled_days),
            (letters_form, self.letter_prefix),
            (letters_form, self.letter_next),
        ):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        for box in (clerk_box, rules_box, letters_box, resolutions_box):
            content_layout.addWidget(box)
        content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self.resize(680, 640)
        self._explain()
        self._explain_numbers()
        self._opened_with = self.values()

    def values(self) -> tuple[object, ...]:
        """Everything the form holds, to tell whether anything was changed since it opened."""
        return (
            self.clerk_name.text(),
            self.stalled_days.value(),
            self.letter_prefix.text(),
            self.letter_next.value(),
            self.signer.signatory(),
            {side: fields.signatory() for side, fields in self.cochairs.items()},
        )

    def reject(self) -> None:
        """Esc, Cancel or the close button: changed settings are saved, dropped or kept on request."""
        if self.values() != self._opened_with:
            answer = ask_unsaved_changes(self, self.windowTitle())
            if answer is UnsavedAnswer.SAVE:
                self.accept()
            if answer is not UnsavedAnswer.DISCARD:
                return
        super().reject()

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

    def _explain_numbers(self) -> None:
        """The rule of outgoing numbers, with the number the next issued letter gets."""
        numbering = shared_settings.LetterNumbering(
            self.letter_prefix.text().strip(), self.letter_next.value()
        )
        self.letter_note.setText(
            _(
                "The next issued letter gets No. {number}. Issuing letters moves the running number on, "
                "one per letter; drafts leave the number blank and do not move it."
            ).format(number=numbering.number(numbering.next_number))
        )

    def accept(self) -> None:
        settings = load_settings()
        if settings.clerk_name != self.clerk_name.text().strip():
            settings.clerk_name = self.clerk_name.text().strip()
            save_settings(settings)
        days = self.stalled_days.value()
        prefix = self.letter_prefix.text()
        # an untouched running number is not written back: letters issued meanwhile keep theirs
        next_number = self.letter_next.value()
        changed_number = next_number if next_number != self.numbering.next_number else None
        signer = self.signer.signatory()
        cochairs = {side: fields.signatory() for side, fields in self.cochairs.items()}
        database = self.context.database

        def work(_handle: TaskHandle) -> Changes:
            with database.session() as session:
                changes = shared_settings.set_stalled_days(session, days)
                changes.merge(shared_settings.set_letter_numbering(session, prefix, changed_number))
                changes.merge(shared_settings.set_signer(session, signer))
                for side, signatory in cochairs.items():
                    changes.merge(shared_settings.set_cochair(session, side, signatory))
                return changes

        def done(changes: Changes) -> None:
            self.context.bus.announce(changes)
            super(SettingsDialog, self).accept()

        self.context.runner.run(work, done, lambda e: present_error(self, e), write=True)

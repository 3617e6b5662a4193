"""An in-app preview of a generated PDF, with Print… and Open folder."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from secretariat_app.core.i18n import _, ngettext


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: pathlib.Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.caption = QLabel()
        self.print_button = QPushButton()
        self.folder_button = QPushButton()
        self.print_button.clicked.connect(self.print_document)
        self.folder_button.clicked.connect(self.open_folder)
        bar = QHBoxLayout()
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.print_button.setText(_("Print…"))
        self.folder_button.setText(_("Open folder"))
        self.view.setAccessibleName(_("Report preview"))
        self._update_caption()

    def load(self, path: pathlib.Path) -> bool:
        self.document.close()
        self.path = path
        ok = self.document.load(str(path)) == QPdfDocument.Error.None_
        self._update_caption()
        return ok

    def show_unpreviewed(self, path: pathlib.Path) -> None:
        """A file the preview cannot draw (a Word edition): the last PDF goes, Print is off,
        Open folder opens this file's folder."""
        self.document.close()
        self.path = path
        self._update_caption()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _update_caption(self) -> None:
        has = self.path is not None and self.page_count > 0
        self.print_button.setEnabled(has)
        self.folder_button.setEnabled(self.path is not None)
        if self.path is None:
            self.caption.setText(_("The report will appear here."))
            return
        pages = self.page_count
        if self.path.suffix.lower() != ".pdf":
            self.caption.setText(_("{name} — open it in Word to see its pages").format(name=self.path.name))
            return
        self.caption.setText(
            ngettext("{name} — {count} page", "{name} — {count} pages", pages).format(
                name=self.path.name, count=pages
            )
        )

    def print_document(self) -> None:
        if self.page_count == 0:
            return
        if not QPrinterInfo.availablePrinters():  # Qt would show nothing at all: say why instead
            QMessageBox.information(
                self,
                _("Print"),
                _(
                    "No printer is set up on this computer. Open the PDF (Open folder) and print it "
                    "from there, or ask your IT person to add a printer."
                ),
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.name if self.path else "")
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Each page rendered at the printer's resolution, fitted to its page."""
        first = max(printer.fromPage(), 1) - 1
        last = (printer.toPage() or self.page_count) - 1
        painter = QPainter(printer)
        try:
            for page in range(first, min(last, self.page_count - 1) + 1):
                if page > first:
                    printer.newPage()
                area = painter.viewport()
                points = self.document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                painter.drawImage(0, 0, self.document.render(page, size))
        finally:
            painter.end()

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

"""Excel and CSV import and export (no Qt): the API the CLI and the GUI share.

* :func:`plan_import` reads and checks a file and says what would change (a preview);
  :func:`apply_import` writes a plan in one transaction, or nothing.
* :func:`export_decisions` writes the decisions a :class:`DecisionFilter` selects.
* :func:`write_template` writes an empty workbook with instructions and drop-down lists.
* :func:`export_executor_report` writes one executor's open decisions to be filled in;
  :func:`plan_import` recognises the filled workbook.

``progress`` callbacks receive ``(done, total)``; ``cancelled`` is asked between batches, and a
cancel raises :class:`ImportCancelled` after rolling everything back.
"""

from secretariat_app.exchange.compare import Counts
from secretariat_app.exchange.executor_report import export_executor_report
from secretariat_app.exchange.export import ExportResult, export_decisions
from secretariat_app.exchange.files import CsvOptions
from secretariat_app.exchange.importing import ImportPlan, ImportSummary, apply_import, plan_import
from secretariat_app.exchange.problems import (
    ImportCancelled,
    ImportFileError,
    ImportProblemsError,
    Problem,
)
from secretariat_app.exchange.template import write_template

__all__ = [
    "Counts",
    "CsvOptions",
    "ExportResult",
    "ImportCancelled",
    "ImportFileError",
    "ImportPlan",
    "ImportProblemsError",
    "ImportSummary",
    "Problem",
    "apply_import",
    "export_decisions",
    "export_executor_report",
    "plan_import",
    "write_template",
]

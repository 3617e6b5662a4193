"""The pages of the main window, in navigation order. The main window knows pages only through
this registry; each page is ``Page(context, parent=None)`` with ``retranslate()`` and listens to
``context.bus`` itself. A page's module is imported when the page is first shown, so start-up
does not pay for pages nobody has opened yet."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget

from secretariat_app.core.i18n import N_
from secretariat_app.ui.context import AppContext

PageFactory = Callable[[AppContext], QWidget]


class PageSpec(NamedTuple):
    key: str
    title: str  # marked with N_, translated when shown
    icon: str
    factory: PageFactory


def _factory(module: str, name: str) -> PageFactory:
    def build(context: AppContext) -> QWidget:
        page_class = getattr(importlib.import_module(module), name)
        return page_class(context)

    return build


def _page(key: str, title: str, icon: str, module: str, name: str) -> PageSpec:
    return PageSpec(key, title, icon, _factory(module, name))


PAGES: list[PageSpec] = [
    _page("dashboard", N_("Dashboard"), "dashboard", "secretariat_app.ui.views.dashboard", "DashboardView"),
    _page("forums", N_("Forums"), "forums", "secretariat_app.ui.views.forums_view", "ForumsView"),
    _page("decisions", N_("Decisions"), "decisions", "secretariat_app.ui.decisions_page", "DecisionsPage"),
    _page(
        "executors",
        N_("Regions & agencies"),
        "executors",
        "secretariat_app.ui.views.executors_view",
        "ExecutorsView",
    ),
    _page("reports", N_("Reports"), "reports", "secretariat_app.ui.views.report_dialog", "ReportsView"),
]

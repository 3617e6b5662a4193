"""The pages of the main window, in navigation order. The main window knows pages only through
this registry; each page is ``Page(context, parent=None)`` with ``retranslate()`` and listens to
``context.bus`` itself. Pages built elsewhere (``ui.views``) are listed when their module exists."""

from __future__ import annotations

import importlib
import importlib.util
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
    module: str


def _factory(module: str, name: str) -> PageFactory:
    def build(context: AppContext) -> QWidget:
        page_class = getattr(importlib.import_module(module), name)
        return page_class(context)

    return build


def _page(key: str, title: str, icon: str, module: str, name: str) -> PageSpec:
    return PageSpec(key, title, icon, _factory(module, name), module)


PAGES: list[PageSpec] = [
    _page("dashboard", N_("Dashboard"), "dashboard", "secretariat_app.ui.views.dashboard", "DashboardView"),
    _page("forums", N_("Forums"), "forums", "secretariat_app.ui.views.forums", "ForumsView"),
    _page("decisions", N_("Decisions"), "decisions", "secretariat_app.ui.decisions_page", "DecisionsPage"),
    _page(
        "executors",
        N_("Regions & agencies"),
        "executors",
        "secretariat_app.ui.views.executors",
        "ExecutorsView",
    ),
    _page("reports", N_("Reports"), "reports", "secretariat_app.ui.views.reports", "ReportsView"),
]


def _module_exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # the parent package is missing
        return False


def available_pages() -> list[PageSpec]:
    """The registered pages whose module is installed (the views come with another branch)."""
    return [spec for spec in PAGES if _module_exists(spec.module)]

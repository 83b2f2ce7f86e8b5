"""Wall pages, each one declaration: its name, title, default dwell, collector, builder and panels (a stable id per
panel and the source kinds it depends on, for the 数据滞后 marks).

Every module of this package that defines ``PAGE`` declares a built-in page; a configured page may also name a
module of its own (``[[wall.pages]] module = "…"``), which is how a site adds a page without touching this package.
The rotation (which pages, in what order, for how long) is the configuration's ``[wall] pages``; a page entry's
``title`` and ``dwell`` override the declaration's defaults.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from sqlalchemy import Connection

from callbacks.views.context import ViewContext
from config import Settings, WallPage
from layouts.pages import empty_page
from layouts.pages.sources import mark_sources
from layouts.static import freeze

log = logging.getLogger(__name__)

Collector = Callable[[Connection, ViewContext], Any]
Builder = Callable[[Any, bool], Any]
DEFAULT_DWELL_SECONDS = 30


@dataclass(frozen=True)
class Panel:
    """A panel of a page: ``key`` is the id its builder gives it (``layouts.components.panel(key=…)``)."""

    key: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PageDeclaration:
    """One wall page: ``collect`` turns the metric layer into the page's view (a plain dataclass), ``build`` turns
    the view into components (``interactive`` False on the wall). ``collect``/``build`` are None only for a
    configured name that no module declares: it shows a placeholder."""

    name: str
    title: str
    collect: Collector | None
    build: Builder | None
    panels: tuple[Panel, ...] = ()
    dwell: int = DEFAULT_DWELL_SECONDS

    def render(self, view: Any, interactive: bool = False) -> Any:
        """The page's children, each declared panel marked with its sources; a missing view or builder shows a
        placeholder, never breaks."""
        if self.build is None or view is None:
            return empty_page(self.name)
        sources = {panel.key: panel.sources for panel in self.panels}
        return freeze(mark_sources(sources, self.build(view, interactive)))


def _declared_in(module_name: str) -> PageDeclaration:
    page = getattr(importlib.import_module(module_name), "PAGE", None)
    if not isinstance(page, PageDeclaration):
        raise LookupError(f"模块 {module_name} 中没有页面声明 PAGE")
    return page


@cache
def built_in_pages() -> dict[str, PageDeclaration]:
    """Every page declared by a module of this package, by name."""
    package = __name__.rsplit(".", 1)[0]
    found = {}
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        page = getattr(importlib.import_module(f"{package}.{info.name}"), "PAGE", None)
        if isinstance(page, PageDeclaration):
            found[page.name] = page
    return found


def _resolve(entry: WallPage) -> PageDeclaration:
    declared = built_in_pages().get(entry.name)
    if entry.module:
        try:
            declared = _declared_in(entry.module)
        except (ImportError, LookupError) as exc:
            log.error("大屏页面 %s 的模块 %s 无法载入：%s", entry.name, entry.module, exc)
            declared = None
    if declared is None:
        log.warning("大屏页面 %s 没有页面声明，显示占位内容", entry.name)
        declared = PageDeclaration(entry.name, entry.name, None, None)
    return replace(declared, name=entry.name, title=entry.title or declared.title, dwell=entry.dwell or declared.dwell)


def wall_pages(settings: Settings) -> tuple[PageDeclaration, ...]:
    """The configured rotation as declarations, in config order, with the configured titles and dwell times."""
    return tuple(_resolve(entry) for entry in settings.wall_pages)


def collectors(settings: Settings) -> Mapping[str, Collector]:
    """Each configured page's collector by page name (pages without one are left out)."""
    return {page.name: page.collect for page in wall_pages(settings) if page.collect is not None}

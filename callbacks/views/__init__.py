"""Page views: each page's collector turns metric-layer results into the plain values its layout builder takes.

``ViewCache`` builds every page of one data version (and day) once and shares it with every browser; a refresh
that finds the same version costs a dictionary lookup.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from callbacks.views import appeals, clearance, economy, evaluation, overview, projects
from callbacks.views.context import ViewContext
from config import Settings
from data.engine import Store
from data.version import data_version
from layouts.pages import build_page

log = logging.getLogger(__name__)

Collector = Callable[[Any, ViewContext], Any]

COLLECTORS: dict[str, Collector] = {
    "overview": overview.collect,
    "appeals": appeals.collect,
    "projects": projects.collect,
    "clearance": clearance.collect,
    "evaluation": evaluation.collect,
    "economy": economy.collect,
}


class ViewCache:
    """The pages' children for the current (data version, day), built at most once per key and view kind."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()
        self._key: tuple[int, str] | None = None
        self._views: dict[str, Any] = {}
        self._pages: dict[bool, list[Any]] = {}
        self.builds = 0

    def _refresh(self) -> tuple[int, str]:
        context = ViewContext.now(self.settings)
        with self.store.read() as conn:
            key = (data_version(conn), context.today.isoformat())
            if key == self._key:
                return key
            views: dict[str, Any] = {}
            for page in self.settings.wall_pages:
                collect = COLLECTORS.get(page.name)
                try:
                    views[page.name] = collect(conn, context) if collect else None
                except Exception:
                    log.exception("页面 %s 的数据计算失败", page.name)
                    views[page.name] = None
        self._key, self._views, self._pages = key, views, {}
        self.builds += 1
        return key

    def pages(self, interactive: bool = False) -> tuple[tuple[int, str], list[Any]]:
        """The children of every configured page, in config order, for the current data."""
        with self._lock:
            key = self._refresh()
            if interactive not in self._pages:
                self._pages[interactive] = [
                    build_page(page.name, self._views.get(page.name), interactive) for page in self.settings.wall_pages
                ]
            return key, self._pages[interactive]

    def view(self, name: str) -> Any:
        with self._lock:
            self._refresh()
            return self._views.get(name)

"""The wall's stale-while-revalidate view cache: one background builder per process, requests never wait for it.

A *snapshot* holds every page's view (each string in it scrubbed of personal data by ``data.privacy``) and children
for one (data version, clock mark) key, plus each source's as-of time at that version. Requests read the latest
complete snapshot; the builder thread checks the key every few seconds (and when a request nudges it) and swaps in a
new snapshot only once it is completely built. A page whose collector raises keeps its previous good view. Only
before the very first build does a request wait (bounded).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dash import Patch, no_update
from sqlalchemy import Connection

from callbacks.views.check import check_overview
from callbacks.views.context import ViewContext
from callbacks.views.holds import Guard
from callbacks.views.pages import Collector, wall_pages
from callbacks.views.patch import page_json, page_patch
from callbacks.views.saved import load_snapshot, save_snapshot
from config import Settings
from data.engine import Store, failure_reason
from data.privacy import Scrubber, check_fields, scrubber
from data.reconcile import CheckResult
from data.version import data_version, deadline_mark, source_as_of
from layouts.pages import loading_page

log = logging.getLogger(__name__)

ViewKey = tuple[int, str]
CHECK_SECONDS = 3.0
FIRST_BUILD_WAIT_SECONDS = 45.0
RECHECK_SECONDS = 900.0


def key_token(key: ViewKey) -> str:
    """The served views' version as the browsers see it: data version and clock mark, e.g. ``"42@2026-11-28"`` or
    ``"42@2026-11-28+14:00:00"``."""
    return f"{key[0]}@{key[1]}"


@dataclass
class Snapshot:
    """One complete build: the views of every page, the wall's page children, and the sources' as-of times."""

    key: ViewKey
    views: dict[str, Any]
    source_as_of: dict[str, datetime]
    pages: dict[bool, list[Any]] = field(default_factory=dict)
    built_seconds: float = 0.0
    wall_json: list[Any] | None = None
    patches: dict[int, Patch | None] = field(default_factory=dict)
    check: CheckResult | None = None

    @property
    def token(self) -> str:
        return key_token(self.key)


class ViewCache:
    """The latest complete :class:`Snapshot`, rebuilt in the background when the data version or the clock mark
    (``data.version.deadline_mark``) changes."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        collectors: Mapping[str, Collector],
        check_seconds: float = CHECK_SECONDS,
        first_build_wait: float = FIRST_BUILD_WAIT_SECONDS,
        guard: Guard | None = None,
    ) -> None:
        """``guard``: run on every build's views before they are rendered (``callbacks.views.holds``)."""
        self.store, self.settings, self.collectors = store, settings, collectors
        self.guard = guard
        self.wall_pages = wall_pages(settings)
        check_fields(settings.personal_name_fields)
        self.check_seconds, self.first_build_wait = check_seconds, first_build_wait
        self.builds = 0
        self._snapshot: Snapshot | None = None
        self._previous: Snapshot | None = None
        self._build_lock = threading.Lock()
        self._pages_lock = threading.Lock()
        self._nudge = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.offline: str | None = None  # why the database cannot be read, while it cannot
        self.scrubber: Scrubber | None = None  # the latest build's (it knows the names then held); None before it

    # --- the builder ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start this process's builder thread (idempotent); its first round is the warm-up build."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="battlemap-view-builder", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped = True
        self._nudge.set()

    def nudge(self) -> None:
        """Ask the builder to check the key now instead of at its next tick; many nudges coalesce into one check."""
        self._nudge.set()

    def _run(self) -> None:
        while not self._stopped:
            with suppress(Exception):  # logged once by _go_offline when it began; the last good data stays up
                self.refresh()
            self._nudge.wait(self.check_seconds)
            self._nudge.clear()

    def current_key(self) -> ViewKey:
        """The key the views should have now: the data version and the clock's mark (the day, and the latest appeal
        due time passed today) — two tiny queries."""
        now = ViewContext.current(self.settings).now
        with self.store.read() as conn:
            return data_version(conn), deadline_mark(conn, now)

    def refresh(self) -> bool:
        """Build a new snapshot if the key moved on; True when one was swapped in. At most one build at a time:
        a caller arriving during a build waits for it and then finds the key current. When the database cannot be
        read, ``offline`` says why and the last good snapshot stays (from disk if this process has none yet)."""
        with self._build_lock:
            try:
                key = self.current_key()
                if self._snapshot is not None and self._snapshot.key == key:
                    self.offline = None
                    return False
                snapshot = self._build(key)
            except Exception as exc:
                self._go_offline(exc)
                raise
            self._previous, self._snapshot = self._snapshot, snapshot
            self.offline = None
            self.builds += 1
            self._ready.set()
            save_snapshot(self.settings.instance_dir, (snapshot.key, snapshot.views, snapshot.source_as_of))
            log.info("大屏数据已更新到版本 %s（%.1f 秒）", snapshot.token, snapshot.built_seconds)
            return True

    def _go_offline(self, exc: Exception) -> None:
        if self.offline is None:
            log.error("大屏数据后台构建失败，继续显示上一版数据", exc_info=exc)
        self.offline = failure_reason(exc)
        if self._snapshot is None:
            saved = load_snapshot(self.settings.instance_dir)
            if saved is not None:
                self._snapshot = Snapshot(*saved)
                self._snapshot.pages[False] = self._page_children(self._snapshot.views, interactive=False)
                log.warning("数据库不可用（%s），大屏显示上次保存的数据（版本 %s）", self.offline, self._snapshot.token)
        self._ready.set()  # requests take the last good snapshot (or placeholders) instead of waiting for a build

    def _build(self, key: ViewKey) -> Snapshot:
        started = time.perf_counter()
        context = ViewContext.current(self.settings)
        previous = self._snapshot.views if self._snapshot is not None else {}
        views: dict[str, Any] = {}
        with self.store.read() as conn:
            per_source = source_as_of(conn)
            self.scrubber = scrubber(conn, self.settings.personal_name_fields)
            scrub = self.scrubber.scrub
            for page in self.wall_pages:
                collect = self.collectors.get(page.name)
                try:
                    views[page.name] = scrub(collect(conn, context)) if collect else None
                except Exception:
                    log.exception("页面 %s 的数据计算失败，保留上一版", page.name)
                    views[page.name] = previous.get(page.name)
            check = self._check(conn, context, key, views.get("overview"))
        if self.guard is not None:
            views = self.guard(views, previous, key_token(key), per_source)
        snapshot = Snapshot(key, views, per_source, check=check)
        snapshot.pages[False] = self._page_children(views, interactive=False)
        snapshot.built_seconds = time.perf_counter() - started
        return snapshot

    def _check(self, conn: Connection, context: ViewContext, key: ViewKey, view: Any) -> CheckResult | None:
        """The reconciliation check of the 总览 just built — once per data version (and again after
        ``RECHECK_SECONDS``): it counts over the facts, which the wall's own reads avoid."""
        last = self._snapshot.check if self._snapshot is not None else None
        fresh = last is not None and self._snapshot is not None and self._snapshot.key[0] == key[0]
        if view is None or (fresh and last and (context.now - last.checked_at).total_seconds() < RECHECK_SECONDS):
            return last
        try:
            result = check_overview(conn, context, view)
        except Exception:
            log.exception("核对总览数字失败")
            return last
        if not result.ok:
            log.warning(
                "总览数字与明细重算不一致：%s",
                "；".join(f"{d.label} 显示 {d.served}，明细 {d.facts}" for d in result.differences),
            )
        return result

    def last_check(self) -> CheckResult | None:
        """The latest reconciliation of the served 总览 against the facts (None before the first build)."""
        return self._snapshot.check if self._snapshot is not None else None

    def _page_children(self, views: Mapping[str, Any], interactive: bool) -> list[Any]:
        pages = []
        for page in self.wall_pages:
            try:
                pages.append(page.render(views.get(page.name), interactive))
            except Exception:
                log.exception("页面 %s 的版面生成失败", page.name)
                pages.append(page.render(None, interactive))
        return pages

    # --- what requests read -----------------------------------------------------------------------------------

    def snapshot(self, wait: bool = False) -> Snapshot | None:
        """The latest complete snapshot, at once; with ``wait``, before the first build only, up to
        ``first_build_wait`` seconds for it. Every call nudges the builder (and starts it if it is not running)."""
        self.start()
        self.nudge()
        if self._snapshot is None and wait:
            self._ready.wait(self.first_build_wait)
        return self._snapshot

    def pages(self, interactive: bool = False) -> tuple[ViewKey | None, list[Any]]:
        """The children of every configured page, in config order, from the latest complete build; loading
        placeholders if the first build is not done within the bounded wait."""
        snapshot = self.snapshot(wait=True)
        if snapshot is None:
            return None, [loading_page() for _page in self.wall_pages]
        with self._pages_lock:
            if interactive not in snapshot.pages:
                snapshot.pages[interactive] = self._page_children(snapshot.views, interactive)
        return snapshot.key, snapshot.pages[interactive]

    def page_updates(
        self, indices: list[int], rendered: Mapping[str, str]
    ) -> tuple[list[Any], dict[str, str], str | None]:
        """What to send the wall for the pages ``indices`` it asks for, given ``rendered`` (page index → the build
        token it shows): per configured page the page whole, a ``Patch`` from the previous build when the browser
        shows that one and only leaves changed, or ``no_update`` (not asked for, or already current); and the
        browser's new rendered map, and the token of the build sent (None before the first build, when the pages
        asked for get placeholders, not recorded as rendered)."""
        updates: list[Any] = [no_update] * len(self.wall_pages)
        shown = dict(rendered)
        snapshot = self.snapshot(wait=True)
        for index in (i for i in indices if 0 <= i < len(updates)):
            if snapshot is None:
                updates[index] = loading_page()
            elif shown.get(str(index)) != snapshot.token:
                previous = self._previous
                from_previous = previous is not None and shown.get(str(index)) == previous.token
                patch = self._patch(previous, snapshot, index) if from_previous else None
                updates[index] = patch if patch is not None else snapshot.pages[False][index]
                shown[str(index)] = snapshot.token
        return updates, shown, snapshot.token if snapshot is not None else None

    def _patch(self, previous: Snapshot | None, snapshot: Snapshot, index: int) -> Patch | None:
        with self._pages_lock:
            if index not in snapshot.patches and previous is not None:
                for build in (previous, snapshot):
                    if build.wall_json is None:
                        build.wall_json = [page_json(children) for children in build.pages[False]]
                assert previous.wall_json is not None and snapshot.wall_json is not None
                snapshot.patches[index] = page_patch(previous.wall_json[index], snapshot.wall_json[index])
            return snapshot.patches.get(index)

    def view(self, name: str) -> Any:
        snapshot = self.snapshot(wait=True)
        return snapshot.views.get(name) if snapshot is not None else None

    def wait_ready(self, timeout: float) -> bool:
        """Block until a first snapshot exists (tests, benchmarks)."""
        self.start()
        return self._ready.wait(timeout)

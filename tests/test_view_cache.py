"""The wall's stale-while-revalidate view cache: requests never wait for a rebuild, a failing page keeps its last
good view, a new data version is served only once its build is complete, and there is never more than one build."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import Connection, update

from callbacks.status import read_status
from callbacks.views import ViewCache
from callbacks.views.context import ViewContext
from config import Settings, WallPage
from data.engine import Store
from data.schema import DataVersion
from data.version import data_version
from tests.store_fixtures import fresh_store


class Gated:
    """A collector whose view is the data version it saw; it can be made to fail or to block on an Event, and it
    records how many calls ran at once."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.fail = False
        self.running = 0
        self.most_at_once = 0
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, conn: Connection, _context: ViewContext) -> int:
        with self._lock:
            self.running += 1
            self.calls += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            self.entered.set()
            assert self.gate.wait(10), "test gate never opened"
            if self.fail:
                raise RuntimeError("collector broke")
            return data_version(conn)
        finally:
            with self._lock:
                self.running -= 1


@pytest.fixture
def store_settings(tmp_path) -> Iterator[tuple[Store, Settings]]:  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False)
    pages = (WallPage("overview", "总览", 30), WallPage("appeals", "企业诉求", 30))
    yield store, replace(settings, wall_pages=pages)
    store.dispose()


def _bump(store: Store) -> None:
    with store.write() as conn:
        conn.execute(update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1))


def _cache(store: Store, settings: Settings, overview: Gated, appeals: Gated, **options: float) -> ViewCache:
    return ViewCache(store, settings, {"overview": overview, "appeals": appeals}, **options)


def test_a_failing_collector_keeps_the_previous_good_view(store_settings, caplog) -> None:  # type: ignore[no-untyped-def]
    store, settings = store_settings
    overview, appeals = Gated(), Gated()
    cache = _cache(store, settings, overview, appeals)
    assert cache.refresh()
    assert (cache.view("overview"), cache.view("appeals")) == (0, 0)

    appeals.fail = True
    _bump(store)
    cache.refresh()  # builds version 1, or waits for the builder thread doing it

    assert cache.snapshot().key[0] == 1
    assert (cache.view("overview"), cache.view("appeals")) == (1, 0)  # the broken page keeps version 0's view
    assert "页面 appeals 的数据计算失败" in caplog.text and "collector broke" in caplog.text
    cache.stop()


def test_a_new_version_is_served_only_when_its_build_is_complete(store_settings) -> None:  # type: ignore[no-untyped-def]
    store, settings = store_settings
    overview, appeals = Gated(), Gated()
    cache = _cache(store, settings, overview, appeals, check_seconds=0.05)
    assert cache.wait_ready(10)
    old = cache.snapshot()
    assert old.key[0] == 0 and read_status(cache, settings)["version"] == old.token

    appeals.gate.clear()
    appeals.entered.clear()
    _bump(store)
    cache.nudge()
    assert appeals.entered.wait(5), "the builder never started the new build"

    started = time.perf_counter()
    for _ in range(20):  # every request during the build: the old build, at once
        key, pages = cache.pages()
        assert key == old.key and pages is old.pages[False]
        assert read_status(cache, settings)["version"] == old.token
    assert time.perf_counter() - started < 1.0
    assert cache.view("overview") == 0

    appeals.gate.set()
    deadline = time.monotonic() + 10
    while cache.snapshot().key[0] != 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.snapshot().key[0] == 1 and read_status(cache, settings)["version"] == cache.snapshot().token
    assert (cache.view("overview"), cache.view("appeals")) == (1, 1)
    cache.stop()


def test_the_builder_never_runs_two_builds_at_once(store_settings) -> None:  # type: ignore[no-untyped-def]
    store, settings = store_settings
    overview, appeals = Gated(), Gated()
    cache = _cache(store, settings, overview, appeals, check_seconds=0.01)
    assert cache.wait_ready(10)
    overview.gate.clear()
    overview.entered.clear()
    _bump(store)
    cache.nudge()
    assert overview.entered.wait(5)

    callers = [threading.Thread(target=cache.refresh) for _ in range(4)]  # direct callers race the builder
    for caller in callers:
        caller.start()
    for _ in range(50):  # requests nudging meanwhile coalesce
        cache.pages()
    time.sleep(0.2)
    overview.gate.set()
    for caller in callers:
        caller.join(10)

    assert overview.most_at_once == 1 and appeals.most_at_once == 1
    assert cache.builds == 2 and overview.calls == 2  # the warm-up and one build of version 1
    cache.stop()


def test_a_request_before_the_first_build_waits_for_it_bounded(store_settings) -> None:  # type: ignore[no-untyped-def]
    store, settings = store_settings
    overview, appeals = Gated(), Gated()
    overview.gate.clear()
    cache = _cache(store, settings, overview, appeals, first_build_wait=0.2)

    assert read_status(cache, settings)["version"] is None  # the status poll never waits
    key, pages = cache.pages()
    assert key is None and ["bm-page-loading" in page.className for page in pages] == [True, True]

    overview.gate.set()
    assert cache.wait_ready(10) and cache.pages()[0] == (0, cache.snapshot().key[1])
    cache.stop()

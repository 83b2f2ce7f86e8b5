"""The composition root: config → store (migrated; demo on first start) → Dash app → pages → callbacks → server.

``python app.py [--host H] [--port P] [--config FILE]`` is ``battlemap serve`` (one command-line parser: ``cli``).
Everything the browser loads is served from ``assets/`` and the Dash packages: no CDN, no outside fonts.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dash import Dash

import callbacks
from auth.web import install as install_auth
from config import Settings
from data.engine import Store, failure_reason, open_store
from data.status import use_colours
from etl.bootstrap import has_facts, prepare_store
from layouts.index_page import BattlemapDash
from server import install as install_server

ASSETS = Path(__file__).resolve().with_name("assets")
log = logging.getLogger("battlemap")
VIEWS_EXTENSION = "battlemap.views"  # the app's ViewCache, for tests and benchmarks


def create_app(settings: Settings, store: Store | None = None, start_views: bool = True) -> Dash:
    """Build the app on ``store`` (opened, migrated and seeded from ``settings`` when not given). With
    ``start_views`` the wall's view builder starts now (warm-up); a preforking server starts it in each worker."""
    if store is None:
        store = serving_store(settings)
    if settings.load_demo_on_empty and _is_empty(store):
        from etl.demo import load_demo

        log.warning("数据库为空，正在载入演示城市数据 …")
        load_demo(store, settings)
    use_colours(settings.status_colours)
    app = BattlemapDash(
        __name__,
        title=settings.title,
        update_title=None,
        assets_folder=str(ASSETS),
        serve_locally=True,
        external_scripts=[],
        external_stylesheets=[],
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    views = callbacks.register(app, store, settings)
    app.server.extensions[VIEWS_EXTENSION] = views
    if start_views:
        views.start()
    install_server(app.server, store, settings, views.last_check)
    install_auth(app.server, store, settings, app.callback_map)
    return app


def serving_store(settings: Settings) -> Store:
    """The store, migrated and seeded; if the database cannot be opened, read or upgraded (damaged, missing, a
    server down), the store as it is — the server starts anyway, the wall shows its last good snapshot and
    ``/health`` says ``down`` — and the reason is logged with what to do."""
    try:
        store, notes = prepare_store(settings)
    except Exception as exc:
        log.error(
            "数据库无法打开或升级（%s）：服务照常启动，大屏显示上次保存的数据，/health 报告 down。"
            "请运行 battlemap db check 检查数据库，必要时用 battlemap db restore 从备份恢复。原因：%s",
            failure_reason(exc),
            exc,
        )
        return open_store(settings.database_url, settings.database, settings.timezone)
    for note in notes:
        log.warning(note)
    return store


def _is_empty(store: Store) -> bool:
    """Whether nothing has been loaded yet; a database that cannot be read is not empty (no demo over it)."""
    try:
        return not has_facts(store)
    except Exception:
        return False


def serve(settings: Settings, host: str | None = None, port: int | None = None, debug: bool = False) -> None:
    """Create the app and serve it until interrupted (host and port default to the settings); runs the ETL
    scheduler in this process when ``[scheduler] in_app`` (not under ``debug``, whose reloader starts twice)."""
    app = create_app(settings)
    if settings.etl.scheduler_in_app and not debug:
        from etl.heartbeat import add_heartbeat_job
        from etl.scheduler import start_background_scheduler

        add_heartbeat_job(start_background_scheduler(settings), settings)
    app.run(host=host or settings.host, port=port or settings.port, debug=debug)


def build_for_workers(settings: Settings) -> tuple[Any, Callable[[], None]]:
    """For a preforking server: the WSGI app built once in the master (migrations, and the demo city on an empty
    store, run once), and what each forked worker runs first — drop the connections it inherited and start its own
    view builder (never a thread in the master, so no lock is forked while held)."""
    store = serving_store(settings)
    app = create_app(settings, store, start_views=False)

    def start_worker() -> None:
        store.writer.dispose(close=False)
        store.reader.dispose(close=False)
        app.server.extensions[VIEWS_EXTENSION].start()

    return app.server, start_worker


if __name__ == "__main__":
    from cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))

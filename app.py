"""The composition root: config → store (migrated; demo on first start) → Dash app → pages → callbacks → server.

``python app.py [--host H] [--port P]`` serves the dashboard; ``battlemap serve`` does the same through the CLI.
Everything the browser loads is served from ``assets/`` and the Dash packages: no CDN, no outside fonts.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from dash import Dash

import callbacks
from auth.web import install as install_auth
from config import Settings, load_settings
from data.engine import Store
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
        store, notes = prepare_store(settings)
        for note in notes:
            log.warning(note)
    if settings.load_demo_on_empty and not has_facts(store):
        from etl.demo import load_demo

        log.warning("数据库为空，正在载入演示城市数据 …")
        load_demo(store, settings)
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
    install_server(app.server, store, settings)
    install_auth(app.server, store, settings, app.callback_map)
    return app


def serve(settings: Settings, host: str | None = None, port: int | None = None, debug: bool = False) -> None:
    """Create the app and serve it until interrupted (host and port default to the settings); runs the ETL
    scheduler in this process when ``[scheduler] in_app`` (not under ``debug``, whose reloader starts twice)."""
    app = create_app(settings)
    if settings.etl.scheduler_in_app and not debug:
        from etl.heartbeat import add_heartbeat_job
        from etl.scheduler import start_background_scheduler

        add_heartbeat_job(start_background_scheduler(settings), settings)
    app.run(host=host or settings.host, port=port or settings.port, debug=debug)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="营商环境挂图作战大屏：/wall 大屏，/ 调度会视图")
    parser.add_argument("--host", help="监听地址（默认取配置 app.host）")
    parser.add_argument("--port", type=int, help="端口（默认取配置 app.port）")
    parser.add_argument("--config", help="配置文件（TOML）路径；默认取 BATTLEMAP_CONFIG")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve(load_settings(args.config), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())

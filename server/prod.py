"""``battlemap serve --prod``: the app under gunicorn (waitress on Windows) with workers and threads from
``[server]``, never with debugging on, and never running the scheduler — that is ``battlemap scheduler``.

The app is built once in the master process by the factory the caller passes (``app.build_for_workers``: the
composition root stays above this module), then the workers are forked; each runs the factory's worker start-up
(its own database connections and view builder).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from config import Settings
from exports.fonts import register_fonts

log = logging.getLogger("battlemap.server")

WorkerApp = Callable[[Settings], tuple[Any, Callable[[], None]]]
"""Builds the WSGI app in the master and returns it with what each forked worker runs first."""


class ProductionRefused(RuntimeError):
    """Production mode would start with debugging on; the message (Chinese) names each switch to turn off."""


def production_problems(settings: Settings, debug: bool) -> list[str]:
    """Why production mode must not start: every debugging switch that is on."""
    problems = []
    if debug:
        problems.append("命令行参数 --debug")
    if settings.server.debug:
        problems.append("配置 [server] debug = true")
    problems += [f"环境变量 {name}" for name in settings.server.debug_env]
    return problems


def check_production(settings: Settings, debug: bool) -> None:
    problems = production_problems(settings, debug)
    if problems:
        raise ProductionRefused(
            f"生产模式拒绝启动：调试功能已打开（{'、'.join(problems)}）。调试模式会向浏览器暴露错误详情和开发工具；"
            "请关闭上述开关，或不带 --prod 在本机调试"
        )


def _gunicorn_application(settings: Settings, bind: str, build: WorkerApp) -> Any:
    import gunicorn.http.wsgi
    from gunicorn.app.base import BaseApplication

    from server.security import SERVER_NAME

    gunicorn.http.wsgi.SERVER = SERVER_NAME  # gunicorn's own Server header, without a product name to probe for
    wsgi, start_worker = build(settings)
    server = settings.server

    def post_fork(_arbiter: Any, _worker: Any) -> None:
        start_worker()

    options = {
        "bind": bind,
        "workers": server.workers,
        "threads": server.threads,
        "worker_class": "gthread",
        "timeout": server.timeout,
        "graceful_timeout": server.graceful_timeout,
        "max_requests": server.max_requests,
        "max_requests_jitter": server.max_requests // 10,
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "battlemap",
        "post_fork": post_fork,
        "control_socket_disable": True,  # gunicorn ≥ 24: no shared ~/.gunicorn socket between instances
    }

    class Battlemap(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return wsgi

    return Battlemap()


def serve_production(
    settings: Settings, build: WorkerApp, host: str | None = None, port: int | None = None, debug: bool = False
) -> int:
    """Serve the app ``build`` makes until stopped; refuses (exit code 2) when any debugging switch is on."""
    try:
        check_production(settings, debug)
    except ProductionRefused as exc:
        print(exc, file=sys.stderr)
        return 2
    if settings.etl.scheduler_in_app:
        log.warning(
            "生产模式不在 Web 进程内运行定时导入（配置 [scheduler] in_app 仅用于单机 python app.py）；"
            "请另行运行 battlemap scheduler 服务（见 docs/deploy.md）"
        )
    # The brief's font is converted (first start) and loaded before any worker exists: a brief's time budget then
    # covers only work it can stop, and the workers inherit the loaded font.
    register_fonts(settings.instance_dir / "fonts")
    host, port = host or settings.host, port or settings.port
    if sys.platform == "win32":
        return _serve_waitress(settings, host, port, build)
    _gunicorn_application(settings, f"{host}:{port}", build).run()
    return 0


def _serve_waitress(settings: Settings, host: str, port: int, build: WorkerApp) -> int:
    try:
        from waitress import serve
    except ImportError:
        print("Windows 上的生产模式需要 waitress：python -m pip install waitress", file=sys.stderr)
        return 2
    wsgi, _start_worker = build(settings)  # one process: its view builder starts with the first request
    threads = settings.server.workers * settings.server.threads
    serve(wsgi, host=host, port=port, threads=threads, ident=None, channel_timeout=settings.server.timeout)
    return 0

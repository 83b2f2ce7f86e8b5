"""The ``battlemap`` command line: a thin layer over the library (serve, db, demo, etl …)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from auth.cli import register as register_user
from config import ConfigError, Settings, load_settings
from data.engine import StoreError
from etl.cli import register as register_etl
from etl.cli import register_scheduler
from server.cli import register_backup


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    if args.prod:
        from server.prod import serve_production

        return serve_production(settings, host=args.host, port=args.port, debug=args.debug)
    from app import serve

    serve(settings, host=args.host, port=args.port, debug=args.debug)
    return 0


def _db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    from etl.bootstrap import prepare_store

    store, notes = prepare_store(settings)
    for note in notes:
        print(note, file=sys.stderr)
    print(f"数据库已升级到最新结构：{store.url}")
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from etl.bootstrap import has_facts, prepare_store
    from etl.demo import load_demo, reset_store

    store, _notes = prepare_store(settings)
    if has_facts(store) and not args.reset:
        print("数据库中已有数据；如需清空并重新载入演示数据，请加 --reset", file=sys.stderr)
        return 1
    if args.reset:
        reset_store(store, settings)
    results = load_demo(store, settings, anchor=args.anchor, progress=sys.stderr)
    failed = [r for r in results if r.status != "loaded"]
    for r in results:
        print(f"{r.kind:15s} {r.status:7s} 新增 {r.rows_inserted:>7,d} 行  拒绝 {r.rows_rejected} 行")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="battlemap",
        description="营商环境挂图作战大屏：大屏与调度会看板、数据导入与演示数据。"
        " 数据库与配置由环境变量 BATTLEMAP_DATABASE_URL、BATTLEMAP_CONFIG 或 --config 指定。",
    )
    parser.add_argument("--config", help="配置文件（TOML）路径；默认取 BATTLEMAP_CONFIG，否则用内置演示城市配置")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="启动看板 Web 服务（首次启动且数据库为空时载入演示数据）",
        description="启动看板：/wall 为大屏，/ 为调度会视图。",
    )
    serve.add_argument("--host", help="监听地址（默认取配置 app.host，127.0.0.1）")
    serve.add_argument("--port", type=int, help="端口（默认取配置 app.port，8050）")
    serve.add_argument("--debug", action="store_true", help="开发模式：自动重载、显示 Dash 调试工具")
    serve.add_argument(
        "--prod",
        action="store_true",
        help="生产模式：gunicorn（Windows 上为 waitress），进程数与线程数取配置 [server]；不在进程内运行定时导入"
        "（另行运行 battlemap scheduler）；调试开关打开时拒绝启动",
    )
    serve.set_defaults(handler=_serve)

    db = commands.add_parser("db", help="数据库维护", description="数据库维护命令。")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    upgrade = db_commands.add_parser(
        "upgrade",
        help="创建或升级数据库结构并按配置写入维表（保留已有数据）",
        description="创建或升级数据库结构（Alembic 迁移），并按配置写入县区、部门、指标、工作日历。",
    )
    upgrade.set_defaults(handler=_db_upgrade)
    register_backup(db_commands)

    demo = commands.add_parser(
        "demo",
        help="载入演示城市（淮川市）一年的数据",
        description="按固定随机种子生成演示城市淮川市一年的数据，经与导入相同的装载流程写入数据库。",
    )
    demo.add_argument("--reset", action="store_true", help="先清空所有业务数据和导入记录，再载入演示数据")
    demo.add_argument("--anchor", help="演示数据的截至日期 YYYY-MM-DD（默认今天）")
    demo.set_defaults(handler=_demo)

    register_etl(commands)
    register_user(commands)
    register_scheduler(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    try:
        return args.handler(args, settings)
    except StoreError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

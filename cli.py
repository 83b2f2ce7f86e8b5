"""The ``battlemap`` command line: a thin layer over the library (serve, db, demo, etl …).

Every command's ``--help`` ends with its exit codes. Output piped into a reader that stops early
(``battlemap etl status | head -1``) ends quietly: the command finishes and exits with its own code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from auth.cli import register as register_user
from config import ConfigError, Settings, load_settings
from data.clock import log_in_zone
from data.engine import StoreError
from etl.awards_cli import register as register_awards
from etl.cli import ChineseHelp, register_calendar, register_scheduler
from etl.cli import register as register_etl
from etl.meeting_cli import register as register_meeting
from server.check_cli import register as register_check
from server.cli import register_backup


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    log_in_zone(settings.timezone)
    if args.prod:
        from app import build_for_workers
        from server.prod import serve_production

        return serve_production(settings, build_for_workers, host=args.host, port=args.port, debug=args.debug)
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


def _metrics(args: argparse.Namespace, _settings: Settings) -> int:
    from data.metrics.catalogue import METRICS, SURFACES, markdown

    if args.markdown:
        sys.stdout.write(markdown())
        return 0
    for m in METRICS:
        where = "、".join(SURFACES[s] for s in m.surfaces) or "内部指标"
        print(f"{m.key}  {m.name}（{m.unit}）  来源 {', '.join(m.sources)}  显示在 {where}\n    {m.summary}")
    return 0


EXIT_USAGE_TEXT = "2 用法错误（参数不对）或配置文件有误"
PIPE_TEXT = "输出被提前关闭（如 | head）时静默结束，退出码不变。"
# What exit 1 means, per command; a command whose description already lists its exit codes is left as it is.
EXIT_FAILURE = {
    "serve": "1 数据库无法打开或升级（原因见标准错误输出）",
    "db upgrade": "1 数据库无法打开、写入或升级",
    "db backup": "1 备份失败（目标文件已存在、目录不可写或 pg_dump 出错）",
    "db restore": "1 恢复失败（备份文件无效、当前数据库已有数据而未加 --force，或 pg_restore 出错）",
    "db check": "1 数据库已损坏或无法读取（问题和恢复方法见标准错误输出）",
    "demo": "1 数据库中已有数据而未加 --reset，或有一部分演示数据未能载入",
    "etl status": "1 数据库无法打开",
    "etl rejects": "1 没有这个编号的导入记录",
    "scheduler": "1 数据库无法打开（按 Ctrl+C 正常停止时为 0）",
    "user add": "1 用户已存在、密码太弱或两次输入不一致",
    "user passwd": "1 没有这个用户、密码太弱或两次输入不一致",
    "user role": "1 没有这个用户或角色无效",
    "user del": "1 没有这个用户",
    "user list": "1 数据库无法打开",
    "user sessions": "1 数据库无法打开",
    "user logout": "1 数据库无法打开",
    "calendar show": "1 数据库无法打开",
    "awards issue": "1 季度尚未结束、季度写法不对，或未写明原因和操作人",
    "awards list": "1 数据库无法打开",
    "meeting mark": "1 调度会日期还没有到，或数据库无法打开",
    "meeting list": "1 数据库无法打开",
    "check": "1 有数字不一致（逐项列出）或数据库无法打开",
}


def _subcommands(parser: argparse.ArgumentParser, path: str = "") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subcommands(sub, f"{path} {name}".strip())
    if path:
        yield path, parser


def _in_chinese(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = ChineseHelp
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "显示本帮助并退出"


def finish_help(parser: argparse.ArgumentParser) -> None:
    """Every command's ``--help`` in Chinese, ending with its exit codes (groups: 2 for a missing command)."""
    for path, sub in _subcommands(parser):
        _in_chinese(sub)
        described = "退出码" in (sub.description or "")
        groups = any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
        if groups:
            codes = f"退出码：见各命令的 --help；{EXIT_USAGE_TEXT}（如缺少命令）。"
        elif described:
            codes = ""
        else:
            codes = f"退出码：0 成功；{EXIT_FAILURE.get(path, '1 执行失败（原因见标准错误输出）')}；{EXIT_USAGE_TEXT}。"
        sub.epilog = f"{codes}{PIPE_TEXT}"
    _in_chinese(parser)
    parser.epilog = f"退出码：0 成功；1 执行失败；{EXIT_USAGE_TEXT}；各命令的 --help 列出其退出码。{PIPE_TEXT}"


class ClosedPipeTolerant:
    """stdout that, once its reader has gone (``| head``), drops the rest of the output instead of raising."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.closed_early = False

    def _gone(self) -> None:
        self.closed_early = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())  # the interpreter's last flush then writes nowhere
            os.close(devnull)
        except (OSError, ValueError):  # a stream without a file descriptor (tests' capture)
            pass

    def write(self, text: str) -> int:
        if not self.closed_early:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.closed_early:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


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
    serve.add_argument(
        "--config", default=argparse.SUPPRESS, help="配置文件（TOML）路径（同全局选项 --config，可写在 serve 之后）"
    )
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

    metrics = commands.add_parser(
        "metrics",
        help="列出指标目录：每个指标的名称、单位、口径、数据来源和显示位置",
        description="列出指标目录（data/metrics/catalogue.py）：每个指标的名称、单位、口径（取自定义它的函数的说明）、"
        "数据来源和显示位置。",
    )
    metrics.add_argument("--markdown", action="store_true", help="输出 Markdown 表格（即 docs/metrics.md）")
    metrics.set_defaults(handler=_metrics)

    register_etl(commands)
    register_user(commands)
    register_scheduler(commands)
    register_calendar(commands)
    register_awards(commands)
    register_meeting(commands)
    register_check(commands)
    finish_help(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    stdout = sys.stdout
    sys.stdout = guarded = ClosedPipeTolerant(stdout)
    try:
        code = args.handler(args, settings)
        guarded.flush()
        return code
    except StoreError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    finally:
        sys.stdout = stdout


if __name__ == "__main__":
    sys.exit(main())

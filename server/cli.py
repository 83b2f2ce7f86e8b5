"""``battlemap db backup PATH``, ``battlemap db restore PATH [--force]`` and ``battlemap db check``: a thin layer
over ``data.backup``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from config import Settings
from data.engine import Store, engine_url, open_store


def _with_store(settings: Settings, action: Callable[[Store], str]) -> int:
    """Run ``action`` on the configured database; print its message, or the error and exit 1."""
    from data.backup import BackupError

    store = open_store(settings.database_url, settings.database, settings.timezone)
    try:
        message = action(store)
    except BackupError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print(message)
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from data.backup import backup

    def run(store: Store) -> str:
        written = backup(store, Path(args.path))
        return f"已备份到 {written}（{written.stat().st_size:,d} 字节）"

    return _with_store(settings, run)


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from data.backup import restore

    def run(store: Store) -> str:
        restore(store, Path(args.path), force=args.force)
        return f"已从 {args.path} 恢复数据库；大屏将在下次轮询时刷新"

    return _with_store(settings, run)


RESTORE_HINT = (
    "恢复方法：先停止服务并把损坏的文件复制一份留存，再用最近一次 battlemap db backup 生成的备份恢复："
    "battlemap db restore 备份文件路径 --force，然后重新启动服务；备份之后导入的文件需重新导入"
)


def _check(_args: argparse.Namespace, settings: Settings) -> int:
    from data.backup import integrity_problems

    store = open_store(settings.database_url, settings.database, settings.timezone)
    try:
        problems = integrity_problems(store)
    except Exception as exc:  # the database cannot even be reached
        problems = [f"{type(exc).__name__}"]
    finally:
        store.dispose()
    if not problems:
        print(f"数据库完好（{engine_url(settings.database_url).render_as_string(hide_password=True)}）")
        return 0
    listed = "；".join(problems[:5]) + (f" 等 {len(problems)} 处" if len(problems) > 5 else "")
    print(f"错误：数据库已损坏或无法读取（{listed}）。\n{RESTORE_HINT}", file=sys.stderr)
    return 1


def register_backup(db_commands: argparse._SubParsersAction) -> None:
    """Add ``backup``, ``restore`` and ``check`` to the ``battlemap db`` group."""
    backup = db_commands.add_parser(
        "backup",
        help="备份数据库（看板运行时也可备份）",
        description="备份整个数据库：SQLite 用在线备份接口生成一致的副本文件；PostgreSQL 用 pg_dump -Fc。"
        "从不覆盖已有文件。",
    )
    backup.add_argument("path", metavar="PATH", help="备份文件路径（如 backup/battlemap-2026-11-27.db）")
    backup.set_defaults(handler=_backup)
    restore = db_commands.add_parser(
        "restore",
        help="从备份恢复数据库（覆盖当前数据需加 --force）",
        description="用 battlemap db backup 生成的备份替换当前数据库的全部内容（SQLite 经在线备份接口写回数据库文件；"
        "PostgreSQL 用 pg_restore --clean）。当前数据库已有数据时，不加 --force 拒绝执行。",
    )
    restore.add_argument("path", metavar="PATH", help="备份文件路径")
    restore.add_argument("--force", action="store_true", help="确认覆盖当前数据库中的数据")
    restore.set_defaults(handler=_restore)
    check = db_commands.add_parser(
        "check",
        help="检查数据库是否完好（损坏时说明如何从备份恢复）",
        description="检查数据库的完整性：SQLite 以只读方式运行 PRAGMA integrity_check；PostgreSQL 检查每张表能否读取。"
        "发现损坏时列出问题，并说明如何用 battlemap db restore 从备份恢复。",
    )
    check.set_defaults(handler=_check)

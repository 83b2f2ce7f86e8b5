"""``battlemap db backup PATH`` and ``battlemap db restore PATH [--force]``: a thin layer over ``data.backup``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from config import Settings
from data.engine import Store, open_store


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


def register_backup(db_commands: argparse._SubParsersAction) -> None:
    """Add ``backup`` and ``restore`` to the ``battlemap db`` group."""
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

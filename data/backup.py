"""Backups of the store and restores from them, safe while the app runs.

SQLite: the online backup API copies a consistent snapshot page by page (writers are not stopped for long), and a
restore copies the backup back into the live file the same way, so open connections simply see the restored data.
PostgreSQL: ``pg_dump -Fc`` and ``pg_restore --clean --if-exists``, with the connection taken from the URL.
A restore moves the data version past both the old and the restored one, so every wall reloads its figures.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect, select, text, update
from sqlalchemy.engine import URL

from data.engine import Store, engine_url
from data.schema import DataVersion

INTEGRITY_LINES = 20


def integrity_problems(store: Store) -> list[str]:
    """What is wrong with the database, empty when nothing is. SQLite: ``PRAGMA integrity_check`` on the file
    (read-only; its first ``INTEGRITY_LINES`` findings); PostgreSQL: whether every table can be read."""
    if not store.is_sqlite:
        problems = []
        with store.reader.connect() as conn:
            for table in inspect(conn).get_table_names():
                try:
                    conn.execute(select(text("1")).select_from(text(f'"{table}"')).limit(1)).all()
                except Exception as exc:
                    problems.append(f"表 {table} 无法读取：{type(exc).__name__}")
                    conn.rollback()
        return problems
    path = _sqlite_file(store)
    if not path.is_file():
        return [f"数据库文件 {path} 不存在"]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({INTEGRITY_LINES})")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message (Chinese) says why and what to do."""


def _sqlite_file(store: Store) -> Path:
    database = engine_url(store.url).database
    if not database or database == ":memory:":
        raise BackupError("内存数据库无法备份或恢复")
    return Path(database)


def _copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _check_sqlite_backup(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"{path} 不是 SQLite 数据库文件（{exc}）；请确认选择的是 battlemap db backup 生成的备份"
        ) from exc
    if ok != "ok" or "alembic_version" not in tables:
        raise BackupError(f"{path} 不是完整的看板数据库备份（完整性检查：{ok}）；请换一个备份文件")


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise BackupError(
            f"找不到 PostgreSQL 工具 {name}；请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）"
        )
    return found


def _pg_env(url: URL) -> dict[str, str]:
    """libpq's environment for ``url`` (host and port may also come from the query, as for a Unix socket)."""
    values = {
        "PGHOST": url.host or url.query.get("host"),
        "PGPORT": str(url.port or url.query.get("port") or ""),
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}


def _run_pg(argv: list[str], url: URL, action: str) -> None:
    done = subprocess.run(argv, env=_pg_env(url), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            f"{action}失败（{Path(argv[0]).name} 退出码 {done.returncode}）：{done.stderr.strip()[-1000:]}"
        )


def backup(store: Store, path: Path) -> Path:
    """Write a backup of the whole store to ``path`` (SQLite: a database file; PostgreSQL: a pg_dump archive)."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} 已存在；请换一个文件名（备份从不覆盖已有文件）")
    if store.is_sqlite:
        _copy_sqlite(_sqlite_file(store), path)
    else:
        _run_pg([_pg_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(path)], engine_url(store.url), "备份")
    return path


def _version(store: Store) -> int:
    with store.read() as conn:
        if not inspect(conn).has_table(DataVersion.__tablename__):
            return 0
        return conn.execute(select(DataVersion.version).where(DataVersion.id == 1)).scalar() or 0


def has_data(store: Store) -> bool:
    """Whether the store holds a schema (a restore over it needs ``force``)."""
    if store.is_sqlite and not _sqlite_file(store).exists():
        return False
    with store.read() as conn:
        return inspect(conn).has_table("alembic_version")


def restore(store: Store, path: Path, *, force: bool = False) -> None:
    """Replace the store's contents with the backup at ``path``; refuses to overwrite a database unless ``force``."""
    path = path.resolve()
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}")
    if store.is_sqlite:
        _check_sqlite_backup(path)
    if has_data(store) and not force:
        raise BackupError(
            f"数据库 {store.writer.url.render_as_string(hide_password=True)} 中已有数据，恢复会覆盖它。"
            "确认要用备份替换当前数据时，请加 --force（建议先用 battlemap db backup 备份当前数据）"
        )
    before = _version(store) if has_data(store) else 0
    if store.is_sqlite:
        store.dispose()
        _copy_sqlite(path, _sqlite_file(store))
    else:
        argv = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run_pg([*argv, "-d", engine_url(store.url).database or "", str(path)], engine_url(store.url), "恢复")
    store.dispose()
    newer = max(before, _version(store)) + 1
    with store.write() as conn:
        conn.execute(update(DataVersion.__table__).where(DataVersion.id == 1).values(version=newer))

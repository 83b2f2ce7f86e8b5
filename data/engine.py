"""Connections to the store: one writer engine and one reader engine per database URL.

SQLite runs in WAL mode with a busy timeout and foreign keys on. pysqlite's own transaction handling is
switched off so that SQLAlchemy's ``begin`` really emits ``BEGIN``: the writer takes ``BEGIN IMMEDIATE``
(one writer at a time, DDL inside the transaction), readers take a deferred ``BEGIN`` and so read one
consistent snapshot without ever waiting on the writer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import OperationalError

from config.ops import DatabaseConfig
from data.clock import DEFAULT_TIMEZONE, local_now


class StoreError(RuntimeError):
    """The database cannot be used right now; the message (Chinese) says why and what to do, ``short`` says what
    happened in a few words (for public status documents: no path, no SQL)."""

    short = "数据库出错"


class DatabaseBusy(StoreError):
    """Another connection held SQLite's write lock through every wait."""

    short = "数据库写锁被占用"


class DiskFull(StoreError):
    """The disk holding the SQLite file filled up during a write; the transaction was rolled back whole."""

    short = "磁盘已满"


class ReadOnlyDatabase(StoreError):
    """The SQLite file (or its folder) cannot be written: a read-only disk, mount or file permission."""

    short = "数据库文件只读"


class DatabaseCorrupt(StoreError):
    """The SQLite file is damaged or is no database at all."""

    short = "数据库文件已损坏"


class QueryTimeout(StoreError):
    """A query ran past its request's time budget (``time_budget``) and SQLite stopped it."""

    short = "请求超时"


class DatabaseUnopenable(StoreError):
    """The SQLite file cannot be opened or created (a missing folder, a file where the folder should be)."""

    short = "无法打开数据库文件"


# SQLite's own words for each failure the store names (the driver's message, in any wrapping).
SIGNS: tuple[tuple[tuple[str, ...], type[StoreError]], ...] = (
    (("database or disk is full",), DiskFull),
    (("attempt to write a readonly database", "readonly database"), ReadOnlyDatabase),
    (("database disk image is malformed", "file is not a database", "file is encrypted"), DatabaseCorrupt),
    (("unable to open database file",), DatabaseUnopenable),
    (("interrupted", "canceling statement due to statement timeout"), QueryTimeout),
)
TIMEOUT_TEXT = "查询超过了本次请求的时限，已被中止（配置 [server] timeout）；请缩小筛选范围后重试"
PROGRESS_STEPS = 20_000  # SQLite virtual-machine steps between two looks at the time budget
_deadline: ContextVar[float | None] = ContextVar("battlemap_query_deadline", default=None)


def start_budget(seconds: float | None) -> Token[float | None]:
    """From now on, SQLite queries on this thread (or task) are stopped once ``seconds`` have passed (None: no
    limit); ``end_budget`` with the token ends it. A web request runs under ``[server] timeout``."""
    return _deadline.set(None if seconds is None else time.monotonic() + seconds)


def end_budget(token: Token[float | None]) -> None:
    _deadline.reset(token)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    token = start_budget(seconds)
    try:
        yield
    finally:
        end_budget(token)


def _over_budget() -> int:
    deadline = _deadline.get()
    return 1 if deadline is not None and time.monotonic() > deadline else 0


def check_budget() -> None:
    """Raise :class:`QueryTimeout` once this thread's time budget has run out: long work between queries (rendering
    a PDF) calls it as it goes, so the budget stops that work too, not only SQL."""
    if _over_budget():
        raise QueryTimeout(TIMEOUT_TEXT)


def _remaining_ms() -> int | None:
    deadline = _deadline.get()
    return None if deadline is None else max(1, int((deadline - time.monotonic()) * 1000))


def failure_kind(error: str) -> type[StoreError] | None:
    return next((kind for signs, kind in SIGNS if any(sign in error for sign in signs)), None)


def failure_reason(exc: BaseException) -> str:
    """What went wrong with the database, in a few Chinese words without SQL, driver text or paths (the full error
    belongs in the server's log)."""
    kind = type(exc) if isinstance(exc, StoreError) else failure_kind(str(exc))
    if kind is not None:
        return f"{kind.short}（详见服务器日志）"
    if isinstance(exc, OperationalError):
        return "数据库无法连接或读取（详见服务器日志）"
    return f"数据库出错：{type(exc).__name__}（详见服务器日志）"


def _is_locked(exc: OperationalError) -> bool:
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def _busy_message(url: str, patience: DatabaseConfig) -> str:
    return (
        f"数据库写锁被另一个连接占用（SQLite 文件 {make_url(url).database}）："
        f"已等待 {patience.busy_timeout_seconds:g} 秒、重试 {patience.busy_retries} 次仍未释放。"
        "可能有另一个导入、备份恢复或外部工具（如 DB Browser for SQLite）正在写入该文件；"
        "请等它结束或关闭该工具后再试（每次等待时间见配置 [database] busy_timeout_seconds）"
    )


def _sqlite_engine(url: str, begin_statement: str, patience: DatabaseConfig) -> Engine:
    timeout_ms = int(patience.busy_timeout_seconds * 1000)
    engine = create_engine(url, connect_args={"timeout": timeout_ms / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        dbapi_connection.set_progress_handler(_over_budget, PROGRESS_STEPS)

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> StoreError | None:
        kind, path = failure_kind(str(context.original_exception)), make_url(url).database
        if kind is DiskFull:
            return DiskFull(
                f"磁盘空间不足：数据库文件 {path} 所在的磁盘已满，本次写入已整体回滚，"
                "数据库保持写入前的状态。请清理该磁盘（或把 instance 目录移到更大的磁盘）后重新导入"
            )
        if kind is ReadOnlyDatabase:
            return ReadOnlyDatabase(
                f"数据库文件只读：{path}（或其所在目录、磁盘）不允许写入，本次未写入任何内容。"
                "请检查该文件和目录的权限（运行本程序的用户需可读写），以及磁盘是否以只读方式挂载"
            )
        if kind is DatabaseCorrupt:
            return DatabaseCorrupt(
                f"数据库文件已损坏：{path}。请运行 battlemap db check 检查，"
                "再用 battlemap db restore 备份文件 --force 从最近的备份恢复"
            )
        if kind is QueryTimeout:
            return QueryTimeout(TIMEOUT_TEXT)
        if kind is DatabaseUnopenable:
            return DatabaseUnopenable(
                f"无法打开数据库文件 {path}：请检查该路径（其目录须存在且可写，见配置 app.instance_dir / "
                "BATTLEMAP_DATABASE_URL）"
            )
        return None

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        """``BEGIN`` waits up to the busy timeout for the write lock, then is tried again ``busy_retries`` times
        (nothing has been written yet, so a retry is safe)."""
        for attempt in range(patience.busy_retries + 1):
            try:
                connection.exec_driver_sql(begin_statement)
                return
            except OperationalError as exc:
                if not _is_locked(exc):
                    raise
                if attempt == patience.busy_retries:
                    raise DatabaseBusy(_busy_message(url, patience)) from exc

    return engine


def _postgres_engine(url: URL) -> Engine:
    """A PostgreSQL engine whose transactions keep to the time budget: each begins with ``SET LOCAL
    statement_timeout`` to the budget's remaining milliseconds (none outside a budget), and a statement the server
    cancels for it is a :class:`QueryTimeout`."""
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        remaining = _remaining_ms()
        if remaining is not None:
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {remaining}")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> StoreError | None:
        timed_out = failure_kind(str(context.original_exception)) is QueryTimeout
        return QueryTimeout(TIMEOUT_TEXT) if timed_out else None

    return engine


@dataclass
class Store:
    """The database: ``writer`` for the ETL (one writer at a time), ``reader`` for queries; ``timezone`` is the
    city's, in which every time in the store is written (naive local times)."""

    url: str
    writer: Engine
    reader: Engine
    timezone: str = DEFAULT_TIMEZONE

    def now(self) -> datetime:
        """Now in the store's timezone, as the store keeps times."""
        return local_now(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.writer.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back entirely if it raises."""
        with self.writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction: every query in the block sees the same snapshot."""
        with self.reader.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.writer.dispose()
        self.reader.dispose()


def engine_url(url: str) -> URL:
    """``url`` with the driver the project installs: a bare ``postgresql://`` means psycopg 3, not psycopg2."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg") if parsed.drivername == "postgresql" else parsed


def open_store(url: str, patience: DatabaseConfig | None = None, timezone: str = DEFAULT_TIMEZONE) -> Store:
    """Open (not migrate) the database at ``url``; a SQLite file's folder is created if missing. ``patience``:
    how long a SQLite write waits for another writer (default 30 s, then two more tries); ``timezone``: the
    city's (``app.timezone``)."""
    parsed = engine_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            with suppress(OSError):  # a folder that cannot be made: the first connection says so (DatabaseUnopenable)
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        patience = patience or DatabaseConfig()
        writer = _sqlite_engine(url, "BEGIN IMMEDIATE", patience)
        return Store(url, writer, _sqlite_engine(url, "BEGIN", patience), timezone)
    return Store(url, _postgres_engine(parsed), _postgres_engine(parsed), timezone)

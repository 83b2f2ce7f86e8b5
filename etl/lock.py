"""The database-level import lock: one row in ``etl_lock`` means an import is running, whoever started it.

Taking the lock is one short write (an insert, or taking over a row whose time ran out), so it works the same
on SQLite and PostgreSQL and across processes and machines; it is released by deleting the row.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from config import Settings
from data.clock import local_now
from data.engine import Store
from data.schema import EtlLock

IMPORT_LOCK = "import"
POLL_SECONDS = 0.5


class ImportBusy(Exception):
    """Another import holds the lock; the message (Chinese) says who and since when."""


def lock_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def holder_is_gone(holder: str) -> bool:
    """Whether ``holder`` was a process of this machine that no longer runs (killed mid-import, say): its lock
    can be taken over at once instead of after ``lock_minutes``."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def try_acquire(store: Store, settings: Settings, holder: str, name: str = IMPORT_LOCK) -> Row | None:
    """Take the lock for ``holder``; returns ``None`` when taken, else the (holder, acquired_at) of its owner."""
    now = local_now(settings.timezone)
    expires = now + timedelta(minutes=settings.etl.lock_minutes)
    table = EtlLock.__table__
    try:
        with store.write() as conn:
            taken = conn.execute(
                update(table)
                .where(table.c.name == name, table.c.expires_at < now)
                .values(holder=holder, acquired_at=now, expires_at=expires)
            ).rowcount
            if taken:
                return None
            current = conn.execute(select(table.c.holder, table.c.acquired_at).where(table.c.name == name)).first()
            if current is not None and holder_is_gone(current.holder):
                conn.execute(
                    update(table)
                    .where(table.c.name == name, table.c.holder == current.holder)
                    .values(holder=holder, acquired_at=now, expires_at=expires)
                )
                return None
            if current is not None:
                return current
            conn.execute(insert(table).values(name=name, holder=holder, acquired_at=now, expires_at=expires))
            return None
    except IntegrityError:  # PostgreSQL: another process inserted the row between our select and insert
        with store.read() as conn:
            return conn.execute(select(table.c.holder, table.c.acquired_at).where(table.c.name == name)).first()


def release(store: Store, holder: str, name: str = IMPORT_LOCK) -> None:
    with store.write() as conn:
        conn.execute(delete(EtlLock.__table__).where(EtlLock.name == name, EtlLock.holder == holder))


def current_lock(store: Store, name: str = IMPORT_LOCK) -> dict | None:
    with store.read() as conn:
        row = conn.execute(select(EtlLock.holder, EtlLock.acquired_at, EtlLock.expires_at).where(EtlLock.name == name))
        first = row.first()
    return dict(first._mapping) if first else None


@contextmanager
def import_lock(store: Store, settings: Settings, wait_seconds: float = 0.0) -> Iterator[str]:
    """Hold the import lock for the block, waiting up to ``wait_seconds`` for a running import to finish."""
    holder = lock_holder()
    deadline = time.monotonic() + wait_seconds
    while (busy := try_acquire(store, settings, holder)) is not None:
        if time.monotonic() >= deadline:
            raise ImportBusy(
                f"另一个导入正在进行（{busy.holder}，{busy.acquired_at:%Y-%m-%d %H:%M:%S} 开始），"
                "同一时间只能有一个导入。请等它结束后再试"
            )
        time.sleep(POLL_SECONDS)
    try:
        yield holder
    finally:
        release(store, holder)

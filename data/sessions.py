"""Login sessions in the store: open one, find it by its token's hash, note activity, end one, a user's or the
expired ones, and list the open sessions for an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from data.schema import AppUser, LoginSession

SESSION = LoginSession.__table__
USER = AppUser.__table__


@dataclass(frozen=True)
class OpenSession:
    id: int
    username: str
    role: str
    created_at: datetime
    last_seen_at: datetime
    ip: str
    user_agent: str
    must_change_password: bool = False


_COLUMNS = (
    SESSION.c.id,
    USER.c.username,
    USER.c.role,
    SESSION.c.created_at,
    SESSION.c.last_seen_at,
    SESSION.c.ip,
    SESSION.c.user_agent,
    USER.c.must_change_password,
)


def open_session(conn: Connection, username: str, token_hash: str, ip: str, user_agent: str, now: datetime) -> None:
    user_id = conn.execute(select(USER.c.id).where(USER.c.username == username)).scalar_one()
    conn.execute(
        SESSION.insert().values(
            token_hash=token_hash,
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            ip=ip[:64],
            user_agent=user_agent[:200],
        )
    )


def find_session(conn: Connection, token_hash: str) -> OpenSession | None:
    query = (
        select(*_COLUMNS)
        .join(USER, USER.c.id == SESSION.c.user_id)
        .where(SESSION.c.token_hash == token_hash, USER.c.active.is_(True))
    )
    row = conn.execute(query).first()
    return OpenSession(*row) if row else None


def touch_session(conn: Connection, session_id: int, now: datetime) -> None:
    conn.execute(update(SESSION).where(SESSION.c.id == session_id).values(last_seen_at=now))


def end_session(conn: Connection, session_id: int) -> bool:
    return bool(conn.execute(delete(SESSION).where(SESSION.c.id == session_id)).rowcount)


def end_user_sessions(conn: Connection, username: str) -> int:
    """End every session of ``username``; how many there were."""
    user_ids = select(USER.c.id).where(USER.c.username == username).scalar_subquery()
    return int(conn.execute(delete(SESSION).where(SESSION.c.user_id == user_ids)).rowcount)


def end_expired_sessions(conn: Connection, idle_before: datetime, created_before: datetime) -> int:
    """End the sessions idle since before ``idle_before`` or opened before ``created_before``."""
    expired = (SESSION.c.last_seen_at < idle_before) | (SESSION.c.created_at < created_before)
    return int(conn.execute(delete(SESSION).where(expired)).rowcount)


def list_sessions(conn: Connection) -> list[OpenSession]:
    query = select(*_COLUMNS).join(USER, USER.c.id == SESSION.c.user_id)
    rows = conn.execute(query.order_by(SESSION.c.last_seen_at.desc())).all()
    return [OpenSession(*row) for row in rows]

"""The store's side of logins: account rows and recent login failures, read and written here only.

What an account may be (names, roles, passwords, the lock-out rule) is ``auth.users``; this module holds the SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, select, update

from data.schema import AppUser, LoginFailure, LoginSession
from data.sessions import end_user_sessions

USER = AppUser.__table__
FAILURE = LoginFailure.__table__
SESSION = LoginSession.__table__
_ACCOUNT_COLUMNS = (
    USER.c.username,
    USER.c.role,
    USER.c.created_at,
    USER.c.updated_at,
    USER.c.active,
    USER.c.must_change_password,
    USER.c.last_login_at,
)


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    created_at: datetime
    updated_at: datetime
    active: bool = True
    must_change_password: bool = False
    last_login_at: datetime | None = None


def get_account(conn: Connection, username: str) -> Account | None:
    row = conn.execute(select(*_ACCOUNT_COLUMNS).where(USER.c.username == username)).first()
    return Account(*row) if row else None


def all_accounts(conn: Connection) -> list[Account]:
    return [Account(*row) for row in conn.execute(select(*_ACCOUNT_COLUMNS).order_by(USER.c.username))]


def session_counts(conn: Connection) -> dict[str, int]:
    """How many sessions each account has open (accounts with none are left out)."""
    query = (
        select(USER.c.username, func.count())
        .select_from(SESSION.join(USER, USER.c.id == SESSION.c.user_id))
        .group_by(USER.c.username)
    )
    return {name: int(n) for name, n in conn.execute(query)}


def active_with_role(conn: Connection, role: str, excluding: str) -> int:
    """How many active accounts other than ``excluding`` have ``role``."""
    query = select(func.count()).where(USER.c.role == role, USER.c.active.is_(True), USER.c.username != excluding)
    return int(conn.execute(query.select_from(USER)).scalar_one())


def password_hash(conn: Connection, username: str) -> str | None:
    return conn.execute(select(USER.c.password_hash).where(USER.c.username == username)).scalar_one_or_none()


def insert_account(
    conn: Connection, username: str, role: str, password_hash: str, now: datetime, must_change: bool = False
) -> None:
    values = {"username": username, "role": role, "password_hash": password_hash, "must_change_password": must_change}
    conn.execute(USER.insert().values(**values, created_at=now, updated_at=now))


def update_account(conn: Connection, username: str, now: datetime, *, end_sessions: bool, **values: object) -> bool:
    """Change the columns ``values`` of ``username``'s row; ``end_sessions`` ends every session it has open (a
    cookie issued before no longer opens anything). False when there is no such account."""
    statement = update(USER).where(USER.c.username == username).values(**values, updated_at=now)
    changed = bool(conn.execute(statement).rowcount)
    if changed and end_sessions:
        end_user_sessions(conn, username)
    return changed


def note_login(conn: Connection, username: str, now: datetime) -> None:
    conn.execute(update(USER).where(USER.c.username == username).values(last_login_at=now))


def delete_account(conn: Connection, username: str) -> bool:
    """Remove ``username`` and end its sessions."""
    end_user_sessions(conn, username)
    return bool(conn.execute(delete(USER).where(USER.c.username == username)).rowcount)


def recent_failures(conn: Connection, ip: str, username: str, since: datetime) -> int:
    query = select(func.count()).where(FAILURE.c.ip == ip, FAILURE.c.username == username, FAILURE.c.at >= since)
    return int(conn.execute(query.select_from(FAILURE)).scalar_one())


def record_failure(conn: Connection, ip: str, username: str, at: datetime, forget_before: datetime) -> None:
    """Note a failed login, and forget failures older than ``forget_before`` (the table stays small)."""
    conn.execute(FAILURE.insert().values(ip=ip[:64], username=username, at=at))
    conn.execute(delete(FAILURE).where(FAILURE.c.at < forget_before))


def clear_failures(conn: Connection, ip: str, username: str) -> None:
    conn.execute(delete(FAILURE).where(FAILURE.c.ip == ip, FAILURE.c.username == username))

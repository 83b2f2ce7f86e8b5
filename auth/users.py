"""Accounts in the store: add, change password or role, delete, list, and check a login (rate-limited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, select, update

from auth.passwords import hash_password, needs_rehash, rehash, verify_password
from auth.roles import LOGIN_ROLES
from data.engine import Store
from data.schema import AppUser, LoginFailure

USER = AppUser.__table__
FAILURE = LoginFailure.__table__
# Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$0a0LQPfwH8KRLQCSX3Z3Vg$5L9oiiG5evG1unWD6CWSH2zDxQUPjhWCEXRh0vgsKHk"


class AccountError(ValueError):
    """An account change that cannot be made; the message says why."""


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    session_epoch: int
    created_at: datetime
    updated_at: datetime


def _check_role(role: str) -> None:
    if role not in LOGIN_ROLES:
        raise AccountError(f"角色应为 {' / '.join(LOGIN_ROLES)}（访客看大屏无需账号），收到 {role!r}")


def _check_name(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("用户名不能为空、不能含空格，最长 64 个字符")
    return name


def get_account(conn: Connection, username: str) -> Account | None:
    row = conn.execute(
        select(USER.c.username, USER.c.role, USER.c.session_epoch, USER.c.created_at, USER.c.updated_at).where(
            USER.c.username == username
        )
    ).first()
    return Account(*row) if row else None


def list_accounts(store: Store) -> list[Account]:
    with store.read() as conn:
        rows = conn.execute(
            select(USER.c.username, USER.c.role, USER.c.session_epoch, USER.c.created_at, USER.c.updated_at).order_by(
                USER.c.username
            )
        ).all()
    return [Account(*row) for row in rows]


def add_account(store: Store, username: str, role: str, password: str) -> Account:
    name = _check_name(username)
    _check_role(role)
    password_hash = hash_password(password)
    now = store.now()
    with store.write() as conn:
        if get_account(conn, name) is not None:
            raise AccountError(f"用户 {name} 已存在；改密码请用 battlemap user passwd")
        conn.execute(
            USER.insert().values(
                username=name, role=role, password_hash=password_hash, session_epoch=0, created_at=now, updated_at=now
            )
        )
        account = get_account(conn, name)
    assert account is not None
    return account


def _change(store: Store, username: str, **values: object) -> None:
    with store.write() as conn:
        changed = conn.execute(
            update(USER)
            .where(USER.c.username == username)
            .values(**values, session_epoch=USER.c.session_epoch + 1, updated_at=store.now())
        ).rowcount
    if not changed:
        raise AccountError(f"没有用户 {username}")


def set_password(store: Store, username: str, password: str) -> None:
    """A new password; every session of the user ends."""
    _change(store, username, password_hash=hash_password(password))


def set_role(store: Store, username: str, role: str) -> None:
    _check_role(role)
    _change(store, username, role=role)


def delete_account(store: Store, username: str) -> None:
    with store.write() as conn:
        if not conn.execute(delete(USER).where(USER.c.username == username)).rowcount:
            raise AccountError(f"没有用户 {username}")


@dataclass(frozen=True)
class LoginOutcome:
    """``account`` when the password was right; ``locked`` when too many recent failures refused the attempt."""

    account: Account | None
    locked: bool = False


def recent_failures(conn: Connection, ip: str, username: str, since: datetime) -> int:
    query = select(func.count()).where(FAILURE.c.ip == ip, FAILURE.c.username == username, FAILURE.c.at >= since)
    return int(conn.execute(query.select_from(FAILURE)).scalar_one())


def check_login(
    store: Store, username: str, password: str, ip: str, *, max_failures: int, window: timedelta
) -> LoginOutcome:
    """Verify a login. After ``max_failures`` failures from this IP for this user name within ``window`` every
    attempt is refused (right password or not) until the window has passed; a success clears the count."""
    name = username.strip()[:64]
    now = store.now()
    with store.read() as conn:
        if recent_failures(conn, ip, name, now - window) >= max_failures:
            return LoginOutcome(None, locked=True)
        row = conn.execute(select(USER.c.password_hash).where(USER.c.username == name)).first()
    ok = verify_password(row.password_hash if row else _DUMMY_HASH, password) and row is not None
    with store.write() as conn:
        if not ok:
            conn.execute(FAILURE.insert().values(ip=ip[:64], username=name, at=now))
            conn.execute(delete(FAILURE).where(FAILURE.c.at < now - 4 * window))
            return LoginOutcome(None)
        conn.execute(delete(FAILURE).where(FAILURE.c.ip == ip, FAILURE.c.username == name))
        if row is not None and needs_rehash(row.password_hash):
            conn.execute(update(USER).where(USER.c.username == name).values(password_hash=rehash(password)))
        return LoginOutcome(get_account(conn, name))

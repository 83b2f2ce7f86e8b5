"""Accounts: add, change password or role, delete, list, and check a login (rate-limited) — the rules; the rows
are read and written by ``data.accounts``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from auth.passwords import hash_password, needs_rehash, rehash, verify_password
from auth.roles import LOGIN_ROLES
from data import accounts
from data.accounts import Account
from data.engine import Store

# Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$0a0LQPfwH8KRLQCSX3Z3Vg$5L9oiiG5evG1unWD6CWSH2zDxQUPjhWCEXRh0vgsKHk"

__all__ = [
    "Account",
    "AccountError",
    "LoginOutcome",
    "add_account",
    "check_login",
    "delete_account",
    "list_accounts",
    "set_password",
    "set_role",
]


class AccountError(ValueError):
    """An account change that cannot be made; the message says why."""


def _check_role(role: str) -> None:
    if role not in LOGIN_ROLES:
        raise AccountError(f"角色应为 {' / '.join(LOGIN_ROLES)}（访客看大屏无需账号），收到 {role!r}")


def _check_name(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("用户名不能为空、不能含空格，最长 64 个字符")
    return name


def list_accounts(store: Store) -> list[Account]:
    with store.read() as conn:
        return accounts.all_accounts(conn)


def add_account(store: Store, username: str, role: str, password: str) -> Account:
    name = _check_name(username)
    _check_role(role)
    password_hash = hash_password(password)
    with store.write() as conn:
        if accounts.get_account(conn, name) is not None:
            raise AccountError(f"用户 {name} 已存在；改密码请用 battlemap user passwd")
        accounts.insert_account(conn, name, role, password_hash, store.now())
        account = accounts.get_account(conn, name)
    assert account is not None
    return account


def _change(store: Store, username: str, **values: object) -> None:
    """Change an account and end every session it has open."""
    with store.write() as conn:
        changed = accounts.update_account(conn, username, store.now(), end_sessions=True, **values)
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
        if not accounts.delete_account(conn, username):
            raise AccountError(f"没有用户 {username}")


@dataclass(frozen=True)
class LoginOutcome:
    """``account`` when the password was right; ``locked`` when too many recent failures refused the attempt."""

    account: Account | None
    locked: bool = False


def check_login(
    store: Store, username: str, password: str, ip: str, *, max_failures: int, window: timedelta
) -> LoginOutcome:
    """Verify a login. After ``max_failures`` failures from this IP for this user name within ``window`` every
    attempt is refused (right password or not) until the window has passed; a success clears the count."""
    name = username.strip()[:64]
    now = store.now()
    with store.read() as conn:
        if accounts.recent_failures(conn, ip, name, now - window) >= max_failures:
            return LoginOutcome(None, locked=True)
        stored = accounts.password_hash(conn, name)
    ok = verify_password(stored or _DUMMY_HASH, password) and stored is not None
    with store.write() as conn:
        if not ok:
            accounts.record_failure(conn, ip, name, now, forget_before=now - 4 * window)
            return LoginOutcome(None)
        accounts.clear_failures(conn, ip, name)
        if stored is not None and needs_rehash(stored):
            accounts.update_account(conn, name, now, end_sessions=False, password_hash=rehash(password))
        return LoginOutcome(accounts.get_account(conn, name))

"""Accounts: add, disable or enable, change password or role, reset a password, delete, list, and check a login
(rate-limited) — the rules, each change written to the audit log under the one who made it (``actor``: an account
name, or ``命令行``); the rows are read and written by ``data.accounts``."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection

from auth.passwords import hash_password, needs_rehash, rehash, verify_password
from auth.roles import ADMIN, LOGIN_ROLES, ROLE_LABELS
from data import accounts, audit
from data.accounts import Account
from data.audit import CLI_ACTOR, UNKNOWN_ACTOR
from data.engine import Store

# Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$0a0LQPfwH8KRLQCSX3Z3Vg$5L9oiiG5evG1unWD6CWSH2zDxQUPjhWCEXRh0vgsKHk"
# A temporary password: letters and digits without the look-alikes 0/O, 1/l/I.
_TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_LENGTH = 12

__all__ = [
    "Account",
    "AccountError",
    "LoginOutcome",
    "add_account",
    "change_own_password",
    "check_login",
    "delete_account",
    "list_accounts",
    "reset_password",
    "set_active",
    "set_password",
    "set_role",
    "temporary_password",
    "verify_own_password",
]


class AccountError(ValueError):
    """An account change that cannot be made; the message says why."""


LAST_ADMIN_TEXT = "{name} 是最后一个启用的管理员账号，不能停用、降为其他角色或删除；请先另设一位管理员"


def _check_role(role: str) -> None:
    if role not in LOGIN_ROLES:
        raise AccountError(f"角色应为 {' / '.join(LOGIN_ROLES)}（访客看大屏无需账号），收到 {role!r}")


def _check_name(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("用户名不能为空、不能含空格，最长 64 个字符")
    return name


def _not_self(actor: str, username: str, what: str) -> None:
    if actor == username:
        raise AccountError(f"不能{what}自己的账号；请另一位管理员操作")


def _keep_an_admin(conn: Connection, before: Account, stays_admin: bool) -> None:
    """Refuse to disable, demote or delete the last active admin (nobody could manage the accounts on the web)."""
    last = before.role == ADMIN and before.active and not accounts.active_with_role(conn, ADMIN, before.username)
    if last and not stays_admin:
        raise AccountError(LAST_ADMIN_TEXT.format(name=before.username))


def list_accounts(store: Store) -> list[Account]:
    with store.read() as conn:
        return accounts.all_accounts(conn)


def temporary_password() -> str:
    return "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH))


def add_account(
    store: Store, username: str, role: str, password: str, actor: str = CLI_ACTOR, *, must_change: bool = False
) -> Account:
    """A new account; with ``must_change`` (an admin's temporary password) the user sets their own at first login."""
    name = _check_name(username)
    _check_role(role)
    password_hash = hash_password(password)
    with store.write() as conn:
        if accounts.get_account(conn, name) is not None:
            raise AccountError(f"用户 {name} 已存在；改密码请用 battlemap user passwd")
        now = store.now()
        accounts.insert_account(conn, name, role, password_hash, now, must_change)
        audit.record(conn, now, actor, "user.add", name, ROLE_LABELS[role])
        account = accounts.get_account(conn, name)
    assert account is not None
    return account


def _change(store: Store, username: str, actor: str, action: str, detail: str, **values: object) -> Account:
    """Change an account, end every session it has open and audit it; the account as it was before."""
    with store.write() as conn:
        before = accounts.get_account(conn, username)
        if before is None:
            raise AccountError(f"没有用户 {username}")
        _keep_an_admin(conn, before, values.get("role", before.role) == ADMIN and values.get("active", before.active))
        now = store.now()
        accounts.update_account(conn, username, now, end_sessions=True, **values)
        audit.record(conn, now, actor, action, username, detail)
    return before


def set_password(store: Store, username: str, password: str, actor: str = CLI_ACTOR) -> None:
    """A new password set by an admin; every session of the user ends."""
    password_hash = hash_password(password)
    _change(store, username, actor, "user.password", "", password_hash=password_hash, must_change_password=False)


def reset_password(store: Store, username: str, actor: str) -> str:
    """Give ``username`` a temporary password (returned, to be handed over once) that only lets them set their own:
    every session ends, and after the next login nothing opens until a new password is set."""
    temporary = temporary_password()
    password_hash = hash_password(temporary)
    _change(
        store,
        username,
        actor,
        "user.reset",
        "下次登录须设置新密码",
        password_hash=password_hash,
        must_change_password=True,
    )
    return temporary


def change_own_password(store: Store, username: str, password: str) -> None:
    """The user's own new password (after a reset, or by choice); every session of theirs ends."""
    password_hash = hash_password(password)
    _change(store, username, username, "password.change", "", password_hash=password_hash, must_change_password=False)


def verify_own_password(store: Store, username: str, password: str) -> bool:
    with store.read() as conn:
        stored = accounts.password_hash(conn, username)
    return stored is not None and verify_password(stored, password)


def set_role(store: Store, username: str, role: str, actor: str = CLI_ACTOR) -> None:
    _check_role(role)
    _not_self(actor, username, "修改")
    with store.read() as conn:
        before = accounts.get_account(conn, username)
    old = ROLE_LABELS.get(before.role, before.role) if before else "?"
    _change(store, username, actor, "user.role", f"{old} → {ROLE_LABELS[role]}", role=role)


def set_active(store: Store, username: str, active: bool, actor: str) -> None:
    """Enable or disable an account; a disabled one cannot log in and its sessions end."""
    if not active:
        _not_self(actor, username, "停用")
    _change(store, username, actor, "user.enable" if active else "user.disable", "", active=active)


def delete_account(store: Store, username: str, actor: str = CLI_ACTOR) -> None:
    """Remove an account (its sessions end); the audit log keeps its name."""
    _not_self(actor, username, "删除")
    with store.write() as conn:
        before = accounts.get_account(conn, username)
        if before is None:
            raise AccountError(f"没有用户 {username}")
        _keep_an_admin(conn, before, stays_admin=False)
        accounts.delete_account(conn, username)
        audit.record(conn, store.now(), actor, "user.delete", username, ROLE_LABELS.get(before.role, before.role))


@dataclass(frozen=True)
class LoginOutcome:
    """``account`` when the password was right and the account is active; ``locked`` when too many recent
    failures refused the attempt; ``disabled`` when the password was right but the account is disabled."""

    account: Account | None
    locked: bool = False
    disabled: bool = False


def check_login(
    store: Store, username: str, password: str, ip: str, *, max_failures: int, window: timedelta
) -> LoginOutcome:
    """Verify a login, and audit it. After ``max_failures`` failures from this IP for this user name within
    ``window`` every attempt is refused (right password or not) until the window has passed; a success clears the
    count. A failure is audited under the name typed only when that name is an account."""
    name = username.strip()[:64]
    now = store.now()
    with store.read() as conn:
        locked = accounts.recent_failures(conn, ip, name, now - window) >= max_failures
        stored = accounts.password_hash(conn, name)
    actor = name if stored is not None else UNKNOWN_ACTOR
    if locked:
        audit.record_now(
            store, actor, "login.locked", "", f"{window.total_seconds() / 60:g} 分钟内失败 {max_failures} 次"
        )
        return LoginOutcome(None, locked=True)
    ok = verify_password(stored or _DUMMY_HASH, password) and stored is not None
    with store.write() as conn:
        if not ok:
            accounts.record_failure(conn, ip, name, now, forget_before=now - 4 * window)
            audit.record(conn, now, actor, "login.failed", "", "用户名或密码不正确")
            return LoginOutcome(None)
        accounts.clear_failures(conn, ip, name)
        account = accounts.get_account(conn, name)
        assert account is not None
        if not account.active:
            audit.record(conn, now, name, "login.failed", "", "账号已停用")
            return LoginOutcome(None, disabled=True)
        if needs_rehash(stored):
            accounts.update_account(conn, name, now, end_sessions=False, password_hash=rehash(password))
        accounts.note_login(conn, name, now)
        audit.record(conn, now, name, "login.ok", "", "须先设置新密码" if account.must_change_password else "")
        return LoginOutcome(accounts.get_account(conn, name))

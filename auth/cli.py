"""``battlemap user add|passwd|role|del|list|sessions|logout|audit``: manage accounts and their open sessions, and
read the audit log. A password is read from a prompt (typed twice) or from standard input with ``--password-stdin``
— never from the command line, where it would stay in the shell's history. Every change is audited under
``命令行``."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from auth.passwords import WeakPassword
from auth.roles import LOGIN_ROLES, ROLE_LABELS
from auth.sessions import end_sessions_of, open_sessions
from auth.settings import AuthSettings
from auth.users import AccountError, add_account, delete_account, list_accounts, set_password, set_role
from config import Settings
from data.audit import ACTIONS, AuditFilter, entries
from data.engine import Store
from etl.text_table import text_table
from exports.audit_csv import audit_csv_chunks


def _store(settings: Settings) -> Store:
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    return store


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise AccountError("两次输入的密码不一致")
    return first


def _run(action, args: argparse.Namespace, settings: Settings) -> int:  # type: ignore[no-untyped-def]
    try:
        store = _store(settings)
        message = action(store, args, settings) if action is _sessions else action(store, args)
    except (AccountError, WeakPassword) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if message:
        print(message)
    return 0


def _add(store: Store, args: argparse.Namespace) -> str:
    account = add_account(store, args.username, args.role, _read_password(args))
    return f"已添加用户 {account.username}（{ROLE_LABELS[account.role]}）"


def _passwd(store: Store, args: argparse.Namespace) -> str:
    set_password(store, args.username, _read_password(args))
    return f"已修改 {args.username} 的密码；该用户已登录的会话全部失效"


def _role(store: Store, args: argparse.Namespace) -> str:
    set_role(store, args.username, args.role)
    return f"{args.username} 的角色已改为 {ROLE_LABELS[args.role]}；该用户需重新登录"


def _delete(store: Store, args: argparse.Namespace) -> str:
    delete_account(store, args.username)
    return f"已删除用户 {args.username}"


def _list(store: Store, _args: argparse.Namespace) -> str:
    accounts = list_accounts(store)
    if not accounts:
        return "还没有账号；用 battlemap user add 用户名 --role leader 添加"
    rows = (
        (
            a.username,
            f"{a.role} {ROLE_LABELS[a.role]}",
            f"{a.created_at:%Y-%m-%d %H:%M}",
            f"{a.updated_at:%Y-%m-%d %H:%M}",
        )
        for a in accounts
    )
    table = text_table(("用户名", "角色", "创建时间", "更新时间"), rows)
    return "\n".join([*table, f"（时间均为 {store.timezone} 时间）"])


def _sessions(store: Store, _args: argparse.Namespace, settings: Settings) -> str:
    sessions = open_sessions(store, AuthSettings.of(settings))
    if not sessions:
        return "没有已登录的会话"
    rows = (
        (s.username, s.role, f"{s.created_at:%Y-%m-%d %H:%M}", f"{s.last_seen_at:%Y-%m-%d %H:%M}", s.ip)
        for s in sessions
    )
    table = text_table(("用户名", "角色", "登录时间", "最近活动", "地址"), rows)
    return "\n".join([*table, f"（时间均为 {store.timezone} 时间；结束某人的会话：battlemap user logout 用户名）"])


def _logout(store: Store, args: argparse.Namespace) -> str:
    ended = end_sessions_of(store, args.username)
    return f"已结束 {args.username} 的 {ended} 个会话" if ended else f"{args.username} 没有已登录的会话"


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"时间应写作 2026-12-01 或 2026-12-01 08:00，收到 {text!r}") from None


def _audit(store: Store, args: argparse.Namespace) -> str:
    which = AuditFilter(args.since, args.until, args.actor, args.action)
    with store.read() as conn:
        if args.csv:
            for chunk in audit_csv_chunks(conn, which):
                sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
            return ""
        found = entries(conn, which, args.limit)
    if not found:
        return "没有符合条件的审计记录"
    rows = ((f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.action_label, e.target, e.detail) for e in found)
    table = text_table(("时间", "操作人", "操作", "对象", "说明"), rows)
    return "\n".join([*table, f"（最新的 {len(found)} 条，时间均为 {store.timezone} 时间）"])


def register(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser(
        "user",
        help="管理登录账号（调度会、数据操作、管理员）",
        description="管理登录账号。大屏（/wall）无需账号。角色："
        + "，".join(f"{r} {ROLE_LABELS[r]}" for r in LOGIN_ROLES),
    )
    actions = user.add_subparsers(dest="user_command", required=True, metavar="COMMAND")

    def with_password(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--password-stdin", action="store_true", help="从标准输入读取密码（一行），用于脚本；否则交互输入两次"
        )

    def command(name: str, help_text: str, action, role: bool = False, password: bool = False) -> None:  # type: ignore[no-untyped-def]
        parser = actions.add_parser(name, help=help_text, description=help_text)
        if name not in ("list", "sessions"):
            parser.add_argument("username", help="用户名")
        if role:
            parser.add_argument("--role", required=True, choices=LOGIN_ROLES, help="角色")
        if password:
            with_password(parser)
        parser.set_defaults(handler=lambda args, settings: _run(action, args, settings))

    command("add", "添加账号（密码至少 8 位）", _add, role=True, password=True)
    command("passwd", "修改密码（该用户的会话全部失效）", _passwd, password=True)
    command("role", "修改角色", _role, role=True)
    command("del", "删除账号", _delete)
    command("list", "列出账号", _list)
    command("sessions", "列出已登录的会话（谁、何时登录、最近活动、地址）", _sessions)
    command("logout", "结束该用户的全部会话（需重新登录）", _logout)
    audit = actions.add_parser(
        "audit",
        help="查看审计日志（登录、失败登录、锁定，以及账号、导入、人工认定、导入方案、屏幕等操作）",
        description="查看审计日志，最新的在前；--csv 输出全部符合条件的记录（最早的在前）",
    )
    audit.add_argument("--since", type=_moment, help="从此时起（含），如 2026-12-01 或 '2026-12-01 08:00'")
    audit.add_argument("--until", type=_moment, help="到此时止（不含）")
    audit.add_argument("--actor", help="只看此操作人")
    audit.add_argument("--action", choices=sorted(ACTIONS), metavar="ACTION", help="只看此操作：" + "、".join(ACTIONS))
    audit.add_argument("--limit", type=int, default=50, help="最多显示多少条（默认 50；--csv 时不限）")
    audit.add_argument("--csv", action="store_true", help="以 CSV 输出到标准输出（UTF-8 带 BOM）")
    audit.set_defaults(handler=lambda args, settings: _run(_audit, args, settings))

"""The one audit log: logins (and failed ones, lockouts, logouts), every account change, and every action an admin or
operator takes on the data and the screens — imports, overrides, mappings, screen orders, held figures, quarter
issues. ``record`` is the only way an entry is written; ``entries`` and ``entry_batches`` read them back for the
audit page, its CSV and ``battlemap user audit``.

An entry names the actor by account name only (``命令行`` for the command line, ``系统`` for the server itself);
a failed login under a name that is no account is written as ``UNKNOWN_ACTOR``, never as typed (it may be a
password typed into the wrong field)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, func, select

from data.engine import Store
from data.schema import AuditEvent

EVENT = AuditEvent.__table__
CLI_ACTOR, SYSTEM_ACTOR, UNKNOWN_ACTOR = "命令行", "系统", "（未知用户名）"
SCREEN_PREFIX = "ops."
TARGET_CHARS, DETAIL_CHARS = 200, 2000

ACTIONS: dict[str, str] = {
    "login.ok": "登录",
    "login.failed": "登录失败",
    "login.locked": "登录被锁定",
    "logout": "退出登录",
    "password.change": "本人修改密码",
    "user.add": "添加账号",
    "user.disable": "停用账号",
    "user.enable": "启用账号",
    "user.role": "修改角色",
    "user.password": "设置密码",
    "user.reset": "重置密码",
    "user.delete": "删除账号",
    "user.sessions": "结束会话",
    "import": "导入文件",
    "override.set": "人工认定颜色",
    "override.clear": "取消人工认定",
    "mapping.save": "保存导入方案",
    "mapping.delete": "删除导入方案",
    "quarter.issue": "发布季度排名",
    "meeting.mark": "标记调度会",
    "ops.freeze": "屏幕定格",
    "ops.resume": "屏幕恢复轮播",
    "ops.reload": "屏幕重新载入",
    "ops.quiet": "屏幕静默时段",
    "ops.notice": "发布屏幕通知",
    "ops.notice-end": "撤下屏幕通知",
    "ops.forget": "移除屏幕",
    "ops.hold-confirm": "确认指标变化",
    "ops.hold-reject": "驳回指标变化",
}
COLUMNS = ("at", "actor", "action", "target", "detail")
COLUMN_LABELS = {"at": "时间", "actor": "操作人", "action": "操作", "target": "对象", "detail": "说明"}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: str

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to read: from ``since`` (inclusive) to ``until`` (exclusive), of one actor, of one action
    (or, ending in ``.``, of every action with that prefix)."""

    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    action: str | None = None

    def apply(self, query: Select) -> Select:
        if self.since is not None:
            query = query.where(EVENT.c.at >= self.since)
        if self.until is not None:
            query = query.where(EVENT.c.at < self.until)
        if self.actor:
            query = query.where(EVENT.c.actor == self.actor)
        if self.action:
            prefix = self.action.endswith(".")
            query = query.where(EVENT.c.action.startswith(self.action) if prefix else EVENT.c.action == self.action)
        return query


def record(conn: Connection, at: datetime, actor: str, action: str, target: str = "", detail: str = "") -> None:
    """Write one entry (in the caller's transaction, so the entry stands or falls with what it records)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(
        EVENT.insert().values(
            at=at,
            actor=(actor or UNKNOWN_ACTOR)[:64],
            action=action,
            target=target[:TARGET_CHARS],
            detail=detail[:DETAIL_CHARS],
        )
    )


def record_now(store: Store, actor: str, action: str, target: str = "", detail: str = "") -> None:
    """Write one entry in a transaction of its own, at the store's now (an action that wrote nothing else)."""
    with store.write() as conn:
        record(conn, store.now(), actor, action, target, detail)


def _query(which: AuditFilter) -> Select:
    return which.apply(select(EVENT.c.id, *(EVENT.c[c] for c in COLUMNS)))


def entries(conn: Connection, which: AuditFilter = AuditFilter(), limit: int = 200) -> list[AuditEntry]:
    """The latest ``limit`` entries that ``which`` selects, newest first."""
    query = _query(which).order_by(EVENT.c.at.desc(), EVENT.c.id.desc()).limit(limit)
    return [AuditEntry(*row) for row in conn.execute(query)]


def count(conn: Connection, which: AuditFilter = AuditFilter()) -> int:
    return int(conn.execute(which.apply(select(func.count()).select_from(EVENT))).scalar_one())


def entry_batches(conn: Connection, which: AuditFilter, batch: int = 1000) -> Iterator[list[AuditEntry]]:
    """Every entry ``which`` selects, oldest first, ``batch`` at a time (keyset paging: memory stays flat)."""
    after = 0
    while True:
        query = _query(which).where(EVENT.c.id > after).order_by(EVENT.c.id).limit(batch)
        rows = [AuditEntry(*row) for row in conn.execute(query)]
        if not rows:
            return
        yield rows
        after = rows[-1].id


def actors(conn: Connection) -> list[str]:
    """Every name that appears as an actor, by name (for the audit page's filter)."""
    return list(conn.execute(select(EVENT.c.actor).distinct().order_by(EVENT.c.actor)).scalars())


def screen_history(conn: Connection, limit: int = 30) -> list[tuple[datetime, str, str, str, str]]:
    """The latest screen actions, newest first: (at, actor, target, action without its ``ops.``, detail)."""
    found = entries(conn, AuditFilter(action=SCREEN_PREFIX), limit)
    return [(e.at, e.actor, e.target, e.action[len(SCREEN_PREFIX) :], e.detail) for e in found]

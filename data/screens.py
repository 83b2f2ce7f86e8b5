"""The screens' rows: heartbeats in, what each screen is told to do out (freeze, reload, quiet hours, notice), the
operators' actions on them (audited in ``data.audit``). Who may do what, and the checks on input: ``etl.screens``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import Connection, select, update

from data.schema import Screen, ScreenControl, ScreenNotice
from data.schema.screens import ALL_SCREENS

NOTICE_MODES = ("banner", "full")


@dataclass(frozen=True)
class ScreenReport:
    """What a named wall says about itself (no personal data: names of pages, sizes, counts)."""

    name: str
    page: str | None
    version: str | None
    canvas: str | None
    uptime_seconds: int
    heap_mb: float | None
    errors: int


@dataclass(frozen=True)
class Heartbeat(ScreenReport):
    """One status poll's report, with the server's time of receipt."""

    received_at: datetime


@dataclass(frozen=True)
class ScreenRow(ScreenReport):
    """A screen as the store keeps it: its last report, when its page was loaded and when it was last heard of."""

    loaded_at: datetime
    last_seen: datetime


@dataclass(frozen=True)
class Notice:
    id: int
    target: str
    text: str
    mode: str
    starts_at: datetime
    ends_at: datetime
    created_by: str


@dataclass(frozen=True)
class Orders:
    """What one screen is to do now: ``frozen_page`` (None: rotate), ``reload`` (a number that changes whenever a
    reload is asked for), ``quiet`` (inside its quiet hours now) and ``quiet_hours`` ("22:00-07:00" or None), the
    ``notice`` on show now (None)."""

    frozen_page: str | None
    reload: int
    quiet: bool
    quiet_hours: str | None
    notice: Notice | None

    def as_json(self) -> dict[str, object]:
        notice = self.notice
        return {
            "frozen": self.frozen_page,
            "reload": self.reload,
            "quiet": self.quiet,
            "notice": None if notice is None else {"id": notice.id, "text": notice.text, "mode": notice.mode},
        }


def record_heartbeats(conn: Connection, beats: Iterable[Heartbeat], max_screens: int) -> int:
    """Keep each beat as its screen's state (the latest per name wins); a name not seen before is added only while
    fewer than ``max_screens`` screens are known (the status endpoint is public). Returns the beats kept."""
    table = Screen.__table__
    known = set(conn.execute(select(table.c.name)).scalars())
    kept = 0
    for beat in beats:
        values = {
            "page": beat.page,
            "version": beat.version,
            "canvas": beat.canvas,
            "uptime_seconds": beat.uptime_seconds,
            "heap_mb": beat.heap_mb,
            "errors": beat.errors,
            "loaded_at": beat.received_at - timedelta(seconds=beat.uptime_seconds),
            "last_seen": beat.received_at,
        }
        if beat.name in known:
            conn.execute(update(table).where(table.c.name == beat.name).values(**values))
        elif len(known) < max_screens:
            conn.execute(table.insert().values(name=beat.name, first_seen=beat.received_at, **values))
            known.add(beat.name)
        else:
            continue
        kept += 1
    return kept


def screens(conn: Connection) -> list[ScreenRow]:
    """Every known screen, by name."""
    t = Screen.__table__
    columns = [t.c[f] for f in ScreenRow.__dataclass_fields__]
    return [ScreenRow(*row) for row in conn.execute(select(*columns).order_by(t.c.name))]


def forget_screen(conn: Connection, name: str) -> bool:
    """Remove a screen from the list (and its own orders); it comes back with its next heartbeat."""
    conn.execute(ScreenControl.__table__.delete().where(ScreenControl.__table__.c.target == name))
    return conn.execute(Screen.__table__.delete().where(Screen.__table__.c.name == name)).rowcount > 0


def in_quiet_hours(start: str, end: str, now: time) -> bool:
    """Whether ``now`` lies in [start, end) of the day's clock; a window may run past midnight (22:00–07:00)."""
    begin, finish = time.fromisoformat(start), time.fromisoformat(end)
    if begin <= finish:
        return begin <= now < finish
    return now >= begin or now < finish


def _controls(conn: Connection, targets: Sequence[str]) -> dict[str, dict[str, object]]:
    t = ScreenControl.__table__
    rows = conn.execute(select(t).where(t.c.target.in_(targets))).mappings()
    return {row["target"]: dict(row) for row in rows}


def _inherited(own: dict[str, object], common: dict[str, object], field: str) -> object:
    value = own.get(field)
    return common.get(field) if value is None else value


def active_notices(conn: Connection, now: datetime, targets: Sequence[str] | None = None) -> list[Notice]:
    """Notices on show at ``now`` (started, not ended), newest first; of ``targets`` only when given."""
    t = ScreenNotice.__table__
    query = select(*(t.c[f] for f in Notice.__dataclass_fields__)).where(t.c.starts_at <= now, t.c.ends_at > now)
    if targets is not None:
        query = query.where(t.c.target.in_(targets))
    return [Notice(*row) for row in conn.execute(query.order_by(t.c.created_at.desc(), t.c.id.desc()))]


def upcoming_notices(conn: Connection, now: datetime) -> list[Notice]:
    """Notices on show now or later, by start."""
    t = ScreenNotice.__table__
    query = select(*(t.c[f] for f in Notice.__dataclass_fields__)).where(t.c.ends_at > now)
    return [Notice(*row) for row in conn.execute(query.order_by(t.c.starts_at, t.c.id))]


def screen_orders(conn: Connection, name: str | None, now: datetime) -> Orders:
    """What screen ``name`` (None: an unnamed wall, which follows the orders for all screens) is to do at ``now``:
    its own orders where it has them, else those for all screens; the newest notice on show for it or for all."""
    targets = [ALL_SCREENS] if name is None else [name, ALL_SCREENS]
    controls = _controls(conn, targets)
    own, common = controls.get(name or "", {}), controls.get(ALL_SCREENS, {})
    frozen = _inherited(own, common, "frozen_page") or None
    start, end = _inherited(own, common, "quiet_start"), _inherited(own, common, "quiet_end")
    hours = f"{start}-{end}" if start and end else None
    quiet = bool(start and end and in_quiet_hours(str(start), str(end), now.time()))
    reload = int(own.get("reload_seq") or 0) + int(common.get("reload_seq") or 0)
    notices = active_notices(conn, now, targets)
    return Orders(frozen, reload, quiet, hours, notices[0] if notices else None)


def _set_control(conn: Connection, target: str, now: datetime, **values: object) -> None:
    """Set fields of ``target``'s orders (the row is created when missing); for all screens, the same fields of
    every screen's own orders go back to "as for all"."""
    t = ScreenControl.__table__
    exists = conn.execute(select(t.c.target).where(t.c.target == target)).first() is not None
    if exists:
        conn.execute(update(t).where(t.c.target == target).values(updated_at=now, **values))
    else:
        conn.execute(t.insert().values(target=target, updated_at=now, **{"reload_seq": 0, **values}))
    if target == ALL_SCREENS:
        cleared = {field: None for field in values if field != "reload_seq"}
        if cleared:
            conn.execute(update(t).where(t.c.target != ALL_SCREENS).values(**cleared))


def freeze(conn: Connection, target: str, page: str | None, now: datetime) -> None:
    """Hold ``target`` on ``page``; ``None`` resumes rotation."""
    _set_control(conn, target, now, frozen_page=page or "")


def set_quiet_hours(conn: Connection, target: str, start: str | None, end: str | None, now: datetime) -> None:
    """Quiet hours ``start``–``end`` ("HH:MM") every day; None, None turns them off."""
    _set_control(conn, target, now, quiet_start=start or "", quiet_end=end or "")


def request_reload(conn: Connection, target: str, now: datetime) -> None:
    t = ScreenControl.__table__
    seq = conn.execute(select(t.c.reload_seq).where(t.c.target == target)).scalar_one_or_none() or 0
    _set_control(conn, target, now, reload_seq=seq + 1)


def add_notice(
    conn: Connection, target: str, text: str, mode: str, window: tuple[datetime, datetime], by: str, now: datetime
) -> int:
    """Put up a notice on ``target`` for ``window`` (start, end); returns its id."""
    starts, ends = window
    values = {"target": target, "text": text, "mode": mode, "starts_at": starts, "ends_at": ends, "created_by": by}
    return int(conn.execute(ScreenNotice.__table__.insert().values(created_at=now, **values)).inserted_primary_key[0])


def end_notice(conn: Connection, notice_id: int, now: datetime) -> Notice | None:
    """End a notice now (one not yet started ends before it starts); the notice as it was, or None."""
    t = ScreenNotice.__table__
    found = conn.execute(select(*(t.c[f] for f in Notice.__dataclass_fields__)).where(t.c.id == notice_id)).first()
    if found is None:
        return None
    notice = Notice(*found)
    conn.execute(update(t).where(t.c.id == notice_id).values(ends_at=now, starts_at=min(notice.starts_at, now)))
    return notice


def is_online(last_seen: datetime, now: datetime, refresh_seconds: float) -> bool:
    """A screen is online while its last heartbeat is less than two refresh periods old."""
    return (now - last_seen).total_seconds() < 2 * refresh_seconds


def version_lag(shown: str | None, served: str | None) -> int | None:
    """How many data versions the build a screen shows (``"41@2026-12-02"``) is behind the one served; None when
    either is unknown."""
    try:
        return max(int(str(served).split("@")[0]) - int(str(shown).split("@")[0]), 0)
    except ValueError:
        return None

"""The screens' write side (issue 18): heartbeats from the walls, and every order an operator gives them on /ops —
a notice, freeze and resume, reload, quiet hours — checked, written with its audit row in one transaction.

Heartbeats never wait for the database in the request that brings them: ``HeartbeatWriter`` keeps the latest beat
per screen and a background thread writes them about once a second, so a wall's status poll is never held up by a
long import holding SQLite's write lock (the beat is simply written after it).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from data import audit, screens
from data.audit import SCREEN_PREFIX
from data.engine import Store, StoreError
from data.schema.screens import ALL_SCREENS

log = logging.getLogger(__name__)

MAX_SCREENS = 100
MAX_NOTICE_CHARS = 200
SCREEN_NAME = re.compile(r"[\w\-·.]{1,40}")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MODE_WORDS = {"banner": "横幅", "full": "全屏"}


class ScreenCommandError(ValueError):
    """An order that cannot be given as asked; the message (Chinese) says what to fix."""


def screen_name(text: str | None) -> str | None:
    """A screen's name as given in ``/wall?screen=`` or the config, or None when it is not a usable one (1–40
    letters, digits, CJK characters, ``-``, ``_``, ``.`` or ``·``)."""
    name = (text or "").strip()
    return name if SCREEN_NAME.fullmatch(name) else None


def _bounded_int(text: str | None, upper: int) -> int:
    try:
        return min(max(int(float(text or 0)), 0), upper)
    except (TypeError, ValueError, OverflowError):
        return 0


def _short(text: str | None, length: int) -> str | None:
    value = "".join(c for c in (text or "") if c.isprintable())[:length]
    return value or None


def parse_heartbeat(args: Mapping[str, str], received_at: datetime) -> screens.Heartbeat | None:
    """The heartbeat in a status poll's query (``screen``, ``page``, ``shown``, ``canvas``, ``up``, ``heap``,
    ``errors``), each value bounded; None without a valid screen name."""
    name = screen_name(args.get("screen"))
    if name is None:
        return None
    heap = _bounded_int(args.get("heap"), 1_000_000) if args.get("heap") else None
    canvas = args.get("canvas") or ""
    return screens.Heartbeat(
        name=name,
        page=_short(args.get("page"), 40),
        version=_short(args.get("shown"), 40),
        canvas=canvas if re.fullmatch(r"\d{2,5}x\d{2,5}", canvas) else None,
        uptime_seconds=_bounded_int(args.get("up"), 10**8),
        heap_mb=float(heap) if heap is not None else None,
        errors=_bounded_int(args.get("errors"), 10**6),
        received_at=received_at,
    )


class HeartbeatWriter:
    """The latest heartbeat per screen, written by one background thread (started with the first beat)."""

    def __init__(self, store: Store, interval: float = 1.0, max_screens: int = MAX_SCREENS) -> None:
        self.store, self.interval, self.max_screens = store, interval, max_screens
        self._pending: dict[str, screens.Heartbeat] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def submit(self, beat: screens.Heartbeat) -> None:
        with self._lock:
            if beat.name in self._pending or len(self._pending) < self.max_screens:
                self._pending[beat.name] = beat
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="battlemap-heartbeats", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            self.flush()

    def flush(self) -> int:
        """Write the pending beats now; on a database error keep them (unless newer ones came) for the next try."""
        with self._lock:
            beats, self._pending = self._pending, {}
        if not beats:
            return 0
        try:
            with self.store.write() as conn:
                return screens.record_heartbeats(conn, beats.values(), self.max_screens)
        except (StoreError, SQLAlchemyError) as exc:
            log.warning("大屏心跳暂未写入数据库（%s），稍后重试", exc)
            with self._lock:
                for name, beat in beats.items():
                    self._pending.setdefault(name, beat)
            return 0


def _target(target: str | None) -> str:
    if target in (None, "", ALL_SCREENS):
        return ALL_SCREENS
    name = screen_name(target)
    if name is None:
        raise ScreenCommandError(f"屏幕名称无效：{target!r}")
    return name


def _label(target: str) -> str:
    return "全部屏幕" if target == ALL_SCREENS else target


def _act(
    store: Store, target: str, action: str, detail: str, user: str, now: datetime, write: Callable[[Connection], None]
) -> None:
    with store.write() as conn:
        write(conn)
        audit.record(conn, now, user, f"{SCREEN_PREFIX}{action}", target, detail)


def freeze(store: Store, titles: Mapping[str, str], target: str | None, page: str, user: str, now: datetime) -> str:
    """Hold ``target`` on page ``page``, one of the wall's pages ``titles`` (name → title); returns what was done,
    in words."""
    if page not in titles:
        raise ScreenCommandError(f"没有名为 {page!r} 的大屏页面；可选：{'、'.join(titles.values())}")
    where = _target(target)
    _act(store, where, "freeze", f"固定在「{titles[page]}」", user, now, lambda c: screens.freeze(c, where, page, now))
    return f"{_label(where)}：固定在「{titles[page]}」"


def resume(store: Store, target: str | None, user: str, now: datetime) -> str:
    where = _target(target)
    _act(store, where, "resume", "恢复轮播", user, now, lambda c: screens.freeze(c, where, None, now))
    return f"{_label(where)}：恢复轮播"


def reload(store: Store, target: str | None, user: str, now: datetime) -> str:
    where = _target(target)
    _act(store, where, "reload", "重新载入页面", user, now, lambda c: screens.request_reload(c, where, now))
    return f"{_label(where)}：下次状态查询时重新载入"


def quiet_hours(store: Store, target: str | None, start: str | None, end: str | None, user: str, now: datetime) -> str:
    """Quiet hours every day from ``start`` to ``end`` ("HH:MM", may pass midnight); both empty turns them off."""
    where = _target(target)
    start, end = (start or "").strip(), (end or "").strip()
    if not start and not end:
        _act(
            store,
            where,
            "quiet",
            "取消静默时段",
            user,
            now,
            lambda c: screens.set_quiet_hours(c, where, None, None, now),
        )
        return f"{_label(where)}：取消静默时段"
    if not (CLOCK.match(start) and CLOCK.match(end)):
        raise ScreenCommandError("静默时段的开始和结束应为 时:分（如 22:00 和 07:00）")
    if start == end:
        raise ScreenCommandError("静默时段的开始和结束不能相同")
    detail = f"静默时段 {start}–{end}"
    _act(store, where, "quiet", detail, user, now, lambda c: screens.set_quiet_hours(c, where, start, end, now))
    return f"{_label(where)}：{detail}（届时只显示暗色时钟）"


def post_notice(
    store: Store,
    target: str | None,
    text: str,
    mode: str,
    window: tuple[datetime | None, datetime | None],
    user: str,
    now: datetime,
) -> str:
    """Put up ``text`` as a ``mode`` ("banner" or "full") notice on ``target`` from ``window``'s start (None: now)
    until its end (required, later than the start and than now)."""
    where = _target(target)
    text = " ".join((text or "").split())
    if not text:
        raise ScreenCommandError("请填写通知内容")
    if len(text) > MAX_NOTICE_CHARS:
        raise ScreenCommandError(f"通知内容最多 {MAX_NOTICE_CHARS} 个字，现为 {len(text)} 个字")
    if mode not in screens.NOTICE_MODES:
        raise ScreenCommandError("显示方式应为 横幅 或 全屏")
    starts, ends = window[0] or now, window[1]
    if ends is None:
        raise ScreenCommandError("请填写通知的结束时间")
    if ends <= starts or ends <= now:
        raise ScreenCommandError("结束时间应晚于开始时间，且晚于现在")
    detail = f"{MODE_WORDS[mode]}通知「{text}」{starts:%m-%d %H:%M}–{ends:%m-%d %H:%M}"

    def write(conn: Connection) -> None:
        screens.add_notice(conn, where, text, mode, (starts, ends), user, now)

    _act(store, where, "notice", detail, user, now, write)
    return f"{_label(where)}：{detail}"


def end_notice(store: Store, notice_id: int, user: str, now: datetime) -> str:
    with store.write() as conn:
        notice = screens.end_notice(conn, notice_id, now)
        if notice is None:
            raise ScreenCommandError(f"没有编号为 {notice_id} 的通知")
        audit.record(conn, now, user, "ops.notice-end", notice.target, f"撤下通知「{notice.text}」")
    return f"{_label(notice.target)}：已撤下通知「{notice.text}」"


def forget(store: Store, name: str, user: str, now: datetime) -> str:
    where = _target(name)
    with store.write() as conn:
        if where == ALL_SCREENS or not screens.forget_screen(conn, where):
            raise ScreenCommandError(f"没有名为 {name} 的屏幕")
        audit.record(conn, now, user, "ops.forget", where, "从列表中移除")
    return f"{where}：已从列表中移除（它再次上报时会重新出现）"

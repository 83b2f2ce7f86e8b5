"""The write side of counters that never lie (``data.holds``): each new build's headline figures reviewed against
the confirmed ones (the rows that change written), and an operator's confirmation or rejection of a held change on
/ops — audited, and a confirmation raises the data version so every screen shows the new figure at its next poll."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from data import audit, holds
from data.engine import Store, StoreError
from data.holds import FIGURE_BY_KEY, RATE, Band, Shown
from data.schema.screens import ALL_SCREENS
from etl.load import bump_data_version
from etl.screens import ScreenCommandError

log = logging.getLogger(__name__)


def figure_text(key: str, value: float | None) -> str:
    """A guarded figure's value as the screens write it: 96.7% or 8,943."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if FIGURE_BY_KEY[key].kind == RATE else f"{value:,.0f}"


def review_figures(
    store: Store, band: Band, figures: Mapping[str, float | None], build: tuple[str, datetime | None, datetime]
) -> dict[str, Shown]:
    """What the screens show of ``figures`` computed for ``build`` (token, as-of, now); the confirmed values and the
    held changes written. If they cannot be written now the decisions still stand (they are made again, and
    written, with the next build)."""
    with store.read() as conn:
        shown, changed = holds.review(
            holds.hold_states(conn), figures, build, band, lambda m: holds.runs_since(conn, m)
        )
    if changed:
        try:
            with store.write() as conn:
                holds.save_states(conn, changed)
        except (StoreError, SQLAlchemyError) as exc:
            log.warning("大屏指标的确认状态暂未写入数据库（%s）", exc)
    for key, decision in shown.items():
        if decision.held:
            log.warning("指标 %s 的变化超出合理范围，已暂缓显示，等待操作员在 /ops 确认", FIGURE_BY_KEY[key].name)
    return shown


def _held(conn: Connection, key: str) -> holds.HoldState:
    state = holds.hold_states(conn).get(key)
    if state is None or not state.is_held:
        raise ScreenCommandError(f"指标 {FIGURE_BY_KEY[key].name if key in FIGURE_BY_KEY else key} 没有待确认的变化")
    return state


def confirm_change(store: Store, key: str, user: str, now: datetime) -> str:
    """Confirm the held change of figure ``key``: the screens show it from their next poll."""
    with store.write() as conn:
        state = _held(conn, key)
        name = FIGURE_BY_KEY[key].name
        change = f"{name} {figure_text(key, state.confirmed_value)} → {figure_text(key, state.held_value)}"
        confirmed = replace(
            state,
            confirmed_value=state.held_value,
            confirmed_token=state.held_token or state.confirmed_token,
            confirmed_as_of=None,
            confirmed_at=now,
            held_value=None,
            held_token=None,
            held_since=None,
            held_runs=None,
            rejected_value=None,
        )
        holds.save_states(conn, [confirmed])
        audit.record(conn, now, user, "ops.hold-confirm", ALL_SCREENS, f"确认 {change}（{state.held_runs}）")
        bump_data_version(conn, now)
    return f"已确认：{change}，各屏幕下次刷新时显示"


def reject_change(store: Store, key: str, user: str, now: datetime) -> str:
    """Reject the held change of figure ``key``: the screens keep the confirmed figure while the data says so."""
    with store.write() as conn:
        state = _held(conn, key)
        if state.is_rejected:
            raise ScreenCommandError(f"{FIGURE_BY_KEY[key].name} 的这次变化已被驳回")
        name = FIGURE_BY_KEY[key].name
        change = f"{name} {figure_text(key, state.confirmed_value)} → {figure_text(key, state.held_value)}"
        holds.save_states(conn, [replace(state, rejected_value=state.held_value)])
        audit.record(conn, now, user, "ops.hold-reject", ALL_SCREENS, f"驳回 {change}（{state.held_runs}）")
    return f"已驳回：{change}；大屏继续显示 {figure_text(key, state.confirmed_value)}，请核对数据后重新导入"

"""The operations page's callbacks (``/ops``, operator and admin): the screens' list from their heartbeats, read
every few seconds; the orders (notice, freeze, resume, reload, quiet hours) go through the screens' write service
(``etl.screens``), each with its audit row. Every callback checks the operator role on the server as well as the
guard (its ids start with ``op-``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from auth.guard import allowed, principal
from auth.roles import OPERATOR
from callbacks.views import ViewCache, wall_pages
from config import Settings
from data.audit import screen_history
from data.clock import local_now
from data.engine import Store
from data.holds import FIGURE_BY_KEY, HoldState, held_changes
from data.schema.screens import ALL_SCREENS
from data.screens import (
    Orders,
    ScreenRow,
    is_online,
    screen_orders,
    screens,
    upcoming_notices,
    version_lag,
)
from etl import screens as orders_service
from etl.holds import confirm_change, figure_text, reject_change
from etl.screens import MODE_WORDS, ScreenCommandError
from layouts import format as fmt
from layouts.ops import (
    FORGET_TYPE,
    HOLD_CONFIRM_TYPE,
    HOLD_REJECT_TYPE,
    NOTICE_END_TYPE,
    HeldChange,
    ScreenCard,
    audit_list,
    held_list,
    notice_list,
    notice_preview,
    ops_page,
    screen_cards,
)

POLL_SECONDS_MAX = 5
NOTICE_HOURS = 2  # a new notice's default length


def _require_operator() -> None:
    if not allowed(OPERATOR):
        raise PreventUpdate


def _orders_text(orders: Orders, titles: dict[str, str]) -> str:
    parts = [f"固定在「{titles.get(orders.frozen_page, orders.frozen_page)}」" if orders.frozen_page else "轮播"]
    if orders.quiet_hours:
        parts.append(f"静默 {orders.quiet_hours}" + ("（静默中）" if orders.quiet else ""))
    if orders.notice:
        parts.append(f"{MODE_WORDS.get(orders.notice.mode, '')}通知中")
    return "，".join(parts)


def _lag_text(row: ScreenRow, served: str | None) -> str:
    lag = version_lag(row.version, served)
    if lag is None:
        return row.version or "—"
    return f"{row.version}（最新）" if lag == 0 else f"{row.version}（落后 {lag} 版）"


def screen_card(
    row: ScreenRow, orders: Orders, now: datetime, settings: Settings, served: str | None, titles: dict[str, str]
) -> ScreenCard:
    online = is_online(row.last_seen, now, settings.refresh_seconds)
    seen = (now - row.last_seen).total_seconds()
    return ScreenCard(
        name=row.name,
        online=online,
        page=titles.get(row.page or "", row.page or "—"),
        lag=_lag_text(row, served),
        uptime=fmt.duration(row.uptime_seconds) if online else "—",
        last_seen=f"{fmt.stamp(row.last_seen)}（{fmt.duration(seen)}前）",
        loaded=fmt.stamp(row.loaded_at),
        canvas=row.canvas or "—",
        heap=f"{row.heap_mb:.0f} MB" if row.heap_mb is not None else "—",
        errors=row.errors,
        orders=_orders_text(orders, titles),
    )


def held_change(state: HoldState) -> HeldChange:
    key = state.figure
    shown = f"{figure_text(key, state.confirmed_value)}（截至 {fmt.stamp(state.confirmed_as_of)}）"
    return HeldChange(
        key=key,
        name=FIGURE_BY_KEY[key].name,
        shown=shown,
        computed=f"{figure_text(key, state.held_value)}（数据版本 {state.held_token}）",
        since=fmt.stamp(state.held_since),
        runs=state.held_runs or "—",
        rejected=state.is_rejected,
    )


def _window(start: str | None, end: str | None) -> tuple[datetime | None, datetime | None]:
    def parse(text: str | None) -> datetime | None:
        if not text:
            return None
        try:
            return datetime.fromisoformat(text).replace(second=0, microsecond=0)
        except ValueError as exc:
            raise ScreenCommandError(f"时间格式无法识别：{text}") from exc

    return parse(start), parse(end)


def register(app: Dash, store: Store, cache: ViewCache, settings: Settings) -> Callable[[], Any]:
    titles = {page.name: page.title for page in wall_pages(settings)}

    def now() -> datetime:
        return local_now(settings.timezone)

    def user() -> str:
        return principal().username or "?"

    @app.callback(
        Output("op-ops-screens", "children"),
        Output("op-ops-target", "options"),
        Output("op-ops-notices", "children"),
        Output("op-ops-audit", "children"),
        Output("op-ops-holds", "children"),
        Input("op-ops-poll", "n_intervals"),
        Input("op-ops-refresh", "data"),
    )
    def overview(_n: int | None, _refresh: int | None):  # type: ignore[no-untyped-def]
        _require_operator()
        moment = now()
        snapshot = cache.snapshot()
        served = snapshot.token if snapshot is not None else None
        with store.read() as conn:
            rows = screens(conn)
            cards = [
                screen_card(r, screen_orders(conn, r.name, moment), moment, settings, served, titles) for r in rows
            ]
            notices = upcoming_notices(conn, moment)
            history = screen_history(conn)
            held = [held_change(state) for state in held_changes(conn)]
        options = [{"label": "全部屏幕", "value": ALL_SCREENS}] + [{"label": r.name, "value": r.name} for r in rows]
        notice_rows = [
            (
                n.id,
                "全部屏幕" if n.target == ALL_SCREENS else n.target,
                f"{MODE_WORDS.get(n.mode, '')}「{n.text}」{fmt.stamp(n.starts_at)}–{fmt.stamp(n.ends_at)}",
            )
            for n in notices
        ]
        audit = [(fmt.stamp(at), who, "全部屏幕" if t == ALL_SCREENS else t, what) for at, who, t, _a, what in history]
        return screen_cards(cards), options, notice_list(notice_rows), audit_list(audit), held_list(held)

    @app.callback(
        Output("op-ops-message", "children"),
        Output("op-ops-refresh", "data"),
        Input("op-ops-freeze", "n_clicks"),
        Input("op-ops-resume", "n_clicks"),
        Input("op-ops-reload", "n_clicks"),
        Input("op-ops-quiet-set", "n_clicks"),
        Input("op-ops-quiet-clear", "n_clicks"),
        Input("op-ops-notice-post", "n_clicks"),
        Input({"type": NOTICE_END_TYPE, "index": ALL}, "n_clicks"),
        Input({"type": HOLD_CONFIRM_TYPE, "index": ALL}, "n_clicks"),
        Input({"type": HOLD_REJECT_TYPE, "index": ALL}, "n_clicks"),
        Input({"type": FORGET_TYPE, "index": ALL}, "n_clicks"),
        State("op-ops-target", "value"),
        State("op-ops-page", "value"),
        State("op-ops-quiet-start", "value"),
        State("op-ops-quiet-end", "value"),
        State("op-ops-notice-text", "value"),
        State("op-ops-notice-mode", "value"),
        State("op-ops-notice-start", "value"),
        State("op-ops-notice-end", "value"),
        State("op-ops-refresh", "data"),
        prevent_initial_call=True,
    )
    def act(*args: Any):  # type: ignore[no-untyped-def]
        _require_operator()
        target, page, quiet_start, quiet_end, text, mode, starts, ends, refresh = args[10:]
        trigger = ctx.triggered_id
        if trigger is None or not ctx.triggered or not ctx.triggered[0].get("value"):
            raise PreventUpdate  # a 撤下 button that appeared with the list, not a click
        who, moment = user(), now()
        try:
            if isinstance(trigger, dict) and trigger["type"] == HOLD_CONFIRM_TYPE:
                message = confirm_change(store, str(trigger["index"]), who, moment)
            elif isinstance(trigger, dict) and trigger["type"] == HOLD_REJECT_TYPE:
                message = reject_change(store, str(trigger["index"]), who, moment)
            elif isinstance(trigger, dict) and trigger["type"] == FORGET_TYPE:
                message = orders_service.forget(store, str(trigger["index"]), who, moment)
            elif isinstance(trigger, dict):
                message = orders_service.end_notice(store, int(trigger["index"]), who, moment)
            elif trigger == "op-ops-freeze":
                message = orders_service.freeze(store, titles, target, page, who, moment)
            elif trigger == "op-ops-resume":
                message = orders_service.resume(store, target, who, moment)
            elif trigger == "op-ops-reload":
                message = orders_service.reload(store, target, who, moment)
            elif trigger == "op-ops-quiet-set":
                message = orders_service.quiet_hours(store, target, quiet_start, quiet_end, who, moment)
            elif trigger == "op-ops-quiet-clear":
                message = orders_service.quiet_hours(store, target, None, None, who, moment)
            else:
                window = _window(starts, ends)
                message = orders_service.post_notice(store, target, text or "", mode, window, who, moment)
        except ScreenCommandError as exc:
            return f"未执行：{exc}", no_update
        return f"已执行 · {message}", (refresh or 0) + 1

    @app.callback(
        Output("op-ops-preview", "children"),
        Input("op-ops-notice-text", "value"),
        Input("op-ops-notice-mode", "value"),
    )
    def preview(text: str | None, mode: str | None):  # type: ignore[no-untyped-def]
        _require_operator()
        return notice_preview(text, mode)

    def render() -> Any:
        who = principal()
        poll_ms = min(settings.refresh_seconds, POLL_SECONDS_MAX) * 1000
        moment = now()
        window = (f"{moment:%Y-%m-%dT%H:%M}", f"{moment + timedelta(hours=NOTICE_HOURS):%Y-%m-%dT%H:%M}")
        return ops_page(settings.title, who.username, who.role, list(titles.items()), poll_ms, window)

    return render

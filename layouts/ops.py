"""The operations page (大屏运维, ``/ops``), made for a phone first: every screen with its heartbeat (online or
offline, page, version lag, uptime), the orders for one screen or all (notice with a preview, freeze, resume, reload,
quiet hours), the notices on show or to come, and the audit of every action."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dash import dcc, html

from layouts.components import panel
from layouts.nav import nav_header

ALL_VALUE = "*"
MODE_OPTIONS = [{"label": "横幅（底部一条）", "value": "banner"}, {"label": "全屏", "value": "full"}]
NOTICE_END_TYPE = "op-notice-end"
HOLD_CONFIRM_TYPE, HOLD_REJECT_TYPE = "op-hold-confirm", "op-hold-reject"
FORGET_TYPE = "op-screen-forget"


@dataclass(frozen=True)
class HeldChange:
    """A headline figure's change held by the plausibility check, in words."""

    key: str
    name: str
    shown: str
    computed: str
    since: str
    runs: str
    rejected: bool


@dataclass(frozen=True)
class ScreenCard:
    """One screen as /ops shows it (every field already in words)."""

    name: str
    online: bool
    page: str
    lag: str
    uptime: str
    last_seen: str
    loaded: str
    canvas: str
    heap: str
    errors: int
    orders: str


def _field(label: str, value: Any) -> html.Div:
    return html.Div([html.Span(label, className="bm-ops-label"), html.Span(value, className="bm-ops-value")])


def screen_cards(cards: Sequence[ScreenCard]) -> html.Div:
    if not cards:
        return html.Div("还没有屏幕上报。大屏打开后，第一次状态查询时出现在这里。", className="bm-muted")
    blocks = []
    for card in cards:
        state = html.Span(
            "在线" if card.online else "离线", className="bm-ops-online" if card.online else "bm-ops-offline"
        )
        blocks.append(
            html.Div(
                [
                    html.Div([html.B(card.name), state], className="bm-ops-card-head"),
                    _field("页面", card.page),
                    _field("数据版本", card.lag),
                    _field("已运行", card.uptime),
                    _field("最近上报", card.last_seen),
                    _field("上次载入", card.loaded),
                    _field("窗口", card.canvas),
                    _field("页面内存", card.heap),
                    _field("错误", str(card.errors)),
                    _field("指令", card.orders),
                    None
                    if card.online
                    else html.Button(
                        "从列表移除", id={"type": FORGET_TYPE, "index": card.name}, className="bm-button", n_clicks=0
                    ),
                ],
                className="bm-ops-card" + ("" if card.online else " bm-ops-card-offline"),
                **{"data-screen": card.name, "data-online": "1" if card.online else "0"},
            )
        )
    return html.Div(blocks, className="bm-ops-cards")


def notice_list(rows: Sequence[tuple[int, str, str]]) -> html.Div:
    """(id, target in words, description) of the notices on show or to come, each with its 撤下 button."""
    if not rows:
        return html.Div("当前没有通知", className="bm-muted")
    return html.Div(
        [
            html.Div(
                [
                    html.Span(f"{target}：{text}"),
                    html.Button(
                        "撤下", id={"type": NOTICE_END_TYPE, "index": notice_id}, className="bm-button", n_clicks=0
                    ),
                ],
                className="bm-ops-notice-row",
            )
            for notice_id, target, text in rows
        ]
    )


def held_list(changes: Sequence[HeldChange]) -> html.Div:
    """Each held change: the figure shown and the one computed, since when, the loads behind it; 确认 / 驳回."""
    if not changes:
        return html.Div("没有待确认的指标变化", className="bm-muted")
    blocks = []
    for c in changes:
        buttons = [html.Button("确认并显示", id={"type": HOLD_CONFIRM_TYPE, "index": c.key}, className="bm-button")]
        if not c.rejected:
            buttons.append(
                html.Button(
                    "驳回", id={"type": HOLD_REJECT_TYPE, "index": c.key}, className="bm-button bm-button-danger"
                )
            )
        state = "已驳回，大屏保持原值" if c.rejected else "待确认"
        blocks.append(
            html.Div(
                [
                    html.Div(
                        [html.B(c.name), html.Span(state, className="bm-ops-offline")], className="bm-ops-card-head"
                    ),
                    _field("大屏显示", c.shown),
                    _field("新计算值", c.computed),
                    _field("暂缓自", c.since),
                    _field("来源导入", c.runs),
                    html.Div(buttons, className="bm-form-row"),
                ],
                className="bm-ops-card bm-ops-held",
                **{"data-figure": c.key},
            )
        )
    return html.Div(blocks, className="bm-ops-cards")


def audit_list(rows: Sequence[tuple[str, str, str, str]]) -> html.Div:
    """(time, who, screen, what) of the latest actions."""
    if not rows:
        return html.Div("还没有操作记录", className="bm-muted")
    return html.Ul(
        [html.Li(f"{at} · {who} · {target} · {what}") for at, who, target, what in rows], className="bm-ops-audit"
    )


def notice_preview(text: str | None, mode: str | None) -> html.Div:
    """The notice as the wall will show it, on a small 16:9 canvas."""
    words = " ".join((text or "").split()) or "（通知内容）"
    kind = "full" if mode == "full" else "banner"
    return html.Div(html.Div(words, className=f"bm-ops-preview-{kind}"), className="bm-ops-preview")


def _row(*children: Any) -> html.Div:
    return html.Div(list(children), className="bm-form-row")


def ops_page(
    title: str, user: str | None, role: str, pages: Sequence[tuple[str, str]], poll_ms: int, window: tuple[str, str]
) -> html.Div:
    """``pages``: (name, title) of the wall's pages, to freeze on; ``window``: a new notice's default start and end
    (``YYYY-MM-DDTHH:MM``)."""
    target = _row(
        html.Span("对象"),
        dcc.RadioItems(
            id="op-ops-target",
            options=[{"label": "全部屏幕", "value": ALL_VALUE}],
            value=ALL_VALUE,
            inline=True,
            className="bm-radio bm-ops-choice",
        ),
    )
    rotation = html.Div(
        [
            _row(
                dcc.RadioItems(
                    id="op-ops-page",
                    options=[{"label": t, "value": n} for n, t in pages],
                    value=pages[0][0] if pages else None,
                    inline=True,
                    className="bm-radio bm-ops-choice",
                ),
            ),
            _row(
                html.Button("固定在此页", id="op-ops-freeze", className="bm-button", n_clicks=0),
                html.Button("恢复轮播", id="op-ops-resume", className="bm-button", n_clicks=0),
            ),
            _row(html.Button("重新载入页面", id="op-ops-reload", className="bm-button bm-button-danger", n_clicks=0)),
            _row(
                html.Span("静默时段"),
                dcc.Input(id="op-ops-quiet-start", type="time", value="22:00"),
                html.Span("至"),
                dcc.Input(id="op-ops-quiet-end", type="time", value="07:00"),
            ),
            _row(
                html.Button("设定静默", id="op-ops-quiet-set", className="bm-button", n_clicks=0),
                html.Button("取消静默", id="op-ops-quiet-clear", className="bm-button", n_clicks=0),
            ),
        ]
    )
    notice = html.Div(
        [
            dcc.Textarea(id="op-ops-notice-text", placeholder="如：热烈欢迎××考察团莅临指导", className="bm-ops-text"),
            dcc.RadioItems(
                id="op-ops-notice-mode", options=MODE_OPTIONS, value="banner", inline=True, className="bm-radio"
            ),
            _row(html.Span("开始"), dcc.Input(id="op-ops-notice-start", type="datetime-local", value=window[0])),
            _row(html.Span("结束"), dcc.Input(id="op-ops-notice-end", type="datetime-local", value=window[1])),
            html.Div("预览（大屏上的样子）", className="bm-muted"),
            html.Div(notice_preview(None, "banner"), id="op-ops-preview"),
            _row(html.Button("发布通知", id="op-ops-notice-post", className="bm-button", n_clicks=0)),
            html.Div(id="op-ops-notices"),
        ]
    )
    return html.Div(
        [
            nav_header(title, "/ops", user, role, "大屏运维"),
            html.Main(
                [
                    html.Div(id="op-ops-message", className="bm-message", role="status"),
                    panel("屏幕", html.Div(id="op-ops-screens")),
                    panel("待确认的指标变化（超出合理范围，大屏暂保持上次确认的数）", html.Div(id="op-ops-holds")),
                    panel("指令", html.Div([target, rotation])),
                    panel("通知（欢迎词、紧急通知）", notice),
                    panel("操作记录", html.Div(id="op-ops-audit")),
                ],
                className="bm-ops-main",
            ),
            dcc.Store(id="op-ops-refresh", data=0),
            dcc.Interval(id="op-ops-poll", interval=poll_ms),
        ],
        className="bm-meeting bm-ops",
    )

"""Marking a 调度会 on /operator: only an operator's (or admin's) session may mark one over HTTP, through the same
write service as ``battlemap meeting mark``; the mark keeps who and when, with its optional name, in the audit log
and the list of recent marks; a day still to come or a name too long is refused with a Chinese message."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from data.audit import AuditFilter, entries
from data.clock import set_clock
from data.since_meeting import marks
from tests.auth_client import PASSWORD, login, post_callback, role_site

NOW = datetime(2026, 12, 4, 9, 30)  # Asia/Shanghai


@pytest.fixture
def site(tmp_path):  # type: ignore[no-untyped-def]
    app, store, _settings = role_site(tmp_path)
    set_clock(NOW)
    yield app, store
    set_clock(None)
    store.dispose()


def _mark_body(app: Any, day: str | None, title: str | None) -> dict[str, Any]:
    return {
        "output": next(k for k in app.callback_map if "op-meeting-message.children" in k),
        "outputs": [{"id": "op-meeting-message", "property": "children"}, {"id": "op-refresh", "property": "data"}],
        "inputs": [{"id": "op-meeting-mark", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "op-meeting-date", "property": "date", "value": day},
            {"id": "op-meeting-title", "property": "value", "value": title},
            {"id": "op-refresh", "property": "data", "value": 0},
        ],
        "changedPropIds": ["op-meeting-mark.n_clicks"],
    }


def _list_body() -> dict[str, Any]:
    return {
        "output": "op-meeting-marks.children",
        "outputs": {"id": "op-meeting-marks", "property": "children"},
        "inputs": [{"id": "op-refresh", "property": "data", "value": 1}],
        "changedPropIds": ["op-refresh.data"],
    }


def _client(app: Any, name: str | None) -> Any:
    client = app.server.test_client()
    if name:
        assert login(client, name, PASSWORD).status_code == 302
    return client


def _message(response: Any) -> str:
    return json.loads(response.get_data(as_text=True))["response"]["op-meeting-message"]["children"]


def _texts(component: Any) -> list[Any]:
    """The cells of a rendered table, row by row (from Dash's JSON)."""
    body = component["props"]["children"][1]["props"]["children"]
    return [[cell["props"]["children"] for cell in row["props"]["children"]] for row in body]


def test_only_an_operator_or_an_admin_marks_a_meeting(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    body = _mark_body(app, "2026-12-04", "第 12 次调度会")
    for name in (None, "lead"):
        assert post_callback(_client(app, name), body).status_code == 403
        assert post_callback(_client(app, name), _list_body()).status_code == 403
    with store.read() as conn:
        assert marks(conn) == [] and entries(conn, AuditFilter(action="meeting.mark")) == []

    operator = _client(app, "oper")
    response = post_callback(operator, body)
    assert response.status_code == 200
    assert _message(response) == (
        "已标记 2026-12-04 的调度会“第 12 次调度会”（第 1 次标记）；调度会视图和调度清单下次刷新时与它比较"
    )
    response = post_callback(_client(app, "boss"), _mark_body(app, "2026-12-02", "  "))
    assert _message(response) == "已标记 2026-12-02 的调度会（第 2 次标记）；调度会视图和调度清单下次刷新时与它比较"

    with store.read() as conn:
        found = marks(conn)
        logged = entries(conn, AuditFilter(action="meeting.mark"))
    # the day the operator marked comes first; an earlier day is as of its end, the day itself as of the click
    assert [(m.meeting_on, m.title, m.marked_by, m.as_of) for m in found] == [
        (date(2026, 12, 4), "第 12 次调度会", "oper", found[0].marked_at),
        (date(2026, 12, 2), None, "boss", datetime(2026, 12, 2, 23, 59, 59, 999999)),
    ]
    assert found[0].marked_at.date() == date(2026, 12, 4) and found[0].marked_at >= NOW
    empty = "项目 0 个，逾期诉求 0 件，逾期清障问题 0 个"
    assert [(e.actor, e.target, e.detail) for e in logged] == [
        ("boss", "2026-12-02", f"第 2 次标记；{empty}"),
        ("oper", "2026-12-04", f"第 1 次标记（第 12 次调度会）；{empty}"),
    ]

    listed = json.loads(post_callback(operator, _list_body()).get_data(as_text=True))
    rows = _texts(listed["response"]["op-meeting-marks"]["children"])
    assert [row[:3] + row[5:] for row in rows] == [
        [1, "2026-12-04", "第 12 次调度会", "oper", 0, 0, 0],
        [2, "2026-12-02", "—", "boss", 0, 0, 0],
    ]
    assert rows[1][3] == "2026-12-02 23:59"


def test_a_day_to_come_and_a_long_name_are_refused(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    operator = _client(app, "oper")
    assert _message(post_callback(operator, _mark_body(app, "2026-12-05", None))) == (
        "调度会日期 2026-12-05 还没有到，不能标记"
    )
    assert _message(post_callback(operator, _mark_body(app, "2026-12-04", "会" * 101))) == (
        "调度会名称最多 100 个字，现为 101 个字"
    )
    with store.read() as conn:
        assert marks(conn) == [] and entries(conn, AuditFilter(action="meeting.mark")) == []


def test_no_day_chosen_marks_today_in_the_city_s_time_zone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app, store, _settings = role_site(tmp_path)
    set_clock(datetime(2026, 12, 4, 0, 30))  # 16:30 UTC on the 3rd is already the 4th in Asia/Shanghai
    try:
        response = post_callback(_client(app, "oper"), _mark_body(app, None, None))
        with store.read() as conn:
            (mark,) = marks(conn)
    finally:
        set_clock(None)
        store.dispose()
    assert _message(response).startswith("已标记 2026-12-04 的调度会（第 1 次标记）")
    assert mark.meeting_on == date(2026, 12, 4) and mark.as_of.date() == date(2026, 12, 4)

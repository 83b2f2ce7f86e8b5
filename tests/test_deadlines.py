"""The one deadline rule (``data.metrics.deadline``) at each boundary, through every surface that counts a deadline:
the appeal metrics (summary and facts), the drill-down rows, the brief, 清障 and milestones — figures worked out by
hand on a handful of tickets around the end of 2026 (month, quarter and year end at once).

Appeals (all 市数据资源局, 淮川区):
  B1 due 2026-12-31 23:59, open
  B2 due 2026-12-31 23:59, closed 2026-12-31 23:59 (at its due minute: on time)
  B3 due 2026-12-31 23:59, closed 2027-01-01 00:00 (one minute late)
  B4 due 2026-12-31 12:00, closed 2026-12-31 12:01 (one minute late)
  B5 due 2027-01-01 00:00, open (the first instant of 2027)
  B6 due 2026-12-20 18:00, closed 2026-12-31 09:00 (late, closed on the last day)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import Connection, insert

from config import load_settings
from data import drilldown
from data.brief import build_brief
from data.engine import Store, open_store
from data.metrics import appeals, clearance
from data.metrics.projects import MilestoneFact, project_rag
from data.metrics.scope import Scope, period_bounds
from data.migrate import upgrade
from data.schema import Appeal, ClearanceIssue, Department, Region
from data.summaries import refresh_summaries
from data.version import deadline_mark

SETTINGS = load_settings(environ={})
RULE = SETTINGS.rag


def dt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def _appeal(no: str, due: str, closed: str | None) -> dict:
    return {
        "ticket_no": no, "region_id": 1, "department_id": 1, "received_at": dt("2026-12-01 09:00"),
        "due_at": dt(due), "closed_at": dt(closed) if closed else None, "status": "已办结" if closed else "办理中",
    }  # fmt: skip


APPEALS = [
    _appeal("B1", "2026-12-31 23:59", None),
    _appeal("B2", "2026-12-31 23:59", "2026-12-31 23:59"),
    _appeal("B3", "2026-12-31 23:59", "2027-01-01 00:00"),
    _appeal("B4", "2026-12-31 12:00", "2026-12-31 12:01"),
    _appeal("B5", "2027-01-01 00:00", None),
    _appeal("B6", "2026-12-20 18:00", "2026-12-31 09:00"),
]
# 清障: C1 due 12-31 open; C2 due 12-31 closed on 12-31 (on time); C3 due 12-31 closed 2027-01-01 (a day late)
ISSUES = [
    {"issue_no": no, "title": no, "department_id": 1, "region_id": 1, "found_on": date(2026, 12, 1),
     "due_on": date(2026, 12, 31), "closed_on": closed}
    for no, closed in (("C1", None), ("C2", date(2026, 12, 31)), ("C3", date(2027, 1, 1)))
]  # fmt: skip


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    store: Store = open_store(f"sqlite:///{tmp_path_factory.mktemp('deadlines') / 'd.db'}")
    upgrade(store)
    with store.write() as write:
        write.execute(insert(Region.__table__), [{"id": 1, "code": "HC01", "name": "淮川区", "type": "district"}])
        write.execute(insert(Department.__table__), [{"id": 1, "name": "市数据资源局", "type": "市直部门"}])
        write.execute(insert(Appeal.__table__), APPEALS)
        write.execute(insert(ClearanceIssue.__table__), ISSUES)
        refresh_summaries(write)
    with store.read() as read:
        yield read
    store.dispose()


def figures(conn: Connection, scope: Scope) -> tuple[tuple[float, float], int, list[str]]:
    """(按时办结率 as on time / owed, 逾期未办结 count, the 逾期 drill-down rows) — and the rows behind each count
    agree with it."""
    rate = appeals.on_time_rate(conn, scope)
    overdue = drilldown.count(conn, scope, "appeals.overdue", RULE)
    rows = sorted(drilldown.rows(conn, scope, "appeals.overdue", RULE)["ticket_no"])
    assert len(rows) == overdue
    for key in ("appeals.due", "appeals.on_time"):
        assert drilldown.count(conn, scope, key, RULE) == len(drilldown.rows(conn, scope, key, RULE))
    assert drilldown.count(conn, scope, "appeals.due", RULE) == rate.denominator
    return (rate.numerator, rate.denominator), overdue, rows


def at(text: str, period: str = "2026") -> Scope:
    start, end = period_bounds(period)
    return Scope.at(dt(text), start=start, end=end)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # 00:00 on the last day: only B6 (due 12-20) has passed, open until 09:00 → owed 1, on time 0, overdue B6
        ("2026-12-31 00:00", ((0, 1), 1, ["B6"])),
        # 02:00: B1–B4 are due later today — not owed, not 逾期
        ("2026-12-31 02:00", ((0, 1), 1, ["B6"])),
        # 09:00: B6 closed (late) at this very minute
        ("2026-12-31 09:00", ((0, 1), 0, [])),
        # 12:00: B4 is due at this minute — not passed yet
        ("2026-12-31 12:00", ((0, 1), 0, [])),
        # 12:00:30 is after B4's due time and before its closing: 逾期
        ("2026-12-31 12:00:30", ((0, 2), 1, ["B4"])),
        # 12:01: B4 closed a minute late: owed, not on time, not 逾期
        ("2026-12-31 12:01", ((0, 2), 0, [])),
        # 23:59: B1–B3 due at this minute, not passed; B2 closed at it (owed, on time)
        ("2026-12-31 23:59", ((1, 3), 0, [])),
        # 00:00 of the new year: B1–B3 passed; B3 closed at 00:00 (a minute late); B1 逾期. B5 is 2027's
        ("2027-01-01 00:00", ((1, 5), 1, ["B1"])),
    ],
)
def test_appeals_at_each_minute_of_the_last_day(conn: Connection, now: str, expected: tuple) -> None:
    moment = datetime.fromisoformat(now)
    start, end = period_bounds("2026")
    assert figures(conn, Scope.at(moment, start=start, end=end)) == expected


def test_month_quarter_and_year_end_cut_at_midnight(conn: Connection) -> None:
    # at 2027-01-01 00:00 the month, the quarter and the year ending 12-31 hold the same five owed appeals
    for period in ("2026-12", "2026Q4", "2026"):
        assert figures(conn, at("2027-01-01 00:00", period)) == ((1, 5), 1, ["B1"])
    # B5 is due at 2027's first instant: not passed at 00:00, 逾期 at 00:01
    assert figures(conn, at("2027-01-01 00:00", "2027-01")) == ((0, 0), 0, [])
    assert figures(conn, at("2027-01-01 00:01", "2027Q1")) == ((0, 1), 1, ["B5"])


def test_a_scope_without_an_instant_is_as_of_the_end_of_its_day(conn: Connection) -> None:
    # the end of 12-31: every due time of the day has passed; B3 closes only after → 逾期 with B1
    start, end = period_bounds("2026")
    assert figures(conn, Scope(today=date(2026, 12, 31), start=start, end=end)) == ((1, 5), 2, ["B1", "B3"])


def test_close_rate_and_department_breakdown_follow_the_rule(conn: Connection) -> None:
    scope = at("2026-12-31 23:59")
    # owed B2, B4, B6; closed by 23:59 all three
    rate = appeals.close_rate(conn, scope)
    assert (rate.numerator, rate.denominator) == (3, 3)
    row = appeals.appeals_by(conn, scope, "department").iloc[0]
    assert (row["due"], row["closed_on_time"]) == (3, 1)


def test_the_brief_counts_no_appeal_due_later_today(conn: Connection) -> None:
    brief = build_brief(conn, at("2026-12-31 02:00"), SETTINGS, "2026", dt("2026-12-31 02:00"))
    headline = dict(brief.headline)
    assert headline["逾期未办结诉求"] == "1 件"
    assert headline["按时办结率"] == "0.0%（0 / 1） 未达标"
    overdue = next(s for s in brief.sections if s.title.startswith("逾期未办结企业诉求"))
    assert [row["ticket_no"] for row in overdue.rows] == ["B6"]


@pytest.mark.parametrize(
    ("now", "owed", "on_time", "overdue"),
    [
        # all day on the due day nothing is 逾期; C2, closed that day, is owed and on time
        ("2026-12-31 00:00", 1, 1, []),
        ("2026-12-31 23:59", 1, 1, []),
        # from the midnight that ends the due day: C1 and C3 (closed only on 01-01, a day late) have passed
        ("2027-01-01 00:00", 3, 1, ["C1"]),
    ],
)
def test_clearance_due_days(conn: Connection, now: str, owed: int, on_time: int, overdue: list[str]) -> None:
    scope = Scope.at(dt(now))
    rate = clearance.on_schedule_close_rate(conn, scope)
    assert (rate.numerator, rate.denominator) == (on_time, owed)
    assert sorted(clearance.overdue_issues(conn, scope)["issue_no"]) == overdue
    assert drilldown.count(conn, scope, "clearance.overdue", RULE) == len(overdue)


def test_a_milestone_is_late_once_its_day_is_over() -> None:
    today = date(2026, 12, 31)
    milestones = [MilestoneFact("验收", today, 0.5, None), MilestoneFact("运营", date(2027, 6, 30), 0.5, None)]

    def rag(over: bool):  # type: ignore[no-untyped-def]
        return project_rag(
            milestones, today=today, planned_start=date(2026, 1, 1), actual_start=date(2026, 1, 5),
            is_blocked=False, rule=RULE, today_is_over=over,
        )  # fmt: skip

    during, after = rag(False), rag(True)
    assert (during.gap, during.first_overdue, during.status) == (0, None, "green")
    assert (after.gap, after.status) == (50.0, "red")


def test_the_clock_mark_moves_when_an_appeal_falls_due(conn: Connection) -> None:
    marks = [deadline_mark(conn, dt(t)) for t in ("2026-12-31 02:00", "2026-12-31 11:59", "2026-12-31 12:01")]
    assert marks == ["2026-12-31", "2026-12-31", "2026-12-31+12:00:00"]
    assert deadline_mark(conn, datetime(2027, 1, 1, 0, 0, 30)) == "2027-01-01+00:00:00"

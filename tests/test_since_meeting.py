"""自上次调度会以来: the diff of two snapshots (hand-computed), the mark's day boundary in Asia/Shanghai, the write
through the service with its audit entry, the migration down and up, and ``battlemap meeting``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from cli import main as cli_main
from data import audit
from data.clock import set_clock
from data.migrate import alembic_config, current_revision, upgrade
from data.schema import Appeal, Department, IndicatorEval, Project, Region
from data.since_meeting import (
    ColourChange,
    ItemChange,
    MarkError,
    RankMove,
    latest_mark,
    since_last_meeting,
    since_meeting,
    snapshot_scope,
)
from etl import service
from tests.store_fixtures import fresh_store

MARKED = {
    "projects": {
        "P001": ["yellow", "园区道路", "住建局"],
        "P002": ["green", "政务大厅", "数据局"],
        "P003": ["red", "污水管网", "水务局"],
        "P004": ["green", "公园", "住建局"],
    },
    "appeals": {"A1": ["停车", "交通局", "2026-11-20 17:00"], "A2": ["供水", "水务局", "2026-11-25 09:00"]},
    "issues": {"Q1": ["占道", "城管局", "2026-11-01"]},
    "ranks": {"overall": {"period": "2026Q2", "rank": 16}, "key": {"period": "2026Q2", "rank": 9}},
}
NOW = {
    "projects": {
        "P001": ["red", "园区道路", "住建局"],
        "P002": ["yellow", "政务大厅", "数据局"],
        "P003": ["green", "污水管网", "水务局"],
        "P004": ["green", "公园", "住建局"],
        "P005": ["red", "新项目", "发改委"],
    },
    "appeals": {"A1": ["停车", "交通局", "2026-11-20 17:00"], "A3": ["用电", "供电局", "2026-12-01 10:00"]},
    "issues": {"Q1": ["占道", "城管局", "2026-11-01"]},
    "ranks": {"overall": {"period": "2026Q3", "rank": 12}, "key": {"period": "2026Q2", "rank": 9}},
}


def test_the_diff_of_two_snapshots() -> None:
    diff = since_meeting(MARKED, NOW)
    assert diff.newly_red == (
        ColourChange("P001", "园区道路", "住建局", "yellow", "red"),
        ColourChange("P005", "新项目", "发改委", None, "red"),
    )
    assert diff.newly_yellow == (ColourChange("P002", "政务大厅", "数据局", "green", "yellow"),)
    assert diff.turned_green == (ColourChange("P003", "污水管网", "水务局", "red", "green"),)
    assert diff.eased == ()
    assert diff.appeals_overdue == (ItemChange("A3", "用电", "供电局", "2026-12-01 10:00"),)
    assert diff.appeals_closed == (ItemChange("A2", "供水", "水务局", "2026-11-25 09:00"),)
    assert diff.issues_overdue == () and diff.issues_closed == ()
    assert diff.rank_moves == (RankMove("overall", "2026Q2", 16, "2026Q3", 12, 4),)


def test_nothing_changed_is_an_empty_diff() -> None:
    assert since_meeting(MARKED, MARKED) == since_meeting(NOW, NOW)
    assert not any(vars(since_meeting(MARKED, MARKED)).values())


def test_the_mark_is_as_of_now_on_the_day_and_as_of_the_end_of_an_earlier_day() -> None:
    now = datetime(2026, 12, 4, 0, 30)
    assert snapshot_scope(date(2026, 12, 4), now).moment == now
    assert snapshot_scope(date(2026, 12, 3), now).moment == datetime(2026, 12, 3, 23, 59, 59, 999999)
    with pytest.raises(MarkError, match="还没有到"):
        snapshot_scope(date(2026, 12, 5), now)


def _ids(conn) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    department = conn.execute(select(Department.id).order_by(Department.id)).scalars().first()
    region = conn.execute(select(Region.id).where(Region.type == "county").order_by(Region.id)).scalars().first()
    return department, region


def _seed(store) -> None:  # type: ignore[no-untyped-def]
    with store.write() as conn:
        department, region = _ids(conn)
        for no, colour in (("P001", "yellow"), ("P002", "green")):
            conn.execute(
                Project.__table__.insert().values(
                    project_no=no,
                    name=f"项目{no}",
                    kind="为企办实事",
                    department_id=department,
                    planned_start=date(2026, 1, 1),
                    planned_end=date(2026, 12, 31),
                    override_status=colour,
                    override_reason="测试",
                )
            )
        for no, due in (("A-2330", datetime(2026, 12, 3, 23, 30)), ("A-0010", datetime(2026, 12, 4, 0, 10))):
            conn.execute(
                Appeal.__table__.insert().values(
                    ticket_no=no,
                    region_id=region,
                    department_id=department,
                    category="测试",
                    received_at=datetime(2026, 11, 30, 9, 0),
                    due_at=due,
                    status="办理中",
                )
            )
        conn.execute(IndicatorEval.__table__.insert().values(period="2026Q2", rank=16, n_cities=16))


def test_a_mark_through_the_service_is_audited_and_the_view_diffs_against_it(tmp_path: Path) -> None:
    store, settings = fresh_store(tmp_path)
    _seed(store)
    # marked on 3 December after the meeting day ended: its snapshot is as of 23:59:59 that day (Asia/Shanghai),
    # so the appeal due at 23:30 is overdue then and the one due at 00:10 on the 4th is not
    marked_at = datetime(2026, 12, 4, 0, 5)
    mark_id = service.mark_meeting(store, settings, date(2026, 12, 3), "李操作", marked_at)
    with store.read() as conn:
        mark = latest_mark(conn)
        logged = audit.entries(conn, audit.AuditFilter(action="meeting.mark"))
    assert mark is not None and mark.id == mark_id
    assert (mark.meeting_on, mark.as_of, mark.marked_by) == (
        date(2026, 12, 3),
        datetime(2026, 12, 3, 23, 59, 59, 999999),
        "李操作",
    )
    assert set(mark.snapshot["appeals"]) == {"A-2330"}
    assert [(e.actor, e.target, e.detail) for e in logged] == [
        ("李操作", "2026-12-03", f"第 {mark_id} 次标记；项目 2 个，逾期诉求 1 件，逾期清障问题 0 个")
    ]
    service.set_override(store, settings, "P001", "red", "现场停工", "李操作", marked_at)
    with store.write() as conn:
        conn.execute(Appeal.__table__.update().where(Appeal.ticket_no == "A-2330").values(closed_at=marked_at))
        conn.execute(IndicatorEval.__table__.insert().values(period="2026Q3", rank=12, n_cities=16))
    with store.read() as conn:
        found = since_last_meeting(conn, settings.rag, datetime(2026, 12, 4, 9, 0))
    assert found is not None
    diff = found[1]
    assert [(c.project_no, c.before, c.after) for c in diff.newly_red] == [("P001", "yellow", "red")]
    assert [c.key for c in diff.appeals_overdue] == ["A-0010"]
    assert [c.key for c in diff.appeals_closed] == ["A-2330"]
    assert [(m.before_rank, m.after_rank, m.movement) for m in diff.rank_moves] == [(16, 12, 4)]


def test_no_mark_means_no_diff(tmp_path: Path) -> None:
    store, settings = fresh_store(tmp_path)
    with store.read() as conn:
        assert since_last_meeting(conn, settings.rag, datetime(2026, 12, 4, 9, 0)) is None


def _mark_columns(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["name"] for c in inspect(store.writer).get_columns("meeting_mark")]


def test_the_migrations_go_down_and_up(tmp_path: Path) -> None:
    store, _settings = fresh_store(tmp_path)
    assert "title" in _mark_columns(store)
    config = alembic_config()
    with store.write() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0014")
    assert "title" not in _mark_columns(store) and current_revision(store) == "0014"
    with store.write() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0013")
    assert "meeting_mark" not in inspect(store.writer).get_table_names()
    assert current_revision(store) == "0013"
    upgrade(store)
    assert "title" in _mark_columns(store) and current_revision(store) == "0015"


def test_battlemap_meeting_mark_and_list(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    set_clock(datetime(2026, 12, 4, 0, 30))  # 16:30 UTC on the 3rd is already the 4th in Asia/Shanghai
    try:
        assert cli_main(["meeting", "list"]) == 0
        assert "未标记调度会" in capsys.readouterr().out
        assert cli_main(["meeting", "mark"]) == 0
        assert "已标记 2026-12-04 的调度会（第 1 次标记，数据截至 2026-12-04 00:30）" in capsys.readouterr().out
        assert cli_main(["meeting", "mark", "--date", "2026-12-05"]) == 1
        assert "还没有到" in capsys.readouterr().err
        assert cli_main(["meeting", "mark", "--date", "2026-12-03", "--title", "第 12 次调度会"]) == 0
        assert "已标记 2026-12-03 的调度会“第 12 次调度会”（第 2 次标记" in capsys.readouterr().out
        assert cli_main(["meeting", "list"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert "2026-12-04" in lines[1] and "命令行" in lines[1]
        assert "2026-12-03" in lines[2] and "第 12 次调度会" in lines[2]
    finally:
        set_clock(None)

"""Issued quarterly standings (``data.standings``, ``etl.quarters``) on the hand-made metric fixture: a closed
quarter is issued at the first load or override after its close and never changes after; a re-issue is explicit and
keeps the earlier version; the running quarter is provisional; every surface shows the same quarter."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from config import load_settings
from data.engine import Store
from data.metrics.awards import department_scores
from data.metrics.scope import Scope
from data.schema import EtlRun
from data.standings import issue_history, quarter_standings, shown_quarter
from etl.importer import import_file
from etl.overrides import set_override
from etl.quarters import IssueError, close_quarters, issue_quarter
from tests.fixtures_metrics import D1, D2, D3, D4, build_metric_db

NOW = datetime(2026, 10, 15, 10, 0)


def _store(tmp_path: Path, first_load: datetime) -> tuple[Store, object]:
    store = build_metric_db(tmp_path / "standings.db")
    settings = load_settings(environ={}, database_url=f"sqlite:///{tmp_path / 'standings.db'}")
    with store.write() as conn:  # the store was in use since ``first_load``
        conn.execute(
            insert(EtlRun.__table__).values(
                source="earlier.csv", kind="appeals", started_at=first_load, finished_at=first_load, status="loaded"
            )
        )
    return store, settings


def _ranking(store: Store, settings, quarter: str = "2026Q3") -> list[tuple]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        rows = quarter_standings(conn, quarter, settings, NOW).rows
    rows = rows.astype(object).where(rows.notna(), None)
    return [(r.department, r.rank, round(r.score, 6), r.items, r.standing, r.proposal) for r in rows.itertuples()]


def _late_appeal(tmp_path: Path) -> Path:
    """An appeal of 市住房城乡建设局 due in Q3 and still open, sent after the quarter closed."""
    path = tmp_path / "appeals_late.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["诉求编号", "企业名称", "所属县区", "承办单位", "受理时间", "办理时限", "办理状态", "满意度"])
        out.writerow(
            [
                "LATE1",
                "淮川甲科技有限公司",
                "淮川区",
                D3,
                "2026-09-01 09:00",
                "2026-09-15 18:00",
                "办理中",
                "非常不满意",
            ]
        )
    return path


def test_a_closed_quarter_stays_put_after_an_override_and_an_import(tmp_path: Path) -> None:
    store, settings = _store(tmp_path, datetime(2026, 9, 1, 8, 0))
    with store.read() as conn:
        live_before = department_scores(conn, "2026Q3", settings, date(2026, 10, 15)).set_index("department")
    with store.write() as conn:
        assert close_quarters(conn, settings, NOW) == ["2026Q3"]
        assert close_quarters(conn, settings, NOW) == []  # once
    issued = _ranking(store, settings)
    # as the hand-worked scores of tests/test_metrics_awards.py: D3, D1, D2 ranked; 供电公司 1 item (< 5)
    assert [(d, rank, standing, proposal) for d, rank, _s, _n, standing, proposal in issued] == [
        (D3, 1, None, "骏马奖"),
        (D1, 2, None, "骏马奖"),
        (D2, 3, None, "骏马奖"),
        (D4, None, "考核事项不足 5 件", None),
    ]

    # P1 (市数据资源局, red on 09-30) set green today; a Q3 appeal of 市住房城乡建设局 imported late, open, rated 1
    set_override(store, settings, "P1", "green", "已协调解决", "oper", NOW)
    [result] = import_file(store, settings, _late_appeal(tmp_path))
    assert result.status == "loaded" and result.rows_inserted == 1
    with store.read() as conn:
        live = department_scores(conn, "2026Q3", settings, date(2026, 10, 15)).set_index("department")
    assert live.loc[D1, "projects"] == 80 and live_before.loc[D1, "projects"] == 30  # computed now: changed
    assert live.loc[D3, "on_time"] == 50 and live_before.loc[D3, "on_time"] == 100
    assert _ranking(store, settings) == issued  # issued: not one figure changed

    # a correction is explicit: a new version with its reason; the first stays
    with pytest.raises(IssueError, match="原因"):
        issue_quarter(store, settings, "2026Q3", "王主任", " ", NOW)
    assert issue_quarter(store, settings, "2026Q3", "王主任", "补录迟报诉求后重新发布", NOW) == 2
    with store.read() as conn:
        again = quarter_standings(conn, "2026Q3", settings, NOW)
        history = issue_history(conn)
    assert again.label == "2026Q3 · 已发布（第 2 版，补录迟报诉求后重新发布）"
    assert again.rows.set_index("department").loc[D1, "projects"] == 80
    assert history[["period", "version", "issued_by"]].values.tolist() == [
        ["2026Q3", 2, "王主任"],
        ["2026Q3", 1, "系统（季度结束自动发布）"],
    ]


def test_the_running_quarter_is_provisional_and_cannot_be_issued(tmp_path: Path) -> None:
    store, settings = _store(tmp_path, datetime(2026, 9, 1, 8, 0))
    with store.read() as conn:
        running = quarter_standings(conn, "2026Q4", settings, NOW)
    assert running.label == "2026Q4 · 本季度·暂计（截至 10-15 10:00）" and not running.issued
    assert running.rule.startswith("规则 2026.1：权重 按时办结率 25%")
    with pytest.raises(IssueError, match="尚未结束"):
        issue_quarter(store, settings, "2026Q4", "王主任", "提前发布", NOW)


def test_a_quarter_closed_before_the_store_was_used_is_not_issued_by_itself(tmp_path: Path) -> None:
    store, settings = _store(tmp_path, datetime(2026, 10, 2, 8, 0))  # first load after Q3's close: history
    with store.write() as conn:
        assert close_quarters(conn, settings, NOW) == []
    with store.read() as conn:
        assert quarter_standings(conn, "2026Q3", settings, NOW).label == "2026Q3 · 暂计·尚未发布（截至 10-01 00:00）"


@pytest.mark.parametrize(
    ("start", "end", "quarter"),
    [
        (date(2025, 10, 16), date(2026, 10, 15), "2026Q3"),  # the rolling year: the last closed quarter
        (date(2026, 1, 1), date(2026, 10, 15), "2026Q3"),  # the year so far
        (date(2026, 10, 1), date(2026, 10, 15), "2026Q4"),  # the running quarter chosen
        (date(2026, 4, 1), date(2026, 6, 30), "2026Q2"),  # a past quarter chosen
        (date(2026, 10, 1), date(2026, 10, 15), "2026Q4"),
        (date(2026, 9, 1), date(2026, 9, 30), "2026Q3"),  # a month: the last closed quarter
    ],
)
def test_shown_quarter(start: date, end: date, quarter: str) -> None:
    assert shown_quarter(Scope.at(NOW, start=start, end=end)) == quarter


def test_the_first_change_after_the_close_issues_the_quarter_before_it_applies(tmp_path: Path) -> None:
    store, settings = _store(tmp_path, datetime(2026, 9, 1, 8, 0))
    set_override(store, settings, "P1", "green", "已协调解决", "oper", NOW)  # nothing issued Q3 yet: this does, first
    with store.read() as conn:
        rows = quarter_standings(conn, "2026Q3", settings, NOW).rows.set_index("department")
    assert rows.loc[D1, "projects"] == 30  # P1 still red (0) as at the close, P4 yellow (60)


def test_awards_command_issues_and_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from cli import main

    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["awards", "list"]) == 0
    assert "还没有发布过季度排名" in capsys.readouterr().out
    assert main(["awards", "issue", "2026Q3", "--by", "王主任", "--reason", " "]) == 1
    assert "原因" in capsys.readouterr().err
    assert main(["awards", "issue", "2026q3", "--by", "王主任", "--reason", "首次发布"]) == 0
    assert "2026Q3 季度排名已发布（第 1 版" in capsys.readouterr().out
    assert main(["awards", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split() == ["季度", "版本", "规则", "发布时间", "发布人", "原因"]
    assert listed[1].split()[:3] == ["2026Q3", "1", "2026.1"] and listed[1].split()[-2:] == ["王主任", "首次发布"]

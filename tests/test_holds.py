"""Counters that never lie (issue 18): the plausibility band at its edges, by hand; the review of a sequence of builds;
and end to end on a real store — an import that makes the appeal count fall by two thirds is held (the 总览 view and
/m keep the confirmed figure with its as-of time, /ops lists the change with its source run) until an operator
confirms it, then the new figure shows; a rejected change stays hidden without asking again."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from callbacks.views import ViewCache, collectors
from callbacks.views.holds import hold_guard
from data import holds
from data.audit import screen_history
from data.holds import COUNT, RATE, Band, HoldState, Shown, plausible, review
from etl.holds import confirm_change, reject_change
from etl.importer import import_file
from etl.screens import ScreenCommandError
from tests.store_fixtures import fresh_store

BAND = Band(count_drop_percent=10, rate_jump_points=5)
T0 = datetime(2026, 12, 2, 9, 0)
HEADER = ["诉求编号", "企业名称", "所属县区", "承办单位", "受理时间", "办理状态"]


@pytest.mark.parametrize(
    ("kind", "old", "new", "ok"),
    [
        (COUNT, 1000, 900, True),  # exactly 10 % down
        (COUNT, 1000, 899, False),
        (COUNT, 1000, 5000, True),  # a count may rise freely
        (COUNT, 0, 0, True),
        (COUNT, None, 10, True),
        (RATE, 0.967, 0.917, True),  # exactly 5 points
        (RATE, 0.967, 0.9169, False),
        (RATE, 0.90, 0.9501, False),  # a jump up is held too
        (RATE, 0.90, None, True),
    ],
)
def test_the_plausibility_band_at_its_edges(kind: str, old: float | None, new: float | None, ok: bool) -> None:
    assert plausible(kind, old, new, BAND) is ok


def test_a_change_beyond_the_band_is_held_until_the_figure_comes_back() -> None:
    states: dict[str, HoldState] = {}

    def build(value: float, token: str, at: datetime) -> Shown:
        shown, changed = review(states, {"appeals": value}, (token, at, at), BAND, lambda _m: "#7 企业诉求 a.csv")
        states.update({s.figure: s for s in changed})
        return shown["appeals"]

    assert build(1000, "1@d", T0) == Shown(1000)
    assert build(950, "2@d", T0 + timedelta(hours=1)) == Shown(950)
    held = build(300, "3@d", T0 + timedelta(hours=2))
    assert held == Shown(950, True, T0 + timedelta(hours=1))
    state = states["appeals"]
    assert (state.held_value, state.held_token, state.held_since, state.held_runs) == (
        300,
        "3@d",
        T0 + timedelta(hours=2),
        "#7 企业诉求 a.csv",
    )
    assert build(310, "4@d", T0 + timedelta(hours=3)) == Shown(950, True, T0 + timedelta(hours=1))
    assert states["appeals"].held_since == T0 + timedelta(hours=2)  # still the same hold, now at 310
    assert build(955, "5@d", T0 + timedelta(hours=4)) == Shown(955)  # the data came right: no hold any more
    assert not states["appeals"].is_held


def _appeals(path: Path, received: dict[str, str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for ticket, day in received.items():
            out.writerow([ticket, "淮川恒达科技有限公司", "淮川区", "市税务局", f"{day} 09:30", "办理中"])
    return path


@pytest.fixture
def held_store(tmp_path):  # type: ignore[no-untyped-def]
    """A store with 30 appeals from last week, built once; then a corrected file moves 20 of them two years back."""
    from app import create_app

    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    recent = (store.now() - timedelta(days=7)).strftime("%Y-%m-%d")
    old = (store.now() - timedelta(days=730)).strftime("%Y-%m-%d")
    tickets = {f"H{i:03d}": recent for i in range(30)}
    [first] = import_file(store, settings, _appeals(tmp_path / "企业诉求_1.csv", tickets))
    assert first.status == "loaded" and first.rows_inserted == 30
    cache = ViewCache(store, settings, collectors(settings), guard=hold_guard(store, settings))
    assert cache.refresh() and cache.view("overview").appeals == 30
    confirmed_at = max(cache.snapshot().source_as_of.values())
    moved = {f"H{i:03d}": old for i in range(20)}
    [second] = import_file(store, settings, _appeals(tmp_path / "企业诉求_更正.csv", moved))
    assert second.status == "loaded" and second.rows_updated == 20
    assert cache.refresh()
    app = create_app(settings, store, start_views=False)
    yield store, cache, app, second.run_id, confirmed_at
    store.dispose()


def test_an_implausible_drop_is_held_until_an_operator_confirms_it(held_store) -> None:  # type: ignore[no-untyped-def]
    store, cache, app, run_id, confirmed_at = held_store
    view = cache.view("overview")
    assert view.appeals == 30 and view.held["appeals"] == confirmed_at.strftime("%Y-%m-%d %H:%M")
    with store.read() as conn:
        [change] = [c for c in holds.held_changes(conn) if c.figure == "appeals"]
    assert (change.confirmed_value, change.held_value) == (30, 10)
    newest = change.held_runs.split("；")[0]  # a load in the same second as the confirmed build may be listed too
    assert newest.startswith(f"#{run_id} 企业诉求台账 ") and newest.endswith("企业诉求_更正.csv")
    app.server.extensions["battlemap.views"] = cache
    page = app.server.test_client().get("/m").get_data(as_text=True)
    assert ">3<" in page and f"截至 {view.held['appeals']}" in page  # the phone shows the wall's held figure

    message = confirm_change(store, "appeals", "张操作员", store.now())
    assert message.startswith("已确认：近12个月企业诉求 30 → 10")
    assert cache.refresh()
    view = cache.view("overview")
    assert view.appeals == 10 and "appeals" not in view.held
    with store.read() as conn:
        assert screen_history(conn)[0][1:4] == ("张操作员", "*", "hold-confirm")
    with pytest.raises(ScreenCommandError, match="没有待确认的变化"):
        confirm_change(store, "appeals", "张操作员", store.now())


def test_a_rejected_change_stays_hidden_without_asking_again(held_store) -> None:  # type: ignore[no-untyped-def]
    store, cache, _app, _run, _at = held_store
    assert reject_change(store, "appeals", "李操作员", store.now()).startswith("已驳回：近12个月企业诉求 30 → 10")
    from etl.load import bump_data_version

    with store.write() as conn:
        bump_data_version(conn, store.now())
    assert cache.refresh()
    assert cache.view("overview").appeals == 30
    with store.read() as conn:
        [change] = [c for c in holds.held_changes(conn) if c.figure == "appeals"]
    assert change.is_rejected
    with pytest.raises(ScreenCommandError, match="已被驳回"):
        reject_change(store, "appeals", "李操作员", store.now())


def _revisited(path: Path, results: dict[str, str], revisited: str) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow([*HEADER, "办结时间", "回访时间", "办理结果"])
        for ticket, result in results.items():
            row = [ticket, "淮川恒达科技有限公司", "淮川区", "市税务局", f"{revisited} 09:30", "已回访"]
            out.writerow([*row, f"{revisited} 10:00", f"{revisited} 11:00", result])
    return path


def test_a_jump_of_the_resolution_rate_is_held_with_its_counts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """20 revisited appeals, all 已解决 (100 %); a corrected file turns 10 of them 未解决 (50 %, a 50-point move,
    and 已解决 falls by half): the 总览 keeps 100 %, its band and its 20 / 20 until an operator confirms."""
    from layouts.pages.overview import headline_counters

    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    day = (store.now() - timedelta(days=3)).strftime("%Y-%m-%d")
    tickets = [f"R{i:03d}" for i in range(20)]
    solved = dict.fromkeys(tickets, "已解决")
    [first] = import_file(store, settings, _revisited(tmp_path / "企业诉求_1.csv", solved, day))
    assert first.status == "loaded" and first.rows_inserted == 20
    cache = ViewCache(store, settings, collectors(settings), guard=hold_guard(store, settings))
    assert cache.refresh()
    before = cache.view("overview")
    assert (before.resolution, before.resolution_solved, before.resolution_revisited) == (1.0, 20, 20)
    assert before.resolution_status == "green"

    corrected = {t: ("未解决" if i < 10 else "已解决") for i, t in enumerate(tickets)}
    [second] = import_file(store, settings, _revisited(tmp_path / "企业诉求_更正.csv", corrected, day))
    assert second.status == "loaded" and second.rows_updated == 10
    assert cache.refresh()
    view = cache.view("overview")
    assert (view.resolution, view.resolution_solved, view.resolution_revisited) == (1.0, 20, 20)
    assert view.resolution_status == "green"  # the band of the value shown, not of the held 50 %
    assert {"resolution", "resolution_solved"} <= set(view.held) and "resolution_revisited" not in view.held
    assert f"截至 {view.held['resolution']}" in str(headline_counters(view))
    with store.read() as conn:
        changes = {c.figure: c for c in holds.held_changes(conn)}
    assert (changes["resolution"].confirmed_value, changes["resolution"].held_value) == (1.0, 0.5)
    assert (changes["resolution_solved"].confirmed_value, changes["resolution_solved"].held_value) == (20, 10)

    assert confirm_change(store, "resolution", "张操作员", store.now()).startswith("已确认：企业诉求解决率")
    confirm_change(store, "resolution_solved", "张操作员", store.now())
    assert cache.refresh()
    view = cache.view("overview")
    assert (view.resolution, view.resolution_solved, view.resolution_revisited) == (0.5, 10, 20)
    assert view.resolution_status == "red" and not view.held
    store.dispose()

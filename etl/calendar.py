"""The working-day calendar in the store: which source decides each year, writing its days, and counting again the
deadlines counted on it — all in the caller's transaction.

A year's arrangement comes from one source, first found: the TOML file (``[calendar.arrangements.YEAR]``), the last
imported arrangement (kind ``holidays``), the ``chinese_calendar`` package; a year none of them knows counts Monday
to Friday as working days. Whenever a day turns from working to not (or back), the appeals whose 办理时限 was counted
from 受理时间 are counted again and the appeal summaries rebuilt, so the wall's figures move with the data version
of the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, bindparam, delete, insert, select, update

from config import Settings
from data.calendar import CalendarDay, year_days
from data.schema import Appeal, HolidayDay, Workday
from data.summaries import refresh_summaries
from etl.arrangement import ArrangementError, parse_arrangement
from etl.derive import appeal_deadlines
from etl.readers.base import ReadError
from etl.workdays import MAKEUP_NOTE, package_year, unknown_year_warning, weekday_year

CONFIG, FILE, PACKAGE, WEEKEND = "config", "file", "package", "weekend"
STATUTORY_HOLIDAYS = ("元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆")  # matched within the names written
DUE_REACH_DAYS = 62  # an appeal received this long before a changed day cannot be due after it (≤ 15 working days)


@dataclass(frozen=True)
class ArrangedDay:
    """A day an arrangement names: off (``name`` = the holiday) or a 调休 working day."""

    day: date
    is_workday: bool
    name: str
    basis: str
    run_id: int | None = None


@dataclass
class CalendarChange:
    """What a refresh did: notes for the operator, the days whose working/not-working changed, appeals recounted."""

    notes: list[str]
    changed_days: set[date]
    appeals_recounted: int = 0


def missing_holidays_note(year: int, names: Iterable[str], where: str) -> list[str]:
    """A warning when a year's arrangement leaves out a statutory holiday (the year then counts it as working days:
    an office that loads only 春节 early would otherwise lose 清明 … 国庆 without a word)."""
    written = "、".join(names)
    missing = [h for h in STATUTORY_HOLIDAYS if h not in written]
    if not missing:
        return []
    return [
        f"{year} 年{where}中没有{'、'.join(missing)}：该年按这份安排计算，这些节日将按工作日计算。"
        "如有遗漏，请补全整年的安排后重新导入"
    ]


def config_arrangements(settings: Settings) -> tuple[dict[int, list[ArrangedDay]], list[str]]:
    """The days ``[calendar.arrangements]`` names, by year, and a note for every entry that cannot be read."""
    years: dict[int, list[ArrangedDay]] = {}
    notes: list[str] = []
    for year, holidays in settings.holiday_arrangements.items():
        days: list[ArrangedDay] = []
        for name, text in holidays.items():
            try:
                arranged = parse_arrangement(text, year)
            except ArrangementError as exc:
                notes.append(
                    f"工作日历：配置 [calendar.arrangements.{year}] {name} 无法读取（{exc}），该年的配置未使用"
                )
                days = []
                break
            days += [ArrangedDay(d, False, name, CONFIG) for d in arranged.off]
            days += [ArrangedDay(d, True, name, CONFIG) for d in arranged.work]
        if days:
            years[year] = days
            notes.extend(missing_holidays_note(year, holidays, f"配置 [calendar.arrangements.{year}]"))
    return years, notes


def file_arrangements(conn: Connection) -> dict[int, list[ArrangedDay]]:
    """The days of every imported arrangement, by the arrangement's year."""
    years: dict[int, list[ArrangedDay]] = {}
    query = select(HolidayDay.year, HolidayDay.day, HolidayDay.is_workday, HolidayDay.name, HolidayDay.etl_run_id)
    for year, day, is_workday, name, run in conn.execute(query.order_by(HolidayDay.day)):
        years.setdefault(year, []).append(ArrangedDay(day, is_workday, name, FILE, run))
    return years


def calendar_rows(
    years: Iterable[int], configured: dict[int, list[ArrangedDay]], imported: dict[int, list[ArrangedDay]]
) -> tuple[list[dict], list[str]]:
    """One ``workday`` row per day of ``years`` and a warning for each year no source knows.

    A year's own arrangement decides its days; a day an arrangement of the year before or after names (元旦 of 2023
    began on 2022-12-31) is taken from it unless the day's own year's arrangement names that day too."""
    arranged = {**imported, **configured}
    rows: dict[date, dict] = {}
    warnings: list[str] = []
    for year in sorted(set(years)):
        own = arranged.get(year)
        if own is not None:
            run = max((a.run_id for a in own if a.run_id is not None), default=None)
            base = [{**r, "etl_run_id": run} for r in weekday_year(year, own[0].basis)]
        else:
            known = package_year(year)
            if known is None:
                warnings.append(unknown_year_warning(year))
            base = [{**r, "etl_run_id": None} for r in (weekday_year(year) if known is None else known)]
        rows.update((r["day"], r) for r in base)
    listed = [(a.day.year == year, a) for year in sorted(arranged) for a in arranged[year] if a.day in rows]
    for _own, a in sorted(listed, key=lambda pair: pair[0]):  # a year's own days last: they win
        note = a.name if not a.is_workday else (MAKEUP_NOTE if a.day.weekday() >= 5 else None)
        rows[a.day] = {"day": a.day, "is_workday": a.is_workday, "note": note, "basis": a.basis, "etl_run_id": a.run_id}
    return [rows[d] for d in sorted(rows)], warnings


def _write(conn: Connection, rows: list[dict]) -> set[date]:
    """Store ``rows`` in ``workday`` (only what differs); returns the days whose working/not-working changed."""
    days = [r["day"] for r in rows]
    stored = {
        r.day: r
        for r in conn.execute(
            select(Workday.day, Workday.is_workday, Workday.note, Workday.basis, Workday.etl_run_id).where(
                Workday.day >= min(days), Workday.day <= max(days)
            )
        )
    }
    fields = ("is_workday", "note", "basis", "etl_run_id")
    new = [r for r in rows if r["day"] not in stored]
    moved = [
        r
        for r in rows
        if r["day"] in stored and tuple(getattr(stored[r["day"]], f) for f in fields) != tuple(r[f] for f in fields)
    ]
    if new:
        conn.execute(insert(Workday.__table__), new)
    if moved:
        table = Workday.__table__
        conn.execute(
            update(table).where(table.c.day == bindparam("b_day")).values({f: bindparam(f) for f in fields}),
            [{"b_day": r["day"], **{f: r[f] for f in fields}} for r in moved],
        )
    # a day not stored yet was counted as Monday–Friday (``etl.workdays.add_workdays``)
    return {r["day"] for r in moved if stored[r["day"]].is_workday != r["is_workday"]} | {
        r["day"] for r in new if r["is_workday"] != (r["day"].weekday() < 5)
    }


def recount_due(conn: Connection, settings: Settings, changed: set[date]) -> int:
    """Count again the due time of every appeal whose 办理时限 was counted and may cross a ``changed`` day; returns
    how many due times moved."""
    if not changed:
        return 0
    first, last = min(changed), max(changed)
    rows = conn.execute(
        select(Appeal.id, Appeal.received_at, Appeal.urgency, Appeal.due_at).where(
            Appeal.due_derived.is_(True),
            Appeal.received_at >= first - timedelta(days=DUE_REACH_DAYS),
            Appeal.received_at < last,
        )
    ).all()
    if not rows:
        return 0
    frame = pd.DataFrame(rows, columns=["id", "received_at", "urgency", "due_at"])
    frame["new_due"] = appeal_deadlines(conn, frame["received_at"], frame["urgency"], settings)
    moved = frame[frame["new_due"] != pd.to_datetime(frame["due_at"])]
    if moved.empty:
        return 0
    table = Appeal.__table__
    conn.execute(
        update(table).where(table.c.id == bindparam("b_id")).values(due_at=bindparam("b_due")),
        [{"b_id": int(i), "b_due": d.to_pydatetime()} for i, d in zip(moved["id"], moved["new_due"], strict=True)],
    )
    refresh_summaries(conn, {table.name})
    return len(moved)


def refresh_calendar(conn: Connection, settings: Settings, years: Iterable[int] = ()) -> CalendarChange:
    """Make ``workday`` match its sources for ``years``, the years it already holds and every arranged year, and
    count again the deadlines the changed days move."""
    configured, notes = config_arrangements(settings)
    imported = file_arrangements(conn)
    held = {d.year for d in conn.execute(select(Workday.day)).scalars()}
    rows, warnings = calendar_rows({*years, *held, *configured, *imported}, configured, imported)
    changed = _write(conn, rows)
    return CalendarChange([*notes, *warnings], changed, recount_due(conn, settings, changed))


def year_calendar(conn: Connection, settings: Settings, year: int) -> tuple[list[CalendarDay], bool]:
    """The stored days of ``year``, or — for a year the store does not hold — the days its sources give (not
    written); the flag says which."""
    stored = year_days(conn, year)
    if stored:
        return stored, False
    configured, _notes = config_arrangements(settings)
    rows, _warnings = calendar_rows([year], configured, file_arrangements(conn))
    fields = ("day", "is_workday", "note", "basis", "etl_run_id")
    return [CalendarDay(*(r[f] for f in fields)) for r in rows], True


def replace_arrangement(conn: Connection, loaded: pd.DataFrame) -> None:
    """Drop the stored days of the years ``loaded`` (an arrangement's days, already upserted) that it no longer
    names: loading a year's arrangement replaces that year's whole arrangement."""
    for year, days in loaded.groupby("year"):
        conn.execute(
            delete(HolidayDay.__table__).where(
                HolidayDay.year == int(year), HolidayDay.day.not_in([d for d in days["day"]])
            )
        )


def apply_arrangement(conn: Connection, settings: Settings, loaded: pd.DataFrame, rejected: int) -> list[str]:
    """Put an imported arrangement's days (already upserted) into effect: replace their years' arrangements,
    refresh the calendar and count the deadlines again; returns notes for the report. An arrangement with a
    rejected row is refused whole (``ReadError``): a holiday left out would silently count as working days."""
    if rejected:
        raise ReadError(
            f"节假日安排中有 {rejected} 行无法读取（见被拒绝的行），整份安排未导入：只导入一部分会让漏掉的假日按工作日"
            "计算。请修正这些行后重新导入整个文件"
        )
    if loaded.empty:
        return []
    replace_arrangement(conn, loaded)
    change = refresh_calendar(conn, settings)
    notes = []
    for year, days in loaded.groupby("year"):
        off, work = int((~days["is_workday"]).sum()), int(days["is_workday"].sum())
        note = f"{year} 年节假日安排：放假 {off} 天、调休上班 {work} 天，优先于 chinese_calendar 包"
        if int(year) in settings.holiday_arrangements:
            note += f"；但配置文件 [calendar.arrangements.{year}] 已写明该年安排，按配置计算，本次导入的安排暂不生效"
        notes.append(note)
        notes.extend(missing_holidays_note(int(year), days.loc[~days["is_workday"], "name"], "本次导入的安排"))
    if change.appeals_recounted:
        notes.append(f"按新的工作日历重新计算了 {change.appeals_recounted} 件诉求的办理时限（导入时未写明办理时限的）")
    return notes

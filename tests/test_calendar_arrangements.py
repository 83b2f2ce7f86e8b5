"""Holiday arrangements as data: the notice's sentences read into days, an arrangement imported like any file and
taking precedence over the package (the TOML file over both), deadlines counted again in the load's transaction,
a failed arrangement changing nothing, `battlemap calendar show`, and the November notice on /health."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from flask import Flask
from sqlalchemy import func, select

import data.clock
from cli import main
from data.schema import Appeal, AppealDueDaily, DataVersion, EtlReject, HolidayDay, Workday
from etl.arrangement import Arranged, ArrangementError, arrangement_days, parse_arrangement
from etl.bootstrap import prepare_store
from etl.calendar import ArrangedDay, calendar_rows
from etl.importer import import_file
from etl.validate import ROW
from etl.workdays import package_year, unknown_year_warning
from layouts.operator import operator_page
from server import install
from tests.store_fixtures import fresh_store

D = dt.date
NOTICE_2026 = {  # the State Council's 2026 arrangement, as its notice writes it
    "元旦": "1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
    "春节": "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。"
    "2月14日（周六）、2月28日（周六）上班。",
    "清明节": "4月4日（周六）至6日（周一）放假，共3天。",
    "劳动节": "5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。",
    "端午节": "6月19日（周五）至21日（周日）放假，共3天。",
    "中秋节": "9月25日（周五）至27日（周日）放假，共3天。",
    "国庆节": "10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。",
}
# 2099 (no package knows it): 2099-02-07 and 02-21 are Saturdays, 02-14 … 02-20 Saturday to Friday.
SPRING_2099 = "春节：2月14日（星期六）至20日（星期五）放假调休，共7天。2月7日（星期六）、2月21日（星期六）上班。"


def _write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def notice_csv(tmp_path: Path, year: int, holidays: dict[str, str]) -> Path:
    """An arrangement as an office would type the notice: a title row with the year, one row per holiday."""
    rows = "\n".join(f"{name},{text.replace(',', '，')}" for name, text in holidays.items())
    return _write_csv(
        tmp_path / f"节假日安排_{year}.csv", f"国务院办公厅关于{year}年部分节假日安排的通知,\n节日,放假安排\n{rows}\n"
    )


def _calendar(store, year: int) -> dict[D, tuple[bool, str | None, str, int | None]]:
    with store.read() as conn:
        rows = conn.execute(
            select(Workday.day, Workday.is_workday, Workday.note, Workday.basis, Workday.etl_run_id).where(
                func.strftime("%Y", Workday.day) == str(year)
            )
        )
        return {r.day: (r.is_workday, r.note, r.basis, r.etl_run_id) for r in rows}


def _version(store) -> int:
    with store.read() as conn:
        return conn.execute(select(DataVersion.version)).scalar_one()


# --- reading the notice -------------------------------------------------------------------------------------------


def test_the_2026_notice_reads_exactly_as_the_package_has_it():
    off, work = set(), set()
    for text in NOTICE_2026.values():
        arranged = parse_arrangement(text, 2026)
        off |= set(arranged.off)
        work |= set(arranged.work)
    package = package_year(2026)
    assert off == {r["day"] for r in package if not r["is_workday"] and r["note"]}
    assert work == {r["day"] for r in package if r["is_workday"] and r["day"].weekday() >= 5}
    assert len(off) == 33 and len(work) == 6


@pytest.mark.parametrize(
    ("text", "year", "off", "work"),
    [
        ("2027-02-06至2027-02-08", None, [D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)], []),
        ("2月6日—8日", 2027, [D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)], []),
        ("2/6~2/7；2/20上班", 2027, [D(2027, 2, 6), D(2027, 2, 7)], [D(2027, 2, 20)]),
        (
            "２０２２年１２月３１日至２０２３年１月２日放假调休，共３天。",
            2023,
            [D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2)],
            [],
        ),
        ("12月31日至1月1日", 2098, [D(2098, 12, 31), D(2099, 1, 1)], []),
        ("1月1日（周三）放假1天，不调休。", 2025, [D(2025, 1, 1)], []),
    ],
)
def test_date_forms_of_a_notice(text: str, year: int | None, off: list[D], work: list[D]):
    assert parse_arrangement(text, year) == Arranged(tuple(off), tuple(work))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2月14日（星期日）上班", "2月14日标注为“星期日”，但 2026-02-14 是星期六；请核对年份或日期"),
        ("2月15日至23日放假，共8天", "写明“共8天”，但前面列出的放假日期是 9 天；请核对"),
        ("2月30日放假", "“2月30日”不是有效日期（2026 年没有这一天）"),
        ("1月1日至3月3日", "日期范围“2026-01-01至2026-03-03”长达 62 天，超过 40 天；请核对"),
        ("23日放假", "“23日”只有日、没有月份；请写成 2月15日 或 2月15日至23日"),
        ("放假", "没有找到任何日期；请写成 2月15日至23日 或 2027-02-15"),
    ],
)
def test_what_cannot_be_read_is_said(text: str, message: str):
    with pytest.raises(ArrangementError) as refused:
        parse_arrangement(text, 2026)
    assert str(refused.value) == message


def test_rows_become_days_with_the_year_from_the_title_and_conflicts_refused():
    frame = pd.DataFrame(
        {
            ROW: [3, 4, 5, 6],
            "name": ["春节", None, "劳动节", "国庆节"],
            "off": ["2月6日至7日", None, "5月1日", "10月1日"],
            "work": [None, "1月31日（周日）", None, "2月7日"],
        }
    )
    days, rejects = arrangement_days(frame, "2027年节假日安排 Sheet1 假日.xlsx")
    assert [(r.row, r.column, r.reason) for r in rejects] == [(6, "日期", "2027-02-07 已在第 3 行列为放假")]
    assert list(days.itertuples(index=False, name=None)) == [
        (D(2027, 1, 31), 2027, True, "调休上班", 4),
        (D(2027, 2, 6), 2027, False, "春节", 3),
        (D(2027, 2, 7), 2027, False, "春节", 3),
        (D(2027, 5, 1), 2027, False, "劳动节", 5),
    ]


# --- importing, precedence ----------------------------------------------------------------------------------------


def test_an_imported_arrangement_overrides_the_package_and_the_config_overrides_both(
    tmp_path: Path, capsys, monkeypatch
):
    store, settings = fresh_store(tmp_path)
    longer = {**NOTICE_2026, "国庆节": "10月1日至8日放假调休，共8天。9月20日（周日）、10月10日（周六）上班。"}
    [result] = import_file(store, settings, notice_csv(tmp_path, 2026, longer))

    assert (result.kind, result.status, result.rows_read, result.rows_rejected) == ("holidays", "loaded", 7, 0)
    assert result.rows_inserted == 34 + 6  # days off and 调休 working days
    assert result.warnings == ["2026 年节假日安排：放假 34 天、调休上班 6 天，优先于 chinese_calendar 包"]
    days = _calendar(store, 2026)
    run = result.run_id
    assert days[D(2026, 10, 8)] == (False, "国庆节", "file", run)  # a Thursday the package counts as working
    assert days[D(2026, 10, 10)] == (True, "调休上班", "file", run)
    assert days[D(2026, 10, 12)] == (True, None, "file", run)  # an ordinary Monday of the imported year
    assert sum(not w for w, *_ in days.values()) == 117 + 1
    assert _calendar(store, 2025)[D(2025, 10, 1)][2] == "package"

    again = import_file(store, settings, notice_csv(tmp_path, 2026, NOTICE_2026))[0]  # the corrected notice
    assert (again.status, again.rows_unchanged) == ("loaded", 39)
    assert _calendar(store, 2026)[D(2026, 10, 8)] == (True, None, "file", run)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(HolidayDay)).scalar_one() == 39

    configured = {2026: {"国庆节": "10月1日至8日放假，共8天", "元旦": "1月1日至3日放假，共3天。1月4日（周日）上班"}}
    store, _notes = prepare_store(replace(settings, holiday_arrangements=configured))
    days = _calendar(store, 2026)
    assert days[D(2026, 10, 8)] == (False, "国庆节", "config", None)
    assert days[D(2026, 2, 16)] == (True, None, "config", None)  # the config's year has no 春节 listed

    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("BATTLEMAP_CONFIG", raising=False)
    assert main(["calendar", "show", "2025"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == "2025 年工作日历（来源：chinese_calendar 包）"
    assert "  春节    2025-01-28 至 2025-02-04     8  chinese_calendar 包" in shown


def test_calendar_show_names_the_run_that_loaded_the_year(tmp_path: Path, capsys, monkeypatch):
    store, settings = fresh_store(tmp_path)
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("BATTLEMAP_CONFIG", raising=False)
    [result] = import_file(store, settings, notice_csv(tmp_path, 2099, {"春节": SPRING_2099}))
    assert result.status == "loaded", result.error

    with pytest.raises(SystemExit) as refused:
        main(["calendar", "show", "1999"])
    assert refused.value.code == 2
    assert "年份应为 2000–2100 之间的四位数字，收到 '1999'" in capsys.readouterr().err
    assert main(["calendar", "show", "2099"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"2099 年工作日历（来源：导入的安排（导入记录 {result.run_id}））",
        "",
        "法定节假日放假（7 天）：",
        "  节日  日期                      天数  来源",
        f"  春节  2099-02-14 至 2099-02-20     7  导入的安排（导入记录 {result.run_id}）",
        "",
        "调休上班（2 天）：",
        "  日期        星期    来源",
        f"  2099-02-07  星期六  导入的安排（导入记录 {result.run_id}）",
        f"  2099-02-21  星期六  导入的安排（导入记录 {result.run_id}）",
        "",
        "其余休息日（周六、周日）100 天；全年工作日 258 天，休息日 107 天。",
    ]


# --- counting again -----------------------------------------------------------------------------------------------

APPEALS_2099 = (
    "诉求编号,企业名称,所属县区,承办单位,受理时间,紧急程度,办理状态,办结时间\n"
    "H1,淮川甲有限公司,淮川区,市税务局,2099-02-12 09:00,一般,已办结,2099-02-20 10:00\n"
    "H2,淮川乙有限公司,淮川区,市税务局,2099-02-06 10:00,紧急,办理中,\n"
)


def _dues(store) -> dict[str, dt.datetime]:
    with store.read() as conn:
        return dict(conn.execute(select(Appeal.ticket_no, Appeal.due_at)).all())


def _due_summary(store) -> list[tuple[D, int, int]]:
    with store.read() as conn:
        rows = conn.execute(
            select(AppealDueDaily.due_on, func.sum(AppealDueDaily.due), func.sum(AppealDueDaily.on_time))
            .group_by(AppealDueDaily.due_on)
            .order_by(AppealDueDaily.due_on)
        )
        return [(pd_date(r[0]), int(r[1]), int(r[2])) for r in rows]


def pd_date(value) -> D:
    return value if isinstance(value, D) else D.fromisoformat(str(value)[:10])


def test_loading_an_arrangement_counts_the_deadlines_again_in_the_same_data_version(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    [appeals] = import_file(store, settings, _write_csv(tmp_path / "企业诉求_2099.csv", APPEALS_2099))
    assert appeals.status == "loaded"
    # No arrangement for 2099: Monday–Friday. H1 (一般, 5 working days) from Thu 12 Feb: Fri 13, Mon 16, Tue 17,
    # Wed 18, Thu 19. H2 (紧急, 3) from Fri 6 Feb: Mon 9, Tue 10, Wed 11. H1 closed on the 20th: late.
    assert _dues(store) == {"H1": dt.datetime(2099, 2, 19, 23, 59, 59), "H2": dt.datetime(2099, 2, 11, 23, 59, 59)}
    assert _due_summary(store) == [(D(2099, 2, 11), 1, 0), (D(2099, 2, 19), 1, 0)]
    before = _version(store)

    [arrangement] = import_file(store, settings, notice_csv(tmp_path, 2099, {"春节": SPRING_2099}))

    assert arrangement.status == "loaded", arrangement.error
    # With 14–20 Feb off and Saturdays 7 and 21 Feb working: H1 Fri 13, Sat 21, Mon 23, Tue 24, Wed 25;
    # H2 Sat 7, Mon 9, Tue 10. H1, closed on the 20th, is now on time.
    assert _dues(store) == {"H1": dt.datetime(2099, 2, 25, 23, 59, 59), "H2": dt.datetime(2099, 2, 10, 23, 59, 59)}
    assert _due_summary(store) == [(D(2099, 2, 10), 1, 0), (D(2099, 2, 25), 1, 1)]
    assert _version(store) == before + 1
    assert arrangement.warnings[1:] == [
        "2099 年本次导入的安排中没有元旦、清明、劳动、端午、中秋、国庆：该年按这份安排计算，这些节日将按工作日计算。"
        "如有遗漏，请补全整年的安排后重新导入",
        "按新的工作日历重新计算了 2 件诉求的办理时限（导入时未写明办理时限的）",
    ]

    given = APPEALS_2099.replace("办结时间\n", "办结时间,办理时限\n").replace("10:00\n", "10:00,2099-03-01\n", 1)
    import_file(store, settings, _write_csv(tmp_path / "企业诉求_2099b.csv", given.replace(",\n", ",,\n")))
    moved = SPRING_2099.replace("2月21日（星期六）", "2月28日（星期六）")
    import_file(store, settings, notice_csv(tmp_path, 2099, {"春节": moved}))
    # H1's 办理时限 is given now, and stays; H2's is counted again (Sat 7, Mon 9, Tue 10: unchanged).
    assert _dues(store) == {"H1": dt.datetime(2099, 3, 1), "H2": dt.datetime(2099, 2, 10, 23, 59, 59)}


def test_a_failed_arrangement_changes_nothing(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    import_file(store, settings, _write_csv(tmp_path / "企业诉求_2099.csv", APPEALS_2099))
    calendar, dues, summary, version = _calendar(store, 2099), _dues(store), _due_summary(store), _version(store)
    wrong = {
        "春节": SPRING_2099,
        "清明节": "4月4日（星期六）至6日（星期一）放假，共3天",
        "国庆节": "10月1日（星期五）至7日放假，共7天",  # 2099-10-01 is a Thursday
    }

    [result] = import_file(store, settings, notice_csv(tmp_path, 2099, wrong))

    assert result.status == "failed"
    assert result.error.startswith("节假日安排中有 1 行无法读取（见被拒绝的行），整份安排未导入")
    assert [(r.row, r.column, r.reason) for r in result.rejects] == [
        (5, "放假安排", "10月1日标注为“星期五”，但 2099-10-01 是星期四；请核对年份或日期")
    ]
    assert (_calendar(store, 2099), _dues(store), _due_summary(store), _version(store)) == (
        calendar,
        dues,
        summary,
        version,
    )
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(HolidayDay)).scalar_one() == 0
        assert conn.execute(select(EtlReject.reason).where(EtlReject.run_id == result.run_id)).scalars().all() == [
            "10月1日标注为“星期五”，但 2099-10-01 是星期四；请核对年份或日期"
        ]


# --- the November notice ------------------------------------------------------------------------------------------


def _notice_at(store, settings, monkeypatch, instant: dt.datetime) -> str | None:
    monkeypatch.setattr(data.clock, "utc_now", lambda: instant)
    server = Flask("calendar-health")
    install(server, store, settings)
    return server.test_client().get("/health").get_json()["calendar"]["notice"]


def test_health_and_the_operator_page_warn_from_1_november_shanghai(tmp_path: Path, monkeypatch):
    store, settings = fresh_store(tmp_path, holiday_arrangements={2098: {"元旦": "1月1日放假，共1天"}})
    utc = dt.UTC
    # 2098-10-31 15:59 UTC is 23:59 on 31 October in Asia/Shanghai (UTC+8); 16:00 UTC is 00:00 on 1 November.
    assert _notice_at(store, settings, monkeypatch, dt.datetime(2098, 10, 31, 15, 59, tzinfo=utc)) is None
    notice = _notice_at(store, settings, monkeypatch, dt.datetime(2098, 10, 31, 16, 0, tzinfo=utc))
    assert notice == (
        "2099 年的法定节假日安排尚未载入（程序内置的节假日数据中也没有），按工作日计算的期限暂按周一至周五计算。"
        "请按国务院办公厅的通知填写节假日安排（模板：battlemap etl template holidays；"
        "列：节日、放假日期、调休上班日期），文件名以“节假日安排”开头，"
        "在“数据操作”页上传或用 battlemap etl import 导入，"
        "或在配置文件 [calendar.arrangements.2099] 中填写"
    )
    page = operator_page("看板", "op", "operator", "token", [], notice)
    assert notice in str(page)

    import_file(store, settings, notice_csv(tmp_path, 2099, {"春节": SPRING_2099}))
    assert _notice_at(store, settings, monkeypatch, dt.datetime(2098, 11, 1, 0, 0, tzinfo=utc)) is None


def test_a_day_of_the_year_before_follows_the_arrangement_that_names_it():
    # 元旦 of 2099 from 2098-12-31 (a Wednesday); 2098 has no arrangement, so the 2099 file decides that day too.
    imported = {
        2099: [
            ArrangedDay(D(2098, 12, 31), False, "元旦", "file", 7),
            ArrangedDay(D(2099, 1, 1), False, "元旦", "file", 7),
        ]
    }
    configured = {2098: [ArrangedDay(D(2098, 10, 1), False, "国庆节", "config")]}
    rows, warnings = calendar_rows([2098, 2099], {}, imported)
    by_day = {r["day"]: r for r in rows}
    assert by_day[D(2098, 12, 31)] == {
        "day": D(2098, 12, 31),
        "is_workday": False,
        "note": "元旦",
        "basis": "file",
        "etl_run_id": 7,
    }
    assert by_day[D(2098, 12, 30)]["basis"] == "weekend" and by_day[D(2099, 1, 2)]["basis"] == "file"
    assert warnings == [unknown_year_warning(2098)]
    # 2098's own arrangement (the config) does not name 31 December: the 2099 file still decides it
    rows, warnings = calendar_rows([2098, 2099], configured, imported)
    by_day = {r["day"]: r for r in rows}
    assert (by_day[D(2098, 12, 31)]["basis"], by_day[D(2098, 12, 30)]["basis"]) == ("file", "config")
    assert by_day[D(2098, 10, 1)]["is_workday"] is False and warnings == []
    # … unless it names that day itself
    configured[2098].append(ArrangedDay(D(2098, 12, 31), True, "元旦", "config"))
    rows, _ = calendar_rows([2098, 2099], configured, imported)
    assert {r["day"]: r for r in rows}[D(2098, 12, 31)] == {
        "day": D(2098, 12, 31),
        "is_workday": True,
        "note": None,
        "basis": "config",
        "etl_run_id": None,
    }


def test_a_workbook_of_dated_rows_with_excel_dates_and_a_year_column(tmp_path: Path):
    import openpyxl

    store, settings = fresh_store(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "节假日安排"
    sheet.append(["日期", "类型", "节日", "年份"])
    for day in range(14, 21):  # Excel date cells
        sheet.append([dt.datetime(2098, 2, day), "休", "春节", 2098])
    sheet.append([dt.datetime(2098, 2, 22), "班", "春节", 2098])  # a Saturday
    sheet.append(["10月1日至7日", "放假", "国庆节", 2098])
    sheet.append(["9月28日（星期日）、10月11日（星期六）", "上班", None, 2098])
    book.save(tmp_path / "calendar.xlsx")

    [result] = import_file(store, settings, tmp_path / "calendar.xlsx")

    assert (result.status, result.rows_read, result.rows_inserted) == ("loaded", 10, 17)
    days = _calendar(store, 2098)
    assert [d for d, (work, *_rest) in days.items() if work and d.weekday() >= 5] == [
        D(2098, 2, 22),
        D(2098, 9, 28),
        D(2098, 10, 11),
    ]
    assert [d for d, (work, note, *_rest) in days.items() if not work and note] == [
        *(D(2098, 2, d) for d in range(14, 21)),
        *(D(2098, 10, d) for d in range(1, 8)),
    ]


def test_the_year_column_as_offices_write_it():
    frame = pd.DataFrame(
        {ROW: [2, 3], "year": ["２０２７年度", "明年"], "name": ["春节", "春节"], "off": ["2月6日", "2月7日"]}
    )
    days, rejects = arrangement_days(frame, "")
    assert list(days.itertuples(index=False, name=None)) == [(D(2027, 2, 6), 2027, False, "春节", 2)]
    assert [(r.row, r.column, r.value, r.reason) for r in rejects] == [
        (3, "年份", "明年", "「年份」的值“明年”无法识别，请写成 2027 或 2027年（2000–2100）")
    ]

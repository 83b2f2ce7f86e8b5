"""对标提升 · 专班 · 清风 · 一件事: the study report's programmes on one wall page — each department's 微改革 measures
lit by the projects' rule, the 为企服务专班 and their cases, the 清风行动 campaign's counts (aggregates only) and the
一件事一次办 services launched against the year's target, 省定 and 本地新增."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import graph, pager, panel, rag_lamps, stat, status_lamp, table
from layouts.figures import column_bars
from layouts.theme import MEETING_GRAPH_CONFIG, WALL_GRAPH_CONFIG

DEPARTMENTS_PER_PAGE = 10
FLAGGED_SHOWN = 4
SERVICES_PER_PAGE = 15


@dataclass(frozen=True)
class ReformDepartment:
    """A department's line of the 对标提升清单: its benchmarks, measures, landed, on time and worst colour."""

    department: str
    in_province: str
    out_of_province: str
    measures: int
    landed: int
    on_time: int
    worst: str


@dataclass(frozen=True)
class MeasureLine:
    measure_no: str
    name: str
    department: str
    status: str
    word: str
    reasons: str


@dataclass(frozen=True)
class SquadLine:
    squad: str
    domain: str
    cases: int
    solved: int
    on_time_share: float | None
    mean_days: float | None


@dataclass(frozen=True)
class ServiceLine:
    name: str
    origin: str
    launched_on: str


@dataclass(frozen=True)
class ProgrammesView:
    measures: int
    landed: int
    on_time: int
    overdue: int
    colours: dict[str, int]
    rule: tuple[str, ...]
    departments: tuple[ReformDepartment, ...]
    flagged: tuple[MeasureLine, ...]
    snail_cases: tuple[str, ...]
    squads: tuple[SquadLine, ...]
    clean_wind: dict[str, int]
    clean_wind_rectified_share: float | None
    clean_wind_months: tuple[tuple[str, int], ...]
    services_launched: int
    services_target: int
    provincial: tuple[int, int]
    local: tuple[int, int]
    materials_saved: float
    days_saved: float
    trips_saved: float
    latest_services: tuple[ServiceLine, ...]


CLEAN_WIND_ITEMS = (
    ("problems_found", "发现问题"),
    ("problems_rectified", "整改到位"),
    ("exposed", "通报曝光"),
    ("investigated", "立案审查"),
    ("prosecuted", "移送起诉"),
)


def _chunks(items: tuple, size: int) -> list[tuple]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [()]


def _reform_panel(view: ProgrammesView) -> html.Section:
    rows = [
        [d.department, d.in_province or fmt.DASH, d.out_of_province or fmt.DASH, f"{d.landed}/{d.measures}",
         status_lamp(d.worst)]
        for d in view.departments
    ]  # fmt: skip
    pages = [
        table(["责任单位", "省内对标", "省外对标", "落地/措施", "状态"], chunk, "bm-table-reforms")
        for chunk in _chunks(tuple(rows), DEPARTMENTS_PER_PAGE)
    ]
    summary = html.Div(
        [
            stat("微改革措施", fmt.count(view.measures)),
            stat("已落地", fmt.count(view.landed)),
            stat("到期未落地", fmt.count(view.overdue)),
        ],
        className="bm-stats",
    )
    flagged = [
        html.Div(
            [status_lamp(m.status, m.word), html.Span(m.name, className="bm-reform-name"),
             html.Span(f"{m.department} · {m.reasons}", className="bm-muted")],
            className="bm-reform-flag",
        )
        for m in view.flagged[:FLAGGED_SHOWN]
    ]  # fmt: skip
    snails = "、".join(view.snail_cases) if view.snail_cases else "无"
    return panel(
        f"对标提升清单 · 微改革（{len(view.departments)}个部门）",
        [
            html.Div([html.Div(rag_lamps(view.colours), className="bm-rag-row"), summary], className="bm-reform-head"),
            html.Div(pager(pages), className="bm-reform-table"),
            html.Div(flagged, className="bm-reform-flags"),
            html.Div(f"蜗牛奖触发（无措施按期落地）：{snails}", className="bm-reform-snail"),
        ],
        "bm-grow",
        key="reforms",
    )


def _squad_panel(view: ProgrammesView) -> html.Section:
    rows = [
        [s.squad, fmt.count(s.cases), fmt.count(s.solved), fmt.percent(s.on_time_share),
         fmt.DASH if s.mean_days is None else f"{s.mean_days:.1f}"]
        for s in view.squads
    ]  # fmt: skip
    return panel(
        "为企服务专班",
        table(["专班", "案件", "已解决", "按时办结率", "平均天数"], rows, "bm-table-squads"),
        key="squads",
    )


def _clean_wind_panel(view: ProgrammesView, config: dict) -> html.Section:
    figures = html.Div(
        [stat(label, fmt.count(view.clean_wind.get(key, 0))) for key, label in CLEAN_WIND_ITEMS],
        className="bm-stats",
    )
    months = graph(
        column_bars(fmt_months(view.clean_wind_months), [n for _m, n in view.clean_wind_months]), config=config
    )
    return panel(
        f"清风行动 · 基层执法监督（整改率 {fmt.percent(view.clean_wind_rectified_share)}）",
        [figures, html.Div(months, className="bm-cleanwind-months")],
        "bm-grow",
        key="clean_wind",
    )


def fmt_months(months: tuple[tuple[str, int], ...]) -> list[str]:
    """'2026-07' → '7月' (the year is the page's period)."""
    return [f"{int(m[5:])}月" for m, _n in months]


def _service_panel(view: ProgrammesView) -> html.Section:
    share = view.services_launched / view.services_target if view.services_target else None
    head = html.Div(
        [
            stat("今年上线 / 目标", f"{view.services_launched}/{view.services_target}"),
            stat("完成率", fmt.percent(share)),
            stat("省定上线", f"{view.provincial[1]}/{view.provincial[0]}"),
            stat("本地新增上线", f"{view.local[1]}/{view.local[0]}"),
        ],
        className="bm-stats",
    )
    saved = html.Div(
        [
            stat("减材料(件)", fmt.count(view.materials_saved)),
            stat("减时限(天)", fmt.count(view.days_saved)),
            stat("减跑动(次)", fmt.count(view.trips_saved)),
        ],
        className="bm-stats",
    )
    rows = [[s.name, s.origin, s.launched_on] for s in view.latest_services]
    pages = [
        table(["最近上线的一件事", "来源", "上线日期"], chunk, "bm-table-services")
        for chunk in _chunks(tuple(rows), SERVICES_PER_PAGE)
    ]
    return panel("一件事一次办", [head, saved, pager(pages)], "bm-grow", key="services")


def build(view: ProgrammesView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    return html.Div(
        [
            html.Div([_reform_panel(view)], className="bm-col"),
            html.Div([_squad_panel(view), _clean_wind_panel(view, config)], className="bm-col"),
            html.Div([_service_panel(view)], className="bm-col"),
        ],
        className="bm-grid bm-grid-programmes",
    )

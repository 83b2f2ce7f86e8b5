"""The meeting view's programme panels (对标提升 · 微改革; 为企服务专班, 清风行动, 一件事一次办): the wall page's view
with every count clickable to the rows behind it and the colour rule written out."""

from __future__ import annotations

from typing import Any

from dash import html

from layouts import format as fmt
from layouts.components import panel, rag_lamps, status_lamp, table
from layouts.drill import drill_link
from layouts.meeting_sections import section_class
from layouts.pages.programmes import CLEAN_WIND_ITEMS, ProgrammesView


def _figure(label: str, value: Any) -> html.Div:
    return html.Div(
        [html.Div(value, className="bm-stat-value"), html.Div(label, className="bm-stat-label")], className="bm-stat"
    )


def _measure_link(status: str, text: str) -> html.Button:
    return drill_link(text, f"reforms.{status}", class_name="bm-rag-num")


def _reforms(view: ProgrammesView) -> html.Section:
    rows = [
        [
            d.department,
            d.in_province or fmt.DASH,
            d.out_of_province or fmt.DASH,
            drill_link(fmt.count(d.measures), "reforms.all", d.department),
            drill_link(fmt.count(d.landed), "reforms.landed", d.department),
            fmt.count(d.on_time),
            status_lamp(d.worst),
        ]
        for d in view.departments
    ]
    head = html.Div(
        [
            html.Div(rag_lamps(view.colours, _measure_link), className="bm-rag-row"),
            _figure("微改革措施", drill_link(fmt.count(view.measures), "reforms.all")),
            _figure("已落地", drill_link(fmt.count(view.landed), "reforms.landed")),
            _figure("按期落地", fmt.count(view.on_time)),
            _figure("到期未落地", drill_link(fmt.count(view.overdue), "reforms.overdue", class_name="bm-drill-alert")),
        ],
        className="bm-reform-head",
    )
    snails = "、".join(view.snail_cases) if view.snail_cases else "无"
    return panel(
        "对标提升清单 · 微改革（红黄绿灯按倒排工期规则）",
        [
            head,
            html.Div(
                table(
                    ["责任单位", "省内对标", "省外对标", "措施", "已落地", "按期", "状态"], rows, "bm-table-breakdown"
                ),
                className="bm-scroll",
            ),
            html.Div(
                [html.Div(line) for line in view.rule], className="bm-rule-text bm-muted", title="\n".join(view.rule)
            ),
            html.Div(f"蜗牛奖触发（到期措施无一按期落地）：{snails}", className="bm-reform-snail"),
        ],
        f"bm-m-reforms {section_class('reforms')}",
    )


def _squads(view: ProgrammesView) -> html.Section:
    rows = [
        [s.squad, fmt.count(s.cases), fmt.count(s.solved), fmt.percent(s.on_time_share),
         fmt.DASH if s.mean_days is None else f"{s.mean_days:.1f}"]
        for s in view.squads
    ]  # fmt: skip
    total = sum(s.cases for s in view.squads)
    return panel(
        "为企服务专班",
        [
            html.Div(
                ["专班承办诉求与清障问题 ", drill_link(fmt.count(total), "squads.cases"), " 件"], className="bm-muted"
            ),
            html.Div(
                table(["专班", "案件", "已解决", "按时办结率", "平均办结天数"], rows, "bm-table-squads"),
                className="bm-scroll",
            ),
        ],
        f"bm-m-squads {section_class('squads')}",
    )


def _clean_wind(view: ProgrammesView) -> html.Section:
    figures = [_figure(label, fmt.count(view.clean_wind.get(key, 0))) for key, label in CLEAN_WIND_ITEMS]
    rows = drill_link("按月份、单位查看", "clean_wind.all")
    return panel(
        f"清风行动（问题整改率 {fmt.percent(view.clean_wind_rectified_share)}）",
        [html.Div(figures, className="bm-stats"), html.Div(["明细：", rows], className="bm-muted")],
        f"bm-m-cleanwind {section_class('clean_wind')}",
    )


def _services(view: ProgrammesView) -> html.Section:
    figures = [
        _figure(
            "本期上线 / 年度目标",
            [drill_link(fmt.count(view.services_launched), "services.live"), f"/{view.services_target}"],
        ),
        _figure("省定（已上线/共）", f"{view.provincial[1]}/{view.provincial[0]}"),
        _figure("本地新增（已上线/共）", f"{view.local[1]}/{view.local[0]}"),
        _figure("减材料(件)", fmt.count(view.materials_saved)),
        _figure("减时限(天)", fmt.count(view.days_saved)),
        _figure("减跑动(次)", fmt.count(view.trips_saved)),
    ]
    return panel(
        "一件事一次办",
        [
            html.Div(figures, className="bm-stats"),
            html.Div(["全部事项：", drill_link("清单", "services.all")], className="bm-muted"),
        ],
        f"bm-m-services {section_class('services')}",
    )


def programme_panels(view: ProgrammesView | None) -> list[html.Section]:
    """The four panels, or none when the view is missing."""
    if view is None:
        return []
    return [_reforms(view), _squads(view), _clean_wind(view), _services(view)]

"""``battlemap check``: the wall's headline figures recomputed from the fact rows (not the summaries) and compared
with what the wall serves (its 总览, built by the same code as the running wall); every difference is listed, and
the exit code says whether there was one. ``/health`` reports the same check for the running app."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from config import Settings
from etl.text_table import text_table


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.4f}%" if isinstance(value, float) else f"{value:,}"


def _check(_args: argparse.Namespace, settings: Settings) -> int:
    from callbacks.views.check import check_overview, served_figures
    from callbacks.views.context import ViewContext
    from callbacks.views.overview import collect
    from data.reconcile import FIGURES
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    context = ViewContext.current(settings)
    with store.read() as conn:
        view = collect(conn, context)
        result = check_overview(conn, context, view)
    served = served_figures(view)
    differing = {d.key for d in result.differences}
    rows = (
        (label, _shown(served.get(key)), _shown(result.facts.get(key)), "不一致" if key in differing else "一致")
        for key, label in FIGURES.items()
    )
    print(f"核对大屏总览（近12个月，截至 {result.as_of:%Y-%m-%d %H:%M:%S}）：大屏显示 vs 明细数据重算")
    print("\n".join(text_table(("指标", "大屏显示", "明细重算", "结果"), rows, right=(1, 2))))
    if result.ok:
        print(f"全部 {len(FIGURES)} 项一致")
        return 0
    advice = "汇总表与明细不符：再导入一次企业诉求数据会重建汇总表；如仍不一致请报告此问题"
    print(f"{len(result.differences)} 项不一致。{advice}", file=sys.stderr)
    return 1


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help="核对：按明细数据重算大屏的总览数字，与大屏显示的比较",
        description="按明细数据（不经汇总表）重算大屏总览的每个数字（受理诉求、按时办结率、满意率、清障销号、"
        "为企办实事红黄绿、观察员线索），与大屏显示的数字逐项比较并列出差异。",
    )
    check.set_defaults(handler=_check)

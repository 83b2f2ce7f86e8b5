"""``battlemap awards issue|list``: issue (or re-issue, with a reason) a closed quarter's 骏马奖 / 蜗牛奖 standings,
and list every issue with its rule version, who issued it and why."""

from __future__ import annotations

import argparse
import sys

from config import Settings
from data.clock import local_now
from data.standings import issue_history
from etl.quarters import IssueError, issue_quarter
from etl.text_table import text_table


def _issue(args: argparse.Namespace, settings: Settings) -> int:
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    try:
        version = issue_quarter(store, settings, args.quarter, args.by, args.reason, local_now(settings.timezone))
    except IssueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"{args.quarter.strip().upper()} 季度排名已发布（第 {version} 版；各屏幕在下次刷新时显示）")
    return 0


def _list(_args: argparse.Namespace, settings: Settings) -> int:
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    with store.read() as conn:
        history = issue_history(conn)
    if history.empty:
        print("还没有发布过季度排名；季度结束后自动发布，或用 battlemap awards issue 2026Q3 --by 姓名 --reason 原因")
        return 0
    rows = (
        (r.period, r.version, r.rule_version, f"{r.issued_at:%Y-%m-%d %H:%M}", r.issued_by, r.reason or "")
        for r in history.itertuples()
    )
    print("\n".join(text_table(("季度", "版本", "规则", "发布时间", "发布人", "原因"), rows, right=(1,))))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    awards = commands.add_parser(
        "awards",
        help="季度骏马奖 / 蜗牛奖排名：发布、重新发布、查看发布记录",
        description="季度结束后排名自动发布并保存，此后的数据导入和人工认定不再改变它；"
        "需要更正时用 issue 重新发布（新版本，写明原因，旧版本保留）。",
    )
    actions = awards.add_subparsers(dest="awards_command", required=True, metavar="COMMAND")
    issue = actions.add_parser(
        "issue",
        help="按当前数据发布（或重新发布）一个已结束季度的排名",
        description="按数据库中当前的数据和配置的规则，计算已结束季度的排名并作为新版本保存。",
    )
    issue.add_argument("quarter", help="季度，如 2026Q3")
    issue.add_argument("--by", required=True, help="操作人（记入发布记录）")
    issue.add_argument("--reason", required=True, help="发布或重新发布的原因（记入发布记录）")
    issue.set_defaults(handler=_issue)
    listing = actions.add_parser("list", help="列出每次发布", description="列出每个季度的每一版排名发布记录。")
    listing.set_defaults(handler=_list)

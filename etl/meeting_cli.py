"""``battlemap meeting mark|list``: mark a 调度会 (the meeting view and the brief then show what changed since it)
and list the marks."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from config import Settings
from data.audit import CLI_ACTOR
from data.clock import local_now
from data.since_meeting import marks
from etl.service import MarkError, mark_meeting
from etl.text_table import text_table


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：{text}") from None


def _mark(args: argparse.Namespace, settings: Settings) -> int:
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    try:
        mark_id = mark_meeting(store, settings, args.date, CLI_ACTOR, local_now(settings.timezone), args.title)
    except MarkError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    with store.read() as conn:
        mark = next(m for m in marks(conn) if m.id == mark_id)
    named = f"“{mark.title}”" if mark.title else ""
    as_of = f"数据截至 {mark.as_of:%Y-%m-%d %H:%M}"
    print(f"已标记 {mark.meeting_on:%Y-%m-%d} 的调度会{named}（第 {mark.id} 次标记，{as_of}）")
    return 0


def _list(_args: argparse.Namespace, settings: Settings) -> int:
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    with store.read() as conn:
        found = marks(conn)
    if not found:
        print("未标记调度会；用 battlemap meeting mark 标记今天的调度会")
        return 0
    rows = (
        (
            m.id,
            f"{m.meeting_on:%Y-%m-%d}",
            m.title or "",
            f"{m.as_of:%Y-%m-%d %H:%M}",
            f"{m.marked_at:%Y-%m-%d %H:%M}",
            m.marked_by,
            len(m.snapshot["projects"]),
            len(m.snapshot["appeals"]),
            len(m.snapshot["issues"]),
        )
        for m in found
    )
    headers = ("编号", "调度会日期", "名称", "数据截至", "标记时间", "标记人", "项目", "逾期诉求", "逾期清障")
    print("\n".join(text_table(headers, rows, right=(0, 6, 7, 8))))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    meeting = commands.add_parser(
        "meeting",
        help="调度会标记：标记一次调度会，之后调度会视图和简报显示自那以来的变化",
        description="标记调度会时保存当时的项目颜色、逾期未办结的诉求和清障问题、全省排名；"
        "调度会视图（/）和简报的“自上次调度会以来”与最近一次标记比较。",
    )
    actions = meeting.add_subparsers(dest="meeting_command", required=True, metavar="COMMAND")
    mark = actions.add_parser(
        "mark",
        help="标记一次调度会（默认今天）",
        description="标记调度会：今天的按此刻的数据，之前某天的按那天结束时的数据（人工认定颜色按现在的）。",
    )
    mark.add_argument("--date", type=_day, help="调度会日期 YYYY-MM-DD（默认今天，按配置的时区）")
    mark.add_argument("--title", help="调度会名称（可选，如 第 12 次调度会；最多 100 个字）")
    mark.set_defaults(handler=_mark)
    listing = actions.add_parser("list", help="列出标记过的调度会", description="列出标记过的调度会，最近的在前。")
    listing.set_defaults(handler=_list)

"""The ``battlemap etl`` commands (import, run, status, rejects, template) and ``battlemap scheduler``: a thin layer
over etl.

Contract (scripts depend on it): ``--json`` prints one JSON array on stdout, one object per file (per sheet of a
workbook); exit 0 when every file loaded (rejected rows allowed), 1 when any failed or had every row rejected,
2 on a usage error — with ``--json``, a path that is not a file prints one object ``{"error", "missing"}`` instead.
Progress goes to stderr, never stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from config import Settings
from data.engine import StoreError
from etl.kinds import KINDS, get_kind
from etl.load import FAILED, NOT_LOADED, LoadResult
from etl.lock import ImportBusy
from etl.report import MAX_REJECTS_ON_SCREEN, result_text

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
KIND_HELP = "；".join(f"{name}={kind.label}" for name, kind in KINDS.items())


class ChineseHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


def command(commands: argparse._SubParsersAction, name: str, help: str, description: str) -> argparse.ArgumentParser:
    """A sub-command whose whole ``--help`` is in Chinese."""
    parser = commands.add_parser(name, help=help, description=description, formatter_class=ChineseHelp, add_help=False)
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return parser


def group(commands: argparse._SubParsersAction, name: str, help: str, description: str) -> argparse._SubParsersAction:
    """A command group (``battlemap NAME COMMAND``) whose commands are listed under 命令."""
    parser = command(commands, name, help, description)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="COMMAND", title="命令")


def _prepare(settings: Settings):  # type: ignore[no-untyped-def]
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    return store


def _print_json(payload: object) -> None:
    print(json.dumps(payload, ensure_ascii=False, default=str))


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from etl.service import import_files

    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        error = f"找不到文件 {'、'.join(missing)}；请检查路径（要处理收件箱目录请用 battlemap etl run）"
        if args.json:
            _print_json({"error": error, "missing": missing})
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    kind = get_kind(args.kind) if args.kind else None
    try:
        store = _prepare(settings)
        results = import_files(store, settings, paths, kind=kind, dry_run=args.dry_run, progress_stream=sys.stderr)
    except (ImportBusy, StoreError) as exc:
        if isinstance(exc, StoreError):
            print(f"错误：{exc}", file=sys.stderr)
        results = [
            LoadResult(file=str(p), kind=args.kind or "unknown", status=FAILED, error=str(exc), dry_run=args.dry_run)
            for p in paths
        ]
    if args.json:
        _print_json([r.as_dict() for r in results])
    else:
        for r in results:
            print(result_text(r, MAX_REJECTS_ON_SCREEN) + "\n")
        if args.dry_run:
            print("（试导入：数据库未作任何更改；去掉 --dry-run 才会真正导入）")
    return EXIT_FAILED if any(r.status in NOT_LOADED for r in results) else EXIT_OK


def _run(_args: argparse.Namespace, settings: Settings) -> int:
    from etl.service import run_inbox

    store = _prepare(settings)
    try:
        outcomes = run_inbox(store, settings, progress_stream=sys.stderr)
    except ImportBusy as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    if not outcomes:
        print(f"收件箱 {settings.etl.inbox_dir} 中没有待处理的文件")
    for o in outcomes:
        where = "failed/（导入失败）" if o.failed else "archive/（已导入）"
        print(f"{o.source.name} → {where}{o.moved_to.name}；报告：{o.report.name}")
        for r in o.results:
            print(f"  {result_text(r, 0).splitlines()[1]}")
    return EXIT_FAILED if any(o.failed for o in outcomes) else EXIT_OK


def _status(args: argparse.Namespace, settings: Settings) -> int:
    from etl.status import etl_status, status_text

    status = etl_status(_prepare(settings), settings)
    if args.json:
        _print_json(status)
    else:
        print(status_text(status))
    return EXIT_OK


def _rejects(args: argparse.Namespace, settings: Settings) -> int:
    from etl.status import run_rejects

    found = run_rejects(_prepare(settings), args.run_id)
    if found is None:
        print(f"错误：没有编号为 {args.run_id} 的导入记录；用 battlemap etl status 查看最近的导入", file=sys.stderr)
        return EXIT_FAILED
    print(found)
    return EXIT_OK


def _template(args: argparse.Namespace, settings: Settings) -> int:
    from etl.template import template_name, template_xlsx

    kind = get_kind(args.kind)
    target = Path(args.output) if args.output else Path(template_name(kind))
    if target.is_dir() or (args.output or "").endswith(("/", "\\")):
        target = target / template_name(kind)
    if not target.parent.is_dir():
        print(f"错误：找不到目录 {target.parent}；请先创建该目录，或用 -o 指定已有的目录或文件名", file=sys.stderr)
        return EXIT_USAGE
    try:
        target.write_bytes(template_xlsx(kind, settings))
    except OSError as exc:
        print(f"错误：无法写入 {target}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已生成“{kind.label}”导入模板：{target}（“说明”工作表列出每个字段是否必填、格式和可选值）")
    return EXIT_OK


def _mappings(args: argparse.Namespace, settings: Settings) -> int:
    from etl.mappings import load_mappings, mappings_text
    from etl.service import remove_mapping

    store = _prepare(settings)
    if args.action == "remove":
        if args.mapping_id is None:
            print("错误：请给出要删除的导入方案编号，如 battlemap etl mappings remove 3", file=sys.stderr)
            return EXIT_USAGE
        if not remove_mapping(store, args.mapping_id):
            print(f"错误：没有编号为 {args.mapping_id} 的导入方案；用 battlemap etl mappings 查看", file=sys.stderr)
            return EXIT_FAILED
        print(f"已删除导入方案 #{args.mapping_id}；以后表头相同的文件不再按它读取")
        return EXIT_OK
    print(mappings_text(load_mappings(store)))
    return EXIT_OK


def _scheduler(_args: argparse.Namespace, settings: Settings) -> int:
    from etl.scheduler import run_blocking_scheduler

    run_blocking_scheduler(settings)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``etl`` command group to the top-level parser."""
    sub = group(
        commands,
        "etl",
        "导入数据文件、处理收件箱、查看导入记录",
        "数据导入：Excel/CSV 文件、收件箱、上游数据库。数据库与配置由 BATTLEMAP_DATABASE_URL、BATTLEMAP_CONFIG 指定；"
        "空数据库在首次使用时自动建表并写入维表（不载入演示数据）。",
    )

    imp = command(
        sub,
        "import",
        "导入一个或多个 Excel/CSV 文件",
        "导入 Excel（.xlsx/.xls）或 CSV 文件（UTF-8、GBK、GB18030 自动识别）。每个文件在一个事务中导入：要么整个"
        "导入，要么完全不导入；有问题的行被拒绝并列出行号（与 Excel 中看到的一致）、列、值和原因，其余行照常导入。"
        "同一文件再次导入不会产生重复（各行显示为“未变”），更正后的文件会更新对应的行。\n\n"
        "数据类型按以下顺序确定：--kind；工作表名或文件名前缀（如 企业诉求_2026-11.xlsx）；表头。\n"
        "退出码：0 全部导入成功（允许有被拒绝的行）；1 有文件导入失败或所有行都被拒绝；2 用法错误"
        "（如找不到文件：带 --json 时标准输出为一个对象 {error, missing}，missing 列出找不到的路径）。",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="要导入的文件（可多个）")
    imp.add_argument("--kind", choices=list(KINDS), metavar="KIND", help=f"指定数据类型：{KIND_HELP}")
    imp.add_argument("--dry-run", action="store_true", help="试导入：完整检查并报告结果，但不写入数据库")
    imp.add_argument(
        "--json",
        action="store_true",
        help="在标准输出打印一个 JSON 数组，每个文件（工作簿的每个工作表）一个对象：file, kind, status"
        "（loaded/failed/rejected=所有行都被拒绝/skipped）, encoding, rows_read, rows_inserted, rows_updated, "
        "rows_unchanged, rows_rejected, rejects[{row, column, value, reason}], warnings, error, run_id, dry_run, "
        "data_changed（是否写入了数据；试导入和未导入的文件均为 false）, "
        "reject_groups[{column, value, reason, rows}]（同列同值同原因的被拒绝行）",
    )
    imp.set_defaults(handler=_import)

    run = command(
        sub,
        "run",
        "处理收件箱中的新文件",
        "按到达顺序导入收件箱（配置 [etl] inbox）中的新文件：导入成功的移到 archive/，失败的移到 failed/，"
        "并在旁边写一份中文报告（文件名.报告.txt），列出每个问题。源文件从不删除。"
        "刚放入、仍在复制中的文件（settle_seconds 内有修改）留待下次处理。\n"
        "退出码：0 全部成功；1 有文件失败或另一个导入正在进行。",
    )
    run.set_defaults(handler=_run)

    status = command(
        sub,
        "status",
        "查看最近的导入和各数据源的更新时间",
        "列出最近的导入记录、各数据类型最后一次成功导入的时间（超过配置的更新周期标为已超期）、导入锁和收件箱状态。",
    )
    status.add_argument("--json", action="store_true", help="以 JSON 对象输出")
    status.set_defaults(handler=_status)

    rejects = command(
        sub,
        "rejects",
        "列出某次导入被拒绝的行",
        "列出一次导入（编号见 battlemap etl status）中被拒绝的每一行：行号（与 Excel 中一致）、列、值和原因。",
    )
    rejects.add_argument("run_id", type=int, metavar="RUN_ID", help="导入记录编号")
    rejects.set_defaults(handler=_rejects)

    template = command(
        sub,
        "template",
        "生成某类数据的 Excel 导入模板",
        "生成一个 .xlsx 导入模板：第一个工作表是标准表头和一行示例（导入前删除或改成真实数据），"
        "“说明”工作表列出每个字段是否必填、格式、可选值和也能识别的表头。文件名带数据类型前缀，可直接导入。\n"
        "退出码：0 已生成；1 无法写入；2 用法错误（如 -o 指定的目录不存在）。",
    )
    template.add_argument("kind", choices=list(KINDS), metavar="KIND", help=f"数据类型：{KIND_HELP}")
    template.add_argument(
        "-o", "--output", metavar="PATH", help="保存到的文件或目录（默认当前目录，文件名如 企业诉求_导入模板.xlsx）"
    )
    template.set_defaults(handler=_template)

    mappings = command(
        sub,
        "mappings",
        "列出或删除导入方案（表头和取值的对应）",
        "导入方案在“数据操作”页保存：某来源文件的表头对应到哪个字段、不认识的取值对应到哪个可选值，"
        "保存人和时间留痕；以后同类且表头相同的文件（上传、命令行、收件箱）自动按它读取。\n"
        "battlemap etl mappings 列出全部；battlemap etl mappings remove 编号 删除一个。\n"
        "退出码：0 成功；1 没有这个编号；2 用法错误。",
    )
    mappings.add_argument(
        "action", nargs="?", choices=["list", "remove"], default="list", metavar="ACTION", help="list（默认）或 remove"
    )
    mappings.add_argument("mapping_id", nargs="?", type=int, metavar="ID", help="要删除的导入方案编号")
    mappings.set_defaults(handler=_mappings)


def _calendar_show(args: argparse.Namespace, settings: Settings) -> int:
    from etl.calendar import year_calendar
    from etl.calendar_report import calendar_text

    store = _prepare(settings)
    with store.read() as conn:
        days, computed = year_calendar(conn, settings, args.year)
    print(calendar_text(args.year, days, computed))
    return EXIT_OK


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年份应为 2000–2100 之间的四位数字，收到 {text!r}")
    return int(text)


def register_calendar(commands: argparse._SubParsersAction) -> None:
    """Add ``battlemap calendar show YEAR``."""
    sub = group(
        commands,
        "calendar",
        "查看工作日历（法定节假日与调休上班）",
        "工作日历：按工作日计算的期限（未写明办理时限的诉求等）所依据的放假与调休上班安排。每年的安排按以下顺序取："
        "配置文件 [calendar.arrangements.YEAR]；导入的节假日安排（battlemap etl import 节假日安排_2027.xlsx）；"
        "chinese_calendar 包；都没有时按周一至周五为工作日。导入或修改安排后，受影响的期限在同一事务中重新计算。",
    )
    show = command(
        sub,
        "show",
        "列出某一年的放假日、调休上班日及其来源",
        "列出一年中的法定节假日放假（按节日合并为日期段）、调休上班日，每一项注明来源（配置文件、导入的安排及其"
        "导入记录编号、chinese_calendar 包），以及全年工作日和休息日天数。",
    )
    show.add_argument("year", type=_year, metavar="YEAR", help="年份（2000–2100），如 2027")
    show.set_defaults(handler=_calendar_show)


def register_scheduler(commands: argparse._SubParsersAction) -> None:
    """Add ``battlemap scheduler``: the ETL scheduler as its own process."""
    scheduler = command(
        commands,
        "scheduler",
        "以独立进程运行定时导入（收件箱、上游数据库）",
        "按配置 [scheduler] 的任务（cron 或 interval，时区取 app.timezone）定时处理收件箱、读取上游数据库。"
        "多个 Web 进程部署时用它单独运行调度器（配置 in_app = false）；单机默认由 python app.py 在进程内运行。"
        "数据库级导入锁保证同一时间只有一个导入在运行。按 Ctrl+C 停止。",
    )
    scheduler.set_defaults(handler=_scheduler)

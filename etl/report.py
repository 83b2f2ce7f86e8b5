"""Chinese reports of what an import did: the per-file text the CLI prints and the inbox writes beside a file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from etl.kinds import KINDS
from etl.load import FAILED, LOADED, REJECTED, SKIPPED, LoadResult
from etl.validate import Reject

STATUS_TEXT = {LOADED: "已导入", FAILED: "导入失败", SKIPPED: "已跳过", REJECTED: "未导入（所有行都被拒绝）"}
DRY_RUN_TEXT = {
    LOADED: "试导入通过",
    FAILED: "试导入失败",
    SKIPPED: "试导入：无数据行",
    REJECTED: "试导入：所有行都会被拒绝",
}
MAX_REJECTS_ON_SCREEN = 50
MAX_GROUPS_ON_SCREEN = 20


def kind_label(kind: str) -> str:
    return KINDS[kind].label if kind in KINDS else "未识别"


def reject_line(reject: Reject) -> str:
    where = f"第 {reject.row} 行" if reject.row is not None else "（无行号）"
    column = f"「{reject.column}」列" if reject.column else ""
    value = f"，值“{reject.value}”" if reject.value is not None else ""
    return f"  {where}{column}{value}：{reject.reason}"


def summary_line(result: LoadResult) -> str:
    status = (DRY_RUN_TEXT if result.dry_run else STATUS_TEXT).get(result.status, result.status)
    if result.status == FAILED:
        return f"{status}（{kind_label(result.kind)}）"
    would = "将" if result.dry_run else ""
    return (
        f"{status}（{kind_label(result.kind)}）：读取 {result.rows_read:,} 行，{would}新增 {result.rows_inserted:,}，"
        f"{would}更新 {result.rows_updated:,}，未变 {result.rows_unchanged:,}，拒绝 {result.rows_rejected:,}"
    )


def group_line(column: str | None, value: str | None, reason: str, rows: list[int]) -> str:
    shown = "、".join(map(str, rows[:10])) + (" 等" if len(rows) > 10 else "")
    return f"  「{column}」“{value}” {len(rows)} 行（第 {shown} 行）：{reason}"


def result_text(result: LoadResult, max_rejects: int | None = None) -> str:
    """One result in Chinese: status and counts, the error, warnings and every rejected row (or the first few)."""
    lines = [f"文件：{result.file}", f"结果：{summary_line(result)}"]
    if result.encoding:
        lines.append(f"编码：{result.encoding}")
    if result.run_id is not None:
        lines.append(f"导入记录编号：{result.run_id}（查看被拒绝的行：battlemap etl rejects {result.run_id}）")
    if result.dry_run:
        lines.append("试导入：只检查、不写入，数据库未作任何更改。")
    if result.error:
        lines.append(f"原因：{result.error}")
        lines.append("整个文件均未导入，数据库保持导入前的状态；请按上述原因修正后重新导入。")
    if result.status == REJECTED:
        lines.append("文件的每一行都被拒绝，没有任何数据写入数据库；请按下列原因修正后重新导入。")
    if result.warnings:
        lines.append("提示：")
        lines.extend(f"  - {w}" for w in result.warnings)
    groups = result.reject_groups()
    if groups:
        lines.append("按值汇总（同一个值在导入方案或配置中对应一次即可修正整组）：")
        lines.extend(group_line(*g) for g in groups[:MAX_GROUPS_ON_SCREEN])
        if len(groups) > MAX_GROUPS_ON_SCREEN:
            lines.append(f"  …… 另有 {len(groups) - MAX_GROUPS_ON_SCREEN} 组")
    if result.rejects:
        rest = "其余行已导入；" if result.status == LOADED and not result.dry_run else ""
        lines.append(f"被拒绝的行（{result.rows_rejected} 行，{rest}请修正这些行后重新导入整个文件）：")
        shown = result.rejects if max_rejects is None else result.rejects[:max_rejects]
        lines.extend(reject_line(r) for r in shown)
        if len(shown) < len(result.rejects):
            lines.append(f"  …… 另有 {len(result.rejects) - len(shown)} 处，完整清单见导入记录")
    return "\n".join(lines)


def file_report(results: Sequence[LoadResult], when: datetime, original_name: str) -> str:
    """The report the inbox writes beside an archived or failed file."""
    head = [
        "营商环境挂图作战大屏 · 数据导入报告",
        f"原文件名：{original_name}",
        f"处理时间：{when:%Y-%m-%d %H:%M:%S}",
        "",
    ]
    return "\n".join(head) + "\n\n".join(result_text(r) for r in results) + "\n"

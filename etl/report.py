"""Chinese reports of what an import did: the per-file text the CLI prints and the inbox writes beside a file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from etl.kinds import KINDS
from etl.load import FAILED, LOADED, LoadResult
from etl.validate import Reject

STATUS_TEXT = {LOADED: "已导入", FAILED: "导入失败", "skipped": "已跳过"}
MAX_REJECTS_ON_SCREEN = 50


def kind_label(kind: str) -> str:
    return KINDS[kind].label if kind in KINDS else "未识别"


def reject_line(reject: Reject) -> str:
    where = f"第 {reject.row} 行" if reject.row is not None else "（无行号）"
    column = f"「{reject.column}」列" if reject.column else ""
    value = f"，值“{reject.value}”" if reject.value is not None else ""
    return f"  {where}{column}{value}：{reject.reason}"


def summary_line(result: LoadResult) -> str:
    status = STATUS_TEXT.get(result.status, result.status)
    if result.status == FAILED:
        return f"{status}（{kind_label(result.kind)}）"
    return (
        f"{status}（{kind_label(result.kind)}）：读取 {result.rows_read:,} 行，新增 {result.rows_inserted:,}，"
        f"更新 {result.rows_updated:,}，未变 {result.rows_unchanged:,}，拒绝 {result.rows_rejected:,}"
    )


def result_text(result: LoadResult, max_rejects: int | None = None) -> str:
    """One result in Chinese: status and counts, the error, warnings and every rejected row (or the first few)."""
    lines = [f"文件：{result.file}", f"结果：{summary_line(result)}"]
    if result.encoding:
        lines.append(f"编码：{result.encoding}")
    if result.run_id is not None:
        lines.append(f"导入记录编号：{result.run_id}（查看被拒绝的行：battlemap etl rejects {result.run_id}）")
    if result.error:
        lines.append(f"原因：{result.error}")
        lines.append("整个文件均未导入，数据库保持导入前的状态；请按上述原因修正后重新导入。")
    if result.warnings:
        lines.append("提示：")
        lines.extend(f"  - {w}" for w in result.warnings)
    if result.rejects:
        lines.append(f"被拒绝的行（{result.rows_rejected} 行，其余行已导入；请修正这些行后重新导入整个文件）：")
        shown = result.rejects if max_rejects is None else result.rejects[:max_rejects]
        lines.extend(reject_line(r) for r in shown)
        if len(shown) < len(result.rejects):
            lines.append(f"  …… 另有 {len(result.rejects) - len(shown)} 行，完整清单见导入记录")
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

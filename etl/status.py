"""What ``battlemap etl status`` and ``etl rejects`` show: recent runs, each source's as-of time, lock and inbox."""

from __future__ import annotations

from sqlalchemy import select

from config import Settings
from data.clock import local_now
from data.engine import Store
from data.schema import EtlReject, EtlRun
from data.version import data_version, source_as_of
from etl.inbox import pending_files
from etl.lock import current_lock
from etl.report import STATUS_TEXT, kind_label
from etl.text_table import clip, text_table

RECENT_RUNS = 20
VALUE_WIDTH = 40  # a rejected value is cut to this many columns in the table (the JSON keeps it whole)
RUN_COLUMNS = (
    "id",
    "kind",
    "source",
    "status",
    "started_at",
    "finished_at",
    "encoding",
    "rows_read",
    "rows_inserted",
    "rows_updated",
    "rows_unchanged",
    "rows_rejected",
)


def etl_status(store: Store, settings: Settings) -> dict:
    """Recent runs, per-kind last successful load (and whether it is late by ``sources.cadence_hours``), lock, inbox."""
    now = local_now(settings.timezone)
    with store.read() as conn:
        runs = conn.execute(
            select(*(EtlRun.__table__.c[c] for c in RUN_COLUMNS)).order_by(EtlRun.id.desc()).limit(RECENT_RUNS)
        )
        recent = [dict(r._mapping) for r in runs]
        as_of = source_as_of(conn)
        version = data_version(conn)
    sources = [
        {
            "kind": kind,
            "label": kind_label(kind),
            "last_loaded": as_of.get(kind),
            "stale": kind not in as_of or (now - as_of[kind]).total_seconds() > hours * 3600,
        }
        for kind, hours in settings.source_cadence_hours.items()
    ]
    return {
        "data_version": version,
        "timezone": settings.timezone,
        "lock": current_lock(store),
        "inbox": str(settings.etl.inbox_dir),
        "inbox_pending": len(pending_files(settings.etl.inbox_dir, 0)),
        "sources": sources,
        "runs": recent,
    }


def status_text(status: dict) -> str:
    lock = status["lock"]
    held = "空闲" if lock is None else f"{lock['holder']} 自 {lock['acquired_at']:%Y-%m-%d %H:%M:%S} 起正在导入"
    lines = [
        f"数据版本：{status['data_version']}（时间均为 {status['timezone']} 时间）",
        f"导入锁：{held}",
        f"收件箱：{status['inbox']}（待处理 {status['inbox_pending']} 个文件）",
        "",
        "各数据源最后一次成功导入：",
    ]
    lines += text_table(
        ("数据类型", "最后导入", ""),
        (
            (
                s["label"],
                f"{s['last_loaded']:%Y-%m-%d %H:%M}" if s["last_loaded"] else "从未导入",
                "已超期" if s["stale"] else "",
            )
            for s in status["sources"]
        ),
        indent="  ",
    )
    lines += ["", "最近的导入："]
    lines += text_table(
        ("编号", "时间", "类型", "结果", "读取/新增/更新/未变/拒绝", "文件"),
        (
            (
                r["id"],
                f"{r['started_at']:%Y-%m-%d %H:%M}",
                kind_label(r["kind"]),
                STATUS_TEXT.get(r["status"], r["status"]),
                f"{r['rows_read']}/{r['rows_inserted']}/{r['rows_updated']}/{r['rows_unchanged']}/{r['rows_rejected']}",
                r["source"],
            )
            for r in status["runs"]
        ),
        right=(0,),
        indent="  ",
    )
    return "\n".join(lines)


def run_rejects(store: Store, run_id: int) -> str | None:
    """The rejected rows of one run as a Chinese table, or ``None`` if there is no such run."""
    with store.read() as conn:
        run = conn.execute(
            select(EtlRun.source, EtlRun.kind, EtlRun.status, EtlRun.started_at).where(EtlRun.id == run_id)
        ).first()
        if run is None:
            return None
        rows = conn.execute(
            select(EtlReject.row, EtlReject.column, EtlReject.value, EtlReject.reason)
            .where(EtlReject.run_id == run_id)
            .order_by(EtlReject.row, EtlReject.id)
        ).all()
    head = (
        f"导入记录 {run_id}：{run.source}（{kind_label(run.kind)}，{STATUS_TEXT.get(run.status, run.status)}，"
        f"{run.started_at:%Y-%m-%d %H:%M:%S} {store.timezone}）"
    )
    if not rows:
        return f"{head}\n没有被拒绝的行"
    table = text_table(
        ("行号", "列", "值", "原因"),
        ((r.row, r.column, None if r.value is None else clip(r.value, VALUE_WIDTH), r.reason) for r in rows),
        right=(0,),
        indent="  ",
    )
    return "\n".join([head, f"被拒绝 {len(rows)} 行：", *table])

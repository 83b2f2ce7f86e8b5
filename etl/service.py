"""The write side in one place: every change people make to the data — importing files (from the command line or
an upload on /operator), processing the inbox, a project's manual colour, a saved import mapping (导入方案), a
marked 调度会 — goes through this module, so the
operator page and the CLI share one path with one lock, and each import (its file, kind and result) is written to
the audit log (``data.audit``) under the account that asked for it (``命令行`` from the command line).

Each import takes the import lock (waiting up to ``[etl] lock_wait_seconds``) and raises ``ImportBusy`` when
another import holds it; the caller says so to its user.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from config import Settings
from data import audit
from data.audit import CLI_ACTOR
from data.engine import Store
from data.labels import source_kind_name
from data.schema import MeetingMark
from data.since_meeting import MarkError, mark_title, snapshot_scope, take_snapshot
from etl.importer import import_paths
from etl.inbox import InboxOutcome
from etl.inbox import run_inbox as _run_inbox
from etl.kinds import SourceKind
from etl.load import LoadResult, bump_data_version
from etl.lock import ImportBusy, import_lock
from etl.mappings import MappingError, remove_mapping, store_mapping
from etl.overrides import OverrideError, clear_override, set_override

UPLOADS = "uploads"
_UPLOAD_FOLDER = re.compile(r"^\d{8}-\d{6}-\d{6}$")
MB = 1024 * 1024
UPLOAD_NAME_BYTES = 200
_WINDOWS_REFUSES = frozenset('<>:"|?*')
_STATUS_WORDS = {"loaded": "已导入", "failed": "失败", "skipped": "跳过", "rejected": "被拒绝"}

__all__ = [
    "ImportBusy",
    "MappingError",
    "MarkError",
    "OverrideError",
    "clear_override",
    "import_files",
    "import_uploads",
    "mark_meeting",
    "remove_mapping",
    "run_inbox",
    "save_mapping_and_reimport",
    "save_upload",
    "set_override",
]


def import_files(
    store: Store,
    settings: Settings,
    paths: Sequence[Path],
    *,
    kind: SourceKind | None = None,
    dry_run: bool = False,
    progress_stream: TextIO | None = None,
    actor: str = CLI_ACTOR,
) -> list[LoadResult]:
    """Import ``paths`` one after the other under the import lock, each file all or nothing; each import (not a
    dry run) audited under ``actor``."""
    with import_lock(store, settings, wait_seconds=settings.etl.lock_wait_seconds):
        results = import_paths(store, settings, paths, kind=kind, dry_run=dry_run, progress_stream=progress_stream)
    if not dry_run:
        audit_imports(store, results, actor)
    return results


def import_summary(result: LoadResult) -> str:
    """One import's kind and result in words, for the audit log."""
    counts = (
        f"读取 {result.rows_read} 行，新增 {result.rows_inserted}，更新 {result.rows_updated}，"
        f"未变 {result.rows_unchanged}，拒绝 {result.rows_rejected}"
    )
    error = f"；{result.error}" if result.error else ""
    return f"{source_kind_name(result.kind)} · {_STATUS_WORDS.get(result.status, result.status)}：{counts}{error}"


def audit_imports(store: Store, results: Sequence[LoadResult], actor: str) -> None:
    with store.write() as conn:
        for result in results:
            audit.record(conn, store.now(), actor, "import", Path(result.file).name, import_summary(result))


def too_large_text(max_upload_mb: float) -> str:
    """What an operator is told when an upload passes ``[server] max_upload_mb``."""
    return (
        f"上传内容过大：一次最多 {max_upload_mb:g} MB（配置 [server] max_upload_mb）。"
        "请拆分文件，或把文件放进收件箱目录后运行收件箱导入"
    )


def upload_name(filename: object) -> str:
    """The base name an uploaded file is kept under, safe on every platform: no folders, no control characters
    (NUL included) or characters Windows refuses, never ``.`` or ``..``, at most ``UPLOAD_NAME_BYTES`` bytes
    (the extension kept); ``upload`` when nothing usable is left."""
    base = str(filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in base if c.isprintable() and c not in _WINDOWS_REFUSES).strip(" .")
    if not name:
        return "upload"
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, dot, suffix = name, "", ""
    room = UPLOAD_NAME_BYTES - len(f"{dot}{suffix}".encode())
    stem = stem.encode()[:room].decode("utf-8", "ignore").strip(" .") or "upload"
    return f"{stem}{dot}{suffix}"


def save_upload(folder: Path, filename: object, content: bytes) -> Path:
    """Keep an uploaded file under its own base name in ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload_name(filename)
    path.write_bytes(content)
    return path


def import_uploads(
    store: Store, settings: Settings, uploads: Sequence[tuple[str, bytes]], now: datetime, user: str
) -> list[LoadResult]:
    """Keep each uploaded (name, content) under ``<instance>/uploads/<time>/`` and import them all under the lock
    (audited under ``user``); each result names the file as it was uploaded."""
    folder = settings.instance_dir / UPLOADS / f"{now:%Y%m%d-%H%M%S-%f}"
    paths = [save_upload(folder, name, content) for name, content in uploads]
    results = import_files(store, settings, paths, actor=user)
    for result in results:
        result.upload = (folder.name, Path(result.file).name)
        result.file = Path(result.file).name
    return results


def upload_path(settings: Settings, folder: str, name: str) -> Path | None:
    """The kept upload ``folder/name``, or ``None`` if it is not one (the names come back from the browser)."""
    if not _UPLOAD_FOLDER.match(folder or "") or not name or upload_name(name) != name:
        return None
    path = settings.instance_dir / UPLOADS / folder / name
    return path if path.is_file() else None


def save_mapping_and_reimport(
    store: Store,
    settings: Settings,
    upload: tuple[str, str],
    kind: str,
    headers: Sequence[str],
    columns: Mapping[str, str],
    labels: Mapping[str, Mapping[str, object]],
    user: str,
) -> tuple[int, list[LoadResult]]:
    """Save the operator's mapping of an upload's source (audited: ``user``, now), then import the upload with it.
    Raises ``MappingError`` for a mapping that names what the kind does not have, ``ImportBusy`` as imports do."""
    path = upload_path(settings, *upload)
    if path is None:
        raise MappingError("找不到这次上传的文件，请重新上传后再保存导入方案")
    mapping_id = store_mapping(store, settings, kind, headers, columns, labels, user, path.name)
    results = import_files(store, settings, [path], actor=user)
    for result in results:
        result.upload, result.file = upload, path.name
    return mapping_id, results


def run_inbox(
    store: Store,
    settings: Settings,
    *,
    wait_seconds: float | None = None,
    progress_stream: TextIO | None = None,
    actor: str = CLI_ACTOR,
) -> list[InboxOutcome]:
    """Process every pending inbox file (archive/ or failed/, with a report beside each) under the import lock,
    waiting for it up to ``wait_seconds`` (default ``[etl] lock_wait_seconds``); each import audited under
    ``actor``."""
    wait = settings.etl.lock_wait_seconds if wait_seconds is None else wait_seconds
    outcomes = _run_inbox(store, settings, wait_seconds=wait, progress_stream=progress_stream)
    audit_imports(store, [r for o in outcomes for r in o.results], actor)
    return outcomes


def mark_meeting(
    store: Store, settings: Settings, meeting_on: date | None, user: str, now: datetime, title: str | None = None
) -> int:
    """Mark the 调度会 of ``meeting_on`` (default: today, local time), named ``title`` if given: keep the city's
    snapshot as of the meeting (``data.since_meeting.snapshot_scope``) with who marked it and when, audited, and
    raise the data version so the screens compare with it at their next poll; returns the mark's id. Raises
    ``MarkError`` for a day still to come or a title too long."""
    day = meeting_on or now.date()
    scope = snapshot_scope(day, now)
    name = mark_title(title)
    with store.write() as conn:
        snapshot = take_snapshot(conn, settings.rag, scope)
        mark_id = conn.execute(
            MeetingMark.__table__.insert().values(
                meeting_on=day,
                as_of=scope.moment,
                marked_at=now,
                marked_by=user,
                title=name,
                snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
            )
        ).inserted_primary_key[0]
        counts = (
            f"项目 {len(snapshot['projects'])} 个，逾期诉求 {len(snapshot['appeals'])} 件，"
            f"逾期清障问题 {len(snapshot['issues'])} 个"
        )
        named = f"（{name}）" if name else ""
        audit.record(conn, now, user, "meeting.mark", f"{day:%Y-%m-%d}", f"第 {mark_id} 次标记{named}；{counts}")
        bump_data_version(conn, now)
    return int(mark_id)

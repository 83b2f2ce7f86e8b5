"""The write side in one place: every change people make to the data — importing files (from the command line or
an upload on /operator), processing the inbox, a project's manual colour — goes through this module, so the
operator page and the CLI share one path with one lock and one audit.

Each import takes the import lock (waiting up to ``[etl] lock_wait_seconds``) and raises ``ImportBusy`` when
another import holds it; the caller says so to its user.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from config import Settings
from data.engine import Store
from etl.importer import import_paths
from etl.inbox import InboxOutcome
from etl.inbox import run_inbox as _run_inbox
from etl.kinds import SourceKind
from etl.load import LoadResult
from etl.lock import ImportBusy, import_lock
from etl.overrides import OverrideError, clear_override, set_override

UPLOADS = "uploads"

__all__ = [
    "ImportBusy",
    "OverrideError",
    "clear_override",
    "import_files",
    "import_uploads",
    "run_inbox",
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
) -> list[LoadResult]:
    """Import ``paths`` one after the other under the import lock, each file all or nothing."""
    with import_lock(store, settings, wait_seconds=settings.etl.lock_wait_seconds):
        return import_paths(store, settings, paths, kind=kind, dry_run=dry_run, progress_stream=progress_stream)


def upload_name(filename: str) -> str:
    """The base name an uploaded file is kept under: no folders, no control characters, never ``.`` or ``..``."""
    name = Path(filename.replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable())
    return name if name.strip(". ") else "upload"


def save_upload(folder: Path, filename: str, content: bytes) -> Path:
    """Keep an uploaded file under its own base name in ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload_name(filename)
    path.write_bytes(content)
    return path


def import_uploads(
    store: Store, settings: Settings, uploads: Sequence[tuple[str, bytes]], now: datetime
) -> list[LoadResult]:
    """Keep each uploaded (name, content) under ``<instance>/uploads/<time>/`` and import them all under the lock;
    each result names the file as it was uploaded."""
    folder = settings.instance_dir / UPLOADS / f"{now:%Y%m%d-%H%M%S-%f}"
    paths = [save_upload(folder, name, content) for name, content in uploads]
    results = import_files(store, settings, paths)
    for result in results:
        result.file = Path(result.file).name
    return results


def run_inbox(
    store: Store, settings: Settings, *, wait_seconds: float | None = None, progress_stream: TextIO | None = None
) -> list[InboxOutcome]:
    """Process every pending inbox file (archive/ or failed/, with a report beside each) under the import lock,
    waiting for it up to ``wait_seconds`` (default ``[etl] lock_wait_seconds``)."""
    wait = settings.etl.lock_wait_seconds if wait_seconds is None else wait_seconds
    return _run_inbox(store, settings, wait_seconds=wait, progress_stream=progress_stream)

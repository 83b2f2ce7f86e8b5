"""The inbox folder: import new files in arrival order, then move each to ``archive/`` or ``failed/`` with a report.

A source file is never deleted: it is moved (renamed with the time it was processed) and a Chinese report
``<name>.报告.txt`` is written beside it.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from config import Settings
from data.clock import local_now
from data.engine import Store
from etl.importer import import_file
from etl.load import NOT_LOADED, LoadResult
from etl.lock import import_lock
from etl.report import file_report

ARCHIVE, FAILED_DIR = "archive", "failed"
REPORT_SUFFIX = ".报告.txt"
IGNORED_PREFIXES = (".", "~$", "~")
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".download", REPORT_SUFFIX)


@dataclass
class InboxOutcome:
    source: Path  # where the file was in the inbox
    moved_to: Path
    report: Path
    results: list[LoadResult]

    @property
    def failed(self) -> bool:
        return any(r.status in NOT_LOADED for r in self.results)


def pending_files(inbox: Path, settle_seconds: float, now: float | None = None) -> list[Path]:
    """Files waiting in ``inbox``, oldest first; a file changed in the last ``settle_seconds`` may still be
    being copied in and waits for the next run. Office lock files (``~$…``) and hidden files are ignored."""
    if not inbox.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - settle_seconds
    files = [
        p
        for p in inbox.iterdir()
        if p.is_file()
        and not p.name.startswith(IGNORED_PREFIXES)
        and not p.name.lower().endswith(IGNORED_SUFFIXES)
        and p.stat().st_mtime <= cutoff
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    n = 1
    while target.exists() or target.with_name(target.name + REPORT_SUFFIX).exists():
        target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return target


def process_file(store: Store, settings: Settings, path: Path, progress_stream: TextIO | None = None) -> InboxOutcome:
    """Import one inbox file (the caller holds the import lock), move it and write its report."""
    results = import_file(store, settings, path, progress_stream=progress_stream)
    for r in results:
        r.file = path.name
    when = local_now(settings.timezone)
    folder = path.parent / (FAILED_DIR if any(r.status in NOT_LOADED for r in results) else ARCHIVE)
    folder.mkdir(exist_ok=True)
    target = _free_name(folder, f"{when:%Y%m%d-%H%M%S}_{path.name}")
    shutil.move(str(path), target)
    report = target.with_name(target.name + REPORT_SUFFIX)
    report.write_text(file_report(results, when, path.name), encoding="utf-8-sig")
    return InboxOutcome(path, target, report, results)


def run_inbox(
    store: Store, settings: Settings, *, wait_seconds: float = 0.0, progress_stream: TextIO | None = None
) -> list[InboxOutcome]:
    """Process every pending inbox file under the import lock (raises ``ImportBusy`` if another import runs)."""
    inbox = settings.etl.inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    with import_lock(store, settings, wait_seconds=wait_seconds):
        return [
            process_file(store, settings, path, progress_stream)
            for path in pending_files(inbox, settings.etl.settle_seconds)
        ]

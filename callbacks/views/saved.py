"""The wall's last good snapshot on disk (``<instance_dir>/wall-snapshot.pickle``): written after every complete
build, read when the server starts on a database it cannot read, so the wall still shows its last good data (with
the stale mark) instead of nothing. The file is the app's own, written atomically and readable by its owner only;
a damaged or outdated one is ignored."""

from __future__ import annotations

import logging
import os
import pickle
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SNAPSHOT_FILE = "wall-snapshot.pickle"
FORMAT = 1
Saved = tuple[tuple[int, str], dict[str, Any], dict[str, datetime]]  # (key, views, each source's as-of time)


def save_snapshot(folder: Path, saved: Saved) -> None:
    """Keep a build's key, views and as-of times in ``folder``; a failure to write is only logged."""
    path = folder / SNAPSHOT_FILE
    temporary = path.with_suffix(".tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps((FORMAT, *saved))
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError) as exc:
        log.warning("未能保存大屏快照到 %s：%s", path, exc)


def load_snapshot(folder: Path) -> Saved | None:
    path = folder / SNAPSHOT_FILE
    try:
        version, key, views, source_as_of = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or outdated file is no snapshot
        log.warning("大屏快照 %s 无法读取，忽略：%s", path, exc)
        return None
    return (tuple(key), views, source_as_of) if version == FORMAT else None

"""The scheduler's heartbeat: a small JSON file in the instance folder that the scheduler process rewrites every
``[scheduler] heartbeat_seconds``; ``/health`` reports its age, so a scheduler that died is noticed."""

from __future__ import annotations

import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler

from config import Settings

HEARTBEAT_FILE = "scheduler.heartbeat"
HEARTBEAT_JOB = "heartbeat"


def heartbeat_path(settings: Settings) -> Path:
    return settings.instance_dir / HEARTBEAT_FILE


def write_heartbeat(settings: Settings) -> None:
    """Replace the heartbeat file atomically: this process, its host and the time (epoch seconds)."""
    path = heartbeat_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    beat = {"pid": os.getpid(), "host": socket.gethostname(), "at": time.time()}
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(beat), encoding="utf-8")
    os.replace(temporary, path)


def read_heartbeat(settings: Settings) -> dict | None:
    """The last heartbeat written, or None if there is none (or it cannot be read)."""
    try:
        beat = json.loads(heartbeat_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return beat if isinstance(beat, dict) and isinstance(beat.get("at"), int | float) else None


def add_heartbeat_job(scheduler: BaseScheduler, settings: Settings) -> None:
    """Beat as soon as the scheduler starts and then every ``heartbeat_seconds``."""
    scheduler.add_job(
        write_heartbeat,
        "interval",
        args=[settings],
        seconds=settings.server.scheduler_heartbeat_seconds,
        id=HEARTBEAT_JOB,
        name=HEARTBEAT_JOB,
        replace_existing=True,
        next_run_time=datetime.now(ZoneInfo(settings.timezone)),
    )

"""Helpers for tests that run the real production processes: ``battlemap serve --prod`` (gunicorn) and
``battlemap scheduler`` as subprocesses on a temp config, stopped by their own pid."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BATTLEMAP = [sys.executable, "-m", "cli"]
ROOT = Path(__file__).resolve().parents[1]


def write_config(folder: Path, text: str = "", instance: Path | str = "instance") -> Path:
    """A deployment config in ``folder``: its instance dir (relative to ``folder``), no demo, plus ``text``."""
    path = folder / "battlemap.toml"
    base = f'[app]\ninstance_dir = "{instance}"\nload_demo_on_empty = false\n'
    path.write_text(base + text, encoding="utf-8")
    return path


def battlemap_env(config: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BATTLEMAP_")}
    env.update(BATTLEMAP_CONFIG=str(config), PYTHONPATH=str(ROOT), **extra)
    if database_url:
        env["BATTLEMAP_DATABASE_URL"] = database_url
    return env


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Run ``battlemap ARGS`` in its own process group, output to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [*BATTLEMAP, *args], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def get(url: str, timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def wait_healthy(base_url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> dict:
    """Poll ``/health`` until it answers; fail with the server's log if the process dies or never answers."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            status, _headers, body = get(f"{base_url}/health", timeout=2)
            if status in (200, 503):
                return json.loads(body)
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"server never answered /health:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Signal the process group started by :func:`start` and wait for it."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

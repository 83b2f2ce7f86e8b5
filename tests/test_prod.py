"""Production mode: ``battlemap serve --prod`` runs gunicorn with the configured workers, hardened headers and no
in-process scheduler; it refuses to start with debugging on; ``battlemap scheduler`` runs alone and beats."""

from __future__ import annotations

import json
import time
from pathlib import Path

import psutil
import pytest

import cli
from etl.heartbeat import HEARTBEAT_FILE
from server.security import SECURITY_HEADERS
from tests.browser.conftest import free_port
from tests.prod_server import battlemap_env, get, start, stop, wait_healthy, write_config


@pytest.fixture
def prod_config(tmp_path: Path) -> Path:
    text = "[scheduler]\nin_app = false\nheartbeat_seconds = 1\n[server]\nworkers = 2\nthreads = 2\n"
    config = write_config(tmp_path, text)
    assert cli.main(["--config", str(config), "db", "upgrade"]) == 0
    return config


def test_serve_prod_runs_gunicorn_workers_with_hardened_headers_and_no_scheduler(prod_config: Path) -> None:
    port = free_port()
    log = prod_config.parent / "serve.log"
    process = start(["serve", "--prod", "--host", "127.0.0.1", "--port", str(port)], battlemap_env(prod_config), log)
    try:
        health = wait_healthy(f"http://127.0.0.1:{port}", process, log)
        assert health["database"]["reachable"] is True
        assert health["scheduler"]["mode"] == "separate"
        assert health["scheduler"]["alive"] is False  # the web server does not run the scheduler
        deadline = time.monotonic() + 30  # the first worker can answer before the master has forked the second
        while len(workers := psutil.Process(process.pid).children()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 2
        status, headers, body = get(f"http://127.0.0.1:{port}/wall")
        assert status == 200 and b"_dash-config" in body
        assert headers["Server"] == "battlemap"
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value
    finally:
        stop(process)
    assert process.returncode == 0
    assert "gthread" in log.read_text()
    assert not (prod_config.parent / "instance" / HEARTBEAT_FILE).exists()


@pytest.mark.parametrize(
    ("argv", "config_text", "env", "named"),
    [
        (["--debug"], "", {}, "--debug"),
        ([], "[server]\ndebug = true\n", {}, "[server] debug = true"),
        ([], "", {"DASH_DEBUG": "true"}, "DASH_DEBUG"),
        ([], "", {"FLASK_DEBUG": "1"}, "FLASK_DEBUG"),
    ],
)
def test_production_refuses_to_start_with_debugging_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, argv, config_text, env, named
) -> None:
    config = write_config(tmp_path, config_text)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(["--config", str(config), "serve", "--prod", "--port", str(free_port()), *argv]) == 2
    message = capsys.readouterr().err
    assert "生产模式拒绝启动" in message and named in message
    assert not (tmp_path / "instance").exists()  # refused before touching the database


def test_the_scheduler_runs_as_its_own_process_and_beats(prod_config: Path) -> None:
    config = prod_config
    log = config.parent / "scheduler.log"
    beat_file = config.parent / "instance" / HEARTBEAT_FILE
    process = start(["scheduler"], battlemap_env(config), log)
    try:
        deadline = time.monotonic() + 60
        beats: set[float] = set()
        while len(beats) < 2:  # a first beat at start, then another one a second later
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"no heartbeat:\n{log.read_text()}"
            if beat_file.exists():
                beat = json.loads(beat_file.read_text())
                assert beat["pid"] == process.pid
                beats.add(beat["at"])
            time.sleep(0.2)
    finally:
        stop(process)
    assert "定时任务 heartbeat" in log.read_text()

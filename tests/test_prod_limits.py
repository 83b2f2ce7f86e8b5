"""Limits against the real production server (``battlemap serve --prod``, one worker with one thread, so a busy
worker would show): a chunked upload body (no Content-Length) is cut off at ``[server] max_upload_mb`` with 413
before the client has sent it all, and a brief past ``[server] brief_timeout`` answers 504 in Chinese and leaves
the worker free for the next request."""

from __future__ import annotations

import http.client
import json
import re
import socket
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from auth.users import add_account
from config import load_settings
from data.engine import open_store
from tests.browser.conftest import free_port
from tests.prod_server import battlemap_env, start, stop, wait_healthy, write_config

PASSWORD = "correct-horse-9"
MAX_UPLOAD_MB = 1
BODY_LIMIT = int(MAX_UPLOAD_MB * 1024 * 1024 * 4 / 3) + 1024 * 1024  # server.limits.body_limit for 1 MB
CHUNK = 64 * 1024
SENT_AT_MOST = 40 * 1024 * 1024  # what the client would send if nobody stopped it


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("prod-limits")
    text = (
        "[scheduler]\nin_app = false\n"
        f"[server]\nworkers = 1\nthreads = 1\nmax_upload_mb = {MAX_UPLOAD_MB}\nbrief_timeout = 0.001\n"
    )
    config = write_config(folder, text)
    assert cli.main(["--config", str(config), "db", "upgrade"]) == 0
    settings = load_settings(config, environ={})
    store = open_store(settings.database_url, settings.database, settings.timezone)
    add_account(store, "leader", "leader", PASSWORD)
    store.dispose()
    port, log = free_port(), folder / "serve.log"
    process = start(["serve", "--prod", "--host", "127.0.0.1", "--port", str(port)], battlemap_env(config), log)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process, log)
        yield f"127.0.0.1:{port}", log
    finally:
        stop(process)


def _response(sock: socket.socket) -> http.client.HTTPResponse:
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response


def _login_page(address: str) -> tuple[str, str]:
    """The login page's cookies (the session with its CSRF token) and the token."""
    conn = http.client.HTTPConnection(address, timeout=20)
    conn.request("GET", "/login")
    page = conn.getresponse()
    cookies = "; ".join(c.split(";")[0] for c in page.headers.get_all("Set-Cookie"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
    conn.close()
    return cookies, token


def test_a_chunked_body_over_the_limit_is_cut_off_with_413_before_it_is_all_sent(server) -> None:  # type: ignore[no-untyped-def]
    address, log = server
    cookies, token = _login_page(address)
    host, port = address.split(":")
    sock = socket.create_connection((host, int(port)), timeout=20)
    head = (  # a callback as a page sends it (its Origin and token), its body chunked with no declared length
        f"POST /_dash-update-component HTTP/1.1\r\nHost: {address}\r\nOrigin: http://{address}\r\n"
        f"Cookie: {cookies}\r\nX-CSRFToken: {token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    sock.sendall(head.encode())
    sent = 0
    chunk = f"{CHUNK:x}\r\n".encode() + b"a" * CHUNK + b"\r\n"
    try:
        while sent < SENT_AT_MOST:
            sock.sendall(chunk)
            sent += CHUNK
    except (BrokenPipeError, ConnectionResetError):  # the server answered and closed: it stops reading
        pass
    response = _response(sock)
    body = response.read().decode()
    sock.close()
    assert response.status == 413, body  # before the fix: the body cut at the limit and refused as 未知的回调 (403)
    assert json.loads(body)["error"].startswith("上传内容过大：一次最多 1 MB（配置 [server] max_upload_mb）")
    assert sent < SENT_AT_MOST  # the server did not read the whole body before answering
    assert sent >= BODY_LIMIT  # and it read up to the limit: nothing under it was refused
    assert "Traceback" not in body and "Traceback" not in log.read_text(errors="replace")


def _login(address: str) -> str:
    """Log in as the form does; returns the session cookie header."""
    cookies, token = _login_page(address)
    conn = http.client.HTTPConnection(address, timeout=20)
    form = urllib.parse.urlencode({"username": "leader", "password": PASSWORD, "next": "/", "csrf_token": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{address}", "Cookie": cookies}
    conn.request("POST", "/login", body=form, headers=headers)
    answer = conn.getresponse()
    answer.read()
    assert answer.status == 302, answer.status  # to next: logged in
    conn.close()
    return "; ".join(c.split(";")[0] for c in answer.headers.get_all("Set-Cookie"))


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_a_brief_past_its_time_budget_answers_504_and_frees_the_worker(server, kind: str) -> None:  # type: ignore[no-untyped-def]
    address, log = server
    cookie = _login(address)
    conn = http.client.HTTPConnection(address, timeout=30)
    started = time.monotonic()
    conn.request("GET", f"/download/brief.{kind}", headers={"Cookie": cookie})
    response = conn.getresponse()
    text = response.read().decode()
    assert response.status == 504
    assert "调度清单未能在 0.001 秒内生成，已中止（配置 [server] brief_timeout）" in text
    assert time.monotonic() - started < 10
    conn.request("GET", "/health")  # the one worker thread is free at once: it answers the next request
    started = time.monotonic()
    health = conn.getresponse()
    health.read()
    assert health.status == 200 and time.monotonic() - started < 5
    conn.close()
    assert "Traceback" not in text and "Traceback" not in log.read_text(errors="replace")

"""Limits on every input over HTTP: a request body over ``[server] max_upload_mb`` is refused before it is read
(a 200 MB upload costs the worker nothing), and uploaded files over the limit are refused by the upload callback."""

from __future__ import annotations

import base64
import time
from dataclasses import replace
from datetime import datetime

import pytest

from app import create_app
from auth.users import add_account
from callbacks.filters import Filters
from data.brief import build_brief
from data.engine import QueryTimeout, time_budget
from exports.brief_pdf import brief_pdf
from exports.brief_xlsx import brief_xlsx
from tests.auth_client import login, page_headers, post_callback, upload_body
from tests.store_fixtures import fresh_store

PASSWORD = "correct-horse-9"


class CountingStream:
    """A request body of ``size`` bytes that is made only as far as it is read."""

    def __init__(self, size: int) -> None:
        self.size, self.read_bytes = size, 0

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.read_bytes if n is None or n < 0 else min(n, self.size - self.read_bytes)
        self.read_bytes += n
        return b"x" * n

    def readline(self, n: int = -1) -> bytes:
        return self.read(n if n and n > 0 else 65536)


def _site(tmp_path, max_upload_mb: float):  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    settings = replace(settings, server=replace(settings.server, max_upload_mb=max_upload_mb))
    add_account(store, "oper", "operator", PASSWORD)
    return create_app(settings, store), store, settings


def test_a_200_mb_body_is_refused_before_it_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app, store, _settings = _site(tmp_path, 20)
    client = app.server.test_client()
    login(client, "oper", PASSWORD)
    for path in ("/_dash-update-component", "/login", "/logout", "/wall"):
        body = CountingStream(200 * 1024 * 1024)
        response = client.post(
            path,
            content_type="application/json",
            headers=page_headers(client),
            environ_overrides={"wsgi.input": body, "CONTENT_LENGTH": str(body.size)},
        )
        assert response.status_code == 413, path
        assert body.read_bytes == 0, path
        assert response.get_json()["error"].startswith("上传内容过大：一次最多 20 MB（配置 [server] max_upload_mb）")
    store.dispose()


def _upload(app, client, files: dict[str, bytes]):  # type: ignore[no-untyped-def]
    contents = ["data:text/csv;base64," + base64.b64encode(data).decode() for data in files.values()]
    return post_callback(client, upload_body(app, contents, list(files)))


def test_uploaded_files_over_the_limit_are_refused_and_not_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app, store, settings = _site(tmp_path, 0.5)
    client = app.server.test_client()
    login(client, "oper", PASSWORD)
    half = b"a,b\n" * (64 * 1024)  # 256 KB each, 512 KB together: over 0.5 MB
    response = _upload(app, client, {"企业诉求_1.csv": half, "企业诉求_2.csv": half + b"1,2\n"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "上传内容过大：一次最多 0.5 MB" in text
    assert not (settings.instance_dir / "uploads").exists()
    store.dispose()


SLOW_QUERY = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) SELECT count(*) FROM n"


def test_a_query_past_its_time_budget_is_stopped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, _settings = fresh_store(tmp_path)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"\[server\] timeout"), time_budget(0.2), store.read() as conn:
        conn.exec_driver_sql(SLOW_QUERY).scalar_one()
    assert time.monotonic() - started < 5  # stopped, not run to its end (tens of seconds)
    with store.read() as conn:  # outside a budget the same connection pool runs freely
        assert conn.exec_driver_sql("SELECT count(*) FROM region").scalar_one() > 0
    store.dispose()


def test_a_request_over_the_server_timeout_is_stopped_with_504(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    app = create_app(replace(settings, server=replace(settings.server, timeout=1)), store)

    def slow_view() -> str:  # stands for any handler whose queries outrun the timeout (a brief at province scale)
        with store.read() as conn:
            return str(conn.exec_driver_sql(SLOW_QUERY).scalar_one())

    app.server.add_url_rule("/health/slow-probe", "slow_probe", slow_view)
    started = time.monotonic()
    response = app.server.test_client().get("/health/slow-probe")
    assert time.monotonic() - started < 10
    assert response.status_code == 504
    text = response.get_data(as_text=True)
    assert "已被中止" in text and "[server] timeout" in text and "Traceback" not in text and "WITH" not in text
    store.dispose()


def test_rendering_a_brief_stops_at_its_time_budget(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False)
    now = datetime(2026, 10, 15, 9, 0)
    with store.read() as conn:
        content = build_brief(conn, Filters.from_query({}).scope(now), settings, "全部", now)
    fonts = tmp_path / "fonts"
    assert brief_pdf(content, fonts).startswith(b"%PDF")  # outside a budget: the whole file
    for render in (lambda: brief_pdf(content, fonts), lambda: brief_xlsx(content)):
        with pytest.raises(QueryTimeout), time_budget(0):  # the SQL is done: only the rendering can be stopped
            render()
    store.dispose()

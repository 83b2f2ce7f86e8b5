"""The app without a browser: offline configuration, the index and first layout per view, the status endpoint, masking,
the tile query, the view cache."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import update

from app import VIEWS_EXTENSION, create_app
from callbacks.status import stale_sources
from callbacks.views import COLLECTORS, ViewCache
from data.metrics.regions import region_tiles
from data.schema import DataVersion
from layouts import format as fmt
from tests.store_fixtures import fresh_store


@pytest.fixture
def empty_app(tmp_path):  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False)
    yield create_app(settings, store), store, settings
    store.dispose()


def test_app_serves_everything_locally(empty_app):  # type: ignore[no-untyped-def]
    app, _store, _settings = empty_app
    assert app.config.serve_locally is True
    assert app.config.external_scripts == [] and app.config.external_stylesheets == []
    html = app.server.test_client().get("/wall").get_data(as_text=True)
    assert 'src="http' not in html and 'href="http' not in html
    assert "/assets/01-base.css" in html and "/assets/battlemap.js" in html


def test_the_wall_page_loads_only_what_the_wall_uses(empty_app):  # type: ignore[no-untyped-def]
    app = empty_app[0]
    client = app.server.test_client()
    wall = client.get("/wall").get_data(as_text=True)
    with app.server.test_request_context("/"):  # the meeting view's page, without logging in
        meeting = app.index()
    grid = "/dash_ag_grid/dash_ag_grid."
    assert grid not in wall and grid in meeting  # the meeting view's grid, not on the hall screen
    for html in (wall, meeting):
        assert '<link rel="preload" href="/assets/fonts/NotoSansSC-Battlemap-Bold.woff2" as="font"' in html
        assert "/assets/vendor/plotly-basic-4.1.1.min.js" in html and "plotly.min.js" not in html
    assert "MIT" in client.get("/assets/vendor/plotly-basic-LICENSE.txt").get_data(as_text=True)


def test_the_wall_page_swaps_the_polyfill_for_the_regenerator_runtime(empty_app):  # type: ignore[no-untyped-def]
    app = empty_app[0]
    client = app.server.test_client()
    wall = client.get("/wall").get_data(as_text=True)
    with app.server.test_request_context("/"):
        meeting = app.index()
    runtime = "/assets/vendor/regenerator-runtime-0.13.11.js"
    assert wall.count(runtime) == 1 and "/deps/polyfill@" not in wall  # before the renderer, which needs it
    assert wall.index(runtime) < wall.index("dash_renderer")
    assert runtime not in meeting and "/deps/polyfill@" in meeting  # office browsers keep the full polyfill
    assert "/dash_table/bundle" not in wall  # no DataTable on the wall
    chunk = '<link rel="preload" href="/_dash-component-suites/dash/dcc/async-graph.js" as="script">'
    assert chunk in wall and chunk not in meeting
    assert client.get("/_dash-component-suites/dash/dcc/async-graph.js").status_code == 200
    assert "MIT" in client.get("/assets/vendor/regenerator-runtime-LICENSE.txt").get_data(as_text=True)


def test_bundled_font_and_licence_are_served(empty_app):  # type: ignore[no-untyped-def]
    client = empty_app[0].server.test_client()
    for name in ("NotoSansSC-Battlemap-Regular.woff2", "NotoSansSC-Battlemap-Bold.woff2"):
        response = client.get(f"/assets/fonts/{name}")
        assert response.status_code == 200 and response.data[:4] == b"wOF2"
        assert len(response.data) < 2_000_000
    assert "SIL OPEN FONT LICENSE" in client.get("/assets/fonts/OFL.txt").get_data(as_text=True)


def test_status_endpoint_on_an_empty_store(empty_app):  # type: ignore[no-untyped-def]
    app, _store, _settings = empty_app
    assert app.server.extensions[VIEWS_EXTENSION].wait_ready(30)
    response = app.server.test_client().get("/api/status")
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["version"].startswith("0@") and body["as_of"] == "—" and body["stale"] == [] and body["build"]
    assert body["stale_kinds"] == [] and len(response.data) < 200


def test_stale_sources_are_those_older_than_their_cadence() -> None:
    now = datetime(2026, 11, 28, 12, 0)
    as_of = {"appeals": datetime(2026, 11, 27, 11, 0), "clearance": datetime(2026, 11, 27, 11, 0)}
    assert stale_sources(as_of, {"appeals": 24, "clearance": 168, "reviews": 24}, now) == ["appeals"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("淮川市恒达精密机械有限公司", "淮川市**有限公司"),
        ("东湖科技有限公司", "东湖科**有限公司"),
        ("小店", "小**"),
        ("", "—"),
    ],
)
def test_enterprise_names_are_masked(name: str, expected: str) -> None:
    assert fmt.mask_name(name, keep_prefix=3, keep_suffix=4) == expected


def test_masking_can_be_switched_off() -> None:
    assert fmt.mask_name("淮川市恒达精密机械有限公司", 3, 4, enabled=False) == "淮川市恒达精密机械有限公司"


def test_region_tiles_come_from_the_configured_positions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path)
    with store.read() as conn:
        tiles = {t.code: (t.name, t.x, t.y) for t in region_tiles(conn)}
    configured = {r.code: (r.name, *r.tile) for r in settings.regions if r.tile}
    assert tiles == configured and len(tiles) == 14
    assert tiles["HCP2"] == ("淮川高新技术产业开发区", 4, 1)


def test_view_cache_builds_once_per_data_version(empty_app):  # type: ignore[no-untyped-def]
    _app, store, settings = empty_app
    cache = ViewCache(store, settings, COLLECTORS)
    assert cache.refresh() is True
    key, pages = cache.pages()
    assert len(pages) == len(settings.wall_pages)
    assert cache.refresh() is False and cache.pages()[0] == key and cache.builds == 1
    with store.write() as conn:
        conn.execute(update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1))
    cache.refresh()  # builds the new version, or waits for the builder thread doing it
    assert cache.pages()[0] == (key[0] + 1, key[1]) and cache.builds == 2
    cache.stop()


def test_the_wall_shell_starts_with_the_served_status(empty_app):  # type: ignore[no-untyped-def]
    from callbacks.routing import wall_spec
    from callbacks.status import opening_status, read_status
    from layouts.shell import wall_shell

    app, _store, settings = empty_app
    cache = app.server.extensions[VIEWS_EXTENSION]
    assert cache.wait_ready(30)
    status = opening_status(cache, settings)
    assert status["ok"] is True and len(status["checked"]) == 5 and status["checked"][2] == ":"
    assert {k: v for k, v in status.items() if k not in ("ok", "checked", "orders")} == read_status(cache, settings)
    assert status["orders"] == {"frozen": None, "reload": 0, "quiet": False, "notice": None}  # for all screens
    stores = {c.id: c.data for c in wall_shell(wall_spec(settings), status).children[1:] if hasattr(c, "data")}
    assert stores["wall-status"] == status and stores["wall-version"] == cache.snapshot().token


def _props_of(tree: Any, component_id: str) -> dict | None:
    """The props of the component ``component_id`` in a serialised Dash tree."""
    if isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict) and props.get("id") == component_id:
            return props
        return next((p for v in tree.values() if (p := _props_of(v, component_id)) is not None), None)
    if isinstance(tree, list):
        return next((p for v in tree if (p := _props_of(v, component_id)) is not None), None)
    return None


def test_the_wall_comes_inside_the_first_layout(empty_app):  # type: ignore[no-untyped-def]
    app = empty_app[0]
    client = app.server.test_client()
    for referrer in ("http://hall-pc:8050/wall?page=2&pause=1", "http://hall-pc:8050/wall/"):
        layout = client.get("/_dash-layout", headers={"Referer": referrer}).get_json()
        assert _props_of(layout, "wall-canvas") is not None
        assert _props_of(layout, "page-served")["data"] == "/wall"  # type: ignore[index]
    for headers in ({}, {"Referer": "http://hall-pc:8050/"}, {"Referer": "http://hall-pc:8050/operator"}):
        layout = client.get("/_dash-layout", headers=headers).get_json()
        assert _props_of(layout, "wall-canvas") is None and _props_of(layout, "page-served")["data"] is None  # type: ignore[index]
    assert client.get("/wall").headers["Referrer-Policy"] == "same-origin"


def test_routing_leaves_a_page_already_served_alone(empty_app):  # type: ignore[no-untyped-def]
    client = empty_app[0].server.test_client()

    def route(pathname: str, served: str | None):  # type: ignore[no-untyped-def]
        body = {
            "output": "..page-root.children...page-served.data..",
            "outputs": [{"id": "page-root", "property": "children"}, {"id": "page-served", "property": "data"}],
            "inputs": [{"id": "url", "property": "pathname", "value": pathname}],
            "state": [{"id": "page-served", "property": "data", "value": served}],
            "changedPropIds": ["url.pathname"],
        }
        return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")

    assert route("/wall", "/wall").status_code == 204  # nothing re-sent, nothing re-rendered
    rendered = route("/wall", None)
    assert rendered.status_code == 200
    response = rendered.get_json()["response"]
    assert _props_of(response["page-root"], "wall-canvas") is not None and response["page-served"]["data"] == "/wall"

"""The phone view and the wall's QR code (issue 18) without a browser: /m is public, never cached, and names the
data version /api/status serves; the QR code follows [wall] qr, qr_corner, qr_size and qr_url; bad QR settings are
refused with the key named."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app import create_app
from callbacks.routing import wall_spec
from config import ConfigError, load_settings
from config.ops import ScreensConfig
from layouts.qr import qr_data_uri
from tests.store_fixtures import fresh_store


@pytest.fixture
def site(tmp_path):  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False)
    yield store, settings
    store.dispose()


def _layout_props(client, component_id: str):  # type: ignore[no-untyped-def]
    """The props of ``component_id`` in the wall's first layout (the layout request a /wall page makes)."""
    tree = json.loads(client.get("/_dash-layout", headers={"Referer": "http://localhost/wall"}).get_data(as_text=True))

    def find(node):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            if isinstance(node.get("props"), dict) and node["props"].get("id") == component_id:
                return node["props"]
            return next((p for v in node.values() if (p := find(v)) is not None), None)
        if isinstance(node, list):
            return next((p for v in node if (p := find(v)) is not None), None)
        return None

    return find(tree)


def test_the_phone_view_is_public_uncached_and_names_the_served_version(site) -> None:  # type: ignore[no-untyped-def]
    store, settings = site
    app = create_app(settings, store)
    assert app.server.extensions["battlemap.views"].wait_ready(30)
    client = app.server.test_client()
    response = client.get("/m")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    status = client.get("/api/status").json
    assert f"（{status['version']}）" in page and f"数据截至 {status['as_of']}" in page
    assert "<script" not in page and 'href="http' not in page


def test_the_qr_code_follows_the_wall_settings(site) -> None:  # type: ignore[no-untyped-def]
    store, settings = site
    url = "http://10.1.2.3:8050/m"
    configured = replace(settings, screens=ScreensConfig(qr_corner="top-left", qr_size=64, qr_url=url))
    client = create_app(configured, store, start_views=False).server.test_client()
    qr = _layout_props(client, "wall-qr")
    assert qr["className"] == "bm-qr bm-qr-top-left" and qr["data-url"] == url
    image = qr["children"][1]["props"]  # after its caption
    assert (image["width"], image["height"], image["src"]) == (64, 64, qr_data_uri(url))
    assert qr_data_uri(url) != qr_data_uri("http://10.1.2.4:8050/m")
    own = create_app(settings, store, start_views=False).server.test_client()
    assert _layout_props(own, "wall-qr")["data-url"] == "http://localhost/m"  # the wall's own address
    off = create_app(replace(settings, screens=ScreensConfig(qr=False)), store, start_views=False)
    assert _layout_props(off.server.test_client(), "wall-qr") is None
    assert wall_spec(settings).client_config()["screen"] == "大屏"


@pytest.mark.parametrize(
    ("key", "value"), [("qr_corner", "middle"), ("qr_corner", "bottom-right"), ("qr_size", 20), ("qr_size", 120)]
)
def test_bad_qr_settings_are_refused_naming_the_key(tmp_path, key: str, value: object) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f"[wall]\n{key} = {json.dumps(value)}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"\\[wall\\] {key}"):
        load_settings(path, environ={})

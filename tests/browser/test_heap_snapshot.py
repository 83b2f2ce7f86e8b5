"""bench.heap_snapshot: the soak's split of a page's JS heap into compiled code, strings and other objects."""

import pytest

from bench.heap_snapshot import composition_mb, take

pytestmark = pytest.mark.browser

MB = 2**20


def test_composition_sums_self_sizes_by_kind_and_leaves_out_blink_objects() -> None:
    types = ["hidden", "object", "string", "code", "native", "concatenated string", "synthetic", "closure"]
    heap = [  # (node type, self size)
        ("code", 2 * MB),
        ("code", MB // 2),
        ("string", MB),
        ("concatenated string", MB // 4),
        ("object", 3 * MB),
        ("closure", MB // 4),
        ("hidden", MB // 4),
        ("native", 9 * MB),  # Blink's, outside the JS heap
        ("synthetic", 0),
    ]
    nodes = [value for i, (kind, size) in enumerate(heap) for value in (types.index(kind), 0, i + 1, size, 0)]
    meta = {"node_fields": ["type", "name", "id", "self_size", "edge_count"], "node_types": [types]}

    assert composition_mb({"snapshot": {"meta": meta}, "nodes": nodes}) == {
        "code": 2.5,
        "strings": 1.25,
        "objects": 3.5,
    }


def test_a_string_the_page_keeps_shows_in_a_real_snapshot(driver) -> None:  # type: ignore[no-untyped-def]
    driver.get("about:blank")
    address = driver.capabilities["goog:chromeOptions"]["debuggerAddress"]
    before = composition_mb(take(address))
    kept = driver.execute_script(  # one flat string of about 4 MB (one byte a character)
        "window.kept = JSON.stringify(Array.from({length: 220000}, Math.random)); return window.kept.length;"
    )
    after = composition_mb(take(address))
    driver.execute_script("delete window.kept;")

    assert after["strings"] - before["strings"] == pytest.approx(kept / MB, abs=0.1)
    assert after["code"] > 0 and after["objects"] > 0

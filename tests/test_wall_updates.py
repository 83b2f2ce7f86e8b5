"""What the wall is sent: page by page, the whole page once, then a ``Patch`` of only what changed when new data
comes — a patch that, applied to what the browser shows, gives exactly the new page."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from dash import Patch, no_update

from callbacks.views import COLLECTORS, ViewCache
from callbacks.views.patch import changes, page_json, page_patch
from etl.demo import load_demo
from etl.kinds import get_kind
from etl.load import load_frame
from tests.store_fixtures import fresh_store
from tests.test_load import appeals_frame


def apply(page: Any, patch: Patch) -> Any:
    """The browser's side: every Assign of ``patch`` done on a copy of ``page``."""
    result = copy.deepcopy(page)
    for operation in patch.to_plotly_json()["operations"]:
        assert operation["operation"] == "Assign"
        *path, last = operation["location"]
        target = result
        for step in path:
            target = target[step]
        target[last] = operation["params"]["value"]
    return result


def test_changes_descend_into_same_shaped_values_and_replace_the_rest():
    old = {"props": {"children": [{"props": {"figure": {"data": [{"y": [1, 2, 3]}]}}}, "甲"]}}
    new = {"props": {"children": [{"props": {"figure": {"data": [{"y": [1, 5, 3]}]}}}, "乙"]}}
    assert changes(old, new) == [
        (("props", "children", 0, "props", "figure", "data", 0, "y", 1), 5),
        (("props", "children", 1), "乙"),
    ]
    longer = {"props": {"children": [old["props"]["children"][0], "甲", "丙"]}}
    assert changes(old, longer) == [(("props", "children"), longer["props"]["children"])]
    assert changes(old, copy.deepcopy(old)) == []
    mostly = {"props": {"children": [{"props": {"figure": {"data": [{"y": [4, 5, 3]}]}}}, "甲"]}}
    assert changes(old, mostly) == [(("props", "children", 0, "props", "figure", "data", 0, "y"), [4, 5, 3])]
    assert apply(old, page_patch(old, new)) == new
    assert page_patch(old, "整页不同") is None  # the page itself replaced: send it whole


def test_the_wall_gets_each_page_once_then_patches_after_an_import(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    load_demo(store, settings)
    cache = ViewCache(store, settings, COLLECTORS)
    assert cache.refresh()
    pages = len(settings.wall_pages)
    first, shown, token = cache.page_updates([0, 1], {})
    assert token == cache.snapshot().token and shown == {"0": token, "1": token}
    assert [u is no_update for u in first] == [False, False] + [True] * (pages - 2)
    shown_json = [page_json(first[0]), page_json(first[1])]

    again, same, _token = cache.page_updates([0, 1], shown)
    assert all(u is no_update for u in again) and same == shown

    fresh = appeals_frame(40, start=900_000)
    assert load_frame(store, settings, get_kind("appeals"), fresh, source="new.csv").status == "loaded"
    assert cache.refresh()
    updates, now_shown, new_token = cache.page_updates([0, 1], shown)
    assert new_token != token and now_shown == {"0": new_token, "1": new_token}
    current = cache.snapshot().pages[False]
    for index in (0, 1):
        assert isinstance(updates[index], Patch), f"page {index} was sent whole"
        patched = apply(shown_json[index], updates[index])
        assert patched == page_json(current[index])
        assert len(str(updates[index].to_plotly_json())) < len(str(page_json(current[index])))
        # only leaves: no component, figure or trace is sent again whole
        values = [op["params"]["value"] for op in updates[index].to_plotly_json()["operations"]]
        assert not [v for v in values if isinstance(v, dict)], values

    stale, _shown, _token = cache.page_updates([2], {"2": "an-older-build"})
    assert stale[2] is cache.snapshot().pages[False][2]  # not the previous build: the page whole
    cache.stop()


def _figures(tree: Any) -> list[dict]:
    if isinstance(tree, dict):
        found = [tree["props"]["figure"]] if tree.get("type") == "Graph" else []
        return found + [f for value in tree.values() for f in _figures(value)]
    if isinstance(tree, list):
        return [f for value in tree for f in _figures(value)]
    return []


def test_wall_figures_are_sent_without_a_template_and_drawn_with_fixed_margins(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    load_demo(store, settings)
    cache = ViewCache(store, settings, COLLECTORS)
    assert cache.refresh()
    figures = [f for page in cache.snapshot().pages[False] for f in _figures(page_json(page))]
    assert len(figures) >= 8
    for figure in figures:
        layout = figure["layout"]
        # plotly.py's default template is 7 KB per figure and turns automargin on for every axis
        assert len(str(layout.get("template", {}))) < 100, layout.get("template")
        automargin = [k for k, axis in layout.items() if k[1:5] == "axis" and axis.get("automargin")]
        # a margin that moves makes plotly.js draw the figure twice: only figures with label-sized axes allow it
        assert layout["margin"].get("autoexpand") is bool(automargin), (automargin, layout["margin"])
    cache.stop()

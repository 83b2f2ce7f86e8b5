"""Wall pages as declarations: a page is one module plus one config entry, and every built-in page's builder
gives each panel a key its declaration names (so every panel carries its sources for the 数据滞后 mark)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time

from callbacks.routing import wall_spec
from callbacks.views import ViewCache, built_in_pages, collectors, wall_pages
from callbacks.views.context import ViewContext
from config import WallPage, load_settings
from layouts.html_block import HtmlBlock
from layouts.pages.sources import KEY_ATTRIBUTE, SOURCES_ATTRIBUTE, panels

SETTINGS = load_settings(environ={})
TODAY = date(2026, 10, 15)


MARKED = re.compile(rf'{KEY_ATTRIBUTE}="([^"]+)" {SOURCES_ATTRIBUTE}="([^"]*)"')


def _marked_panels(node) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What the browser is sent for each panel of a rendered page: its key and its ``data-sources``, whether the
    panel stayed a component (it holds a figure) or became static markup (``layouts.static``)."""
    found: dict[str, str] = {}
    if isinstance(node, HtmlBlock):
        return dict(MARKED.findall(node.html))
    if getattr(node, KEY_ATTRIBUTE, None):
        found[getattr(node, KEY_ATTRIBUTE)] = getattr(node, SOURCES_ATTRIBUTE, "")
    kids = getattr(node, "children", None)
    for kid in kids if isinstance(kids, list | tuple) else [kids]:
        if kid is not None and not isinstance(kid, str | int | float):
            found.update(_marked_panels(kid))
    return found


def test_a_seventh_page_takes_one_module_and_one_config_entry(metric_db) -> None:  # type: ignore[no-untyped-def]
    entry = WallPage("visitors", module="tests.wall_page_fixture")
    settings = replace(SETTINGS, wall_pages=(*SETTINGS.wall_pages, entry))
    pages = wall_pages(settings)
    assert [p.name for p in pages][-1] == "visitors" and len(pages) == len(SETTINGS.wall_pages) + 1
    spec = wall_spec(settings).pages[-1]
    assert (spec.name, spec.title, spec.dwell) == ("visitors", "来访企业", 12)

    cache = ViewCache(metric_db, settings, collectors(settings))
    cache.refresh()
    _key, children = cache.pages()
    assert len(children) == len(SETTINGS.wall_pages) + 1
    sent = _marked_panels(children[-1])
    # the fixture's collector counts what the appeals page's own counter counts on the same store
    received = cache.view("appeals").received
    assert received > 0
    assert f"受理 {received} 件" in repr(children[-1])
    assert sent == {"count": "appeals"}
    cache.stop()


def test_config_overrides_title_and_dwell_of_a_declared_page() -> None:
    settings = replace(SETTINGS, wall_pages=(WallPage("economy", "经济运行", 45), WallPage("overview")))
    pages = wall_pages(settings)
    assert [(p.name, p.title, p.dwell) for p in pages] == [("economy", "经济运行", 45), ("overview", "总览", 30)]


def test_an_undeclared_page_shows_a_placeholder(metric_db) -> None:  # type: ignore[no-untyped-def]
    settings = replace(SETTINGS, wall_pages=(WallPage("nowhere", "无此页", 10), WallPage("broken", module="no.such")))
    cache = ViewCache(metric_db, settings, collectors(settings))
    cache.refresh()
    _key, children = cache.pages()
    assert [c.children for c in children] == ["页面 nowhere 暂无内容", "页面 broken 暂无内容"]
    cache.stop()


def test_every_panel_of_every_built_in_page_is_declared_with_its_sources(metric_conn) -> None:  # type: ignore[no-untyped-def]
    context = ViewContext(SETTINGS, datetime.combine(TODAY, time(12)))
    declared = built_in_pages()
    assert set(declared) == {"overview", "appeals", "projects", "clearance", "evaluation", "programmes", "economy"}
    for name, page in declared.items():
        assert page.collect is not None and page.build is not None
        tree = page.build(page.collect(metric_conn, context), False)
        keys = [getattr(section, KEY_ATTRIBUTE, None) for section in panels(tree)]
        assert keys and None not in keys, name
        assert sorted(keys) == sorted(p.key for p in page.panels), name
        assert all(p.sources for p in page.panels), name
        sent = _marked_panels(page.render(page.collect(metric_conn, context)))
        assert sent == {p.key: " ".join(p.sources) for p in page.panels}, name


def test_the_overview_shows_the_key_area_rank_beside_the_overall_one(metric_conn) -> None:  # type: ignore[no-untyped-def]
    from callbacks.views.overview import collect as overview
    from layouts.pages.overview import headline_counters

    view = overview(metric_conn, ViewContext(SETTINGS, datetime.combine(TODAY, time(12))))
    # the fixture's 重点指标领域: 9 in 2026Q2, 5 in 2026Q3 (one line on the wall: where it started, where it is)
    assert (view.key_rank, view.key_rank_trend) == (5, "9→5")
    assert "重点指标领域 第5名（9→5）" in str(headline_counters(view).to_plotly_json())

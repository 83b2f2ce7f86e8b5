"""One module per wall page; ``BUILDERS`` maps a configured page name to its builder.

A builder takes the page's view (plain values computed by ``callbacks``) and ``interactive`` (False on the
wall: static figures, nothing that needs a pointer) and returns the page's children.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import html

from layouts.pages import appeals, clearance, economy, evaluation, overview, projects
from layouts.pages.sources import mark_sources
from layouts.static import freeze

Builder = Callable[[Any, bool], Any]

BUILDERS: dict[str, Builder] = {
    "overview": overview.build,
    "appeals": appeals.build,
    "projects": projects.build,
    "clearance": clearance.build,
    "evaluation": evaluation.build,
    "economy": economy.build,
}


def build_page(name: str, view: Any, interactive: bool = False) -> Any:
    """The children of page ``name``, its panels marked with their sources; an unknown page name or a missing view
    shows a placeholder, never breaks."""
    builder = BUILDERS.get(name)
    if builder is None or view is None:
        return html.Div(f"页面 {name} 暂无内容", className="bm-empty bm-page-empty")
    return freeze(mark_sources(name, builder(view, interactive)))


def loading_page() -> html.Div:
    """What a page shows before the server's first view build is ready."""
    return html.Div("数据加载中…", className="bm-empty bm-page-empty bm-page-loading")

"""One module per wall page (its view dataclass and its builder), and the placeholders a page shows before its
first build or when it has nothing to show. Which builder a page uses is its declaration
(``callbacks.views.pages``).

A builder takes the page's view (plain values computed by ``callbacks``) and ``interactive`` (False on the
wall: static figures, nothing that needs a pointer) and returns the page's children.
"""

from __future__ import annotations

from dash import html


def empty_page(name: str) -> html.Div:
    """What a page without content shows (an unknown page name, or a page whose view could not be built)."""
    return html.Div(f"页面 {name} 暂无内容", className="bm-empty bm-page-empty")


def loading_page() -> html.Div:
    """What a page shows before the server's first view build is ready."""
    return html.Div("数据加载中…", className="bm-empty bm-page-empty bm-page-loading")

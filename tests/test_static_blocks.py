"""layouts.static: static subtrees become one escaped HTML block; graphs and components with ids stay components."""

from __future__ import annotations

from dash import dcc, html

from layouts.html_block import HtmlBlock
from layouts.static import STATIC_CLASS, freeze, is_static, to_html


def test_markup_is_escaped_and_props_are_attributes() -> None:
    node = html.Div(
        [html.Span("<script>alert(1)</script>", className="a"), " 淮川市**有限公司"],
        style={"gridColumn": 2, "background": "red"},
        **{"data-pages": "3"},
    )
    assert to_html(node) == (
        '<div style="grid-column:2;background:red" data-pages="3">'
        '<span class="a">&lt;script&gt;alert(1)&lt;/script&gt;</span> 淮川市**有限公司</div>'
    )


def test_newlines_become_spaces() -> None:
    assert "\n" not in to_html(html.P("第一行\n\n第二行"))


def test_freeze_keeps_graphs_and_ids_as_components() -> None:
    graph = dcc.Graph(figure={})
    clock = html.Div(id="wall-clock")
    page = html.Div([html.Section([html.H2("标题"), html.Table(html.Tr(html.Td("1")))]), html.Section([graph]), clock])
    frozen = freeze(page)
    static, dynamic, keep = frozen.children
    assert isinstance(static, HtmlBlock) and static.className == STATIC_CLASS
    assert static.html.startswith("<section><h2>标题</h2>")
    assert static.to_plotly_json()["namespace"] == "battlemap_blocks"
    assert dynamic.children == [graph] and keep is clock
    assert not is_static(page) and is_static(html.B("x"))

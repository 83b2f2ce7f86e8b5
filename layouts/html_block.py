"""``HtmlBlock``: a Dash component that renders ready-made, escaped markup (``layouts.static``) as it is.

Its browser side is eight lines in ``assets/00-html-block.js`` (``window.battlemap_blocks.HtmlBlock``), so a wall
page's static panels cost the renderer one component each and no extra download — ``dcc.Markdown`` would parse the
markup again and pull in 466 KB of markdown and highlighting chunks before the first page could paint.
"""

from __future__ import annotations

from typing import Any, ClassVar

from dash.development.base_component import Component

NAMESPACE = "battlemap_blocks"


class HtmlBlock(Component):
    """``html``: the markup (escaped by its producer); ``className``: the wrapper ``div``'s classes."""

    _children_props: ClassVar[list[str]] = []
    _base_nodes: ClassVar[list[str]] = []
    _namespace = NAMESPACE
    _type = "HtmlBlock"

    def __init__(self, html: str = "", className: str | None = None, **kwargs: Any) -> None:
        self._prop_names = ["html", "className"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = ["html", "className"]
        self.available_wildcard_properties: list[str] = []
        super().__init__(html=html, className=className, **kwargs)

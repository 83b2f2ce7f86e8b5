"""Deliver the static part of a page as HTML: every maximal subtree of plain ``html.*`` components (no ids, no
``dcc`` components) becomes one ``HtmlBlock`` (``layouts.html_block``) holding its markup.

Why: the Dash renderer's cost grows much faster than linearly with the number of components it tracks (about 1,500
components took 16 s to render in headless Chromium); a wall page of tables, lamp cards and flip digits would
stall it. Builders still compose ordinary ``html`` components; only delivery changes. Text is escaped here.
"""

from __future__ import annotations

import html as html_text
import re
from typing import Any

from dash.development.base_component import Component

from layouts.html_block import HtmlBlock

HTML_NAMESPACE = "dash_html_components"
STATIC_CLASS = "bm-static"
_ATTRIBUTE_NAMES = {"className": "class", "htmlFor": "for"}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _is_html(node: Any) -> bool:
    return isinstance(node, Component) and node._namespace == HTML_NAMESPACE


def _children(node: Component) -> list[Any]:
    children = getattr(node, "children", None)
    if children is None:
        return []
    return list(children) if isinstance(children, list | tuple) else [children]


def is_static(node: Any) -> bool:
    """Text, numbers and ``html`` components without an id whose children are all static."""
    if node is None or isinstance(node, str | int | float):
        return True
    if not _is_html(node) or getattr(node, "id", None) is not None:
        return False
    return all(is_static(child) for child in _children(node))


def _style(style: dict[str, Any]) -> str:
    return ";".join(f"{_CAMEL.sub('-', key).lower()}:{value}" for key, value in style.items())


def to_html(node: Any) -> str:
    """The markup of a static subtree (see :func:`is_static`); text is escaped, newlines become spaces."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return html_text.escape(str(node)).replace("\n", " ")
    tag = node._type.lower()
    attributes = []
    for name, value in node.to_plotly_json()["props"].items():
        if name == "children" or value is None:
            continue
        text = _style(value) if name == "style" else str(value)
        attributes.append(f' {_ATTRIBUTE_NAMES.get(name, name)}="{html_text.escape(text, quote=True)}"')
    inner = "".join(to_html(child) for child in _children(node))
    return f"<{tag}{''.join(attributes)}>{inner}</{tag}>"


def static_block(node: Any) -> HtmlBlock:
    """One component standing for the whole static subtree; its wrapper is ``display: contents`` in CSS, so the
    subtree's root takes its place in the parent's grid or flex layout."""
    return HtmlBlock(to_html(node), className=STATIC_CLASS)


def freeze(node: Any) -> Any:
    """Replace every maximal static subtree of ``node`` by a :func:`static_block`; dynamic parts stay components."""
    if is_static(node):
        return static_block(node) if _is_html(node) else node
    if isinstance(node, Component):
        children = getattr(node, "children", None)
        if isinstance(children, list | tuple):
            node.children = [freeze(child) for child in children]
        elif isinstance(children, Component):
            node.children = freeze(children)
    return node

"""The wall's per-panel stale badge: mark each panel of a page with the source kinds it depends on.

Which kinds a panel depends on is part of its page's declaration (``callbacks.views.pages.Panel``), keyed by the
stable id its builder gives it (``layouts.components.panel(key=…)``). A panel whose source is overdue
(``settings.source_cadence_hours``) gets the class ``bm-panel-stale`` in the browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html

PANEL_CLASS = "bm-panel"
KEY_ATTRIBUTE = "data-panel"
SOURCES_ATTRIBUTE = "data-sources"


def panels(node: Any) -> list[html.Section]:
    """Every panel (``layouts.components.panel``) in a component tree, in document order."""
    found: list[html.Section] = []
    if isinstance(node, html.Section) and PANEL_CLASS in (node.className or "").split():
        found.append(node)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found.extend(panels(child))
    return found


def mark_sources(sources: Mapping[str, tuple[str, ...]], tree: Any) -> Any:
    """Set ``data-sources`` (space-separated kinds) on every panel of ``tree`` whose key ``sources`` names; returns
    ``tree``. Run before ``layouts.static.freeze``, which keeps the attribute in the markup."""
    for section in panels(tree):
        kinds = sources.get(getattr(section, KEY_ATTRIBUTE, None) or "")
        if kinds:
            setattr(section, SOURCES_ATTRIBUTE, " ".join(kinds))
    return tree

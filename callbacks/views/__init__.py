"""Page views: each wall page is one declaration (``callbacks.views.pages``) in the module of its collector, which
turns metric-layer results into the plain values its layout builder takes.

``ViewCache`` (``callbacks.views.cache``) runs the configured pages' collectors in a background thread once per
data version and day and shares the result with every browser. ``COLLECTORS``: the built-in pages' collectors.
"""

from __future__ import annotations

from callbacks.views.cache import Collector, Snapshot, ViewCache, key_token
from callbacks.views.pages import PageDeclaration, Panel, built_in_pages, collectors, wall_pages

COLLECTORS: dict[str, Collector] = {
    name: page.collect for name, page in built_in_pages().items() if page.collect is not None
}

__all__ = [
    "COLLECTORS",
    "Collector",
    "PageDeclaration",
    "Panel",
    "Snapshot",
    "ViewCache",
    "collectors",
    "key_token",
    "wall_pages",
]

"""Page views: each page's collector turns metric-layer results into the plain values its layout builder takes.

``COLLECTORS`` maps a configured page name to its collector; ``ViewCache`` (``callbacks.views.cache``) runs them in
a background thread once per data version and day and shares the result with every browser.
"""

from __future__ import annotations

from callbacks.views import appeals, clearance, economy, evaluation, overview, projects
from callbacks.views.cache import Collector, Snapshot, ViewCache, key_token

COLLECTORS: dict[str, Collector] = {
    "overview": overview.collect,
    "appeals": appeals.collect,
    "projects": projects.collect,
    "clearance": clearance.collect,
    "evaluation": evaluation.collect,
    "economy": economy.collect,
}

__all__ = ["COLLECTORS", "Collector", "Snapshot", "ViewCache", "key_token"]

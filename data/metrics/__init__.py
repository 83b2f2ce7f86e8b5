"""The metric layer: every number of DESIGN §4, defined once, as read-only queries over the store.

Each function takes a SQLAlchemy ``Connection`` (from ``Store.read()``) and a ``Scope`` (as-of day, period,
regions, departments, action group) and returns a ``Rate`` (numerator and denominator, never a typed-in
percentage), a count, a dataclass or a pandas DataFrame. One module per subject; the formula of each metric is in
its docstring, and which of a row's dates puts it in the period is in its module's docstring.
"""

from data.metrics import (
    appeals,
    awards,
    cleanwind,
    clearance,
    economy,
    evaluation,
    headline,
    projects,
    reforms,
    refusals,
    reviews,
    services,
    squads,
    visits,
)
from data.metrics.rate import Rate
from data.metrics.scope import Scope

__all__ = [
    "Rate",
    "Scope",
    "appeals",
    "awards",
    "cleanwind",
    "clearance",
    "economy",
    "evaluation",
    "headline",
    "projects",
    "reforms",
    "refusals",
    "reviews",
    "services",
    "squads",
    "visits",
]

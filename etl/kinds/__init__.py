"""The catalogue of source kinds: every table an operator or upstream system can feed, in load order."""

from etl.kinds.base import Field, SourceKind
from etl.kinds.calendar import HOLIDAYS
from etl.kinds.drive import CLEARANCE, MILESTONES, PROGRESS, PROJECTS
from etl.kinds.evaluation import AWARDS, ECON_METRICS, INDICATOR_EVAL
from etl.kinds.grid import ASSIGNMENTS, CADRES, ENTERPRISES, VISITS
from etl.kinds.programmes import CLEAN_WIND, REFORM_MEASURES, SQUADS
from etl.kinds.service import APPEALS, REFUSALS, REVIEWS, SERVICE_ITEMS

# Load order: a kind comes after the kinds its references point at (projects before milestones, …). A holiday
# arrangement counts again the deadlines of appeals loaded before it in the same transaction.
KINDS: dict[str, SourceKind] = {
    k.name: k
    for k in (
        ENTERPRISES,
        CADRES,
        ASSIGNMENTS,
        VISITS,
        SQUADS,
        APPEALS,
        CLEARANCE,
        PROJECTS,
        MILESTONES,
        PROGRESS,
        REVIEWS,
        REFUSALS,
        SERVICE_ITEMS,
        INDICATOR_EVAL,
        ECON_METRICS,
        AWARDS,
        REFORM_MEASURES,
        CLEAN_WIND,
        HOLIDAYS,
    )
}


def get_kind(name: str) -> SourceKind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"未知的数据类型 {name!r}；可选: {', '.join(KINDS)}") from None


__all__ = ["KINDS", "Field", "SourceKind", "get_kind"]

"""The SQLAlchemy schema of the store (DESIGN §3): dimensions, facts, the study report's programmes, the load audit."""

from data.schema.accounts import AppUser, AuditEvent, LoginFailure, LoginSession, OverrideAudit
from data.schema.audit import DataVersion, EtlLock, EtlReject, EtlRun, EtlWatermark
from data.schema.base import Base
from data.schema.dimensions import ActionGroup, Department, Enterprise, HolidayDay, Indicator, Region, Workday
from data.schema.facts import (
    Appeal,
    Assignment,
    Award,
    Cadre,
    ClearanceIssue,
    EconMetric,
    IndicatorEval,
    Milestone,
    Progress,
    Project,
    Refusal,
    Review,
    ServiceItem,
    Visit,
)
from data.schema.mappings import ImportMapping
from data.schema.meetings import MeetingMark
from data.schema.programmes import CleanWindCount, ReformMeasure, Squad
from data.schema.screens import FigureHold, Screen, ScreenControl, ScreenNotice
from data.schema.standings import AwardIssue, AwardStanding
from data.schema.summaries import (
    AppealClosedDaily,
    AppealDueDaily,
    AppealReceivedDaily,
    AppealRevisitedDaily,
    ReviewDaily,
)

__all__ = [
    "ActionGroup",
    "AppUser",
    "Appeal",
    "AppealClosedDaily",
    "AppealDueDaily",
    "AppealReceivedDaily",
    "AppealRevisitedDaily",
    "Assignment",
    "AuditEvent",
    "Award",
    "AwardIssue",
    "AwardStanding",
    "Base",
    "Cadre",
    "CleanWindCount",
    "ClearanceIssue",
    "DataVersion",
    "Department",
    "EconMetric",
    "Enterprise",
    "EtlLock",
    "EtlReject",
    "EtlRun",
    "EtlWatermark",
    "FigureHold",
    "HolidayDay",
    "ImportMapping",
    "Indicator",
    "IndicatorEval",
    "LoginFailure",
    "LoginSession",
    "MeetingMark",
    "Milestone",
    "OverrideAudit",
    "Progress",
    "Project",
    "ReformMeasure",
    "Refusal",
    "Region",
    "Review",
    "ReviewDaily",
    "Screen",
    "ScreenControl",
    "ScreenNotice",
    "ServiceItem",
    "Squad",
    "Visit",
    "Workday",
]

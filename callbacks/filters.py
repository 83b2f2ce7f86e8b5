"""The meeting's filters: period (rolling year, month, quarter, year or a custom range), districts/parks,
departments and action group — to a ``Scope``, to and from a URL query (the brief's download links), and in words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from data.metrics.scope import Scope, period_bounds, quarter_of

ROLLING, MONTH, QUARTER, YEAR, CUSTOM = "rolling", "month", "quarter", "year", "custom"
PERIOD_KINDS = {ROLLING: "近12个月", MONTH: "月度", QUARTER: "季度", YEAR: "年度", CUSTOM: "自定义"}


def rolling_start(today: date) -> date:
    """The first day of the twelve months that end ``today`` (the wall's period)."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + timedelta(days=1)


def period_choices(kind: str, today: date) -> list[str]:
    """The periods offered for ``kind``, newest first: 12 months, 6 quarters or 3 years back from ``today``."""
    if kind == MONTH:
        year, month, out = today.year, today.month, []
        for _ in range(12):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return out
    if kind == QUARTER:
        year, q = today.year, (today.month - 1) // 3 + 1
        out = []
        for _ in range(6):
            out.append(f"{year}Q{q}")
            year, q = (year - 1, 4) if q == 1 else (year, q - 1)
        return out
    if kind == YEAR:
        return [str(today.year - i) for i in range(3)]
    return []


@dataclass(frozen=True)
class Filters:
    kind: str = ROLLING
    period: str | None = None
    start: str | None = None
    end: str | None = None
    regions: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    action_group: str | None = None

    @classmethod
    def of(
        cls,
        kind: str | None,
        period: str | None = None,
        start: str | None = None,
        end: str | None = None,
        regions: Any = None,
        departments: Any = None,
        action_group: str | None = None,
    ) -> Filters:
        """From the filter controls (or a query string): unknown kinds fall back to the rolling year."""
        return cls(
            kind=kind if kind in PERIOD_KINDS else ROLLING,
            period=period or None,
            start=(start or "")[:10] or None,
            end=(end or "")[:10] or None,
            regions=tuple(_listed(regions)),
            departments=tuple(_listed(departments)),
            action_group=action_group or None,
        )

    @classmethod
    def from_query(cls, args: Any) -> Filters:
        return cls.of(
            args.get("kind"),
            args.get("period"),
            args.get("start"),
            args.get("end"),
            args.getlist("region") if hasattr(args, "getlist") else args.get("region"),
            args.getlist("department") if hasattr(args, "getlist") else args.get("department"),
            args.get("group"),
        )

    def query(self) -> str:
        pairs: list[tuple[str, str]] = [("kind", self.kind)]
        pairs += [(k, v) for k, v in (("period", self.period), ("start", self.start), ("end", self.end)) if v]
        pairs += [("region", r) for r in self.regions] + [("department", d) for d in self.departments]
        if self.action_group:
            pairs.append(("group", self.action_group))
        return urlencode(pairs)

    def bounds(self, today: date) -> tuple[date, date]:
        """The period's first and last day; the end never goes past ``today`` (nothing is counted after it)."""
        if self.kind in (MONTH, QUARTER, YEAR):
            default = {MONTH: f"{today:%Y-%m}", QUARTER: quarter_of(today), YEAR: str(today.year)}[self.kind]
            try:
                start, end = period_bounds(self.period or default)
            except ValueError:
                start, end = period_bounds(default)
        elif self.kind == CUSTOM:
            start, end = _day(self.start, rolling_start(today)), _day(self.end, today)
            start, end = min(start, end), max(start, end)
        else:
            start, end = rolling_start(today), today
        return start, min(end, today)

    def scope(self, now: datetime) -> Scope:
        """The filters as a scope as of the instant ``now``."""
        start, end = self.bounds(now.date())
        return Scope.at(
            now,
            start=start,
            end=end,
            region_codes=self.regions,
            department_names=self.departments,
            action_group=self.action_group,
        )

    def describe(self, today: date, region_names: dict[str, str]) -> str:
        """The filters in words, for the page and the brief: ``2026Q3（2026-07-01 至 2026-09-30）· 淮川区 · …``."""
        start, end = self.bounds(today)
        label = PERIOD_KINDS[self.kind] if self.kind in (ROLLING, CUSTOM) else (self.period or "本期")
        parts = [f"{label}（{start} 至 {end}）"]
        parts.append("、".join(region_names.get(c, c) for c in self.regions) if self.regions else "全部县区园区")
        parts.append("、".join(self.departments) if self.departments else "全部部门")
        parts.append(self.action_group or "全部专项行动组")
        return " · ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [str(v) for v in items if v]


def _day(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default

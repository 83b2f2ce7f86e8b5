"""The meeting brief's content: plain data the renderers (``exports.brief_pdf``, ``exports.brief_xlsx``) iterate —
a ``Brief`` of ``Subject`` chapters, each with its figures and its ``Section`` tables — and the ``BriefContext``
every subject's builder reads the metric layer through.

The brief is a summary whose size does not grow with the facts: every table is cut at ``max_rows`` rows and its
note then says how many more there are and, for a drill-down list, where their row export is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection

from config import Settings
from data import drilldown
from data.kpi import Kpi, read_kpi
from data.metrics.rate import Rate
from data.metrics.scope import Scope

Columns = tuple[tuple[str, str], ...]
Figures = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Section:
    """One table of the brief: ``columns`` are (key, header) pairs; ``rows`` dicts keyed by them."""

    title: str
    columns: Columns
    rows: tuple[dict[str, Any], ...]
    note: str = ""


@dataclass(frozen=True)
class Subject:
    """One subject of the battle map as a chapter of the brief: its ``figures`` (label, value) and its tables."""

    title: str
    figures: Figures
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Brief:
    title: str
    as_of: datetime | None
    generated_at: datetime
    filters_text: str
    subjects: tuple[Subject, ...]

    @property
    def headline(self) -> Figures:
        """Every subject's figures, in subject order (the brief's 主要指标)."""
        return tuple(figure for subject in self.subjects for figure in subject.figures)

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(section for subject in self.subjects for section in subject.sections)


def pct(share: float | None) -> str:
    return "—" if share is None or share != share else f"{share * 100:.1f}%"


def rate_text(rate: Rate, word: str | None = None) -> str:
    """``98.1%（573 / 584）``, and the band in words when there is one."""
    text = f"{pct(rate.value)}（{int(rate.numerator):,d} / {int(rate.denominator):,d}）"
    return f"{text} {word}" if word else text


def kpi_text(kpi: Kpi) -> str:
    return rate_text(kpi.rate, kpi.word)


def movement_text(movement: Any) -> str:
    """A rank movement (previous − current) in words: 上升 4 / 下降 2 / 持平; empty when unknown."""
    if movement is None or pd.isna(movement):
        return ""
    steps = int(movement)
    return "持平" if steps == 0 else f"{'上升' if steps > 0 else '下降'} {abs(steps)}"


def columns(*keys: str, labels: dict[str, str] | None = None) -> Columns:
    """(key, header) pairs: the header from ``labels``, else the drill-down's ``LABELS``."""
    return tuple((key, (labels or {}).get(key) or drilldown.LABELS.get(key, key)) for key in keys)


def records(frame: pd.DataFrame, keys: Columns) -> tuple[dict[str, Any], ...]:
    wanted = frame.reindex(columns=[k for k, _ in keys])
    return tuple(wanted.astype(object).where(wanted.notna(), None).to_dict("records"))


def by_department(counts: dict[str, int], most: int | None = None) -> str:
    """``市税务局 3 件；供电公司 1 件``, most first; with ``most``, only that many and ``等 N 个部门``."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    text = "；".join(f"{name} {n} 件" for name, n in ranked[:most]) or "无"
    return f"{text} 等 {len(ranked)} 个部门" if most is not None and len(ranked) > most else text


def more(total: int, shown: int, link: str = "") -> str:
    """``；本表列出前 N 条，另有 M 条，见行导出 …`` when a table was cut."""
    if total <= shown:
        return ""
    where = f"，见行导出 {link}" if link else ""
    return f"；本表列出前 {shown} 条，另有 {total - shown} 条{where}"


def no_link(_key: str) -> str:
    """The row export's address when there is none: no link."""
    return ""


@dataclass(frozen=True)
class BriefContext:
    """What a subject's builder reads: the connection, the scope and settings, and how tables are cut (at most
    ``max_rows`` rows, the rest of a drill-down list in the row export at ``rows_link(measure key)``)."""

    conn: Connection
    scope: Scope
    settings: Settings
    max_rows: int
    rows_link: Callable[[str], str] = no_link
    _counts: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def kpi(self, key: str) -> Kpi:
        return read_kpi(self.conn, self.scope, self.settings, key)

    def count(self, key: str) -> int:
        """How many rows drill-down measure ``key`` has (counted once per brief: a figure and its list share it)."""
        if key not in self._counts:
            self._counts[key] = drilldown.count(
                self.conn, self.scope, key, self.settings.rag, unvisited_days=self.settings.unvisited_days
            )
        return self._counts[key]

    def table(self, title: str, keys: Columns, frame: pd.DataFrame, note: str = "", measure: str = "") -> Section:
        """``frame`` as a table cut at ``max_rows`` rows; the note says how many more (and where, for ``measure``)."""
        cut = more(len(frame), min(len(frame), self.max_rows), self.rows_link(measure) if measure else "")
        text = f"{note}{cut}" if note else cut.removeprefix("；")
        return Section(title, keys, records(frame.head(self.max_rows), keys), text)

    def listing(self, key: str, title: str, keys: tuple[str, ...]) -> Section:
        """Drill-down list ``key``, grouped by department: counted in SQL, at most ``max_rows`` rows fetched."""
        total = self.count(key)
        days = self.settings.unvisited_days
        frame = drilldown.rows(self.conn, self.scope, key, self.settings.rag, limit=self.max_rows, unvisited_days=days)
        if "department" in frame.columns:
            frame = frame.sort_values(["department", keys[0]], kind="stable")
        shown = columns(*keys)
        grouped = by_department(drilldown.count_by_department(self.conn, self.scope, key))
        cut = more(total, len(frame), self.rows_link(key))
        return Section(title, shown, records(frame, shown), f"共 {total} 条。按部门：{grouped}{cut}")


SubjectBuilder = Callable[[BriefContext], tuple[Figures, tuple[Section, ...]]]
"""A subject's builder: its figures and its tables for the context."""

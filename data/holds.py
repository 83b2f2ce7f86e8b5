"""Counters that never lie (issue 18): the public screens' headline figures are checked against the value last
confirmed before they are shown. A change beyond the plausibility band — a count falling by more than
``count_drop_percent`` %, a rate moving by more than ``rate_jump_points`` percentage points, between two builds — is
held: the screens keep the confirmed figure with its as-of time until an operator confirms or rejects the change on
/ops. ``review`` is the rule (pure); the rest reads and writes the ``figure_hold`` rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import Connection, select, update

from data.labels import source_kind_name
from data.schema import EtlRun, FigureHold
from data.version import LOADED

COUNT, RATE = "count", "rate"
MAX_RUNS_LISTED = 10


@dataclass(frozen=True)
class Figure:
    """A guarded headline figure: its field on the 总览 view, its name, ``COUNT`` or ``RATE`` (a share 0–1)."""

    key: str
    name: str
    kind: str


FIGURES = (
    Figure("appeals", "近12个月企业诉求", COUNT),
    Figure("on_time", "按时办结率", RATE),
    Figure("satisfaction", "满意率", RATE),
    Figure("resolution", "企业诉求解决率", RATE),
    Figure("resolution_solved", "回访已解决诉求", COUNT),
    Figure("resolution_revisited", "已回访诉求", COUNT),
    Figure("clearance_share", "清障销号率", RATE),
    Figure("clearance_closed", "清障已销号", COUNT),
    Figure("clearance_total", "清障问题总数", COUNT),
    Figure("observer_leads", "观察员线索", COUNT),
    Figure("observer_solved", "观察员线索已解决", COUNT),
)
FIGURE_BY_KEY = {f.key: f for f in FIGURES}


@dataclass(frozen=True)
class Band:
    """The plausibility band ([plausibility]): how far a figure may move between two builds without an operator."""

    count_drop_percent: float = 10.0
    rate_jump_points: float = 5.0


def plausible(kind: str, old: float | None, new: float | None, band: Band) -> bool:
    """A count may rise freely and fall by at most ``count_drop_percent`` % of the confirmed value; a rate may move
    by at most ``rate_jump_points`` points either way. Nothing to compare (a side is None) is plausible."""
    if old is None or new is None:
        return True
    if kind == COUNT:
        return not (old > 0 and new < old * (1 - band.count_drop_percent / 100))
    return abs(new - old) * 100 <= band.rate_jump_points + 1e-9


@dataclass(frozen=True)
class HoldState:
    """One ``figure_hold`` row."""

    figure: str
    confirmed_value: float | None
    confirmed_token: str
    confirmed_as_of: datetime | None
    confirmed_at: datetime
    held_value: float | None = None
    held_token: str | None = None
    held_since: datetime | None = None
    held_runs: str | None = None
    rejected_value: float | None = None

    @property
    def is_held(self) -> bool:
        return self.held_token is not None

    @property
    def is_rejected(self) -> bool:
        """The held change was rejected by an operator: the screens keep the confirmed value, nobody is asked again
        until the figure changes once more."""
        return self.is_held and self.rejected_value == self.held_value


@dataclass(frozen=True)
class Shown:
    """What the screens show of a figure: ``value``, and ``held_as_of`` (the confirmed value's as-of time) when the
    computed value is held back (None: the computed value is shown)."""

    value: float | None
    held: bool = False
    held_as_of: datetime | None = None


def review(
    states: Mapping[str, HoldState],
    figures: Mapping[str, float | None],
    build: tuple[str, datetime | None, datetime],
    band: Band,
    runs_since: Callable[[datetime | None], str],
) -> tuple[dict[str, Shown], list[HoldState]]:
    """What to show of each computed figure of ``build`` (token, data as-of time, now), and the rows that change.

    A figure seen for the first time, unchanged, or moved within the band is shown and becomes the confirmed value;
    one moved beyond it is held (the confirmed value shown), and stays held — rejected or not — while the figure
    keeps that value."""
    token, as_of, now = build
    shown: dict[str, Shown] = {}
    changed: list[HoldState] = []
    for key, value in figures.items():
        figure = FIGURE_BY_KEY[key]
        state = states.get(key)
        if (
            state is None
            or value == state.confirmed_value
            or plausible(figure.kind, state.confirmed_value, value, band)
        ):
            shown[key] = Shown(value)
            changed.append(HoldState(key, value, token, as_of, now))
            continue
        shown[key] = Shown(state.confirmed_value, True, state.confirmed_as_of)
        if state.is_held and state.held_value == value:
            continue  # the same change, still waiting (or rejected: it stays hidden without asking again)
        since = state.held_since if state.is_held else now
        runs = runs_since(state.confirmed_at)
        changed.append(replace(state, held_value=value, held_token=token, held_since=since, held_runs=runs))
    return shown, changed


def hold_states(conn: Connection) -> dict[str, HoldState]:
    t = FigureHold.__table__
    names = [f.name for f in fields(HoldState)]
    return {row[0]: HoldState(*row) for row in conn.execute(select(*(t.c[n] for n in names)))}


def save_states(conn: Connection, states: Iterable[HoldState]) -> None:
    t = FigureHold.__table__
    known = set(conn.execute(select(t.c.figure)).scalars())
    for state in states:
        values = {f.name: getattr(state, f.name) for f in fields(HoldState)}
        if state.figure in known:
            conn.execute(update(t).where(t.c.figure == state.figure).values(**values))
        else:
            conn.execute(t.insert().values(**values))


def runs_since(conn: Connection, moment: datetime | None) -> str:
    """The successful loads finished at or after ``moment`` (the source runs behind a held change), newest first."""
    t = EtlRun.__table__
    query = select(t.c.id, t.c.kind, t.c.source).where(t.c.status == LOADED)
    if moment is not None:
        query = query.where(t.c.finished_at >= moment)  # times are to the second: a load in the same second counts
    rows = conn.execute(query.order_by(t.c.id.desc()).limit(MAX_RUNS_LISTED)).all()
    return (
        "；".join(f"#{run_id} {source_kind_name(kind)} {source}" for run_id, kind, source in rows) or "（无新的导入）"
    )


def held_changes(conn: Connection) -> list[HoldState]:
    """The changes held for an operator, in the order of ``FIGURES``."""
    states = hold_states(conn)
    return [states[f.key] for f in FIGURES if f.key in states and states[f.key].is_held]

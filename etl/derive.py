"""Values a source may leave out that the store can work out: appeal deadlines in working days, defaults (a 清风行动
row without its campaign belongs to 清风行动)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from config import Settings
from data.schema import Region, Workday
from etl.workdays import add_workdays

FALSE_WHEN_BLANK = ("is_repeat", "is_escalated", "is_blocked", "is_real_name", "ruled_mistaken")
ZERO_WHEN_BLANK = (
    *("problems_collected", "problems_solved", "policies_delivered"),
    *("problems_found", "problems_rectified", "exposed", "investigated", "prosecuted"),
)
CLEAN_WIND_CAMPAIGN = "清风行动"


def appeal_deadlines(conn: Connection, received: pd.Series, urgency: pd.Series | None, settings: Settings) -> list:
    """The end of the N-th working day after each ``received`` time, N by its 紧急程度 (config
    ``appeals.due_workdays``; 一般 when blank), counted on the stored calendar."""
    received = pd.to_datetime(received)
    calendar = dict(
        conn.execute(
            select(Workday.day, Workday.is_workday).where(
                Workday.day >= received.min().date(), Workday.day <= (received.max() + pd.Timedelta(days=60)).date()
            )
        ).all()
    )
    urgency = pd.Series(None, index=received.index) if urgency is None else urgency
    default = settings.due_workdays.get("一般", 5)
    days = urgency.map(settings.due_workdays).fillna(default).astype(int)
    pairs = pd.DataFrame({"day": received.dt.normalize(), "n": days})
    deadlines = {
        (day, n): add_workdays(day.to_pydatetime(), n, calendar) for day, n in pairs.drop_duplicates().itertuples(False)
    }
    return [deadlines[key] for key in pairs.itertuples(index=False, name=None)]


def _appeal_due(conn: Connection, frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """An appeal without 办理时限 is due at the end of the N-th working day after it was received
    (:func:`appeal_deadlines`); ``due_derived`` marks it, so that a new calendar counts it again."""
    if "due_at" not in frame.columns:
        frame["due_at"] = pd.NaT
    missing = frame["due_at"].isna() & frame["received_at"].notna()
    frame["due_derived"] = missing
    if not missing.any():
        return frame
    urgency = frame.loc[missing, "urgency"] if "urgency" in frame.columns else None
    frame.loc[missing, "due_at"] = appeal_deadlines(conn, frame.loc[missing, "received_at"], urgency, settings)
    return frame


def derive(conn: Connection, kind_name: str, frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Fill what the store can work out for rows of ``kind_name`` (after references are resolved)."""
    frame = frame.copy()
    for column in FALSE_WHEN_BLANK:
        if column in frame.columns:
            frame[column] = frame[column].astype("boolean").fillna(False).astype(bool)
    for column in ZERO_WHEN_BLANK:
        if column in frame.columns:
            frame[column] = frame[column].fillna(0)
    if kind_name == "appeals":
        frame = _appeal_due(conn, frame, settings)
    elif kind_name == "econ_metrics":
        city = conn.execute(select(Region.id).where(Region.type == "city")).scalar_one()
        frame["region_id"] = frame["region_id"].fillna(city) if "region_id" in frame.columns else city
    elif kind_name == "squads":
        frame["name"] = frame["name"].str.replace(r"\s+", "", regex=True)  # as references to it are squeezed
    elif kind_name == "clean_wind":
        campaign = frame["campaign"] if "campaign" in frame.columns else pd.Series(None, index=frame.index)
        frame["campaign"] = campaign.astype(object).where(campaign.notna(), CLEAN_WIND_CAMPAIGN)
    elif kind_name == "indicator_eval":
        n = settings.province_city_count
        frame["n_cities"] = frame["n_cities"].fillna(n) if "n_cities" in frame.columns else n
    return frame

"""Turn names in a source (县区, 部门, 企业, 项目编号 …) into the ids of the dimension rows they mean.

Geography is fixed by the configuration, so an unknown district or park rejects the row. Departments and
enterprises change, so an unknown one is added and reported. Projects, cadres, indicators, action groups
and 为企服务专班 must already exist.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, insert, select

from data.schema import ActionGroup, Cadre, Department, Enterprise, Indicator, Project, Region, Squad
from etl.hanzi import to_simplified
from etl.kinds import Field, SourceKind
from etl.validate import ROW, Reject

OVERALL_INDICATOR = {"总体", "综合", "总分", "整体"}

_LOOKUPS = {
    "region": (Region, "name"),
    "park": (Region, "name"),
    "department": (Department, "name"),
    "enterprise": (Enterprise, "name"),
    "project": (Project, "project_no"),
    "cadre": (Cadre, "cadre_no"),
    "indicator": (Indicator, "name"),
    "action_group": (ActionGroup, "name"),
    "squad": (Squad, "name"),
}
_ADDED_WHEN_UNKNOWN = {"department", "enterprise"}


def _lookup(conn: Connection, ref: str) -> dict[str, int]:
    model, column = _LOOKUPS[ref]
    table = model.__table__
    query = select(table.c[column], table.c.id)
    if ref == "park":
        query = query.where(table.c.type == "park")
    mapping = dict(conn.execute(query).all())
    if model is Region:
        codes = select(table.c.code, table.c.id)
        mapping.update(dict(conn.execute(codes.where(table.c.type == "park") if ref == "park" else codes).all()))
    return mapping


def _add_enterprises(conn: Connection, frame: pd.DataFrame, names: list[str]) -> None:
    """New enterprises take the credit code and district of the first row that names them."""
    first = frame.drop_duplicates("enterprise").set_index("enterprise").reindex(names)
    regions = _lookup(conn, "region")
    codes = first["credit_code"] if "credit_code" in first.columns else pd.Series(None, index=first.index)
    places = first["region"] if "region" in first.columns else pd.Series(None, index=first.index)
    rows = [
        {
            "name": name,
            "credit_code": code if isinstance(code, str) and code else None,
            "region_id": regions.get(region) if isinstance(region, str) else None,
        }
        for name, code, region in zip(names, codes.tolist(), places.tolist(), strict=True)
    ]
    conn.execute(insert(Enterprise.__table__), rows)


def _names(conn: Connection, f: Field, frame: pd.DataFrame) -> tuple[pd.Series, dict[str, int]]:
    """The names of ``f``'s column as the known names they stand for (``None`` when blank), and the known names."""
    names = frame[f.name].astype("object").where(frame[f.name].notna(), None)
    if f.ref == "indicator":
        names = names.where(~names.isin(OVERALL_INDICATOR), None)
    mapping = _lookup(conn, f.ref)
    return _as_known(names, mapping), mapping


def reference_rejects(conn: Connection, kind: SourceKind, frame: pd.DataFrame) -> list[Reject]:
    """One reject per cell naming a district, park, project, cadre … that does not exist, on every row (whatever
    else is wrong with it); departments and enterprises are added when unknown, so they reject nothing."""
    rejects: list[Reject] = []
    for f in kind.fields:
        if f.ref and f.ref not in _ADDED_WHEN_UNKNOWN and f.name in frame.columns:
            names, mapping = _names(conn, f, frame)
            rejects.extend(_unknown_rejects(frame, names.notna() & ~names.isin(list(mapping)), f))
    return rejects


def resolve_references(conn: Connection, kind: SourceKind, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Replace each reference field by its ``*_id`` column, adding unknown departments and enterprises; the rows
    are good ones (:func:`reference_rejects` found nothing unknown in them). Returns the frame and notes."""
    notes: list[str] = []
    out = frame.copy()
    for f in (f for f in kind.fields if f.ref and f.name in frame.columns):
        names, mapping = _names(conn, f, frame)
        unknown = sorted({n for n in names.dropna().unique() if n not in mapping})
        if unknown and f.ref in _ADDED_WHEN_UNKNOWN:
            if f.ref == "enterprise":
                _add_enterprises(conn, frame, unknown)
            else:
                conn.execute(insert(Department.__table__), [{"name": n, "type": "新增"} for n in unknown])
                notes.append(
                    f"新增部门 {len(unknown)} 个：{'、'.join(unknown[:20])}{' 等' if len(unknown) > 20 else ''}"
                )
            mapping = _lookup(conn, f.ref)
        out[f.db_column] = names.map(mapping).astype("Int64")
        if f.db_column != f.name:
            out = out.drop(columns=f.name)
    return out, notes


def _as_known(names: pd.Series, mapping: dict[str, int]) -> pd.Series:
    """Names written in traditional characters (淮川區、市稅務局) as the known name they stand for."""
    missing = [n for n in names.dropna().unique() if n not in mapping]
    if not missing:
        return names
    simplified = {to_simplified(k): k for k in mapping}
    known = {n: simplified[to_simplified(n)] for n in missing if to_simplified(n) in simplified}
    return names.map(lambda n: known.get(n, n), na_action="ignore") if known else names


def _unknown_rejects(frame: pd.DataFrame, mask: pd.Series, f: Field) -> list[Reject]:
    what = {
        "region": "配置中没有这个县区，请核对名称或在配置文件 [city.regions] 中添加",
        "park": "配置中没有这个园区，请核对名称或在配置文件 [city.regions] 中添加",
        "project": "项目编号不存在，请先导入项目清单",
        "cadre": "干部编号不存在，请先导入驻企干部名册",
        "indicator": "不是已配置的评价指标领域",
        "action_group": "不是已配置的专项行动组",
        "squad": "不是已登记的为企服务专班，请先导入为企服务专班名册（或核对专班名称）",
    }[f.ref]
    return [
        Reject(int(frame.at[i, ROW]), f.label, str(frame.at[i, f.name]), f"「{frame.at[i, f.name]}」{what}")
        for i in frame.index[mask]
    ]

"""The demo city's enterprise service grid: the enterprise register, stationed cadres, who serves whom, and
the year's visits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.demo.city import DemoCity, as_dates, pick
from etl.demo.names import INDUSTRIES, LEGAL_FORMS, credit_codes, enterprise_names, person_names

ENTERPRISE_COUNT = 8_000
CADRE_COUNT = 2_600
REGION_WEIGHTS = {"district": 12.0, "county": 8.0, "park": 4.5}
DIVISION_PREFIX = "3421"
SCALES = {"大型": 2, "中型": 10, "小型": 38, "微型": 50}
TAGS = {"规上工业企业": 0.15, "高新技术企业": 0.08, "专精特新企业": 0.04, "外资企业": 0.03, "重点税源企业": 0.05}
VISIT_MODES = {"实地走访": 70, "电话联系": 14, "座谈会": 10, "视频连线": 6}
UNVISITED_SHARE = 0.17
EXTRA_VISITS_MEAN = 1.3


def enterprises(city: DemoCity) -> pd.DataFrame:
    """The register: names unique, codes valid, spread over the county-level units (grid cell = county) and parks."""
    rng = city.rng("enterprises")
    types = {r.name: r.type for r in city.settings.regions}
    cells = np.array([*city.counties, *city.parks])
    weights = np.array([REGION_WEIGHTS.get(types[c], 8.0) for c in cells]) * rng.uniform(0.7, 1.3, len(cells))
    n = int(ENTERPRISE_COUNT * 1.5)
    cell = rng.choice(cells, size=n, p=weights / weights.sum())
    county = np.array([city.park_county.get(c, c) for c in cell])
    place = np.where(rng.random(n) < 0.75, city.settings.city_name, county)
    place = np.where(rng.random(n) < 0.2, city.settings.city_name.removesuffix("市"), place)
    names = enterprise_names(rng, place, pick(rng, INDUSTRIES, n), pick(rng, LEGAL_FORMS, n))
    frame = pd.DataFrame({"name": names, "cell": cell, "region": county})
    frame = frame.drop_duplicates("name").head(ENTERPRISE_COUNT).reset_index(drop=True)
    n = len(frame)
    division = {c: f"{DIVISION_PREFIX}{i:02d}" for i, c in enumerate(city.counties, 1)}
    frame["credit_code"] = credit_codes(rng, frame["region"].map(division).to_numpy())
    frame["park"] = frame["cell"].where(frame["cell"].isin(city.parks), None)
    frame["scale"] = pick(rng, SCALES, n)
    has_tag = {tag: rng.random(n) < share for tag, share in TAGS.items()}
    frame["tags"] = [",".join(t for t in TAGS if has_tag[t][i]) or None for i in range(n)]
    return frame[["name", "credit_code", "region", "park", "scale", "tags", "cell"]]


def cadres(city: DemoCity, register: pd.DataFrame) -> pd.DataFrame:
    """Cadres per grid cell in proportion to its enterprises; sent by the local government or a city bureau."""
    rng = city.rng("cadres")
    per_cell = register["cell"].value_counts().sort_index()
    quota = per_cell / per_cell.sum() * CADRE_COUNT
    counts = np.floor(quota).astype(int)
    short = CADRE_COUNT - counts.sum()
    counts[(quota - counts).sort_values(ascending=False).index[:short]] += 1
    cell = np.repeat(counts.index.to_numpy(), counts.to_numpy())
    n = len(cell)
    bureaus = np.array([d.name for d in city.settings.departments if d.type == "市直部门"])
    local = np.array([city.local_office(c) for c in cell])
    department = np.where(rng.random(n) < 0.6, local, rng.choice(bureaus, size=n))
    return pd.DataFrame(
        {
            "cadre_no": [f"C{i:04d}" for i in range(1, n + 1)],
            "name": person_names(rng, n),
            "department": department,
            "region": cell,
        }
    )


def assignments(city: DemoCity, register: pd.DataFrame, cadre_frame: pd.DataFrame) -> pd.DataFrame:
    """Each cadre serves 3–5 enterprises of their own cell; every enterprise of a cell gets at least one cadre."""
    rng = city.rng("assignments")
    parts = []
    for cell, crew in cadre_frame.groupby("region", sort=True):
        firms = register.loc[register["cell"] == cell, "name"].to_numpy()
        per_cadre = rng.integers(3, 6, size=len(crew))
        slots = rng.permutation(len(firms))[np.arange(per_cadre.sum()) % len(firms)]
        parts.append(
            pd.DataFrame({"cadre": np.repeat(crew["cadre_no"].to_numpy(), per_cadre), "enterprise": firms[slots]})
        )
    frame = pd.concat(parts, ignore_index=True).drop_duplicates(["cadre", "enterprise"], ignore_index=True)
    offsets = rng.integers(30, 400, size=len(frame)).astype("timedelta64[D]")
    frame["since"] = as_dates(np.datetime64(city.start, "D") - offsets)
    return frame


def visits(city: DemoCity, links: pd.DataFrame, cadre_frame: pd.DataFrame) -> pd.DataFrame:
    """The year's visits: most assignments visited one or more times, problems collected and mostly solved."""
    rng = city.rng("visits")
    n_links = len(links)
    per_link = np.where(rng.random(n_links) < UNVISITED_SHARE, 0, 1 + rng.poisson(EXTRA_VISITS_MEAN, n_links))
    rows = np.repeat(np.arange(n_links), per_link)
    n = len(rows)
    cell = links["cadre"].map(cadre_frame.set_index("cadre_no")["region"]).to_numpy()
    days = city.random_days(rng, n, city.start, city.days_before_anchor(1))
    collected = rng.poisson(0.45, n)
    order = np.argsort(days, kind="stable")
    frame = pd.DataFrame(
        {
            "cadre": links["cadre"].to_numpy()[rows],
            "enterprise": links["enterprise"].to_numpy()[rows],
            "region": cell[rows],
            "visited_on": as_dates(days),
            "mode": pick(rng, VISIT_MODES, n),
            "problems_collected": collected,
            "problems_solved": rng.binomial(collected, 0.86),
            "policies_delivered": rng.poisson(1.2, n),
        }
    ).iloc[order]
    frame.insert(0, "visit_no", [f"ZF{i:06d}" for i in range(1, n + 1)])
    return frame.reset_index(drop=True)

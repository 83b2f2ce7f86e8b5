"""The demo city's evaluations and results: 好差评 service reviews, the 50 一件事一次办 services, the province's
quarterly ranking (16 → 12 → 9 → 6) and the economic indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.demo.city import DemoCity, as_dates, pick

REVIEW_COUNT = (78_000, 84_000)
# (service, department, relative volume)
REVIEWED_SERVICES = (
    ("企业设立登记", "市市场监管局", 10),
    ("营业执照变更登记", "市市场监管局", 6),
    ("食品经营许可", "市市场监管局", 4),
    ("增值税发票申领", "市税务局", 10),
    ("纳税申报辅导", "市税务局", 7),
    ("社保参保登记", "市人力资源社会保障局", 7),
    ("失业保险稳岗返还", "市人力资源社会保障局", 2),
    ("医保参保登记", "市医疗保障局", 4),
    ("不动产登记", "市自然资源和规划局", 8),
    ("建设工程规划许可", "市自然资源和规划局", 1),
    ("建筑工程施工许可", "市住房城乡建设局", 2),
    ("出入境证件办理", "市公安局", 5),
    ("户籍业务办理", "市公安局", 5),
    ("道路运输经营许可", "市交通运输局", 2),
    ("排污许可", "市生态环境局", 1),
    ("取水许可", "市水利局", 1),
    ("医疗机构执业登记", "市卫生健康委", 1),
    ("低压用电报装", "供电公司", 4),
    ("用水报装", "供水公司", 2),
    ("燃气开户", "燃气公司", 2),
    ("综合窗口受理", "市政务服务管理局", 6),
    ("报关单位备案", "淮川海关", 1),
    ("社会组织登记", "市民政局", 1),
    ("安全生产许可", "市应急管理局", 1),
    ("公证服务", "市司法局", 1),
)
REVIEW_CHANNELS = {"窗口评价器": 40, "掌上办APP": 25, "政务服务网": 22, "自助终端": 8, "12345热线": 5}
# P(level = 1..5): 好评率 ≈ 99.2 %, 差评 (1–2) ≈ 0.35 % — a few hundred a year.
REVIEW_LEVELS = (0.0013, 0.0022, 0.0045, 0.067, 0.925)
RECTIFY_WORKDAYS = 5

# (name, life-cycle stage)
SERVICES = tuple(
    (name, stage)
    for stage, names in {
        "企业开办": "企业开办 个体工商户开业 分支机构设立 外资企业设立 开办餐饮店 开办便利店 开办药店 开办美容美发店 "
        "开办健身房 开办民宿",
        "准营": "开办幼儿园 开办培训机构 开办旅行社 开办诊所 开办宾馆 开办书店 开办汽车维修店 开办母婴店 开办烘焙店",
        "投资建设": "工业项目开工 小型工程项目审批 水电气网联合报装 施工许可 联合验收 不动产首次登记 招投标 项目备案 "
        "临时用地审批 环评审批",
        "运营": "员工招聘 职工退休 企业信息变更 惠企政策兑现 纳税缴费 融资贷款 出口退税 进出口通关 上市合规证明 "
        "知识产权质押 高新技术企业认定 人才引进 企业迁移 公积金缴存 信用修复 行政处罚信息修复 失信企业重整",
        "退出": "企业注销 个体工商户注销 破产信息核查 简易注销",
    }.items()
    for name in (f"{n}一件事" for n in names.split())
)
STAGE_LEADS = {
    "企业开办": "市市场监管局",
    "准营": "市政务服务管理局",
    "投资建设": "市住房城乡建设局",
    "运营": "市数据资源局",
    "退出": "市市场监管局",
}
SERVICE_STATUS = {"已上线": 44, "建设中": 4, "计划": 2}
# The 26 services the province sets for every city (省定); the others are the city's own additions (本地新增).
PROVINCIAL_SERVICES = frozenset(
    f"{n}一件事"
    for n in (
        *("企业开办", "个体工商户开业", "开办餐饮店", "开办便利店", "开办药店", "开办幼儿园", "开办旅行社"),
        *("开办诊所", "开办宾馆", "工业项目开工", "水电气网联合报装", "施工许可", "联合验收", "不动产首次登记"),
        *("员工招聘", "职工退休", "企业信息变更", "惠企政策兑现", "纳税缴费", "融资贷款", "出口退税"),
        *("进出口通关", "信用修复", "企业迁移", "企业注销", "破产信息核查"),
    )
)

OVERALL_RANKS = (16, 12, 9, 6)
OVERALL_SCORES = (76.8, 80.3, 83.9, 86.7)
KEY_RANKS = (16, 11, 8, 5)  # the report's second ranking: 重点指标领域, 16 → 5
KEY_SCORES = (74.2, 79.5, 84.1, 88.3)

# (metric, unit, full-year value last year, year-on-year %, full-year target); amounts are year-to-date sums,
# a unit of % means a year-to-date growth rate.
ECON_METRICS = (
    ("地区生产总值", "亿元", 2_760.0, 5.8, 2_930.0),
    ("规上工业增加值增速", "%", 7.4, None, 8.0),
    ("固定资产投资增速", "%", 5.1, None, 6.0),
    ("社会消费品零售总额", "亿元", 1_180.0, 5.3, 1_250.0),
    ("一般公共预算收入", "亿元", 205.0, 4.2, 215.0),
    ("进出口总额", "亿元", 362.0, 8.6, 390.0),
    ("新登记市场主体", "户", 58_000.0, 9.5, 62_000.0),
    ("实际使用外资", "亿美元", 6.8, -3.5, 7.2),
)
DISTRICT_METRICS = ("地区生产总值", "固定资产投资增速", "新登记市场主体")


def reviews(city: DemoCity) -> pd.DataFrame:
    """About 80,000 reviews; each 差评 is due for rectification within 5 working days — most on time, some late,
    a few still open, a few ruled mistaken; real-name 差评 are revisited after rectification."""
    rng = city.rng("reviews")
    n = int(rng.integers(*REVIEW_COUNT))
    services = np.array([s[0] for s in REVIEWED_SERVICES])
    departments = dict((s[0], s[1]) for s in REVIEWED_SERVICES)
    volume = np.array([s[2] for s in REVIEWED_SERVICES], dtype=float)
    service = rng.choice(services, size=n, p=volume / volume.sum())
    reviewed = np.sort(city.office_moments(rng, n, city.start, city.days_before_anchor(1)))
    level = rng.choice(np.arange(1, 6), size=n, p=REVIEW_LEVELS)
    bad = level <= 2
    mistaken = bad & (rng.random(n) < 0.04)
    day = reviewed.astype("datetime64[D]")
    due = city.add_workdays(day, np.full(n, RECTIFY_WORKDAYS))
    outcome = rng.random(n)
    allowed = (due - day).astype(int)
    on_time = day + np.ceil(rng.uniform(0, 1, n) * allowed).clip(1).astype("timedelta64[D]")
    late = due + rng.integers(1, 13, n).astype("timedelta64[D]")
    rectified = np.where(outcome < 0.88, on_time, np.where(outcome < 0.96, late, np.datetime64("NaT")))
    last_day = np.datetime64(city.days_before_anchor(1), "D")
    rectified = np.where(bad & ~mistaken & (rectified <= last_day), rectified, np.datetime64("NaT"))
    real_name = rng.random(n) < np.where(bad, 0.7, 0.35)
    revisited = rectified + rng.integers(0, 4, n).astype("timedelta64[D]")
    revisited = np.where(real_name & (revisited <= last_day), revisited, np.datetime64("NaT"))
    cells = np.array([*city.counties, *city.parks])
    return pd.DataFrame(
        {
            "review_no": [f"PJ{i:07d}" for i in range(1, n + 1)],
            "service_name": service,
            "department": pd.Series(service).map(departments).to_numpy(),
            "region": np.where(rng.random(n) < 0.7, rng.choice(cells, size=n), None),
            "channel": pick(rng, REVIEW_CHANNELS, n),
            "reviewed_at": pd.to_datetime(reviewed),
            "level": level,
            "is_real_name": real_name,
            "ruled_mistaken": mistaken,
            "rectify_due": as_dates(np.where(bad, due, np.datetime64("NaT"))),
            "rectified_on": as_dates(rectified),
            "revisited_on": as_dates(revisited),
        }
    )


def service_items(city: DemoCity) -> pd.DataFrame:
    """The 50 一件事一次办 services (26 省定, 24 本地新增): most launched during the year, with what they save in
    materials, days and trips."""
    rng = city.rng("service_items")
    n = len(SERVICES)
    status = rng.permutation(np.repeat(list(SERVICE_STATUS), list(SERVICE_STATUS.values())))
    live = status == "已上线"
    launched = city.random_days(rng, n, city.lasting_start, city.days_before_anchor(7))
    materials = rng.integers(8, 31, n)
    days = rng.integers(10, 46, n).astype(float)
    return pd.DataFrame(
        {
            "item_no": [f"YJS{i:03d}" for i in range(1, n + 1)],
            "name": [s[0] for s in SERVICES],
            "lifecycle_stage": [s[1] for s in SERVICES],
            "origin": ["省定" if s[0] in PROVINCIAL_SERVICES else "本地新增" for s in SERVICES],
            "department": [STAGE_LEADS[s[1]] for s in SERVICES],
            "launched_on": as_dates(np.where(live, launched, np.datetime64("NaT"))),
            "status": status,
            "materials_before": materials,
            "materials_after": np.ceil(materials * rng.uniform(0.3, 0.6, n)).astype(int),
            "days_before": days,
            "days_after": np.round(days * rng.uniform(0.1, 0.35, n), 1),
            "trips_before": rng.integers(3, 9, n),
            "trips_after": rng.integers(0, 2, n),
            "monthly_volume": pd.Series(np.round(rng.lognormal(5, 0.9, n))).where(live).astype("Int64"),
        }
    )


def last_quarters(city: DemoCity, count: int = 4) -> list[str]:
    """The ``count`` complete quarters before the anchor's quarter, oldest first (anchor 2026-11-27 → 2025Q4…2026Q3)."""
    current = pd.Period(city.anchor, "Q")
    return [f"{q.year}Q{q.quarter}" for q in (current - k for k in range(count, 0, -1))]


def indicator_eval(city: DemoCity) -> pd.DataFrame:
    """Overall rank 16 → 12 → 9 → 6 of the province's cities, the key-area rank (重点指标领域) 16 → 11 → 8 → 5, and
    each area's score and rank every quarter."""
    rng = city.rng("indicator_eval")
    periods = last_quarters(city, len(OVERALL_RANKS))
    n_cities = city.settings.province_city_count
    rows = [
        {"period": p, "indicator": None, "score": s, "rank": r}
        for p, s, r in zip(periods, OVERALL_SCORES, OVERALL_RANKS, strict=True)
    ]
    rows += [
        {"period": p, "indicator": city.settings.key_ranking, "score": s, "rank": r}
        for p, s, r in zip(periods, KEY_SCORES, KEY_RANKS, strict=True)
    ]
    for area in city.settings.indicators:
        rank = int(rng.integers(6, n_cities + 1))
        for period in periods:
            score = float(np.clip(96 - 1.9 * (rank - 1) + rng.normal(0, 1.2), 55, 99))
            rows.append({"period": period, "indicator": area, "score": round(score, 2), "rank": rank})
            rank = int(np.clip(rank - rng.integers(-1, 4), 1, n_cities))
    frame = pd.DataFrame(rows)
    frame["n_cities"] = n_cities
    return frame


def econ_metrics(city: DemoCity) -> pd.DataFrame:
    """Monthly year-to-date values of the city's indicators for the 12 complete months before the anchor, with
    target and year-on-year growth; a few also by county-level unit."""
    rng = city.rng("econ_metrics")
    months = pd.period_range(end=pd.Period(city.anchor, "M") - 1, periods=12, freq="M")
    shares = rng.dirichlet(np.full(len(city.counties), 4.0))
    rows = []
    for metric, unit, last_year, yoy, target in ECON_METRICS:
        for month in months:
            done = month.month / 12
            if unit == "%":
                value, growth, goal = last_year + rng.normal(0, 0.6), None, target
            else:
                growth = yoy + rng.normal(0, 0.8)
                value, goal = last_year * done * (1 + growth / 100), target * done
            rows.append(
                {
                    "metric": metric,
                    "period": str(month),
                    "region": None,
                    "value": value,
                    "unit": unit,
                    "target": goal,
                    "yoy": growth,
                }
            )
            if metric in DISTRICT_METRICS:
                for county, share in zip(city.counties, shares, strict=True):
                    local = value + rng.normal(0, 1.5) if unit == "%" else value * share
                    rows.append(
                        {
                            "metric": metric,
                            "period": str(month),
                            "region": county,
                            "value": local,
                            "unit": unit,
                            "target": goal if unit == "%" else goal * share,
                            "yoy": growth,
                        }
                    )
    frame = pd.DataFrame(rows)
    for column in ("value", "target", "yoy"):
        frame[column] = frame[column].astype(float).round(2)
    return frame

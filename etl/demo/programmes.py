"""The demo city's programmes of the study report: five 为企服务专班 with the appeals and 清障 issues routed to them,
each department's 对标提升清单 (a benchmark inside and outside the province, 2–3 微改革 measures: most landed on
time, some late, two departments stalled) and a year of 清风行动 counts."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from etl.demo.city import DemoCity, as_dates
from etl.demo.names import mobile_phones, person_names

# (squad, domain, lead department, member units, appeal category routed to it, departments whose 清障 issues go to it)
SQUADS = (
    (
        "土地要素保障专班",
        "土地",
        "市自然资源和规划局",
        "市发展改革委、市住房城乡建设局、各县区政府",
        "要素保障",
        ("市自然资源和规划局", "市发展改革委"),
    ),
    (
        "金融服务专班",
        "金融",
        "市地方金融管理局",
        "人民银行淮川分行、市财政局、市经济和信息化局",
        "融资信贷",
        ("市地方金融管理局", "人民银行淮川分行"),
    ),
    ("法律服务专班", "法律", "市司法局", "市公安局、市市场监管局、市律师协会", "法治环境", ("市司法局", "市公安局")),
    ("用工保障专班", "用工", "市人力资源社会保障局", "市医疗保障局、市教育局", "用工招聘", ("市人力资源社会保障局",)),
    (
        "水电气保障专班",
        "水电气",
        "市发展改革委",
        "供电公司、供水公司、燃气公司",
        "水电气暖",
        ("供电公司", "供水公司", "燃气公司"),
    ),
)
APPEAL_SHARE = 0.35
ISSUE_SHARE = 0.8

# (department, indicator benchmarked, 省内 city, 省外 city, its 微改革 measures)
BENCHMARKS = (
    (
        "市市场监管局",
        "开办企业",
        "青阳市",
        "杭州市",
        ("企业开办全程网办“半日结”", "经营主体住所登记承诺制", "个体工商户“智能秒批”"),
    ),
    (
        "市自然资源和规划局",
        "登记财产",
        "滨江市",
        "深圳市",
        ("不动产登记“交房即交证”", "抵押登记“不见面”办理", "工业用地“标准地”出让"),
    ),
    ("市住房城乡建设局", "办理建筑许可", "青阳市", "苏州市", ("小型项目“清单制+告知承诺”", "施工图审查“多审合一”")),
    ("市税务局", "纳税", "滨江市", "上海市", ("出口退税“即报即审”", "税费申报“一表集成”")),
    ("市人力资源社会保障局", "劳动力市场监管", "青阳市", "成都市", ("灵活就业“家门口”服务站", "欠薪线索“一码通”")),
    ("市地方金融管理局", "获得信贷", "滨江市", "台州市", ("首贷续贷“信易贷”服务中心", "政府性融资担保“见贷即保”")),
    ("供电公司", "获得电力", "青阳市", "宁波市", ("低压小微企业“三零”接电", "高压用户“省力省时省钱”办电")),
    ("供水公司", "获得用水用气", "滨江市", "厦门市", ("用水报装“零材料”", "水气联合报装“一窗通办”")),
    (
        "市政务服务管理局",
        "政务服务",
        "青阳市",
        "杭州市",
        ("“高效办成一件事”集成改革", "政务服务“帮办代办”", "24小时自助服务区全覆盖"),
    ),
    ("市司法局", "执行合同", "滨江市", "广州市", ("涉企行政执法“首违不罚”清单", "企业“法治体检”")),
    ("市商务局", "跨境贸易", "青阳市", "青岛市", ("外贸企业“出海”服务专窗", "跨境电商“一站式”备案")),
    ("淮川海关", "跨境贸易", "滨江市", "宁波市", ("进口货物“两步申报”", "出口货物“抵港直装”")),
    ("市财政局", "政府采购", "青阳市", "南京市", ("政府采购全流程电子化", "中小企业预留份额“应留尽留”")),
    ("市发展改革委", "招标投标", "滨江市", "广州市", ("招投标“评定分离”", "投标保证金电子保函全覆盖")),
    ("市科技局", "知识产权创造、保护和运用", "青阳市", "苏州市", ("知识产权质押融资“快易贷”", "专利快速预审")),
    ("市生态环境局", "办理建筑许可", "滨江市", "成都市", ("环评审批“打捆”办理", "排污许可“简化办”")),
    ("市交通运输局", "包容普惠创新", "青阳市", "厦门市", ("道路运输证照电子化", "网约车许可“一件事”")),
    ("市医疗保障局", "政务服务", "滨江市", "上海市", ("医保结算“一站式”", "异地就医备案“秒办”")),
    ("市城市管理局", "包容普惠创新", "青阳市", "成都市", ("城市管理“非现场执法”", "占道经营“疏堵结合”示范街")),
    ("市文化和旅游局", "包容普惠创新", "滨江市", "西安市", ("文旅市场“信用+监管”", "旅行社设立“证照联办”")),
)
# Profiles of the stalled departments' measures (one per measure); the others draw from ``PROFILES``.
STALLED = {
    "市城市管理局": ("overdue_open", "overdue_not_started"),
    "市文化和旅游局": ("landed_late", "under_way"),
}
SPECIAL = {
    ("市自然资源和规划局", 2): "blocked",
    ("市交通运输局", 1): "not_started",
}
PROFILES = {"on_time": 0.55, "landed_late": 0.15, "under_way": 0.2, "overdue_open": 0.1}
BLOCKED_REASON = "涉及省级系统接口改造，待省数据资源局排期"

LAW_ENFORCERS = (
    *("市市场监管局", "市生态环境局", "市交通运输局", "市城市管理局", "市应急管理局"),
    *("市自然资源和规划局", "市文化和旅游局", "市农业农村局", "市卫生健康委", "市公安局"),
)


def squads(city: DemoCity) -> pd.DataFrame:
    """The five standing squads; their lead departments and contacts are internal data."""
    rng = city.rng("squads")
    n = len(SQUADS)
    return pd.DataFrame(
        {
            "name": [s[0] for s in SQUADS],
            "domain": [s[1] for s in SQUADS],
            "department": [s[2] for s in SQUADS],
            "members": [s[3] for s in SQUADS],
            "contact_name": person_names(rng, n),
            "contact_phone": mobile_phones(rng, n),
        }
    )


def route_appeals(city: DemoCity, tickets: pd.DataFrame) -> pd.DataFrame:
    """``tickets`` with a ``squad``: about a third of the appeals of each squad's category go to the squad."""
    rng = city.rng("squad_appeals")
    by_category = {s[4]: s[0] for s in SQUADS}
    squad = tickets["category"].map(by_category)
    return tickets.assign(squad=squad.where(rng.random(len(tickets)) < APPEAL_SHARE))


def route_issues(city: DemoCity, issues: pd.DataFrame) -> pd.DataFrame:
    """``issues`` with a ``squad``: most 清障 issues of the squads' departments go to the squad."""
    rng = city.rng("squad_issues")
    by_department = {d: s[0] for s in SQUADS for d in s[5]}
    squad = issues["department"].map(by_department)
    return issues.assign(squad=squad.where(rng.random(len(issues)) < ISSUE_SHARE))


def _profiles(rng: np.random.Generator) -> list[tuple[str, int, str]]:
    """(department, measure index, profile) of every measure: the first measure of a department that is neither
    stalled nor special lands on time, so only the stalled departments go without a measure landed on time."""
    rows = []
    for department, _indicator, _near, _far, names in BENCHMARKS:
        for i, _name in enumerate(names):
            if department in STALLED:
                profile = STALLED[department][i]
            elif (department, i) in SPECIAL:
                profile = SPECIAL[department, i]
            elif i == 0:
                profile = "on_time"
            else:
                profile = str(rng.choice(list(PROFILES), p=list(PROFILES.values())))
            rows.append((department, i, profile))
    return rows


def reform_measures(city: DemoCity) -> pd.DataFrame:
    """The 对标提升清单: every department's measures with their benchmark, planned and actual dates and results."""
    rng = city.rng("reform_measures")
    bench = {b[0]: b for b in BENCHMARKS}
    anchor = city.anchor
    rows = []
    for number, (department, i, profile) in enumerate(_profiles(rng), 1):
        _dept, indicator, near, far, names = bench[department]
        if profile in ("under_way", "not_started", "blocked"):
            planned_on = anchor + timedelta(days=int(rng.integers(20, 120)))
        elif department in STALLED:
            planned_on = anchor - timedelta(days=int(rng.integers(150, 220)))
        elif i == 0:
            planned_on = anchor - timedelta(days=int(rng.integers(120, 300)))
        else:
            planned_on = anchor - timedelta(days=int(rng.integers(20, 300)))
        lead = 45 if profile == "not_started" else int(rng.integers(90, 181))
        planned_start = (anchor if profile == "not_started" else planned_on) - timedelta(days=lead)
        done_on = None
        if profile == "on_time":
            done_on = planned_on - timedelta(days=int(rng.integers(0, 31)))
        elif profile == "landed_late":
            done_on = min(planned_on + timedelta(days=int(rng.integers(5, 41))), anchor - timedelta(days=1))
        started = profile not in ("not_started", "overdue_not_started")
        status = "已落地" if done_on else ("推进中" if started else "未启动")
        before = int(rng.integers(5, 21))
        rows.append(
            {
                "measure_no": f"DB{number:03d}",
                "name": names[i],
                "department": department,
                "benchmark_scope": "省内" if i % 2 == 0 else "省外",
                "benchmark_city": near if i % 2 == 0 else far,
                "benchmark_indicator": indicator,
                "planned_start": planned_start,
                "actual_start": planned_start + timedelta(days=int(rng.integers(0, 11))) if started else None,
                "planned_on": planned_on,
                "done_on": done_on,
                "status": status,
                "result": f"办理时间由 {before} 个工作日压减至 {max(1, before // 3)} 个工作日" if done_on else None,
                "is_blocked": profile == "blocked",
                "blocked_reason": BLOCKED_REASON if profile == "blocked" else None,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("planned_start", "actual_start", "planned_on", "done_on"):
        frame[column] = as_dates(frame[column].to_numpy(dtype="datetime64[D]"))
    return frame


def clean_wind(city: DemoCity) -> pd.DataFrame:
    """清风行动 counts of the law-enforcement departments for each of the 12 complete months before the anchor:
    problems found, most rectified (all but the last two months' stragglers), a few 通报曝光, 立案审查, 移送起诉."""
    rng = city.rng("clean_wind")
    months = pd.period_range(end=pd.Period(city.anchor, "M") - 1, periods=12, freq="M")
    rows = []
    for age, month in enumerate(reversed(months)):
        for department in LAW_ENFORCERS:
            found = int(rng.poisson(3.2))
            rectified = found if age >= 2 else int(rng.binomial(found, 0.7))
            investigated = int(rng.poisson(0.35))
            rows.append(
                {
                    "period": str(month),
                    "department": department,
                    "problems_found": found,
                    "problems_rectified": rectified,
                    "exposed": int(rng.poisson(0.5)),
                    "investigated": investigated,
                    "prosecuted": int(rng.binomial(investigated, 0.3)),
                }
            )
    return pd.DataFrame(rows).sort_values(["period", "department"], ignore_index=True)

"""The demo city's drives with deadlines: the 清障 issues closed batch by batch, and the 为企办实事 items and key
projects with their 倒排工期 milestones and monthly progress.

Project colours are never stored; the milestones are laid out around the anchor so that the DESIGN §4 rule
computes them — for the 25 为企办实事 items exactly 18 green, 5 yellow, 2 red, each well clear of a threshold.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from etl.demo.city import DemoCity, as_dates, pick

ISSUES, CLOSED_ISSUES, BATCHES = 584, 573, 6
RECTIFY_DAYS = {"立行立改": 10, "限期整改": 45, "长期攻坚": 120}
RECTIFY_MIX = {"立行立改": 45, "限期整改": 40, "长期攻坚": 15}
ORIGINS = {"企业诉求": 30, "驻企走访": 25, "部门自查": 15, "明察暗访": 12, "问卷调查": 10, "亲清观察员": 8}
ISSUE_TOPICS = {
    "行政审批提速": (
        "工程建设项目审批环节多、时限长",
        "证照变更需重复提交材料",
        "中介服务超时办理",
        "联合验收组织不及时",
    ),
    "资源要素保障": ("工业用地供应滞后于项目需求", "电力增容报装周期长", "园区配套管网不完善", "人才公寓供给不足"),
    "惠企政策落地": ("惠企资金兑现周期长", "政策申报材料繁琐", "免申即享覆盖面小", "稳岗补贴发放不及时"),
    "市场法治护航": ("涉企检查多头重复", "执法自由裁量标准不一", "拖欠中小企业账款", "知识产权维权成本高"),
    "城市环境提升": ("园区道路破损影响通行", "企业周边公交线路不足", "污水处理能力不足", "物流车辆通行受限"),
    "作风效能优化": ("窗口服务态度生硬", "办事推诿扯皮", "诉求回复敷衍了事", "首问负责制落实不到位"),
}

# (name, lead department, region or None for city-wide)
WORK_ITEMS = (
    ("企业开办全流程1个工作日办结", "市市场监管局", None),
    ("工程建设项目审批全流程在线监管", "市住房城乡建设局", None),
    ("工业项目“拿地即开工”", "市自然资源和规划局", None),
    ("惠企政策“免申即享”平台上线", "市数据资源局", None),
    ("小微企业首贷续贷服务中心建设", "市地方金融管理局", None),
    ("低压小微企业用电报装“零投资”", "供电公司", None),
    ("用水用气报装“一件事”联办", "供水公司", None),
    ("政务服务“就近办”网点全覆盖", "市政务服务管理局", None),
    ("涉企行政检查“综合查一次”", "市司法局", None),
    ("中小企业账款清欠专项行动", "市经济和信息化局", None),
    ("重点企业用工保障服务专班", "市人力资源社会保障局", None),
    ("跨境贸易“提前申报”通关提速", "淮川海关", None),
    ("纳税缴费“非接触式”办理扩围", "市税务局", None),
    ("不动产登记“交房即交证”", "市自然资源和规划局", None),
    ("科技型中小企业研发费用补助兑现", "市科技局", None),
    ("外贸企业出口信用保险全覆盖", "市商务局", None),
    ("经开区标准厂房提质扩容", "淮川经开区管委会", "淮川经济技术开发区"),
    ("高新区企业服务中心建设", "淮川高新区管委会", "淮川高新技术产业开发区"),
    ("东湖工业园污水管网改造", "市生态环境局", "东湖工业园"),
    ("临河物流园道路提升工程", "市交通运输局", "临河物流园"),
    ("企业职工技能提升培训", "市人力资源社会保障局", None),
    ("中小企业法律服务进园区", "市司法局", None),
    ("知识产权质押融资扩面", "市市场监管局", None),
    ("政务服务“好差评”闭环整改", "市政务服务管理局", None),
    ("企业注销“一网通办”", "市市场监管局", None),
)
KEY_PROJECTS = (
    ("新能源电池产业园一期", "淮川经开区管委会", "淮川经济技术开发区"),
    ("集成电路封装测试基地", "淮川高新区管委会", "淮川高新技术产业开发区"),
    ("东湖智能装备产业园", "东湖工业园管委会", "东湖工业园"),
    ("固废综合利用项目", "西山循环经济产业园管委会", "西山循环经济产业园"),
    ("农产品冷链物流中心", "南塘县政府", "南塘现代农业产业园"),
    ("多式联运枢纽", "临河市政府", "临河物流园"),
    ("老城片区城市更新", "淮川区政府", "淮川区"),
    ("北岭风电场二期", "北岭县政府", "北岭县"),
    ("清溪食品产业园标准厂房", "清溪县政府", "清溪县"),
    ("望江港码头扩建", "望江县政府", "望江县"),
    ("高铁站综合交通枢纽", "市交通运输局", "淮川区"),
    ("第二水厂扩建工程", "供水公司", "东湖区"),
    ("城市数据中心二期", "市数据资源局", "淮川高新技术产业开发区"),
    ("精密铸造产业园", "临河市政府", "临河市"),
    ("西山科创中心", "西山区政府", "西山区"),
)
WORK_STEPS = ("制定实施方案", "部署动员", "系统建设改造", "试点运行", "全面推开", "评估验收")
BUILD_STEPS = ("完成前期手续", "开工建设", "主体工程完工", "设备安装调试", "竣工验收", "投产运营")

# The 为企办实事 board: how many items of each profile. A profile fixes where the last milestone planned before
# the anchor sits (days before the anchor) and whether it is still open, so the rule's colour follows:
#   green       every milestone due is done                                   → gap 0, late 0
#   yellow_gap  an open milestone of weight 0.15–0.25 due 4–6 days ago          → gap 15–25 (> 10), late ≤ 6
#   yellow_late an open milestone of weight 0.15–0.25 due 12–20 days ago        → gap 15–25, late 12–20 (> 7)
#   red_blocked as yellow (due 9–15 days ago) and marked blocked with a reason → red by the blocked flag
#   red_late    an open milestone due 40–55 days ago                           → late > 30
WORK_ITEM_PROFILES = {"green": 18, "yellow_gap": 3, "yellow_late": 2, "red_blocked": 1, "red_late": 1}
KEY_PROJECT_PROFILES = {"green": 70, "yellow_gap": 10, "yellow_late": 10, "red_late": 10}
FOCUS_LAG_DAYS = {
    "green": (10, 40),
    "yellow_gap": (4, 6),
    "yellow_late": (12, 20),
    "red_blocked": (9, 15),
    "red_late": (40, 55),
}
BLOCKED_REASON = "征迁补偿尚未达成一致，施工场地无法移交"


def clearance(city: DemoCity) -> pd.DataFrame:
    """584 issues found over the year; 573 closed, each in the first of six 销号 batches after its closing day."""
    rng = city.rng("clearance")
    last_batch = city.days_before_anchor(7)
    span = (last_batch - city.start).days
    batch_days = np.array([city.start + timedelta(days=round(k * span / BATCHES)) for k in range(1, BATCHES + 1)])
    batch_days = batch_days.astype("datetime64[D]")
    n, open_n = ISSUES, ISSUES - CLOSED_ISSUES
    is_open = np.zeros(n, dtype=bool)
    is_open[rng.choice(n, size=open_n, replace=False)] = True
    found = np.where(
        is_open,
        city.random_days(rng, n, city.days_before_anchor(120), city.days_before_anchor(10)),
        city.random_days(rng, n, city.lasting_start, last_batch - timedelta(days=10)),
    )
    rectify = np.where(is_open, pick(rng, {"长期攻坚": 6, "限期整改": 5}, n), pick(rng, RECTIFY_MIX, n))
    allowed = np.array([RECTIFY_DAYS[t] for t in rectify])
    late = rng.random(n) < 0.1
    taken = np.where(late, allowed + rng.integers(3, 31, n), np.ceil(allowed * rng.uniform(0.3, 1.0, n))).astype(int)
    cap = batch_days[-1] - rng.integers(0, 4, n).astype("timedelta64[D]")
    closed = np.minimum(found + taken.astype("timedelta64[D]"), cap)
    batch = np.searchsorted(batch_days, closed, side="left") + 1
    group = rng.choice(np.array(city.settings.action_groups), size=n)
    department = np.array([rng.choice(city.group_departments[g]) for g in group])
    region = rng.choice(np.array([*city.counties, *city.parks]), size=n)
    topic = np.array([rng.choice(ISSUE_TOPICS.get(g, ISSUE_TOPICS["作风效能优化"])) for g in group])
    order = np.argsort(found, kind="stable")
    frame = pd.DataFrame(
        {
            "title": np.char.add(region.astype(str), topic.astype(str)),
            "origin": pick(rng, ORIGINS, n),
            "action_group": group,
            "department": department,
            "region": region,
            "rectify_type": rectify,
            "stage": np.where(is_open, "分类整改清单", "逐批销号清单"),
            "found_on": as_dates(found),
            "due_on": as_dates(found + allowed.astype("timedelta64[D]")),
            "closed_on": as_dates(np.where(is_open, np.datetime64("NaT"), closed)),
            "batch": pd.Series(batch).where(~is_open).astype("Int64"),
        }
    ).iloc[order]
    frame.insert(0, "issue_no", [f"QZ{i:04d}" for i in range(1, n + 1)])
    return frame.reset_index(drop=True)


def _weights(rng: np.random.Generator, n: int, focus: int | None) -> np.ndarray:
    """``n`` weights in hundredths summing to 1; the ``focus`` milestone (if any) weighs 0.15–0.25."""
    raw = rng.uniform(1, 3, n)
    if focus is not None:
        target = round(float(rng.uniform(0.15, 0.25)), 2)
        raw[focus] = 0
        raw = raw / raw.sum() * (1 - target)
        raw[focus] = target
    weights = np.round(raw / raw.sum(), 2)
    fix = n - 1 if focus != n - 1 else 0
    weights[fix] = round(1 - (weights.sum() - weights[fix]), 2)
    return weights


def _plan(rng: np.random.Generator, anchor: date, profile: str, steps: tuple[str, ...]) -> tuple[dict, pd.DataFrame]:
    """One project's dates and its milestones laid out for ``profile`` (see WORK_ITEM_PROFILES)."""
    n = int(rng.integers(4, 7))
    past = int(rng.integers(2, n))
    start = anchor - timedelta(days=int(rng.integers(210, 300)))
    lag_low, lag_high = FOCUS_LAG_DAYS[profile]
    last_past = anchor - timedelta(days=int(rng.integers(lag_low, lag_high + 1)))
    first_future = anchor + timedelta(days=int(rng.integers(12, 26)))
    end = anchor + timedelta(days=int(rng.integers(40, 151)))
    planned = [
        *pd.date_range(start + timedelta(days=25), last_past, periods=past).date,
        *(pd.date_range(first_future, end, periods=n - past).date if n - past > 1 else [first_future]),
    ]
    focus = None if profile == "green" else past - 1
    done: list[date | None] = [None] * n
    for i in range(past):
        if i != focus:
            slip = timedelta(days=int(rng.integers(-8, 5)))
            done[i] = min(max(planned[i] + slip, start + timedelta(days=1)), anchor - timedelta(days=1))
    middle = sorted(rng.choice(np.arange(1, len(steps) - 1), size=n - 2, replace=False))
    names = [steps[0], *(steps[i] for i in middle), steps[-1]]
    milestones = pd.DataFrame(
        {
            "seq": range(1, n + 1),
            "name": names,
            "weight": _weights(rng, n, focus),
            "planned_on": pd.to_datetime(planned),
            "done_on": pd.to_datetime(done),
        }
    )
    dates = {
        "planned_start": start,
        "planned_end": planned[-1],
        "actual_start": start + timedelta(days=int(rng.integers(0, 13))),
        "is_blocked": profile == "red_blocked",
        "blocked_reason": BLOCKED_REASON if profile == "red_blocked" else None,
    }
    return dates, milestones


def _progress(rng: np.random.Generator, anchor: date, project: dict, milestones: pd.DataFrame) -> pd.DataFrame:
    """Monthly reports from the start month to the last complete month: physical % follows the milestones done,
    plus half the next milestone's weight in proportion to the time spent on it; investment follows physical %."""
    months = pd.period_range(project["planned_start"], pd.Period(anchor, "M") - 1, freq="M")
    ends = months.to_timestamp(how="end").to_numpy().astype("datetime64[D]")[:, None]
    done = milestones["done_on"].to_numpy().astype("datetime64[D]")
    planned = milestones["planned_on"].to_numpy().astype("datetime64[D]")
    weight = milestones["weight"].to_numpy()
    finished = done <= ends
    following = (~finished).argmax(axis=1)
    since = np.where(finished, done, np.datetime64(project["actual_start"], "D")).max(axis=1)
    span = np.maximum((planned[following] - since).astype(int), 1)
    share = np.clip((ends[:, 0] - since).astype(int) / span, 0, 1)
    partial = np.where(finished.all(axis=1), 0, 0.5 * weight[following] * share)
    physical = np.round(100 * (finished @ weight + partial), 1)
    physical = np.maximum.accumulate(physical)
    spent = np.maximum.accumulate(physical / 100 * rng.uniform(0.9, 1.05, len(physical)))
    return pd.DataFrame(
        {
            "month": months.strftime("%Y-%m"),
            "investment_to_date": np.round(project["investment_plan"] * np.minimum(spent, 1.0), 1),
            "physical_pct": physical,
        }
    )


def projects(city: DemoCity) -> dict[str, pd.DataFrame]:
    """The 25 为企办实事 items (P001–P025) and 15 key projects (P026–), their milestones and monthly progress."""
    rng = city.rng("projects")
    profiles = [
        *rng.permutation(np.repeat(list(WORK_ITEM_PROFILES), list(WORK_ITEM_PROFILES.values()))),
        *pick(rng, KEY_PROJECT_PROFILES, len(KEY_PROJECTS)),
    ]
    catalogue = [("为企办实事", *item) for item in WORK_ITEMS] + [("重点项目", *item) for item in KEY_PROJECTS]
    rows, milestone_parts, progress_parts = [], [], []
    for i, ((kind, name, department, region), profile) in enumerate(zip(catalogue, profiles, strict=True), 1):
        is_work_item = kind == "为企办实事"
        dates, milestones = _plan(rng, city.anchor, str(profile), WORK_STEPS if is_work_item else BUILD_STEPS)
        plan = float(rng.integers(50, 3_000) if is_work_item else rng.integers(8_000, 300_000))
        project = {
            "project_no": f"P{i:03d}",
            "name": name,
            "kind": kind,
            "department": department,
            "region": region,
            "investment_plan": plan,
            **dates,
        }
        rows.append(project)
        milestone_parts.append(milestones.assign(project=project["project_no"]))
        progress_parts.append(_progress(rng, city.anchor, project, milestones).assign(project=project["project_no"]))
    frame = pd.DataFrame(rows)
    for column in ("planned_start", "planned_end", "actual_start"):
        frame[column] = pd.to_datetime(frame[column])
    return {
        "projects": frame,
        "milestones": pd.concat(milestone_parts, ignore_index=True),
        "progress": pd.concat(progress_parts, ignore_index=True),
    }

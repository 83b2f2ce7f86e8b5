"""The demo city's enterprise appeals (企业诉求) over the year, the 109 亲清观察员 leads among them, and the
refusals (对企业说"不") some of them ended in."""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.demo.city import DemoCity, as_dates, in_office_hours, pick
from etl.demo.names import mobile_phones, person_names

APPEAL_COUNT = (8_850, 9_150)
OBSERVER = "亲清观察员"
OBSERVER_LEADS = 109
OBSERVER_OUTCOMES = {"已解决": 88, "部分解决": 9, "解释说明": 8, "未解决": 4}
CHANNELS = {"12345": 46, "政企互动平台": 24, "驻企走访": 19, "来信来访": 11}
EXPLICIT_DUE_CHANNELS = ("12345", "来信来访")
URGENCIES = {"一般": 76, "紧急": 19, "特急": 5}
CATEGORIES = {
    "政策咨询": 22,
    "要素保障": 12,
    "审批服务": 15,
    "融资信贷": 8,
    "用工招聘": 8,
    "水电气暖": 10,
    "市场监管": 9,
    "法治环境": 6,
    "其他": 10,
}
CATEGORY_DEPARTMENTS = {
    "政策咨询": {
        "市经济和信息化局": 4,
        "市税务局": 3,
        "市人力资源社会保障局": 2,
        "市商务局": 2,
        "市科技局": 2,
        "市财政局": 1,
    },
    "要素保障": {"市自然资源和规划局": 5, "市发展改革委": 3, "市生态环境局": 2, "市交通运输局": 1},
    "审批服务": {"市政务服务管理局": 5, "市住房城乡建设局": 3, "市数据资源局": 2, "市市场监管局": 2, "市卫生健康委": 1},
    "融资信贷": {"市地方金融管理局": 4, "人民银行淮川分行": 3, "市财政局": 1},
    "用工招聘": {"市人力资源社会保障局": 6, "市医疗保障局": 1},
    "水电气暖": {"供电公司": 4, "供水公司": 3, "燃气公司": 3},
    "市场监管": {"市市场监管局": 5, "市应急管理局": 1, "市城市管理局": 1},
    "法治环境": {"市司法局": 3, "市公安局": 3, "市纪委监委": 1},
    "其他": {"市城市管理局": 2, "市交通运输局": 1, "市文化和旅游局": 1, "淮川海关": 1},
}
CATEGORY_TOPICS = {
    "政策咨询": ("咨询技改补贴申报条件", "咨询研发费用加计扣除政策", "咨询稳岗返还办理流程", "咨询首台套奖补兑现时间"),
    "要素保障": ("项目用地指标迟迟未落实", "厂区周边道路未配套", "环评审批进度较慢", "标准厂房租金补贴未到位"),
    "审批服务": ("施工许可办理材料反复补正", "消防验收排期过长", "食品经营许可变更办理慢", "不动产登记跑动次数多"),
    "融资信贷": ("流动资金贷款续贷困难", "申请科技贷款担保遇阻", "应急转贷资金使用咨询", "知识产权质押融资对接"),
    "用工招聘": ("招工难缺少技术工人", "员工社保转移办理不畅", "希望对接高校毕业生招聘", "外地员工子女入学咨询"),
    "水电气暖": (
        "厂区用电增容报装时间长",
        "供水管网压力不足影响生产",
        "天然气开户接驳费用高",
        "停电未提前通知造成损失",
    ),
    "市场监管": ("同类产品抽检标准不一", "商标被他人抢注需要维权", "检查频次过多影响经营", "特种设备检验排队时间长"),
    "法治环境": ("合同纠纷执行款项迟迟未到", "政府部门拖欠工程款", "厂区周边有人强揽工程", "涉企行政处罚裁量过重"),
    "其他": ("厂区门口公交站点设置不便", "企业周边环境卫生差", "员工通勤道路路灯不亮", "希望协调出口通关查验"),
}
ASKS = ("请予协调解决。", "希望尽快答复。", "请相关部门帮助对接。", "望尽快处理。")
RESOLUTIONS = {"已解决": 90, "部分解决": 4, "解释说明": 5, "未解决": 1}
# P(satisfaction = 1..5) for a rated appeal, by whether it was solved; strict 满意率 comes out near 95 %.
SATISFACTION_SOLVED = (0.002, 0.003, 0.015, 0.145, 0.835)
SATISFACTION_OTHER = (0.05, 0.08, 0.20, 0.27, 0.40)
LATE_SHARE = 0.022
# Where appeals are visibly slower: these regions and departments miss deadlines several times as often.
LATE_FACTORS = {"临河市": 2.8, "北岭县": 2.0, "市自然资源和规划局": 3.0, "供电公司": 2.4, "市住房城乡建设局": 1.8}
REFUSAL_COUNT = 60
REFUSAL_REASONS = (
    "不符合现行政策申报条件",
    "超出本部门法定职权范围",
    "项目选址不符合国土空间规划",
    "申请材料涉及违法违规事项",
    "企业存在未结清的欠税",
    "属于市场主体自主经营事项",
)
ESCALATED_TO = ("市优化营商环境工作领导小组办公室", "分管副市长", "市政府办公室")
DECISIONS = {"维持": 45, "改为支持": 20, "协调办理": 20, "指引": 15}

MINUTE = np.timedelta64(60, "s")
HOUR = np.timedelta64(3600, "s")
DAY_END = np.timedelta64(86_399, "s")


def _routing(city: DemoCity, rng: np.random.Generator, category: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """The department each appeal goes to: the bureau of its category, or (28 %) the local government."""
    department = np.empty(len(category), dtype=object)
    for name, choices in CATEGORY_DEPARTMENTS.items():
        rows = category == name
        department[rows] = pick(rng, choices, int(rows.sum()))
    local = rng.random(len(category)) < 0.28
    department[local] = [city.local_office(c) for c in cell[local]]
    return department


def _satisfaction(rng: np.random.Generator, solved: np.ndarray) -> np.ndarray:
    levels = np.arange(1, 6)
    return np.where(
        solved,
        rng.choice(levels, size=len(solved), p=SATISFACTION_SOLVED),
        rng.choice(levels, size=len(solved), p=SATISFACTION_OTHER),
    )


def appeals(city: DemoCity, register: pd.DataFrame) -> pd.DataFrame:
    """About 9,000 tickets; on-time ≈ 96–97 % (worse in LATE_FACTORS), strict satisfaction ≈ 95 %, and exactly
    109 observer leads (all closed and revisited, 88 solved, every rated solved lead 满意 or 非常满意)."""
    rng = city.rng("appeals")
    n = int(rng.integers(*APPEAL_COUNT))
    others = n - OBSERVER_LEADS
    channel = np.concatenate([pick(rng, CHANNELS, others), np.full(OBSERVER_LEADS, OBSERVER)])
    observer = channel == OBSERVER
    received = np.concatenate(
        [
            city.office_moments(rng, others, city.start, city.days_before_anchor(1)),
            city.office_moments(rng, OBSERVER_LEADS, city.lasting_start, city.days_before_anchor(25)),
        ]
    )
    popularity = 1.0 / np.arange(1, len(register) + 1) ** 0.7
    firm = register.iloc[rng.choice(rng.permutation(len(register)), size=n, p=popularity / popularity.sum())]
    cell = firm["cell"].to_numpy()
    category = pick(rng, CATEGORIES, n)
    department = _routing(city, rng, category, cell)
    urgency = pick(rng, URGENCIES, n)
    workdays = np.array([city.settings.due_workdays.get(u, 5) for u in urgency])
    due = city.add_workdays(received, workdays).astype("datetime64[s]") + DAY_END

    now = np.datetime64(city.anchor, "s")
    factor = np.ones(n)
    for name, f in LATE_FACTORS.items():
        factor *= np.where((firm["region"].to_numpy() == name) | (department == name), f, 1.0)
    late = (rng.random(n) < LATE_SHARE * factor) & ~observer
    span = (due - received).astype(float)
    on_time_close = received + (span * rng.uniform(0.12, 0.95, n)).astype("timedelta64[s]")
    late_close = due + (rng.uniform(2, 288, n) * 3600).astype("timedelta64[s]")
    closed = np.maximum(in_office_hours(np.where(late, late_close, on_time_close)), received + 10 * MINUTE)
    is_closed = closed < now
    revisited = is_closed & (rng.random(n) < 0.9) | observer
    revisit = in_office_hours(closed + (rng.uniform(4, 72, n) * HOUR).astype("timedelta64[s]"))
    revisit = np.maximum(revisit, closed + HOUR)
    revisited &= revisit < now
    first_contact = received + (np.where(rng.random(n) < 0.02, rng.uniform(25, 60, n), rng.exponential(2.5, n)) * HOUR)
    first_contact = np.minimum(first_contact.astype("datetime64[s]"), closed)

    resolution = np.where(is_closed, pick(rng, RESOLUTIONS, n), None)
    resolution[observer] = rng.permutation(np.repeat(list(OBSERVER_OUTCOMES), list(OBSERVER_OUTCOMES.values())))
    solved = resolution == "已解决"
    rated = revisited & (rng.random(n) < np.where(observer, 0.92, 0.82))
    satisfaction = _satisfaction(rng, solved)
    satisfaction[observer & solved] = np.where(rng.random(int((observer & solved).sum())) < 0.85, 5, 4)

    topic = np.array([rng.choice(CATEGORY_TOPICS[c]) for c in category])
    frame = pd.DataFrame(
        {
            "enterprise": firm["name"].to_numpy(),
            "credit_code": firm["credit_code"].to_numpy(),
            "region": firm["region"].to_numpy(),
            "park": firm["park"].to_numpy(),
            "category": category,
            "channel": channel,
            "urgency": urgency,
            "department": department,
            "received_at": pd.to_datetime(received),
            "first_contact_at": pd.to_datetime(np.where(first_contact < now, first_contact, np.datetime64("NaT"))),
            "due_at": pd.to_datetime(np.where(np.isin(channel, EXPLICIT_DUE_CHANNELS), due, np.datetime64("NaT"))),
            "closed_at": pd.to_datetime(np.where(is_closed, closed, np.datetime64("NaT"))),
            "revisit_at": pd.to_datetime(np.where(revisited, revisit, np.datetime64("NaT"))),
            "status": np.where(is_closed, "已办结", np.where(received > now - 24 * HOUR, "已受理", "办理中")),
            "resolution": resolution,
            "satisfaction": pd.Series(satisfaction).where(rated).astype("Int64"),
            "is_repeat": rng.random(n) < 0.04,
            "is_escalated": rng.random(n) < np.where(late, 0.3, 0.01),
            "content": np.char.add(topic.astype(str), rng.choice(np.array(ASKS), size=n)),
            "contact_name": person_names(rng, n),
            "contact_phone": mobile_phones(rng, n),
        }
    )
    frame = frame.sort_values("received_at", kind="stable", ignore_index=True)
    day = frame["received_at"].dt.strftime("%Y%m%d")
    frame.insert(0, "ticket_no", "SQ" + day + (frame.groupby(day).cumcount() + 1).map("{:04d}".format))
    return frame


def refusals(city: DemoCity, appeal_frame: pd.DataFrame) -> pd.DataFrame:
    """About 60 refusals of appeals answered 解释说明 / 未解决; most escalated for review before the enterprise
    is told."""
    rng = city.rng("refusals")
    cutoff = pd.Timestamp(city.days_before_anchor(40))
    candidates = appeal_frame[
        appeal_frame["resolution"].isin(["解释说明", "未解决"])
        & (appeal_frame["channel"] != OBSERVER)
        & (appeal_frame["received_at"] < cutoff)
    ]
    chosen = candidates.iloc[np.sort(rng.choice(len(candidates), size=REFUSAL_COUNT, replace=False))]
    n = len(chosen)

    def days(low: int, high: int) -> np.ndarray:
        return rng.integers(low, high + 1, n).astype("timedelta64[D]")

    refused = chosen["received_at"].to_numpy().astype("datetime64[D]") + days(1, 4)
    mode = rng.choice(np.array(["escalated first", "told first", "not escalated"]), size=n, p=[0.85, 0.05, 0.10])
    escalated = np.where(mode == "escalated first", refused + days(0, 2), refused + days(3, 9))
    decided = escalated + days(2, 8)
    told = np.where(mode == "escalated first", decided + days(0, 2), refused + days(1, 2))
    has_escalation = mode != "not escalated"
    decision = np.where(has_escalation, pick(rng, DECISIONS, n), "维持")
    return pd.DataFrame(
        {
            "refusal_no": [f"SB{i:03d}" for i in range(1, n + 1)],
            "appeal_ticket_no": chosen["ticket_no"].to_numpy(),
            "department": chosen["department"].to_numpy(),
            "region": chosen["region"].to_numpy(),
            "reason": rng.choice(np.array(REFUSAL_REASONS), size=n),
            "refused_on": as_dates(refused),
            "escalated_on": as_dates(np.where(has_escalation, escalated, np.datetime64("NaT"))),
            "escalated_to": np.where(has_escalation, rng.choice(np.array(ESCALATED_TO), size=n), None),
            "told_on": as_dates(told),
            "decision": decision,
            "decided_on": as_dates(np.where(has_escalation, decided, refused + days(0, 1))),
        }
    )

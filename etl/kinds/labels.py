"""Value vocabularies shared by several source kinds: satisfaction levels, yes/no, statuses."""

from data.labels import SATISFACTION_LEVELS

SATISFACTION = {
    "非常满意": 5,
    "满意": 4,
    "基本满意": 3,
    "一般": 3,
    "不满意": 2,
    "非常不满意": 1,
    "未评价": None,
    "未评": None,
    "无": None,
}

YES_NO = {
    "是": True,
    "否": False,
    "Y": True,
    "N": False,
    "y": True,
    "n": False,
    "1": True,
    "0": False,
    "true": True,
    "false": False,
    "TRUE": True,
    "FALSE": False,
    "有": True,
    "无": False,
}

APPEAL_STATUS = {
    "已办结": "已办结",
    "办结": "已办结",
    "已完结": "已办结",
    "完结": "已办结",
    "已办理": "已办结",
    "办理中": "办理中",
    "在办": "办理中",
    "处理中": "办理中",
    "已受理": "已受理",
    "待办理": "已受理",
    "已退回": "已退回",
}

RESOLUTION = {
    "已解决": "已解决",
    "解决": "已解决",
    "是": "已解决",
    "部分解决": "部分解决",
    "未解决": "未解决",
    "否": "未解决",
    "解释说明": "解释说明",
    "解释": "解释说明",
}

REVIEW_LEVEL = {word: level for level, word in SATISFACTION_LEVELS.items()}

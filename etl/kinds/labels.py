"""Value vocabularies shared by several source kinds: satisfaction levels, yes/no, statuses."""

from data.labels import SATISFACTION_LEVELS

SATISFACTION = {
    "非常满意": 5,
    "很满意": 5,
    "十分满意": 5,
    "满意": 4,
    "比较满意": 4,
    "较满意": 4,
    "基本满意": 3,
    "一般": 3,
    "不满意": 2,
    "不太满意": 2,
    "非常不满意": 1,
    "很不满意": 1,
    "未评价": None,
    "未评": None,
    "未回访": None,
    "无法联系": None,
    "拒绝评价": None,
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
    "√": True,
    "×": False,
    "已": True,
    "未": False,
    "yes": True,
    "no": False,
}

# The lifecycle labels of the common 12345 / 政企互动 platforms, each mapped to the product's four stages.
APPEAL_STATUS = {
    **dict.fromkeys(
        ("已受理", "受理", "待办理", "待受理", "已签收", "待签收", "已派单", "待派单", "已登记", "新建"), "已受理"
    ),
    **dict.fromkeys(
        (
            "办理中",
            "在办",
            "处理中",
            "正在办理",
            "已转办",
            "转办中",
            "待处理",
            "挂起",
            "已挂起",
            "延期办理",
            "已延期",
            "待审核",
            "审核中",
            "督办中",
            "已督办",
            "重办",
            "退回重办",
        ),
        "办理中",
    ),
    **dict.fromkeys(
        (
            "已办结",
            "办结",
            "已完结",
            "完结",
            "已办理",
            "办理完毕",
            "办理完成",
            "已完成",
            "处理完毕",
            "已处理",
            "已解决",
            "已反馈",
            "已答复",
            "已回复",
            "待回访",
            "回访中",
            "已回访",
            "待评价",
            "已评价",
            "已归档",
            "归档",
            "已结案",
            "结案",
            "已关闭",
            "已销号",
        ),
        "已办结",
    ),
    **dict.fromkeys(
        ("已退回", "退回", "已退单", "退单", "已驳回", "驳回", "不予受理", "已撤销", "撤销", "已撤回", "撤回"), "已退回"
    ),
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
    "已解释": "解释说明",
    "解释到位": "解释说明",
    "已部分解决": "部分解决",
    "基本解决": "部分解决",
    "已解决问题": "已解决",
    "未能解决": "未解决",
    "无法解决": "未解决",
}

URGENCY = {
    "特急": "特急",
    "特别紧急": "特急",
    "紧急": "紧急",
    "加急": "紧急",
    "急": "紧急",
    "一般": "一般",
    "普通": "一般",
    "非紧急": "一般",
}

REVIEW_LEVEL = {
    **{word: level for level, word in SATISFACTION_LEVELS.items()},
    "好评": 5,
    "中评": 3,
    "差评": 1,
    "五星": 5,
    "四星": 4,
    "三星": 3,
    "二星": 2,
    "一星": 1,
}

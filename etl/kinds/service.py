"""Source kinds about serving enterprises: appeals, service reviews, refusals, 一件事一次办 services."""

from __future__ import annotations

from data.labels import SOURCE_KIND_NAMES
from data.schema import Appeal, Refusal, Review, ServiceItem
from etl.kinds.base import Field, SourceKind
from etl.kinds.labels import APPEAL_STATUS, RESOLUTION, REVIEW_LEVEL, SATISFACTION, SERVICE_ORIGIN, URGENCY, YES_NO

APPEALS = SourceKind(
    name="appeals",
    label=SOURCE_KIND_NAMES["appeals"],
    table=Appeal.__table__,
    key=("ticket_no",),
    file_prefixes=("appeals", "企业诉求", "诉求"),
    fields=(
        Field(
            "ticket_no",
            "诉求编号",
            required=True,
            aliases=("工单编号", "工单号", "受理编号", "案件编号", "诉求单号", "流水号", "编号"),
        ),
        Field("enterprise", "企业名称", required=True, aliases=("诉求企业", "诉求主体", "反映企业"), ref="enterprise"),
        Field("credit_code", "统一社会信用代码", aliases=("信用代码", "社会信用代码")),
        Field(
            "region", "所属县区", required=True, aliases=("县区", "所属区域", "属地", "辖区", "所在县区"), ref="region"
        ),
        Field("park", "所属园区", aliases=("园区",), ref="park"),
        Field("category", "诉求类别", aliases=("问题类别", "类别", "诉求分类", "问题分类", "诉求类型")),
        Field("channel", "来源渠道", aliases=("渠道", "来源", "诉求渠道", "受理渠道", "诉求来源")),
        Field("urgency", "紧急程度", aliases=("缓急程度", "紧急度"), labels=URGENCY, choices=("特急", "紧急", "一般")),
        Field(
            "department",
            "承办单位",
            required=True,
            aliases=("承办部门", "责任单位", "办理单位", "主办单位", "处置单位"),
            ref="department",
        ),
        Field(
            "received_at",
            "受理时间",
            "datetime",
            required=True,
            aliases=("登记时间", "来电时间", "诉求时间", "提交时间", "创建时间"),
        ),
        Field("first_contact_at", "首次联系时间", "datetime", aliases=("首次响应时间", "签收时间")),
        Field("due_at", "办理时限", "datetime", aliases=("办结时限", "截止时间", "承诺办结时间", "要求办结时间")),
        Field("closed_at", "办结时间", "datetime", aliases=("完成时间", "结案时间", "办毕时间")),
        Field("revisit_at", "回访时间", "datetime", aliases=("回访日期",)),
        Field(
            "status",
            "办理状态",
            required=True,
            aliases=("状态", "工单状态", "处理状态", "当前状态", "诉求状态"),
            labels=APPEAL_STATUS,
            choices=tuple(sorted(set(APPEAL_STATUS.values()))),
        ),
        Field(
            "resolution",
            "办理结果",
            aliases=("是否解决", "解决情况", "处理结果"),
            labels=RESOLUTION,
            choices=("已解决", "部分解决", "未解决", "解释说明"),
        ),
        Field(
            "satisfaction",
            "满意度",
            "int",
            aliases=("满意度评价", "评价结果", "回访满意度", "满意程度"),
            labels=SATISFACTION,
            minimum=1,
            maximum=5,
        ),
        Field("is_repeat", "是否重复", "bool", aliases=("重复件", "是否重复件"), labels=YES_NO),
        Field("is_escalated", "是否提级", "bool", aliases=("是否提级办理",), labels=YES_NO),
        Field("squad", "为企服务专班", aliases=("服务专班", "专班"), ref="squad"),
        Field("content", "诉求内容", "text", aliases=("内容", "问题描述", "诉求描述", "诉求事项"), personal=True),
        Field("contact_name", "联系人", aliases=("诉求人",), personal=True),
        Field("contact_phone", "联系电话", aliases=("手机号码", "电话"), personal=True),
    ),
)

REVIEWS = SourceKind(
    name="reviews",
    label=SOURCE_KIND_NAMES["reviews"],
    table=Review.__table__,
    key=("review_no",),
    file_prefixes=("reviews", "好差评"),
    fields=(
        Field("review_no", "评价编号", required=True, aliases=("编号",)),
        Field("service_name", "服务事项", aliases=("事项名称",)),
        Field("department", "评价部门", required=True, aliases=("办理部门", "部门"), ref="department"),
        Field("region", "所属县区", aliases=("县区", "区县"), ref="region"),
        Field("channel", "评价渠道", aliases=("渠道",)),
        Field("reviewed_at", "评价时间", "datetime", required=True),
        Field(
            "level",
            "评价等级",
            "int",
            required=True,
            aliases=("评价结果", "评价"),
            labels=REVIEW_LEVEL,
            minimum=1,
            maximum=5,
        ),
        Field("is_real_name", "是否实名", "bool", labels=YES_NO),
        Field("ruled_mistaken", "是否误评", "bool", labels=YES_NO),
        Field("rectify_due", "整改时限", "date"),
        Field("rectified_on", "整改完成日期", "date", aliases=("整改日期",)),
        Field("revisited_on", "回访日期", "date"),
    ),
)

REFUSALS = SourceKind(
    name="refusals",
    label=SOURCE_KIND_NAMES["refusals"],
    table=Refusal.__table__,
    key=("refusal_no",),
    file_prefixes=("refusals", "说不"),
    fields=(
        Field("refusal_no", "说不编号", required=True, aliases=("编号",)),
        Field("appeal_ticket_no", "关联诉求编号", aliases=("诉求编号",)),
        Field("department", "说不部门", required=True, aliases=("部门", "承办单位"), ref="department"),
        Field("region", "所属县区", aliases=("县区",), ref="region"),
        Field("reason", "不予支持理由", aliases=("理由",)),
        Field("refused_on", "说不日期", "date", required=True),
        Field("escalated_on", "提级日期", "date"),
        Field("escalated_to", "提级至", aliases=("提级单位",)),
        Field("told_on", "告知企业日期", "date"),
        Field("decision", "复核结论", choices=("维持", "改为支持", "协调办理", "指引")),
        Field("decided_on", "复核日期", "date"),
    ),
)

SERVICE_ITEMS = SourceKind(
    name="service_items",
    label=SOURCE_KIND_NAMES["service_items"],
    table=ServiceItem.__table__,
    key=("item_no",),
    file_prefixes=("service_items", "一件事"),
    fields=(
        Field("item_no", "事项编号", required=True, aliases=("编号",)),
        Field("name", "事项名称", required=True, aliases=("一件事名称",)),
        Field("lifecycle_stage", "生命周期阶段", aliases=("阶段",)),
        Field(
            "origin",
            "事项来源",
            aliases=("来源", "事项类别"),
            labels=SERVICE_ORIGIN,
            choices=tuple(sorted(set(SERVICE_ORIGIN.values()))),
        ),
        Field("department", "牵头部门", aliases=("牵头单位",), ref="department"),
        Field("launched_on", "上线日期", "date"),
        Field("status", "状态", required=True, choices=("已上线", "建设中", "计划")),
        Field("materials_before", "优化前材料数", "int", minimum=0),
        Field("materials_after", "优化后材料数", "int", minimum=0),
        Field("days_before", "优化前办理天数", "float", minimum=0),
        Field("days_after", "优化后办理天数", "float", minimum=0),
        Field("trips_before", "优化前跑动次数", "int", minimum=0),
        Field("trips_after", "优化后跑动次数", "int", minimum=0),
        Field("monthly_volume", "月办件量", "int", minimum=0),
    ),
)

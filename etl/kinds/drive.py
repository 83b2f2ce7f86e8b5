"""Source kinds of the drives with deadlines: 清障 issues and projects with their milestones and progress."""

from __future__ import annotations

from data.labels import SOURCE_KIND_NAMES
from data.schema import ClearanceIssue, Milestone, Progress, Project
from etl.kinds.base import Field, SourceKind
from etl.kinds.labels import YES_NO

CLEARANCE = SourceKind(
    name="clearance",
    label=SOURCE_KIND_NAMES["clearance"],
    table=ClearanceIssue.__table__,
    key=("issue_no",),
    file_prefixes=("clearance", "清障"),
    fields=(
        Field("issue_no", "问题编号", required=True, aliases=("编号",)),
        Field("title", "问题描述", required=True, aliases=("问题名称", "问题")),
        Field("origin", "问题来源"),
        Field("action_group", "专项行动组", aliases=("行动组",), ref="action_group"),
        Field("department", "责任单位", required=True, aliases=("责任部门",), ref="department"),
        Field("region", "所属县区", required=True, aliases=("县区", "区县"), ref="region"),
        Field("rectify_type", "整改类型", choices=("立行立改", "限期整改", "长期攻坚")),
        Field("stage", "清单阶段", choices=("全量问题清单", "分类整改清单", "逐批销号清单")),
        Field("found_on", "发现日期", "date", required=True, aliases=("收集日期",)),
        Field("due_on", "整改时限", "date"),
        Field("closed_on", "销号日期", "date"),
        Field("batch", "销号批次", "int", minimum=1),
        Field("squad", "为企服务专班", aliases=("服务专班", "专班"), ref="squad"),
    ),
)

PROJECTS = SourceKind(
    name="projects",
    label=SOURCE_KIND_NAMES["projects"],
    table=Project.__table__,
    key=("project_no",),
    file_prefixes=("projects", "项目", "为企办实事", "重点项目"),
    fields=(
        Field("project_no", "项目编号", required=True, aliases=("编号",)),
        Field("name", "项目名称", required=True),
        Field("kind", "项目类型", required=True, choices=("为企办实事", "重点项目")),
        Field("department", "牵头单位", required=True, aliases=("牵头部门", "责任单位"), ref="department"),
        Field("region", "所属县区", aliases=("县区",), ref="region"),
        Field("planned_start", "计划开工日期", "date", aliases=("计划开始日期",)),
        Field("planned_end", "计划完成日期", "date", required=True),
        Field("actual_start", "实际开工日期", "date"),
        Field("investment_plan", "计划投资", "float", aliases=("计划总投资",), minimum=0),
        Field("is_blocked", "是否受阻", "bool", labels=YES_NO),
        Field("blocked_reason", "受阻原因"),
    ),
)

MILESTONES = SourceKind(
    name="milestones",
    label=SOURCE_KIND_NAMES["milestones"],
    table=Milestone.__table__,
    key=("project", "seq"),
    file_prefixes=("milestones", "节点", "倒排工期"),
    fields=(
        Field("project", "项目编号", required=True, ref="project"),
        Field("seq", "节点序号", "int", required=True, aliases=("序号",), minimum=1),
        Field("name", "节点名称", required=True),
        Field("weight", "权重", "float", minimum=0, maximum=1),
        Field("planned_on", "计划完成日期", "date", required=True, aliases=("计划时间",)),
        Field("done_on", "实际完成日期", "date", aliases=("完成日期",)),
    ),
)

PROGRESS = SourceKind(
    name="progress",
    label=SOURCE_KIND_NAMES["progress"],
    table=Progress.__table__,
    key=("project", "month"),
    file_prefixes=("progress", "进展", "月报"),
    fields=(
        Field("project", "项目编号", required=True, ref="project"),
        Field("month", "填报月份", "month", required=True, aliases=("月份",)),
        Field("investment_to_date", "累计完成投资", "float", minimum=0),
        Field("physical_pct", "形象进度", "float", minimum=0, maximum=100),
    ),
)

"""Source kinds of the study report's programmes: the 为企服务专班 roster, the 对标提升清单 of 微改革 measures and the
清风行动 campaign's counts (a file's name columns, if any, are never read: the kind has no field for them)."""

from __future__ import annotations

from data.labels import SOURCE_KIND_NAMES
from data.schema import CleanWindCount, ReformMeasure, Squad
from etl.kinds.base import Field, SourceKind
from etl.kinds.labels import BENCHMARK_SCOPE, REFORM_STATUS, YES_NO

SQUADS = SourceKind(
    name="squads",
    label=SOURCE_KIND_NAMES["squads"],
    table=Squad.__table__,
    key=("name",),
    file_prefixes=("squads", "为企服务专班", "专班"),
    fields=(
        Field("name", "专班名称", required=True, aliases=("专班",)),
        Field("domain", "服务领域", aliases=("领域", "专班类型")),
        Field("department", "牵头单位", aliases=("牵头部门",), ref="department"),
        Field("members", "成员单位"),
        Field("contact_name", "联系人", personal=True),
        Field("contact_phone", "联系电话", personal=True),
    ),
)

REFORM_MEASURES = SourceKind(
    name="reform_measures",
    label=SOURCE_KIND_NAMES["reform_measures"],
    table=ReformMeasure.__table__,
    key=("measure_no",),
    file_prefixes=("reform_measures", "对标提升", "微改革", "双对标"),
    fields=(
        Field("measure_no", "措施编号", required=True, aliases=("编号", "序号编号")),
        Field("name", "改革措施", required=True, aliases=("微改革事项", "措施名称", "改革事项")),
        Field("department", "责任单位", required=True, aliases=("责任部门", "牵头单位"), ref="department"),
        Field(
            "benchmark_scope",
            "对标范围",
            aliases=("对标类型",),
            labels=BENCHMARK_SCOPE,
            choices=tuple(sorted(set(BENCHMARK_SCOPE.values()))),
        ),
        Field("benchmark_city", "对标城市", aliases=("标杆城市", "对标地区")),
        Field("benchmark_indicator", "对标指标", aliases=("对标领域", "指标")),
        Field("planned_start", "计划启动日期", "date", aliases=("计划开始日期",)),
        Field("actual_start", "实际启动日期", "date"),
        Field("planned_on", "计划完成日期", "date", required=True, aliases=("计划落地日期", "完成时限")),
        Field("done_on", "落地日期", "date", aliases=("实际完成日期", "完成日期")),
        Field(
            "status",
            "推进状态",
            required=True,
            aliases=("状态",),
            labels=REFORM_STATUS,
            choices=tuple(sorted(set(REFORM_STATUS.values()))),
        ),
        Field("result", "改革成效", "text", aliases=("成效", "取得成效")),
        Field("is_blocked", "是否受阻", "bool", labels=YES_NO),
        Field("blocked_reason", "受阻原因"),
    ),
)

CLEAN_WIND = SourceKind(
    name="clean_wind",
    label=SOURCE_KIND_NAMES["clean_wind"],
    table=CleanWindCount.__table__,
    key=("campaign", "period", "department"),
    file_prefixes=("clean_wind", "清风行动", "清风"),
    fields=(
        Field("campaign", "专项行动", aliases=("行动名称", "专项名称")),
        Field("period", "统计月份", "month", required=True, aliases=("月份", "填报月份")),
        Field("department", "执法单位", required=True, aliases=("单位", "部门", "被监督单位"), ref="department"),
        Field("region", "所属县区", aliases=("县区", "区县"), ref="region"),
        Field("problems_found", "发现问题数", "int", aliases=("发现问题",), minimum=0),
        Field("problems_rectified", "整改问题数", "int", aliases=("已整改", "整改到位数"), minimum=0),
        Field("exposed", "通报曝光", "int", aliases=("通报曝光数", "通报曝光典型问题"), minimum=0),
        Field("investigated", "立案审查", "int", aliases=("立案审查数", "立案审查调查"), minimum=0),
        Field("prosecuted", "移送起诉", "int", aliases=("移送起诉数", "移送检察机关"), minimum=0),
    ),
)

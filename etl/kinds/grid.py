"""Source kinds of the enterprise service grid: enterprises, stationed cadres, their assignments and visits."""

from __future__ import annotations

from data.labels import SOURCE_KIND_NAMES
from data.schema import Assignment, Cadre, Enterprise, Visit
from etl.kinds.base import Field, SourceKind

ENTERPRISES = SourceKind(
    name="enterprises",
    label=SOURCE_KIND_NAMES["enterprises"],
    table=Enterprise.__table__,
    key=("name",),
    file_prefixes=("enterprises", "企业名录"),
    fields=(
        Field("name", "企业名称", required=True),
        Field("credit_code", "统一社会信用代码", aliases=("信用代码", "社会信用代码")),
        Field("region", "所属县区", aliases=("县区", "区县"), ref="region"),
        Field("park", "所属园区", aliases=("园区",), ref="park"),
        Field("scale", "企业规模", aliases=("规模",)),
        Field("tags", "企业标签", aliases=("标签",)),
    ),
)

CADRES = SourceKind(
    name="cadres",
    label=SOURCE_KIND_NAMES["cadres"],
    table=Cadre.__table__,
    key=("cadre_no",),
    file_prefixes=("cadres", "驻企干部", "干部"),
    fields=(
        Field("cadre_no", "干部编号", required=True, aliases=("编号",)),
        Field("name", "姓名", personal=True),
        Field("department", "派出单位", aliases=("所在单位",), ref="department"),
        Field("region", "服务网格", required=True, aliases=("所属县区", "县区"), ref="region"),
    ),
)

ASSIGNMENTS = SourceKind(
    name="assignments",
    label=SOURCE_KIND_NAMES["assignments"],
    table=Assignment.__table__,
    key=("cadre", "enterprise"),
    file_prefixes=("assignments", "包联"),
    fields=(
        Field("cadre", "干部编号", required=True, ref="cadre"),
        Field("enterprise", "企业名称", required=True, ref="enterprise"),
        Field("since", "包联日期", "date"),
    ),
)

VISITS = SourceKind(
    name="visits",
    label=SOURCE_KIND_NAMES["visits"],
    table=Visit.__table__,
    key=("visit_no",),
    file_prefixes=("visits", "走访"),
    fields=(
        Field("visit_no", "走访编号", required=True, aliases=("编号",)),
        Field("cadre", "干部编号", required=True, ref="cadre"),
        Field("enterprise", "企业名称", required=True, ref="enterprise"),
        Field("region", "所属县区", required=True, aliases=("县区", "服务网格"), ref="region"),
        Field("visited_on", "走访日期", "date", required=True),
        Field("mode", "走访方式"),
        Field("problems_collected", "收集问题数", "int", minimum=0),
        Field("problems_solved", "化解问题数", "int", minimum=0),
        Field("policies_delivered", "送达政策数", "int", minimum=0),
    ),
)

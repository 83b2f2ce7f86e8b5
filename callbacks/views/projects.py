"""为企办实事 · 项目建设 view: the project board of the metric layer, as lamps with their 卡点."""

from __future__ import annotations

from sqlalchemy import Connection

from callbacks.views.context import ViewContext
from callbacks.views.pages import PageDeclaration, Panel
from data.metrics.projects import ProjectStatus, project_board
from layouts.pages import projects as projects_page
from layouts.pages.projects import ProjectLamp, ProjectsView

BOARD_KIND = "为企办实事"
KEY_KIND = "重点项目"


def lamp(project: ProjectStatus) -> ProjectLamp:
    overdue = project.rag.first_overdue
    blocker = f"{overdue.name} 逾期{overdue.days_late}天" if overdue else ""
    return ProjectLamp(
        project_no=project.project_no,
        name=project.name,
        department=project.department,
        status=project.rag.status,
        word=project.rag.word,
        blocker=blocker,
        milestone_progress=project.milestone_progress,
        time_progress=project.time_progress,
        investment_completion=project.investment_completion,
        is_override=project.rag.is_override,
    )


def collect(conn: Connection, context: ViewContext) -> ProjectsView:
    scope = context.period_scope
    rule = context.settings.rag
    return ProjectsView(
        items=tuple(lamp(p) for p in project_board(conn, scope, rule, BOARD_KIND)),
        key_projects=tuple(lamp(p) for p in project_board(conn, scope, rule, KEY_KIND)),
        board_title=BOARD_KIND,
    )


PAGE = PageDeclaration(
    "projects",
    "为企办实事 · 项目建设",
    collect,
    projects_page.build,
    (
        Panel("board", ("projects", "milestones", "progress")),
        Panel("key_progress", ("projects", "milestones", "progress")),
        Panel("key_behind", ("projects", "milestones", "progress")),
    ),
)

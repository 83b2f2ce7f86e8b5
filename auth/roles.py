"""The four roles, in order: each one may do everything the ones before it may."""

from __future__ import annotations

VIEWER, LEADER, OPERATOR, ADMIN = "viewer", "leader", "operator", "admin"
ROLES = (VIEWER, LEADER, OPERATOR, ADMIN)
ROLE_LABELS = {VIEWER: "访客（大屏）", LEADER: "领导（调度会）", OPERATOR: "数据操作员", ADMIN: "管理员"}
LOGIN_ROLES = (LEADER, OPERATOR, ADMIN)


def role_allows(role: str | None, needed: str) -> bool:
    """Whether ``role`` (None = not logged in, i.e. a viewer) may do what needs ``needed``."""
    have = ROLES.index(role) if role in ROLES else 0
    return have >= ROLES.index(needed)

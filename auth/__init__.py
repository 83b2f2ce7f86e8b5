"""Accounts and roles: password hashing, users, the login session and the server-side checks on every request.

viewer (the wall, never a login) < leader (meeting, department view, brief) < operator (+ uploads, runs,
overrides) < admin (+ accounts).
"""

from auth.roles import ADMIN, LEADER, OPERATOR, ROLES, VIEWER, role_allows

__all__ = ["ADMIN", "LEADER", "OPERATOR", "ROLES", "VIEWER", "role_allows"]

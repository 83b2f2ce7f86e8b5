"""Accounts and the audit trails that name a person: users and their roles, their open sessions, failed logins,
colour overrides, and the one audit log of logins and of every admin or operator action."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base


class AppUser(Base):
    """A person who logs in (the wall never does); a password, role or account change ends their sessions. A
    disabled account (``active`` false) cannot log in; ``must_change_password`` (after an admin's reset) lets the
    user do nothing but set a new password."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    must_change_password: Mapped[bool] = mapped_column(Boolean, server_default=false())
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginSession(Base):
    """One open login session. The browser holds only a random token; this row holds its SHA-256, so a session
    ends for good when its row is deleted (logout, password, role or account change, an admin, a timeout)."""

    __tablename__ = "login_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    ip: Mapped[str] = mapped_column(String(64))
    user_agent: Mapped[str] = mapped_column(String(200))


class LoginFailure(Base):
    """One failed login; recent ones per IP and user name rate-limit further attempts."""

    __tablename__ = "login_failure"
    id: Mapped[int] = mapped_column(primary_key=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class OverrideAudit(Base):
    """One setting or clearing of a project's manual colour: who, when, why, and what it replaced."""

    __tablename__ = "override_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    project_no: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(10))
    status: Mapped[str | None] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    previous_status: Mapped[str | None] = mapped_column(String(10))
    previous_reason: Mapped[str | None] = mapped_column(String(500))
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """One entry of the audit log: when, who (an account name, ``命令行`` or ``系统``), what (``data.audit.ACTIONS``),
    on what (an account, a file, a project, a screen) and a short detail in words."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)

"""Sessions held on the server. The signed cookie carries only a random token; the store keeps its hash, when the
session opened and when it was last used. A session ends when its row goes: at logout, when the user's password,
role or account changes, when an admin ends it, after ``[auth] idle_minutes`` without a request or
``[auth] session_hours`` after login, whatever happened in between."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from auth.settings import AuthSettings
from data import audit
from data.audit import CLI_ACTOR
from data.engine import Store
from data.sessions import (
    OpenSession,
    end_expired_sessions,
    end_session,
    end_user_sessions,
    find_session,
    list_sessions,
    open_session,
    touch_session,
)

TOKEN_KEY = "sid"
TOUCH_EVERY = timedelta(seconds=60)  # activity is written at most once a minute per session


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def start_session(store: Store, username: str, ip: str, user_agent: str) -> str:
    """Open a session for ``username``; the token for the browser's cookie."""
    token = secrets.token_urlsafe(32)
    with store.write() as conn:
        open_session(conn, username, token_hash(token), ip, user_agent, store.now())
    return token


def resume_session(store: Store, token: object, auth: AuthSettings) -> OpenSession | None:
    """The open session behind ``token``, its activity noted; None (and the session ended) once it has expired."""
    if not isinstance(token, str) or not token:
        return None
    with store.read() as conn:
        found = find_session(conn, token_hash(token))
    if found is None:
        return None
    now = store.now()
    idle_before = now - timedelta(minutes=auth.idle_minutes)
    created_before = now - timedelta(hours=auth.session_hours)
    if found.last_seen_at < idle_before or found.created_at < created_before:
        with store.write() as conn:
            end_expired_sessions(conn, idle_before, created_before)
        return None
    if now - found.last_seen_at >= TOUCH_EVERY:
        with store.write() as conn:
            touch_session(conn, found.id, now)
    return found


def end_session_of(store: Store, token: object) -> None:
    """End the session behind ``token`` (logout, audited)."""
    if not isinstance(token, str) or not token:
        return
    with store.read() as conn:
        found = find_session(conn, token_hash(token))
    if found is not None:
        with store.write() as conn:
            if end_session(conn, found.id):
                audit.record(conn, store.now(), found.username, "logout")


def open_sessions(store: Store, auth: AuthSettings) -> list[OpenSession]:
    """Every session still open (the expired ones ended first), most recently used first — for an admin."""
    now = store.now()
    with store.write() as conn:
        end_expired_sessions(
            conn, now - timedelta(minutes=auth.idle_minutes), now - timedelta(hours=auth.session_hours)
        )
        return list_sessions(conn)


def end_sessions_of(store: Store, username: str, actor: str = CLI_ACTOR) -> int:
    """End every session of ``username`` (an admin logging someone out, audited); how many there were."""
    with store.write() as conn:
        ended = end_user_sessions(conn, username)
        audit.record(conn, store.now(), actor, "user.sessions", username, f"{ended} 个会话")
        return ended

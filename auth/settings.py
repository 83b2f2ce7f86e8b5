"""The ``[auth]`` section of the config (session lifetime and idle timeout, login rate limit, cookie flags) and the
session secret.

The secret signs the session cookie. It lives in ``<instance_dir>/secret_key``, generated on first start and never
printed; every web worker of a deployment reads the same file.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from config import Settings

SECRET_FILE = "secret_key"


@dataclass(frozen=True)
class AuthSettings:
    session_hours: float = 12.0
    idle_minutes: float = 60.0
    max_failures: int = 5
    failure_window_minutes: float = 15.0
    secure_cookies: bool = False

    @classmethod
    def of(cls, settings: Settings) -> AuthSettings:
        raw = settings.extra.get("auth", {})
        return cls(
            session_hours=float(raw.get("session_hours", cls.session_hours)),
            idle_minutes=float(raw.get("idle_minutes", cls.idle_minutes)),
            max_failures=int(raw.get("max_failures", cls.max_failures)),
            failure_window_minutes=float(raw.get("failure_window_minutes", cls.failure_window_minutes)),
            secure_cookies=bool(raw.get("secure_cookies", cls.secure_cookies)),
        )


def session_secret(instance_dir: Path) -> str:
    """The deployment's cookie-signing secret, created (readable by its owner only) when first needed."""
    path = instance_dir / SECRET_FILE
    instance_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()

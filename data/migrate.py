"""Schema migrations: bring any database up to the current schema with Alembic, keeping its data."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from data.engine import Store

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(store: Store) -> str | None:
    with store.writer.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(store: Store, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` in one transaction (SQLite: under ``BEGIN IMMEDIATE``)."""
    cfg = alembic_config()
    with store.write() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def is_current(store: Store) -> bool:
    return current_revision(store) == head_revision()

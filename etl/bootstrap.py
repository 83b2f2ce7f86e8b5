"""Make a database ready for use: create or upgrade its schema, then seed its dimensions from config."""

from __future__ import annotations

from sqlalchemy import exists, select

from config import Settings
from data.clock import local_today
from data.engine import Store, open_store
from data.migrate import upgrade
from data.schema import Appeal, ClearanceIssue, Project, Review
from etl.seed import seed_dimensions


def prepare_store(settings: Settings) -> tuple[Store, list[str]]:
    """Open the configured database, migrate it to the current schema and seed dimensions (idempotent)."""
    store = open_store(settings.database_url, settings.database, settings.timezone)
    upgrade(store)
    with store.write() as conn:
        notes = seed_dimensions(conn, settings, local_today(settings.timezone).year)
    return store, notes


def has_facts(store: Store) -> bool:
    """Whether anything has been loaded yet (the demo is loaded only into an empty store)."""
    with store.read() as conn:
        return any(
            conn.execute(select(exists().select_from(m.__table__))).scalar()
            for m in (Appeal, ClearanceIssue, Project, Review)
        )

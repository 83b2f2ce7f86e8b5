"""Make a database ready for use: create or upgrade its schema, then seed its dimensions from config."""

from __future__ import annotations

from sqlalchemy import exists, select

from config import Settings
from data.clock import local_now
from data.engine import Store, open_store
from data.migrate import upgrade
from data.schema import Appeal, ClearanceIssue, Project, Review
from etl.quarters import close_quarters
from etl.seed import seed_dimensions


def prepare_store(settings: Settings) -> tuple[Store, list[str]]:
    """Open the configured database, migrate it to the current schema, seed dimensions (idempotent) and issue the
    quarters that closed while the app was not running (``etl.quarters``)."""
    store = open_store(settings.database_url, settings.database, settings.timezone)
    upgrade(store)
    now = local_now(settings.timezone)
    with store.write() as conn:
        notes = seed_dimensions(conn, settings, now.year)
        close_quarters(conn, settings, now)
    return store, notes


def has_facts(store: Store) -> bool:
    """Whether anything has been loaded yet (the demo is loaded only into an empty store)."""
    with store.read() as conn:
        return any(
            conn.execute(select(exists().select_from(m.__table__))).scalar()
            for m in (Appeal, ClearanceIssue, Project, Review)
        )

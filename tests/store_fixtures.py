"""Shared helpers for tests that need a real, migrated and seeded database in a temp folder."""

from __future__ import annotations

from pathlib import Path

from config import Settings, load_settings
from data.engine import Store
from etl.bootstrap import prepare_store


def fresh_store(tmp_path: Path, name: str = "test.db", **overrides) -> tuple[Store, Settings]:
    """A new SQLite store under ``tmp_path``, migrated and seeded from the built-in demo-city config."""
    settings = load_settings(environ={}, database_url=f"sqlite:///{tmp_path / name}", **overrides)
    store, _notes = prepare_store(settings)
    return store, settings

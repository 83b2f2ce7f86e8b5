"""Helpers for the import tests: the corpus folder and a fresh seeded store copied from a template (fast)."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path
from tempfile import mkdtemp

from config import Settings, load_settings
from data.engine import Store
from etl.bootstrap import prepare_store

CORPUS = Path(__file__).with_name("corpus") / "files"


@cache
def _template() -> Path:
    """One migrated, seeded database per test session; each test gets a copy."""
    path = Path(mkdtemp(prefix="battlemap-import-")) / "template.db"
    store, _notes = prepare_store(load_settings(environ={}, database_url=f"sqlite:///{path}"))
    store.dispose()
    return path


def import_store(tmp_path: Path, **overrides) -> tuple[Store, Settings]:
    """A new store under ``tmp_path`` (copied from the template), with its settings."""
    target = tmp_path / "import.db"
    shutil.copy(_template(), target)
    settings = load_settings(environ={}, database_url=f"sqlite:///{target}", **overrides)
    store, _notes = prepare_store(settings)
    return store, settings

"""The reconciliation check (``battlemap check``, ``/health``): the wall's 总览 figures against the same figures
recomputed from the fact rows — equal on a freshly loaded store; a summary out of step with its facts listed with
both values, the command failing and /health degraded."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select, update

from callbacks.views.check import check_overview
from callbacks.views.context import ViewContext
from callbacks.views.overview import collect
from data.clock import local_now
from data.engine import Store
from data.schema import AppealReceivedDaily
from etl.importer import import_file
from server import install
from tests.import_fixtures import CORPUS
from tests.store_fixtures import fresh_store


@pytest.fixture
def loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, instance_dir=tmp_path / "instance")
    [result] = import_file(store, settings, CORPUS / "appeals_utf8.csv")
    assert result.status == "loaded"
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", settings.database_url)
    yield store, settings
    store.dispose()


def _check(store: Store, settings):  # type: ignore[no-untyped-def]
    context = ViewContext(settings, local_now(settings.timezone))
    with store.read() as conn:
        return check_overview(conn, context, collect(conn, context))


def _add_a_phantom_appeal(store: Store) -> int:
    """One summary row counts an appeal the facts do not have; returns the facts' count of that day."""
    table = AppealReceivedDaily.__table__
    with store.write() as conn:
        row = conn.execute(select(table.c.id, table.c.appeals).order_by(table.c.received_on.desc()).limit(1)).one()
        conn.execute(update(table).where(table.c.id == row.id).values(appeals=table.c.appeals + 1))
    return row.appeals


def test_a_freshly_loaded_store_reconciles(loaded, capsys) -> None:  # type: ignore[no-untyped-def]
    from cli import main

    store, settings = loaded
    result = _check(store, settings)
    assert result.ok and result.facts["appeals"] > 0
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "全部 11 项一致" in out and f"{result.facts['appeals']:,}" in out


def test_a_summary_out_of_step_with_its_facts_is_listed(loaded, capsys) -> None:  # type: ignore[no-untyped-def]
    from cli import main

    store, settings = loaded
    before = _check(store, settings).facts["appeals"]
    _add_a_phantom_appeal(store)
    result = _check(store, settings)
    assert [(d.key, d.served, d.facts) for d in result.differences] == [("appeals", before + 1, before)]
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    line = next(line for line in captured.out.splitlines() if line.startswith("受理企业诉求"))
    assert line.split()[1:] == [f"{before + 1:,}", f"{before:,}", "不一致"]
    assert "1 项不一致" in captured.err

    server = Flask("check-test")
    install(server, store, settings, lambda: result)
    report = server.test_client().get("/health").get_json()
    assert report["status"] == "degraded" and report["figures"]["ok"] is False
    assert report["figures"]["differences"] == [
        {"figure": "appeals", "label": "受理企业诉求（件）", "served": before + 1, "facts": before}
    ]

"""Manual colours: a reason is mandatory, every set and clear is kept in the audit trail with who and what it
replaced, the board shows the override as one, and only an operator's session can make one over HTTP."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app import create_app
from auth.users import add_account
from data.audit import entries as audit_entries
from data.drilldown import project_rows
from data.metrics.scope import Scope
from data.overrides import override_history
from data.schema import Department, Project
from etl.overrides import OverrideError, clear_override, set_override
from tests.auth_client import login, page_headers
from tests.store_fixtures import fresh_store

NOW = datetime(2026, 11, 27, 9, 0)


@pytest.fixture
def store_with_project(tmp_path):  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    with store.write() as conn:
        department = conn.execute(select(Department.id).where(Department.name == "市税务局")).scalar_one()
        conn.execute(
            Project.__table__.insert().values(
                project_no="XM001", name="纳税缴费非接触式办理", kind="为企办实事", department_id=department,
                planned_start=date(2026, 1, 1), planned_end=date(2026, 12, 31), is_blocked=False,
            )
        )  # fmt: skip
    yield store, settings
    store.dispose()


def test_override_needs_a_reason_and_is_audited(store_with_project) -> None:  # type: ignore[no-untyped-def]
    store, settings = store_with_project
    with pytest.raises(OverrideError, match="原因"):
        set_override(store, settings, "XM001", "red", "   ", "oper", NOW)
    with pytest.raises(OverrideError):
        clear_override(store, settings, "XM001", "没有认定过", "oper", NOW)
    set_override(store, settings, "XM001", "green", "已开工，进度未上报", "oper", NOW)
    with store.read() as conn:
        board = project_rows(conn, Scope(today=date(2026, 11, 27)), settings.rag)
    # computed: red (not started three months after its planned start); shown: the override, marked as one
    assert board.loc[0, "status"] == "green" and board.loc[0, "override"] == "人工认定（已开工，进度未上报）"
    clear_override(store, settings, "XM001", "已复工", "admin", datetime(2026, 11, 28, 9, 0))
    with store.read() as conn:
        history = override_history(conn, "XM001")
        board = project_rows(conn, Scope(today=date(2026, 11, 27)), settings.rag)
    columns = ["action", "status", "reason", "previous_status", "username"]
    assert history[columns].astype(object).where(history[columns].notna(), None).values.tolist() == [
        ["clear", None, "已复工", "green", "admin"],
        ["set", "green", "已开工，进度未上报", None, "oper"],
    ]
    with store.read() as conn:
        logged = [(e.actor, e.action, e.target, e.detail) for e in audit_entries(conn)]
    assert logged == [
        ("admin", "override.clear", "XM001", "green → -；原因：已复工"),
        ("oper", "override.set", "XM001", "- → green；原因：已开工，进度未上报"),
    ]
    assert board.loc[0, "override"] == "" and board.loc[0, "status"] == "red"


def _override_body(app, project_no: str, reason: str) -> str:  # type: ignore[no-untyped-def]
    key = next(k for k in app.callback_map if "op-override-message" in k)
    return json.dumps(
        {
            "output": key,
            "outputs": [
                {"id": "op-override-message", "property": "children"},
                {"id": "op-refresh", "property": "data"},
            ],
            "inputs": [
                {"id": "op-override-set", "property": "n_clicks", "value": 1},
                {"id": "op-override-clear", "property": "n_clicks", "value": 0},
            ],
            "state": [
                {"id": "op-project", "property": "value", "value": project_no},
                {"id": "op-colour", "property": "value", "value": "yellow"},
                {"id": "op-reason", "property": "value", "value": reason},
                {"id": "op-refresh", "property": "data", "value": 0},
            ],
            "changedPropIds": ["op-override-set.n_clicks"],
        }
    )


def test_only_an_operator_can_override_over_http(store_with_project) -> None:  # type: ignore[no-untyped-def]
    store, settings = store_with_project
    add_account(store, "lead", "leader", "leader-pass-1")
    add_account(store, "oper", "operator", "operator-pass-1")
    app = create_app(settings, store)
    body = _override_body(app, "XM001", "专班调度后仍滞后")
    anonymous, leader, operator = (app.server.test_client() for _ in range(3))
    login(leader, "lead", "leader-pass-1")
    login(operator, "oper", "operator-pass-1")
    post = {"path": "/_dash-update-component", "data": body, "content_type": "application/json"}
    assert anonymous.post(**post, headers=page_headers(anonymous)).status_code == 403
    assert leader.post(**post, headers=page_headers(leader)).status_code == 403
    with store.read() as conn:
        assert override_history(conn).empty
    response = operator.post(**post, headers=page_headers(operator))
    assert response.status_code == 200 and "已将 XM001 人工认定为“相对迟缓”" in response.get_data(as_text=True)
    with store.read() as conn:
        history = override_history(conn)
    assert history[["project_no", "status", "reason", "username"]].values.tolist() == [
        ["XM001", "yellow", "专班调度后仍滞后", "oper"]
    ]

"""Free text on the wall: one scrubber masks mobile and fixed-line numbers, 18-digit ID numbers and the names held
in the configured personal-name fields, wherever they stand in a string; values planted in every kind's text
fields, or typed into a notice on /ops, never reach any /wall response."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import String, Text, update

from app import VIEWS_EXTENSION, create_app
from config import load_settings
from data.privacy import PrivacyConfigError, Scrubber, check_fields
from data.schema import Appeal, Base, Cadre
from etl.screens import post_notice
from layouts.shell import PAGE_TYPE
from tests.auth_client import SITE
from tests.fixtures_metrics import build_metric_db

PERSON = "欧阳建国"
MOBILE, MOBILE_SPACED = "13912345678", "139 1234 5678"
FIXED = "0551-65123456"
ID_NUMBER, ID_WITH_X = "340104199003071234", "34010419900307123X"
PLANTED = f"·联系人{PERSON}电话{MOBILE}或{MOBILE_SPACED}座机{FIXED}身份证{ID_NUMBER}/{ID_WITH_X}"
SECRETS = (PERSON, MOBILE, MOBILE_SPACED, FIXED, "65123456", ID_NUMBER, ID_WITH_X, "3401041990")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目联系人欧阳建国13812345678", "项目联系人欧**·***".replace("·", "")),
        ("电话 138-1234-5678、+86 139 1234 5678、+8613712345678", "电话 ***、***、***"),
        ("１３８１２３４５６７８（全角）", "***（全角）"),
        ("座机0551-65123456转801，(010)8765 4321，057187654321", "座机***，***，***"),
        ("身份证340104199003071234与34010419900307123x", "身份证***与***"),
        ("2026-11-03 投资12345678万元，工单HC202611030001", "2026-11-03 投资12345678万元，工单HC202611030001"),
        ("编号1381234567890（13位）", "编号1381234567890（13位）"),
    ],
)
def test_the_scrubber_masks_numbers_and_known_names(text: str, expected: str) -> None:
    assert Scrubber([PERSON, "李", ""]).text(text) == expected


def test_the_scrubber_walks_views_and_keeps_everything_else() -> None:
    @dataclass(frozen=True)
    class Row:
        name: str
        value: float

    view = {"rows": (Row(f"一号{MOBILE}", 1.5), Row("二号", 2.0)), "title": [PERSON, 3]}
    assert Scrubber([PERSON]).scrub(view) == {"rows": (Row("一号***", 1.5), Row("二号", 2.0)), "title": ["欧**", 3]}


def test_an_unknown_personal_name_field_is_refused_by_name() -> None:
    check_fields(("appeal.contact_name", "cadre.name"))
    with pytest.raises(PrivacyConfigError, match=r"appeal\.nobody"):
        check_fields(("appeal.nobody",))


def _free_text_columns():  # type: ignore[no-untyped-def]
    """Every text field a kind carries that is free text or a name (keys and short codes excluded)."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.unique or column.primary_key or column.foreign_keys:
                continue
            long_text = isinstance(column.type, Text) or (
                isinstance(column.type, String) and (column.type.length or 0) >= 100
            )
            if long_text or (isinstance(column.type, String) and column.name in ("name", "title")):
                yield table, column


def _wall_responses(app, client) -> str:  # type: ignore[no-untyped-def]
    """Everything the wall's browser receives: its first layout, every page, the status poll (a named wall's too)."""
    headers = {"Origin": SITE, "Referer": f"{SITE}/wall"}
    texts = [client.get(path).get_data(as_text=True) for path in ("/wall", "/api/status", "/api/status?screen=hall")]
    route = {
        "output": "..page-root.children...page-served.data..",
        "outputs": [{"id": "page-root", "property": "children"}, {"id": "page-served", "property": "data"}],
        "inputs": [{"id": "url", "property": "pathname", "value": "/wall"}],
        "state": [{"id": "page-served", "property": "data", "value": None}],
        "changedPropIds": ["url.pathname"],
    }
    pages = len(app.server.extensions[VIEWS_EXTENSION].settings.wall_pages)
    key = next(k for k in app.callback_map if "wall-rendered.data" in k and k.startswith(".."))
    fetch = {
        "output": key,
        "outputs": [
            [{"id": {"type": PAGE_TYPE, "index": i}, "property": "children"} for i in range(pages)],
            {"id": "wall-rendered", "property": "data"},
            {"id": "wall-version", "property": "data"},
        ],
        "inputs": [{"id": "wall-want", "property": "data", "value": {"pages": list(range(pages))}}],
        "state": [
            {"id": "wall-rendered", "property": "data", "value": {}},
            {"id": "wall-nav", "property": "data", "value": {"index": 0}},
        ],
        "changedPropIds": ["wall-want.data"],
    }
    for body in (route, fetch):
        response = client.post(
            "/_dash-update-component", data=json.dumps(body), content_type="application/json", headers=headers
        )
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        texts.append(json.dumps(response.get_json(), ensure_ascii=False))
    return "\n".join(texts)


def test_personal_data_planted_in_every_text_field_never_reaches_the_wall(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = build_metric_db(tmp_path / "wall.db")
    settings = load_settings(environ={}, database_url=store.url, load_demo_on_empty=False, instance_dir=tmp_path)
    columns = list(_free_text_columns())
    planted = {f"{t.name}.{c.name}" for t, c in columns}
    assert {"project.name", "clearance_issue.title", "milestone.name", "award.reasons", "refusal.reason"} <= planted
    with store.write() as conn:
        for table, column in columns:
            conn.execute(update(table).where(column.is_not(None)).values({column.name: column + PLANTED}))
        conn.execute(update(Appeal.__table__).values(contact_name=PERSON, contact_phone=MOBILE))
        conn.execute(update(Cadre.__table__).values(name=PERSON))
    app = create_app(settings, store)
    text = _wall_responses(app, app.server.test_client())
    assert "***" in text and "·联系人欧**电话***" in text  # the planted text reached the wall, masked
    assert [s for s in SECRETS if s in text] == []
    store.dispose()


@pytest.mark.parametrize("after_first_build", [False, True])
def test_a_notice_typed_with_numbers_and_a_name_reaches_the_wall_masked(tmp_path, after_first_build: bool) -> None:  # type: ignore[no-untyped-def]
    store = build_metric_db(tmp_path / "wall.db")
    settings = load_settings(environ={}, database_url=store.url, load_demo_on_empty=False, instance_dir=tmp_path)
    with store.write() as conn:
        conn.execute(update(Appeal.__table__).values(contact_name=PERSON))
    now = store.now()
    post_notice(store, None, f"热烈欢迎{PLANTED}", "full", (None, now + timedelta(hours=1)), "op", now)
    app = create_app(settings, store, start_views=after_first_build)
    if after_first_build:
        assert app.server.extensions[VIEWS_EXTENSION].wait_ready(60)
    client = app.server.test_client()
    polls = [client.get(f"/api/status?screen={name}").get_json() for name in ("hall", "")]
    expected = "热烈欢迎·联系人欧**电话***或***座机***身份证***/***"
    assert [poll["orders"]["notice"]["text"] for poll in polls] == [expected, expected]
    text = _wall_responses(app, client) if after_first_build else json.dumps(polls, ensure_ascii=False)
    assert expected in text and [s for s in SECRETS if s in text] == []
    store.dispose()


def test_the_default_config_names_the_personal_name_fields() -> None:
    assert load_settings(environ={}).personal_name_fields == ("appeal.contact_name", "cadre.name")

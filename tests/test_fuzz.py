"""A bounded fuzz of the endpoints a stranger can reach: the login form, the upload, every Dash callback —
malformed JSON, huge fields, wrong types, odd encodings. Whatever arrives, the answer is never a 500 and never
carries a traceback, SQL or a file path of the server."""

from __future__ import annotations

import base64
import json
import random

import pytest

from app import create_app
from auth.users import add_account
from tests.auth_client import SITE, form_token, login, post_callback, upload_body
from tests.store_fixtures import fresh_store

PASSWORD = "correct-horse-9"
LEAKS = ("Traceback", 'File "/', "sqlalchemy", "[SQL", "site-packages")
WEIRD_VALUES = (
    None,
    True,
    -1,
    10**30,
    1.5e308,
    "",
    "\x00",
    "😀" * 2000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    [],
    [None, {"a": [1]}],
    {"": None},
    {"pages": "all"},
    {"index": "x"},
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("fuzz")
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    add_account(store, "boss", "admin", PASSWORD)
    app = create_app(settings, store)
    yield app
    store.dispose()


def _clean(response, what: str) -> None:  # type: ignore[no-untyped-def]
    text = response.get_data(as_text=True)
    assert response.status_code < 500, (what, response.status_code, text[:300])
    assert [leak for leak in LEAKS if leak in text] == [], (what, text[:300])


def test_login_takes_any_form_without_a_500(site) -> None:  # type: ignore[no-untyped-def]
    client = site.server.test_client()
    token = form_token(client)
    forms = [
        {},
        {"username": "boss"},
        {"username": ["boss", "boss"], "password": [PASSWORD, "x"]},
        {"username": "b" * 100_000, "password": "p" * 100_000},
        {"username": "\x00boss", "password": "\x00"},
        {"username": "boss", "password": "😀" * 5000, "next": "\r\n" * 50},
        {"username": "' OR '1'='1", "password": "' OR '1'='1"},
        {"next": "javascript:alert(1)", "username": "\ufffe\u202e", "password": "x"},
    ]
    for form in forms:
        _clean(client.post("/login", data={**form, "csrf_token": token}, headers={"Origin": SITE}), repr(form)[:80])
    for body, kind in (
        (b"\xff\xfe\x00garbage", "application/x-www-form-urlencoded"),
        (b'{"username": "boss"}', "application/json"),
        (b'--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nboss\r\n--x--', "multipart/form-data"),
        (b"username=%ZZ%00&password=%E0%A4%A", "application/x-www-form-urlencoded"),
    ):
        _clean(client.post("/login", data=body, content_type=kind, headers={"Origin": SITE}), kind)
    assert login(client, "boss", PASSWORD).status_code == 302  # and a real login still works


@pytest.fixture(scope="module")
def admin(site):  # type: ignore[no-untyped-def]
    client = site.server.test_client()
    login(client, "boss", PASSWORD)
    return client


def test_malformed_callback_bodies_are_refused_without_a_500(site, admin) -> None:  # type: ignore[no-untyped-def]
    key = next(iter(site.callback_map))
    bodies = [
        b"",
        b"{",
        b"[]",
        b"null",
        b'"text"',
        b"\xff\xfe",
        b'{"output": 5}',
        json.dumps({"output": key}),
        json.dumps({"output": key, "inputs": "x", "outputs": 7}),
        json.dumps({"output": key, "inputs": [1, 2], "state": {"a": 1}, "outputs": [[[]]]}),
        json.dumps({"output": key, "inputs": [{"id": None}], "outputs": {"id": {"type": 1}}}),
        json.dumps({"output": "x" * 100_000, "inputs": []}),
        json.dumps({"output": key, "inputs": [], "changedPropIds": 5}),
        "[" * 5000 + "]" * 5000,
    ]
    for body in bodies:
        _clean(post_callback(admin, body), repr(body)[:80])
    anonymous = site.server.test_client()
    for body in bodies:
        _clean(post_callback(anonymous, body), repr(body)[:80])


def _ids(site, key: str) -> tuple[list[dict], list[dict]]:  # type: ignore[no-untyped-def]
    """The callback's inputs and states as (id, property) stubs, from Dash's own dependency list."""
    spec = next(s for s in site._callback_list if s["output"] == key)
    return spec["inputs"], spec["state"]


def test_every_callback_with_wrong_types_answers_without_a_500(site, admin) -> None:  # type: ignore[no-untyped-def]
    """Each callback gets every weird value in all of its inputs (states drawn at random), then three rounds mixed."""
    rng = random.Random(17)
    keys = sorted(site.callback_map)
    assert len(keys) >= 20
    for key in keys:
        inputs, states = _ids(site, key)
        rounds = [[value] * len(inputs) for value in WEIRD_VALUES]
        rounds += [[rng.choice(WEIRD_VALUES) for _ in inputs] for _round in range(3)]
        for values in rounds:
            body = {
                "output": key,
                "outputs": [],
                "inputs": [{**i, "value": value} for i, value in zip(inputs, values, strict=True)],
                "state": [{**s, "value": rng.choice(WEIRD_VALUES)} for s in states],
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs[:1]],
            }
            _clean(post_callback(admin, json.dumps(body)), f"{key} {body['inputs']}"[:200])


def test_hostile_uploads_answer_without_a_500(site, admin) -> None:  # type: ignore[no-untyped-def]
    good = "data:text/csv;base64," + base64.b64encode("诉求编号,企业名称\nA1,甲\n".encode()).decode()
    cases = [
        ([good], ["企业诉求.csv", "second.csv"]),  # more names than files
        ([good, good], ["a.csv"]),
        (["not a data url"], ["a.csv"]),
        (["data:text/csv;base64,%%%%"], ["a.csv"]),
        ([good], [None]),
        ([good], [{"name": "a.csv"}]),
        ([good], ["../" * 50 + "etc/passwd"]),
        ([good], ["\x00.csv"]),
        ([good], ["a" * 5000 + ".csv"]),
        (good, "a.csv"),  # a string, not a list
        ([5], ["a.csv"]),
        ([good], 7),
    ]
    for contents, names in cases:
        body = upload_body(site, contents, names)
        _clean(post_callback(admin, json.dumps(body)), repr(names)[:80])

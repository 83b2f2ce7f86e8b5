"""The screens (issue 18) without a browser: heartbeats are bounded and kept per name, what each screen is told
(its own orders over those for all, quiet hours across midnight, notices in their window), every order audited, bad
orders refused with a message, online/offline and version lag, and /ops for operators only."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from auth.roles import LEADER, OPERATOR
from auth.users import add_account
from data import screens as rows
from data.audit import screen_history
from data.screens import Heartbeat, in_quiet_hours, is_online, screen_orders, version_lag
from etl import screens as service
from etl.screens import HeartbeatWriter, ScreenCommandError, parse_heartbeat, screen_name
from tests.auth_client import SITE, login
from tests.store_fixtures import fresh_store

NOW = datetime(2026, 12, 2, 21, 30)
PAGES = {"overview": "总览", "appeals": "企业诉求"}


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    store, _settings = fresh_store(tmp_path, load_demo_on_empty=False)
    yield store
    store.dispose()


def beat(name: str, at: datetime = NOW, page: str = "overview", up: int = 60) -> Heartbeat:
    return Heartbeat(name, page, "7@2026-12-02", "1920x1080", up, 41.0, 0, at)


def test_a_heartbeat_is_read_from_the_poll_and_every_value_is_bounded() -> None:
    args = {
        "screen": "大厅入口",
        "page": "appeals",
        "shown": "7@2026-12-02",
        "canvas": "3840x2160",
        "up": "3600",
        "heap": "52",
        "errors": "2",
    }
    assert parse_heartbeat(args, NOW) == Heartbeat(
        "大厅入口", "appeals", "7@2026-12-02", "3840x2160", 3600, 52.0, 2, NOW
    )
    hostile = {"screen": "hall", "page": "x" * 500, "canvas": "<svg>", "up": "1e30", "heap": "-5", "errors": "nan"}
    got = parse_heartbeat(hostile, NOW)
    assert got == Heartbeat("hall", "x" * 40, None, None, 10**8, 0.0, 0, NOW)
    for bad in ("", "   ", "../etc", "a b", "x" * 41, "ha\nll", "<script>"):
        assert parse_heartbeat({"screen": bad}, NOW) is None
    assert screen_name(" 调度会-1 ") == "调度会-1"


def test_heartbeats_keep_the_latest_per_screen_and_at_most_max_screens(store) -> None:  # type: ignore[no-untyped-def]
    writer = HeartbeatWriter(store, max_screens=2)
    writer.submit(beat("hall", NOW - timedelta(seconds=30), page="overview"))
    writer.submit(beat("hall", NOW, page="appeals", up=90))
    writer.submit(beat("room"))
    writer.submit(beat("third"))  # over the bound: dropped before it reaches the database
    assert writer.flush() == 2
    with store.write() as conn:
        assert rows.record_heartbeats(conn, [beat("fourth")], max_screens=2) == 0
        listed = rows.screens(conn)
    assert [(s.name, s.page, s.uptime_seconds, s.loaded_at, s.last_seen) for s in listed] == [
        ("hall", "appeals", 90, NOW - timedelta(seconds=90), NOW),
        ("room", "overview", 60, NOW - timedelta(seconds=60), NOW),
    ]


@pytest.mark.parametrize(
    ("start", "end", "clock", "quiet"),
    [
        ("22:00", "07:00", "21:59", False),
        ("22:00", "07:00", "22:00", True),
        ("22:00", "07:00", "00:00", True),
        ("22:00", "07:00", "06:59", True),
        ("22:00", "07:00", "07:00", False),
        ("12:00", "13:30", "11:59", False),
        ("12:00", "13:30", "12:00", True),
        ("12:00", "13:30", "13:29", True),
        ("12:00", "13:30", "13:30", False),
    ],
)
def test_quiet_hours_at_their_boundaries(start: str, end: str, clock: str, quiet: bool) -> None:
    assert in_quiet_hours(start, end, time.fromisoformat(clock)) is quiet


def test_a_screen_follows_its_own_orders_over_those_for_all(store) -> None:  # type: ignore[no-untyped-def]
    service.freeze(store, PAGES, None, "appeals", "op", NOW)
    with store.read() as conn:
        assert screen_orders(conn, "hall", NOW).frozen_page == "appeals"
        assert screen_orders(conn, None, NOW).frozen_page == "appeals"
    service.resume(store, "hall", "op", NOW)
    with store.read() as conn:
        assert screen_orders(conn, "hall", NOW).frozen_page is None
        assert screen_orders(conn, "room", NOW).frozen_page == "appeals"
    service.freeze(store, PAGES, "*", "overview", "op", NOW)  # an order for all replaces each screen's own
    with store.read() as conn:
        assert screen_orders(conn, "hall", NOW).frozen_page == "overview"
    service.quiet_hours(store, "room", "22:00", "07:00", "op", NOW)
    with store.read() as conn:
        room, hall = (
            screen_orders(conn, "room", NOW.replace(hour=23)),
            screen_orders(conn, "hall", NOW.replace(hour=23)),
        )
    assert (room.quiet, room.quiet_hours, hall.quiet, hall.quiet_hours) == (True, "22:00-07:00", False, None)


def test_a_reload_changes_the_number_of_that_screen_only_or_of_all(store) -> None:  # type: ignore[no-untyped-def]
    def reloads() -> tuple[int, int]:
        with store.read() as conn:
            return screen_orders(conn, "hall", NOW).reload, screen_orders(conn, "room", NOW).reload

    assert reloads() == (0, 0)
    service.reload(store, "hall", "op", NOW)
    assert reloads() == (1, 0)
    service.reload(store, None, "op", NOW)
    assert reloads() == (2, 1)


def test_a_notice_shows_from_its_start_until_its_end_newest_first(store) -> None:  # type: ignore[no-untyped-def]
    start, end = NOW + timedelta(minutes=10), NOW + timedelta(hours=1)
    service.post_notice(store, "hall", "热烈欢迎省营商环境考察团莅临指导", "full", (start, end), "op", NOW)

    def shown(at: datetime, name: str = "hall") -> str | None:
        with store.read() as conn:
            notice = screen_orders(conn, name, at).notice
        return notice.text if notice else None

    assert shown(start - timedelta(seconds=1)) is None
    assert shown(start) == "热烈欢迎省营商环境考察团莅临指导"
    assert shown(end - timedelta(seconds=1)) == "热烈欢迎省营商环境考察团莅临指导"
    assert shown(end) is None
    assert shown(start, "room") is None
    service.post_notice(
        store, None, "紧急通知：大厅 14:00 暂停服务", "banner", (None, end), "op", NOW + timedelta(minutes=20)
    )
    assert shown(NOW + timedelta(minutes=30)) == "紧急通知：大厅 14:00 暂停服务"
    with store.read() as conn:
        first = rows.upcoming_notices(conn, NOW)[0]
    service.end_notice(store, first.id, "op", NOW + timedelta(minutes=40))
    assert shown(NOW + timedelta(minutes=41), "room") == "紧急通知：大厅 14:00 暂停服务"


def test_every_order_is_audited_with_who_and_what(store) -> None:  # type: ignore[no-untyped-def]
    service.freeze(store, PAGES, "hall", "appeals", "张操作员", NOW)
    service.quiet_hours(store, None, "22:00", "07:00", "李管理员", NOW + timedelta(minutes=1))
    service.post_notice(
        store, "hall", "欢迎", "banner", (None, NOW + timedelta(hours=1)), "张操作员", NOW + timedelta(minutes=2)
    )
    with store.read() as conn:
        history = screen_history(conn)
    assert history == [
        (NOW + timedelta(minutes=2), "张操作员", "hall", "notice", "横幅通知「欢迎」12-02 21:32–12-02 22:30"),
        (NOW + timedelta(minutes=1), "李管理员", "*", "quiet", "静默时段 22:00–07:00"),
        (NOW, "张操作员", "hall", "freeze", "固定在「企业诉求」"),
    ]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (lambda s: service.freeze(s, PAGES, "hall", "nope", "op", NOW), "没有名为 'nope' 的大屏页面"),
        (lambda s: service.quiet_hours(s, "hall", "25:00", "07:00", "op", NOW), "时:分"),
        (lambda s: service.quiet_hours(s, "hall", "07:00", "07:00", "op", NOW), "不能相同"),
        (
            lambda s: service.post_notice(s, "hall", "  ", "banner", (None, NOW + timedelta(hours=1)), "op", NOW),
            "请填写",
        ),
        (
            lambda s: service.post_notice(s, "hall", "x" * 201, "banner", (None, NOW + timedelta(hours=1)), "op", NOW),
            "最多 200",
        ),
        (
            lambda s: service.post_notice(s, "hall", "欢迎", "popup", (None, NOW + timedelta(hours=1)), "op", NOW),
            "横幅 或 全屏",
        ),
        (lambda s: service.post_notice(s, "hall", "欢迎", "banner", (None, NOW), "op", NOW), "晚于"),
        (lambda s: service.post_notice(s, "hall", "欢迎", "banner", (None, None), "op", NOW), "结束时间"),
        (lambda s: service.reload(s, "a/b", "op", NOW), "屏幕名称无效"),
        (lambda s: service.end_notice(s, 999, "op", NOW), "没有编号为 999"),
    ],
)
def test_an_order_that_cannot_be_given_is_refused_and_changes_nothing(store, order, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScreenCommandError, match=message):
        order(store)
    with store.read() as conn:
        assert screen_history(conn) == []
        assert screen_orders(conn, "hall", NOW).as_json() == {
            "frozen": None,
            "reload": 0,
            "quiet": False,
            "notice": None,
        }


def test_online_until_two_refresh_periods_without_a_heartbeat_and_the_version_lag() -> None:
    seen = NOW
    assert is_online(seen, NOW + timedelta(seconds=59), 30)
    assert not is_online(seen, NOW + timedelta(seconds=60), 30)
    assert version_lag("41@2026-12-02", "44@2026-12-02") == 3
    assert version_lag("44@2026-12-01", "44@2026-12-02") == 0
    assert version_lag(None, "44@2026-12-02") is None


def test_the_status_poll_is_a_heartbeat_and_answers_with_the_screens_orders(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app import create_app

    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    app = create_app(settings, store, start_views=False)
    now = store.now()
    service.freeze(store, PAGES, "hall", "appeals", "op", now)
    client = app.server.test_client()
    answer = client.get("/api/status?screen=hall&page=appeals&shown=3@2026-12-02&canvas=1920x1080&up=5&errors=1").json
    assert answer["orders"] == {"frozen": "appeals", "reload": 0, "quiet": False, "notice": None}
    assert "orders" not in client.get("/api/status").json  # the meeting view's poll: no heartbeat, no orders
    app.server.extensions["battlemap.heartbeats"].flush()
    with store.read() as conn:
        [hall] = rows.screens(conn)
    assert (hall.name, hall.page, hall.version, hall.errors) == ("hall", "appeals", "3@2026-12-02", 1)
    store.dispose()


def test_ops_is_for_operators_and_admins(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app import create_app

    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    add_account(store, "lead", LEADER, "correct-horse-9")
    add_account(store, "oper", OPERATOR, "correct-horse-9")
    client = create_app(settings, store, start_views=False).server.test_client()
    assert client.get("/ops").headers["Location"] == "/login?next=/ops"
    login(client, "lead", "correct-horse-9")
    assert client.get("/ops").status_code == 403
    client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value}, headers={"Origin": SITE})
    login(client, "oper", "correct-horse-9")
    assert client.get("/ops").status_code == 200
    store.dispose()


def test_a_screen_taken_off_the_list_comes_back_with_its_next_heartbeat(store) -> None:  # type: ignore[no-untyped-def]
    writer = HeartbeatWriter(store)
    writer.submit(beat("old-hall"))
    writer.flush()
    service.freeze(store, PAGES, "old-hall", "appeals", "op", NOW)
    assert service.forget(store, "old-hall", "op", NOW) == "old-hall：已从列表中移除（它再次上报时会重新出现）"
    with store.read() as conn:
        assert rows.screens(conn) == [] and screen_orders(conn, "old-hall", NOW).frozen_page is None
        assert screen_history(conn)[0][1:4] == ("op", "old-hall", "forget")
    with pytest.raises(ScreenCommandError, match="没有名为 old-hall 的屏幕"):
        service.forget(store, "old-hall", "op", NOW)
    writer.submit(beat("old-hall", NOW + timedelta(seconds=5)))
    writer.flush()
    with store.read() as conn:
        assert [s.name for s in rows.screens(conn)] == ["old-hall"]

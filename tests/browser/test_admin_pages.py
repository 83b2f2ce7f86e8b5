"""The admin's pages in a real Chromium (issue 17 point 3): an admin adds an account, changes its role, ends its
sessions, resets its password, disables and deletes it from /admin/users, while the user, in a second browser, sees each
change — a temporary password leads only to /password, a role change, an ended session, a reset and a disable each
log the other browser out. /admin/audit lists those actions and its CSV downloads with a BOM and Chinese headers. A
leader or an operator is refused /admin/*, and a POST without the form's token (or from another site) changes
nothing."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from selenium.webdriver.support.expected_conditions import alert_is_present
from selenium.webdriver.support.ui import Select

from auth.csrf import CROSS_SITE_TEXT, TOKEN_TEXT
from auth.roles import ROLE_LABELS
from auth.users import list_accounts
from config import Settings
from data.engine import Store
from tests.browser.conftest import (
    BROWSER_PASSWORD,
    OVERLAPS,
    WIDTHS,
    LiveServer,
    chromium,
    emulate_touch,
    full_page_shot,
    login,
    serve_copy,
    submit_login,
    wait_for,
)

pytestmark = pytest.mark.browser

NEWBIE = "h5新同事"
OWN_PASSWORD, LATER_PASSWORD = "own-pass-2026", "later-pass-2026"
CSV_HEADER = "时间,操作人,操作,对象,说明"


@pytest.fixture(scope="module")
def admin_site(
    demo_settings: Settings, demo_accounts: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, Store]]:
    """The app on a private copy of the demo database (with the accounts admin, operator and leader): the account
    changes here stay out of the other browser tests."""
    with serve_copy(demo_settings, tmp_path_factory.mktemp("admin") / "admin.db") as served:
        yield served


@pytest.fixture(scope="module")
def other_browser() -> Iterator[object]:
    """The user's own browser, beside the admin's."""
    with chromium(performance_log=False) as driver:
        yield driver


def _users(driver, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    driver.get(f"{server.url}/admin/users")
    wait_for(driver, lambda d: d.find_elements("id", "admin-add"), 20, "the accounts page did not open")


def _act(driver, server: LiveServer, action: str, role: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """Press the button of ``action`` in the new account's row (choosing ``role`` first); the page's message."""
    _users(driver, server)
    form = driver.find_element("css selector", f"form[data-user='{NEWBIE}'][data-action='{action}']")
    if role is not None:
        Select(form.find_element("css selector", "select")).select_by_value(role)
    form.find_element("css selector", "button").click()
    return wait_for(driver, lambda d: d.find_element("id", "admin-message").text, 20, f"no message after {action}")


def _row(driver, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    cells = driver.find_elements("css selector", f"tr[data-user='{name}'] td")
    return [c.text for c in cells[:5]]


def _temporary(driver) -> str:  # type: ignore[no-untyped-def]
    return driver.find_element("id", "admin-temporary").text


def _state(store: Store) -> tuple[str, bool, bool] | None:
    found = {a.username: (a.role, a.active, a.must_change_password) for a in list_accounts(store)}
    return found.get(NEWBIE)


def _logged_out(driver, server: LiveServer) -> bool:  # type: ignore[no-untyped-def]
    """Whether the browser's session has ended: /password (open to anyone logged in) sends it to the login page."""
    driver.get(f"{server.url}/password")
    return "/login?next=" in driver.current_url and bool(driver.find_elements("id", "login-username"))


def _set_password(driver, password: str) -> None:  # type: ignore[no-untyped-def]
    driver.find_element("id", "password-new").send_keys(password)
    driver.find_element("id", "password-repeat").send_keys(password)
    driver.find_element("id", "password-submit").click()
    wait_for(driver, lambda d: "/password" not in d.current_url, 20, "the new password was not taken")


def _download(driver, server: LiveServer, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    """Click the audit page's 导出 CSV into ``folder``; the finished file."""
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    driver.find_element("id", "audit-csv").click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == ".csv"]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no CSV downloaded into {folder}: {list(folder.iterdir())}")


def test_an_admin_runs_an_account_from_the_web(driver, other_browser, admin_site, artifacts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    server, store = admin_site
    user = other_browser
    login(driver, server, "admin", "/admin/users")

    # add: a temporary password shown once; its first login opens nothing but /password
    driver.find_element("id", "admin-add-username").send_keys(NEWBIE)
    Select(driver.find_element("id", "admin-add-role")).select_by_value("operator")
    driver.find_element("id", "admin-add-submit").click()
    wait_for(driver, lambda d: d.find_elements("id", "admin-temporary"), 20, "no temporary password shown")
    assert driver.find_element("id", "admin-message").text == f"已添加账号 {NEWBIE}（数据操作员）"
    first = _temporary(driver)
    assert re.fullmatch(r"[A-Za-z2-9]{12}", first)
    assert _row(driver, NEWBIE) == [NEWBIE, "数据操作员", "启用（待设新密码）", "—", "0"]
    login(user, server, NEWBIE, "/operator", password=first)
    assert user.current_url == f"{server.url}/password?next=/operator"
    assert "管理员已重置您的密码" in user.find_element("css selector", ".bm-login-lead").text
    user.get(f"{server.url}/operator")
    assert user.current_url == f"{server.url}/password"
    _set_password(user, OWN_PASSWORD)  # the detour's form was sent to /password without the first next
    assert user.current_url == f"{server.url}/"
    user.get(f"{server.url}/operator")
    wait_for(user, lambda d: d.find_elements("css selector", "#op-upload input[type=file]"), 30, "no operator page")
    assert _state(store) == ("operator", True, False)
    _users(driver, server)
    _name, _role, active, last_login, sessions = _row(driver, NEWBIE)
    assert (active, sessions) == ("启用", "1") and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", last_login)

    # change role: the user's session ends; logged in again as a leader, /operator is refused
    assert _act(driver, server, "role", "leader") == f"{NEWBIE} 的角色已改为 {ROLE_LABELS['leader']}，其会话已全部结束"
    assert _row(driver, NEWBIE)[1] == ROLE_LABELS["leader"]
    assert _logged_out(user, server)
    login(user, server, NEWBIE, "/password", password=OWN_PASSWORD)
    user.get(f"{server.url}/operator")
    assert user.find_element("css selector", "body").text == "当前账号无权访问此页面。"

    # end sessions: the other browser is logged out
    assert _act(driver, server, "sessions") == f"已结束 {NEWBIE} 的 1 个会话"
    assert _row(driver, NEWBIE)[4] == "0"
    assert _logged_out(user, server)

    # reset: the old password stops working, the temporary one leads to /password only
    login(user, server, NEWBIE, "/password", password=OWN_PASSWORD)
    assert _act(driver, server, "reset") == f"已重置 {NEWBIE} 的密码，其会话已全部结束"
    second = _temporary(driver)
    assert second != first and _state(store) == ("leader", True, True)
    assert _logged_out(user, server)
    submit_login(user, server, NEWBIE, OWN_PASSWORD)
    assert wait_for(user, lambda d: d.find_element("id", "login-error").text, 20) == "用户名或密码不正确"
    login(user, server, NEWBIE, "/", password=second)
    assert user.current_url == f"{server.url}/password?next=/"
    user.get(f"{server.url}/department")
    assert user.current_url == f"{server.url}/password"
    _set_password(user, LATER_PASSWORD)
    assert _state(store) == ("leader", True, False)

    # disable: the session ends and the right password is refused with the reason
    assert _act(driver, server, "disable") == f"已停用 {NEWBIE}：不能再登录，其会话已全部结束"
    assert _row(driver, NEWBIE)[2] == "已停用"
    assert _logged_out(user, server)
    submit_login(user, server, NEWBIE, LATER_PASSWORD)
    assert wait_for(user, lambda d: d.find_element("id", "login-error").text, 20) == "该账号已停用，请联系管理员"
    assert _state(store) == ("leader", False, False)
    _users(driver, server)
    driver.save_screenshot(str(artifacts / "admin-users.png"))

    # the audit log: the admin's five actions on the account, newest first, and the user's own password changes
    driver.get(f"{server.url}/admin/audit?actor=admin")
    rows = [
        [td.text for td in tr.find_elements("css selector", "td")[1:4]]
        for tr in driver.find_elements("css selector", ".bm-admin-table tr")[1:]
    ]
    mine = [r for r in rows if r[2] == NEWBIE]
    assert mine == [["admin", a, NEWBIE] for a in ("停用账号", "重置密码", "结束会话", "修改角色", "添加账号")]
    driver.get(f"{server.url}/admin/audit?action=password.change")
    changes = [td.text for td in driver.find_elements("css selector", ".bm-admin-table td:nth-child(2)")]
    assert changes == [NEWBIE, NEWBIE]
    assert driver.find_element("id", "audit-count").text == "共 2 条"
    driver.save_screenshot(str(artifacts / "admin-audit.png"))

    # its CSV: what the filter selects, oldest first, UTF-8 with a BOM (Excel reads it as such), Chinese headers
    driver.get(f"{server.url}/admin/audit?actor=admin")
    path = _download(driver, server, tmp_path)
    assert path.name.startswith("审计日志_")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + CSV_HEADER.encode())
    header, *entries = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    assert header == CSV_HEADER.split(",")
    exported = [entry[1:4] for entry in entries if entry[3] == NEWBIE]
    assert exported == [["admin", a, NEWBIE] for a in ("添加账号", "修改角色", "结束会话", "重置密码", "停用账号")]

    # delete, only once the browser's dialog is answered yes: the row goes, the audit log keeps the name
    for answer_yes in (False, True):
        _users(driver, server)
        driver.find_element("css selector", f"form[data-user='{NEWBIE}'][data-action='delete'] button").click()
        dialog = wait_for(driver, alert_is_present(), 10, "no confirmation asked")
        assert dialog.text.startswith(f"删除账号 {NEWBIE}？")
        if answer_yes:
            dialog.accept()
            done = wait_for(driver, lambda d: d.find_element("id", "admin-message").text, 20, "no message after delete")
            assert done == f"已删除账号 {NEWBIE}，其会话已全部结束"
        else:
            dialog.dismiss()  # nothing is sent
        assert (_state(store) is None) == answer_yes
    assert not driver.find_elements("css selector", f"tr[data-user='{NEWBIE}']")
    driver.get(f"{server.url}/admin/audit?action=user.delete")
    assert [td.text for td in driver.find_elements("css selector", ".bm-admin-table td")][1:4] == [
        "admin",
        "删除账号",
        NEWBIE,
    ]


@pytest.mark.parametrize("role", ["leader", "operator"])
def test_a_leader_or_an_operator_is_refused_the_admin_pages(driver, admin_site, role: str) -> None:  # type: ignore[no-untyped-def]
    server, _store = admin_site
    login(driver, server, role, "/password")
    for path in ("/admin/users", "/admin/audit", "/admin/audit.csv"):
        driver.get(f"{server.url}{path}")
        assert driver.find_element("css selector", "body").text == "当前账号无权访问此页面。", path
        assert not driver.find_elements("id", "admin-add")


def test_a_post_without_the_token_or_from_another_site_changes_nothing(admin_site) -> None:  # type: ignore[no-untyped-def]
    server, store = admin_site
    admin = requests.Session()
    page = admin.get(f"{server.url}/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"username": "admin", "password": BROWSER_PASSWORD, "next": "/admin/users", "csrf_token": token}
    assert admin.post(f"{server.url}/login", data=form, headers={"Origin": server.url}, timeout=10).ok
    users = admin.get(f"{server.url}/admin/users", timeout=10)
    assert users.status_code == 200 and "账号管理" in users.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', users.text).group(1)

    def disable(origin: str, **token_field: str) -> requests.Response:
        form = {"username": "operator", **token_field}
        return admin.post(f"{server.url}/admin/users/disable", data=form, headers={"Origin": origin}, timeout=10)

    assert (disable(server.url).status_code, disable(server.url).text) == (403, TOKEN_TEXT)
    forged = disable(server.url, csrf_token=token[::-1])
    assert (forged.status_code, forged.text) == (403, TOKEN_TEXT)
    cross = disable("https://evil.example", csrf_token=token)
    assert (cross.status_code, cross.text) == (403, CROSS_SITE_TEXT)
    assert {a.username: a.active for a in list_accounts(store)}["operator"] is True
    taken = disable(server.url, csrf_token=token)  # the same request with its token and this site's origin
    assert taken.status_code == 200 and "已停用 operator" in taken.text
    assert {a.username: a.active for a in list_accounts(store)}["operator"] is False
    form = {"username": "operator", "csrf_token": token}
    admin.post(f"{server.url}/admin/users/enable", data=form, headers={"Origin": server.url}, timeout=10)
    assert {a.username: a.active for a in list_accounts(store)}["operator"] is True


SMALL_SCREENS = ((390, 844), (768, 1024))
# Table cells whose text does not fit them (cut off with an ellipsis, or spilling over the next cell), and elements
# sticking out past the right edge of a box that clips them without scrolling.
SQUEEZED = """
    const out = [];
    for (const c of document.querySelectorAll('th, td')) {
        if (c.scrollWidth > c.clientWidth + 1) out.push(c.tagName + ' ' + c.textContent.slice(0, 12));
    }
    for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0) continue;
        for (let a = e.parentElement; a; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.overflowX === 'visible') continue;
            if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
                const edge = a.getBoundingClientRect().right;
                if (r.right > edge + 1) out.push(`${e.tagName}#${e.id}.${e.className} ${r.right} > ${edge}`);
            }
            break;
        }
    }
    return out.slice(0, 8);"""
_LOGIN_BOXES = (".bm-login > :not(form)", ".bm-login-form > *")
_ADMIN_BOXES = (".bm-admin-header > :not(nav)", ".bm-admin-nav > *", ".bm-admin > *", ".bm-admin-add > *")
# Each page logged in as an admin, the id that shows it is drawn, and groups of boxes side by side (none may overlap
# another of its group); the login page is checked first, before logging in.
SMALL_PAGES = (
    ("password", "/password", "password-submit", _LOGIN_BOXES),
    ("users", "/admin/users", "admin-add", (*_ADMIN_BOXES, ".bm-admin-table td", ".bm-admin-actions > form")),
    ("audit", "/admin/audit", "audit-filter", (*_ADMIN_BOXES, ".bm-admin-table td")),
    (
        "operator",
        "/operator",
        "op-upload",
        (".bm-meeting-header > :not(nav)", ".bm-nav > *", ".bm-page-grid > .bm-panel", ".bm-form-row > *"),
    ),
)


def _fits(driver, name: str, width: int, drawn: str, groups: tuple[str, ...], artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    """The page drawn (``drawn``, fonts loaded) is no wider than the screen, no text is squeezed out of its table
    cell or cut off by its box, and no two boxes of a group (a CSS selector each) overlap; its whole-page screenshot
    goes to the artifacts."""
    wait_for(driver, lambda d: d.find_elements("id", drawn), 30, f"{name}: not drawn")
    driver.execute_script("return document.fonts.ready")
    full_page_shot(driver, artifacts / f"small-{name}-{width}.png")
    scroll, inner, body_scroll = driver.execute_script(WIDTHS)
    assert inner == width and max(scroll, body_scroll) <= width, (name, scroll, body_scroll)
    assert driver.execute_script(SQUEEZED) == [], name
    for boxes in groups:
        count, overlapping = driver.execute_script(OVERLAPS, boxes)
        assert count >= 2 and overlapping == [], (name, boxes, count, overlapping)


@pytest.mark.parametrize(("width", "height"), SMALL_SCREENS, ids=("phone", "tablet"))
def test_the_admin_login_password_and_operator_pages_fit_small_screens(  # type: ignore[no-untyped-def]
    phone, admin_site, artifacts, width: int, height: int
) -> None:
    server, _store = admin_site
    phone.delete_all_cookies()
    emulate_touch(phone, width, height)
    phone.get(f"{server.url}/login")
    _fits(phone, "login", width, "login-submit", _LOGIN_BOXES, artifacts)
    login(phone, server, "admin", "/password")
    for name, path, drawn, groups in SMALL_PAGES:
        phone.get(f"{server.url}{path}")
        _fits(phone, name, width, drawn, groups, artifacts)

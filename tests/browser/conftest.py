"""Fixtures of the browser tier: a demo database, the real app served on a free 127.0.0.1 port, headless Chromium.

The database and the server are built once per session; each test gets the shared driver at the window size it
asks for. Selenium Manager is never asked to download anything: the driver binary path is given explicitly.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from config import Settings, load_settings
from data.engine import Store
from etl.bootstrap import prepare_store

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """The app served by werkzeug in a background thread; ``stop``/``start`` simulate an outage on the same port."""

    app: object
    port: int
    _server: BaseWSGIServer | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._server = make_server("127.0.0.1", self.port, self.app.server, threaded=True)  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.wait_ready()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def wait_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as response:
                    json.load(response)
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


@contextmanager
def serve_copy(demo_settings: Settings, target: Path, **overrides: Any) -> Iterator[tuple[LiveServer, Store]]:
    """The app on a private copy (at ``target``, by SQLite's backup API) of the demo database, with ``overrides``
    of its settings, served once its first view build is ready."""
    from app import VIEWS_EXTENSION, create_app

    with sqlite3.connect(demo_settings.database_url.removeprefix("sqlite:///")) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    settings = replace(load_settings(environ={}, database_url=f"sqlite:///{target}"), **overrides)
    store, _notes = prepare_store(settings)
    app = create_app(settings, store)
    assert app.server.extensions[VIEWS_EXTENSION].wait_ready(60)
    server = LiveServer(app, free_port())
    server.start()
    try:
        yield server, store
    finally:
        server.stop()
        app.server.extensions[VIEWS_EXTENSION].stop()
        store.dispose()


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    return load_settings(environ={}, database_url=f"sqlite:///{path}")


@pytest.fixture(scope="session")
def demo_store(demo_settings: Settings) -> Iterator[Store]:
    """A database holding the demo city, loaded through the normal load path."""
    from etl.demo import load_demo

    store, _notes = prepare_store(demo_settings)
    load_demo(store, demo_settings)
    yield store
    store.dispose()


BROWSER_PASSWORD = "browser-pass-1"
BROWSER_USERS = {"leader": "leader", "operator": "operator", "admin": "admin"}


@pytest.fixture(scope="session")
def demo_accounts(demo_store: Store) -> dict[str, str]:
    """One account per login role (user name = role), all with ``BROWSER_PASSWORD``."""
    from auth.users import add_account

    for username, role in BROWSER_USERS.items():
        add_account(demo_store, username, role, BROWSER_PASSWORD)
    return BROWSER_USERS


@pytest.fixture(scope="session")
def live_server(demo_settings: Settings, demo_store: Store, demo_accounts: dict[str, str]) -> Iterator[LiveServer]:
    from app import create_app

    server = LiveServer(create_app(demo_settings, demo_store), free_port())
    server.start()
    yield server
    server.stop()


def _chrome_options(profile: str, performance_log: bool = True):  # type: ignore[no-untyped-def]
    """Headless Chromium options: the project's flags, a fresh profile, the console log, and (unless turned off, as a
    long soak does: it makes ChromeDriver keep the page's Network domain on) the performance log."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability(
        "goog:loggingPrefs", {"browser": "ALL", **({"performance": "ALL"} if performance_log else {})}
    )
    return options


@contextmanager
def chromium(performance_log: bool = True) -> Iterator[Any]:
    """A headless Chromium of its own (fresh profile in a temp dir, console log on, performance log unless turned
    off): a second browser is a second person, with cookies of its own. Skips the test without Chromium."""
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip("headless Chromium tests need /usr/bin/chromium and /usr/bin/chromedriver (chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    profile = tempfile.mkdtemp(prefix="battlemap-chrome-")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(profile, performance_log))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session (fresh profile in a temp dir, performance and console logs on)."""
    with chromium() as driver:
        yield driver


@pytest.fixture
def driver(browser):  # type: ignore[no-untyped-def]
    """The session's browser at 1920×1080 with its logs drained, so a test sees only its own console and traffic."""
    browser.set_window_size(1920, 1080)
    browser.get("about:blank")
    browser.get_log("browser")
    browser.get_log("performance")
    return browser


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def show(driver, url: str, width: int = 1920, height: int = 1080, mobile: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Open ``url`` with a viewport of exactly ``width``×``height`` CSS pixels (headless windows have no chrome
    to subtract, but the device-metrics override makes it exact); ``mobile``: as a phone does it (the page's
    viewport tag obeyed, scrollbars overlaid)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
    driver.get(url)


def submit_login(driver, server: LiveServer, username: str, password: str, next_path: str = "/") -> None:  # type: ignore[no-untyped-def]
    """Send the login page's form as ``username`` with ``password`` from a browser without cookies (whatever the
    outcome: the caller reads it)."""
    from urllib.parse import quote

    driver.delete_all_cookies()
    driver.get(f"{server.url}/login?next={quote(next_path)}")
    driver.find_element("id", "login-username").send_keys(username)
    driver.find_element("id", "login-password").send_keys(password)
    driver.find_element("id", "login-submit").click()


# The page's widths: the document's scroll width, the viewport's, the body's (wider than the viewport = a sideways
# scroll); and [how many boxes the selector arguments[0] finds, the pairs of them that overlap].
WIDTHS = "return [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
OVERLAPS = """
    const boxes = Array.from(document.querySelectorAll(arguments[0]))
        .map(e => [e.textContent.slice(0, 12), e.getBoundingClientRect()])
        .filter(([, r]) => r.width > 0 && r.height > 0);
    const out = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, r] = boxes[i], [b, s] = boxes[j];
        if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1)
            out.push(a + ' × ' + b);
    }
    return [boxes.length, out];"""


def emulate_touch(driver, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """A touch device with a ``width``×``height`` viewport (the page's viewport tag obeyed)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def full_page_shot(driver, path: Path) -> None:  # type: ignore[no-untyped-def]
    """A PNG of the whole page, below the fold included."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))


@pytest.fixture
def phone(driver):  # type: ignore[no-untyped-def]
    """The session's browser as a touch device (``emulate_touch``), back to a desktop afterwards."""
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


def login(driver, server: LiveServer, username: str, next_path: str = "/", password: str = BROWSER_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Log the browser in through the login page as ``username`` (see ``demo_accounts``) and land on ``next_path``."""
    submit_login(driver, server, username, password, next_path)
    wait_for(driver, lambda d: "/login" not in d.current_url, message=f"login as {username} failed")


def wait_for(driver, condition, timeout: float = 20, message: str = ""):  # type: ignore[no-untyped-def]
    """Poll ``condition`` until truthy; elements replaced mid-check (a re-render, a reload) just mean "not yet"."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    ignored = (StaleElementReferenceException, NoSuchElementException)
    return WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=ignored).until(condition, message)


def severe_console_errors(driver) -> list[dict]:  # type: ignore[no-untyped-def]
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def network_events(driver) -> list[dict]:  # type: ignore[no-untyped-def]
    """The Chrome DevTools ``Network.*`` events since the log was last read."""
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    return [event for event in events if event["method"].startswith("Network.")]


def requested_urls(events: list[dict]) -> list[str]:
    return [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]


def response_bodies(driver, events: list[dict]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(url, body) of every response that finished loading; bodies the browser no longer holds are skipped."""
    urls = {
        e["params"]["requestId"]: e["params"]["response"]["url"]
        for e in events
        if e["method"] == "Network.responseReceived"
    }
    finished = [e["params"]["requestId"] for e in events if e["method"] == "Network.loadingFinished"]
    bodies = []
    for request_id in finished:
        if request_id not in urls:
            continue
        try:
            result = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": request_id})
        except Exception:  # evicted from the buffer, or a redirect without a body
            continue
        if not result.get("base64Encoded"):
            bodies.append((urls[request_id], result["body"]))
    return bodies

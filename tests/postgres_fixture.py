"""A throwaway PostgreSQL server for tests: initdb into a temp dir, pg_ctl on a free port, removed at the end.

The server listens only on a Unix socket inside its own temp dir (trust authentication, fsync off). As root the
server binaries run as the ``postgres`` user, since ``initdb`` refuses root. When the binaries are missing the
tests fail with a clear message under CI (``CI=true``; ``scripts/test.sh`` installs Debian's ``postgresql``) and
are skipped with the reason elsewhere.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import pytest

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
MISSING = (
    "PostgreSQL tests need the server binaries initdb and pg_ctl (Debian: apt-get install postgresql; "
    "bash scripts/test.sh installs it as root)"
)
INITDB_FLAGS = ("-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
PG_START = ("-w", "-t", "60", "start")


def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL server's ``bin`` folder, or the one on ``PATH``."""
    for found in sorted(glob.glob(PG_BIN_GLOB), key=lambda p: int(Path(p).parent.name), reverse=True):
        if (Path(found) / "initdb").exists() and (Path(found) / "pg_ctl").exists():
            return Path(found)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *argv] if os.geteuid() == 0 else argv


@dataclass
class PostgresServer:
    """A running throwaway server; ``create_database`` gives each test its own empty database."""

    bindir: Path
    root: Path
    port: int
    user: str
    _names: Iterator[int] = field(default_factory=lambda: count(1))

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}&port={self.port}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        argv = [str(self.bindir / "psql"), "-h", str(self.socket_dir), "-p", str(self.port), "-U", self.user]
        done = subprocess.run([*argv, "-d", database, "-Atc", sql], capture_output=True, text=True, check=True)
        return done.stdout

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"{prefix}_{next(self._names)}"
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def start(self) -> None:
        (self.root / "socket").mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, SERVER_USER)
            shutil.chown(self.socket_dir, SERVER_USER)
        subprocess.run(
            _as_server_user(
                [str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", self.user, "-A", "trust", *INITDB_FLAGS]
            ),
            capture_output=True,
            check=True,
        )
        options = f"-F -k {self.socket_dir} -p {self.port} -c listen_addresses='' -c full_page_writes=off"
        log, pg_ctl = str(self.root / "server.log"), str(self.bindir / "pg_ctl")
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(self.data_dir), "-l", log, "-o", options, *PG_START]),
            capture_output=True,
            check=True,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> PostgresServer:
    """Start a new throwaway server, or fail / skip (see the module docstring) when PostgreSQL is not installed."""
    bindir = pg_bindir()
    if bindir is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    root = Path(tempfile.mkdtemp(prefix="battlemap-pg-"))
    os.chmod(root, 0o755)
    server = PostgresServer(bindir, root, _free_port(), SERVER_USER)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        log = root / "server.log"
        detail = (exc.stderr or b"").decode(errors="replace") + (log.read_text() if log.exists() else "")
        server.stop()
        pytest.fail(f"could not start the throwaway PostgreSQL server: {detail}", pytrace=False)
    return server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the session."""
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The SQLAlchemy URL of a new, empty database on the session's server."""
    return postgres_server.create_database()

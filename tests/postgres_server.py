"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, started on a free loopback
port with its socket in that folder, one fresh database per test, stopped and removed at the end.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (created if missing).
Tests that need it skip, with the reason, only when no server can be started here.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

USER = "spinlens"


def _bin_dir() -> Path | None:
    """Folder of initdb/pg_ctl: on PATH, else the newest Debian install under /usr/lib/postgresql."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A running throwaway cluster; `database()` creates an empty database and returns its URL."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (no pg_ctl on PATH or under /usr/lib/postgresql)")
        self.root = Path(tempfile.mkdtemp(prefix="spinlens-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        self._names = itertools.count()
        try:
            if os.geteuid() == 0:
                self._run_as_postgres()
            self._run(["initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C"])
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
                       " -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
            self._run(["pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"])
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def _run_as_postgres(self) -> None:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "postgres"], check=True,
                           capture_output=True)
        shutil.chown(self.root, "postgres", "postgres")
        self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, command: list[str]) -> None:
        command = [*self.as_user, str(self.bin / command[0]), *command[1:]]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root)
        if result.returncode != 0:
            log = (self.root / "log").read_text(errors="replace")[-2000:] if (self.root / "log").exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()[-2000:]} {log}")

    def url(self, database: str = "postgres") -> str:
        """Connection URL of one database of this cluster."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """Create a new empty database; return its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop a database made by `database()` (closing its leftover connections)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the cluster and remove its folder."""
        try:
            self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's throwaway PostgreSQL cluster (skips when none can be started here)."""
    try:
        server = PostgresServer()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"PostgreSQL cannot be started here: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """URL of a fresh, empty PostgreSQL database for one test."""
    url = postgres_server.database()
    yield url
    postgres_server.drop(url)

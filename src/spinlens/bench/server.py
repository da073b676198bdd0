"""`spinlens serve` started as a subprocess on a free loopback port, for browser tests, screenshots and the
web benchmark; stopped (and its output shown on failure) when the block ends."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx

from spinlens.errors import SpinlensError
from spinlens.web.processes import free_port

#: The app answers this once it is up (the REST API's own spec).
READY_PATH = "/api/v1/openapi.json"


class ServerError(SpinlensError):
    """`spinlens serve` did not start, or stopped while it was needed."""


@dataclass(frozen=True)
class ServedApp:
    """A running `spinlens serve`: where it answers and its process."""

    base_url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) the server and its child processes (`--processes N`) have used so far;
        None where /proc is unavailable."""
        stats = _process_stats()
        if self.pid not in stats:
            return None
        family = {self.pid}
        grew = True
        while grew:
            grew = False
            for pid, (parent, _) in stats.items():
                if parent in family and pid not in family:
                    family.add(pid)
                    grew = True
        total = sum(stats[pid][1] for pid in family)
        return total / os.sysconf("SC_CLK_TCK")


def _process_stats() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, user + system clock ticks) of every process visible in /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return found


@contextmanager
def serve_library(library_path: str | Path, *, host: str = "127.0.0.1", port: int | None = None,
                  timeout: float = 90.0, extra_args: tuple[str, ...] = ()) -> Iterator[ServedApp]:
    """Run `spinlens serve --library PATH` on loopback until the block ends; yield where it answers."""
    port = port or free_port(host)
    command = [sys.executable, "-c", "from spinlens.cli import main; main()", "serve", "--host", host,
               "--port", str(port), "--library", str(library_path), *extra_args]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ),
                                   stdin=subprocess.DEVNULL)
        base_url = f"http://{host}:{port}"
        try:
            _wait_until_ready(process, base_url, timeout, log)
            yield ServedApp(base_url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(process: subprocess.Popen, base_url: str, timeout: float, log) -> None:
    """Poll the app until it answers; raise with its output if it exits or does not answer in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"exited with code {process.returncode}: {_tail(log)}", source="spinlens serve")
        try:
            if httpx.get(base_url + READY_PATH, timeout=2.0, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise ServerError(f"no answer on {base_url} after {timeout:.0f} s: {_tail(log)}", source="spinlens serve")


def _tail(log, limit: int = 3000) -> str:
    """The last characters the server printed (read without moving the offset it writes at)."""
    size = os.fstat(log.fileno()).st_size
    return os.pread(log.fileno(), limit, max(0, size - limit)).decode("utf-8", "replace")

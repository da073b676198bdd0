"""Background analysis jobs kept in the library: visible from every server process, interrupted jobs reported,
old ones pruned; and `spinlens serve --processes 2` answering pages and jobs from either process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from web_support import BODY, wait_for_job

from spinlens.bench.server import serve_library
from spinlens.store import Library
from spinlens.web import create_app
from spinlens.web.jobs import INTERRUPTED, JobRunner
from spinlens.web.schemas import JobOut


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _job(job_id: str, state: str, created_at: str) -> JobOut:
    return JobOut(id=job_id, kind="text", label=job_id, state=state, created_at=created_at)


def test_a_job_is_reported_by_another_app_over_the_same_library(tmp_path):
    path = tmp_path / "lib.sqlite"
    with TestClient(create_app(path), base_url="http://localhost") as first, \
            TestClient(create_app(path), base_url="http://localhost") as second:
        job = first.post("/api/v1/analyse", json={"text": BODY, "title": "Embankment repairs funded"}).json()
        finished = wait_for_job(second, job["id"])  # polled through the other app only
        assert finished["state"] == "done" and finished["analysed"] == 1
        assert second.get(f"/api/v1/articles/{finished['article_ids'][0]}").json()["article"]["title"] == \
            "Embankment repairs funded"
        assert second.get("/api/v1/jobs/0123456789abcdef").status_code == 404


def test_a_running_job_of_a_dead_process_is_reported_interrupted(library):
    job = _job("a1", "running", "2026-11-23T00:00:00+00:00")
    library.save_job(job.id, f"{socket.gethostname()}:{_dead_pid()}", job.state, job.model_dump_json(), job.created_at)
    elsewhere = _job("b2", "running", "2026-11-23T00:00:01+00:00")  # another machine's process: cannot be checked
    library.save_job(elsewhere.id, "other-host:1", elsewhere.state, elsewhere.model_dump_json(), elsewhere.created_at)
    runner = JobRunner(library)
    try:
        reported = runner.get("a1")
        assert reported.state == "failed" and reported.errors == [INTERRUPTED]
        assert runner.get("b2").state == "running"
    finally:
        runner.shutdown()


def test_old_finished_jobs_are_pruned_but_running_ones_kept(library):
    for i in range(5):
        job = _job(f"j{i}", "running" if i == 0 else "done", f"2026-11-23T00:00:0{i}+00:00")
        library.save_job(job.id, "host:1", job.state, job.model_dump_json(), job.created_at)
    assert library.prune_jobs(2) == 2
    assert [library.job_row(f"j{i}") is not None for i in range(5)] == [True, False, False, True, True]
    updated = _job("j4", "failed", "2026-11-23T00:00:04+00:00")
    library.save_job(updated.id, "host:2", updated.state, updated.model_dump_json(), updated.created_at)
    owner, data = library.job_row("j4")
    assert owner == "host:2" and JobOut.model_validate_json(data).state == "failed"


def test_search_results_follow_library_changes(tmp_path):
    path = tmp_path / "lib.sqlite"
    with TestClient(create_app(path), base_url="http://localhost") as client:
        assert client.get("/api/v1/search", params={"q": "embankment"}).json()["total"] == 0
        with Library(path) as library:  # another writer, as a CLI run would be
            import spinlens

            spinlens.analyze(text=BODY, title="Embankment repairs funded", library=library)
        found = client.get("/api/v1/search", params={"q": "embankment"}).json()
        assert found["total"] == 1 and found["items"][0]["title"] == "Embankment repairs funded"


def _children(pid: int) -> list[int]:
    return [int(line) for line in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _listening_processes(pids: list[int], port: int) -> dict[int, int]:
    """pid -> connections it holds on `port` (from /proc: the sockets in its fds, matched to /proc/net/tcp*)."""
    established: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                established.add(fields[9])
    held = {}
    for pid in pids:
        inodes = set()
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
        held[pid] = len(inodes & established)
    return held


def test_serve_with_two_processes_spreads_clients_and_answers_jobs_from_either(tmp_path):
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    with serve_library(path, extra_args=("--processes", "2")) as served:
        port = int(served.base_url.rsplit(":", 1)[1])
        clients = [httpx.Client(base_url=served.base_url, trust_env=False, timeout=60) for _ in range(20)]
        try:
            with ThreadPoolExecutor(20) as pool:  # 20 keep-alive connections opened at once
                assert all(r.status_code == 200 for r in pool.map(lambda c: c.get("/api/v1/articles"), clients))
            servers = {pid: n for pid, n in _listening_processes(_children(served.pid), port).items() if n}
            # each server process has its own socket in the port's SO_REUSEPORT group: both get clients (all 20
            # on one, as with one shared socket, has a chance of 2 in a million when the kernel spreads them)
            assert len(servers) == 2 and sum(servers.values()) == 20, servers
        finally:
            for client in clients:
                client.close()
        with httpx.Client(base_url=served.base_url, trust_env=False, timeout=60) as client:
            job = client.post("/api/v1/analyse", json={"text": BODY, "title": "Embankment repairs funded"}).json()
            for _ in range(1200):  # fresh connections, so both processes answer polls
                state = httpx.get(f"{served.base_url}/api/v1/jobs/{job['id']}", trust_env=False).json()
                if state["state"] in ("done", "failed"):
                    break
                time.sleep(0.05)
            assert state["state"] == "done", state
            article_id = state["article_ids"][0]
            for _ in range(6):
                page = httpx.get(f"{served.base_url}/articles/{article_id}", trust_env=False)
                assert page.status_code == 200 and "Embankment repairs funded" in page.text

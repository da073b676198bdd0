"""Shared by the web tests: a library of the analysed demo corpus plus one hostile article, and a client."""

from __future__ import annotations

import time
from pathlib import Path

import spinlens
from spinlens.store import Library

HOSTILE_TITLE = '<script>alert("title")</script> Hostile'
HOSTILE_OUTLET = '"><img src=x onerror=alert("outlet")>'
HOSTILE_AUTHOR = "<b onmouseover=alert(1)>Eve</b>"
HOSTILE_URL = 'javascript:alert("url")'
HOSTILE_TEXT = (
    'Minister <script>alert("x")</script> denounces the cowardly traitors\n\n'
    "The regional council voted on Thursday to fund repairs <img src=x onerror=alert(1)> to the northern "
    'embankment, after engineers warned that a <a href="javascript:alert(1)">second winter</a> of floods could '
    "breach it. Opposition members called the plan late but supported it.\n\n"
    'Critics said the "><svg onload=alert(1)> plan was a disgrace and a betrayal of the valley, '
    "</textarea></p><b>unclosed <i>tags everywhere.")
#: Markup that must never reach a page unescaped (each would run script or inject an element).
DANGEROUS = ["<script>alert", "<img src=x", "<svg onload", "<b onmouseover", 'href="javascript:', "<i>tags",
             "</textarea></p><b>"]

BODY = ("The regional council voted on Thursday to fund repairs to the northern embankment, after engineers "
        "warned that a second winter of floods could breach it. Opposition members called the plan late "
        "but supported it.")


def build_library(path: Path) -> str:
    """Analyse the demo corpus and the hostile article into `path`; returns the hostile article's id."""
    with Library(path) as library:
        outcomes = list(spinlens.analyze_sources([str(spinlens.demo_corpus_dir())], library=library))
        assert outcomes and all(o.ok for o in outcomes)
        hostile = spinlens.analyze(text=HOSTILE_TEXT, title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET,
                                   authors=[HOSTILE_AUTHOR], url=HOSTILE_URL, published="2026-03-15",
                                   library=library)
    return hostile.id


def wait_for_job(client, job_id: str, *, headers: dict | None = None, attempts: int = 600) -> dict:
    """Poll the job endpoint until the job has finished (not a timing assertion: it only waits)."""
    for _ in range(attempts):
        job = client.get(f"/api/v1/jobs/{job_id}", headers=headers or {}).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {job}")

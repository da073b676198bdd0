"""`spinlens bench ingest`: articles/s from raw input to stored article, next to trafilatura alone
(ingestion only: the analysis models and story placement are not timed here; `bench scale` times both)."""

from __future__ import annotations

import re
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator

from spinlens import api
from spinlens.bench.scale import timed_run

#: The ingestion stages (everything before the analysis models); `bench speed` times the full pipeline.
INGEST_STAGES = ("clean", "paragraphs", "language", "sentences")

_CANONICAL = re.compile(r'(<link[^>]+rel="canonical"[^>]+href=")([^"]+)(")', re.I)
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.I | re.S)


def _demo_files(suffixes: tuple[str, ...]) -> list[Path]:
    files = sorted(p for p in api.demo_corpus_dir().iterdir() if p.suffix in suffixes)
    if not files:
        raise RuntimeError(f"the demo corpus has no {'/'.join(suffixes)} files")
    return files


def build_corpus(root: Path, count: int) -> tuple[Path, Path]:
    """Write `count` HTML and `count` text articles replicated from the demo corpus, each unique."""
    html_dir, text_dir = root / "html", root / "text"
    html_dir.mkdir(parents=True)
    text_dir.mkdir(parents=True)
    pages = [p.read_text("utf-8") for p in _demo_files((".html",))]
    texts = [p.read_text("utf-8") for p in _demo_files((".txt",))]
    for i in range(count):
        page = pages[i % len(pages)]
        page = _CANONICAL.sub(lambda m: f"{m.group(1)}{m.group(2)}?copy={i}{m.group(3)}", page, count=1)
        page = _TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} ({i}){m.group(3)}", page, count=1)
        (html_dir / f"{i:06d}.html").write_text(page, "utf-8")
        (text_dir / f"{i:06d}.txt").write_text(texts[i % len(texts)], "utf-8")
    return html_dir, text_dir


def _trafilatura_alone(folder: Path) -> tuple[int, float]:
    from trafilatura import bare_extraction

    pages = [p.read_text("utf-8") for p in sorted(folder.iterdir())]
    start = time.perf_counter()
    for page in pages:
        bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    return len(pages), time.perf_counter() - start


def run_ingest_bench(count: int, workdir: str | None = None, workers: tuple[int, ...] = (1, 2)) -> Iterator[str]:
    """Build the corpus, time each path with each number of worker processes, and yield report lines."""
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="spinlens-bench-"))
    corpus = root / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    html_dir, text_dir = build_corpus(corpus, count)
    yield f"corpus: {count} HTML + {count} plain-text articles replicated from the demo corpus in {corpus}"
    yield ("stages: " + ", ".join(INGEST_STAGES) + ", then stored (story placement, a corpus step, left to the "
           "first story query)")
    pages, t_alone = _trafilatura_alone(html_dir)
    yield f"trafilatura bare_extraction alone: {pages / t_alone:8.1f} pages/s ({t_alone:.1f} s)"
    for count_workers in workers:
        for name, folder in (("html", html_dir), ("text", text_dir)):
            library_path = root / f"bench-{name}.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(str(library_path) + suffix).unlink(missing_ok=True)
            ok, failed, seconds = timed_run(folder, library_path, INGEST_STAGES, None, count_workers,
                                            place_stories=False)
            line = (f"spinlens ingest {name:4} (workers={count_workers}): {ok / seconds:8.1f} articles/s "
                    f"({ok} stored, {failed} failed, {seconds:.1f} s)")
            if name == "html":
                line += f"; cost vs trafilatura alone: {seconds / ok / (t_alone / pages):.2f}x"
            yield line
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    yield f"peak resident memory: {peak_mb:.0f} MB (largest worker process: {worker_mb:.0f} MB)"

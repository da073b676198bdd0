"""`spinlens bench stories`: B-cubed clustering and copy-detection scores on the evaluation set, and the
time per added article as the library grows (`--synthetic N`)."""

from __future__ import annotations

import json
import random
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Iterator

from spinlens.corpus.copies import CopyDetector
from spinlens.corpus.stories import StoryClusterer, bcubed
from spinlens.model import Article, short_id
from spinlens.text.segment import ParagraphStage


def eval_file() -> Path:
    """The stories evaluation set shipped with spinlens."""
    return Path(str(resources.files("spinlens.corpus") / "eval" / "articles.jsonl"))


def _article(record: dict) -> Article:
    identity = f"eval:{record['id']}"
    article = Article(identity=identity, id=record["id"], raw_text=record["text"], text=record["text"],
                      title=record.get("title"), outlet=record.get("outlet"), language=record.get("language"),
                      published=record.get("published"))
    ParagraphStage()([article])
    return article


def run_eval(path: Path | None = None) -> Iterator[str]:
    """Cluster and detect copies on the evaluation set; yield the scores."""
    records = [json.loads(line) for line in (path or eval_file()).read_text("utf-8").splitlines() if line.strip()]
    articles = sorted((_article(r) for r in records), key=lambda a: (a.published is None, a.published or ""))
    gold_event = {r["id"]: r["event"] for r in records}
    links = CopyDetector().fit(articles).links_
    copies = {link.copy_id: link.original_id for link in links}
    clusterer = StoryClusterer().fit(articles, copies)
    p, r, f = bcubed(clusterer.labels_, [gold_event[a.id] for a in articles])
    yield (f"stories: {len(articles)} articles, {len(set(gold_event.values()))} events, "
           f"{len(clusterer.stories_)} stories found")
    yield f"story clustering B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}"
    gold = {frozenset((r["id"], r["copy_of"])) for r in records if r.get("copy_of")}
    found = {frozenset((link.copy_id, link.original_id)) for link in links}
    hits = len(gold & found)
    direction = sum(1 for link in links if any(r["id"] == link.copy_id and r.get("copy_of") == link.original_id
                                               for r in records))
    yield (f"copies P={hits / len(found) if found else 0:.3f} R={hits / len(gold) if gold else 0:.3f} "
           f"(found {len(found)}, gold {len(gold)}; copy and original the right way round: {direction} of {hits})")


def run_synthetic(counts: list[int], seed: int = 7, batch: int = 200) -> Iterator[str]:
    """Store synthetic articles (many events, shared vocabulary) in a new library, placing each batch into
    the library's stories as `spinlens analyze` does; report the placement time per added article."""
    from spinlens.corpus.library_stories import place_articles
    from spinlens.store import Library

    rng = random.Random(seed)
    def name() -> str:  # random pronounceable names, distinct in their first five letters
        return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4)).title()

    places = [name() for _ in range(5000)]
    people = [name() for _ in range(5000)]
    common = "council water storm election court strike budget minister protest harbour river school".split()
    for total in counts:
        with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "synthetic.sqlite") as library:
            placing = placing_cpu = storing = last = 0.0
            for first in range(0, total, batch):
                articles = []
                for i in range(first, min(total, first + batch)):
                    event = rng.randrange(max(1, total // 5))
                    text = (f"Report {i}\n\n{places[event % 5000]} and {people[event % 5000]} were at the centre of "
                            f"the {rng.choice(common)} news on day {event % 28 + 1}, with {people[(event * 7) % 5000]} "
                            f"quoted about the {rng.choice(common)} and the {rng.choice(common)} in "
                            f"{places[(event * 3) % 5000]}.")
                    article = Article(identity=f"syn:{i}", id=short_id(f"syn:{i}"), raw_text=text, text=text,
                                      language="en", published=f"2026-{event % 12 + 1:02d}-{event % 28 + 1:02d}T12:00:00")
                    ParagraphStage()([article])
                    articles.append(article)
                started = time.perf_counter()
                library.save_many(articles)
                stored, cpu = time.perf_counter(), time.process_time()
                place_articles(library, articles)
                took = time.perf_counter() - stored
                placing_cpu += time.process_time() - cpu
                storing += stored - started
                placing += took
                if first >= total - 1000:
                    last += took
            stories = len(library.stories())
        yield (f"synthetic {total} articles through the library: placing {placing / total * 1000:.2f} ms per added "
               f"article on average ({placing_cpu / total * 1000:.2f} ms of CPU), {last / min(1000, total) * 1000:.2f} "
               f"ms for the last 1,000; storing {storing / total * 1000:.2f} ms per article ({stories} stories)")

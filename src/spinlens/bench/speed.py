"""`spinlens bench speed`: articles/s end to end against the raw ONNX encoder alone (English by default; French
and German, whose combiners read the English model's cross-lingual output, with `--lang`)."""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Iterator

from spinlens import api
from spinlens.ingest.document import RawDocument
from spinlens.text.language_names import language_name


#: Languages whose articles run the English ONNX model: English, and the two read through its cross-lingual head.
ENCODER_LANGUAGES = ("en", "fr", "de")


def demo_paragraphs(language: str = "en") -> list[str]:
    """Body paragraphs of the demo articles in `language`, cleaned by the pipeline (no store)."""
    manifest = json.loads((api.demo_corpus_dir().parent / "MANIFEST.json").read_text("utf-8"))
    files = [str(api.demo_corpus_dir() / e["file"]) for e in manifest if e["language"] == language]
    paragraphs = []
    for outcome in api.analyze_documents(api.read_documents(files), store=False,
                                         pipeline=api.build_pipeline(names=("clean", "paragraphs"))):
        if outcome.ok:
            paragraphs += [outcome.article.span_text(p) for p in outcome.article.paragraphs()[1:]]
    return paragraphs


def make_articles(count: int, words: int, language: str = "en") -> list[RawDocument]:
    """`count` distinct articles of about `words` words, assembled from the demo paragraphs in `language`."""
    pool = demo_paragraphs(language)
    documents = []
    for i in range(count):
        body, total, k = [], 0, i
        while total < words:
            paragraph = pool[k % len(pool)]
            body.append(paragraph)
            total += len(paragraph.split())
            k += 7
        documents.append(RawDocument(source=f"bench:{i}", kind="text", source_kind="bench",
                                     content=f"Benchmark article {i}\n\n" + "\n\n".join(body),
                                     meta={"url": f"https://bench.example/{i}"}))
    return documents


class _Timed:
    """A stage wrapped to add its run time to a shared table (the pipeline only calls stages)."""

    def __init__(self, stage, times: dict[str, float]):
        self.stage, self.times, self.name = stage, times, stage.name

    def __call__(self, articles) -> None:
        start = time.perf_counter()
        self.stage(articles)
        self.times[self.name] = self.times.get(self.name, 0.0) + time.perf_counter() - start


def run_speed_bench(count: int, words: int, language: str = "en") -> Iterator[str]:
    """Time the full pipeline with storage, then the raw encoder on the same paragraphs (for French and
    German: its cross-lingual output alone, what their combiners read)."""
    from spinlens.errors import UsageError
    from spinlens.techniques.encoder import EnglishEncoderModel, models_dir

    if language not in ENCODER_LANGUAGES:
        raise UsageError(f"bench speed: no articles in {language!r} run the encoder (choose from "
                         f"{', '.join(ENCODER_LANGUAGES)})")
    documents = make_articles(count, words, language)
    with tempfile.TemporaryDirectory() as tmp:
        library = api.open_library(Path(tmp) / "speed.sqlite")
        pipeline = api.build_pipeline(library)
        list(api.analyze_documents(make_articles(2, 100, language), library=library, pipeline=pipeline))  # warm up
        stage_times: dict[str, float] = {}
        pipeline.stages = [_Timed(stage, stage_times) for stage in pipeline.stages]
        start = time.perf_counter()
        outcomes = list(api.analyze_documents(documents, library=library, pipeline=pipeline))
        end_to_end = time.perf_counter() - start
        library.close()
    articles = [o.article for o in outcomes if o.ok]
    paragraphs = [a.span_text(p) for a in articles for p in a.paragraphs()]
    titles = [None if i == 0 else a.title for a in articles for i, _ in enumerate(a.paragraphs())]
    encoder = EnglishEncoderModel.load(models_dir())
    start = time.perf_counter()
    if language == "en":
        encoder.run(paragraphs, titles)
    else:
        encoder.crosslingual_probs(paragraphs, titles)
    raw = time.perf_counter() - start
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(paragraphs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    yield (f"articles: {len(articles)} {language_name(language)}, ~{words} words each, {len(paragraphs)} paragraphs, "
           f"{tokens} tokens")
    yield (f"end to end (clean, segment, language, techniques, spans, spin, claims, store): "
           f"{len(articles) / end_to_end:.2f} articles/s")
    yield "time per article by stage: " + ", ".join(f"{name} {seconds / len(articles) * 1000:.1f} ms"
                                                   for name, seconds in stage_times.items())
    claims = stage_times.get("claims", 0.0)
    if claims:
        yield (f"claims stage adds {claims / (end_to_end - claims) * 100:.0f}% to the end-to-end time of "
               f"everything else")
    yield f"raw ONNX encoder alone: {len(paragraphs) / raw:.1f} paragraphs/s, {tokens / raw:.0f} tokens/s, {len(articles) / raw:.2f} articles/s"
    yield (f"ratio end-to-end / raw encoder time: {end_to_end / raw:.2f}x "
           f"(without the claims stage: {(end_to_end - claims) / raw:.2f}x)")
    yield f"peak resident memory: {peak:.0f} MB"

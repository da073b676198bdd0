"""`CleanStage`: what it writes on the article, the library look-up, and the 'not an article' skip."""

from __future__ import annotations

import pytest

from spinlens.clean.stage import CleanStage
from spinlens.model import Article, Provenance, short_id, spans_slice_text
from spinlens.pipeline.core import Context, Pipeline
from spinlens.pipeline.registry import load_stage

TITLE = "Harbour plan delayed again"
BODY = [
    ("The city's plan to rebuild the old harbour has been delayed for a third time, officials said on "
    "Wednesday, blaming rising costs and a shortage of engineers."),
    ("Residents who had hoped the work would begin this summer reacted with frustration, and several "
    "shop owners said they could not wait another year."),
]
OUTLET_BLOCK = ("Example Outlet is funded by its readers and has no owner who can tell its reporters what "
                "to write about the city.")


def make_article(text: str, identity: str = "test:clean", **fields) -> Article:
    return Article(identity=identity, id=short_id(identity), raw_text=text, source=identity, **fields)


def raw(*tail: str, title: str = TITLE) -> str:
    return "\n\n".join([title, "By Jane Roe", *BODY, *tail])


class FakeLibrary:
    """Stands in for the library: `repeated_blocks` answers from a fixed set and records calls."""

    def __init__(self, repeated: set[str]):
        self.repeated = repeated
        self.calls: list[tuple[str, list[str], str | None]] = []

    def repeated_blocks(self, outlet: str, blocks: list[str], exclude_id: str | None = None) -> set[str]:
        self.calls.append((outlet, list(blocks), exclude_id))
        return {b for b in blocks if b in self.repeated}


def test_stage_registration() -> None:
    assert load_stage("clean") is CleanStage
    assert CleanStage.name == "clean"
    assert CleanStage.requires == ("raw_text", "metadata")
    assert CleanStage.assigns == ("text", "layer:title", "provenance", "authors")


def test_stage_writes_text_title_span_offsets_and_removed() -> None:
    article = make_article(raw("Subscribe to our newsletter", "First published by Example Review"))
    CleanStage().process(article)
    assert article.ok
    assert article.title == TITLE
    assert article.text == "\n\n".join([TITLE, *BODY])
    titles = article.layer("title")
    assert [(s.start, s.end) for s in titles] == [(0, len(TITLE))]
    assert article.span_text(titles[0]) == TITLE
    offsets = article.extra["paragraph_offsets"]
    assert [article.text[s:e] for s, e in offsets] == [TITLE, *BODY]
    assert all(isinstance(pair, list) for pair in offsets)
    assert [r.reason for r in article.removed] == ["byline", "newsletter prompt", "attribution"]
    assert article.authors == ["Jane Roe"]
    assert article.provenance.first_published_by == "Example Review"
    assert spans_slice_text(article)


def test_stage_is_idempotent_on_title_layer() -> None:
    article = make_article(raw())
    stage = CleanStage()
    stage.process(article)
    stage.process(article)
    assert len(article.layer("title")) == 1


def test_reader_provenance_and_authors_win() -> None:
    article = make_article(
        raw("First published by Example Review", "Copyright © Jane Roe, Example Review, 2024",
            "John Smith is a freelance journalist based in Porto."),
        authors=["Maria Kask"],
        provenance=Provenance(first_published_by="Reader Value"))
    CleanStage().process(article)
    assert article.provenance.first_published_by == "Reader Value"
    assert article.provenance.copyright_holders == ["Jane Roe", "Example Review"]
    assert article.provenance.copyright_year == 2024
    assert article.authors == ["Maria Kask", "Jane Roe", "John Smith"]
    assert article.author_bios == ["John Smith is a freelance journalist based in Porto."]


def test_authors_not_duplicated() -> None:
    article = make_article(raw(), authors=["Jane Roe"])
    CleanStage().process(article)
    assert article.authors == ["Jane Roe"]


def test_copyright_holder_author_only_when_no_author_known() -> None:
    text = "\n\n".join([TITLE, *BODY, "Copyright © Jane Roe, Example Review, 2024"])
    article = make_article(text)
    CleanStage().process(article)
    assert article.authors == ["Jane Roe"]
    article = make_article(text, authors=["Maria Kask"])
    CleanStage().process(article)
    assert article.authors == ["Maria Kask"]


def test_known_title_is_kept_and_duplicate_removed() -> None:
    article = make_article(raw(), title=f"{TITLE} | Example Outlet")
    CleanStage().process(article)
    assert article.title == f"{TITLE} | Example Outlet"
    assert article.text.startswith(f"{TITLE} | Example Outlet\n\n")
    assert article.removed[0].reason == "duplicate of title"


def test_library_repeated_blocks_called_once_per_article() -> None:
    library = FakeLibrary({OUTLET_BLOCK})
    article = make_article(raw(OUTLET_BLOCK), outlet="Example Outlet")
    CleanStage(Context(library=library)).process(article)
    assert len(library.calls) == 1
    outlet, blocks, exclude_id = library.calls[0]
    assert outlet == "Example Outlet"
    assert exclude_id == article.id
    assert OUTLET_BLOCK in blocks and BODY[0] in blocks
    assert [r.reason for r in article.removed] == ["byline", "repeated outlet block"]
    assert OUTLET_BLOCK not in article.text


def test_copied_article_keeps_its_body() -> None:
    library = FakeLibrary({"By Jane Roe", *BODY, OUTLET_BLOCK})
    article = make_article(raw(OUTLET_BLOCK), outlet="Example Outlet")
    CleanStage(Context(library=library)).process(article)
    assert OUTLET_BLOCK in article.text
    assert all(p in article.text for p in BODY)


def test_no_library_lookup_without_outlet() -> None:
    library = FakeLibrary({OUTLET_BLOCK})
    article = make_article(raw(OUTLET_BLOCK))
    CleanStage(Context(library=library)).process(article)
    assert library.calls == []
    assert OUTLET_BLOCK in article.text


def test_short_text_is_skipped_as_not_an_article() -> None:
    article = make_article("Breaking news\n\nThe harbour plan is delayed.\n\nSubscribe to our newsletter")
    CleanStage().process(article)
    assert article.status == "skipped: not an article (5 words)"
    assert article.text.startswith("Breaking news")


def test_min_words_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPINLENS_MIN_WORDS", "100")
    article = make_article(raw())
    CleanStage().process(article)
    assert article.status.startswith("skipped: not an article (")
    monkeypatch.setenv("SPINLENS_MIN_WORDS", "5")
    article = make_article(raw())
    CleanStage().process(article)
    assert article.ok


def test_an_article_over_the_word_limit_is_skipped_with_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPINLENS_MAX_WORDS", "20")
    article = make_article(raw())
    CleanStage().process(article)
    assert article.status.startswith("skipped: too long to analyse (") and "20-word limit, SPINLENS_MAX_WORDS" in \
        article.status
    monkeypatch.setenv("SPINLENS_MAX_WORDS", "100000")
    article = make_article(raw())
    CleanStage().process(article)
    assert article.ok


def test_a_huge_article_is_reported_not_analysed_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path) -> None:
    import spinlens

    monkeypatch.setenv("SPINLENS_MAX_WORDS", "1000")
    (tmp_path / "huge.txt").write_text("Huge\n\n" + "word " * 5000, "utf-8")
    (tmp_path / "fine.txt").write_text(raw(), "utf-8")
    outcomes = list(spinlens.analyze_sources([str(tmp_path / "huge.txt"), str(tmp_path / "fine.txt")], store=False))
    errors = [str(o.error) for o in outcomes if o.error is not None]
    assert len(outcomes) == 2 and len(errors) == 1 and "huge.txt" in errors[0] and "too long to analyse" in errors[0]
    assert [o.article.title for o in outcomes if o.error is None] == [TITLE]


def test_stage_in_a_pipeline() -> None:
    article = make_article(raw("* * *", "Disclaimer: the views are the author's own."))
    Pipeline(stages=[CleanStage()]).run([article])
    assert article.ok
    assert article.text == "\n\n".join([TITLE, *BODY])

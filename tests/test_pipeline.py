"""Stage registry and pipeline: order checks at start-up, per-article failures, batches go on."""

from __future__ import annotations

import pytest

from spinlens.errors import PipelineConfigError, StageError
from spinlens.model import Article
from spinlens.pipeline import DEFAULT_PIPELINE, STAGES, Pipeline, Stage, load_stage


class Upper(Stage):
    name = "upper"
    requires = ("raw_text",)
    assigns = ("text",)

    def process(self, article: Article) -> None:
        if "bad" in article.raw_text:
            raise StageError("cannot upper this")
        if "bug" in article.raw_text:
            raise ZeroDivisionError("division by zero")
        article.text = article.raw_text.upper()


class NeedsParagraphs(Stage):
    name = "needs"
    requires = ("layer:paragraph",)
    assigns = ()

    def process(self, article: Article) -> None:
        article.extra["seen"] = True


def test_every_registered_stage_loads_with_its_own_name():
    for name in STAGES:
        assert load_stage(name).name == name


def test_default_pipeline_is_ordered():
    assert Pipeline(DEFAULT_PIPELINE).names == list(DEFAULT_PIPELINE)


def test_unknown_stage_is_a_config_error():
    with pytest.raises(PipelineConfigError, match="unknown stage"):
        Pipeline(["nope"])


def test_order_is_checked_at_start_up():
    with pytest.raises(PipelineConfigError, match="requires layer:paragraph"):
        Pipeline(stages=[NeedsParagraphs()])
    with pytest.raises(PipelineConfigError):
        Pipeline(["sentences", "clean", "paragraphs", "language"])


def test_failure_is_recorded_on_the_article_and_batch_goes_on():
    batch = [Article(raw_text="fine"), Article(raw_text="bad"), Article(raw_text="bug"), Article(raw_text="ok")]
    out = Pipeline(stages=[Upper()]).run(batch)
    assert [a.text for a in out] == ["FINE", "", "", "OK"]
    assert out[1].status == "failed: upper: cannot upper this"
    assert out[2].status.startswith("failed: upper: ZeroDivisionError")


def test_failed_articles_skip_later_stages():
    class Mark(Stage):
        name = "mark"
        requires = ("text",)

        def process(self, article):
            article.extra["marked"] = True

    out = Pipeline(stages=[Upper(), Mark()]).run([Article(raw_text="bad"), Article(raw_text="good")])
    assert "marked" not in out[0].extra and out[1].extra["marked"]

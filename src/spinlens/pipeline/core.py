"""Stages are small callables over a batch of articles; the pipeline checks their order once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Sequence

from spinlens.errors import PipelineConfigError, SpinlensError
from spinlens.model import Article


@dataclass
class Context:
    """What stages may consult besides the article: the library (if any) and run options."""

    library: Any = None
    options: dict[str, Any] = field(default_factory=dict)


class Stage:
    """A pipeline step. Subclasses set `name`, `requires`, `assigns` and implement `process`.

    Model stages override `__call__` to score the whole batch at once, then annotate each article.
    A failure on one article is recorded on that article and the batch goes on.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, context: Context | None = None):
        self.context = context or Context()

    def process(self, article: Article) -> None:
        """Annotate one article in place."""
        raise NotImplementedError

    def __call__(self, articles: Sequence[Article]) -> None:
        """Run `process` on each article, recording failures on the article that failed."""
        for article in articles:
            self.guarded(article, self.process)

    def guarded(self, article: Article, fn, *args: Any) -> None:
        """Call `fn(article, *args)`, turning an exception into a recorded failure on the article."""
        try:
            fn(article, *args)
        except SpinlensError as exc:
            article.fail(self.name, exc.reason)
        except Exception as exc:  # a stage bug must not take the batch down; it is recorded
            article.fail(self.name, f"{type(exc).__name__}: {exc}")


class Pipeline:
    """An ordered list of stages, checked at construction: each one's requirements come first."""

    def __init__(self, names: Iterable[str] | None = None, context: Context | None = None,
                 stages: Iterable[Stage] | None = None):
        from spinlens.pipeline.registry import DEFAULT_PIPELINE, EXTRACTED, load_stage

        self.context = context or Context()
        if stages is None:
            stages = [load_stage(n)(self.context) for n in (names or DEFAULT_PIPELINE)]
        self.stages: list[Stage] = list(stages)
        check_order(self.stages, EXTRACTED)

    @property
    def names(self) -> list[str]:
        """Names of the stages, in order."""
        return [s.name for s in self.stages]

    def run(self, articles: Sequence[Article]) -> list[Article]:
        """Run every stage over the batch; articles that failed or were skipped leave the batch."""
        articles = list(articles)
        for stage in self.stages:
            live = [a for a in articles if a.ok]
            if not live:
                break
            stage(live)
        return articles

    def __call__(self, article: Article) -> Article:
        """Run the pipeline on one article."""
        return self.run([article])[0]


def check_order(stages: Sequence[Stage], provided: Iterable[str]) -> None:
    """Raise `PipelineConfigError` if a stage requires something no earlier stage assigns."""
    available = set(provided)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineConfigError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        available.update(stage.assigns)

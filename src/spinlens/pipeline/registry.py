"""The one place stages are registered: name -> "module:Class". Adding a stage is one line here."""

from __future__ import annotations

import importlib

from spinlens.errors import PipelineConfigError

#: Every stage spinlens knows, imported lazily so a pipeline loads only what it runs.
STAGES: dict[str, str] = {
    "clean": "spinlens.clean.stage:CleanStage",
    "paragraphs": "spinlens.text.segment:ParagraphStage",
    "language": "spinlens.text.language:LanguageStage",
    "sentences": "spinlens.text.segment:SentenceStage",
    "techniques": "spinlens.techniques.stage:TechniqueStage",
    "spin": "spinlens.techniques.spin:SpinStage",
    "claims": "spinlens.claims.stage:ClaimsStage",
}

#: The stages `spinlens analyze` runs, in order.
DEFAULT_PIPELINE: tuple[str, ...] = ("clean", "paragraphs", "language", "sentences", "techniques", "spin", "claims")

#: What an article holds when it leaves extraction, before any stage.
EXTRACTED = frozenset({"raw_text", "metadata"})


def load_stage(name: str):
    """Import and return the stage class registered under `name`."""
    try:
        target = STAGES[name]
    except KeyError:
        raise PipelineConfigError(f"unknown stage {name!r}; known: {', '.join(STAGES)}") from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if cls.name != name:
        raise PipelineConfigError(f"stage registered as {name!r} calls itself {cls.name!r}")
    return cls

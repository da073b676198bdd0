"""Stage registry and the pipeline that runs batches of articles through the registered stages."""

from spinlens.pipeline.core import Context, Pipeline, Stage
from spinlens.pipeline.registry import DEFAULT_PIPELINE, STAGES, load_stage

__all__ = ["Context", "Pipeline", "Stage", "DEFAULT_PIPELINE", "STAGES", "load_stage"]

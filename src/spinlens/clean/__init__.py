"""Text cleaning: raw article text -> canonical cleaned text, provenance and authors."""

from spinlens.clean.core import CleanedText, candidate_blocks, clean_text
from spinlens.clean.cues import REASONS

__all__ = ["REASONS", "CleanedText", "candidate_blocks", "clean_text"]

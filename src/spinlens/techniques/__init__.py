"""Persuasion-technique models (paragraph level, 23 SemEval-2023 techniques)."""

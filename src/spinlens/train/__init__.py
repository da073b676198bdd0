"""Training of the shipped models (needs the optional `train` extra: torch, transformers, scikit-learn)."""

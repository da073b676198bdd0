"""Text-level stages: paragraphs, sentences and language identification."""

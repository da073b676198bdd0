"""Claims, attributions, accusations and actors: who says what, and who accuses whom of what."""

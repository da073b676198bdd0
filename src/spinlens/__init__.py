"""spinlens: see how the news spins a story, locally and with evidence."""

from spinlens.api import (Outcome, analyze, analyze_documents, analyze_sources, build_pipeline,
                          demo_corpus_dir, find_copies, find_sources, find_stories, open_library,
                          read_documents)
from spinlens.claims.records import ArticleClaims, article_claims
from spinlens.errors import SpinlensError
from spinlens.model import Article, Provenance, Span
from spinlens.store import Library

__version__ = "0.1.0"

__all__ = ["Article", "ArticleClaims", "Library", "Outcome", "Provenance", "Span", "SpinlensError", "analyze",
           "analyze_documents", "article_claims", "analyze_sources", "build_pipeline", "demo_corpus_dir", "find_copies", "find_sources", "find_stories", "open_library",
           "read_documents", "__version__"]

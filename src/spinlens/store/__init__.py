"""The library: where analysed articles are stored. The store owns all SQL."""

from spinlens.store.sqlite import ArticleSummary, Library, SaveResult, SearchHit

__all__ = ["ArticleSummary", "Library", "SaveResult", "SearchHit"]

"""The web app's corpus cache: copies and stories served from a snapshot, refreshed in the background."""

from __future__ import annotations

import threading

from web_support import BODY

import spinlens
from spinlens.store import Library
from spinlens.web.corpus import CorpusCache


def test_a_change_is_served_stale_until_the_background_refresh_lands(tmp_path):
    with Library(tmp_path / "l.sqlite") as library:
        original = spinlens.analyze(text=f"Council funds repairs\n\n{BODY}", outlet="Valley Post",
                                    url="https://valley.example/1", published="2026-03-01", library=library)
        cache = CorpusCache(library)
        first = cache.snapshot()
        assert first.copies == [] and cache.article_links(original.id)[0] is not None
        copy = spinlens.analyze(text=f"Council funds repairs\n\n{BODY}", outlet="Hill Times",
                                url="https://hill.example/1", published="2026-03-02", library=library)
        assert cache.snapshot() is first  # stale, while the refresh runs in the background
        cache.wait()
        fresh = cache.snapshot()
        assert fresh is not first and fresh.revision == library.revision()
        assert [(link.copy_id, link.original_id) for link in fresh.copies] == [(copy.id, original.id)]
        story, links, ready = cache.article_links(copy.id)
        assert ready and [c.original_id for c in links] == [original.id]
        assert story == cache.article_links(original.id)[0]
        assert cache.snapshot() is fresh  # nothing changed since: no rebuild


def test_an_article_page_goes_on_without_a_first_snapshot_that_is_not_ready(tmp_path, monkeypatch):
    from spinlens.web import corpus

    release = threading.Event()
    real_build = corpus.build_snapshot

    def slow_build(library):
        release.wait()
        return real_build(library)

    monkeypatch.setattr(corpus, "build_snapshot", slow_build)
    with Library(tmp_path / "l.sqlite") as library:
        article = spinlens.analyze(text=f"Council funds repairs\n\n{BODY}", library=library)
        cache = CorpusCache(library)
        assert cache.article_links(article.id, timeout=0.01) == (None, [], False)  # built in the background
        release.set()
        cache.wait()
        story, links, ready = cache.article_links(article.id, timeout=0.01)
        assert ready and story is not None and links == []


def test_actors_and_searches_are_computed_once_per_library_revision(tmp_path, monkeypatch):
    with Library(tmp_path / "l.sqlite") as library:
        spinlens.analyze(text=f"Council funds repairs\n\n{BODY} Interior Minister Anzel Moravek accused the "
                              "builders of sabotage on Monday.", library=library)
        cache = CorpusCache(library)
        calls = []
        for name in ("actors", "search_count"):
            real = getattr(library, name)
            monkeypatch.setattr(library, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
        first = cache.actors(50, None)
        assert "Anzel Moravek" in {p.actor for p in first}
        assert cache.actors(50, None) == first and cache.search("sabotage", {}, 10, 0)[0] == 1
        assert cache.search("sabotage", {}, 10, 0)[0] == 1 and calls == ["actors", "search_count"]
        spinlens.analyze(text=f"Inspectors arrive\n\n{BODY} The engineer Lena Varga said the sabotage was not "
                              "proven.", library=library)
        assert "Lena Varga" in {p.actor for p in cache.actors(50, None)}  # the library changed: read again
        assert cache.search("sabotage", {}, 10, 0)[0] == 2 and calls == ["actors", "search_count"] * 2

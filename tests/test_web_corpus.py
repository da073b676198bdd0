"""The web app's corpus cache: copies and stories served from a snapshot, refreshed in the background."""

from __future__ import annotations

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
        assert first.copies == [] and cache.story_of(original.id) is not None
        copy = spinlens.analyze(text=f"Council funds repairs\n\n{BODY}", outlet="Hill Times",
                                url="https://hill.example/1", published="2026-03-02", library=library)
        assert cache.snapshot() is first  # stale, while the refresh runs in the background
        cache.wait()
        fresh = cache.snapshot()
        assert fresh is not first and fresh.revision == library.revision()
        assert [(link.copy_id, link.original_id) for link in fresh.copies] == [(copy.id, original.id)]
        assert [c.original_id for c in cache.copies_of(copy.id)] == [original.id]
        assert cache.story_of(copy.id) == cache.story_of(original.id)
        assert cache.snapshot() is fresh  # nothing changed since: no rebuild

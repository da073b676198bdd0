"""The SQLite library: migrations, WAL, idempotent saves, FTS search, atomic writes, repeated blocks."""

from __future__ import annotations

import json

import pytest

from spinlens.errors import LibraryError, NotFound, UsageError
from spinlens.model import Article, RemovedBlock, short_id
from spinlens.store import Library
from spinlens.store.sqlite import block_key


def stored(text: str, identity: str, **fields) -> Article:
    article = Article(identity=identity, id=short_id(identity), raw_text=text, text=text, **fields)
    pos = 0
    for para in text.split("\n\n"):
        article.add_span(pos, pos + len(para), "paragraph")
        pos += len(para) + 2
    return article


def test_new_library_is_migrated_and_in_wal_mode(tmp_path):
    lib = Library(tmp_path / "sub" / "lib.sqlite")
    assert lib.schema_version >= 1
    assert lib._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    version = lib.schema_version
    lib.close()
    again = Library(tmp_path / "sub" / "lib.sqlite")  # reopening applies nothing twice
    assert again.schema_version == version
    again.close()


def _open_at(path, start: float) -> str:
    """Open (creating) the library at `path` once the clock reaches `start`; 'ok' or the error."""
    import time

    while time.time() < start:
        pass
    try:
        Library(path).close()
        return "ok"
    except LibraryError as exc:
        return str(exc)


def test_processes_creating_one_new_library_at_once_all_open_it(tmp_path):
    """A race, so repeated: switching a new file to WAL fails at once without SQLite's busy handler while
    another process holds its lock; before opening retried it, about one trial in ten ended in
    "cannot open library: database is locked" on this machine."""
    import multiprocessing
    import time

    with multiprocessing.get_context("fork").Pool(6) as pool:
        for trial in range(15):
            start = time.time() + 0.2
            results = pool.starmap(_open_at, [(tmp_path / str(trial) / "lib.sqlite", start)] * 6)
            assert results == ["ok"] * 6, (trial, results)


def test_older_library_is_migrated_with_its_spans_in_order(tmp_path, monkeypatch):
    import spinlens.store.sqlite as store

    every = store._migrations()
    monkeypatch.setattr(store, "_migrations", lambda folder="migrations": [m for m in every if m[0] <= 2])
    old = Library(tmp_path / "old.sqlite")
    article = stored("First part.\n\nSecond part.\n\nThird.", "id:old", title="Old")
    article.add_span(0, 5, "technique", "Doubt", 0.5, group="justification")
    with old._transaction() as conn:  # written as version 2 stored it (spans ordered by rowid)
        pk = conn.execute("INSERT INTO articles (id, identity, state_hash, title, status, text, data,"
                          " created_at, updated_at) VALUES (?, ?, 'x', ?, 'ok', ?, ?, 'now', 'now')",
                          (article.id, article.identity, article.title, article.text,
                           article.model_dump_json(exclude={"text", "spans"}))).lastrowid
        conn.executemany('INSERT INTO spans (article_pk, layer, start, "end", label, score, attrs)'
                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(pk, s.layer, s.start, s.end, s.label, s.score, json.dumps(s.attrs) if s.attrs else None)
                          for s in article.spans])
    old.close()
    monkeypatch.setattr(store, "_migrations", lambda folder="migrations": every)
    new = Library(tmp_path / "old.sqlite")
    assert new.schema_version == every[-1][0] > 2
    back = new.get(article.id)
    assert back.spans == article.spans  # same spans, same order, attrs intact
    assert new.save(article).action == "updated" and new.get(article.id).spans == article.spans
    new.close()


def test_save_many_rolls_back_only_the_article_that_failed(library):
    good = stored("Good text here.", "id:good", title="Good")
    bad = stored("Bad text here.", "id:bad", title="Bad")
    bad.id = ""  # cannot be stored
    other = stored("Other text here.", "id:other", title="Other")
    results = library.save_many([good, bad, other])
    assert [getattr(r, "action", None) for r in results] == ["added", None, "added"]
    assert isinstance(results[1], LibraryError)
    assert library.count() == 2 and library.get(other.id).title == "Other"


def test_not_a_database_is_a_library_error(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LibraryError, match="junk.sqlite"):
        Library(path)


def test_save_is_idempotent_and_updates_changes(library):
    article = stored("Alpha beta gamma.\n\nDelta epsilon.", "id:1", title="Greek", outlet="Letters")
    assert library.save(article).action == "added"
    assert library.save(article).action == "unchanged"
    assert library.count() == 1
    changed = stored("Alpha beta gamma.\n\nZeta eta theta.", "id:1", title="Greek", outlet="Letters")
    assert library.save(changed).action == "updated"
    assert library.count() == 1
    back = library.get(article.id)
    assert back.text.endswith("Zeta eta theta.") and len(back.paragraphs()) == 2
    assert library.search("zeta")[0].id == article.id
    assert library.search("delta") == []  # the old text left the full-text index


def test_round_trip_through_the_library_is_lossless(library):
    article = stored("One two three.\n\nFour five.", "id:rt", title="T", authors=["A B"],
                     removed=[RemovedBlock(text="Subscribe now", reason="newsletter prompt")])
    article.add_span(0, 3, "technique", "Loaded_Language", 0.75, group="manipulative wording")
    library.save(article)
    assert library.get(article.id) == article


def test_get_by_prefix_and_not_found(library):
    article = stored("Some text here.", "id:p")
    library.save(article)
    assert library.get(article.id[:6]).id == article.id
    with pytest.raises(NotFound):
        library.get("ffffffffffffffff")
    with pytest.raises(NotFound):
        library.get("zz")


def test_search_ranks_snippets_and_survives_bad_syntax(library):
    library.save(stored("The dam exploded at night near the border.", "id:a", outlet="X", language="en"))
    library.save(stored("A quiet day at the market, nothing about water.", "id:b", outlet="Y", language="en"))
    hits = library.search("dam border")
    assert [h.id for h in hits] == [short_id("id:a")] and "[dam]" in hits[0].snippet
    assert library.search('dam" OR (') == library.search("dam")  # malformed FTS syntax falls back
    assert library.search("market", outlet="X") == []
    with pytest.raises(UsageError):
        library.search("   ")


def test_list_filters_and_sorts(library):
    library.save(stored("a text", "id:1", outlet="X", language="en", published="2026-03-14", title="B"))
    library.save(stored("b text", "id:2", outlet="Y", language="fr", published="2026-03-16", title="A"))
    assert [r.title for r in library.list()] == ["A", "B"]
    assert [r.title for r in library.list(outlet="x")] == ["B"]
    assert [r.title for r in library.list(language="fr")] == ["A"]
    assert [r.title for r in library.list(sort="added")] == ["A", "B"]
    with pytest.raises(UsageError):
        library.list(sort="nope")


def test_failed_save_leaves_no_half_written_article(library, monkeypatch):
    good = stored("Good text.", "id:good")
    library.save(good)
    bad = stored("Bad text.", "id:bad")
    bad.spans[0].start = -1  # the CHECK constraint fails after the article row was inserted
    with pytest.raises(library._backend.errors):  # sqlite3.IntegrityError or psycopg's CheckViolation
        library.save(bad)
    assert library.count() == 1
    assert library._conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0] == len(good.spans)
    assert library.search("bad") == []


def test_repeated_blocks_count_other_articles_of_the_outlet(library):
    footer = "Sign up for our daily briefing."
    for i in range(3):
        library.save(stored(f"Story number {i}.\n\n{footer}", f"id:{i}", outlet="Daily"))
    library.save(stored(f"Story elsewhere.\n\n{footer}", "id:other", outlet="Other"))
    assert library.repeated_blocks("Daily", [footer, "Story number 0."], exclude_id="new") == {footer}
    assert library.repeated_blocks("Daily", [footer], exclude_id=short_id("id:0")) == set()  # only 2 others
    assert library.repeated_blocks("Other", [footer], exclude_id="new") == set()
    removed = stored("New story.", "id:new", outlet="Daily",
                     removed=[RemovedBlock(text=footer.upper(), reason="newsletter prompt")])
    library.save(removed)  # removed blocks count too, case-insensitively
    assert block_key(footer) == block_key(footer.upper())
    assert library.repeated_blocks("Daily", [footer], exclude_id=short_id("id:0")) == {footer}


def test_delete_removes_spans_and_search_entries(library):
    article = stored("Removable words.", "id:del")
    library.save(article)
    library.delete(article.id)
    assert library.count() == 0 and library.search("removable") == []
    assert library._conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0] == 0


def test_list_filters_by_date_spin_and_corrected_technique(library):
    from spinlens.corrections import add_correction

    def article(n: int, published: str | None, spin: int | None, techniques: list[str]) -> Article:
        made = stored(f"Text {n} here.\n\nMore {n} text.", f"id:f{n}", title=f"T{n}", published=published)
        if spin is not None:
            made.extra["spin"] = {"score": spin}
        para = made.paragraphs()[1]
        for name in techniques:
            made.add_span(para.start, para.end, "technique", name, 0.7)
        return made

    rows = [article(1, "2026-03-14", 10, ["Doubt"]), article(2, "2026-03-15T23:30:00+00:00", 55, []),
            article(3, "2026-03-16", 80, ["Doubt", "Slogans"]), article(4, None, None, ["Slogans"])]
    for made in rows:
        library.save(made)

    def titles(**filters) -> list[str]:
        found = [r.title for r in library.list(sort="added", **filters)]
        assert library.count(**filters) == len(found)
        return sorted(found)

    assert titles(since="2026-03-15") == ["T2", "T3"]
    assert titles(until="2026-03-16") == ["T1", "T2"]  # until is exclusive, as the digest's range
    assert titles(since="2026-03-15", until="2026-03-15T23:59:59") == ["T2"]
    assert titles(min_spin=50) == ["T2", "T3"] and titles(max_spin=55) == ["T1", "T2"]
    assert titles(min_spin=20, max_spin=60) == ["T2"]
    assert titles(technique="Doubt") == ["T1", "T3"] and titles(technique="Slogans", since="2026-01-01") == ["T3"]
    assert [r.title for r in library.list(sort="spin")] == ["T3", "T2", "T1", "T4"]
    assert [r.title for r in library.list(sort="published")][:3] == ["T3", "T2", "T1"]
    with pytest.raises(UsageError, match="not an ISO date"):
        library.list(since="last week")
    # an analyst's corrections change what the technique filter finds, and withdrawing them restores it
    third = rows[2].paragraphs()[1]
    removal = add_correction(library, rows[2].id, action="remove", technique="Doubt", start=third.start, end=third.end)
    second = rows[1].paragraphs()[1]
    add_correction(library, rows[1].id, action="add", technique="Doubt", start=second.start, end=second.end)
    assert titles(technique="Doubt") == ["T1", "T2"]
    add_correction(library, rows[2].id, action="add", technique="Doubt", start=third.start, end=third.end)
    assert titles(technique="Doubt") == ["T1", "T2", "T3"]
    library.delete_correction(removal.id)
    assert titles(technique="Doubt") == ["T1", "T2", "T3"]


def test_cli_list_filters(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        for n, (published, spin) in enumerate([("2026-03-14", 10), ("2026-03-16", 70)]):
            made = stored(f"Text {n}.", f"id:c{n}", title=f"C{n}", published=published)
            made.extra["spin"] = {"score": spin}
            made.add_span(0, len(made.text), "technique", "Loaded_Language", 0.8)
            library.save(made)
    runner = CliRunner()

    def listed(*args: str) -> tuple[int, list[str]]:
        result = runner.invoke(main, ["list", "--format", "json", "--library", str(path), *args])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        return data["total"], [item["title"] for item in data["items"]]

    assert listed("--since", "2026-03-15") == (1, ["C1"])
    assert listed("--min-spin", "50", "--max-spin", "90") == (1, ["C1"])
    assert listed("--technique", "loaded language", "--sort", "spin") == (2, ["C1", "C0"])
    assert listed("--technique", "Doubt") == (0, [])
    bad = runner.invoke(main, ["list", "--technique", "Sarcasm", "--library", str(path)])
    assert bad.exit_code == 2 and "unknown technique 'Sarcasm'" in bad.output

"""PostgreSQL libraries: chosen by URL, migrations on both back ends, full-text search, the CLI end to end.

Every test using the `library` fixture also runs on PostgreSQL, and so do the resume (test_resume.py) and
concurrency (test_concurrency.py) tests of a killed run, readers while a batch writes and two writers."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from click.testing import CliRunner

from spinlens.api import demo_corpus_dir
from spinlens.cli import main
from spinlens.errors import LibraryError, UsageError
from spinlens.model import Article, short_id
from spinlens.store import Library
from spinlens.store.backends import is_postgres_url
from spinlens.store.postgres import translate


def stored(text: str, identity: str, **fields) -> Article:
    article = Article(identity=identity, id=short_id(identity), raw_text=text, text=text, **fields)
    article.add_span(0, len(text), "paragraph")
    return article


def _migration_numbers(folder: str) -> list[int]:
    root = resources.files("spinlens.store").joinpath(*folder.split("/"))
    return sorted(int(m.group(1)) for e in root.iterdir() if (m := re.match(r"(\d+)_\w+\.sql$", e.name)))


def test_every_sqlite_migration_has_a_postgresql_port():
    assert _migration_numbers("migrations/postgres") == _migration_numbers("migrations")


@pytest.mark.parametrize("location, expected", [
    ("postgresql://u@h/db", True), ("postgres://u:p@h:5433/db", True), ("POSTGRESQL://h/db", True),
    ("lib.sqlite", False), (":memory:", False), ("postgresql.sqlite", False), ("mysql://h/db", False)])
def test_location_picks_the_back_end(location, expected):
    assert is_postgres_url(location) is expected


def test_sqlite_spellings_are_translated_outside_quoted_strings():
    assert translate("SELECT * FROM t WHERE a = ? AND b LIKE '50%?' AND c = ?") == \
        "SELECT * FROM t WHERE a = %s AND b LIKE '50%?' AND c = %s"
    assert translate("SELECT value FROM json_each(?)") == \
        "SELECT value FROM jsonb_array_elements_text(CAST(%s AS jsonb))"
    assert translate("SELECT 5 % 3, ?") == "SELECT 5 %% 3, %s"


def test_reopening_applies_no_migration_twice_and_matches_sqlite(postgres_url, tmp_path):
    first = Library(postgres_url)
    version = first.schema_version
    first.save(stored("Kept across reopening.", "id:keep"))
    first.close()
    again = Library(postgres_url)
    with Library(tmp_path / "l.sqlite") as sqlite_library:
        assert again.schema_version == version == sqlite_library.schema_version
    count = again._conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    assert count == len(_migration_numbers("migrations/postgres"))
    assert again.get(short_id("id:keep")).text == "Kept across reopening."
    again.close()


def test_unreachable_server_is_a_library_error_without_the_password(postgres_server):
    url = f"postgresql://someone:secret-word@127.0.0.1:{postgres_server.port}/no_such_database"
    with pytest.raises(LibraryError) as caught:
        Library(url)
    assert "secret-word" not in str(caught.value) and "no_such_database" in str(caught.value)


def test_search_folds_case_and_accents_and_takes_phrases(library):
    library.save(stored("Le café du barrage a fermé après l'explosion.", "id:fr", title="Café fermé", language="fr"))
    library.save(stored("The dam café stayed open all night.", "id:en", title="Open late", language="en"))
    library.save(stored("Nothing to see here at all today.", "id:no", title="Quiet"))
    assert {h.id for h in library.search("CAFE")} == {short_id("id:fr"), short_id("id:en")}
    assert [h.id for h in library.search("ferme")] == [short_id("id:fr")]
    assert [h.id for h in library.search('"stayed open"')] == [short_id("id:en")]
    assert library.search('"open stayed"') == []
    assert [h.id for h in library.search("cafe", language="fr")] == [short_id("id:fr")]
    assert [h.id for h in library.search("cafe", limit=1, offset=1)] in ([short_id("id:fr")], [short_id("id:en")])
    with pytest.raises(UsageError):
        library.search('"(*')


def test_search_ranks_a_title_match_above_a_passing_mention(library):
    library.save(stored("Weather and markets, with a word on the inspectors near the end.", "id:side", title="Roundup"))
    library.save(stored("They arrived on Monday to examine the gates.", "id:main", title="Inspectors arrive"))
    hits = library.search("inspectors")
    assert [h.id for h in hits] == [short_id("id:main"), short_id("id:side")]
    assert hits[0].rank <= hits[1].rank and "[inspectors]" in hits[1].snippet.lower()


def test_same_listing_and_actors_on_both_back_ends(postgres_url, tmp_path):
    articles = [stored(f"Report {i} about the dam.", f"id:{i}", title=t, outlet=o, published=p, language="en")
                for i, (t, o, p) in enumerate([("beta", "Wire", "2026-03-15"), ("Alpha", "wire", "2026-03-14"),
                                               (None, "Daily", None), ("gamma", None, "2026-03-16")])]
    articles[0].add_span(0, 6, "actor", "Anzel Moravek", 1.0, kind="person", designation="the minister")
    libraries = [Library(tmp_path / "l.sqlite"), Library(postgres_url)]
    for lib in libraries:
        lib.save_many(articles)
    for sort in ("published", "added", "title", "outlet", "spin"):
        assert libraries[0].list(sort=sort) == libraries[1].list(sort=sort), sort
    assert libraries[0].list(outlet="WIRE") == libraries[1].list(outlet="WIRE") and len(libraries[1].list(outlet="WIRE")) == 2
    assert libraries[0].actors() == libraries[1].actors() and libraries[1].actors()[0].designations == {"the minister": 1}
    assert libraries[0].outlets() == libraries[1].outlets() and ("(no outlet)", 1) in libraries[1].outlets()
    for lib in libraries:  # the articles without an outlet, as sources name them
        assert [a.title for a in lib.list(outlet="(no outlet)")] == ["gamma"]
    assert libraries[0].list(ids=[articles[1].id]) == libraries[1].list(ids=[articles[1].id])
    for lib in libraries:
        lib.close()


def test_article_text_postgresql_cannot_hold_is_reported_and_the_batch_goes_on(postgres_url):
    lib = Library(postgres_url)
    bad = stored("A NUL \x00 character inside.", "id:nul")
    good = stored("A plain article.", "id:ok")
    results = lib.save_many([bad, good])
    assert isinstance(results[0], LibraryError) and results[1].action == "added"
    assert lib.article_ids() == {good.id}
    lib.close()


def test_a_huge_article_of_distinct_words_is_stored_and_found_by_its_opening(library):
    import random

    rng = random.Random(7)
    words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9)) for _ in range(80_000))
    article = stored(f"Harbourmaster opening. {words}", "id:huge")
    assert library.save(article).action == "added"
    assert [h.id for h in library.search("harbourmaster")] == [article.id]
    assert library.get(article.id).text == article.text


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_analyses_the_demo_corpus_into_postgresql_as_into_sqlite(postgres_url, tmp_path):
    sqlite_path = tmp_path / "demo.sqlite"
    for location in (postgres_url, sqlite_path):
        result = _cli("analyze", demo_corpus_dir(), "--library", location, "--quiet")
        assert result.exit_code == 0, result.output
    listed = [json.loads(_cli("list", "--format", "json", "--library", loc).stdout) for loc in (postgres_url, sqlite_path)]
    assert listed[0] == listed[1] and listed[0]["total"] == len(listed[0]["items"]) >= 10
    found = [json.loads(_cli("search", "dam", "--format", "json", "--library", loc).stdout)
             for loc in (postgres_url, sqlite_path)]
    assert {h["id"] for h in found[0]} == {h["id"] for h in found[1]} != set()
    first = listed[0]["items"][0]["id"]
    shown = _cli("show", first, "--format", "json", "--library", postgres_url)
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == first
    again = _cli("analyze", demo_corpus_dir(), "--library", postgres_url, "--quiet")  # unchanged: stored once
    assert again.exit_code == 0 and json.loads(_cli("list", "--format", "json", "--library", postgres_url).stdout) \
        == listed[0]
    for location in (postgres_url, sqlite_path):  # the library-wide steps keep their state in the library
        assert _cli("story-join", listed[0]["items"][0]["id"], listed[0]["items"][5]["id"], "--library", location
                    ).exit_code == 0
    for command in ("stories", "actors", "sources", "export"):
        fmt = "jsonl" if command == "export" else "json"
        outputs = [_cli(command, "--format", fmt, "--library", loc).stdout for loc in (postgres_url, sqlite_path)]
        assert outputs[0] == outputs[1] and len(outputs[0]) > 100, command


def test_bench_library_times_the_same_calls_on_both_back_ends(postgres_url, tmp_path):
    from spinlens.bench.library import run_library_bench

    templates = [stored(f"The dam inspectors met the minister on day {i}.\n\nWater level falling.", f"t:{i}",
                        title=f"Dam day {i}", outlet="Wire", language="en") for i in range(3)]
    lines = list(run_library_bench(30, [str(tmp_path / "b.sqlite"), postgres_url], calls=5, templates=templates))
    assert [line.split()[0] for line in lines] == ["sqlite", "postgresql"]
    assert all("30 articles (0 failed)" in line and "search" in line and "actors view" in line for line in lines)
    with Library(postgres_url) as lib:
        assert lib.count() == 30 and len(lib.search("desk reference", limit=50)) == 30
    with pytest.raises(UsageError, match="needs an empty one"):
        list(run_library_bench(5, [postgres_url], calls=1, templates=templates))


def test_a_library_reconnects_after_its_server_connections_are_dropped(postgres_server, postgres_url):
    import psycopg

    lib = Library(postgres_url)
    lib.save(stored("Before the restart.", "id:before"))
    assert lib.count() == 1
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:  # what a server restart does to us
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                      (postgres_url.rsplit("/", 1)[1],))
    with pytest.raises(psycopg.OperationalError):  # the call that finds the link gone fails...
        lib.count()
    assert lib.count() == 1  # ...and the next ones reconnect, reading and writing
    [result] = lib.save_many([stored("During the restart.", "id:during")])  # the writer finds out when saving
    assert isinstance(result, LibraryError)
    assert lib.save(stored("After the restart.", "id:after")).action == "added"
    assert lib.article_ids() == {short_id("id:before"), short_id("id:after")}
    lib.close()

"""Stories: incremental clustering by names, words and dates; B-cubed scoring."""

from __future__ import annotations

import json
import re

import pytest

import spinlens
from spinlens.corpus.stories import StoryClusterer, bcubed, name_key


def article(identity: str, text: str, published: str | None, language: str = "en"):
    a = spinlens.analyze(text=text, published=published)
    a.id, a.language = identity, language
    return a


DAM = ("Dam breach at Orlov\n\nThe Orlov dam on the Seva river burst on Monday night, flooding the villages of "
       "Brenk and Tolsk, officials of the Seva water board said. Rescue teams from Marrow evacuated 400 residents.")
DAM_2 = ("Orlov flood: villages evacuated\n\nResidents of Brenk and Tolsk spent the night in schools after the Orlov "
         "dam gave way, the Seva water board confirmed. Teams sent from Marrow moved 400 people to safety.")
DAM_FR = ("Rupture du barrage d'Orlov\n\nLe barrage d'Orlov sur la Seva a cédé lundi soir, inondant les villages de "
          "Brenk et Tolsk. Les secours venus de Marrow ont évacué 400 habitants, selon la régie de la Seva.")
STRIKE = ("Dockers strike in Velsa\n\nDock workers in the port of Velsa walked out on Monday over pay, halting "
          "container traffic, the Velsa port union said. Ferries to Karn were cancelled until further notice.")
DAM_LATER = ("Orlov dam: inquiry opens\n\nAn inquiry into the Orlov dam on the Seva river opened on Friday, a month "
             "after the flooding of Brenk and Tolsk; the Seva water board handed over its inspection records.")


def test_same_event_joins_across_outlets_and_languages_and_other_events_stay_apart():
    items = [article("a", DAM, "2026-05-04T22:00:00"), article("b", STRIKE, "2026-05-04T23:00:00"),
             article("c", DAM_2, "2026-05-05T07:00:00"), article("d", DAM_FR, "2026-05-05T08:00:00", "fr"),
             article("e", DAM_LATER, "2026-06-05T09:00:00")]
    clusterer = StoryClusterer().fit(items)
    labels = dict(zip("abcde", clusterer.labels_))
    assert labels["a"] == labels["c"] == labels["d"]
    assert labels["b"] != labels["a"]
    assert labels["e"] != labels["a"]  # same names, a month later: another event
    story = clusterer.stories_[labels["a"]]
    assert set(story.languages) == {"en", "fr"} and "Orlov" in story.title


OPINION = ("Orlov: the cowards who let the dam burst\n\nThe criminal bosses of the Seva water board let the Orlov dam "
           "burst on Monday night and flood Brenk and Tolsk, the traitors! Shame on Marrow's incompetent rescuers.")


def test_a_story_is_called_by_the_headline_of_its_least_spun_then_earliest_article():
    items = [article("a", OPINION, "2026-05-04T21:00:00"), article("b", DAM_2, "2026-05-05T07:00:00"),
             article("c", DAM, "2026-05-04T22:00:00")]
    spins = {a.id: a.extra["spin"]["score"] for a in items}
    assert spins["a"] > spins["b"] == spins["c"] == 0, spins
    story, = StoryClusterer().fit(items).stories_
    assert story.title == "Dam breach at Orlov"  # not the earlier opinion piece; the earliest of the neutral two
    assert "Orlov" in story.key_names and story.headline["id"] == "c"
    restored = type(story).from_features(story.id, json.loads(json.dumps(story.features())), story.article_ids)
    assert restored.title == "Dam breach at Orlov"
    from spinlens.web.views import story_out

    shown = story_out(story)
    assert (shown.title, shown.key_names) == ("Dam breach at Orlov", story.key_names)


def test_a_library_formed_before_headlines_is_re_formed_once_with_them(tmp_path):
    with spinlens.open_library(tmp_path / "lib.sqlite") as library:
        for identity, text, when in (("a", DAM, "2026-05-04T22:00:00"), ("b", DAM_2, "2026-05-05T07:00:00")):
            library.save(article(identity, text, when))
        story, = spinlens.find_stories(library)
        assert story.title == "Dam breach at Orlov"
        meta = library.load_state("stories")
        with library.story_rows() as rows:  # as an older version left it: no headlines, none in the meta
            rows.write({story.id: {**story.features(), "headline": None}}, [], set(), {})
            rows.save_meta({k: v for k, v in meta.items() if k != "headlines"}, "2026-01-01T00:00:00+00:00")
        assert spinlens.find_stories(library)[0].title == "Dam breach at Orlov"
        assert library.load_state("stories")["headlines"] == 1


def test_adding_articles_never_moves_earlier_ones_and_copies_follow_their_original():
    clusterer = StoryClusterer().fit([article("a", DAM, "2026-05-04T22:00:00")])
    before = list(clusterer.labels_)
    clusterer.partial_fit(article("b", STRIKE, "2026-05-04T23:00:00"))
    clusterer.partial_fit(article("x", STRIKE, None), copies={"x": "a"})  # declared a copy of a
    assert clusterer.labels_[:1] == before and clusterer.story_of_["x"] == clusterer.story_of_["a"]
    assert clusterer.stories_[clusterer.story_of_["x"]].undated == 1


def test_names_compare_across_scripts_and_inflections():
    assert name_key("Варнхольт") == name_key("Varnholt") == name_key("Varnholt-Talsperre")
    assert name_key("2026") == "2026"


def test_bcubed():
    assert bcubed([0, 0, 1, 1], ["x", "x", "y", "y"]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed([0, 0, 0, 0], ["x", "x", "y", "y"])
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)


def _stories(tmp_path, sources):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    CliRunner().invoke(main, ["analyze", *sources, "--library", lib, "-q"])
    result = CliRunner().invoke(main, ["stories", "--library", lib, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_demo_corpus_is_one_story(tmp_path):
    story, = _stories(tmp_path, [str(spinlens.demo_corpus_dir())])
    assert (story["articles"], story["copies"]) == (10, 2) and "Varnholt" in story["title"]  # 2 cross-posts
    assert {"en", "fr", "de", "ru"} <= set(story["languages"].split(", "))


def test_the_two_seeds_form_one_story_apart_from_the_demo(seeds, tmp_path):
    if len(seeds) < 2:
        pytest.skip("the seeds are not in the shared data")
    found = _stories(tmp_path, [str(spinlens.demo_corpus_dir()), *(str(p) for p in seeds.values())])
    assert sorted((s["articles"], s["copies"]) for s in found) == [(2, 0), (10, 2)]


def test_quality_gate_on_the_evaluation_set():
    """Floors a little below the figures `spinlens bench stories` printed (README): a regression gate."""
    from spinlens.bench.stories import run_eval

    lines = list(run_eval())
    clustering = next(line for line in lines if line.startswith("story clustering"))
    f1 = float(clustering.split("F1=")[1])
    copies = next(line for line in lines if line.startswith("copies"))
    precision, recall = (float(copies.split(f"{k}=")[1].split()[0]) for k in ("P", "R"))
    assert f1 >= 0.93 and precision >= 0.95 and recall >= 0.85, lines


def test_bench_stories_synthetic_reports_time_per_article():
    from click.testing import CliRunner

    from spinlens.cli import main

    result = CliRunner().invoke(main, ["bench", "stories", "--synthetic", "1000"])
    assert result.exit_code == 0, result.output
    assert "synthetic 1000 articles through the library:" in result.output and "ms per added article" in result.output
    stories = int(re.search(r"\((\d+) stories\)", result.output).group(1))
    assert 150 <= stories <= 250  # ~200 synthetic events among the 1,000 articles


def test_the_seeds_contest_the_assassination_attempt(seeds, tmp_path):
    if len(seeds) < 2:
        pytest.skip("the seeds are not in the shared data")
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    CliRunner().invoke(main, ["analyze", *(str(p) for p in seeds.values()), "--library", lib, "-q"])
    result = CliRunner().invoke(main, ["story", "0", "--library", lib, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    contested = [c for c in data["claims"] if c["status"] == "contested"]
    assert any(any("assassinate" in item["text"] and "no attempt" in item["text"] for item in c["claims"])
               and any("allegedly to assassinate" in item["text"] for item in c["claims"]) for c in contested)
    blame = [r for v in data["outlets"] for r in v["relations"] if r[0] == "blame"]
    assert ["blame", "Russia", "Ukraine"] in blame


def test_claims_alignment_agreed_contested_and_only_here():
    from spinlens.corpus.compare import Claim, _stems, align_claims

    def claim(outlet, text):
        from spinlens.corpus.compare import _NEGATION
        return Claim(outlet, outlet, text, 0, len(text), bool(_NEGATION.search(text)), _stems(text))

    aligned = align_claims([claim("A", "The Orlov dam collapsed after heavy rainfall on Monday."),
                            claim("B", "Heavy rainfall made the Orlov dam collapse on Monday night."),
                            claim("A", "Saboteurs blew up the Brenk bridge."),
                            claim("C", "Saboteurs did not blow up the Brenk bridge; it was never attacked."),
                            claim("C", "The harbour festival starts in June.")])
    assert [(a.status, a.outlets) for a in aligned] == [("contested", ["A", "C"]), ("agreed", ["A", "B"]),
                                                       ("only here", ["C"])]


def test_claims_align_across_languages_by_names_and_numbers_and_negations_in_each_language():
    from spinlens.corpus.compare import _NEGATION, Claim, _stems, align_claims
    from spinlens.corpus.stories import name_keys

    def claim(outlet, text, language):
        return Claim(outlet, outlet, text, 0, len(text), bool(_NEGATION.search(text)), _stems(text), language,
                     name_keys(text))

    aligned = align_claims([
        claim("A", "Saboteurs from Karn blew up the Brenk bridge over the Seva in 2026.", "en"),
        claim("B", "Les saboteurs de Karn n'ont pas fait sauter le pont de Brenk sur la Seva.", "fr"),
        claim("C", "Взрыв моста Бренк на реке Сева устроили диверсанты из Карна.", "ru"),
        claim("D", "Der Hafen von Velsa bleibt bis Juni geschlossen.", "de")])
    statuses = {tuple(a.outlets): a.status for a in aligned}
    assert statuses == {("A", "B", "C"): "contested", ("D",): "only here"}
    for denial in ("Il n'y a eu aucune attaque.", "Es gab keinen Angriff.", "Nie było żadnego ataku.",
                   "Non c'è stato nessun attacco.", "Никакого нападения не было."):
        assert _NEGATION.search(denial), denial
    assert not _NEGATION.search("Der Angriff auf die Brücke kam in der Nacht.")


def test_sources_profile_outlets_with_coverage_and_copies(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    CliRunner().invoke(main, ["analyze", str(spinlens.demo_corpus_dir()), "--library", lib, "-q"])
    result = CliRunner().invoke(main, ["sources", "--library", lib, "--format", "json"])
    assert result.exit_code == 0, result.output
    profiles = {p["outlet"]: p for p in json.loads(result.stdout)}
    assert profiles["Drevnia Today"]["articles"] == 2 and profiles["Drevnia Today"]["stories_covered"] == [0]
    assert profiles["Open Frontier"]["copies_of_others"] == 1  # its article is a cross-post
    assert profiles["Open Frontier"]["stories_covered"] == []  # copies are not independent coverage
    assert profiles["Open Frontier"]["stories_missed"] == []  # ... nor did it miss the story it copied
    assert sum(p["copies_of_others"] for p in profiles.values()) == 2
    assert profiles["Drevnia Today"]["by_month"] == {"2026-03": 2}
    assert not [name for name in profiles if name.startswith(("by ", "article "))]  # no made-up outlets
    for name, profile in profiles.items():  # each source's count is what `list --outlet` finds
        listed = CliRunner().invoke(main, ["list", "--outlet", name, "--library", lib, "--format", "json"])
        assert json.loads(listed.stdout)["total"] == profile["articles"], name
    assert profiles["(no outlet)"]["articles"] >= 2
    table = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["sources", "--library", lib]).stdout
    story = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["story", "0", "--library", lib]).stdout
    markdown = CliRunner().invoke(main, ["story", "0", "--library", lib, "--format", "markdown"]).stdout
    for text in (table, story, markdown):  # display names, as every report shows them
        assert "Loaded language" in text and "Loaded_Language" not in text
    assert "Kastovia deny" in markdown and " ?" not in markdown  # a relation without a target ends with its verb
    stories = json.loads(CliRunner().invoke(main, ["stories", "--library", lib, "--format", "json"]).stdout)
    assert "by Dmitar Oren" in stories[0]["outlets"] and "unknown outlet" not in stories[0]["outlets"]  # by voice
    one = CliRunner().invoke(main, ["source", "drevnia today", "--library", lib])
    assert one.exit_code == 0 and "how it names the actors" in one.output
    missing = CliRunner().invoke(main, ["source", "Nobody Daily", "--library", lib])
    assert missing.exit_code == 2 and "no outlet" in missing.output


def test_outlet_spellings_that_differ_in_case_are_one_source():
    from spinlens.corpus.sources import source_profiles

    items = [article("a", DAM, "2026-05-04T22:00:00"), article("b", DAM_2, "2026-05-05T08:00:00"),
             article("c", STRIKE, "2026-05-05T09:00:00")]
    for item, outlet in zip(items, ("BBC", "bbc", "BBC")):
        item.outlet = outlet
    [profile] = source_profiles(items, [], {})
    assert (profile.outlet, profile.articles) == ("BBC", 3)


def test_digest_of_a_week_in_markdown_html_and_atom(tmp_path):
    from xml.etree import ElementTree

    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    CliRunner().invoke(main, ["analyze", str(spinlens.demo_corpus_dir()), "--library", lib, "-q"])
    period = ["--since", "2026-03-14", "--until", "2026-03-21", "--library", lib]
    markdown = CliRunner().invoke(main, ["digest", *period])
    assert markdown.exit_code == 0 and "1 stories." in markdown.output and "Varnholt" in markdown.output
    html = CliRunner().invoke(main, ["digest", *period, "--format", "html"]).output
    assert "Content-Security-Policy" in html and "<script" not in html
    feed = ElementTree.fromstring(CliRunner().invoke(main, ["digest", *period, "--format", "atom"]).output.encode())
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 1
    empty = CliRunner().invoke(main, ["digest", "--since", "2025-01-01", "--until", "2025-01-08", "--library", lib,
                                      "--format", "json"])
    assert json.loads(empty.output)["stories"] == []
    backwards = CliRunner().invoke(main, ["digest", "--since", "2026-03-21", "--until", "2026-03-14", "--library", lib])
    assert backwards.exit_code == 2


def test_users_join_and_split_stories_and_the_edits_survive_reanalysis(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    a, b = tmp_path / "dam.txt", tmp_path / "strike.txt"
    a.write_text(DAM, "utf-8")
    b.write_text(STRIKE, "utf-8")
    runner = CliRunner()
    runner.invoke(main, ["analyze", str(a), str(b), "--library", lib, "-q"])

    def groups():
        return sorted(sorted(s["article_ids"]) for s in json.loads(
            runner.invoke(main, ["stories", "--library", lib, "--format", "json"]).stdout))

    with spinlens.open_library(lib) as library:
        ids = sorted(s.id for s in library.list())
    assert groups() == [[ids[0]], [ids[1]]]
    assert runner.invoke(main, ["story-join", ids[0], ids[1], "--library", lib]).exit_code == 0
    assert groups() == [ids]
    runner.invoke(main, ["analyze", str(a), str(b), "--library", lib, "-q"])  # re-analysis keeps the edit
    assert groups() == [ids]
    assert runner.invoke(main, ["story-split", ids[1], "--library", lib]).exit_code == 0
    assert groups() == [[ids[0]], [ids[1]]]
    assert runner.invoke(main, ["story-join", ids[0], "--library", lib]).exit_code == 2  # missing argument


def test_a_split_undoes_earlier_joins_in_either_order():
    items = [article("a", DAM, "2026-05-04T22:00:00"), article("b", STRIKE, "2026-05-04T23:00:00")]
    joined = StoryClusterer().fit(items, edits=[("b", "join", "a")])
    assert joined.story_of_["a"] == joined.story_of_["b"]
    for edits in ([("b", "join", "a"), ("a", "split", None)], [("b", "join", "a"), ("b", "split", None)]):
        apart = StoryClusterer().fit(items, edits=edits)
        assert apart.story_of_["a"] != apart.story_of_["b"], edits


def test_splitting_the_article_others_were_joined_to_keeps_them_together():
    items = [article("a", DAM, "2026-05-04T22:00:00"), article("b", STRIKE, "2026-05-04T23:00:00"),
             article("c", DAM_LATER, "2026-06-04T23:00:00")]
    apart = StoryClusterer().fit(items)
    assert len({apart.story_of_[i] for i in "abc"}) == 3
    edits = [("b", "join", "a"), ("c", "join", "a"), ("a", "split", None)]
    split = StoryClusterer().fit(items, edits=edits)
    assert split.story_of_["b"] == split.story_of_["c"] != split.story_of_["a"]


def test_story_reports_in_markdown_and_html_are_escaped(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(DAM.replace("Rescue teams", "<script>alert(1)</script> Rescue teams"), "utf-8")
    other = tmp_path / "other.txt"
    other.write_text(DAM_2, "utf-8")
    CliRunner().invoke(main, ["analyze", str(hostile), str(other), "--library", lib, "-q"])
    markdown = CliRunner().invoke(main, ["story", "0", "--library", lib, "--format", "markdown"])
    assert markdown.exit_code == 0 and markdown.output.startswith("# Story 0") and "| outlet |" in markdown.output
    html = CliRunner().invoke(main, ["story", "0", "--library", lib, "--format", "html"]).output
    assert "<script>" not in html and "Content-Security-Policy" in html
    assert CliRunner().invoke(main, ["story", "7", "--library", lib]).exit_code == 2


def test_stories_are_kept_in_the_library_and_new_articles_join_them(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    files = {}
    for name, text in (("dam", DAM), ("strike", STRIKE), ("dam2", DAM_2)):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(text, "utf-8")
    runner = CliRunner()
    runner.invoke(main, ["analyze", str(files["dam"]), str(files["strike"]), "--library", lib, "-q"])

    def listing():
        return {s["story"]: sorted(s["article_ids"]) for s in json.loads(
            runner.invoke(main, ["stories", "--library", lib, "--format", "json"]).stdout)}

    first = listing()
    with spinlens.open_library(lib) as library:
        assert library.load_state("stories")["documents"] == 2
    runner.invoke(main, ["analyze", str(files["dam2"]), "--library", lib, "-q"])
    second = listing()
    assert set(second) == set(first)  # same story numbers; the new article joined the dam story
    grown = [k for k in second if len(second[k]) == 2]
    assert len(grown) == 1 and set(first[grown[0]]) < set(second[grown[0]])
    with spinlens.open_library(lib) as library:
        for article_id in second[grown[0]]:
            library.delete(article_id)
    assert len(listing()) == 1  # a story whose articles were all deleted is gone


def test_articles_are_placed_in_stories_as_they_are_stored(tmp_path):
    library = spinlens.open_library(tmp_path / "lib.sqlite")
    for name, text in (("dam", DAM), ("strike", STRIKE), ("dam2", DAM_2)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, "utf-8")
        assert all(o.ok for o in spinlens.analyze_sources([str(path)], library=library))
    members = library.story_members()  # read straight from the store: no story query has run
    by_title = {a.title: a.id for a in library.iter_articles()}
    dam, strike, dam2 = (by_title[t] for t in ("Dam breach at Orlov", "Dockers strike in Velsa",
                                               "Orlov flood: villages evacuated"))
    assert members[dam] == members[dam2] != members[strike]
    assert library.unplaced_articles() == []
    library.close()


def test_the_library_clusterer_places_like_the_in_memory_one():
    from spinlens.corpus.library_stories import place_articles

    items = [article("a", DAM, "2026-05-04T22:00:00"), article("b", STRIKE, "2026-05-04T23:00:00"),
             article("c", DAM_2, "2026-05-05T07:00:00"), article("d", DAM_FR, "2026-05-05T08:00:00", "fr"),
             article("e", DAM_LATER, "2026-06-05T09:00:00")]
    for item in items:
        item.identity = f"test:{item.id}"
    in_memory = StoryClusterer().fit(items)
    batched = spinlens.open_library(":memory:")
    for item in items:
        batched.save(item)
    place_articles(batched, items)  # one transaction: placements read what this batch changed in memory
    placed = batched.story_members()
    assert bcubed([placed[i.id] for i in items], [str(label) for label in in_memory.labels_]) == (1.0, 1.0, 1.0)
    library = spinlens.open_library(":memory:")
    for item in items:
        library.save(item)
    for item in items:  # one article per transaction: every placement reads back what the last one wrote
        place_articles(library, [item])
    placed = library.story_members()
    assert bcubed([placed[i.id] for i in items], [str(label) for label in in_memory.labels_]) == (1.0, 1.0, 1.0)
    with library.story_rows() as rows:
        assert rows.meta()["documents"] == 5
        assert rows.frequencies(in_memory._document_frequency) == dict(in_memory._document_frequency)


def test_story_numbers_survive_a_story_edit():
    from spinlens.corpus.library_stories import library_stories

    items = [article("a", DAM, "2026-05-04T22:00:00"), article("b", STRIKE, "2026-05-04T23:00:00"),
             article("c", DAM_2, "2026-05-05T07:00:00")]
    library = spinlens.open_library(":memory:")
    for item in items:
        item.identity = f"test:{item.id}"
        library.save(item)
    before = {s.id: sorted(s.article_ids) for s in library_stories(library)}
    dam_story = next(n for n, ids in before.items() if "a" in ids)
    library.add_story_edit("c", "split")
    after = {s.id: sorted(s.article_ids) for s in library_stories(library)}
    assert after[dam_story] == ["a"]  # the dam story kept its number; the split article got a new one
    assert sorted(after) == sorted([*before, max(before) + 1])
    assert ["c"] in after.values()


def test_a_story_without_dates_takes_its_time_from_when_it_was_stored(tmp_path):
    from datetime import datetime, timedelta, timezone

    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    for name, text in (("dam", DAM), ("dam2", DAM_2)):
        (tmp_path / f"{name}.txt").write_text(text, "utf-8")  # plain text: no published date
    runner = CliRunner()
    runner.invoke(main, ["analyze", str(tmp_path / "dam.txt"), str(tmp_path / "dam2.txt"), "--library", lib, "-q"])
    [story] = json.loads(runner.invoke(main, ["stories", "--library", lib, "--format", "json"]).stdout)
    today = datetime.now(timezone.utc).date()
    assert story["from"] in (f"{today} (stored)", f"{today - timedelta(days=1)} (stored)")
    digest = json.loads(runner.invoke(main, ["digest", "--period", "week", "--library", lib, "--format", "json"]).stdout)
    [entry] = digest["stories"]
    assert entry["first"].endswith("(stored)") and len(entry["articles"]) == 2


def test_a_story_merge_across_languages_is_shown_as_one_story_in_both_languages():
    from spinlens.corpus.library_stories import library_stories

    items = [article("fr1", DAM_FR, "2026-05-05T08:00:00", "fr"), article("en1", STRIKE, "2026-05-04T23:00:00")]
    library = spinlens.open_library(":memory:")
    for item in items:
        item.identity = f"test:{item.id}"
        library.save(item)
    assert len(library_stories(library)) == 2  # two events
    library.add_story_edit("fr1", "join", "en1")
    [story] = library_stories(library)
    assert sorted(story.article_ids) == ["en1", "fr1"] and set(story.languages) == {"en", "fr"}
    merged, comparison = spinlens.api.compare_story(library, story.id)
    assert len(comparison.outlets) == 2 and merged.id == story.id

"""Copies across articles: exact, near-duplicate and partial, the earliest version, credit, chains."""

from __future__ import annotations

import json

import pytest

import spinlens
from spinlens.corpus.copies import CopyDetector
from spinlens.model import Article, RemovedBlock

PARAGRAPHS = [
    "Engineers inspected the northern embankment on Monday after a week of heavy rain raised the river to "
    "its highest level in twenty years, the regional water authority said in a statement.",
    "The authority said the embankment had held but that two sluice gates would be replaced before the "
    "winter, at a cost it put at four million euros, to be shared with the neighbouring districts.",
    "Farmers downstream said they had moved livestock to higher ground as a precaution and asked for "
    "compensation for the fields that flooded when a drainage channel overflowed on Saturday night.",
    "The mayor of the nearest town praised the volunteers who filled sandbags through the weekend and "
    "said the council would review its evacuation plans before the next rainy season begins in autumn.",
]


def make(identity: str, paragraphs: list[str], **fields) -> Article:
    article = spinlens.analyze(text="\n\n".join(paragraphs), **fields)
    article.id = identity
    return article


@pytest.fixture(scope="module")
def demo_articles():
    outcomes = spinlens.analyze_sources([str(spinlens.demo_corpus_dir())], store=False)
    return [o.article for o in outcomes if o.ok]


def test_the_demo_corpus_copies_are_found_with_their_originals_and_credit(demo_articles):
    names = {a.id: a.source.rsplit("/", 1)[-1] for a in demo_articles}
    manifest = json.loads((spinlens.demo_corpus_dir().parent / "MANIFEST.json").read_text("utf-8"))
    expected = {(e["file"], e["copy_of"], e["credits_source"]) for e in manifest if e["copy_of"]}
    links = CopyDetector().fit(demo_articles).links_
    assert {(names[link.copy_id], names[link.original_id], link.credited) for link in links} == expected


def test_exact_near_and_partial_copies_and_unrelated_articles():
    original = make("orig", ["Flood defences hold"] + PARAGRAPHS, outlet="Valley Post", published="2026-01-05")
    exact = make("exact", ["Flood defences hold"] + PARAGRAPHS, outlet="Copy Daily", published="2026-01-06")
    near = make("near", ["Flood defences hold"] + PARAGRAPHS[:3] + [PARAGRAPHS[3].replace("autumn", "October")],
                outlet="Near News", published="2026-01-07")
    excerpt = make("excerpt", ["Our view: rivers rising", "A new introduction written by the reposting site about why "
                               "this story matters to its readers in the region and beyond."] + PARAGRAPHS[:3],
                   outlet="Repost Hub", published="2026-01-08")
    other = make("other", ["Harbour reopens", "The harbour reopened on Tuesday after repairs to the pier, and the "
                           "ferry company said timetables would return to normal within a week of the opening."],
                 published="2026-01-09")
    links = {link.copy_id: link for link in CopyDetector().fit([exact, near, excerpt, other, original]).links_
             if link.original_id == "orig"}
    assert links["exact"].kind == "exact" and links["near"].kind == "near-duplicate"
    assert links["excerpt"].kind == "partial" and links["excerpt"].shared_paragraphs == 3
    assert "other" not in links and all(link.dated for link in links.values())


def test_credit_comes_from_provenance_or_text_and_order_from_dates_or_ingestion():
    original = make("first", ["Flood defences hold"] + PARAGRAPHS, outlet="Valley Post")
    credited = make("second", ["Flood defences hold"] + PARAGRAPHS, outlet="Other Paper")
    credited.provenance.first_published_by = "Valley Post"
    silent = make("third", ["Flood defences hold"] + PARAGRAPHS, outlet="Quiet Copy")
    silent.removed = [RemovedBlock(text="Share this story", reason="share prompt")]
    detector = CopyDetector().fit([original, credited, silent])
    by_copy = {(link.copy_id, link.original_id): link for link in detector.links_}
    assert by_copy[("second", "first")].credited and by_copy[("second", "first")].credit == "Valley Post"
    assert not by_copy[("third", "first")].credited
    assert not by_copy[("second", "first")].dated  # no dates: the order seen decides
    assert detector.originals()["third"] == "first"  # a copy of a copy leads back to the first version


def test_dated_and_undated_versions_never_form_a_cycle_whatever_order_they_arrive_in():
    import itertools

    versions = {"mar1": "2026-03-01T00:30:00Z", "mar3": "2026-03-03", "nodate": None, "bad": "2026-13-45",
                "feb28": "2026-02-28T23:00:00-05:00"}  # 2026-03-01 04:00 UTC: after mar1
    articles = {name: make(name, ["Flood defences hold"] + PARAGRAPHS, published=published, outlet=name)
                for name, published in versions.items()}
    for order in itertools.permutations(articles):
        detector = CopyDetector().fit(articles[name] for name in order)
        assert detector.originals() == {name: "mar1" for name in versions if name != "mar1"}, order
        links = detector.links_
        assert sorted(link.copy_id for link in links) == ["bad", "feb28", "mar3", "nodate"], order
        assert {link.copy_id: link.dated for link in links} == {"mar3": True, "feb28": True, "nodate": False,
                                                                 "bad": False}, order


def test_a_copy_of_several_versions_of_one_text_is_listed_once_against_the_earliest():
    first = make("first", PARAGRAPHS, published="2026-01-01", outlet="Valley Post")
    second = make("second", PARAGRAPHS, published="2026-01-02", outlet="Copy Daily")
    excerpt = make("excerpt", ["Our view: rivers rising", "A new introduction written by the reposting site about "
                               "why this story matters to its readers in the region and beyond."] + PARAGRAPHS[:3],
                   published="2026-01-03", outlet="Repost Hub")
    unrelated = make("harbour", ["Harbour reopens", "The harbour reopened on Tuesday after repairs to the pier, and "
                                 "the ferry company said timetables would return to normal within a week."],
                     published="2026-01-02")
    links = CopyDetector().fit([excerpt, second, unrelated, first]).links_
    assert [(link.copy_id, link.original_id) for link in links] == [("excerpt", "first"), ("second", "first")]


def test_cli_lists_one_story_for_versions_ingested_newest_first_with_an_undated_one(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    text = ("Flood barriers failed in Riverton overnight after days of heavy rain on the Elbe, and emergency crews "
            "evacuated 240 families.\n\nGovernor Anna Kowalski blamed the contractor Brenner Bau for using cheap "
            "materials, while Brenner Bau denied any fault and pointed to the record rainfall.")
    for name, published in (("n3", "2026-03-03"), ("nodate", None), ("n1", "2026-03-01")):
        record = {"title": "Flood barriers fail in Riverton", "text": text, "outlet": f"Outlet {name}",
                  "url": f"https://{name}.example/flood", **({"published": published} if published else {})}
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(record), "utf-8")
        assert CliRunner().invoke(main, ["analyze", str(path), "--library", lib, "-q"]).exit_code == 0
    stories = json.loads(CliRunner().invoke(main, ["stories", "--library", lib, "--format", "json"]).stdout)
    assert [(s["articles"], s["copies"]) for s in stories] == [(1, 2)]
    copies = json.loads(CliRunner().invoke(main, ["copies", "--library", lib, "--format", "json"]).stdout)
    with spinlens.open_library(lib) as library:
        outlet = {a.id: a.outlet for a in library.iter_articles()}
    assert sorted((outlet[c["copy_id"]], outlet[c["original_id"]]) for c in copies) == [
        ("Outlet n3", "Outlet n1"), ("Outlet nodate", "Outlet n1")]


def test_cli_and_api_list_copies_in_a_library(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    lib = str(tmp_path / "lib.sqlite")
    for name in ("counterview_2026-03-15_staged-provocation.html",
                 "openfrontier_2026-03-16_staged-provocation-crosspost.html"):
        CliRunner().invoke(main, ["analyze", str(spinlens.demo_corpus_dir() / name), "--library", lib, "-q"])
    with spinlens.open_library(lib) as library:
        link, = spinlens.find_copies(library)
    assert link.kind == "near-duplicate" and link.credited
    result = CliRunner().invoke(main, ["copies", "--library", lib, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["credit"] == "The Counterview"


def test_copies_are_kept_in_the_library_until_its_articles_change():
    library = spinlens.open_library(":memory:")
    original = make("orig", PARAGRAPHS, published="2026-03-01T08:00:00", outlet="River Times")
    original.identity = "test:orig"
    library.save(original)
    assert spinlens.find_copies(library) == []
    kept = library.load_state("copies")
    assert kept["links"] == [] and kept["revision"] == list(library.revision())
    copy = make("copy", PARAGRAPHS, published="2026-03-02T08:00:00", outlet="Copycat Daily")
    copy.identity = "test:copy"
    library.save(copy)  # a new article: the kept links are stale and found again
    [link] = spinlens.find_copies(library)
    assert (link.copy_id, link.original_id, link.kind) == ("copy", "orig", "exact")
    assert library.load_state("copies")["links"][0]["copy_id"] == "copy"
    library.delete("copy")
    assert spinlens.find_copies(library) == []

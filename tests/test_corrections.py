"""Analyst corrections: validation, storage, effective labels, survival across re-analysis, reports, CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spinlens.cli import main
from spinlens.corrections import (add_correction, apply_corrections, corrected_evidence, corrected_labels,
                                  delete_correction, list_corrections, paragraph_offsets, technique_name)
from spinlens.errors import CorrectionError, NotFound, SpinlensError
from spinlens.model import Article, short_id
from spinlens.report import render

TEXT = ("Minister Vale spoke.\n\n"
        "The corrupt regime lied again, as everyone knows.\n\n"
        "Officials said the bridge will reopen in May.")


def analysed(text: str = TEXT, identity: str = "test:corr") -> Article:
    """An article as the pipeline leaves it: paragraphs, a paragraph technique and an evidence span."""
    article = Article(identity=identity, id=short_id(identity), raw_text=text, text=text, title="Vale",
                      outlet="Daily")
    pos = 0
    for para in text.split("\n\n"):
        article.add_span(pos, pos + len(para), "paragraph")
        pos += len(para) + 2
    second = article.paragraphs()[1]
    article.add_span(second.start, second.end, "technique", "Loaded_Language", 0.91)
    article.add_span(second.start, second.end, "technique", "Appeal_to_Popularity", 0.55)
    if "corrupt regime" in text:
        corrupt = text.index("corrupt regime")
        article.add_span(corrupt, corrupt + len("corrupt regime"), "evidence", "Name_Calling-Labeling", 0.8,
                         ptc="Name_Calling,Labeling")
    return article


@pytest.fixture
def stored(library):
    article = analysed()
    library.save(article)
    return article


def test_technique_names_accept_dataset_ptc_and_display_names():
    assert technique_name("Loaded_Language") == "Loaded_Language"
    assert technique_name("loaded language") == "Loaded_Language"
    assert technique_name("Name_Calling,Labeling") == "Name_Calling-Labeling"  # a PTC evidence label
    assert technique_name("Thought-terminating_Cliches") == "Conversation_Killer"
    with pytest.raises(CorrectionError, match="unknown technique 'Sarcasm'"):
        technique_name("Sarcasm")


def test_remove_and_add_paragraph_labels(library, stored):
    second = stored.paragraphs()[1]
    removed = add_correction(library, stored.id, action="remove", technique="Appeal_to_Popularity",
                             start=second.start + 4, end=second.start + 10, note="no bandwagon", author="ana")
    assert (removed.start, removed.end) == (second.start, second.end)  # snapped to the paragraph
    assert removed.id is not None and removed.created_at
    third = stored.paragraphs()[2]
    add_correction(library, stored.id[:6], action="add", technique="Appeal_to_Authority",
                   start=third.start, end=third.end)
    labels = corrected_labels(stored, list_corrections(library, stored.id))
    assert [lab.technique for lab in labels[1].labels] == ["Loaded_Language"]
    assert [(lab.technique, lab.correction_id) for lab in labels[1].removed] == [("Appeal_to_Popularity", removed.id)]
    assert [(lab.technique, lab.source) for lab in labels[2].labels] == [("Appeal_to_Authority", "analyst")]
    assert labels[0].labels == [] and labels[0].removed == []


def test_re_adding_a_removed_label_and_deleting_a_correction(library, stored):
    second = stored.paragraphs()[1]
    removal = add_correction(library, stored.id, action="remove", technique="Loaded_Language",
                             start=second.start, end=second.end)
    with pytest.raises(CorrectionError, match="no label Loaded_Language to remove"):
        add_correction(library, stored.id, action="remove", technique="Loaded_Language",
                       start=second.start, end=second.end)
    add_correction(library, stored.id, action="add", technique="Loaded_Language", start=second.start, end=second.end)
    labels = corrected_labels(stored, list_corrections(library))[1]
    assert {lab.technique: lab.source for lab in labels.labels}["Loaded_Language"] == "analyst"
    assert labels.removed == []
    delete_correction(library, removal.id)
    assert [c.action for c in list_corrections(library, stored.id)] == ["add"]
    with pytest.raises(NotFound, match=f"no correction with id {removal.id}"):
        delete_correction(library, removal.id)


def test_evidence_corrections(library, stored):
    corrupt = TEXT.index("corrupt regime")
    add_correction(library, stored.id, action="remove", technique="Name_Calling,Labeling", layer="evidence",
                   start=corrupt, end=corrupt + len("corrupt regime"))
    everyone = TEXT.index("everyone knows")
    add_correction(library, stored.id, action="add", technique="Appeal_to_Popularity", layer="evidence",
                   start=everyone, end=everyone + len("everyone knows"))
    kept, removed = corrected_evidence(stored, list_corrections(library))
    assert [(stored.text[k.start:k.end], k.source) for k in kept] == [("everyone knows", "analyst")]
    assert [(stored.text[r.start:r.end], r.source) for r in removed] == [("corrupt regime", "model")]
    with pytest.raises(CorrectionError, match="already has the label"):
        add_correction(library, stored.id, action="add", technique="Appeal_to_Popularity", layer="evidence",
                       start=everyone, end=everyone + len("everyone knows"))


@pytest.mark.parametrize("kwargs, message", [
    ({"action": "flip"}, "action 'flip' is neither 'add' nor 'remove'"),
    ({"technique": "Sarcasm"}, "unknown technique"),
    ({"start": 5, "end": 10_000}, r"offsets 5:10000 are not a span of the article text \(0:"),
    ({"start": -1, "end": 3}, "offsets -1:3 are not a span"),
    ({"start": 7, "end": 7}, "offsets 7:7 are not a span"),
    ({"start": 10, "end": 40}, "do not lie within one paragraph"),
    ({"layer": "sentence"}, "layer 'sentence' is neither"),
    ({"note": "x" * 5000}, "note is 5000 characters long"),
])
def test_bad_corrections_are_refused_and_nothing_is_stored(library, stored, kwargs, message):
    args = {"action": "add", "technique": "Doubt", "start": 0, "end": 5, **kwargs}
    with pytest.raises(CorrectionError, match=message):
        add_correction(library, stored.id, **args)
    assert list_corrections(library) == []


def test_unknown_article_is_not_found(library, stored):
    with pytest.raises(NotFound, match="no article with id 'ffffffff'"):
        add_correction(library, "ffffffff", action="add", technique="Doubt", start=0, end=5)
    with pytest.raises(SpinlensError):
        paragraph_offsets(stored, 7)
    assert paragraph_offsets(stored, 2) == (stored.paragraphs()[2].start, stored.paragraphs()[2].end)


def test_corrections_survive_re_analysis_and_go_stale_when_the_words_change(library, stored):
    second = stored.paragraphs()[1]
    add_correction(library, stored.id, action="remove", technique="Loaded_Language",
                   start=second.start, end=second.end)
    again = analysed()
    again.extra["rerun"] = 2  # the same article analysed again: stored as an update
    assert library.save(again).action == "updated"
    back = library.get(stored.id)
    assert [lab.technique for lab in corrected_labels(back, list_corrections(library))[1].labels] == \
        ["Appeal_to_Popularity"]
    changed = analysed(TEXT.replace("corrupt regime lied", "government erred"))
    library.save(changed)
    result = apply_corrections(library.get(stored.id), list_corrections(library))
    assert len(result.stale) == 1
    assert {lab.technique for lab in result.paragraphs[1].labels} == {"Loaded_Language", "Appeal_to_Popularity"}


def test_reports_show_corrections_escaped(library):
    article = analysed(TEXT.replace("Minister Vale", "<script>alert(1)</script>"), identity="test:hostile")
    library.save(article)
    second = article.paragraphs()[1]
    add_correction(library, article.id, action="remove", technique="Loaded_Language", start=second.start,
                   end=second.end, note="<b>not loaded</b>")
    add_correction(library, article.id, action="add", technique="Doubt", start=second.start, end=second.end)
    corrections = {article.id: list_corrections(library, article.id)}
    html = render([article], "html", corrections=corrections)
    assert "<script>alert" not in html and "&lt;b&gt;not loaded" in html
    assert "removed by analyst" in html and "added by analyst" in html and "<del" in html
    markdown = render([article], "markdown", corrections=corrections)
    assert "~~Loaded language 0.91~~ (removed by analyst" in markdown and "Casting doubt (added by analyst" in markdown
    text = render([article], "text", corrections=corrections, width=300)
    assert "removed by analyst" in text and "added by analyst" in text
    data = json.loads(render([article], "json", corrections=corrections))
    assert [c["action"] for c in data["corrections"]] == ["remove", "add"]
    assert [lab["technique"] for lab in data["corrected"]["paragraphs"][1]["labels"]] == ["Appeal_to_Popularity", "Doubt"]
    plain = render([article], "html")
    assert "by analyst" not in plain


def test_cli_correct_and_corrections(tmp_path):
    from spinlens.store import Library

    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        article = analysed()
        library.save(article)
    runner = CliRunner()
    result = runner.invoke(main, ["correct", article.id[:8], "--remove", "Loaded_Language", "--paragraph", "1",
                                  "--note", "fair comment", "--author", "ana", "--library", str(path)])
    assert result.exit_code == 0, result.output
    corrupt = TEXT.index("corrupt regime")
    result = runner.invoke(main, ["correct", article.id, "--add", "Doubt", "--span",
                                  f"{corrupt}:{corrupt + 7}", "--note", "[bold]x[/]", "--library", str(path)])
    assert result.exit_code == 0, result.output
    bad = runner.invoke(main, ["correct", article.id, "--add", "Sarcasm", "--paragraph", "1", "--library", str(path)])
    assert bad.exit_code == 2 and "unknown technique 'Sarcasm'" in bad.output
    missing = runner.invoke(main, ["correct", article.id, "--add", "Doubt", "--paragraph", "9", "--library", str(path)])
    assert missing.exit_code == 2 and "no paragraph 9" in missing.output
    listed = runner.invoke(main, ["corrections", "--format", "json", "--library", str(path)])
    rows = json.loads(listed.output)
    assert [(r["action"], r["layer"], r["technique"], r["author"]) for r in rows] == \
        [("remove", "paragraph", "Loaded_Language", "ana"), ("add", "evidence", "Doubt", None)]
    table = runner.invoke(main, ["corrections", article.id, "--library", str(path)], env={"COLUMNS": "200"})
    assert "Loaded_Language" in table.output and "fair comment" in table.output
    shown = runner.invoke(main, ["show", article.id, "--format", "markdown", "--library", str(path)])
    assert "removed by analyst" in shown.output
    assert "[bold]x[/]" in table.output  # notes are printed as they are, never as markup
    snapped = runner.invoke(main, ["correct", article.id, "--add", "Doubt", "--span", "2:5", "--layer", "paragraph",
                                   "--library", str(path)])
    assert snapped.exit_code == 0 and "paragraph 0:20" in snapped.output
    gone = runner.invoke(main, ["uncorrect", str(rows[0]["id"]), "--library", str(path)])
    assert gone.exit_code == 0, gone.output
    assert len(json.loads(runner.invoke(main, ["corrections", "--format", "json", "--library", str(path)]).output)) == 2
    again = runner.invoke(main, ["uncorrect", str(rows[0]["id"]), "--library", str(path)])
    assert again.exit_code == 4 and f"no correction with id {rows[0]['id']}" in again.output


def test_technique_filter_agrees_with_stale_corrections(library, stored):
    second = stored.paragraphs()[1]
    add_correction(library, stored.id, action="remove", technique="Loaded_Language", start=second.start,
                   end=second.end)
    assert library.count(technique="Loaded_Language") == 0
    assert library.count(technique="Appeal_to_Popularity") == 1
    library.save(analysed(TEXT.replace("corrupt", "crooked")))  # same offsets, other words: the removal is stale
    assert apply_corrections(library.get(stored.id), list_corrections(library)).stale
    assert library.count(technique="Loaded_Language") == 1


def test_deleting_an_article_deletes_its_corrections(library, stored):
    other = analysed(identity="test:kept")
    library.save(other)
    for article in (stored, other):
        third = article.paragraphs()[2]
        add_correction(library, article.id, action="add", technique="Doubt", start=third.start, end=third.end)
    library.delete(stored.id)
    assert [c.article_id for c in list_corrections(library)] == [other.id]


def test_tables_print_hostile_titles_as_text(tmp_path):
    from spinlens.store import Library

    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        hostile = analysed()
        hostile.title = "Unbalanced [/] and [link=javascript:alert(1)]markup[/link]"
        library.save(hostile)
    result = CliRunner().invoke(main, ["list", "--library", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Unbalanced [/] and [link=javascript:alert(1)]markup[/link]" in result.output


def _three_corrections(library, article):
    """A removal on paragraph 1, an evidence span added in it ('everyone knows'), an addition on paragraph 2."""
    second, third = article.paragraphs()[1], article.paragraphs()[2]
    everyone = article.text.index("everyone knows")
    return [add_correction(library, article.id, action="remove", technique="Appeal_to_Popularity",
                           start=second.start, end=second.end, note="no bandwagon", author="ana"),
            add_correction(library, article.id, action="add", technique="Doubt", layer="evidence",
                           start=everyone, end=everyone + len("everyone knows")),
            add_correction(library, article.id, action="add", technique="Appeal_to_Authority",
                           start=third.start, end=third.end)]


def test_corrections_follow_their_words_when_the_text_before_them_changes(library, stored):
    _three_corrections(library, stored)
    assert library.count(technique="Appeal_to_Authority") == 1
    shifted = analysed(TEXT.replace("Vale spoke.", "Vale spoke at length."))  # every later offset moves by 10
    library.save(shifted)
    back = library.get(stored.id)
    result = apply_corrections(back, list_corrections(library))
    assert result.stale == []
    assert [lab.technique for lab in result.paragraphs[1].labels] == ["Loaded_Language"]
    assert [lab.technique for lab in result.paragraphs[1].removed] == ["Appeal_to_Popularity"]
    assert [(lab.technique, lab.source) for lab in result.paragraphs[2].labels] == [("Appeal_to_Authority", "analyst")]
    assert [back.text[lab.start:lab.end] for lab in result.evidence if lab.source == "analyst"] == ["everyone knows"]
    moved = list_corrections(library)  # the library keeps the new offsets, so its filters agree with the reports
    assert [back.text[c.start:c.end] == c.covered_text for c in moved] == [True, True, True]
    assert [c.paragraph for c in moved] == [1, 1, 2]
    assert library.count(technique="Appeal_to_Authority") == 1
    assert library.count(technique="Appeal_to_Popularity") == 0


def test_only_the_correction_whose_own_words_changed_goes_stale(library, stored):
    from spinlens.cli import _stale_warning

    first, _, third = _three_corrections(library, stored)
    edited = analysed(TEXT.replace("lied again", "lied once again"))  # inside paragraph 1, before 'everyone knows'
    saved = library.save(edited)
    assert (saved.action, saved.stale_corrections) == ("updated", 1)  # `spinlens analyze` warns of it
    assert "1 analyst correction no longer applies" in _stale_warning(saved)
    result = apply_corrections(library.get(stored.id), list_corrections(library))
    assert [(c.id, c.reason) for c in result.stale] == [(first.id, "its paragraph's words have changed")]
    assert result.stale[0].covered_text == first.covered_text and result.stale[0].note == "no bandwagon"
    assert {lab.technique for lab in result.paragraphs[1].labels} == {"Loaded_Language", "Appeal_to_Popularity"}
    assert [lab.correction_id for lab in result.paragraphs[2].labels] == [third.id]
    assert [edited.text[lab.start:lab.end] for lab in result.evidence if lab.source == "analyst"] == ["everyone knows"]
    kept = list_corrections(library)[0]  # the stale one is kept exactly as it was made, so it can be redone
    assert (kept.start, kept.end, kept.covered_text, kept.paragraph) == \
        (first.start, first.end, first.covered_text, first.paragraph)
    library.save(analysed())  # the old text back: the correction applies again
    assert apply_corrections(library.get(stored.id), list_corrections(library)).stale == []


def test_ambiguous_words_prefer_the_same_paragraph_else_go_stale(library):
    text = "Alpha says no.\n\nEveryone knows it.\n\nEveryone knows it."
    article = analysed(text, identity="test:twins")
    library.save(article)
    twin = article.paragraphs()[2]
    add_correction(library, article.id, action="add", technique="Doubt", start=twin.start, end=twin.end)
    words = text.index("knows", twin.start)
    add_correction(library, article.id, action="add", technique="Doubt", layer="evidence", start=words,
                   end=words + len("knows"))
    moved = analysed("Alpha says no, again.\n\nEveryone knows it.\n\nEveryone knows it.", identity="test:twins")
    library.save(moved)
    result = apply_corrections(library.get(article.id), list_corrections(library))
    assert result.stale == []
    assert [lab.source for lab in result.paragraphs[2].labels] == ["analyst"]  # the same-numbered twin
    assert all(lab.source == "model" for lab in result.paragraphs[1].labels)
    third = moved.paragraphs()[2]
    assert [(lab.start, lab.end) for lab in result.evidence] == [(moved.text.index("knows", third.start),
                                                                  moved.text.index("knows", third.start) + 5)]
    library.save(analysed("Everyone knows it.\n\nEveryone knows it.\n\nBeta: knows it, knows it.", identity="test:twins"))
    stale = apply_corrections(library.get(article.id), list_corrections(library)).stale
    assert [(c.layer, c.reason) for c in stale] == [
        ("paragraph", "its paragraph's words are now those of 2 paragraphs (0, 1), and it cannot tell which one it was"),
        ("evidence", "its words now occur 4 times in the article, and it cannot tell which")]


def _stale_correction_library(path, hostile_words: str, **who) -> Article:
    """A library at `path` with TEXT (hostile words in its first paragraph) stored, a correction removing
    Loaded_Language from paragraph 1, and the article re-analysed with that paragraph's words changed."""
    from spinlens.store import Library

    hostile = TEXT.replace("The corrupt regime", f"The {hostile_words} regime")
    with Library(path) as library:
        article = analysed(hostile)
        library.save(article)
        second = article.paragraphs()[1]
        add_correction(library, article.id, action="remove", technique="Loaded_Language", start=second.start,
                       end=second.end, **who)
        library.save(analysed(hostile.replace("lied", "erred")))
    return article


def test_reports_and_the_corrections_command_show_stale_corrections(tmp_path):
    from spinlens.store import Library

    path = tmp_path / "lib.sqlite"
    article = _stale_correction_library(path, "<script>alert(1)</script>", note="<b>quoted</b>", author="ana")
    with Library(path) as library:
        corrections = {article.id: list_corrections(library, article.id)}
        changed = library.get(article.id)
    reason = "its paragraph's words have changed"
    text = render([changed], "text", corrections=corrections, width=300)
    assert "Stale corrections (1)" in text and "correction 1: removed Loaded language from paragraph 1" in text
    assert "by ana; note: <b>quoted</b>" in text and "<script>alert(1)</script> regime lied" in text and reason in text
    markdown = render([changed], "markdown", corrections=corrections)
    assert "### Stale corrections" in markdown and "&lt;script&gt;alert\\(1\\)&lt;/script&gt; regime lied" in markdown
    assert "its paragraph's words have changed" in markdown and "&lt;b&gt;quoted&lt;/b&gt;" in markdown
    html = render([changed], "html", corrections=corrections)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; regime lied" in html
    assert '<section class="stale">' in html and "its paragraph&#x27;s words have changed" in html
    data = json.loads(render([changed], "json", corrections=corrections))
    assert [(c["id"], c["action"], c["technique"], c["reason"]) for c in data["corrected"]["stale"]] == \
        [(1, "remove", "Loaded_Language", reason)]
    assert "lied" in data["corrected"]["stale"][0]["covered_text"]
    assert "Stale corrections" not in render([changed], "text", corrections={changed.id: []}, width=300)
    runner = CliRunner()
    rows = json.loads(runner.invoke(main, ["corrections", "--format", "json", "--library", str(path)]).output)
    assert [(r["id"], r["stale"]) for r in rows] == [(1, reason)]
    table = runner.invoke(main, ["corrections", "--library", str(path)], env={"COLUMNS": "250"})
    assert "1 corrections, 1 stale" in table.output and reason in table.output
    for fmt in ("text", "markdown", "html"):
        shown = runner.invoke(main, ["show", article.id, "--format", fmt, "--library", str(path)])
        assert "Stale corrections" in shown.output, fmt


def test_article_page_shows_stale_corrections_escaped(tmp_path):
    from fastapi.testclient import TestClient

    from spinlens.web import create_app

    path = tmp_path / "lib.sqlite"
    article = _stale_correction_library(path, "<img src=x onerror=alert(1)>")
    with TestClient(create_app(path), base_url="http://localhost") as client:
        page = client.get(f"/articles/{article.id}").text
        detail = client.get(f"/api/v1/articles/{article.id}").json()
    assert 'data-testid="stale-correction"' in page and "its paragraph&#39;s words have changed" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; regime lied" in page
    assert [(c["id"], c["reason"]) for c in detail["stale"]] == [(1, "its paragraph's words have changed")]


def test_old_libraries_get_the_paragraph_of_their_corrections(library, stored):
    made = _three_corrections(library, stored)
    library.save(analysed(TEXT.replace("lied again", "lied once again")))  # the first goes stale
    with library._transaction() as conn:  # as a library from before migration 013 would be
        conn.execute("ALTER TABLE corrections DROP COLUMN paragraph")
        conn.execute("DELETE FROM schema_migrations WHERE version = 13")
    reopened = type(library)(library.path if library.backend == "sqlite" else library.shared_location)
    try:
        after = list_corrections(reopened)
        assert [c.paragraph for c in after] == [None, 1, 2]  # the stale one's paragraph is not guessed
        assert [(c.id, c.start, c.end, c.covered_text) for c in after][:1] == \
            [(made[0].id, made[0].start, made[0].end, made[0].covered_text)]
        assert reopened.schema_version >= 13
    finally:
        reopened.close()


def test_paragraphs_merged_or_split_make_their_corrections_stale(library, stored):
    second, third = stored.paragraphs()[1], stored.paragraphs()[2]
    for paragraph in (second, third):
        add_correction(library, stored.id, action="add", technique="Doubt", start=paragraph.start, end=paragraph.end)
    merged_split = analysed(TEXT.replace("knows.\n\nOfficials", "knows. Officials").replace("reopen ", "reopen\n\n"))
    library.save(merged_split)
    stale = apply_corrections(library.get(stored.id), list_corrections(library)).stale
    assert [c.reason for c in stale] == [
        "its paragraph's words are still in the article, but no longer as a paragraph of their own (merged with another)",
        "its paragraph's words have changed"]


def test_a_correction_left_behind_before_this_version_is_placed_by_its_words(library, stored):
    third = stored.paragraphs()[2]
    made = add_correction(library, stored.id, action="add", technique="Appeal_to_Authority", start=third.start,
                          end=third.end)
    with library._transaction() as conn:  # as an older version left it: offsets of an earlier text, no paragraph
        conn.execute('UPDATE corrections SET start = start - 5, "end" = "end" - 5, paragraph = NULL WHERE id = ?',
                     (made.id,))
    result = apply_corrections(library.get(stored.id), list_corrections(library))
    assert result.stale == [] and [lab.source for lab in result.paragraphs[2].labels] == ["analyst"]
    assert library.count(technique="Appeal_to_Authority") == 0  # the SQL filter reads the stored offsets
    assert library.save(stored).action == "unchanged"  # analysed again: the stored offsets follow the words
    assert [(c.start, c.end, c.paragraph) for c in list_corrections(library)] == [(third.start, third.end, 2)]
    assert library.count(technique="Appeal_to_Authority") == 1

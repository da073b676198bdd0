"""Technique stage with fake scores (no model), spin meter, and technique/evidence highlights in reports."""

from __future__ import annotations

import numpy as np
import pytest

from spinlens.errors import UsageError
from spinlens.model import Article
from spinlens.report import render
from spinlens.techniques.encoder import EvidenceSpan
from spinlens.techniques.models import ParagraphScores, model_for
from spinlens.techniques.spin import SpinStage, spin_meter
from spinlens.techniques.stage import TechniqueStage
from spinlens.techniques.taxonomy import GROUPS, PTC_TO_TECHNIQUE, TECHNIQUES

LABELS = list(TECHNIQUES)


class FakeModel:
    """Flags Loaded_Language on paragraphs containing 'traitor', with an evidence span on that word."""

    def __init__(self, language):
        self.language = language
        self.calls = 0

    def score(self, paragraphs, titles, articles=None):
        self.calls += 1
        probs = np.zeros((len(paragraphs), len(LABELS)), dtype=np.float32)
        spans = []
        for i, text in enumerate(paragraphs):
            if "explode" in text:
                raise RuntimeError("model crashed")
            at = text.find("traitor")
            if at >= 0:
                probs[i, LABELS.index("Loaded_Language")] = 0.9
                probs[i, LABELS.index("Name_Calling-Labeling")] = 0.7
                spans.append([EvidenceSpan(at, at + 7, "Name_Calling,Labeling", 0.8)])
            else:
                spans.append([])
        return ParagraphScores(LABELS, probs, probs >= 0.5, spans)


def article(paragraphs: list[str], languages: list[str], title: str = "A title") -> Article:
    text = "\n\n".join([title] + paragraphs)
    a = Article(id="x" + str(abs(hash(text)) % 10**8), text=text, title=title, language=languages[0])
    pos = 0
    for i, (para, lang) in enumerate(zip([title] + paragraphs, [languages[0]] + languages)):
        a.add_span(pos, pos + len(para), "paragraph", n=i)
        a.add_span(pos, pos + len(para), "language", lang)
        if i == 0:
            a.add_span(pos, pos + len(para), "title")
        pos += len(para) + 2
    return a


@pytest.fixture
def fakes():
    made = {}

    def models(language):
        return made.setdefault(language, FakeModel(language))
    models.made = made
    return models


def test_annotations_from_scores(fakes):
    a = article(["He called them traitor and worse.", "A calm paragraph about water levels."], ["en", "en"])
    TechniqueStage(models=fakes)([a])
    techniques = a.layer("technique")
    assert {s.label for s in techniques} == {"Loaded_Language", "Name_Calling-Labeling"}
    assert all(a.span_text(s) == "He called them traitor and worse." for s in techniques)
    evidence = a.layer("evidence")
    assert [a.span_text(s) for s in evidence] == ["traitor"]
    assert evidence[0].label == "Name_Calling-Labeling" and evidence[0].attrs["ptc"] == "Name_Calling,Labeling"
    assert a.extra["techniques"]["analysed_paragraphs"] == 3


def test_one_model_call_per_language_per_batch(fakes):
    batch = [article(["traitor here"] * 3, ["en"] * 3), article(["Texte calme."], ["fr"]),
             article(["more traitor text"], ["en"])]
    TechniqueStage(models=fakes)(batch)
    assert fakes.made["en"].calls == 1 and fakes.made["fr"].calls == 1


def test_unsupported_language_is_reported_never_scored(fakes):
    a = article(["Un párrafo en español sobre la presa.", "An English traitor paragraph."], ["es", "en"])
    TechniqueStage(models=fakes)([a])
    assert "es" not in fakes.made
    info = a.extra["techniques"]
    assert info["not_analysed"] == [{"language": "es", "name": "Spanish", "paragraphs": 2}]  # title + one
    assert info["analysed_paragraphs"] == 1 and a.layer("technique")
    assert "Techniques not analysed for: Spanish (2 paragraphs)" in render([a], "html")


def test_model_failure_stays_on_its_article(fakes):
    good = article(["traitor again"], ["en"])
    bad = article(["this will explode"], ["en"])
    TechniqueStage(models=fakes)([good, bad])
    assert good.ok and good.layer("technique")
    assert bad.status.startswith("failed: techniques: RuntimeError")


def test_no_model_for_other_languages():
    with pytest.raises(UsageError, match="no technique model"):
        model_for("es")


def test_spin_rises_with_techniques(fakes):
    calm = article(["Water levels were stable.", "Officials said repairs continue.",
                    "Inspectors arrive on Monday."], ["en"] * 3)
    loaded = article(["The traitor regime lied.", "Every traitor will pay.", "Inspectors arrive on Monday."],
                     ["en"] * 3)
    for a in (calm, loaded):
        TechniqueStage(models=fakes)([a])
        SpinStage()([a])
    assert calm.extra["spin"]["score"] == 0
    assert loaded.extra["spin"]["score"] > 30
    meter = spin_meter(loaded)
    assert meter.paragraphs_with_techniques == 2 and meter.distinct_techniques == 2
    assert meter.top_techniques[0][1] == 2


def test_spin_is_none_when_nothing_analysed(fakes):
    a = article(["Solo español aquí."], ["es"], title="Título")
    TechniqueStage(models=fakes)([a])
    assert spin_meter(a) is None


def test_reports_show_badges_highlights_and_meter(fakes):
    a = article(["They are a traitor <script>alert(1)</script> band."], ["en"])
    TechniqueStage(models=fakes)([a])
    SpinStage()([a])
    page = render([a], "html")
    assert '<mark class="hl-evidence g-attack-on-reputation"' in page and ">traitor</mark>" in page
    assert "Loaded language" in page and "spin" in page and "<script>alert" not in page
    markdown = render([a], "markdown")
    assert "**traitor**<sup>Name calling / labeling</sup>" in markdown and "*Techniques:*" in markdown
    text = render([a], "text")
    assert "Loaded language 0.90" in text and "/100" in text


def test_overlapping_evidence_reads_as_one_highlight_in_text_and_markdown():
    from markdown_it import MarkdownIt

    a = article(["So their messenger, the warmongering actor in a shirt, is done."], ["en"])
    body = a.text.index("the warmongering")
    phrase = "the warmongering actor in a shirt"
    a.add_span(body, body + len(phrase), "evidence", "Name_Calling-Labeling", 0.31)
    a.add_span(body + 4, body + len(phrase), "evidence", "Loaded_Language", 0.33)
    markdown = render([a], "markdown")
    assert f"**{phrase}**<sup>Loaded language, Name calling / labeling</sup>" in markdown
    html = MarkdownIt().render(markdown)
    assert f"<strong>{phrase}</strong>" in html and "**" not in html  # every bold closes
    text = render([a], "text", width=200)  # plain: the highlight's words are bracketed, since no colour shows them
    assert f"messenger, ⟦{phrase}⟧⟨Loaded language, Name calling / labeling⟩, is done" in text
    assert text.count("⟨") == 1 and text.count("⟦") == 1
    coloured = render([a], "text", width=200, color=True)
    assert "⟦" not in coloured and "\x1b[" in coloured and "⟨Loaded language, Name calling / labeling⟩" in coloured


def test_reports_show_the_headline_only_when_it_carries_techniques(fakes):
    flagged = article(["A calm report on the vote."], ["en"], title="Minister is a traitor")
    plain = article(["A calm report on the vote."], ["en"], title="Vote counted")
    TechniqueStage(models=fakes)([flagged, plain])
    assert any(s.start == 0 for s in flagged.layer("technique"))  # the headline was scored
    markdown = render([flagged], "markdown")
    assert "*Headline:* Minister is a **traitor**<sup>Name calling / labeling</sup>" in markdown
    assert "> *Techniques:* " in markdown
    page = render([flagged], "html")
    assert '<span class="pn">headline</span>' in page and ">traitor</mark>" in page
    assert "headline Minister is a ⟦traitor⟧⟨Name calling / labeling⟩" in render([flagged], "text")
    for fmt in ("markdown", "html", "text"):
        assert "headline" not in render([plain], fmt).lower()


def test_taxonomy_is_complete():
    assert len(TECHNIQUES) == 23 and {t.group for t in TECHNIQUES.values()} == set(GROUPS)
    assert set(PTC_TO_TECHNIQUE.values()) <= set(TECHNIQUES)

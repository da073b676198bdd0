"""Properties of the claims stage on arbitrary text in its six languages: it never fails, and every span it
adds slices the text ("Name Minister The" once gave an empty actor name and crashed it)."""

from __future__ import annotations

from fuzz_inputs import fuzz_settings
from hypothesis import example, given
from hypothesis import strategies as st

from spinlens.bench.claims import ParagraphStage, SentenceStage
from spinlens.claims.stage import CLAIM_LAYERS, ClaimsStage
from spinlens.model import Article

# Text biased towards what the claims rules read: quotation marks, cue words, names, clause punctuation.
_PIECES = st.sampled_from([
    '"', "“", "”", "«", "»", "„", "‘", "’", "'s", "’s", " said ", " says ", " accused ", " blamed ", " denied ",
    " was rejected by ", " The ", " Minister ", " Anzel Moravek ", " Kastovia ", " regime ", " according to ",
    " that ", " who ", " which ", " allegedly ", ",", ".", ":", ";", " - ", " — ", "\n", "\n\n", "   ", "(", ")",
    " a déclaré ", " a accusé ", " qui ", " de ", " hat ", " beschuldigt ", " wies ", " zurück ", " von ",
    " заявил ", " обвинил ", " в ", " на себя ", " ha detto ", " powiedział ", " не ", " n'a pas ", " Dr. ",
    "-", "A", "x", "Name",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)
_STAGES = (ParagraphStage(), SentenceStage(), ClaimsStage())


@fuzz_settings(150)
@given(text=_TEXT, language=st.sampled_from(["en", "fr", "de", "it", "pl", "ru"]))
@example(text="allegedly word и Name”x?.Name Minister The", language="en")  # found by a timing campaign
@example(text="Name ’s Word said it.", language="en")
def test_claims_stage_never_fails_and_spans_slice_the_text(text: str, language: str) -> None:
    article = Article(identity="fuzz", id="fuzz", raw_text=text, text=text, language=language)
    for stage in _STAGES:
        stage([article])
    assert not article.errors, article.errors
    for span in article.spans:
        if span.layer in CLAIM_LAYERS:
            assert 0 <= span.start < span.end <= len(text)
            if span.layer == "actor":
                assert span.label.strip()

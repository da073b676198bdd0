"""English evidence-span post-processing and span scoring, on hand-made token probabilities (no model, no
data), plus the span quality gate on the validation PTC articles (skipped without ../shared/data)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinlens.techniques.benchmarks import ptc_paragraph_offsets
from spinlens.techniques.encoder import SpanDecoder
from spinlens.techniques.metrics import span_scores

CLASSES = ["Loaded_Language", "Doubt"]


def words(text: str) -> list[tuple[int, int]]:
    """Token offsets: one token per word or punctuation mark."""
    import re

    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def probs(values: list[float], other: list[float] | None = None) -> np.ndarray:
    return np.array([values, other or [0.0] * len(values)], dtype=float).T


def decode(decoder: SpanDecoder, text: str, p: np.ndarray) -> list[tuple[str, str]]:
    return [(s.ptc_class, text[s.start:s.end]) for s in decoder.decode(text, p, words(text))]


def test_threshold_per_class():
    text = "a corrupt regime"
    p = probs([0.1, 0.5, 0.1], [0.1, 0.5, 0.1])
    decoder = SpanDecoder(CLASSES, np.array([0.4, 0.6]))
    assert decode(decoder, text, p) == [("Loaded_Language", "corrupt")]


def test_hysteresis_grows_a_seed_over_weaker_neighbours():
    text = "they are lying corrupt traitors today"
    p = probs([0.1, 0.1, 0.3, 0.7, 0.3, 0.1])
    assert decode(SpanDecoder(CLASSES, np.array([0.5, 0.5])), text, p) == [("Loaded_Language", "corrupt")]
    grown = SpanDecoder(CLASSES, np.array([0.5, 0.5]), keep=0.5)
    assert decode(grown, text, p) == [("Loaded_Language", "lying corrupt traitors")]
    # a run of weak tokens without a seed is not a span
    assert decode(grown, text, probs([0.1, 0.3, 0.3, 0.1, 0.1, 0.1])) == []


def test_same_class_fragments_merge_across_short_gaps_not_sentence_ends():
    text = "a shameful and disgraceful act. Shameful people"
    p = probs([0.0, 0.9, 0.1, 0.9, 0.0, 0.0, 0.9, 0.0])
    assert decode(SpanDecoder(CLASSES, np.array([0.5, 0.5])), text, p) == [
        ("Loaded_Language", "shameful"), ("Loaded_Language", "disgraceful"), ("Loaded_Language", "Shameful")]
    merged = decode(SpanDecoder(CLASSES, np.array([0.5, 0.5]), gap=25), text, p)
    assert merged == [("Loaded_Language", "shameful and disgraceful"), ("Loaded_Language", "Shameful")]
    # too long a gap keeps them apart
    assert len(decode(SpanDecoder(CLASSES, np.array([0.5, 0.5]), gap=3), text, p)) == 3


def test_spans_snap_to_whole_words_and_drop_edge_punctuation():
    text = "the unbelievers, again"
    offsets = [(0, 3), (4, 6), (6, 15), (15, 16), (17, 22)]  # "un" "##believers" as subword tokens
    p = probs([0.0, 0.1, 0.8, 0.8, 0.0])
    spans = SpanDecoder(CLASSES, np.array([0.5, 0.5])).decode(text, p, offsets)
    assert [(s.start, s.end, s.ptc_class) for s in spans] == [(4, 15, "Loaded_Language")]
    assert spans[0].score == pytest.approx(0.8)


def test_question_marks_and_quotes_stay_in_the_span():
    text = "Is it “really” safe?"
    p = probs([0.0] * 7, [0.9] * 7)
    assert decode(SpanDecoder(CLASSES, np.array([0.5, 0.5])), text, p) == [("Doubt", "Is it “really” safe?")]


def test_classes_are_decoded_independently_and_sorted_by_position():
    text = "the evil liars lie"
    p = probs([0.0, 0.9, 0.0, 0.0], [0.0, 0.0, 0.0, 0.9])
    assert decode(SpanDecoder(CLASSES, np.array([0.5, 0.5])), text, p) == [("Loaded_Language", "evil"),
                                                                            ("Doubt", "lie")]
    assert SpanDecoder(CLASSES, np.array([0.5, 0.5])).decode("", np.zeros((0, 2)), []) == []


def test_decoder_configuration_from_the_model_meta():
    old = SpanDecoder.from_meta({"ptc_classes": CLASSES, "span_thresholds": [0.45, 0.45]})
    assert old.keep == 1.0 and old.gap == 0 and list(old.thresholds) == [0.45, 0.45]
    new = SpanDecoder.from_meta({"ptc_classes": CLASSES, "span_thresholds": [0.45, 0.45],
                                 "spans": {"thresholds": [0.3, 0.6], "keep": 0.5, "gap": 25}})
    assert list(new.thresholds) == [0.3, 0.6] and new.keep == 0.5 and new.gap == 25
    again = SpanDecoder.from_meta({"ptc_classes": CLASSES, "spans": new.to_meta()})
    assert list(again.thresholds) == [0.3, 0.6] and (again.keep, again.gap) == (0.5, 25)
    with pytest.raises(ValueError):
        SpanDecoder.from_meta({"ptc_classes": CLASSES, "spans": {"thresholds": [0.5]}})


def test_calibrated_scores_read_the_span_features_and_never_change_a_decision():
    from spinlens.techniques.encoder import span_features

    text = "they are lying corrupt traitors today"
    p = probs([0.1, 0.1, 0.3, 0.7, 0.3, 0.1], [0.0, 0.0, 0.0, 0.0, 0.0, 0.9])
    plain = SpanDecoder(CLASSES, np.array([0.5, 0.5]), keep=0.5)
    weights = (0.6, 0.9, -0.1, 0.6)
    calibrated = SpanDecoder(CLASSES, np.array([0.5, 0.5]), keep=0.5, calibration=weights)
    before, after = plain.decode(text, p, words(text)), calibrated.decode(text, p, words(text))
    assert [(s.start, s.end, s.ptc_class) for s in before] == [(s.start, s.end, s.ptc_class) for s in after]
    assert before[0].score == pytest.approx((0.3 + 0.7 + 0.3) / 3)  # the mean of the run it grew from
    run = np.array([0.3, 0.7, 0.3])
    features = span_features(run)
    assert features == pytest.approx([np.log(before[0].score / (1 - before[0].score)), np.log(0.7 / 0.3), np.log(3)])
    z = np.dot(weights[:3], features) + weights[3]
    assert after[0].score == pytest.approx(1 / (1 + np.exp(-z)))
    # a stronger run scores higher, and every calibrated score is a probability
    assert after[1].score > after[0].score and all(0 < s.score < 1 for s in after)


def test_span_calibration_round_trips_through_the_meta_and_is_checked():
    decoder = SpanDecoder(CLASSES, np.array([0.3, 0.6]), calibration=(0.5, 1.0, -0.2, 0.4))
    again = SpanDecoder.from_meta({"ptc_classes": CLASSES, "spans": decoder.to_meta()})
    assert again.calibration == (0.5, 1.0, -0.2, 0.4)
    assert "calibration" not in SpanDecoder(CLASSES, np.array([0.3, 0.6])).to_meta()
    with pytest.raises(ValueError, match="calibration"):
        SpanDecoder.from_meta({"ptc_classes": CLASSES, "spans": {"thresholds": [0.5, 0.5], "calibration": [1.0]}})


def test_span_calibration_fit_lowers_the_calibration_error_of_scores_that_read_low():
    from spinlens.train.span_calibration import apply_map, report

    rng = np.random.default_rng(0)
    n = 2000
    mean = rng.uniform(0.05, 0.6, n)
    highest = np.minimum(0.99, mean + rng.uniform(0, 0.3, n))
    count = rng.integers(1, 12, n)
    features = np.column_stack([np.log(mean / (1 - mean)), np.log(highest / (1 - highest)), np.log(count)])
    right = rng.uniform(size=n) < np.minimum(1, mean * 1.6)  # the raw mean reads too low
    groups = [f"a{i % 90}" for i in range(n)]
    result = report(features, right, groups)
    assert result["raw"]["ece"] > 0.1 and result["calibrated"]["ece"] < result["raw"]["ece"] / 2
    assert result["calibrated"]["brier"] < result["raw"]["brier"]
    decoder = SpanDecoder(CLASSES, np.array([0.5, 0.5]), calibration=result["map"])
    run = np.array([0.4, 0.5])
    from spinlens.techniques.encoder import span_features

    assert decoder.confidence(run) == pytest.approx(apply_map(span_features(run)[None, :], result["map"])[0])


def test_ptc_paragraphs_are_lines_with_offsets_into_the_text():
    text = "Title here\n\n  First line.\r\nSecond line\n\n"
    offsets = ptc_paragraph_offsets(text)
    assert [text[s:e] for s, e in offsets] == ["Title here", "First line.", "Second line"]
    assert ptc_paragraph_offsets("") == []


# -- SemEval-2020 Task 11 scoring -------------------------------------------------------------------------
def test_span_identification_merges_overlaps_and_ignores_labels():
    gold = {"1": [("Doubt", 0, 10), ("Loaded_Language", 5, 20), ("Slogans", 30, 40)]}  # -> [0,20), [30,40)
    pred = {"1": [("Slogans", 10, 30)]}  # overlaps [0,20) by 10 chars
    p, r, f = span_scores(pred, gold, technique_aware=False)
    assert p == pytest.approx(10 / 20)
    assert r == pytest.approx((10 / 20 + 0) / 2)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_technique_aware_credits_same_technique_and_merges_only_within_it():
    gold = {"1": [("Doubt", 0, 10), ("Doubt", 5, 20), ("Loaded_Language", 0, 4)]}  # Doubt merged to [0,20)
    pred = {"1": [("Doubt", 0, 5), ("Loaded_Language", 10, 14), ("Doubt", 15, 25)]}
    p, r, _ = span_scores(pred, gold, technique_aware=True)
    # predictions: Doubt [0,5) 5/5, Doubt [15,25) 5/10, Loaded_Language [10,14) 0
    assert p == pytest.approx((1 + 0.5 + 0) / 3)
    # gold: Doubt [0,20) covered 10/20, Loaded_Language [0,4) 0
    assert r == pytest.approx((0.5 + 0) / 2)


def test_touching_spans_stay_apart_and_duplicates_count_once():
    gold = {"1": [("Doubt", 0, 10), ("Doubt", 10, 20), ("Doubt", 10, 20)]}
    pred = {"1": [("Doubt", 0, 10)]}
    p, r, _ = span_scores(pred, gold, technique_aware=True)
    assert p == pytest.approx(1.0) and r == pytest.approx(0.5)
    assert span_scores({}, gold, technique_aware=False) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("seed", range(50))
def test_the_overlap_sweep_equals_the_pairwise_overlaps(seed):
    """Each merged span's characters shared with the other side, found in one sweep, are those of the
    official every-pair computation (random, overlapping, then merged spans)."""
    from spinlens.techniques.metrics import _merge, _overlap_sums

    rng = np.random.default_rng(seed)

    def merged(n):
        return _merge((int(s), int(s + rng.integers(1, 8))) for s in rng.integers(0, 200, n))

    ps, gs = merged(int(rng.integers(0, 40))), merged(int(rng.integers(0, 40)))

    def shared(a, b):
        return max(0, min(a[1], b[1]) - max(a[0], b[0]))

    assert _overlap_sums(ps, gs) == ([sum(shared(p, g) for g in gs) for p in ps],
                                     [sum(shared(p, g) for p in ps) for g in gs])


# -- quality gate on the validation PTC articles -----------------------------------------------------------
def test_span_quality_gate(shared_data):
    """`bench ptc`'s path over the 57 validation PTC articles scores what `spinlens.train.spans_en` recorded
    for the shipped knobs on them (the model card quotes the cross-fitted figures, of the whole choice), and
    its span scores, calibrated on them by `spinlens.train.span_calibration`, average the share of its spans
    that overlap an annotated span of their technique."""
    from spinlens.techniques.benchmarks import predict_ptc_article, ptc_article_spans
    from spinlens.techniques.encoder import models_dir
    from spinlens.train.data import is_validation, load_ptc

    if not (shared_data / "ptc" / "articles").is_dir():
        pytest.skip("no PTC articles in the shared data")
    meta = json.loads((models_dir() / "techniques_en.json").read_text())["validation"]
    ptc = {k: v for k, v in load_ptc(shared_data).items() if is_validation(k)}
    assert len(ptc) == meta["ptc_validation_articles"]
    found = {k: ptc_article_spans(text) for k, (text, _) in ptc.items()}
    pred = {k: [(s.ptc_class, a + s.start, a + s.end) for a, s in spans] for k, spans in found.items()}
    assert pred[min(pred)] == predict_ptc_article(ptc[min(pred)][0])
    gold = {k: spans for k, (_, spans) in ptc.items()}
    scores = [s.score for spans in found.values() for _, s in spans]
    right = [any(label == s.ptc_class and gs < a + s.end and ge > a + s.start for label, gs, ge in gold[k])
             for k, spans in found.items() for a, s in spans]
    assert len(scores) == meta["span_score_calibration"]["spans"]
    assert np.mean(scores) == pytest.approx(np.mean(right), abs=0.01)
    span_f1 = span_scores(pred, gold, technique_aware=False)[2]
    aware_f1 = span_scores(pred, gold, technique_aware=True)[2]
    assert span_f1 == pytest.approx(meta["span_f1_in_sample"], abs=0.002)
    assert aware_f1 == pytest.approx(meta["technique_aware_span_f1_in_sample"], abs=0.002)
    assert span_f1 >= meta["span_f1"] - 0.02 and aware_f1 >= meta["technique_aware_span_f1"] - 0.02

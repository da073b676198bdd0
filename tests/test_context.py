"""Article-context stacker: features on hand-made scores, behaviour, shipped parameters, runtime path."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinlens.techniques.context import FEATURES, ContextStacker, article_rows, context_features

F = {name: k for k, name in enumerate(FEATURES)}


def stacker(n_labels: int = 2, **weights) -> ContextStacker:
    w = np.zeros((n_labels, len(FEATURES)))
    for name, value in weights.items():
        w[:, F[name]] = value
    return ContextStacker(np.zeros(n_labels), np.ones(n_labels), w, np.full(n_labels, 0.5))


def test_features_on_hand_made_scores():
    probs = np.array([[0.9, 0.1], [0.2, 0.3], [0.5, 0.0], [0.4, 0.8]])
    feats = context_features(probs, ["a", "a", "a", "b"])
    assert feats.shape == (4, 2, len(FEATURES))
    # article a: rows 0, 1, 2; row 1's others are rows 0 and 2
    assert feats[1, 0, F["others_mean"]] == pytest.approx((0.9 + 0.5) / 2)
    assert feats[1, 0, F["others_max"]] == pytest.approx(0.9)
    assert feats[0, 0, F["others_max"]] == pytest.approx(0.5)   # own top value excluded
    assert feats[1, 0, F["prev"]] == pytest.approx(0.9) and feats[1, 0, F["next"]] == pytest.approx(0.5)
    assert feats[0, 0, F["prev"]] == 0.0 and feats[2, 1, F["next"]] == 0.0
    assert feats[1, 1, F["article_all_mean"]] == pytest.approx((0.5 + 0.25) / 2)
    assert feats[1, 1, F["own_all_mean"]] == pytest.approx(0.25)
    assert feats[0, :, F["is_first"]].tolist() == [1.0, 1.0] and feats[1, 0, F["is_first"]] == 0.0
    assert feats[0, 0, F["has_others"]] == 1.0
    assert feats[0, 0, F["log_n"]] == pytest.approx(np.log1p(3) / 3)
    # article b is a single paragraph: no context, only its own mean, first-row flag and size
    assert feats[3, :, F["others_mean"]].tolist() == [0.0, 0.0]
    assert feats[3, 0, F["has_others"]] == 0.0 and feats[3, 0, F["is_first"]] == 1.0
    assert feats[3, 0, F["own_all_mean"]] == pytest.approx(0.6)


def test_articles_are_grouped_by_key_not_by_position():
    probs = np.array([[0.9], [0.1], [0.7]])
    interleaved = context_features(probs, ["a", "b", "a"])
    assert interleaved[2, 0, F["prev"]] == pytest.approx(0.9)    # previous row of article a
    assert interleaved[1, 0, F["has_others"]] == 0.0
    assert [r.tolist() for r in article_rows(["a", "b", "a"], 3)] == [[0, 2], [1]]
    assert [r.tolist() for r in article_rows(None, 3)] == [[0, 1, 2]]
    with pytest.raises(ValueError):
        article_rows(["a"], 3)


def test_context_raises_a_paragraph_in_an_article_full_of_the_technique():
    model = stacker(others_mean=3.0, others_max=1.0)
    borderline = [0.4, 0.05]
    full = np.array([[0.9, 0.05]] * 5 + [borderline])
    quiet = np.array([[0.02, 0.05]] * 5 + [borderline])
    p_full = model.predict_proba(full, ["x"] * 6)[-1, 0]
    p_quiet = model.predict_proba(quiet, ["y"] * 6)[-1, 0]
    assert p_full > 0.5 > p_quiet and p_full > borderline[0]
    assert model.decide(full, ["x"] * 6)[1][-1, 0] and not model.decide(quiet, ["y"] * 6)[1][-1, 0]


def test_single_paragraph_and_empty_articles():
    model = stacker(others_mean=3.0, has_others=-1.0)
    one = np.array([[0.3, 0.7]])
    out = model.predict_proba(one, ["only"])
    assert out == pytest.approx(one)                 # no context: the own logit passes through
    empty = np.zeros((0, 2))
    assert model.predict_proba(empty, []).shape == (0, 2)
    probs, decisions = model.decide(empty, None)
    assert probs.shape == decisions.shape == (0, 2)
    assert context_features(empty, []).shape == (0, 2, len(FEATURES))


def test_outputs_are_probabilities_even_for_extreme_inputs():
    model = stacker(n_labels=3, others_max=50.0, own_all_mean=-50.0)
    probs = np.array([[0.0, 1.0, 0.5], [1.0, 0.0, 0.5], [0.5, 0.5, 0.5]])
    out = model.predict_proba(probs, [1, 1, 2])
    assert np.isfinite(out).all() and (out >= 0).all() and (out <= 1).all()


def test_json_round_trip_and_shape_checks():
    model = stacker(n_labels=3, prev=0.5)
    again = ContextStacker.from_json(json.loads(json.dumps(model.to_json())))
    probs = np.random.default_rng(0).uniform(size=(5, 3))
    assert again.predict_proba(probs, list("aabbb")) == pytest.approx(model.predict_proba(probs, list("aabbb")))
    with pytest.raises(ValueError):
        ContextStacker(np.zeros(3), np.ones(2), np.zeros((3, len(FEATURES))), np.zeros(3))
    bad = model.to_json() | {"features": ["own"]}
    with pytest.raises(ValueError):
        ContextStacker.from_json(bad)


def test_shipped_stackers_load_and_match_the_labels():
    from spinlens.techniques.models import CONTEXT_FILE, SUPPORTED_LANGUAGES, context_stacker
    from spinlens.techniques.encoder import models_dir
    from spinlens.techniques.taxonomy import TECHNIQUES

    path = models_dir() / CONTEXT_FILE
    if not path.exists():
        pytest.skip("no article-context stacker shipped")
    shipped = json.loads(path.read_text("utf-8"))["languages"]
    for lang in shipped:
        assert lang in SUPPORTED_LANGUAGES
        model = context_stacker(lang)
        assert model is not None and len(model.bias) == len(TECHNIQUES)
        v = model.info["validation"]
        assert v["stacked"]["micro_f1"] > v["baseline"]["micro_f1"]


def test_adapter_uses_the_article_context():
    """A paragraph scored inside its article may differ from the same paragraph alone, never crashes."""
    from spinlens.techniques.models import context_stacker, model_for

    langs = [lang for lang in ("fr", "de", "it", "pl", "ru") if context_stacker(lang) is not None]
    if not langs:
        pytest.skip("no lexical language ships an article-context stacker")
    model = model_for(langs[0])
    texts = ["Titre", "Un paragraphe.", "Un autre paragraphe, plus long que le premier."]
    together = model.score(texts, [None, "Titre", "Titre"], ["a", "a", "a"])
    alone = model.score(texts, [None, "Titre", "Titre"], ["a", "b", "c"])
    assert together.probs.shape == alone.probs.shape == (3, len(model.labels))
    assert not np.allclose(together.probs, alone.probs)
    empty = model.score([], [], [])
    assert empty.probs.shape == (0, len(model.labels)) and empty.decisions.shape == (0, len(model.labels))


@pytest.mark.parametrize("lang", ["de", "it", "ru"])  # the languages a stacker ships for (not fr, pl, en)
def test_gate_seen_validation_articles_through_the_context_path(shared_data, lang):
    """Cheap gate for a shipped stacker: the first 40 validation paragraphs (whole articles, seen in the
    final fit) scored through the adapter with their articles must reach micro-F1 >= 0.5. The honest
    validation figures (train-part model + stacker) are in techniques_context.json and the README."""
    from spinlens.techniques.models import context_stacker, model_for
    from spinlens.train.data import is_validation, load_st3

    assert context_stacker(lang) is not None, f"the {lang} stacker is missing from techniques_context.json"
    model = model_for(lang)
    paragraphs = [p for p in load_st3(shared_data, lang) if p.text.strip()]
    first: dict[str, int] = {}
    for p in paragraphs:
        first[p.article_id] = min(p.no, first.get(p.article_id, p.no))
    val = sorted((p for p in paragraphs if is_validation(p.article_id)), key=lambda p: (p.article_id, p.no))[:40]
    title = {p.article_id: p.text for p in paragraphs if p.no == first[p.article_id]}
    scores = model.score([p.text for p in val], [None if p.no == first[p.article_id] else title[p.article_id]
                                                 for p in val], [p.article_id for p in val])
    gold = np.array([[name in p.labels for name in model.labels] for p in val])
    f1 = 2 * np.sum(scores.decisions & gold) / (scores.decisions.sum() + gold.sum())
    assert f1 >= 0.5, f"{lang}: micro-F1 {f1:.3f} on 40 seen validation paragraphs"
    assert np.isfinite(scores.probs).all() and (scores.probs >= 0).all() and (scores.probs <= 1).all()

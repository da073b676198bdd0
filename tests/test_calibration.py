"""Calibrated confidences: the metrics, Platt fitting (rare techniques pooled), and the runtime path."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from spinlens.techniques.calibration import (
    CALIBRATION_FILE,
    apply_platt,
    calibration_figures,
    expected_calibration_error,
    load_platt,
)
from spinlens.techniques.crosslingual import load_combiner
from spinlens.techniques.encoder import models_dir
from spinlens.techniques.models import context_stacker, model_for


def test_ece_is_the_weighted_gap_between_confidence_and_frequency():
    probs = np.array([[0.8, 0.8], [0.8, 0.8], [0.15, 0.15], [0.15, 0.15]])
    gold = np.array([[1, 0], [1, 0], [0, 0], [0, 1]], dtype=bool)
    # bin 0.8: confidence 0.8, frequency 0.5 (half the pairs); bin 0.1: confidence 0.15, frequency 0.25
    assert expected_calibration_error(probs, gold) == pytest.approx(0.5 * 0.3 + 0.5 * 0.1)
    assert expected_calibration_error(np.ones((3, 1)), np.ones((3, 1), dtype=bool)) == pytest.approx(0.0)


def test_figures_compare_shown_confidence_with_precision_of_detected_labels():
    probs = np.array([[0.9, 0.2], [0.7, 0.6]])
    gold = np.array([[1, 0], [0, 1]], dtype=bool)
    figures = calibration_figures(probs, gold, probs >= 0.5)
    assert figures["detected"] == 3
    assert figures["detected_mean_confidence"] == pytest.approx((0.9 + 0.7 + 0.6) / 3, abs=1e-4)
    assert figures["detected_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["brier"] == pytest.approx(((probs - gold) ** 2).mean(), abs=1e-4)
    assert calibration_figures(probs, gold, np.zeros_like(gold))["detected_mean_confidence"] is None


def test_apply_platt_is_a_sigmoid_of_the_scaled_logit():
    probs = np.array([[0.5, 0.9]])
    assert np.allclose(apply_platt(probs, np.array([[1.0, 0.0], [1.0, 0.0]])), probs)
    out = apply_platt(probs, np.array([[2.0, -1.0], [0.5, 0.0]]))
    assert out[0, 0] == pytest.approx(1 / (1 + np.e))
    assert out[0, 1] == pytest.approx(1 / (1 + np.exp(-0.5 * np.log(9))))
    assert apply_platt(probs, None) is probs


def _inflated(rng, n, rate):
    """Labels at `rate` whose scores sit near 0.5 whatever the label (an inflated, class-balanced model)."""
    gold = rng.random(n) < rate
    return np.clip(np.where(gold, 0.6, 0.45) + rng.normal(0, 0.1, n), 0.01, 0.99), gold


def test_rare_techniques_get_the_pooled_map_not_the_identity():
    pytest.importorskip("sklearn")
    from spinlens.train.calibration import fit_platt

    rng = np.random.default_rng(3)
    columns = [_inflated(rng, 2000, 0.08), _inflated(rng, 2000, 0.08), _inflated(rng, 2000, 0.002)]
    probs = np.stack([c[0] for c in columns], 1)
    gold = np.stack([c[1] for c in columns], 1)
    assert gold[:, 2].sum() < 15
    params = fit_platt(probs, gold)
    assert not np.allclose(params[2], [1.0, 0.0])          # the rare column is mapped too
    assert not np.allclose(params[0], params[2])           # the frequent ones have their own maps
    calibrated = apply_platt(probs, params)
    assert probs[:, 2].mean() > 0.4 and calibrated[:, 2].mean() < 0.15
    for j in (0, 1):                                       # mean confidence close to the label rate
        assert calibrated[:, j].mean() == pytest.approx(gold[:, j].mean(), abs=0.02)
    assert expected_calibration_error(calibrated, gold) < expected_calibration_error(probs, gold) / 3


def test_cross_fitted_platt_maps_each_half_with_the_other_halfs_fit():
    pytest.importorskip("sklearn")
    from spinlens.techniques.metrics import hash_half
    from spinlens.train.calibration import cross_fitted_platt, fit_platt

    rng = np.random.default_rng(5)
    groups = [f"article{i // 10}" for i in range(1200)]
    probs, gold = _inflated(rng, 1200, 0.1)
    probs, gold = probs[:, None], gold[:, None]
    halves = np.array([hash_half(g) for g in groups])
    out = cross_fitted_platt(probs, gold, groups)
    first = halves == 0
    assert np.allclose(out[first], apply_platt(probs[first], fit_platt(probs[~first], gold[~first])))
    assert np.allclose(out[~first], apply_platt(probs[~first], fit_platt(probs[first], gold[first])))


def _calibrated_languages() -> dict:
    path = models_dir() / CALIBRATION_FILE
    return json.loads(path.read_text("utf-8"))["languages"] if path.exists() else {}


def test_shipped_maps_belong_to_languages_shown_by_their_lexical_model():
    languages = _calibrated_languages()
    for lang, entry in languages.items():
        assert load_combiner(lang, models_dir()) is None and context_stacker(lang) is None, lang
        assert len(entry["platt"]) == 23
        lexical = (models_dir() / f"lexical_{lang}.npz").read_bytes()
        assert entry["lexical_model_sha256"] == hashlib.sha256(lexical).hexdigest(), (
            f"{lang}: the lexical model changed since its Platt map was fitted; refit it with "
            f"`python -m spinlens.train.calibration --lang {lang} --write`")
        after, before = entry["validation"]["after"], entry["validation"]["before"]
        assert after["ece"] < before["ece"] and after["brier"] < before["brier"]


def test_lexical_language_shows_calibrated_confidence_and_keeps_its_decisions():
    languages = _calibrated_languages()
    if not languages:
        pytest.skip("no language ships a Platt map")
    lang = sorted(languages)[0]
    adapter = model_for(lang)
    paragraphs = ["To jest skandal! Rząd kłamie, a zdrajcy niszczą nasz kraj.",
                  "Posiedzenie rady odbędzie się we wtorek o godzinie 10."]
    raw = adapter.model.predict_proba(paragraphs, [None, None])
    scores = adapter.score(paragraphs, [None, None])
    assert np.allclose(scores.probs, apply_platt(raw, load_platt(lang, models_dir())))
    assert not np.allclose(scores.probs, raw)
    assert (scores.decisions == (raw >= adapter.model.thresholds)).all()


def test_english_map_covers_every_technique():
    meta = json.loads((models_dir() / "techniques_en.json").read_text("utf-8"))
    platt = np.asarray(meta["platt"])
    assert platt.shape == (len(meta["techniques"]), 2)
    assert not any(np.allclose(row, [1.0, 0.0]) for row in platt)   # no technique left uncalibrated
    calibration = meta["validation"]["calibration"]
    assert calibration["cross_fitted"]["ece"] < calibration["raw"]["ece"]

"""Cross-lingual combiner: the arithmetic, fitting on synthetic scores, the shipped file and the runtime path."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinlens.techniques.context import logit
from spinlens.techniques.crosslingual import (
    CROSSLINGUAL_FILE,
    CrossLingualCombiner,
    english_model_digest,
    load_combiner,
)
from spinlens.techniques.encoder import models_dir


def test_combine_is_a_logistic_blend_of_the_two_logits():
    lexical = np.array([[0.2, 0.9], [0.6, 0.1]])
    english = np.array([[0.7, 0.3], [0.5, 0.5]])
    only_lexical = CrossLingualCombiner([0.0, 0.0], [1.0, 1.0], [0.0, 0.0], 0.5)
    assert np.allclose(only_lexical.combine(lexical, english), lexical)
    mixed = CrossLingualCombiner([0.5, -1.0], [1.0, 2.0], [0.5, 1.0], 0.4)
    z = np.array([0.5, -1.0]) + np.array([1.0, 2.0]) * logit(lexical) + np.array([0.5, 1.0]) * logit(english)
    assert np.allclose(mixed.combine(lexical, english), 1 / (1 + np.exp(-z)))
    assert mixed.combine(np.zeros((0, 2)), np.zeros((0, 2))).shape == (0, 2)


def test_bad_shapes_are_named():
    combiner = CrossLingualCombiner([0.0], [1.0], [0.0], 0.5)
    with pytest.raises(ValueError, match=r"\(2, 1\).*\(3, 1\)"):
        combiner.combine(np.zeros((2, 1)), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="inconsistent"):
        CrossLingualCombiner([0.0, 1.0], [1.0], [0.0], 0.5)


def test_json_round_trip_keeps_weights_threshold_and_info():
    combiner = CrossLingualCombiner([0.1, -0.2], [1.5, 0.7], [0.3, 0.0], 0.37, {"C": 0.1})
    again = CrossLingualCombiner.from_json(json.loads(json.dumps(combiner.to_json())))
    assert np.allclose(again.bias, combiner.bias) and np.allclose(again.english, combiner.english)
    assert again.threshold == pytest.approx(0.37) and again.info == {"C": 0.1}


def test_fit_gives_weight_to_the_model_that_carries_the_signal():
    pytest.importorskip("sklearn")
    from spinlens.train.crosslingual import fit_combiner

    rng = np.random.default_rng(0)
    gold = rng.random((600, 2)) < 0.3
    lexical = np.clip(0.3 + rng.normal(0, 0.15, gold.shape), 0.01, 0.99)        # noise
    english = np.clip(np.where(gold, 0.7, 0.3) + rng.normal(0, 0.1, gold.shape), 0.01, 0.99)  # signal
    combiner = fit_combiner(lexical, english, gold, C=1.0)
    assert (combiner.english > 1.0).all() and (np.abs(combiner.lexical) < 0.5).all()
    pred = combiner.combine(lexical, english) >= combiner.threshold
    assert (pred == gold).mean() > 0.9


def test_shipped_combiners_are_well_formed_and_improved_validation():
    path = models_dir() / CROSSLINGUAL_FILE
    if not path.exists():
        pytest.skip("no language ships a cross-lingual combiner")
    from spinlens.techniques.taxonomy import TECHNIQUES

    languages = json.loads(path.read_text("utf-8"))["languages"]
    assert "en" not in languages
    for lang in languages:
        combiner = load_combiner(lang, models_dir())
        assert combiner is not None and len(combiner.bias) == len(TECHNIQUES)
        assert 0.0 < combiner.threshold < 1.0
        assert combiner.info["validation"]["micro_f1"] > 0
        # fitted on the English model shipped beside it (a new English model needs the combiners refitted)
        assert combiner.info["english_model_sha256"] == english_model_digest(models_dir()), lang


def test_model_digest_changes_with_the_model_file(tmp_path):
    (tmp_path / "techniques_en.onnx").write_bytes(b"model one")
    first = english_model_digest(tmp_path)
    (tmp_path / "techniques_en.onnx").write_bytes(b"model two")
    assert first != english_model_digest(tmp_path) and len(first) == 64


def test_adapter_combines_lexical_and_english_head():
    """For a language with a combiner, the adapter's probabilities are the combiner's (then its stacker's)."""
    from spinlens.techniques.encoder import EnglishEncoderModel
    from spinlens.techniques.models import LexicalModelAdapter

    langs = [lang for lang in ("fr", "de", "it", "pl", "ru") if load_combiner(lang, models_dir()) is not None]
    if not langs:
        pytest.skip("no language ships a cross-lingual combiner")
    model = LexicalModelAdapter(langs[0])
    texts = ["Un titre", "Ces criminels menteurs détruisent notre pays !", "La réunion a eu lieu mardi."]
    titles = [None, "Un titre", "Un titre"]
    scores = model.score(texts, titles, ["a", "a", "a"])
    lexical = model.model.predict_proba(texts, titles)
    combined = model.combiner.combine(lexical, EnglishEncoderModel.load(models_dir()).crosslingual_probs(texts, titles))
    expected = model.context.predict_proba(combined, ["a", "a", "a"]) if model.context else combined
    assert np.allclose(scores.probs, expected, atol=1e-6)
    assert not np.allclose(combined, lexical)
    if model.context is None:
        assert (scores.decisions == (combined >= model.combiner.threshold)).all()
    empty = model.score([], [], [])
    assert empty.probs.shape == (0, len(model.labels)) and empty.decisions.shape == (0, len(model.labels))


def test_train_cli_refuses_english_for_the_crosslingual_model(tmp_path):
    pytest.importorskip("sklearn")
    from click.testing import CliRunner

    from spinlens.train.cli import train

    result = CliRunner().invoke(train, ["techniques", "--model", "crosslingual", "--lang", "en",
                                        "--data", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "lexical languages" in result.output


def test_gate_seen_validation_articles_through_the_combiner(shared_data):
    """Cheap gate for each shipped combiner: its first 40 validation paragraphs (seen in the final fit)
    scored through the adapter reach micro-F1 >= 0.5; the honest figure is in the file and the README."""
    from spinlens.techniques.models import LexicalModelAdapter
    from spinlens.train.data import is_validation, load_st3

    path = models_dir() / CROSSLINGUAL_FILE
    langs = sorted(json.loads(path.read_text("utf-8"))["languages"]) if path.exists() else []
    if not langs:
        pytest.skip("no language ships a cross-lingual combiner")
    for lang in langs:
        model = LexicalModelAdapter(lang)
        paragraphs = [p for p in load_st3(shared_data, lang) if p.text.strip()]
        first: dict[str, int] = {}
        for p in paragraphs:
            first[p.article_id] = min(p.no, first.get(p.article_id, p.no))
        title = {p.article_id: p.text for p in paragraphs if p.no == first[p.article_id]}
        val = sorted((p for p in paragraphs if is_validation(p.article_id)), key=lambda p: (p.article_id, p.no))[:40]
        scores = model.score([p.text for p in val], [None if p.no == first[p.article_id] else title[p.article_id]
                                                     for p in val], [p.article_id for p in val])
        gold = np.array([[name in p.labels for name in model.labels] for p in val])
        f1 = 2 * np.sum(scores.decisions & gold) / (scores.decisions.sum() + gold.sum())
        assert f1 >= 0.5, f"{lang}: micro-F1 {f1:.3f} on 40 seen validation paragraphs"


def test_context_write_leaves_languages_with_a_combiner_to_the_crosslingual_trainer(tmp_path):
    from spinlens.train.context import write_shipped

    (tmp_path / CROSSLINGUAL_FILE).write_text(json.dumps(
        {"languages": {"fr": CrossLingualCombiner([0.0], [1.0], [0.5], 0.3).to_json()}}))
    path = tmp_path / "techniques_context.json"
    report = {"ship": {"bias": [0.0]}, "stacked": {"micro_f1": 0.5, "macro_f1": 0.2},
              "baseline": {"micro_f1": 0.4, "macro_f1": 0.2}}
    shipped = write_shipped({"fr": report, "de": report}, path)
    assert list(shipped["languages"]) == ["de"]


def test_english_head_cache_is_reused_only_for_the_same_model(tmp_path, monkeypatch):
    """The cached English probabilities carry the model's digest; a cache of another model is recomputed."""
    pytest.importorskip("sklearn")
    import spinlens.train.lexical as lexical
    from spinlens.train.crosslingual import english_head_probs

    models = tmp_path / "models"
    models.mkdir()
    (models / "techniques_en.onnx").write_bytes(b"a model")
    monkeypatch.setenv("SPINLENS_MODELS", str(models))
    ids, probs = np.array(["a:1", "a:2"]), np.array([[0.1], [0.9]])
    np.savez(tmp_path / "english_fr.npz", ids=ids, probs=probs, digest=english_model_digest(models))
    got_ids, got_probs = english_head_probs(tmp_path / "data", "fr", tmp_path)
    assert got_ids.tolist() == ids.tolist() and np.allclose(got_probs, probs)

    class Recomputed(Exception):
        pass

    def recompute(root):
        raise Recomputed

    monkeypatch.setattr(lexical, "techniques", recompute)
    (models / "techniques_en.onnx").write_bytes(b"another model")
    with pytest.raises(Recomputed):
        english_head_probs(tmp_path / "data", "fr", tmp_path)


def _tiny_english_model(path, heads: dict[str, float]) -> None:
    """An ONNX graph with the English model's inputs: each paragraph output named in `heads` is its scale
    times the number of tokens (the same for every technique); token logits are the mask times 0.5."""
    import onnx
    from onnx import TensorProto, helper

    nodes = [helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
             helper.make_node("ReduceSum", ["mask", "axis"], ["length"], keepdims=1),
             helper.make_node("Unsqueeze", ["mask", "last"], ["mask3"]),
             helper.make_node("Mul", ["mask3", "token_scale"], ["token_logits"])]
    init = [helper.make_tensor("axis", TensorProto.INT64, [1], [1]),
            helper.make_tensor("last", TensorProto.INT64, [1], [-1]),
            helper.make_tensor("token_scale", TensorProto.FLOAT, [14], [0.5] * 14)]
    outputs = [helper.make_tensor_value_info("token_logits", TensorProto.FLOAT, ["batch", "sequence", 14])]
    for name, scale in heads.items():
        nodes.append(helper.make_node("Mul", ["length", f"{name}_scale"], [name]))
        init.append(helper.make_tensor(f"{name}_scale", TensorProto.FLOAT, [23], [scale] * 23))
        outputs.insert(0, helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", 23]))
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
              for n in ("input_ids", "attention_mask", "token_type_ids")]
    graph = helper.make_graph(nodes, "tiny", inputs, outputs, init)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), str(path))


@pytest.mark.parametrize("second_head", [True, False])
def test_crosslingual_probs_read_the_cross_entropy_head_when_the_model_has_one(tmp_path, second_head):
    """A model trained with `--crosslingual-head` has a third output that the combiners read; the
    techniques and spans still come from the paragraph head; a model without it is read as before."""
    pytest.importorskip("onnx")
    from spinlens.techniques.encoder import EnglishEncoderModel

    heads = {"paragraph_logits": -0.1} | ({"crosslingual_logits": 0.05} if second_head else {})
    _tiny_english_model(tmp_path / "tiny.onnx", heads)
    meta = json.loads((models_dir() / "techniques_en.json").read_text("utf-8"))
    model = EnglishEncoderModel(tmp_path / "tiny.onnx", meta, models_dir() / "tokenizer_en.json")
    texts, titles = ["The meeting took place on Tuesday.", "Lies!"], ["A title", None]
    lengths = np.array([len(w.ids) for w in sorted(model._windows(texts, titles), key=lambda w: w.paragraph)])
    paragraph, token_probs, _ = model.run(texts, titles)
    assert np.allclose(paragraph, 1 / (1 + np.exp(0.1 * lengths[:, None])), atol=1e-5)
    assert np.allclose(token_probs[0], 1 / (1 + np.exp(-0.5)), atol=1e-5)
    crosslingual = model.crosslingual_probs(texts, titles)
    if second_head:
        assert model.crosslingual_output == "crosslingual_logits"
        assert np.allclose(crosslingual, 1 / (1 + np.exp(-0.05 * lengths[:, None])), atol=1e-5)
    else:
        assert model.crosslingual_output == "paragraph_logits"
        assert np.allclose(crosslingual, paragraph)


def test_a_grafted_model_reads_the_crosslingual_head_in_its_base_windows(tmp_path):
    """A grafted model (`spinlens.train.branch`) may read English in longer windows than its base: the
    cross-lingual output keeps the base's window (`crosslingual_max_len`), which its combiners were fitted on."""
    pytest.importorskip("onnx")
    from spinlens.techniques.encoder import EnglishEncoderModel

    _tiny_english_model(tmp_path / "tiny.onnx", {"paragraph_logits": 0.01, "crosslingual_logits": 0.01})
    meta = json.loads((models_dir() / "techniques_en.json").read_text("utf-8")) | {"max_len": 256,
                                                                                 "crosslingual_max_len": 40}
    model = EnglishEncoderModel(tmp_path / "tiny.onnx", meta, models_dir() / "tokenizer_en.json")
    text = " ".join(f"word{i} is here" for i in range(40))  # well over 40 tokens, under 256
    tokens = len(model.tokenizer.encode(text, add_special_tokens=False).ids)
    assert 40 < tokens + 2 <= 256
    paragraph, _, _ = model.run([text], [None])
    crosslingual = model.crosslingual_probs([text], [None])
    assert np.allclose(paragraph, 1 / (1 + np.exp(-0.01 * (tokens + 2))), atol=1e-5)  # one window, all of it
    assert np.allclose(crosslingual, 1 / (1 + np.exp(-0.01 * 40)), atol=1e-5)  # the longest 40-token window
    del meta["crosslingual_max_len"]
    plain = EnglishEncoderModel(tmp_path / "tiny.onnx", meta, models_dir() / "tokenizer_en.json")
    assert np.allclose(plain.crosslingual_probs([text], [None]), paragraph, atol=1e-5)


def test_a_refit_that_gives_back_the_shipped_combiner_counts_as_the_same():
    """`spinlens.train.crosslingual --write` re-pins a combiner to a new English file only when the refit
    gives back its weights (as stored) and threshold: a new file whose cross-lingual output did not change."""
    from spinlens.techniques.crosslingual import CrossLingualCombiner
    from spinlens.train.crosslingual import _same_weights

    shipped = CrossLingualCombiner([0.1, -2.0], [1.5, 1.2], [0.3, 0.8], 0.35, {"english_model_sha256": "old"})
    refit = CrossLingualCombiner([0.1000001, -2.0], [1.5, 1.2], [0.3, 0.8], 0.35, {"english_model_sha256": "new"})
    assert _same_weights(shipped, refit)
    assert not _same_weights(shipped, CrossLingualCombiner([0.1, -2.0], [1.5, 1.2], [0.3, 0.81], 0.35))
    assert not _same_weights(shipped, CrossLingualCombiner([0.1, -2.0], [1.5, 1.2], [0.3, 0.8], 0.4))
    assert not _same_weights(None, refit)

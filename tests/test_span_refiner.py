"""Attaching the span refiner to the English model file (`spinlens.train.span_refiner.attach`): the new
`token_logits` must read the grafted part's hidden states and the base span head's logits, and every other
output must stay exactly what it was. Plain ONNX graphs; training and export need torch."""

from __future__ import annotations

import json

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")

from onnx import TensorProto, helper  # noqa: E402

from spinlens.train.span_refiner import GRAFT_LAST_HIDDEN, attach  # noqa: E402

SIZE = 5


def _matrix(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(SIZE, SIZE)).astype(np.float32)


def _save(path, nodes, inputs, outputs, initializers) -> None:
    def info(name):
        return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["b", SIZE])

    weights = [helper.make_tensor(n, TensorProto.FLOAT, [SIZE, SIZE], _matrix(s).ravel().tolist())
               for n, s in initializers]
    graph = helper.make_graph(nodes, "g", [info(n) for n in inputs], [info(n) for n in outputs], weights)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), str(path))


def _shipped(path) -> None:
    """x -> base hidden -> span head and cross-lingual head; x -> grafted hidden -> paragraph head."""
    nodes = [helper.make_node("MatMul", ["x", "base_w"], ["base_hidden"], name="base_layers"),
             helper.make_node("MatMul", ["base_hidden", "token_w"], ["token_logits"], name="span_head"),
             helper.make_node("MatMul", ["base_hidden", "cross_w"], ["crosslingual_logits"], name="cross_head"),
             helper.make_node("MatMul", ["x", "graft_w"], [GRAFT_LAST_HIDDEN], name="graft_layers"),
             helper.make_node("MatMul", [GRAFT_LAST_HIDDEN, "para_w"], ["paragraph_logits"], name="para_head")]
    _save(path, nodes, ["x", "attention_mask"], ["paragraph_logits", "token_logits", "crosslingual_logits"],
          [("base_w", 1), ("token_w", 2), ("cross_w", 3), ("graft_w", 4), ("para_w", 5)])


def _head(path) -> None:
    """token_logits = 0.5 * base_logits + (hidden_states @ w) * attention_mask (its weight also named w)."""
    nodes = [helper.make_node("MatMul", ["hidden_states", "w"], ["own"], name="project"),
             helper.make_node("Mul", ["own", "attention_mask"], ["masked"], name="mask"),
             helper.make_node("Constant", [], ["half"], value=helper.make_tensor("v", TensorProto.FLOAT, [], [0.5])),
             helper.make_node("Mul", ["base_logits", "half"], ["scaled"], name="scale"),
             helper.make_node("Add", ["scaled", "masked"], ["token_logits"], name="mix")]
    _save(path, nodes, ["hidden_states", "attention_mask", "base_logits"], ["token_logits"], [("w", 6)])


def _run(path, output, feeds):
    import onnxruntime as ort

    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run([output], feeds)[0]


def test_attach_replaces_the_span_output_only_reading_the_grafted_states_and_the_base_span_head(tmp_path):
    _shipped(tmp_path / "model.onnx")
    _head(tmp_path / "head.onnx")
    out = attach(tmp_path / "model.onnx", tmp_path / "head.onnx", tmp_path / "refined.onnx")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, SIZE)).astype(np.float32)
    mask = (rng.random((3, SIZE)) > 0.3).astype(np.float32)
    feeds = {"x": x, "attention_mask": mask}
    for output in ("paragraph_logits", "crosslingual_logits"):
        assert np.array_equal(_run(out, output, feeds), _run(tmp_path / "model.onnx", output, feeds))
    base_logits = x @ _matrix(1) @ _matrix(2)
    expected = 0.5 * base_logits + (x @ _matrix(4) @ _matrix(6)) * mask
    np.testing.assert_allclose(_run(out, "token_logits", feeds), expected, rtol=1e-5, atol=1e-5)
    assert not np.allclose(_run(out, "token_logits", feeds), _run(tmp_path / "model.onnx", "token_logits", feeds))
    model = onnx.load(str(out))
    assert {"token_w", "spans/w", "graft_w", "cross_w"} <= {i.name for i in model.graph.initializer}
    assert sorted(o.name for o in model.graph.output) == ["crosslingual_logits", "paragraph_logits", "token_logits"]


def test_attach_refuses_a_model_without_a_grafted_upper_part(tmp_path):
    nodes = [helper.make_node("MatMul", ["x", "w"], ["token_logits"], name="span_head")]
    _save(tmp_path / "plain.onnx", nodes, ["x", "attention_mask"], ["token_logits"], [("w", 1)])
    _head(tmp_path / "head.onnx")
    with pytest.raises(ValueError, match="layer.5"):
        attach(tmp_path / "plain.onnx", tmp_path / "head.onnx", tmp_path / "refined.onnx")


def _cache(hot_word: str) -> dict:
    """Eight one-paragraph articles whose gold span is "beta"; the model is confident on `hot_word` only."""
    from spinlens.train.joint_en import PTC_CLASSES

    text = "alpha beta gamma delta"
    offsets = [(0, 5), (6, 10), (11, 16), (17, 22)]
    loaded = PTC_CLASSES.index("Loaded_Language")
    probs = np.full((4, len(PTC_CLASSES)), 0.01)
    probs[[text[s:e] for s, e in offsets].index(hot_word), loaded] = 0.9
    return {str(n): {"text": text, "gold": [("Loaded_Language", 6, 10)], "offsets": [(0, len(text))],
                     "token_probs": [probs], "token_offsets": [offsets]} for n in range(1, 9)}


@pytest.mark.parametrize("nested", [False, True])
def test_cross_fit_chooses_the_better_variant_on_each_half_and_scores_it_on_the_other(nested):
    from spinlens.techniques.metrics import hash_half
    from spinlens.train.joint_en import PTC_CLASSES
    from spinlens.train.spans_en import SHIPPED, cross_fit

    caches = {SHIPPED: _cache("delta"), "refined": _cache("beta")}
    assert {hash_half(a) for a in caches[SHIPPED]} == {0, 1}
    result = cross_fit(caches, [{"keep": 1.0, "gap": 0}], (False,), PTC_CLASSES, nested)
    assert result["chosen"]["variant"] == "refined"
    assert {half["variant"] for half in result["chosen_per_half"].values()} == {"refined"}
    assert result["cross_fitted"]["span_f1"] == pytest.approx(1.0)
    shipped_only = cross_fit({SHIPPED: caches[SHIPPED]}, [{"keep": 1.0, "gap": 0}], (False,), PTC_CLASSES)
    assert shipped_only["cross_fitted"]["span_f1"] == pytest.approx(0.0)


def test_random_half_splits_are_balanced_seeded_and_rerun_the_whole_choice():
    from spinlens.train.joint_en import PTC_CLASSES
    from spinlens.train.spans_en import SHIPPED, random_halves, random_split_figures

    articles = [str(n) for n in range(1, 10)]
    first, again, other = random_halves(articles, 0), random_halves(articles, 0), random_halves(articles, 1)
    assert first == again and first != other and sorted(first) == articles
    assert sorted(first.values()).count(0) == 4  # 9 articles: 4 and 5
    caches = {SHIPPED: _cache("delta"), "refined": _cache("beta")}
    rows = random_split_figures(caches, [{"keep": 1.0, "gap": 0}], range(3), PTC_CLASSES)
    assert [row["seed"] for row in rows] == [0, 1, 2]
    assert all(row["span_f1"] == pytest.approx(1.0) for row in rows)
    wrong = random_split_figures({SHIPPED: _cache("delta")}, [{"keep": 1.0, "gap": 0}], range(2), PTC_CLASSES)
    assert all(row["span_f1"] == pytest.approx(0.0) for row in wrong)


def test_cross_fit_refuses_caches_of_different_articles():
    from spinlens.train.joint_en import PTC_CLASSES
    from spinlens.train.spans_en import cross_fit

    other = _cache("beta")
    other.pop("3")
    with pytest.raises(ValueError, match="other articles"):
        cross_fit({"a": _cache("delta"), "b": other}, [{"keep": 1.0, "gap": 0}], (False,), PTC_CLASSES)


def test_inner_value_scores_thresholds_out_of_sample():
    from spinlens.train.joint_en import PTC_CLASSES
    from spinlens.techniques.encoder import SpanDecoder
    from spinlens.train.spans_en import class_predictions, inner_value

    decoder = SpanDecoder.from_meta({"ptc_classes": PTC_CLASSES, "spans": {"keep": 1.0, "gap": 0}})
    for hot, expected in (("beta", 2.0), ("delta", 0.0)):  # span F1 + technique-aware F1
        cache = _cache(hot)
        gold = {a: item["gold"] for a, item in cache.items()}
        value = inner_value(class_predictions(cache, decoder), gold, sorted(cache), len(PTC_CLASSES), False)
        assert value == pytest.approx(expected)


def test_the_refiner_is_not_trained_on_a_model_that_already_has_one(tmp_path):
    """Its states would come from a file whose span output is already refined: refused, naming the file."""
    import json

    from spinlens.techniques.encoder import models_dir
    from spinlens.train.span_refiner import main

    shipped = json.loads((models_dir() / "techniques_en.json").read_text("utf-8"))
    (tmp_path / "techniques_en.json").write_text(json.dumps(shipped | {"span_refiner": {"mix": 0.7}}))
    with pytest.raises(SystemExit, match="already has a span refiner"):
        main(["--out", str(tmp_path / "out"), "--model", str(tmp_path / "techniques_en.onnx"), "--data", str(tmp_path)])


def test_writing_new_knobs_drops_the_span_calibration_fitted_for_the_old_ones(tmp_path):
    from spinlens.train.joint_en import PTC_CLASSES
    from spinlens.train.spans_en import SHIPPED, cross_fit, write_meta

    result = cross_fit({SHIPPED: _cache("beta")}, [{"keep": 1.0, "gap": 0}], (False,), PTC_CLASSES)
    path = tmp_path / "techniques_en.json"
    path.write_text(json.dumps({"ptc_classes": PTC_CLASSES, "other": 1,
                                "spans": {"thresholds": [0.5] * len(PTC_CLASSES), "calibration": [1, 1, 0, 0]},
                                "validation": {"span_score_calibration": {"spans": 3}, "micro_f1": 0.4}}))
    meta = write_meta(result, path)
    assert json.loads(path.read_text()) == meta
    assert "calibration" not in meta["spans"] and "span_score_calibration" not in meta["validation"]
    assert meta["other"] == 1 and meta["validation"]["micro_f1"] == 0.4
    assert meta["validation"]["span_f1"] == pytest.approx(1.0)

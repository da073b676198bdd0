"""Grafting a retrained upper part beside the base model (`spinlens.train.branch.graft`): the base's
cross-lingual output must stay exactly what the French and German combiners were fitted on, and the new
heads must read the base's shared lower part. Plain ONNX graphs; the export itself needs torch."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")

from onnx import TensorProto, helper  # noqa: E402

from spinlens.train.branch import graft, hidden_state_name  # noqa: E402

SIZE = 6


def _matrix(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(SIZE, SIZE)).astype(np.float32)


def _weights(name: str, seed: int):
    return helper.make_tensor(name, TensorProto.FLOAT, [SIZE, SIZE], _matrix(seed).ravel().tolist())


def _save(path, nodes, inputs, outputs, initializers) -> None:
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["b", SIZE])
                                           for n in inputs],
                              [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["b", SIZE]) for n in outputs],
                              initializers)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), str(path))


def _base(path, layer: int = 3) -> None:
    """x -> hidden (the tensor name the exporter gives layer `layer`'s output) -> three heads."""
    hidden = hidden_state_name(layer)
    nodes = [helper.make_node("MatMul", ["x", "w"], [hidden], name="lower"),
             helper.make_node("Mul", [hidden, "attention_mask"], ["masked"], name="mask"),
             helper.make_node("MatMul", ["masked", "cross"], ["crosslingual_logits"], name="cross_head"),
             helper.make_node("MatMul", [hidden, "old_paragraph"], ["paragraph_logits"], name="old_head"),
             helper.make_node("MatMul", [hidden, "old_token"], ["token_logits"], name="old_token_head")]
    _save(path, nodes, ["x", "attention_mask"], ["paragraph_logits", "token_logits", "crosslingual_logits"],
          [_weights("w", 1), _weights("cross", 2), _weights("old_paragraph", 3), _weights("old_token", 4)])


def _upper(path) -> None:
    """hidden_states -> a new layer (its weight also named `w`, as exports name them) -> two new heads."""
    nodes = [helper.make_node("MatMul", ["hidden_states", "w"], ["h"], name="layer"),
             helper.make_node("Relu", ["h"], ["r"], name="act"),
             helper.make_node("MatMul", ["r", "paragraph"], ["paragraph_logits"], name="head"),
             helper.make_node("Mul", ["r", "attention_mask"], ["token_logits"], name="token_head")]
    _save(path, nodes, ["hidden_states", "attention_mask"], ["paragraph_logits", "token_logits"],
          [_weights("w", 5), _weights("paragraph", 6)])


def _run(path, output, feeds):
    import onnxruntime as ort

    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run([output], feeds)[0]


def test_graft_keeps_the_base_crosslingual_output_and_feeds_the_new_heads_the_shared_hidden_state(tmp_path):
    _base(tmp_path / "base.onnx")
    _upper(tmp_path / "upper.onnx")
    graft(tmp_path / "base.onnx", tmp_path / "upper.onnx", 3, tmp_path / "grafted.onnx")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, SIZE)).astype(np.float32)
    mask = (rng.random((4, SIZE)) > 0.3).astype(np.float32)
    feeds = {"x": x, "attention_mask": mask}
    grafted = tmp_path / "grafted.onnx"
    assert np.array_equal(_run(grafted, "crosslingual_logits", feeds),
                          _run(tmp_path / "base.onnx", "crosslingual_logits", feeds))
    hidden = x @ _matrix(1)  # the base lower part: x @ w
    upper = {"hidden_states": hidden, "attention_mask": mask}
    for output in ("paragraph_logits", "token_logits"):
        np.testing.assert_allclose(_run(grafted, output, feeds), _run(tmp_path / "upper.onnx", output, upper),
                                   rtol=1e-5, atol=1e-5)
    assert not np.allclose(_run(grafted, "paragraph_logits", feeds),
                           _run(tmp_path / "base.onnx", "paragraph_logits", feeds))
    model = onnx.load(str(grafted))
    names = {i.name for i in model.graph.initializer}
    assert {"w", "cross", "branch/w", "branch/paragraph"} <= names
    assert not names & {"old_paragraph", "old_token"}, "the base's replaced heads are dropped"
    assert sorted(o.name for o in model.graph.output) == ["crosslingual_logits", "paragraph_logits", "token_logits"]
    assert [i.name for i in model.graph.input] == ["x", "attention_mask"]


def test_graft_refuses_a_base_without_the_shared_hidden_state(tmp_path):
    _base(tmp_path / "base.onnx", layer=2)
    _upper(tmp_path / "upper.onnx")
    with pytest.raises(ValueError, match="layer.3"):
        graft(tmp_path / "base.onnx", tmp_path / "upper.onnx", 3, tmp_path / "grafted.onnx")


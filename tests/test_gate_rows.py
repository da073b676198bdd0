"""Gating the English model's grafted part by batch rows (`spinlens.train.gate_rows`): with every row the
outputs are exactly the ungated file's; with one row the cross-lingual output is unchanged while the grafted
part computes one row only. Plain ONNX graphs, and the shipped file itself."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")

from onnx import TensorProto, helper  # noqa: E402

from spinlens.techniques.encoder import ROWS_INPUT, model_feeds  # noqa: E402
from spinlens.train.gate_rows import gate_rows  # noqa: E402

SIZE = 4


def _grafted(path) -> None:
    """A shared lower part; the base's span and cross-lingual heads; a grafted part ("branch/") with the
    paragraph head; a refiner ("spans/") mixing its states, the attention mask and the base's span logits."""
    rng = np.random.default_rng(0)
    names = ["lower_w", "span_w", "cross_w", "graft_w", "para_w", "refine_w"]
    weights = [helper.make_tensor(n, TensorProto.FLOAT, [SIZE, SIZE], rng.normal(size=SIZE * SIZE).tolist())
               for n in names]
    nodes = [helper.make_node("MatMul", ["x", "lower_w"], ["lower"], name="lower"),
             helper.make_node("MatMul", ["lower", "span_w"], ["base/token_logits"], name="span_head"),
             helper.make_node("MatMul", ["lower", "cross_w"], ["crosslingual_logits"], name="cross_head"),
             helper.make_node("MatMul", ["lower", "graft_w"], ["branch/hidden"], name="branch/layers"),
             helper.make_node("MatMul", ["branch/hidden", "para_w"], ["paragraph_logits"], name="branch/head"),
             helper.make_node("MatMul", ["branch/hidden", "refine_w"], ["spans/own"], name="spans/project"),
             helper.make_node("Mul", ["spans/own", "attention_mask"], ["spans/masked"], name="spans/mask"),
             helper.make_node("Constant", [], ["two"], name="two",  # not batch-major: must not be gathered
                              value=helper.make_tensor("v", TensorProto.FLOAT, [], [2.0])),
             helper.make_node("Mul", ["spans/masked", "two"], ["spans/scaled"], name="spans/scale"),
             helper.make_node("Add", ["spans/scaled", "base/token_logits"], ["token_logits"], name="spans/mix")]

    def info(name):
        return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", SIZE])

    graph = helper.make_graph(nodes, "g", [info("x"), info("attention_mask")],
                              [info(n) for n in ("paragraph_logits", "token_logits", "crosslingual_logits")], weights)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), str(path))


def _run(path, feeds):
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return dict(zip([o.name for o in session.get_outputs()], session.run(None, feeds)))


def test_every_row_gives_the_ungated_outputs_and_one_row_keeps_the_crosslingual_output(tmp_path):
    _grafted(tmp_path / "model.onnx")
    gated = gate_rows(tmp_path / "model.onnx", tmp_path / "gated.onnx")
    rng = np.random.default_rng(1)
    feeds = {"x": rng.normal(size=(3, SIZE)).astype(np.float32),
             "attention_mask": (rng.random((3, SIZE)) > 0.3).astype(np.float32)}
    before = _run(tmp_path / "model.onnx", feeds)
    every = _run(gated, feeds | {ROWS_INPUT: np.arange(3)})
    assert all(np.array_equal(before[name], every[name]) for name in before)
    one = _run(gated, feeds | {ROWS_INPUT: np.array([2])})
    assert np.array_equal(one["crosslingual_logits"], before["crosslingual_logits"])
    assert one["paragraph_logits"].shape == (1, SIZE) and one["token_logits"].shape == (1, SIZE)
    assert np.array_equal(one["paragraph_logits"][0], before["paragraph_logits"][2])
    assert np.array_equal(one["token_logits"][0], before["token_logits"][2])  # mask and base logits gathered too


def test_gating_is_refused_twice_and_on_a_model_without_a_grafted_part(tmp_path):
    _grafted(tmp_path / "model.onnx")
    gate_rows(tmp_path / "model.onnx", tmp_path / "gated.onnx")
    with pytest.raises(ValueError, match="already has"):
        gate_rows(tmp_path / "gated.onnx", tmp_path / "twice.onnx")
    with pytest.raises(ValueError, match="not a grafted English model"):
        gate_rows(tmp_path / "model.onnx", tmp_path / "none.onnx", prefixes=("nothing/",))


def test_feeds_name_rows_only_for_a_model_that_reads_them():
    ids = np.zeros((3, 5), dtype=np.int64)
    assert ROWS_INPUT not in model_feeds({"input_ids"}, ids, ids, ids)
    assert model_feeds({ROWS_INPUT}, ids, ids, ids)[ROWS_INPUT].tolist() == [0, 1, 2]
    assert model_feeds({ROWS_INPUT}, ids, ids, ids, all_rows=False)[ROWS_INPUT].tolist() == [0]


def test_the_shipped_model_gives_the_same_crosslingual_output_with_and_without_its_grafted_part():
    from spinlens.techniques.encoder import CROSSLINGUAL_OUTPUT, EnglishEncoderModel, models_dir

    model = EnglishEncoderModel.load(models_dir())
    assert ROWS_INPUT in model.input_names
    texts = ["Le gouvernement ment au peuple, une honte absolue !", "Die Regierung lügt.", "A calm budget report."]
    alone = model.crosslingual_probs(texts)
    with_spans = model.run(texts, output=CROSSLINGUAL_OUTPUT)[0]  # every row: grafted part computed too
    assert alone.shape == (3, len(model.labels)) and np.array_equal(alone, with_spans)

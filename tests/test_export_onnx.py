"""The int8 export: dynamic int8 everywhere, except the feed-forward MatMuls, which are quantised weight-only
(8-bit weights, fp32 activations). The rest of the export needs torch."""

from __future__ import annotations

import numpy as np
import pytest

LAYER = "/inner/encoder/encoder/layer.{}/{}/MatMul"
NAMES = [LAYER.format(0, "attention/self/query"), LAYER.format(0, "intermediate/dense"),
         LAYER.format(0, "output/dense"), LAYER.format(0, "attention/output/dense"),
         LAYER.format(1, "intermediate/dense"), LAYER.format(1, "output/dense")]


def _matmul_graph(path, names: list[str], size: int = 64) -> None:
    """A chain of MatMul nodes with random size x size weights, named as the exported encoder names them."""
    import onnx
    from onnx import TensorProto, helper

    rng = np.random.default_rng(0)
    nodes, init, previous = [], [], "x"
    for k, name in enumerate(names):
        weights = rng.normal(0, 1 / np.sqrt(size), (size, size)).astype(np.float32)
        init.append(helper.make_tensor(f"w{k}", TensorProto.FLOAT, [size, size], weights.ravel().tolist()))
        nodes.append(helper.make_node("MatMul", [previous, f"w{k}"], [f"y{k}"], name=name))
        previous = f"y{k}"
    graph = helper.make_graph(nodes, "chain", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, size])],
                              [helper.make_tensor_value_info(previous, TensorProto.FLOAT, [3, size])], init)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), str(path))


def test_weight_only_nodes_are_the_feed_forward_matmuls(tmp_path):
    pytest.importorskip("onnx")
    from spinlens.train.export_onnx import weight_only_nodes

    upper = ["/layer.4/attention/self/query/MatMul", "/layer.4/intermediate/dense/MatMul"]  # a grafted upper part
    _matmul_graph(tmp_path / "chain.onnx", NAMES + upper)
    assert weight_only_nodes(tmp_path / "chain.onnx") == [NAMES[1], NAMES[2], NAMES[4], NAMES[5], upper[1]]


def test_quantize_int8_makes_the_feed_forward_blocks_weight_only_and_the_rest_dynamic(tmp_path):
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnx_ir")
    import onnxruntime as ort

    from spinlens.train.export_onnx import quantize_int8

    _matmul_graph(tmp_path / "chain.onnx", NAMES)
    quantize_int8(tmp_path / "chain.onnx", tmp_path / "int8.onnx")
    nodes = onnx.load(str(tmp_path / "int8.onnx")).graph.node
    weight_only = [n for n in nodes if n.op_type == "MatMulNBits"]
    assert sorted(n.name.split("_Q")[0] for n in weight_only) == sorted([NAMES[1], NAMES[2], NAMES[4], NAMES[5]])
    assert all(next(a.i for a in n.attribute if a.name == "bits") == 8 for n in weight_only)
    dynamic = [n for n in nodes if n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul")]
    assert len(dynamic) == 2
    assert not (tmp_path / "int8.dynamic.onnx").exists()
    x = np.random.default_rng(1).normal(size=(3, 64)).astype(np.float32)
    exact = ort.InferenceSession(str(tmp_path / "chain.onnx")).run(None, {"x": x})[0]
    approx = ort.InferenceSession(str(tmp_path / "int8.onnx")).run(None, {"x": x})[0]
    assert np.abs(approx - exact).max() < 0.05 * np.abs(exact).max()


def test_quantize_weight_only_takes_the_layer_matmuls_in_four_bits_and_leaves_the_heads(tmp_path):
    """A grafted upper part (`--graft-bits 4`): every layer MatMul 4-bit weight-only, the heads as exported."""
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnx_ir")
    import onnxruntime as ort

    from spinlens.train.export_onnx import quantize_weight_only

    names = [LAYER.format(4, "attention/self/query"), LAYER.format(4, "intermediate/dense"), "/token_head/MatMul"]
    _matmul_graph(tmp_path / "chain.onnx", names)
    quantize_weight_only(tmp_path / "chain.onnx", tmp_path / "q4.onnx", bits=4, block=32)
    nodes = onnx.load(str(tmp_path / "q4.onnx")).graph.node
    packed = {n.name.split("_Q")[0]: next(a.i for a in n.attribute if a.name == "bits")
              for n in nodes if n.op_type == "MatMulNBits"}
    assert packed == {names[0]: 4, names[1]: 4}
    assert [n.name for n in nodes if n.op_type == "MatMul"] == [names[2]]
    x = np.random.default_rng(1).normal(size=(3, 64)).astype(np.float32)
    exact = ort.InferenceSession(str(tmp_path / "chain.onnx")).run(None, {"x": x})[0]
    approx = ort.InferenceSession(str(tmp_path / "q4.onnx")).run(None, {"x": x})[0]
    assert np.abs(approx - exact).max() < 0.25 * np.abs(exact).max()


@pytest.mark.parametrize("rows", [128, 100])
def test_dequantized_weights_are_what_the_4_bit_matmul_computes_with(tmp_path, rows):
    """Training against the 4-bit quantisation is only right if its emulation matches onnxruntime's exactly:
    multiplying by the identity reads the quantised MatMul's weights back (a partial last block included)."""
    pytest.importorskip("onnx")
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    from spinlens.train.export_onnx import dequantized_weights, quantize_weight_only

    weights = (np.random.default_rng(1).normal(size=(rows, 48)) * 0.05).astype(np.float32)
    weights[:64, 3] = 0.0  # an all-zero block
    node = helper.make_node("MatMul", ["x", "w"], ["y"], name="/inner/encoder/encoder/layer.2/intermediate/dense/MatMul")
    graph = helper.make_graph([node], "one", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, rows])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 48])],
                              [numpy_helper.from_array(weights, "w")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), tmp_path / "a.onnx")
    quantize_weight_only(tmp_path / "a.onnx", tmp_path / "b.onnx", 4, 64)
    assert [n.op_type for n in onnx.load(tmp_path / "b.onnx").graph.node] == ["MatMulNBits"]
    session = ort.InferenceSession(str(tmp_path / "b.onnx"), providers=["CPUExecutionProvider"])
    read_back = session.run(None, {"x": np.eye(rows, dtype=np.float32)})[0]
    emulated = dequantized_weights(weights, 4, 64)
    assert np.abs(read_back - weights).max() > 1e-3  # the quantisation does change the weights
    np.testing.assert_allclose(emulated, read_back, rtol=0, atol=1e-7)

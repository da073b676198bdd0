"""The int8 export keeps the first layer's feed-forward MatMuls in fp32 (the rest of the export needs torch)."""

from __future__ import annotations

import numpy as np
import pytest


def _matmul_graph(path, names: list[str]) -> None:
    """A chain of MatMul nodes with 4x4 weights, named as the exported encoder names them."""
    import onnx
    from onnx import TensorProto, helper

    nodes, init, previous = [], [], "x"
    for k, name in enumerate(names):
        init.append(helper.make_tensor(f"w{k}", TensorProto.FLOAT, [4, 4], np.eye(4).ravel().tolist()))
        nodes.append(helper.make_node("MatMul", [previous, f"w{k}"], [f"y{k}"], name=name))
        previous = f"y{k}"
    graph = helper.make_graph(nodes, "chain", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
                              [helper.make_tensor_value_info(previous, TensorProto.FLOAT, [1, 4])], init)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), str(path))


def test_fp32_nodes_are_the_first_layers_feed_forward_matmuls(tmp_path):
    pytest.importorskip("onnx")
    from spinlens.train.export_onnx import fp32_nodes

    layer = "/inner/encoder/encoder/layer.{}/{}/MatMul"
    names = [layer.format(0, "attention/self/query"), layer.format(0, "intermediate/dense"),
             layer.format(0, "output/dense"), layer.format(0, "attention/output/dense"),
             layer.format(1, "intermediate/dense"), layer.format(1, "output/dense")]
    _matmul_graph(tmp_path / "chain.onnx", names)
    assert fp32_nodes(tmp_path / "chain.onnx") == [names[1], names[2]]

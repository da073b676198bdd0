"""Let the English model skip its grafted upper part when only the cross-lingual output is wanted.

The shipped English file runs two upper parts on one shared first layer (`spinlens.train.branch`): the
base's (span head, cross-lingual head) and the grafted one (paragraph head, and the span refiner reading it).
onnxruntime computes every node of a graph whatever outputs are fetched, so French and German articles, which
read only `crosslingual_logits`, paid for both. This step adds an input `rows` (int64, 1-D): the batch rows the
grafted part and the refiner compute, by a Gather on the batch axis of each tensor they read from the rest of
the graph. The runtime passes every row for English (outputs bit-identical to the file without the input:
the same kernels on the same values) and one row for the cross-lingual output, whose value does not depend
on `rows` at all.

    python -m spinlens.train.gate_rows MODEL.onnx OUT.onnx
"""

from __future__ import annotations

from pathlib import Path

from spinlens.techniques.encoder import ROWS_INPUT
from spinlens.train.branch import PREFIX
from spinlens.train.span_refiner import REFINER_PREFIX

#: Name prefixes of the nodes that compute only the rows named by `rows`: the grafted upper part and the span
#: refiner.
GATED_PREFIXES = (PREFIX, REFINER_PREFIX)
#: The outputs computed from the gated part (their batch axis is `rows`' length).
GATED_OUTPUTS = ("paragraph_logits", "token_logits")
GATHER_PREFIX = "rows_gather/"


def gate_rows(source: Path, out: Path, prefixes: tuple[str, ...] = GATED_PREFIXES) -> Path:
    """Write `out`: `source` with the `rows` input gating the nodes named with `prefixes` (see the module)."""
    import onnx

    model = onnx.load(str(source))
    graph = model.graph
    if any(i.name == ROWS_INPUT for i in graph.input):
        raise ValueError(f"{source} already has a {ROWS_INPUT!r} input")
    gated = [n for n in graph.node if n.name.startswith(prefixes)]
    if not gated:
        raise ValueError(f"{source}: no nodes named {' or '.join(prefixes)}; not a grafted English model")
    inside = {o for n in gated for o in n.output}
    constants = ({i.name for i in graph.initializer}  # not batch-major: read as they are
                 | {o for n in graph.node if n.op_type == "Constant" for o in n.output})
    readers: dict[str, list[tuple]] = {}  # tensor from outside the gated part -> [(node, input index)]
    for node in gated:
        for k, name in enumerate(node.input):
            if name and name not in inside and name not in constants:
                readers.setdefault(name, []).append((node, k))
    producer = {o: index for index, n in enumerate(graph.node) for o in n.output}
    gathers: dict[int | None, list] = {}  # producing node's index (None: a graph input) -> Gathers after it
    for name, uses in readers.items():
        gathered = GATHER_PREFIX + name
        gathers.setdefault(producer.get(name), []).append(
            onnx.helper.make_node("Gather", [name, ROWS_INPUT], [gathered], name=gathered, axis=0))
        for node, k in uses:
            node.input[k] = gathered
    nodes = list(gathers.get(None, []))  # graph inputs (the attention mask) first
    for index, node in enumerate(graph.node):
        nodes.append(node)
        nodes.extend(gathers.get(index, []))
    del graph.node[:]
    graph.node.extend(nodes)
    graph.input.append(onnx.helper.make_tensor_value_info(ROWS_INPUT, onnx.TensorProto.INT64, [ROWS_INPUT]))
    for info in list(graph.value_info) + list(graph.output):  # their batch axis is now `rows`' length, which
        if info.name in inside or info.name in GATED_OUTPUTS:  # onnxruntime's memory planner must not equate
            for dim in info.type.tensor_type.shape.dim:        # with the inputs' batch
                if dim.dim_param == "batch":
                    dim.dim_param = ROWS_INPUT
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(gate_rows(args.source, args.out))

"""Graft a retrained upper part of the English model beside the shipped one, on one shared lower part.

A model trained with `--init-from CHECKPOINT --freeze-layers N` shares its embeddings and first N layers with
the model it started from. Its ONNX file is the base model's int8 graph, node for node (so the base's
`crosslingual_logits`, which the French and German combiners read, stay exactly what they were fitted on),
plus the new layers N.. and heads reading the base's hidden state after layer N-1; the new heads' outputs
take the names `paragraph_logits` and `token_logits` (or the first alone, keeping the base's span head). One
file, one session, no second copy of the lower part (the embeddings are half of the model) on disk; the new
layers may be stored in 4 bits (`--graft-bits 4`) to keep a second upper part small.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from spinlens.train.joint_en import model_for_meta

#: Outputs the grafted upper part provides (they replace the base model's outputs of the same names).
BRANCH_OUTPUTS = ("paragraph_logits", "token_logits")
PREFIX = "branch/"
#: Input channels per 4-bit weight block of a grafted upper part (each block stores one fp32 scale; 64 keeps
#: five grafted layers within the package's 40 MB).
FOUR_BIT_BLOCK = 64


def hidden_state_name(layer: int) -> str:
    """The base graph's tensor holding the hidden states after `layer` (0-based, -1: the embeddings' output;
    the exporter's naming)."""
    if layer < 0:
        return "/inner/encoder/embeddings/LayerNorm/LayerNormalization_output_0"
    return f"/inner/encoder/encoder/layer.{layer}/output/LayerNorm/LayerNormalization_output_0"


def export_upper(checkpoint: Path, meta: dict, out: Path) -> Path:
    """Export the layers from `meta['freeze_layers']` on and the heads of `checkpoint` as an fp32 ONNX graph
    with inputs `hidden_states` (batch × tokens × hidden) and `attention_mask`."""
    import torch

    model = model_for_meta(meta)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.eval()
    first = int(meta["freeze_layers"])

    class Upper(torch.nn.Module):
        def __init__(self, joint):
            super().__init__()
            self.inner = joint  # node names "/inner/encoder/encoder/layer.K/...", as in the base graph

        def forward(self, hidden_states, attention_mask):
            return upper_forward(self.inner, hidden_states, attention_mask, first)[:2]

    hidden = model.encoder.config.hidden_size
    dummy = (torch.randn((2, 12, hidden)), torch.ones((2, 12), dtype=torch.long))
    torch.onnx.export(Upper(model), dummy, str(out), dynamo=False, opset_version=17,
                      input_names=["hidden_states", "attention_mask"], output_names=list(BRANCH_OUTPUTS),
                      dynamic_axes={"hidden_states": {0: "batch", 1: "sequence"},
                                    "attention_mask": {0: "batch", 1: "sequence"},
                                    "paragraph_logits": {0: "batch"}, "token_logits": {0: "batch", 1: "sequence"}})
    return out


def upper_forward(joint, hidden_states, attention_mask, first: int):
    """The outputs of `joint` (a `make_model` model) computed from its hidden states after layer `first - 1`."""
    from transformers.masking_utils import create_bidirectional_mask

    bert = joint.encoder
    mask = create_bidirectional_mask(config=bert.config, inputs_embeds=hidden_states, attention_mask=attention_mask)
    for index in range(first, len(bert.encoder.layer)):
        hidden_states = bert.encoder.layer[index](hidden_states, mask)
    return joint.heads(hidden_states, attention_mask)


def quantization_aware(joint, first: int, bits: int, block: int = FOUR_BIT_BLOCK) -> int:
    """Make the Linear layers of `joint`'s layers `first`.. compute with their weights as the grafted file will
    store them (`export_onnx.dequantized_weights`: 4-bit blocks), passing gradients straight through to the
    full-precision weights, so training adapts to the quantisation error; returns how many were wrapped."""
    import torch

    from spinlens.train.export_onnx import dequantized_weights

    def forward(module, inputs):
        weight = module.weight
        with torch.no_grad():  # torch (out, in) is the MatMul's (in, out) transposed
            stored = torch.from_numpy(dequantized_weights(weight.detach().T.numpy(), bits, block).T.copy())
        return torch.nn.functional.linear(inputs, weight + (stored - weight).detach(), module.bias)

    wrapped = 0
    for layer in joint.encoder.encoder.layer[first:]:
        for module in layer.modules():
            if isinstance(module, torch.nn.Linear):
                module.forward = forward.__get__(module)
                wrapped += 1
    return wrapped


def attach_hidden_states(examples: list, base: Path, layer: int, batch_size: int = 64) -> None:
    """Give each example (`joint_en.Example`) the `base` ONNX model's hidden states after `layer` (float16):
    what the grafted upper part reads at run time, int8 lower part included, so it is trained on exactly that."""
    import onnx
    import onnxruntime as ort

    from spinlens.train.joint_en import onnx_batches

    model = onnx.load(str(base))
    name = hidden_state_name(layer)
    model.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    for rows, states in onnx_batches(session, name, examples, batch_size):
        for row, index in enumerate(rows):
            examples[index].hidden = states[row, :len(examples[index].input_ids)].astype(np.float16)


def graft(base: Path, upper: Path, layer: int | None, out: Path, outputs: tuple[str, ...] = BRANCH_OUTPUTS,
          prefix: str = PREFIX, inputs: dict[str, str] | None = None) -> Path:
    """Write `out`: the `base` graph with the `upper` graph reading its hidden state after `layer`; the
    upper graph's `outputs` replace the base's outputs of the same names, whose now-unused nodes are dropped.

    `inputs` maps the upper graph's inputs to other tensors of the base graph instead (a base output replaced
    by the upper graph is there as `base/NAME`); the upper graph's own tensors get `prefix`."""
    import onnx

    base_model = onnx.load(str(base))
    upper_model = onnx.shape_inference.infer_shapes(onnx.load(str(upper)))  # shapes let onnxruntime fuse
    graph, extra = base_model.graph, upper_model.graph
    sources = inputs or {"hidden_states": hidden_state_name(layer), "attention_mask": "attention_mask"}
    produced = ({o for n in graph.node for o in n.output} | {i.name for i in graph.input}
                | {"base/" + o for o in outputs})
    for tensor in sources.values():
        if tensor not in produced:
            raise ValueError(f"{base}: no tensor {tensor!r}; not a model this exporter wrote")
    shared = sources | {o: o for o in outputs}

    def renamed(name: str) -> str:
        return name if not name else shared.get(name, prefix + name)

    kept_outputs = [o for o in graph.output if o.name not in outputs]
    for node in graph.node:  # the base's own heads: renamed, then dropped as unused
        node.output[:] = ["base/" + o if o in outputs else o for o in node.output]
    for node in extra.node:
        node.name = prefix + node.name
        node.input[:] = [renamed(i) for i in node.input]
        node.output[:] = [renamed(o) for o in node.output]
    for item in list(extra.initializer) + list(extra.value_info):
        item.name = renamed(item.name)
    nodes = list(graph.node) + list(extra.node)
    graph_outputs = [o for o in extra.output if o.name in outputs] + kept_outputs
    needed = {o.name for o in graph_outputs}
    live = []
    for node in reversed(nodes):  # keep only the nodes some output depends on
        if any(o in needed for o in node.output):
            live.append(node)
            needed.update(node.input)
    live.reverse()
    initializers = [i for i in list(graph.initializer) + list(extra.initializer) if i.name in needed]
    domains = {(o.domain, o.version) for o in list(base_model.opset_import) + list(upper_model.opset_import)}
    shapes = [v for v in list(graph.value_info) + list(extra.value_info) if v.name in needed]  # fusions need them
    merged = onnx.helper.make_graph(live, graph.name, list(graph.input), graph_outputs, initializers,
                                    value_info=shapes)
    opsets = {}
    for domain, version in domains:
        opsets[domain] = max(version, opsets.get(domain, 0))
    opset_imports = [onnx.helper.make_opsetid(d, v) for d, v in sorted(opsets.items())]  # sorted: reproducible files
    model = onnx.helper.make_model(merged, opset_imports=opset_imports,
                                   ir_version=base_model.ir_version)
    onnx.save(model, str(out))
    return out


def export_branch(checkpoint: Path, meta_path: Path, out: Path, quantize: bool = True) -> Path:
    """The model file of a branch-trained checkpoint, as `export_onnx.export` writes one: its upper part
    grafted onto the base model it started from, in fp32 (`out` with suffix .fp32.onnx, for the int8 check:
    onto the starting checkpoint exported afresh, whose shared lower part is the base's) and, with `quantize`,
    int8 (`out`: onto the base ONNX file the run recorded)."""
    import torch

    from spinlens.train.export_onnx import export, quantize_int8, quantize_weight_only
    from spinlens.train.joint_en import file_digest

    meta = json.loads(meta_path.read_text())
    layers, branch, init = int(meta["freeze_layers"]), meta["branch"], Path(meta["init_from"]["path"])
    base = meta_path.parent / branch["base_onnx"]
    if file_digest(base) != branch["base_sha256"]:
        raise ValueError(f"{base} is not the base model this run started from (SHA-256 differs)")
    _check_shared(base, torch.load(checkpoint, map_location="cpu"), layers)
    base_meta = out.with_suffix(".base.json")  # the base checkpoint's shape, for its fp32 export
    has_head = "crosslingual_head.weight" in torch.load(init, map_location="cpu")
    base_meta.write_text(json.dumps({k: v for k, v in meta.items() if k != "branch"} | {"crosslingual_head": has_head}))
    base_fp32 = export(init, base_meta, out.with_suffix(".base.onnx"), quantize=False)
    upper = export_upper(checkpoint, meta, out.with_suffix(".upper.fp32.onnx"))
    outputs = tuple(branch.get("outputs", BRANCH_OUTPUTS))
    fp32 = graft(base_fp32, upper, layers - 1, out.with_suffix(".fp32.onnx"), outputs)
    for path in (base_meta, base_fp32):
        path.unlink()
    if not quantize:
        upper.unlink()
        fp32.replace(out)
        return out
    bits = int(branch.get("bits", 8))
    upper_int8 = (quantize_int8(upper, out.with_suffix(".upper.onnx")) if bits == 8 else
                  quantize_weight_only(upper, out.with_suffix(".upper.onnx"), bits,
                                       int(branch.get("block", FOUR_BIT_BLOCK))))
    graft(base, upper_int8, layers - 1, out, outputs)
    for path in (upper, upper_int8):
        path.unlink()
    return out


def _check_shared(base: Path, state: dict, layers: int) -> None:
    """Refuse a checkpoint whose frozen lower part is not the base model's (its last shared LayerNorm)."""
    import onnx
    from onnx import numpy_helper

    name = (f"encoder.encoder.layer.{layers - 1}.output.LayerNorm.weight" if layers
            else "encoder.embeddings.LayerNorm.weight")
    stored = {i.name: i for i in onnx.load(str(base)).graph.initializer}.get("inner." + name)
    if stored is None or not np.array_equal(numpy_helper.to_array(stored), state[name].numpy()):
        raise ValueError(f"{base}: its first {layers} layers are not the checkpoint's frozen ones")



def transplant(base: Path, donor: Path, shared_layers: int, out: Path) -> Path:
    """Write `out`: the `donor` checkpoint (any English model of this shape, e.g. a better run whose own
    cross-lingual head French and German cannot read) with the `base` checkpoint's embeddings and first
    `shared_layers` layers, and no cross-lingual head: a branch run's starting point (`--init-from OUT
    --freeze-layers N`, without --fresh-upper), whose upper part is then grafted onto the base model."""
    import torch

    shared = ("encoder.embeddings.", *(f"encoder.encoder.layer.{i}." for i in range(shared_layers)))
    lower = torch.load(base, map_location="cpu")
    state = {k: (lower[k] if k.startswith(shared) else v) for k, v in torch.load(donor, map_location="cpu").items()
             if not k.startswith("crosslingual_head.")}
    torch.save(state, out)
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Make a branch run's starting checkpoint (see `transplant`).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--base", type=Path, required=True, help="the shipped model's checkpoint")
    parser.add_argument("--donor", type=Path, required=True, help="the checkpoint whose upper layers to keep")
    parser.add_argument("--shared-layers", type=int, required=True)
    args = parser.parse_args()
    print(transplant(args.base, args.donor, args.shared_layers, args.out))

"""Export the joint English model to ONNX (both heads, one graph) and quantise it to int8."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from spinlens.train.joint_en import PTC_CLASSES, model_for_meta


def export(checkpoint: Path, meta_path: Path, out: Path, quantize: bool = True) -> Path:
    """Write `out` (.onnx): inputs input_ids/attention_mask/token_type_ids; outputs paragraph and token logits,
    and `crosslingual_logits` when the model has the cross-lingual head (a branch-trained model: grafted
    onto its base, `spinlens.train.branch`)."""
    import torch

    meta = json.loads(meta_path.read_text())
    if meta.get("branch"):
        from spinlens.train.branch import export_branch

        return export_branch(checkpoint, meta_path, out, quantize)
    model = model_for_meta(meta)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.eval()
    outputs = ["paragraph_logits", "token_logits"] + (["crosslingual_logits"] if meta.get("crosslingual_head") else [])

    class Wrapper(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)

    dummy = (torch.ones((2, 12), dtype=torch.long), torch.ones((2, 12), dtype=torch.long),
             torch.zeros((2, 12), dtype=torch.long))
    fp32 = out.with_suffix(".fp32.onnx")
    torch.onnx.export(Wrapper(model), dummy, str(fp32), dynamo=False, opset_version=17,
                      input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=outputs,
                      dynamic_axes={name: {0: "batch", 1: "sequence"} for name in
                                    ("input_ids", "attention_mask", "token_type_ids", "token_logits")}
                      | {name: {0: "batch"} for name in outputs if name != "token_logits"})
    if not quantize:
        fp32.replace(out)
        return out
    quantize_int8(fp32, out)
    return out


#: MatMul nodes kept out of the dynamic int8 quantisation and quantised weight-only instead: the feed-forward
#: blocks of all six layers, whose activations carry outliers that per-tensor dynamic quantisation rounds away
#: (attention and the heads stay dynamic int8). Measured (MiniLM alone, cross-fitted validation micro-F1), on an
#: epoch-1 checkpoint: fp32 0.3758, all dynamic int8 0.3682, the first layer's block weight-only 0.3766 (in fp32
#: 0.3777 for 3.5 MB more; weight-only with int8 activations in blocks of 32, accuracy level 4, 0.3672); on the
#: shipped model's checkpoint: fp32 0.4231, all dynamic int8 0.4122, first layer's block in fp32 0.4078, all six
#: blocks weight-only 0.4218 (on another epoch-3 checkpoint: fp32 0.4183, first block weight-only 0.4132, all six
#: 0.4215).
WEIGHT_ONLY_NODES = tuple(f"/layer.{layer}/{part}/dense/MatMul" for layer in range(6)
                          for part in ("intermediate", "output"))
#: Weight-only quantisation: 8-bit symmetric blocks of 32 input channels, computed in fp32 (accuracy level 0).
WEIGHT_ONLY_BLOCK = 32


def quantize_int8(fp32: Path, out: Path) -> Path:
    """Write the int8 model `out`: dynamic int8 (per channel) everywhere but the `WEIGHT_ONLY_NODES`, which
    keep fp32 activations and 8-bit weights (MatMulNBits)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    weight_only = weight_only_nodes(fp32)
    dynamic = out.with_suffix(".dynamic.onnx")
    quantize_dynamic(str(fp32), str(dynamic), weight_type=QuantType.QInt8, per_channel=True,
                     nodes_to_exclude=weight_only)
    if not weight_only:
        dynamic.replace(out)
        return out
    config = DefaultWeightOnlyQuantConfig(block_size=WEIGHT_ONLY_BLOCK, is_symmetric=True, accuracy_level=0, bits=8,
                                          op_types_to_quantize=("MatMul",))
    quantizer = MatMulNBitsQuantizer(onnx.load(str(dynamic)), algo_config=config, nodes_to_include=weight_only)
    quantizer.process()
    quantizer.model.save_model_to_file(str(out), use_external_data_format=False)
    dynamic.unlink()
    return out


def quantize_weight_only(fp32: Path, out: Path, bits: int, block: int = WEIGHT_ONLY_BLOCK) -> Path:
    """Write `out`: every layer MatMul with a constant weight (attention projections and feed-forward blocks)
    quantised weight-only to `bits` (symmetric blocks of `block` input channels, fp32 activations); the rest
    (the heads, the attention-score products) as exported. For a grafted upper part, where 4-bit weights keep
    a second set of layers small."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    model = onnx.load(str(fp32))
    weights = {i.name for i in model.graph.initializer}
    matmuls = [n for n in model.graph.node if n.op_type == "MatMul"]
    others = [n.name for n in matmuls if "/layer." not in n.name or n.input[1] not in weights]
    config = DefaultWeightOnlyQuantConfig(block_size=block, is_symmetric=True, accuracy_level=0,
                                          bits=bits, op_types_to_quantize=("MatMul",))
    # the quantizer takes every MatMul of `op_types_to_quantize` (nodes_to_include only adds to them)
    quantizer = MatMulNBitsQuantizer(model, algo_config=config, nodes_to_exclude=others)
    quantizer.process()
    quantizer.model.save_model_to_file(str(out), use_external_data_format=False)
    return out


def dequantized_weights(weight: np.ndarray, bits: int, block: int) -> np.ndarray:
    """The weights a MatMul computes with after `quantize_weight_only` (K x N, blocks of `block` along K):
    onnxruntime's symmetric round-to-nearest, whose scale maps each block's largest-magnitude value to
    -2^(bits-1); for training against the quantisation (`spinlens.train.branch.quantization_aware`)."""
    levels = 2 ** (bits - 1)
    k, n = weight.shape
    padded = np.zeros((-(-k // block) * block, n), dtype=np.float32)
    padded[:k] = weight
    blocks = padded.reshape(-1, block, n)
    extreme = np.take_along_axis(blocks, np.abs(blocks).argmax(axis=1)[:, None, :], axis=1)
    scale = np.where(extreme == 0, 1.0, extreme / -levels).astype(np.float32)
    quantised = np.clip(np.rint(blocks / scale), -levels, levels - 1)
    return (quantised * scale).reshape(-1, n)[:k]


def weight_only_nodes(model_path: Path) -> list[str]:
    """Names of the graph's MatMul nodes that `WEIGHT_ONLY_NODES` quantises weight-only."""
    import onnx

    graph = onnx.load(str(model_path), load_external_data=False).graph
    return [n.name for n in graph.node if n.op_type == "MatMul" and n.name.endswith(WEIGHT_ONLY_NODES)]


def compare(checkpoint: Path, meta_path: Path, onnx_path: Path, examples) -> float:
    """Largest absolute difference of paragraph probabilities between torch and ONNX on `examples`."""
    import onnxruntime as ort
    import torch

    from spinlens.train.joint_en import _tensors, predict

    meta = json.loads(meta_path.read_text())
    model = model_for_meta(meta)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    torch_probs, _ = predict(model, examples)
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    ids, mask, types, *_ = _tensors(examples, len(PTC_CLASSES))
    logits = session.run(["paragraph_logits"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                                "token_type_ids": types.numpy()})[0]
    return float(np.abs(1 / (1 + np.exp(-logits)) - torch_probs).max())


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--meta", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fp32", action="store_true")
    args = parser.parse_args()
    print(export(args.checkpoint, args.meta, args.out, quantize=not args.fp32))

"""A span refiner for the English model: a small head over the grafted upper part's token states.

The shipped English model runs two upper parts on one shared first layer (`spinlens.train.branch`): the
base's, which feeds the span head, and the grafted one, trained for paragraphs only. The refiner reads the
grafted part's last hidden states (a projection, one convolution over neighbouring tokens), predicts the 14
PTC classes per token, and its logits are averaged with the base span head's (`mix` = the base's weight).
Nothing else of the model changes: the paragraph and cross-lingual outputs stay bit-identical, and the head
costs a few thousand multiply-adds per token. It is trained on the PTC token labels of the train-part
articles only, from the states the shipped ONNX file computes (4-bit layers included), and attached to that
file under the `token_logits` output the runtime reads. The written file is then gated
(`spinlens.train.gate_rows`), so the cross-lingual output alone can be computed without the grafted part.

    python -m spinlens.train.span_refiner --out runs/refiner [--mix 0.7] [--epochs 4]
        -> runs/refiner/techniques_en.{onnx,json} (+ tokenizer, log); measured against the shipped model by
    python -m spinlens.train.spans_en tune --variant runs/refiner
    (install: copy the two techniques_en files into the models folder, then `tune --write` and re-pin the
    cross-lingual combiners, `python -m spinlens.train.crosslingual --write`)
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from spinlens.train.branch import PREFIX
from spinlens.train.data import is_validation
from spinlens.train.joint_en import PTC_CLASSES, TOKEN_POS_WEIGHT, onnx_batches

log = logging.getLogger("spinlens.train")

#: The tensor of the shipped file holding the grafted upper part's last hidden states (its exporter's name).
GRAFT_LAST_HIDDEN = PREFIX + "/layer.5/output/LayerNorm/LayerNormalization_output_0"
#: Where the base span head's logits remain in the file once the refiner has replaced `token_logits`.
BASE_TOKEN_LOGITS = "base/token_logits"
REFINER_PREFIX = "spans/"


def token_features(model_path: Path, examples: list, batch_size: int = 64) -> list[dict]:
    """Per example (`joint_en.Example` with token labels): the grafted part's last hidden states (float16),
    the base span head's logits, the token labels, and which tokens are the paragraph's own (not context)."""
    import onnx
    import onnxruntime as ort

    model = onnx.load(str(model_path))
    model.graph.output.append(onnx.helper.make_tensor_value_info(GRAFT_LAST_HIDDEN, onnx.TensorProto.FLOAT, None))
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    rows: list[dict] = [{} for _ in examples]
    for chunk, (logits, hidden) in onnx_batches(session, ["token_logits", GRAFT_LAST_HIDDEN], examples, batch_size):
        for row, i in enumerate(chunk):
            n = len(examples[i].input_ids)
            rows[i] = {"hidden": hidden[row, :n].astype(np.float16), "logits": logits[row, :n],
                       "labels": examples[i].token_labels, "own": np.asarray(examples[i].type_ids[:n]) == 0}
    return rows


def make_refiner(hidden_size: int = 384, width: int = 96, kernel: int = 5, mix: float = 0.7, dropout: float = 0.1):
    """The refiner (torch): (hidden_states, attention_mask, base_logits) -> token logits."""
    import torch

    class Refiner(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.project = torch.nn.Linear(hidden_size, width)
            self.context = torch.nn.Conv1d(width, width, kernel, padding=kernel // 2)
            self.classify = torch.nn.Linear(2 * width, len(PTC_CLASSES))
            self.dropout = torch.nn.Dropout(dropout)
            self.mix = mix

        def forward(self, hidden_states, attention_mask, base_logits):
            mask = attention_mask.unsqueeze(-1).to(hidden_states.dtype)  # padding reads as zeros
            own = torch.nn.functional.gelu(self.project(self.dropout(hidden_states))) * mask
            around = torch.nn.functional.gelu(self.context(own.transpose(1, 2)).transpose(1, 2))
            logits = self.classify(self.dropout(torch.cat([own, around], -1)))
            return self.mix * base_logits + (1.0 - self.mix) * logits

    return Refiner()


def _tensors(rows: list[dict]):
    import torch

    width = max(len(r["own"]) for r in rows)
    hidden = torch.zeros((len(rows), width, rows[0]["hidden"].shape[1]))
    logits = torch.zeros((len(rows), width, len(PTC_CLASSES)))
    labels = torch.zeros_like(logits)
    mask, own = torch.zeros((len(rows), width), dtype=torch.long), torch.zeros((len(rows), width))
    for i, r in enumerate(rows):
        n = len(r["own"])
        hidden[i, :n] = torch.from_numpy(r["hidden"].astype(np.float32))
        logits[i, :n], labels[i, :n] = torch.from_numpy(r["logits"]), torch.from_numpy(r["labels"])
        mask[i, :n], own[i, :n] = 1, torch.from_numpy(r["own"].astype(np.float32))
    return hidden, mask, logits, labels, own


def train_refiner(rows: list[dict], epochs: int = 4, lr: float = 1e-3, seed: int = 13, batch_size: int = 32,
                  **shape):
    """Fit the refiner's own logits (not the mix) to the token labels: weighted binary cross-entropy over the
    paragraphs' own tokens, AdamW with a one-cycle schedule; returns the model in eval mode."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = make_refiner(**shape)
    mix, model.mix = model.mix, 0.0  # train the refiner alone; the average is a fixed choice made afterwards
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * ((len(rows) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, lr, total_steps=steps, pct_start=0.1)
    pos_weight = torch.full((len(PTC_CLASSES),), TOKEN_POS_WEIGHT)
    for epoch in range(1, epochs + 1):
        model.train()
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]["own"]) + rng.random() * 8)
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            hidden, mask, logits, labels, own = _tensors([rows[i] for i in batch])
            out = model(hidden, mask, logits)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(out, labels, pos_weight=pos_weight,
                                                                        reduction="none").mean(-1)
            loss = (loss * own).sum() / own.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        log.info("refiner epoch %d/%d: training loss %.4f", epoch, epochs, total / len(batches))
    model.mix = mix
    return model.eval()


def export_refiner(model, out: Path) -> Path:
    """The refiner as an fp32 ONNX graph: inputs hidden_states, attention_mask, base_logits; output token_logits."""
    import torch

    hidden = model.project.in_features
    dummy = (torch.randn((2, 12, hidden)), torch.ones((2, 12), dtype=torch.long), torch.randn((2, 12, len(PTC_CLASSES))))
    axes = {"batch": 0, "sequence": 1}
    torch.onnx.export(model, dummy, str(out), dynamo=False, opset_version=17,
                      input_names=["hidden_states", "attention_mask", "base_logits"], output_names=["token_logits"],
                      dynamic_axes={n: {v: k for k, v in axes.items()} for n in
                                    ("hidden_states", "attention_mask", "base_logits", "token_logits")})
    return out


def attach(model_path: Path, head_path: Path, out: Path) -> Path:
    """Write `out`: `model_path` (the shipped English file) whose `token_logits` are the refiner's, reading the
    grafted part's last hidden states and the base span head's logits; every other output unchanged."""
    from spinlens.train.branch import graft

    return graft(model_path, head_path, None, out, ("token_logits",), REFINER_PREFIX,
                 {"hidden_states": GRAFT_LAST_HIDDEN, "attention_mask": "attention_mask",
                  "base_logits": BASE_TOKEN_LOGITS})


def main(argv: list[str] | None = None) -> Path:
    """Train the refiner on the train-part PTC paragraphs and write the English model file with it attached."""
    import argparse
    import shutil

    from spinlens.settings import shared_data_dir
    from spinlens.techniques.encoder import models_dir
    from spinlens.train.gate_rows import gate_rows
    from spinlens.train.joint_en import build_examples, file_digest, techniques, training_tokenizer

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=None, help="the English model file (default: the shipped one)")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--mix", type=float, default=0.7, help="weight of the base span head's logits")
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--kernel", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    root, source = args.data or shared_data_dir(), args.model or models_dir() / "techniques_en.onnx"
    meta = json.loads((source.parent / "techniques_en.json").read_text("utf-8"))
    if "span_refiner" in meta:
        raise SystemExit(f"{source} already has a span refiner; start from the model without it")
    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(args.out / "refiner.log"), logging.StreamHandler()])
    tokenizer = training_tokenizer(source.parent / "tokenizer_en.json")  # as the runtime reads it
    examples = [e for e in build_examples(root, tokenizer, techniques(root), max_len=int(meta["max_len"]))
                if e.token_labels is not None and not is_validation(e.article_id)]
    log.info("%d train-part PTC paragraphs", len(examples))
    rows = token_features(source, examples)
    model = train_refiner(rows, args.epochs, args.lr, args.seed, width=args.width, kernel=args.kernel, mix=args.mix)
    head = export_refiner(model, args.out / "refiner.onnx")
    out = gate_rows(attach(source, head, args.out / "techniques_en.onnx"), args.out / "techniques_en.onnx")
    head.unlink()
    recipe = {k: v for k, v in vars(args).items() if k in ("mix", "width", "kernel", "epochs", "lr", "seed")}
    meta["span_refiner"] = recipe | {"paragraphs": len(examples), "trained_on": "train-part PTC token labels",
                                     "model_sha256": file_digest(source)}
    (args.out / "techniques_en.json").write_text(json.dumps(meta, indent=1))
    shutil.copy(source.parent / "tokenizer_en.json", args.out / "tokenizer_en.json")
    log.info("wrote %s", out)
    return out


if __name__ == "__main__":
    main()

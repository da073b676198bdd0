"""The English training recipe end to end, on a tiny synthetic corpus (`training_corpus.py`) with the real
MiniLM weights: `spinlens train techniques` for the base model (checkpoint and log per epoch, export, int8
check, thresholds, spans), the grafted 4-bit upper part trained through its quantisation, and the span refiner
with the batch-rows gate; then the runtime (onnxruntime, no torch) reads what they wrote. The shipped model
files are never touched: each step writes its own folder, and the next reads it through `SPINLENS_MODELS`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")  # the training extra; the test extra installs it too, so CI runs these

from training_corpus import LOADED, NEUTRAL, write_corpus  # noqa: E402

SPINLENS = [sys.executable, "-c", "from spinlens.cli import main; main()"]
TRAIN = SPINLENS + ["train", "techniques", "--lang", "en", "--max-len", "64"]


def _run(args: list[str], cwd: Path, models: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SPINLENS_MODELS"} | {"OMP_NUM_THREADS": "2"}
    if models is not None:
        env["SPINLENS_MODELS"] = str(models)
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """base (2 epochs, with the cross-lingual head) -> graft (layers 1-5, 4-bit, quant-aware) -> span refiner.
    Every step's own checks run too (the int8 export may lose at most 0.01 against fp32 on validation)."""
    root = tmp_path_factory.mktemp("training")
    split = write_corpus(root / "data", articles=40)
    assert split["validation"] >= 5 and split["train"] >= 20
    _run(TRAIN + ["--model", "encoder", "--epochs", "2", "--lr", "1e-4", "--crosslingual-head", "--data", "data",
                  "--out", "base"], root)
    _run(TRAIN + ["--model", "encoder", "--paragraph-loss", "asl", "--init-from", "base/checkpoints/epoch2.pt",
                  "--freeze-layers", "1", "--keep-base-spans", "--graft-bits", "4", "--quant-aware", "--epochs", "2",
                  "--lr", "1e-4", "--data", "data", "--out", "graft"], root, models=root / "base" / "model")
    _run(SPINLENS + ["train", "techniques", "--model", "span-refiner", "--lang", "en",
          "--epochs", "2", "--data", "data", "--out", "refined"], root, models=root / "graft" / "model")
    return root


def _model(folder: Path):
    from spinlens.techniques.encoder import EnglishEncoderModel

    meta = json.loads((folder / "techniques_en.json").read_text("utf-8"))
    return EnglishEncoderModel(folder / "techniques_en.onnx", meta, folder / "tokenizer_en.json")


def _outputs(folder: Path, texts: list[str]) -> dict[str, np.ndarray]:
    """Every output of the model file on `texts` (all rows computed)."""
    from spinlens.techniques.encoder import model_feeds

    model = _model(folder)
    enc = [[101] + e.ids + [102] for e in model.tokenizer.encode_batch(texts, add_special_tokens=False)]
    width = max(map(len, enc))
    ids = np.zeros((len(enc), width), dtype=np.int64)
    for row, seq in enumerate(enc):
        ids[row, :len(seq)] = seq
    names = [o.name for o in model.session.get_outputs()]
    values = model.session.run(names, model_feeds(model.input_names, ids, (ids > 0).astype(np.int64),
                                                  np.zeros_like(ids)))
    return dict(zip(names, values))


def test_encoder_training_checkpoints_and_logs_every_epoch_and_learns(trained):
    base = trained / "base"
    assert (base / "checkpoints" / "epoch1.pt").exists() and (base / "checkpoints" / "epoch2.pt").exists()
    log = (base / "train.log").read_text("utf-8")
    assert "epoch 1 done" in log and "epoch 2 done" in log and "micro-F1 at best global threshold" in log
    validation = json.loads((base / "model" / "techniques_en.json").read_text("utf-8"))["validation"]
    assert validation["micro_f1"] >= 0.8 and validation["span_f1"] >= 0.8
    assert abs(validation["fp32_micro_f1_cross_fitted"] - validation["int8_micro_f1_cross_fitted"]) <= 0.01


def test_the_runtime_reads_the_trained_files_and_finds_the_taught_technique(trained):
    model = _model(trained / "refined")
    loaded = model.labels.index("Loaded_Language")
    probs, token_probs, offsets = model.run([LOADED[0], NEUTRAL[0]], [None, None])
    assert probs[0, loaded] > 0.5 > probs[1, loaded]
    spans = model.spans(LOADED[0], token_probs[0], offsets[0])
    assert spans and {s.ptc_class for s in spans} == {"Loaded_Language"}
    assert not model.spans(NEUTRAL[0], token_probs[1], offsets[1])


def test_the_graft_keeps_the_base_span_and_crosslingual_outputs_and_stores_4bit_layers(trained):
    import onnx

    texts = LOADED + NEUTRAL
    base, graft = _outputs(trained / "base" / "model", texts), _outputs(trained / "graft" / "model", texts)
    for name in ("token_logits", "crosslingual_logits"):  # computed by the base's own nodes, bit for bit
        assert np.array_equal(base[name], graft[name]), name
    assert not np.array_equal(base["paragraph_logits"], graft["paragraph_logits"])
    ops = {n.op_type for n in onnx.load(str(trained / "graft" / "model" / "techniques_en.onnx")).graph.node}
    assert "MatMulNBits" in ops
    meta = json.loads((trained / "graft" / "model" / "techniques_en.json").read_text("utf-8"))
    assert meta["branch"]["bits"] == 4 and meta["freeze_layers"] == 1


def test_the_refiner_changes_only_the_span_output_and_the_gate_skips_the_graft(trained):
    from spinlens.techniques.encoder import ROWS_INPUT

    texts = LOADED + NEUTRAL
    graft, refined = _outputs(trained / "graft" / "model", texts), _outputs(trained / "refined", texts)
    for name in ("paragraph_logits", "crosslingual_logits"):
        assert np.array_equal(graft[name], refined[name]), name
    assert not np.array_equal(graft["token_logits"], refined["token_logits"])
    model = _model(trained / "refined")
    assert ROWS_INPUT in model.input_names and "span_refiner" in model.meta
    alone = model.crosslingual_probs(texts)
    assert np.array_equal(alone, model.run(texts, output="crosslingual_logits")[0])


def test_training_is_seeded(tmp_path):
    """The same seed gives the same weights (one epoch on the tiny corpus, in process)."""
    import torch

    from spinlens.train.joint_en import train

    write_corpus(tmp_path / "data", articles=12)
    states = []
    for run in ("a", "b"):
        train(tmp_path / "data", tmp_path / run, epochs=1, seed=7, max_len=64)
        states.append(torch.load(tmp_path / run / "epoch1.pt", map_location="cpu"))
    assert states[0].keys() == states[1].keys()
    assert all(torch.equal(states[0][k], states[1][k]) for k in states[0])


def test_the_runtime_never_imports_torch(tmp_path):
    code = ("import sys\nfrom spinlens import api\n"
            f"text = {LOADED[0]!r} + '\\n\\n' + {NEUTRAL[0]!r}\n"
            "doc = api.RawDocument(source='t', kind='text', source_kind='test', content='A title\\n\\n' + text)\n"
            "[outcome] = api.analyze_documents([doc], store=False)\n"
            "assert outcome.ok and outcome.article.paragraphs()\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'transformers', 'sklearn'}))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"

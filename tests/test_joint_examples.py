"""Training examples of the joint MiniLM trainer: English with PTC token labels, other languages paragraph-only."""

from __future__ import annotations

import numpy as np
from tokenizers import Tokenizer

from spinlens.techniques.encoder import models_dir
from spinlens.train.joint_en import PTC_CLASSES, build_examples, encode_pair, paragraph_pos_weight, training_tokenizer

NAMES = ["Loaded_Language", "Doubt", "Flag_Waving"]
EN_TITLE = "Shocking betrayal in the capital"
EN_BODY = "The corrupt elite ruined everything again."
DE_TITLE = "Verrat in der Hauptstadt"
DE_BODY = "Die korrupte Elite hat alles ruiniert."


def _write_language(root, folder, article_id, title, body, labels):
    path = root / "semeval2023-task3" / folder
    path.mkdir(parents=True)
    (path / "train-labels-subtask-3.template").write_text(
        f"{article_id}\t1\t{title}\n{article_id}\t3\t{body}\n", encoding="utf-8")
    (path / "train-labels-subtask-3.txt").write_text(
        f"{article_id}\t1\t\n{article_id}\t3\t{labels}\n", encoding="utf-8")


def _data(tmp_path):
    _write_language(tmp_path, "en", "111", EN_TITLE, EN_BODY, "Loaded_Language")
    _write_language(tmp_path, "de", "222", DE_TITLE, DE_BODY, "Doubt,Flag_Waving")
    articles, labels = tmp_path / "ptc" / "articles", tmp_path / "ptc" / "labels"
    articles.mkdir(parents=True)
    labels.mkdir()
    text = f"{EN_TITLE}\n\n{EN_BODY}\n"
    (articles / "article111.txt").write_text(text, encoding="utf-8")
    start = text.index("corrupt elite")
    (labels / "article111.labels").write_text(f"111\tLoaded_Language\t{start}\t{start + len('corrupt elite')}\n")
    return tmp_path


def _tokenizer():
    return training_tokenizer(models_dir() / "tokenizer_en.json")


def test_training_windows_are_built_as_the_runtime_builds_them():
    """The shipped tokenizer file pads and truncates to 128 tokens; training windows built through it carried
    [PAD] tokens the model attended to and lost the rest of long paragraphs (the session-15 span refiner was
    trained on such windows). The training tokenizer reads text exactly as `EnglishEncoderModel` does."""
    from spinlens.techniques.encoder import EnglishEncoderModel

    long_text = " ".join(["The corrupt elite ruined everything again, and nobody said a word."] * 30)
    raw = Tokenizer.from_file(str(models_dir() / "tokenizer_en.json")).encode(long_text, add_special_tokens=False)
    assert len(raw.ids) == 128  # what the file alone does
    ids = _tokenizer().encode(long_text, add_special_tokens=False).ids
    runtime = EnglishEncoderModel.load(models_dir()).tokenizer.encode(long_text, add_special_tokens=False).ids
    assert ids == runtime and len(ids) > 300 and 0 not in ids
    window = encode_pair(_tokenizer(), "Short paragraph.", EN_TITLE, max_len=160)
    assert 0 not in window["ids"] and len(window["ids"]) < 20


def test_english_only_by_default(tmp_path):
    examples = build_examples(_data(tmp_path), _tokenizer(), NAMES)
    assert {e.language for e in examples} == {"en"} and len(examples) == 2


def test_other_languages_join_the_paragraph_task_without_token_labels(tmp_path):
    examples = build_examples(_data(tmp_path), _tokenizer(), NAMES, languages=("en", "de"))
    by_key = {(e.language, e.no): e for e in examples}
    assert set(by_key) == {("en", 1), ("en", 3), ("de", 1), ("de", 3)}
    german = by_key[("de", 3)]
    assert german.token_labels is None and german.article_id == "222"
    assert german.labels.tolist() == [0.0, 1.0, 1.0]
    # the title is the context (second segment) of the body paragraph
    assert german.type_ids.count(1) == len(_tokenizer().encode(DE_TITLE, add_special_tokens=False).ids) + 1
    english = by_key[("en", 3)]
    assert english.labels.tolist() == [1.0, 0.0, 0.0]
    marked = [english.offsets[t] for t in np.flatnonzero(english.token_labels[:, PTC_CLASSES.index("Loaded_Language")])]
    assert marked and EN_BODY[marked[0][0]:marked[-1][1]] == "corrupt elite"


def test_paragraph_pos_weight_balances_rare_techniques_within_bounds():
    labels = np.zeros((100, 3), dtype=np.float32)
    labels[:4, 0] = 1  # rare: sqrt(96 / 4) ≈ 4.9
    labels[:50, 1] = 1  # balanced: 1
    # third technique never positive: sqrt(100 / 1) = 10, capped at 8
    weights = paragraph_pos_weight(labels)
    assert weights.dtype == np.float32
    assert np.allclose(weights, [np.sqrt(24.0), 1.0, 8.0])


def test_max_len_bounds_the_training_window_and_keeps_more_of_a_long_paragraph(tmp_path):
    from spinlens.train.joint_en import MAX_LEN, encode_pair

    long_body = " ".join(["the corrupt elite ruined everything again"] * 40)  # about 240 tokens
    tokenizer = _tokenizer()
    body_tokens = len(tokenizer.encode(long_body, add_special_tokens=False).ids)
    default = encode_pair(tokenizer, long_body, EN_TITLE)
    wide = encode_pair(tokenizer, long_body, EN_TITLE, max_len=320)
    assert len(default["ids"]) == MAX_LEN < body_tokens
    # the whole paragraph fits in the wider window: [CLS] body [SEP] title [SEP]
    title_tokens = len(tokenizer.encode(EN_TITLE, add_special_tokens=False).ids)
    assert len(wide["ids"]) == body_tokens + title_tokens + 3 <= 320
    assert wide["type_ids"].count(0) == body_tokens + 2
    assert long_body[wide["offsets"][body_tokens][0]:wide["offsets"][body_tokens][1]] == "again"

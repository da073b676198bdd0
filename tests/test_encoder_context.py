"""English encoder inputs: title and previous-paragraph context laid out as the model was trained."""

from __future__ import annotations

from tokenizers import Tokenizer

from spinlens.techniques.encoder import CLS, SEP, EnglishEncoderModel, models_dir, previous_paragraphs


def _model(previous_tokens: int, max_len: int = 40) -> EnglishEncoderModel:
    model = EnglishEncoderModel.__new__(EnglishEncoderModel)  # windows only: no ONNX session needed
    model.tokenizer = Tokenizer.from_file(str(models_dir() / "tokenizer_en.json"))
    model.tokenizer.no_padding()
    model.tokenizer.no_truncation()
    model.max_len, model.title_tokens, model.previous_tokens = max_len, 4, previous_tokens
    return model


def test_previous_paragraphs_stay_within_an_article_and_skip_titles():
    paragraphs = ["Title A", "first", "second", "Title B", "third"]
    titles = [None, "Title A", "Title A", None, "Title B"]
    assert previous_paragraphs(paragraphs, titles, ["a", "a", "a", "b", "b"]) == [None, None, "first", None, None]
    assert previous_paragraphs(["x", "y"], ["T", "T"]) == [None, "x"]  # no keys: one article


def test_windows_put_title_then_previous_paragraph_in_the_second_segment():
    model = _model(previous_tokens=3)
    window, = model._windows(["the dam held"], ["big flood news today"], ["earlier the river rose fast"])
    tok = model.tokenizer
    body = tok.encode("the dam held", add_special_tokens=False).ids
    title = tok.encode("big flood news today", add_special_tokens=False).ids[:4]
    before = tok.encode("earlier the river rose fast", add_special_tokens=False).ids[:3]
    assert window.ids == [CLS] + body + [SEP] + title + [SEP] + before + [SEP]
    assert window.type_ids == [0] * (len(body) + 2) + [1] * (len(title) + len(before) + 2)
    assert len(window.offsets) == len(body) + 2


def test_a_model_without_previous_context_ignores_it_and_long_paragraphs_are_windowed():
    model = _model(previous_tokens=0, max_len=12)
    text = " ".join(["word"] * 30)
    windows = model._windows([text], ["title"], ["ignored previous paragraph"])
    assert len(windows) > 1 and all(len(w.ids) <= 12 for w in windows)
    assert all(w.ids.count(SEP) == 2 for w in windows)  # body [SEP] title [SEP], no previous segment

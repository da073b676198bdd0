"""The English lexical span model: features, training on a synthetic PTC folder, its file, the mapping onto
encoder tokens, and its share in the span decoder and in the span tuning."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from spinlens.techniques.encoder import SpanDecoder
from spinlens.techniques.word_spans import WordSpanModel, mix, word_features, words
from spinlens.train.joint_en import PTC_CLASSES

from tests.training_corpus import write_corpus

LOADED = PTC_CLASSES.index("Loaded_Language")


def test_features_read_the_word_its_neighbours_and_whether_it_is_quoted():
    found = words('They call it "a corrupt regime" now.')
    assert [w for _, _, w in found] == ["They", "call", "it", '"', "a", "corrupt", "regime", '"', "now", "."]
    features = word_features(found)
    corrupt = features[5]
    assert {"w=corrupt", "p1=a", "n1=regime", "p2=\"", "n2=\"", "bp=a_corrupt", "bn=corrupt_regime", "s3=upt",
            "sh=x", "q=1", "bias"} == set(corrupt)
    assert "q=0" in features[8] and "sh=Xx" in features[0] and "p2=<>" in features[1]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from spinlens.train.word_spans import train

    root = tmp_path_factory.mktemp("shared")
    split = write_corpus(root, articles=24)
    assert split["train"] and split["validation"]
    return train(root, PTC_CLASSES), root


def test_training_learns_the_loaded_words_from_the_train_part(trained):
    model, _ = trained
    _, probs = model.word_probs("The corrupt traitors are destroying our great nation with their disgusting lies.")
    _, neutral = model.word_probs("The city council approved the budget for road repairs on Tuesday.")
    assert probs[1:, LOADED].mean() > 0.5 > neutral[:, LOADED].max()
    # a class without any gold span in the corpus stays a constant below every threshold
    assert probs[:, PTC_CLASSES.index("Slogans")].max() < 0.01


def test_only_train_part_articles_are_read(tmp_path):
    from spinlens.train.data import is_validation
    from spinlens.train.word_spans import train

    write_corpus(tmp_path, articles=24)
    articles = sorted((tmp_path / "ptc" / "articles").glob("*.txt"))
    held_out = next(p for p in articles if is_validation(p.stem.removeprefix("article")))
    held_out.write_text(held_out.read_text("utf-8") + "Zorblax zorblax zorblax zorblax.\n", encoding="utf-8")
    model = train(tmp_path, PTC_CLASSES)
    assert not any("zorblax" in name for name in model.index)


def test_the_file_keeps_the_probabilities_up_to_float16(trained, tmp_path):
    model, _ = trained
    path = tmp_path / "spans_lexical_en.npz"
    model.save(path)
    loaded = WordSpanModel.load(path)
    assert loaded.classes == PTC_CLASSES and loaded.index == model.index
    text = "These shameless crooks and their puppet media will stop at nothing."
    np.testing.assert_allclose(loaded.word_probs(text)[1], model.word_probs(text)[1], atol=2e-3)


def test_tokens_take_the_probabilities_of_the_word_they_fall_in(trained):
    model, _ = trained
    text = "corrupt  traitors!"
    found, probs = model.word_probs(text)
    # sub-word tokens of one word, a token over the blanks, the exclamation mark
    offsets = [(0, 3), (3, 7), (7, 9), (9, 17), (17, 18)]
    tokens = model.token_probs(text, offsets)
    assert tokens.shape == (5, len(PTC_CLASSES))
    np.testing.assert_array_equal(tokens[0], probs[0])
    np.testing.assert_array_equal(tokens[1], probs[0])
    assert not tokens[2].any()
    np.testing.assert_array_equal(tokens[3], probs[1])
    np.testing.assert_array_equal(tokens[4], probs[2])
    assert model.token_probs(text, []).shape == (0, len(PTC_CLASSES))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_one_probability_row_per_token(text):
    model = WordSpanModel(["w=the", "n1=evil"], np.array([[1.0] * 2, [3.0] * 2]), np.zeros(2), ["A", "B"])
    offsets = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    tokens = model.token_probs(text, offsets)
    assert tokens.shape == (len(offsets), 2) and ((tokens >= 0) & (tokens <= 1)).all()


def test_the_decoder_reads_the_average_with_the_share_it_was_tuned_with():
    meta = {"ptc_classes": ["Loaded_Language", "Doubt"],
            "spans": {"thresholds": [0.5, 0.5], "keep": 1.0, "gap": 0, "lexical_share": 0.4}}
    decoder = SpanDecoder.from_meta(meta)
    assert decoder.lexical_share == 0.4
    assert SpanDecoder.from_meta({"ptc_classes": meta["ptc_classes"], "spans": decoder.to_meta()}).lexical_share == 0.4
    assert "lexical_share" not in SpanDecoder(["A"], np.array([0.5])).to_meta()
    encoder, lexical = np.array([[0.6, 0.0]]), np.array([[0.1, 1.0]])
    np.testing.assert_allclose(mix(encoder, lexical, 0.4), [[0.4, 0.4]])
    np.testing.assert_allclose(mix(encoder, lexical, 0.0), encoder)


def test_tuning_lets_lexical_shares_compete_and_writes_the_chosen_one(trained):
    from spinlens.train.spans_en import SHIPPED, cross_fit, share_variants, span_entries, variant_share

    model, _ = trained
    text = "The corrupt traitors lie. The council met on Tuesday."
    offsets = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    probs = np.full((len(offsets), len(PTC_CLASSES)), 0.01)  # an encoder that finds nothing
    gold = [("Loaded_Language", text.index("corrupt"), text.index(" lie"))]
    cache = {str(n): {"text": text, "gold": gold, "offsets": [(0, len(text))], "token_probs": [probs],
                      "token_offsets": [offsets]} for n in range(1, 9)}
    caches = share_variants(SHIPPED, cache, model, [0.0, 0.5])
    assert list(caches) == [SHIPPED, f"{SHIPPED}+lexical0.5"] and caches[SHIPPED] is cache
    assert variant_share(f"{SHIPPED}+lexical0.5") == 0.5 and variant_share(SHIPPED) == 0.0
    result = cross_fit(caches, [{"keep": 1.0, "gap": 0}], (False,), PTC_CLASSES)
    assert result["chosen"]["variant"] == f"{SHIPPED}+lexical0.5"
    assert result["cross_fitted"]["span_f1"] > 0.5
    spans, figures = span_entries(result, PTC_CLASSES)
    assert spans["lexical_share"] == 0.5 and figures["lexical_share"] == 0.5


def test_the_shipped_model_mixes_its_lexical_span_model_into_the_spans():
    from spinlens.techniques.encoder import EnglishEncoderModel, models_dir

    model = EnglishEncoderModel.load(models_dir())
    share = model.decoder.lexical_share
    if not share:
        pytest.skip("the shipped span decoder gives the lexical span model no share")
    text = "The corrupt regime and its shameless puppets lied again."
    _, token_probs, offsets = model.run([text])
    lexical = model.word_spans.token_probs(text, offsets[0])
    np.testing.assert_allclose(model.span_probs(text, token_probs[0], offsets[0]),
                               (1 - share) * token_probs[0] + share * lexical)
    assert not np.allclose(lexical, 0)


def test_the_training_command_writes_a_model_the_runtime_reads(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    write_corpus(tmp_path / "data", articles=24)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["train", "techniques", "--model", "span-lexical", "--data",
                                       str(tmp_path / "data"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = WordSpanModel.load(out / "spans_lexical_en.npz")
    _, probs = model.word_probs("These shameless crooks and their puppet media will stop at nothing.")
    assert probs[1:, LOADED].mean() > 0.5
    assert (out / "train.log").exists()
    refused = CliRunner().invoke(main, ["train", "techniques", "--model", "span-lexical", "--lang", "fr",
                                        "--data", str(tmp_path / "data"), "--out", str(out)])
    assert refused.exit_code != 0 and "English only" in refused.output


def test_paragraph_evidence_is_the_highest_word_probability_of_each_mapped_technique():
    from spinlens.techniques.models import with_word_evidence
    from spinlens.techniques.word_spans import paragraph_evidence

    classes = ["Loaded_Language", "Thought-terminating_Cliches"]
    model = WordSpanModel(["w=evil", "w=enough"], np.array([[4.0, 0.0], [0.0, 2.0]]), np.array([-4.0, -4.0]), classes)
    labels = ["Loaded_Language", "Conversation_Killer", "Doubt"]
    evidence, mask = paragraph_evidence(model, ["an evil plan", "enough said", ""], labels)
    assert mask.tolist() == [True, True, False]
    np.testing.assert_allclose(evidence[0, :2], [0.5, 1 / (1 + np.exp(4.0))], rtol=1e-6)
    np.testing.assert_allclose(evidence[1, 1], 1 / (1 + np.exp(2.0)), rtol=1e-6)
    assert not evidence[2].any() and not evidence[:, 2].any()
    probs = np.full((3, 3), 0.3, dtype=np.float32)
    mixed = with_word_evidence(probs, model, ["an evil plan", "enough said", ""], labels, 0.2)
    np.testing.assert_allclose(mixed[0, 0], 0.8 * 0.3 + 0.2 * 0.5, rtol=1e-6)
    np.testing.assert_allclose(mixed[:, 2], 0.3)  # a technique without a PTC class is untouched
    assert probs[0, 0] == np.float32(0.3)  # the input is not modified


def test_the_shipped_english_model_adds_word_evidence_to_its_paragraph_probabilities():
    from spinlens.techniques.models import EnglishTechniqueModel, with_word_evidence

    model = EnglishTechniqueModel()
    share, word_spans = model.word_share, model.word_spans
    if not share:
        pytest.skip("the shipped English model gives the word evidence no share")
    texts = ["They are evil, corrupt traitors and liars!", "The council met on Tuesday."]
    probs = model.raw_probs(texts, [None, texts[0]])[0]
    model.word_share, model.word_spans = 0.0, None
    plain = model.raw_probs(texts, [None, texts[0]])[0]
    np.testing.assert_allclose(probs, with_word_evidence(plain, word_spans, texts, model.labels, share), rtol=1e-5)
    name_calling = model.labels.index("Name_Calling-Labeling")
    assert probs[0, name_calling] != pytest.approx(plain[0, name_calling])


def test_the_word_evidence_share_is_chosen_with_the_threshold_on_one_half_and_scored_on_the_other():
    from spinlens.train.word_evidence import choose, cross_fitted, with_share

    rng = np.random.default_rng(0)
    gold = rng.random((200, 3)) < 0.3
    probs = np.clip(0.5 + rng.normal(0, 0.3, gold.shape), 0, 1)  # uninformative
    evidence = np.where(gold, 0.9, 0.1)  # informative for the first two techniques only
    mask = np.array([True, True, False])
    candidates = {share: with_share(probs, evidence, mask, share) for share in (0.0, 0.5)}
    np.testing.assert_allclose(candidates[0.0], probs)
    np.testing.assert_allclose(candidates[0.5][:, 2], probs[:, 2])
    assert choose(candidates, gold, np.ones(200, dtype=bool))[0] == 0.5
    first = np.arange(200) < 100
    pred, chosen = cross_fitted(candidates, gold, first)
    assert chosen == [0.5, 0.5] and pred.shape == gold.shape
    # ties go to the smaller share
    assert choose({0.0: probs, 0.3: probs}, gold, first)[0] == 0.0

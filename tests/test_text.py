"""Paragraphs, sentences and language identification: offsets always slice the text exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from spinlens.model import Article
from spinlens.text.language import LanguageStage, identify, supported_languages
from spinlens.text.language_names import language_name
from spinlens.text.segment import ParagraphStage, SentenceStage, paragraph_offsets, sentence_offsets

EN = ("The minister said on Tuesday that the talks would resume next week. Officials in both capitals "
      "declined to comment on the report.")
DE = ("Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt. Beamte in beiden "
      "Hauptstädten wollten sich zu dem Bericht nicht äußern.")
RU = ("Министр заявил во вторник, что переговоры возобновятся на следующей неделе. Чиновники в обеих "
      "столицах отказались комментировать сообщение.")
FR = ("Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine. Les responsables "
      "des deux capitales ont refusé de commenter l'information.")


def run(text: str) -> Article:
    article = Article(text=text)
    for stage in (ParagraphStage(), LanguageStage(), SentenceStage()):
        stage([article])
    assert article.ok, article.status
    return article


def test_at_least_fifty_languages():
    assert len(supported_languages()) >= 50
    assert language_name("ru") == "Russian" and language_name("xx") == "xx"


def test_identify_common_languages():
    for text, code in ((EN, "en"), (DE, "de"), (RU, "ru"), (FR, "fr")):
        assert identify(text)[0] == code


@pytest.mark.parametrize("headline, code", [
    ("LA FRANCE VEND AUX JAPONAIS UN PAYS QUI N’EXISTE PAS", "fr"),  # was German
    ("POLSKA PRZECIW UNII: RZĄD NIE ZGADZA SIĘ NA NOWE PRZEPISY O MIGRACJI", "pl"),  # was Japanese
    ("MEZZO MONDO CONTRO USA E UCRAINA", "it"),  # was Spanish
])
def test_text_in_capitals_is_identified_like_ordinary_text(headline, code):
    assert identify(headline)[0] == code


def test_an_article_language_is_that_of_most_of_its_text_not_its_first_words():
    from spinlens.text.language import article_language

    italian = ("Il governo ha annunciato ieri un nuovo piano per le scuole, che secondo i sindacati arriva troppo "
               "tardi e non risolve i problemi degli insegnanti precari.")
    paragraphs = ["Daniel DePetris of the Defence Priorities think tank and Rajan Menon of the Institute for the "
                  "Study of War and Peace Studies at Columbia University wrote the article", italian, italian]
    assert identify(" ".join(paragraphs))[0] == "en"  # the first 160 characters alone read as English
    assert article_language(paragraphs) == "it"


def test_mixed_text_gets_per_paragraph_languages():
    article = run("\n\n".join([EN, DE, EN, RU, EN]))
    labels = [s.label for s in article.layer("language")]
    assert labels == ["en", "de", "en", "ru", "en"]
    assert article.language == "en"


def test_short_paragraph_inherits_the_article_language():
    article = run("\n\n".join([RU, "Ок.", RU]))
    short = article.layer("language")[1]
    assert short.label == "ru" and short.attrs.get("inherited")


def test_sentences_inside_paragraphs_and_exact():
    article = run(EN + "\n\n" + RU)
    sentences = [article.span_text(s) for s in article.layer("sentence")]
    assert sentences == [
        "The minister said on Tuesday that the talks would resume next week.",
        "Officials in both capitals declined to comment on the report.",
        "Министр заявил во вторник, что переговоры возобновятся на следующей неделе.",
        "Чиновники в обеих столицах отказались комментировать сообщение.",
    ]


def test_abbreviations_do_not_split_sentences():
    offsets = sentence_offsets("Mr. Smith met Dr. Jones in Washington. They talked.", "en")
    assert len(offsets) == 2


def test_paragraph_offsets_trim_whitespace():
    text = "  first para \n\n\n second\npara  \n\n"
    assert [text[s:e] for s, e in paragraph_offsets(text)] == ["first para", "second\npara"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_all_spans_slice_text_for_any_input(text):
    article = run(text)
    for span in article.spans:
        piece = article.span_text(span)
        assert 0 <= span.start <= span.end <= len(text)
        assert piece == piece.strip() and piece
    paragraphs = article.paragraphs()
    for sentence in article.layer("sentence"):
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in paragraphs)


def test_words_are_counted_in_scripts_written_without_spaces():
    from spinlens.text.words import count_words

    assert count_words("The dam burst on Monday night.") == 6
    assert count_words("東京電力は月曜日に声明を発表した。") == 8  # 16 letters: about two per word
    assert count_words("Tepco 東京電力 said") == 4
    assert count_words("") == 0

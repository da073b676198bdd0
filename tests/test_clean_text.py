"""`clean_text` on short synthetic articles (all texts written for these tests)."""

from __future__ import annotations

import textwrap

import pytest

from spinlens.clean import REASONS, candidate_blocks, clean_text
from spinlens.clean.normalize import normalize_text, split_blocks

TITLE = "Council approves budget after long debate"
BODY = [
    ("The regional council approved the new budget on Tuesday after a long debate about school "
    "funding, road repairs and the future of the old harbour district."),
    ("Opposition members said the plan ignored rural districts, while the mayor insisted that every "
    "district would receive a fair amount of the new investment money."),
    ("The vote was 31 to 12. The budget takes effect in January, and a first review is planned for "
    "the spring, officials said after the session."),
]


def article(head: list[str] | tuple[str, ...] = (), tail: list[str] | tuple[str, ...] = (),
            body: list[str] | None = None, title: str | None = TITLE) -> str:
    return "\n\n".join([*([title] if title else []), *head, *(BODY if body is None else body), *tail])


def assert_body_kept(cleaned, body: list[str] | None = None) -> None:
    assert cleaned.body_paragraphs == (BODY if body is None else body)


def removed_reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


# -- boilerplate kinds, several languages ------------------------------------------------------
BOILERPLATE = [
    # newsletter prompts
    ("Subscribe to our newsletter to get the best stories every morning.", "newsletter prompt"),
    ("Sign up for our free weekly briefing, delivered straight to your inbox.", "newsletter prompt"),
    ("Inscrivez-vous à notre newsletter pour recevoir nos articles chaque semaine.", "newsletter prompt"),
    ("Abonnieren Sie unseren Newsletter und verpassen Sie keine Nachricht mehr.", "newsletter prompt"),
    ("Подпишитесь на нашу рассылку, чтобы первыми узнавать новости.", "newsletter prompt"),
    ("Suscríbete a nuestro boletín para recibir las noticias del día.", "newsletter prompt"),
    ("Iscriviti alla newsletter per ricevere ogni giorno le notizie.", "newsletter prompt"),
    ("Zapisz się do newslettera, aby otrzymywać najważniejsze wiadomości.", "newsletter prompt"),
    # share / follow prompts
    ("Follow us on Twitter and Facebook for the latest updates.", "share/follow prompt"),
    ("Please share this article with your friends and colleagues.", "share/follow prompt"),
    ("Share this: Facebook · X · Telegram · Email", "share/follow prompt"),
    ("Suivez-nous sur les réseaux sociaux et partagez cet article.", "share/follow prompt"),
    ("Folgen Sie uns auf Telegram und teilen Sie diesen Artikel.", "share/follow prompt"),
    ("Подписывайтесь на наш Telegram-канал и делитесь новостями с друзьями.", "share/follow prompt"),
    ("Síguenos en Twitter y comparte esta noticia con tus amigos.", "share/follow prompt"),
    ("Seguici su Facebook e condividi questo articolo.", "share/follow prompt"),
    ("Obserwuj nas na Facebooku i udostępnij ten artykuł.", "share/follow prompt"),
    # translation widgets
    ("Use the Translate Website button to read this page in 30 languages.", "translation widget"),
    ("Traduisez cette page dans votre langue avec le bouton ci-dessus.", "translation widget"),
    ("Diese Seite übersetzen: wählen Sie oben Ihre Sprache.", "translation widget"),
    ("Перевести страницу на другой язык можно кнопкой вверху.", "translation widget"),
    # disclaimers
    ("Disclaimer: The views expressed in this article are those of the author alone.", "disclaimer"),
    ("Avertissement : les opinions exprimées dans cet article n'engagent que leur auteur.", "disclaimer"),
    (("Haftungsausschluss: Die geäußerten Meinungen geben nicht unbedingt die Meinung der Redaktion "
     "wieder."), "disclaimer"),
    ("Мнение редакции может не совпадать с мнением автора.", "disclaimer"),
    ("Las opiniones expresadas en este artículo no reflejan necesariamente la postura del medio.",
     "disclaimer"),
    ("Le opinioni espresse non riflettono necessariamente quelle della redazione.", "disclaimer"),
    ("Opinie wyrażone w tekście nie muszą odzwierciedlać stanowiska redakcji.", "disclaimer"),
    # fair-use notices
    (('This site contains copyrighted material the use of which has not always been authorised by its '
     'owners. We make it available under "fair use" for educational purposes.'), "fair-use notice"),
    (("Ce site contient du matériel protégé par le droit d'auteur, utilisé au titre de l'usage "
     "équitable."), "fair-use notice"),
    (("Diese Seite enthält urheberrechtlich geschütztes Material, das wir im Rahmen des Fair Use "
     "verwenden."), "fair-use notice"),
    ("Сайт содержит материалы, защищённые авторским правом, в рамках добросовестного использования.",
     "fair-use notice"),
    # copyright notices without a holder
    (("All rights reserved. This material may not be published, broadcast, rewritten or "
     "redistributed."), "copyright notice"),
    ("Tous droits réservés. Toute reproduction interdite.", "copyright notice"),
    ("Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.", "copyright notice"),
    ("Все права защищены. Перепечатка материалов запрещена.", "copyright notice"),
    # contact lines
    ("For media inquiries, contact press@example.org", "contact line"),
    ("Contactez-nous : redaction@example.fr", "contact line"),
    ("Presseanfragen bitte an presse@example.de", "contact line"),
    ("Для связи с редакцией: info@example.ru", "contact line"),
    # image credits
    ("Featured image: a crowded council chamber (photo by Jane Roe)", "image credit"),
    ("Photo: Example Agency / John Doe", "image credit"),
    ("Photo : AFP", "image credit"),
    ("Foto: dpa / Max Mustermann", "image credit"),
    ("Фото: пресс-служба мэрии", "image credit"),
    # read-more / related links
    ("Read more: Harbour district plan faces new delays", "read-more link"),
    ("Lire aussi : Le budget de la région en cinq chiffres", "read-more link"),
    ("Mehr zum Thema – Haushalt: Was die Stadt plant", "read-more link"),
    ("Читайте также: Бюджет города на следующий год", "read-more link"),
    # donation appeals
    ("Please support independent journalism: donate to keep this site alive.", "donation appeal"),
    # separators
    ("***", "separator"),
    ("* * *", "separator"),
    ("—", "separator"),
    ("___", "separator"),
    ("Advertisement", "advertisement"),
]


@pytest.mark.parametrize(("block", "reason"), BOILERPLATE)
def test_boilerplate_removed_in_tail(block: str, reason: str) -> None:
    cleaned = clean_text(article(tail=[block]))
    assert removed_reasons(cleaned) == {block: reason}
    assert_body_kept(cleaned)


@pytest.mark.parametrize(("block", "reason"), BOILERPLATE)
def test_boilerplate_removed_in_head(block: str, reason: str) -> None:
    cleaned = clean_text(article(head=[block]))
    assert removed_reasons(cleaned) == {block: reason}
    assert_body_kept(cleaned)
    assert cleaned.title == TITLE


def test_every_reason_is_documented() -> None:
    for _, reason in BOILERPLATE:
        assert reason in REASONS


def test_a_tail_of_several_kinds() -> None:
    tail = ["*", "Note to readers: please use the share button above and follow us on Telegram.",
            "Featured image is from Example Agency", "Disclaimer: the author alone is responsible.",
            "For media inquiries: [email protected]"]
    cleaned = clean_text(article(tail=tail))
    assert_body_kept(cleaned)
    assert list(removed_reasons(cleaned).values()) == [
        "separator", "share/follow prompt", "image credit", "disclaimer", "contact line"]


# -- the body is never dropped -----------------------------------------------------------------
PASSING_MENTIONS = [
    ("The minister announced the decision on Twitter, and thousands of users rushed to share the "
    "post before it was deleted a few hours later."),
    ("Readers who subscribe to the print edition will see a price increase, the publisher said in a "
    "statement on Monday."),
    ("The court ruled that the copyright claim was unfounded, said fair use did not apply, and "
    "ordered the company to pay legal costs."),
    "Follow the money, the investigators said, and the picture of who profited becomes much clearer.",
    ("Critics say the disclaimer printed on the packaging is too small to read and want the rules "
    "on labels changed."),
    ("Share prices fell sharply after the announcement, and the company's newsletter to investors "
    "did little to calm the market."),
    ("Jane Roe is a journalist who was arrested in March while covering the protests outside the "
    "parliament."),
    "He said:",
    "Contact between the two delegations resumed in May, according to a spokesman.",
    "Photographs released on Monday show the damage to the bridge.",
    "Source: a senior official, speaking on condition of anonymity, confirmed the figures.",
    "Многие жители узнали о решении из социальных сетей и подписались на канал мэрии в Telegram.",
    "Les opinions exprimées lors du débat étaient très variées, selon les participants.",
    "The poll does not necessarily reflect the views of all voters.",
    "Volunteers helped translate the website into Ukrainian.",
    "He promised to donate his salary to the children's hospital.",
    "Support us, the protesters chanted outside the ministry.",
    "Comments by the minister sparked outrage among teachers.",
    "The documents may not be published until 2030, the court ruled.",
    "The former president told supporters to follow him on Truth Social.",
    "Press inquiries surged after the scandal broke.",
    "Journalists were asked to sign up for the briefing by Friday.",
    "El Gobierno defendió el uso legítimo de la fuerza por parte de la policía.",
    "Join us at the rally on Saturday, the organisers wrote.",
    "Jane Roe is a journalist based in Kyiv who was detained last week.",
    "The Counterview is a small website that says it is run by volunteers.",
]


@pytest.mark.parametrize("paragraph", PASSING_MENTIONS)
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_body_paragraph_mentioning_cues_survives(paragraph: str, where: str) -> None:
    body = list(BODY)
    position = {"first": 0, "middle": 2, "last": len(body)}[where]
    body.insert(position, paragraph)
    cleaned = clean_text(article(body=body))
    assert cleaned.removed == []
    assert_body_kept(cleaned, body)


def test_passing_mentions_survive_next_to_boilerplate() -> None:
    body = [*BODY, PASSING_MENTIONS[0], PASSING_MENTIONS[2]]
    cleaned = clean_text(article(body=body, tail=["Subscribe to our newsletter!"]))
    assert_body_kept(cleaned, body)
    assert list(removed_reasons(cleaned).values()) == ["newsletter prompt"]


def test_long_paragraph_needs_cue_density() -> None:
    long_one = ("Follow us on Twitter, the campaign's leaflets urged, but the council members who spoke "
                "on Tuesday said the real debate was about schools, roads, hospitals and the cost of "
                "living, which has risen faster than wages for three years in a row.")
    cleaned = clean_text(article(body=[*BODY, long_one]))
    assert_body_kept(cleaned, [*BODY, long_one])


def test_middle_of_body_only_strong_blocks_go() -> None:
    middle = ["Subscribe to our newsletter", "* * *", "Photo: Example Agency",
              "Disclaimer: the views are the author's own.", "Follow the council on Telegram for updates."]
    body = [BODY[0], *middle, BODY[1], BODY[2]]
    cleaned = clean_text(article(body=body))
    assert removed_reasons(cleaned) == {"Subscribe to our newsletter": "newsletter prompt",
                                        "* * *": "separator", "Photo: Example Agency": "image credit"}
    assert cleaned.body_paragraphs == [BODY[0], middle[3], middle[4], BODY[1], BODY[2]]


# -- section labels ------------------------------------------------------------------------------
def test_head_section_label_removed_but_quote_lead_in_kept() -> None:
    cleaned = clean_text(article(head=["Special Report:"]))
    assert removed_reasons(cleaned) == {"Special Report:": "section label"}
    lead_ins = ["Example Wire reports:", "He said:", "From the agency:"]
    for lead_in in lead_ins:
        cleaned = clean_text(article(head=[lead_in]))
        assert cleaned.removed == [], lead_in


# -- author bios and bylines ---------------------------------------------------------------------
BIOS = [
    ("Jane Roe is a freelance journalist based in Lisbon.", "Jane Roe"),
    ("About the author: John Smith writes about energy policy for several magazines.", "John Smith"),
    ("Marie Dupont est journaliste indépendante et autrice de plusieurs livres.", "Marie Dupont"),
    ("Hans Müller ist Journalist und Autor des Buches über die Stadt.", "Hans Müller"),
    ("Иван Петров — журналист и политолог, автор книги о Балканах.", "Иван Петров"),
    ("Ana García es periodista y analista política.", "Ana García"),
    ("Marco Rossi è giornalista e scrittore.", "Marco Rossi"),
]


@pytest.mark.parametrize(("bio", "name"), BIOS)
def test_author_bio_in_tail(bio: str, name: str) -> None:
    cleaned = clean_text(article(tail=["***", bio, "Subscribe to our newsletter"]))
    assert removed_reasons(cleaned)[bio] == "author bio"
    assert cleaned.authors == [name]
    assert cleaned.author_bios == [bio]
    assert_body_kept(cleaned)


def test_bio_shape_right_after_body_without_bio_cue_is_body() -> None:
    last = "Jane Roe is a journalist and a mother of three."
    cleaned = clean_text(article(body=[*BODY, last]))
    assert cleaned.removed == []
    assert cleaned.authors == []


def test_byline_in_head() -> None:
    cleaned = clean_text(article(head=["By Jane Roe and John Smith"]))
    assert removed_reasons(cleaned) == {"By Jane Roe and John Smith": "byline"}
    assert cleaned.authors == ["Jane Roe", "John Smith"]
    cleaned = clean_text(article(head=["Автор: Игорь Белов"]))
    assert cleaned.authors == ["Игорь Белов"]


# -- attribution lines -> provenance ---------------------------------------------------------------
ATTRIBUTION = [
    ("Originally published by The Example Times.", "first_published_by", "The Example Times"),
    ("This article first appeared on Example News.", "first_published_by", "Example News"),
    ("First published by EXW", "first_published_by", "EXW"),
    ("The original source of this article is Example Research", "original_source", "Example Research"),
    ("This article was republished with permission from Example Review.", "republished_from",
     "Example Review"),
    ("Republished from Example Daily", "republished_from", "Example Daily"),
    ("Source: Example Wire", "republished_from", "Example Wire"),
    ("Publié initialement par Le Journal Exemple.", "first_published_by", "Le Journal Exemple"),
    ("Source : Agence Exemple", "republished_from", "Agence Exemple"),
    ("Erstveröffentlichung bei Beispiel Zeitung.", "first_published_by", "Beispiel Zeitung"),
    ("Quelle: Beispiel Agentur", "republished_from", "Beispiel Agentur"),
    ("Впервые опубликовано в «Пример Газета».", "first_published_by", "Пример Газета"),
    ("Источник: Пример Агентство", "republished_from", "Пример Агентство"),
    ("Publicado originalmente en El Ejemplo.", "first_published_by", "El Ejemplo"),
]


@pytest.mark.parametrize(("line", "field", "value"), ATTRIBUTION)
def test_attribution_lines(line: str, field: str, value: str) -> None:
    cleaned = clean_text(article(tail=[line]))
    assert removed_reasons(cleaned) == {line: "attribution"}
    assert getattr(cleaned.provenance, field) == value
    assert_body_kept(cleaned)


def test_attribution_naming_the_author() -> None:
    line = "This report was originally published by Jane Roe at Example News"
    cleaned = clean_text(article(tail=[line]))
    assert removed_reasons(cleaned) == {line: "attribution"}
    assert cleaned.provenance.first_published_by == "Example News"
    assert cleaned.authors == ["Jane Roe"]


def test_source_line_outside_the_tail_is_kept() -> None:
    cleaned = clean_text(article(head=["Source: Example Wire"]))
    assert cleaned.provenance.republished_from is None
    assert "Source: Example Wire" in cleaned.paragraphs


@pytest.mark.parametrize(("line", "holders", "year"), [
    ("Copyright © Jane Roe, Example Research, 2023", ["Jane Roe", "Example Research"], 2023),
    ("© 2023 Example Media Group. All rights reserved.", ["Example Media Group"], 2023),
    ("(c) Jane Roe 2021", ["Jane Roe"], 2021),
    ("©2018 Example Times, Distributed by Example Content Agency, LLC.", ["Example Times"], 2018),
    ("Copyright 2010–2024 Example Press Ltd.", ["Example Press Ltd"], 2024),
])
def test_copyright_lines(line: str, holders: list[str], year: int) -> None:
    cleaned = clean_text(article(tail=[line]))
    assert removed_reasons(cleaned) == {line: "attribution"}
    assert cleaned.provenance.copyright_holders == holders
    assert cleaned.provenance.copyright_year == year


def test_person_copyright_holder_becomes_author_only_without_other_author() -> None:
    cleaned = clean_text(article(tail=["Copyright © Jane Roe, Example Research, 2023"]))
    assert cleaned.authors == ["Jane Roe"]
    assert cleaned.authors_from_copyright
    cleaned = clean_text(article(head=["By John Smith"],
                                 tail=["Copyright © Jane Roe, Example Research, 2023"]))
    assert cleaned.authors == ["John Smith"]
    cleaned = clean_text(article(tail=["© 2023 Example News Agency"]))
    assert cleaned.authors == []


# -- separators, normalisation, blocks -------------------------------------------------------------
def test_normalisation() -> None:
    raw = "Title\u00a0here\r\n\r\nFirst para\u200bgraph\u2009with \t spaces.  \rSecond line\ufeff.\t\n"
    assert normalize_text(raw) == "Title here\n\nFirst paragraph with spaces.\nSecond line."
    assert normalize_text("e\u0301te\u0301") == "\u00e9t\u00e9"  # NFC


def test_lines_are_paragraphs_without_blank_lines() -> None:
    raw = "A title line\n" + "\n".join(BODY)
    cleaned = clean_text(raw)
    assert cleaned.title == "A title line"
    assert_body_kept(cleaned)


def test_hard_wrapped_text_is_joined() -> None:
    long_body = [f"{p} {p}" for p in BODY]
    wrapped = "\n\n".join(textwrap.fill(p, width=72) for p in long_body)
    assert wrapped.count("\n") > 10
    cleaned = clean_text(TITLE + "\n\n" + wrapped)
    assert cleaned.body_paragraphs == long_body


def test_hard_wrapped_text_without_blank_lines() -> None:
    long_body = [f"{p} {p}" for p in BODY]
    wrapped = "\n".join(textwrap.fill(p, width=70) for p in long_body)
    blocks = split_blocks(normalize_text(wrapped))
    assert blocks == long_body


def test_short_lines_in_a_block_stay_separate() -> None:
    raw = article(body=[*BODY, "Monday: budget vote\nTuesday: road plan\nFriday: harbour hearing"])
    cleaned = clean_text(raw)
    assert cleaned.body_paragraphs[-3:] == ["Monday: budget vote", "Tuesday: road plan",
                                            "Friday: harbour hearing"]


# -- title ---------------------------------------------------------------------------------------
def test_title_detection() -> None:
    cleaned = clean_text(article())
    assert cleaned.title == TITLE
    assert cleaned.text.startswith(TITLE + "\n\n")
    assert cleaned.title_span == (0, len(TITLE))


def test_no_title_when_first_block_is_a_lead_in_or_long() -> None:
    cleaned = clean_text(article(title=None, body=["What the council decided:", *BODY]))
    assert cleaned.title is None
    assert cleaned.title_span is None
    cleaned = clean_text(article(title=None))
    assert cleaned.title is None
    assert_body_kept(cleaned)


def test_boilerplate_before_the_title_is_skipped() -> None:
    cleaned = clean_text(article(title=None, head=["Subscribe to our newsletter", TITLE]))
    assert cleaned.title == TITLE
    assert removed_reasons(cleaned) == {"Subscribe to our newsletter": "newsletter prompt"}


@pytest.mark.parametrize("known", [TITLE.upper(), f"  {TITLE}  ", f"{TITLE} | Example News"])
def test_known_title_duplicate_removed(known: str) -> None:
    cleaned = clean_text(article(), title=known)
    assert removed_reasons(cleaned) == {TITLE: "duplicate of title"}
    assert cleaned.title == " ".join(known.split())
    assert_body_kept(cleaned)


def test_known_title_duplicate_with_site_suffix_in_text() -> None:
    in_text = f"{TITLE} – Example News"
    cleaned = clean_text(article(title=in_text), title=TITLE)
    assert removed_reasons(cleaned) == {in_text: "duplicate of title"}
    assert cleaned.title == TITLE


def test_date_line_is_not_a_title() -> None:
    cleaned = clean_text(article(title="May 3, 2023"))
    assert cleaned.title is None
    assert cleaned.paragraphs == ["May 3, 2023", *BODY]


def test_known_title_kept_as_given() -> None:
    cleaned = clean_text(article(), title=f"  {TITLE}\n| Example News ")
    assert cleaned.title == f"{TITLE} | Example News"
    assert cleaned.paragraphs[0] == cleaned.title


def test_known_title_not_in_text_is_prepended() -> None:
    cleaned = clean_text(article(title=None), title="Budget day")
    assert cleaned.paragraphs == ["Budget day", *BODY]
    assert cleaned.removed == []


# -- repeated outlet blocks ------------------------------------------------------------------------
OUTLET_BLOCK = ("Example Outlet is independent and paid for by readers who believe in local reporting "
                "that holds the powerful to account.")


class Repeated:
    """A fake `is_repeated` with the prefetch protocol."""

    def __init__(self, known: set[str]):
        self.known = known
        self.prefetched: list[list[str]] = []

    def prefetch(self, blocks: list[str]) -> None:
        self.prefetched.append(blocks)

    def __call__(self, block: str) -> bool:
        return block in self.known


def test_repeated_block_removed_in_tail() -> None:
    repeated = Repeated({OUTLET_BLOCK})
    cleaned = clean_text(article(tail=[OUTLET_BLOCK]), is_repeated=repeated)
    assert removed_reasons(cleaned) == {OUTLET_BLOCK: "repeated outlet block"}
    assert_body_kept(cleaned)
    assert len(repeated.prefetched) == 1
    assert OUTLET_BLOCK in repeated.prefetched[0]


def test_repeated_block_removed_in_head_kept_in_middle() -> None:
    repeated = Repeated({OUTLET_BLOCK})
    cleaned = clean_text(article(head=[OUTLET_BLOCK]), is_repeated=repeated)
    assert removed_reasons(cleaned) == {OUTLET_BLOCK: "repeated outlet block"}
    body = [BODY[0], OUTLET_BLOCK, BODY[1], BODY[2]]
    cleaned = clean_text(article(body=body), is_repeated=repeated)
    assert cleaned.removed == []
    assert_body_kept(cleaned, body)


def test_repeated_blocks_kept_when_most_of_the_article_repeats() -> None:
    repeated = Repeated({*BODY, OUTLET_BLOCK})
    cleaned = clean_text(article(tail=[OUTLET_BLOCK]), is_repeated=repeated)
    assert cleaned.removed == []
    assert cleaned.body_paragraphs == [*BODY, OUTLET_BLOCK]


def test_plain_callable_works_as_is_repeated() -> None:
    cleaned = clean_text(article(tail=[OUTLET_BLOCK]), is_repeated=lambda b: b == OUTLET_BLOCK)
    assert removed_reasons(cleaned) == {OUTLET_BLOCK: "repeated outlet block"}


def test_candidate_blocks_are_the_body_blocks() -> None:
    raw = article(tail=[OUTLET_BLOCK])
    assert candidate_blocks(raw) == [*BODY, OUTLET_BLOCK]


# -- odd inputs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["", "   \n\n \t", "***", "\u200b\u200b", "Just a title"])
def test_degenerate_inputs(raw: str) -> None:
    cleaned = clean_text(raw)
    assert "\n\n".join(cleaned.paragraphs) == cleaned.text
    assert cleaned.body_word_count == 0


def test_a_title_found_in_the_text_is_one_normalised_line():
    """Tabs inside a first line taken as the title are folded like any title (found by the mutation fuzzer)."""
    cleaned = clean_text("\n\n".join(["Pier\t\tcloses after the storm", *BODY]))
    assert cleaned.title == "Pier closes after the storm"

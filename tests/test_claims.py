"""Claims: quotes with speakers and cues, relations between actors, hedges, actors and their aliases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import spinlens
from spinlens.claims.actors import AliasTable, find_mentions, summarise
from spinlens.claims.quotes import find_quotes, quoted_regions
from spinlens.claims.relations import find_relations
from spinlens.claims.relations_intl import find_relations_intl
from spinlens.claims.clauses import Part
from spinlens.claims.names import ensure_actor
from spinlens.claims.stage import find_hedges
from spinlens.errors import UsageError
from spinlens.model import spans_slice_text


def quotes(text: str, language: str = "en"):
    return find_quotes(text, language, find_mentions(text) if language == "en" else [])


def rel(text: str, kind: str):
    found = [r for r in find_relations(text) if r.type == kind]
    assert found, f"no {kind} relation in {text!r}"
    r = found[0]
    return (r.agent and r.agent.text, r.target and r.target.text, r.content and r.content.text)


# -------------------------------------------------------------------------------------------- quotes

def test_quoted_regions_pair_every_common_mark():
    text = "A “one” b «two» c „drei“ d \"four\" e ‹five› f ‘six words here’ g don’t."
    inside = [text[s:e] for s, e, _ in quoted_regions(text)]
    assert inside == ["one", "two", "drei", "four", "five", "six words here"]


def test_a_quote_running_over_paragraphs_is_one_quote():
    text = "She said: “The first part goes on.\n\n“And the second part ends here,” she added."
    (start, end, unbalanced), = quoted_regions(text)
    assert not unbalanced and text[start:end].startswith("The first") and text[start:end].endswith("here,")


def test_an_unclosed_quote_ends_at_its_paragraph_and_is_marked():
    text = "He said: “This never closes.\n\nA new paragraph without quotes."
    (start, end, unbalanced), = quoted_regions(text)
    assert unbalanced and text[start:end] == "This never closes."


def test_speaker_after_and_before_the_quote_and_split_quotes():
    text = ("“We will not retreat,” said Defence Minister Ana Kovac on Monday. “The border is ours.”\n\n"
            "The opposition leader, Marko Ilic, said: “Nobody asked us.”")
    found = quotes(text)
    assert [(q.content.text, q.speaker.text, q.cue.text, q.actor) for q in found] == [
        ("We will not retreat", "Defence Minister Ana Kovac", "said", "Ana Kovac"),
        ("The border is ours.", "Defence Minister Ana Kovac", "said", "Ana Kovac"),
        ("Nobody asked us.", "Marko Ilic", "said", "Marko Ilic"),
    ]


def test_pronoun_speakers_are_resolved_and_the_resolution_recorded():
    text = "Mayor Lena Hoff visited the dam on Friday. “The repairs start today,” she told reporters."
    q, = quotes(text)
    assert (q.speaker.text, q.actor, q.resolved_from) == ("she", "Lena Hoff", "she")


def test_indirect_and_according_to_and_said_last():
    text = ("According to the ministry, the shelling lasted three hours. The mayor said that the water supply "
            "had been restored. The talks failed after midnight, officials said.")
    found = [(q.kind, q.speaker.text, q.cue.text, q.content.text) for q in quotes(text)]
    assert found == [
        ("indirect", "the ministry", "According to", "the shelling lasted three hours"),
        ("indirect", "The mayor", "said", "the water supply had been restored"),
        ("indirect", "officials", "said", "The talks failed after midnight"),
    ]


def test_a_condition_or_an_open_phrase_before_a_cue_is_no_speaker():
    """Seen in a seed article: 'If Moscow maintains a high intensity of attacks, ...' and '... sponsor of
    terrorism for insisting on arming Kiev ...' are not reported speech."""
    for text in ("If Moscow maintains a high intensity of attacks, the tendency is that Kiev may be neutralized "
                 "before the new weapons arrive.",
                 "NATO should be considered a sponsor of terrorism for insisting on arming Kiev despite the "
                 "crimes committed by the regime."):
        assert quotes(text) == [], text
    kept = [(q.speaker.text, q.content.text) for q in quotes("The mayor insisted the dam would hold through the "
                                                              "winter.")]
    assert kept == [("The mayor", "the dam would hold through the winter")]


def test_mixed_quotes_and_scare_quotes():
    text = "Kovac called the report «pure fiction». Critics doubt the so-called “reform” will last."
    found = quotes(text)
    assert [(q.kind, q.speaker.text, q.content.text) for q in found] == [("mixed", "Kovac", "pure fiction")]


def test_a_quote_without_speaker_is_kept_as_speaker_unknown():
    text = "The crowd grew quiet.\n\n“Nobody will forget this night, nobody at all.”"
    q, = quotes(text)
    assert q.speaker is None and q.status == "speaker unknown"


@pytest.mark.parametrize("language, text, speaker, cue", [
    ("fr", "« Nous ne céderons pas », a déclaré Marie Dubois devant la presse.", "Marie Dubois", "a déclaré"),
    ("de", "„Wir geben nicht nach“, sagte Jonas Weber am Montag.", "Jonas Weber", "sagte"),
    ("de", "„Wir haben die Sirenen gehört“, erzählt eine Mutter in der Notunterkunft.", "eine Mutter", "erzählt"),
    ("ru", "Через час, как министр Анзел Моравек объявил, что за «диверсией» стоит Кастовия.",
     "министр Анзел Моравек", "объявил"),
    ("pl", "Minister Jan Nowak ogłosił, że rozmowy z sąsiadami zostały zerwane.", "Minister Jan Nowak", "ogłosił"),
    ("ru", "«Мы не отступим», — заявил Иван Петров журналистам.", "Иван Петров", "заявил"),
    ("it", "«Non ci arrenderemo», ha dichiarato Marco Rossi.", "Marco Rossi", "ha dichiarato"),
    ("pl", "„Nie ustąpimy” – powiedział Jan Nowak.", "Jan Nowak", "powiedział"),
    # inverted cues: the pronoun after the verb is the speaker
    ("fr", "Jean Morel a parlé hier. « Nous ne partirons pas », a-t-il ajouté.", "il", "a-t-il ajouté"),
    ("de", "Anna Roth sprach am Abend. „Wir bleiben hier“, sagte sie.", "sie", "sagte"),
    ("ru", "Ольга Орлова выступила вечером. «Мы останемся», — заявила она.", "она", "заявила"),
])
def test_quotes_speakers_and_cues_in_five_more_languages(language, text, speaker, cue):
    q, = quotes(text, language)
    assert (q.speaker.text, q.cue.text) == (speaker, cue)


def test_reported_speech_in_other_languages():
    fr = quotes("Selon le ministère, les négociations ont échoué hier soir.", "fr")
    ru = quotes("По словам министра, переговоры зашли в тупик вчера вечером.", "ru")
    assert fr[0].speaker.text == "le ministère" and fr[0].content.text == "les négociations ont échoué hier soir"
    assert ru[0].speaker.text == "министра" and ru[0].kind == "indirect"


# ----------------------------------------------------------------------------------------- relations

def test_active_relations_with_agent_target_and_content():
    assert rel("The opposition accused the minister of lying to parliament.", "accuse") == (
        "The opposition", "the minister", "of lying to parliament")
    assert rel("Protesters urged the government to resign.", "demand") == ("Protesters", "the government", "to resign")
    assert rel("The president praised the firefighters for their courage.", "praise") == (
        "The president", "the firefighters", "for their courage")
    assert rel("He threatened to cut off gas supplies.", "threaten") == ("He", None, "to cut off gas supplies")
    assert rel("The rebels claimed responsibility for the bombing.", "claim_responsibility") == (
        "The rebels", None, "for the bombing")


def test_the_agent_of_an_absolute_with_phrase_is_its_noun():
    """Seen in a seed article: ', with members of the Russian parliament demanding that ...'."""
    agent, _, content = rel("The reaction has been serious, with members of the Russian parliament demanding that "
                            "tough measures be taken.", "demand")
    assert agent == "members of the Russian parliament" and content.startswith("that tough measures")


@pytest.mark.parametrize("text, kind, target", [
    ("For years it has threatened our water, our energy and our borders.", "threaten", "our water, our energy and our borders"),
    ("The envoy accused Kastovia, Drevnia and Velgrad of lying.", "accuse", "Kastovia, Drevnia and Velgrad"),
    ("The minister blamed the army, the police, and the militia for the delay.", "blame",
     "the army, the police, and the militia"),
    ("The minister blamed the army, which denied it and the police too.", "blame", "the army"),
    ("The minister blamed the army, and the mayor agreed.", "blame", "the army"),
    ("The minister blamed the army, saying soldiers and police had failed.", "blame", "the army"),
])
def test_a_listed_target_is_taken_whole(text, kind, target):
    """Seen in the demo (en-104): 'threatened our water, our energy and our borders' had 'our water' as target."""
    assert next(r for r in find_relations(text) if r.type == kind).target.text == target


def test_passive_and_relative_clause_relations():
    assert rel("The blackout was blamed on the rebels.", "blame") == (None, "the rebels", "The blackout")
    assert rel("Kovac was accused of corruption by prosecutors.", "accuse") == ("prosecutors", "Kovac", "of corruption")
    assert rel("The minister, who blamed the rebels for the blackout, resigned.", "blame") == (
        "The minister", "the rebels", "for the blackout")


@pytest.mark.parametrize("text, denier", [
    ("Drevnia accuses Kastovia, which denies any role.", "Kastovia"),
    ("The ministry blames the rebels, who deny any involvement.", "the rebels"),
    ("Drevnia blamed Kastovia, which denied any involvement.", "Kastovia"),
])
def test_a_relative_clause_after_a_present_tense_accusation_belongs_to_the_accused(text, denier):
    assert rel(text, "deny")[0] == denier


def test_a_part_keeps_the_closing_quotation_mark_of_a_quotation_it_opens():
    assert rel("The ministry has dismissed the accusations as “theatre”.", "deny")[2] == "the accusations as “theatre”"
    german, = find_relations_intl("Das Außenministerium wies die Vorwürfe als „Theater“ zurück.", "de")
    assert german.content.text == "die Vorwürfe als „Theater“"
    assert rel("The ministry rejected “the accusations”.", "deny")[2] == "the accusations"  # a whole quotation: off


def test_negated_cues_are_not_relations():
    assert find_relations("The minister did not accuse anyone. She never blamed the army for it.") == []


def test_a_leading_time_phrase_is_not_part_of_the_agent():
    """Seen in the demo story view: 'For years it' as the agent of 'has threatened'."""
    found = [(r.type, r.agent.text) for r in find_relations(
        "For years it has threatened our water. On Monday the minister accused the rebels of lying. "
        "Last week the mayor blamed the council for the delay.")]
    assert found == [("threaten", "it"), ("accuse", "the minister"), ("blame", "the mayor")]


def test_cue_words_used_as_nouns_are_not_relations():
    """Seen in the demo story view: 'a demolition charge' as an accusation, 'a reasonable demand' as a demand."""
    assert find_relations("Fragments of a demolition charge were recovered. It is a reasonable demand. "
                          "Their support was welcome. The injuries were not life-threatening. The gate was "
                          "secured with temporary supports.") == []
    assert [r.type for r in find_relations("The government on Friday threatened to cut supplies.")] == ["threaten"]
    found = [(r.type, r.cue.text, r.target and r.target.text) for r in find_relations(
        "Prosecutors charged the mayor with fraud. The leader demanded a recount. The official charges them with "
        "theft.")]
    assert found == [("accuse", "charged", "the mayor"), ("demand", "demanded", None),
                     ("accuse", "charges", "them")]


# ------------------------------------------------------------------------------------ hedges, actors

@pytest.mark.parametrize("language, text, marker, kind", [
    ("en", "The plant was reportedly hit twice.", "reportedly", "hedge"),
    ("en", "He accused them without showing any evidence.", "without showing any evidence", "unsourced"),
    ("en", "Satellite images show the damage.", "Satellite images show", "evidence"),
    ("fr", "Le dirigeant aurait fui prétendument vers le sud.", "prétendument", "hedge"),
    ("de", "Der Angriff wurde angeblich vereitelt.", "angeblich", "hedge"),
    ("ru", "Беспилотник якобы был сбит.", "якобы", "hedge"),
    ("it", "Il leader sarebbe presumibilmente fuggito.", "presumibilmente", "hedge"),
    ("pl", "Przywódca rzekomo uciekł.", "rzekomo", "hedge"),
    # session 19: sourcing phrases, conditionals of reported information, pointers to documents
    ("en", "The message could not be independently verified.", "could not be independently verified", "unsourced"),
    ("en", "An official, speaking on condition of anonymity, said it.", "speaking on condition of anonymity",
     "unsourced"),
    ("en", "It cited unnamed military sources.", "unnamed military sources", "unsourced"),
    ("en", "A tanker spilled an estimated 40 tonnes of oil.", "an estimated", "hedge"),
    ("fr", "Une employée, qui a requis l'anonymat, l'affirme.", "qui a requis l'anonymat", "unsourced"),
    ("de", "Die Lieferungen verzögern sich, hieß es.", "hieß es", "unsourced"),
    ("it", "All'appello mancherebbero dodici medici.", "mancherebbero", "hedge"),
    ("it", "Secondo quanto si apprende, la procura indaga.", "Secondo quanto si apprende", "unsourced"),
    ("it", "Dagli atti dell'inchiesta emerge un quadro diverso.", "Dagli atti dell'inchiesta emerge", "evidence"),
    ("pl", "Z akt sprawy wynika, że umowa była fikcyjna.", "Z akt sprawy wynika", "evidence"),
    ("pl", "Nagranie nie zostało dotąd potwierdzone.", "nie zostało dotąd potwierdzone", "unsourced"),
    ("ru", "Подлинность видео пока не подтверждена.", "пока не подтверждена", "unsourced"),
    # session 20: inflected adjectives and a few more common forms
    ("de", "Die mutmaßlichen Täter flohen.", "mutmaßlichen", "hedge"),
    ("de", "Dem Vernehmen nach trat er zurück.", "Dem Vernehmen nach", "hedge"),
    ("de", "Er soll in Moskau gewesen sein.", "soll in Moskau gewesen sein", "hedge"),
    ("pl", "Rzekomy sprawca uciekł.", "Rzekomy", "hedge"),
    ("pl", "Ponoć był w Moskwie.", "Ponoć", "hedge"),
    ("ru", "Предполагаемый преступник скрылся.", "Предполагаемый", "hedge"),
])
def test_hedges_and_evidence_markers(language, text, marker, kind):
    assert (marker, kind) in [(text[s:e], k) for s, e, k in find_hedges(text, language)]


def test_a_german_plan_with_sollen_is_no_hedge():
    assert find_hedges("Das Gesetz soll im Mai in Kraft treten.", "de") == []


def test_designations_of_one_state_are_merged_and_kept():
    text = ("The Kremlin blamed the Kiev regime. Ukrainian authorities rejected it, and Kiev said so again. "
            "President Vladimir Putin spoke later; Putin was calm.")
    actors = {a.actor: a for a in summarise(find_mentions(text))}
    assert set(actors["Ukraine"].designations) == {"the Kiev regime", "Ukrainian authorities", "Kiev"}
    assert actors["Russia"].designations == ["Kremlin"]
    assert actors["Vladimir Putin"].mentions == 2


def test_headline_words_are_not_people_and_capitalised_state_heads_designate_states():
    """Seen in the seed-000 report: a title-case headline gave the person 'Drone Attack', 'the Ukrainian
    State' the person 'State', and NATO was called a state."""
    text = ("Drone Attack on Kremlin May Escalate\nA drone attack hit the roof. Analysts say the Ukrainian State "
            "is behind it, and NATO arms it. Lucas Leiroz wrote that the attack failed; the American Embassy "
            "told citizens to leave. Tensions rose. Rose Brandt agreed.")
    actors = {a.actor: a for a in summarise(find_mentions(text))}
    assert "Drone Attack" not in actors
    assert "State" not in actors and "the Ukrainian State" in actors["Ukraine"].designations
    assert actors["NATO"].kind == "org"
    assert actors["United States"].designations == ["the American Embassy"]
    assert actors["Lucas Leiroz"].kind == "person"
    assert actors["Rose Brandt"].kind == "person"  # 'rose' is lower-case elsewhere, 'Brandt' is not


def test_time_zones_are_not_actors():
    article = spinlens.analyze(text=("Dam report withheld\n\nThe sirens sounded at 04:10 GMT on Monday, and Moravek "
                                     "blamed Drevhydro for the delay."))
    assert "GMT" not in {s.label for s in article.layer("actor")}
    assert {"Moravek", "Drevhydro"} <= {s.label for s in article.layer("actor")}


@pytest.mark.parametrize("part_text, actor, designation, language", [
    ("Drevhydro has refused to publish the report", "Drevhydro", "Drevhydro", "en"),  # a clause: the name alone
    ("on Kastovia and", "Kastovia", "Kastovia", "en"),  # edge words trimmed
    ("Kastovia's foreign ministry", "Kastovia", "Kastovia's foreign ministry", "en"),  # a designation, kept
    ("Sa porte-parole", None, None, "fr"),  # a possessive, not a name
    ("Она", None, None, "ru"),  # a pronoun of the article's language
    ("Local engineers", None, None, "en"),  # a sentence-initial adjective and a role noun, no name
    ("Residents of Tiel", "Tiel", "Residents of Tiel", "en"),
    ("Engineers from the state utility Drevhydro", "Drevhydro", "Drevhydro", "en"),
    ("Министр иностранных дел Павел Истрин", "Павел Истрин", "Министр иностранных дел Павел Истрин", "ru"),
    ("Innenminister Anzel Moravek", "Anzel Moravek", "Innenminister Anzel Moravek", "de"),
    ("Das Regime", None, None, "de"),  # a German noun after its article
    ("МИД Кастовии", "МИД Кастовии", "МИД Кастовии", "ru"),
    # German: an article ends the name, a determiner and a title open the designation
    ("Vogt der Lokalzeitung", "Vogt", "Vogt der Lokalzeitung", "de"),
    ("Dessen Sprecherin Anna Weiß", "Anna Weiß", "Dessen Sprecherin Anna Weiß", "de"),
    ("die Sprecherin Anna Weiß", "Anna Weiß", "die Sprecherin Anna Weiß", "de"),
    ("Bürgerinitiativen-Sprecherin Eva Roth", "Eva Roth", "Bürgerinitiativen-Sprecherin Eva Roth", "de"),
    ("Ursula von der Leyen", "Ursula von der Leyen", "Ursula von der Leyen", "de"),
    # Polish and Russian: role words, genitives and acronyms before a full name are whose office it is
    ("Minister obrony Belmonii Tomasz Lipski", "Tomasz Lipski", "Minister obrony Belmonii Tomasz Lipski", "pl"),
    ("Właściciel Bałtexu Roman Mazur", "Roman Mazur", "Właściciel Bałtexu Roman Mazur", "pl"),
    ("Wojewoda Roman Jasiński", "Roman Jasiński", "Wojewoda Roman Jasiński", "pl"),
    ("Мэр Северска Алексей Громов", "Алексей Громов", "Мэр Северска Алексей Громов", "ru"),
    ("Глава МИД Павел Истрин", "Павел Истрин", "Глава МИД Павел Истрин", "ru"),
    ("Мэр Сергей Семёнович Собянин", "Сергей Семёнович Собянин", "Мэр Сергей Семёнович Собянин", "ru"),
    ("Jan Maria Rokita", "Jan Maria Rokita", "Jan Maria Rokita", "pl"),
    # French and Italian: a title alone names no one; after 'di'/'de' the place goes to the designation
    ("sindaco di Palermo Leoluca Orlando", "Leoluca Orlando", "sindaco di Palermo Leoluca Orlando", "it"),
    ("il Segretario", None, None, "it"),
    ("Coloro che", None, None, "it"),
    # a capitalised adverb or conjunction opening a sentence names no one
    ("Ainsi", None, None, "fr"), ("Daraufhin", None, None, "de"), ("Letzte Woche", None, None, "de"),
    ("Choć większość wirusologów", None, None, "pl"), ("Аналитик", None, None, "ru"),
    ("Ранее Киссинджер", "Киссинджер", "Ранее Киссинджер", "ru"),
    ("Госдепа Джим О'Брайен", "Джим О'Брайен", "Госдепа Джим О'Брайен", "ru"),
])
def test_speaker_agent_and_target_parts_give_names_not_clauses(part_text, actor, designation, language):
    text = "Before. " + part_text + " said it."
    mentions = []
    ensure_actor(text, Part(8, 8 + len(part_text), part_text), mentions, language=language)
    assert [(m.actor, m.designation) for m in mentions] == ([(actor, designation)] if actor else [])
    assert all(text[m.start:m.end] == m.designation for m in mentions)


@pytest.mark.parametrize("part_text, language", [("В Пелске", "ru"), ("W Kastrii", "pl")])
def test_a_place_after_a_preposition_is_a_group_not_a_person(part_text, language):
    text = "Before. " + part_text + " said it."
    mentions = []
    ensure_actor(text, Part(8, 8 + len(part_text), part_text), mentions, single="person", language=language)
    assert [(m.actor, m.kind) for m in mentions] == [(part_text.split()[1], "group")]


def test_english_organisations_named_with_of_are_one_actor():
    text = ("The Union of Concerned Scientists accused the Department of Justice of delays. A previously unknown "
            "group, the Sons of the Delta, claimed responsibility. The Bank of Russia declined to comment, and "
            "Ursula von der Leyen said the Ministry of Defence had been told.")
    mentions = find_mentions(text)
    actors = [(m.actor, m.kind) for m in mentions]
    assert actors == [("Union of Concerned Scientists", "org"), ("Department of Justice", "org"),
                      ("Sons of the Delta", "org"), ("Russia", "state"), ("Ursula von der Leyen", "person"),
                      ("Ministry of Defence", "org")], actors
    russia = next(m for m in mentions if m.actor == "Russia")
    assert russia.designation == "Bank of Russia" and text[russia.start:russia.end] == "Bank of Russia"


@pytest.mark.parametrize("part_text, actor, language", [
    ("Brigate del Fiume Nero", "Brigate del Fiume Nero", "it"), ("Acque del Colle", "Acque del Colle", "it"),
    ("Syndicat Sud Rail", "Syndicat Sud Rail", "fr"), ("Stadtwerke Velden", "Stadtwerke Velden", "de"),
    ("Zakłady Mechaniczne Prema", "Zakłady Mechaniczne Prema", "pl"),
    ("Партия Зелёных", "Партия Зелёных", "ru"),
    # a common noun for an organisation before a one-word name
    ("il quotidiano tedesco Handelsblatt", "Handelsblatt", "it"), ("l'exploitant public Drevhydro", "Drevhydro", "fr"),
    ("die Zeitung Bild", "Bild", "de"), ("dziennik Rzeczpospolita", "Rzeczpospolita", "pl"),
    ("газета Коммерсантъ", "Коммерсантъ", "ru"),
])
def test_organisation_words_of_each_language_type_a_speaker_as_an_organisation(part_text, actor, language):
    text = "Before. " + part_text + " said it."
    mentions = []
    ensure_actor(text, Part(8, 8 + len(part_text), part_text), mentions, single="person", language=language)
    assert [(m.actor, m.kind) for m in mentions] == [(actor, "org")]


@pytest.mark.parametrize("part_text, kind", [("Zelensky", "person"), ("Tymoshenko", "person"),
                                             ("Зеленский", "person"), ("Drevhydro", "group"), ("Sky", "group"),
                                             ("Nebraska", "group")])
def test_a_lone_word_with_a_surname_ending_is_a_person(part_text, kind):
    text = "Some advisers are urging " + part_text + " to stay out."
    mentions = []
    start = text.index(part_text)
    ensure_actor(text, Part(start, start + len(part_text), part_text), mentions)
    assert [(m.actor, m.kind) for m in mentions] == [(part_text, kind)]


def test_people_sharing_a_surname_stay_apart_and_a_surname_alone_is_the_nearest_of_them():
    text = ("Quentin Lamar Smith was arrested. Quentin Smith lived there with his wife. Smith had a gun. "
            "Later Candace Smith called the police. Smith was hiding in the bushes. Bill Clinton and Hillary "
            "Clinton spoke. AG Sessions met Jeff Sessions's staff.")
    actors = [(m.designation, m.actor) for m in find_mentions(text)]
    assert actors == [("Quentin Lamar Smith", "Quentin Lamar Smith"), ("Quentin Smith", "Quentin Lamar Smith"),
                      ("Smith", "Quentin Lamar Smith"), ("Candace Smith", "Candace Smith"),
                      ("Smith", "Candace Smith"), ("Bill Clinton", "Bill Clinton"),
                      ("Hillary Clinton", "Hillary Clinton"), ("AG Sessions", "Jeff Sessions"),
                      ("Jeff Sessions", "Jeff Sessions")], actors


def test_a_surname_before_any_full_name_is_the_most_mentioned_person_and_parties_are_designations():
    text = ("It was a long race. Gillum spoke first. Andrew Gillum won, and Jeb Gillum lost. Andrew Gillum thanked "
            "them. Republican Donald Trump said so, and the Democratic Party agreed.")
    actors = [(m.designation, m.actor, m.kind) for m in find_mentions(text)]
    assert actors == [("Gillum", "Andrew Gillum", "person"), ("Andrew Gillum", "Andrew Gillum", "person"),
                      ("Jeb Gillum", "Jeb Gillum", "person"), ("Andrew Gillum", "Andrew Gillum", "person"),
                      ("Republican Donald Trump", "Donald Trump", "person"),
                      ("Democratic Party", "Democratic Party", "org")], actors


def test_a_person_group_is_named_by_its_most_frequent_full_name():
    text = ("Democrat Hillary Rodham Clinton lost. Hillary Clinton said so. Hillary Clinton left. Clinton wept.")
    assert {m.actor for m in find_mentions(text)} == {"Hillary Clinton"}


@pytest.mark.parametrize("text, expected", [
    ("Former Federal Bureau of Investigation Director Louis Freeh spoke. Seymour Hersh wrote it.",
     [("Federal Bureau", "org"), ("Louis Freeh", "person"), ("Seymour Hersh", "person")]),  # no headline
    ("Secretary of State Hillary Clinton agreed.", [("Hillary Clinton", "person")]),
    ("It was late. The then-Secretary of State Hillary Clinton met ex-President Donald Trump.",
     [("Hillary Clinton", "person"), ("Donald Trump", "person")]),
    ("The Centers for Disease Control said so.", [("Centers for Disease Control", "org")]),
    ("Pulitzer Prize-winning journalist Seymour Hersh wrote it.", [("Seymour Hersh", "person")]),
    ("It was late. Police went to Cross Wind Drive on Monday.", [("Police", "org")]),
    ("It was a long day. Vladimir Putin's army attacked, and the Civic Party's leader left.",
     [("Vladimir Putin", "person"), ("Civic Party", "org")]),  # the possessor, without its 's
])
def test_english_names_end_before_titles_adjectives_and_streets(text, expected):
    assert [(m.actor, m.kind) for m in find_mentions(text)] == expected


def test_a_capitalised_cue_word_inside_a_sentence_is_part_of_a_name():
    quote, = find_quotes("Colonel Omar Said said three soldiers had been killed.", "en", [])
    assert (quote.speaker.text, quote.cue.text) == ("Colonel Omar Said", "said")
    quote, = find_quotes("He argued that the United States would fall into the ocean.", "en", [])
    assert (quote.speaker.text, quote.cue.text) == ("He", "argued")


def test_an_english_name_after_the_is_an_organisation_not_a_person():
    mentions = find_mentions("Ruth Adeyemi told the Carnford Echo that The Green Coalition had lied.")
    assert [(m.actor, m.kind) for m in mentions] == [("Ruth Adeyemi", "person"), ("Carnford Echo", "org"),
                                                     ("Green Coalition", "org")]


def test_a_title_case_headline_verb_ends_a_name():
    text = ("Police Chief Blames Protesters for Violence\n\nViktor Orban Calls For Global Alliance\n\n"
            "Chief Nora Hale said the march was peaceful until Viktor Orban spoke. The Claims Court sat on Monday.")
    mentions = find_mentions(text)
    assert [(m.actor, m.kind) for m in mentions] == [
        ("Viktor Orban", "person"), ("Nora Hale", "person"), ("Viktor Orban", "person"), ("Claims Court", "org")]


def test_an_english_name_after_in_or_near_is_a_place_everywhere_in_the_article():
    text = ("Las Vegas police said the gunman, Dale Corrin, fired from a hotel in Las Vegas. "
            "Residents near San Ysidro were told to leave. The ruling went in Hillary Clinton's favor.")
    mentions = find_mentions(text)
    assert [(m.actor, m.kind) for m in mentions] == [("Dale Corrin", "person"), ("Hillary Clinton", "person")]


def test_user_alias_file_overrides_the_grouping(tmp_path: Path):
    path = tmp_path / "aliases.toml"
    path.write_text('[actors."Ruritania"]\nkind = "state"\naliases = ["the Strelsau junta", "Strelsau"]\n', "utf-8")
    table = AliasTable.load(path)
    mentions = find_mentions("The Strelsau junta denied it. Officials in Strelsau agreed.", table)
    assert [(m.actor, m.kind) for m in mentions][:2] == [("Ruritania", "state"), ("Ruritania", "state")]
    path.write_text("[actors\nbroken", "utf-8")
    with pytest.raises(UsageError, match="aliases.toml"):
        AliasTable.load(path)


# ---------------------------------------------------------------------------------- stage and seeds

def test_stage_records_unsupported_languages_and_stays_within_text():
    article = spinlens.analyze(text="Un titre\n\nEl gobierno acusó a la oposición de mentir sobre las cuentas "
                                    "públicas durante toda la campaña electoral, dijo ayer el portavoz oficial.")
    assert article.extra["claims"]["analysed"] is False
    assert not article.layer("quote") and not article.layer("relation")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["“", "”", "«", "»", "„", "\"", "‘", "’", " said ", "He ", "accused ",
                                 "Anna Berg ", "the army ", ".", ",", "\n\n", "word ", "of lying "]),
                min_size=1, max_size=60))
def test_claims_never_crash_and_spans_slice_the_text(pieces):
    text = ("Quote storm\n\nThe council met on Monday to discuss the harbour, the ferry timetable and the cost of "
            "repairs to the old pier. " + "".join(pieces) + " The end came late.")
    article = spinlens.analyze(text=text)
    assert spans_slice_text(article)
    for span in article.spans:
        if span.layer in ("quote", "relation", "claim", "actor", "hedge"):
            assert span.end > span.start


def test_very_long_sentences_are_bounded():
    text = "Long\n\nThe spokesman said that " + "the river rose again and " * 2000 + "then fell."
    article = spinlens.analyze(text=text)
    assert article.ok and article.extra["claims"]["analysed"]


def test_the_cut_of_an_over_long_sentence_is_full_stops_not_blanks():
    """Blanks let the clause patterns backtrack over thousands of spaces: a 2,000-word sentence of quote marks
    and cue words took minutes in the claims stage (found by timing random hostile text, session 17)."""
    from spinlens.claims.stage import MAX_SENTENCE_CHARS, _bounded

    text = "Le ministre a déclaré « non » , qui dément " * 400
    bounded = _bounded(text)
    assert len(bounded) == len(text) and bounded[:MAX_SENTENCE_CHARS] == text[:MAX_SENTENCE_CHARS]
    assert set(bounded[MAX_SENTENCE_CHARS:]) == {"."}
    article = spinlens.analyze(text="Titre\n\n" + text, language="fr")
    assert article.ok and article.extra["claims"]["analysed"]


def test_seed_000_blame_and_denial(seeds):
    if "000" not in seeds:
        pytest.skip("seed 000 not in shared data")
    article = spinlens.analyze(str(seeds["000"]))
    relations = [(s.label, s.attrs["agent_actor"], s.attrs["target_actor"], s.attrs["content"])
                 for s in article.layer("relation")]
    assert ("blame", "Russia", "Ukraine", "for the attacks") in relations
    assert ("deny", "Ukraine", "Russia", "The Russian government blamed the Kiev regime for the attacks") in relations
    accuse = [r for r in relations if r[0] == "accuse" and r[2] == "Russia"]
    assert any(r[3].startswith("of having carried out a false flag attack") for r in accuse)
    hedges = {(article.span_text(s), s.label) for s in article.layer("hedge")}
    assert {("allegedly", "hedge"), ("Without showing any evidence", "unsourced"), ("reportedly", "hedge"),
            ("in an unsubstantiated way", "unsourced")} <= hedges
    designations = {s.attrs["designation"] for s in article.layer("actor") if s.label == "Ukraine"}
    assert {"the Kiev regime", "the Ukrainian authorities"} <= designations


def test_seed_003_quote_with_speaker_from_the_introducing_paragraph(seeds):
    if "003" not in seeds:
        pytest.skip("seed 003 not in shared data")
    article = spinlens.analyze(str(seeds["003"]))
    attributed = [s for s in article.layer("quote") if s.attrs["speaker"] == "Elena Panini"]
    assert attributed and article.span_text(attributed[0]).startswith("The purpose of the night strike")
    assert "assassinate" in article.text and article.extra["claims"]["analysed"]


# ------------------------------------------------------------------------------- library and CLI

WIRE = ("Dam talks collapse\n\nThe Velmar government accused Ostria of sabotaging the Pelsk dam on Monday. "
        "Ostria's foreign ministry rejected the accusation. \"We had nothing to do with it,\" said Foreign "
        "Minister Ilse Brandt, who blamed ageing equipment for the failure.")


def test_library_lists_actors_with_relations_and_filters_articles(library):
    stored = spinlens.analyze(text=WIRE, library=library)
    other = spinlens.analyze(text="Harbour reopens\n\nThe harbour reopened on Tuesday after repairs, and ferry "
                                  "crews said the new pier was wider and safer than the old one.", library=library)
    profiles = {p.actor: p for p in library.actors()}
    assert profiles["Ilse Brandt"].kind == "person"
    velmar = [p for p in profiles.values() if ("accuse", "Ostria", 1) in p.acts_on]
    assert velmar, profiles
    assert [s.id for s in library.list(relation="accuse")] == [stored.id]
    assert [s.id for s in library.list(actor="Ilse Brandt")] == [stored.id]
    assert library.count(actor="Ilse Brandt", relation="blame") == 1 and library.count(relation="praise") == 0
    assert [h.id for h in library.search("pier")] == [other.id]
    assert library.search("pier", relation="accuse") == []


def test_library_folds_a_name_written_in_two_scripts_into_one_actor(library):
    """Seen across the demo corpus: 'Анна Вебер' (Russian articles) and 'Anna Weber' (German) were two actors."""
    spinlens.analyze(text="Talks in Brelin\n\n„Wir sind sehr besorgt über die Lage am Damm“, sagte Anna Weber am "
                          "Montag in Brelin. Anna Weber forderte eine unabhängige Untersuchung.",
                     library=library, language="de")
    spinlens.analyze(text="Переговоры\n\n«Мы очень обеспокоены ситуацией на плотине», — сказала Анна Вебер в "
                          "понедельник. Она потребовала независимого расследования.", library=library, language="ru")
    profiles = {p.actor: p for p in library.actors()}
    assert "Anna Weber" in profiles and "Анна Вебер" not in profiles, profiles
    assert profiles["Anna Weber"].articles == 2 and profiles["Anna Weber"].folded == ["Анна Вебер"]
    assert "Анна Вебер" in profiles["Anna Weber"].designations
    # the actor filters read the folded names too, whichever name is asked for
    for name in ("Anna Weber", "Анна Вебер", "anna weber"):
        assert library.count(actor=name) == 2, name
        only, = library.actors(actor=name)
        assert only.actor == "Anna Weber" and only.mentions == profiles["Anna Weber"].mentions
    assert library.count(actor="Anna Wagner") == 0 and library.actors(actor="Anna Wagner") == []


def test_actor_filters_and_relations_read_a_surname_folded_into_the_full_name(library):
    spinlens.analyze(text="Dam talks\n\nThe Velmar government accused Anzel Moravek of sabotaging the dam on "
                          "Monday, and Anzel Moravek rejected the accusation.", library=library)
    spinlens.analyze(text="Dam inquiry\n\nThe Velmar government blamed Moravek for the failure of the dam, "
                          "and Moravek said nothing.", library=library)
    moravek, = library.actors(actor="Moravek")
    assert moravek.actor == "Anzel Moravek" and moravek.folded == ["Moravek"] and moravek.articles == 2
    assert library.count(actor="Anzel Moravek") == 2 and library.count(actor="Moravek") == 2
    targets = {(kind, other) for p in library.actors() for kind, other, _ in p.acts_on}
    assert ("blame", "Anzel Moravek") in targets and ("blame", "Moravek") not in targets, targets
    assert library.count(actor="Moravek", relation="blame") == 1


def test_cli_and_web_actors_show_the_folded_names(tmp_path):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from spinlens.cli import main
    from spinlens.web.app import create_app

    lib = tmp_path / "lib.sqlite"
    with spinlens.Library(lib) as library:
        spinlens.analyze(text="Dam talks\n\nThe Velmar government accused Anzel Moravek of sabotaging the dam on "
                              "Monday, and Anzel Moravek rejected the accusation.", library=library)
        spinlens.analyze(text="Dam inquiry\n\nThe Velmar government blamed Moravek for the failure of the "
                              "dam on Tuesday, and said the inquiry would report next month.", library=library)
    shown = CliRunner().invoke(main, ["actors", "--library", str(lib)], env={"COLUMNS": "250"})
    assert "Anzel Moravek (also Moravek)" in shown.stdout, shown.stdout
    page = TestClient(create_app(str(lib)), base_url="http://localhost").get("/actors")
    assert page.status_code == 200 and "also Moravek</small>" in page.text


def test_name_keys_fold_transliteration_spellings_but_keep_different_names_apart():
    from spinlens.store.actors import name_key

    assert name_key("Юрген Шмидт") == name_key("Jürgen Schmidt")
    assert name_key("Павел Истрин") == name_key("Pavel Istrin")
    assert name_key("Anna Weber") != name_key("Anna Wagner")
    assert name_key("Владимир Зеленский") != name_key("Volodymyr Zelensky")  # Russian and Ukrainian first names


def test_cli_actors_and_claims_in_show(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    source = tmp_path / "wire.txt"
    source.write_text(WIRE, "utf-8")
    lib = str(tmp_path / "lib.sqlite")
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(source), "--library", lib, "-q"]).exit_code == 0
    listed = runner.invoke(main, ["actors", "--library", lib, "--format", "json"])
    names = {p["actor"] for p in __import__("json").loads(listed.stdout)}
    assert {"Ilse Brandt", "Ostria"} <= names
    article_id = runner.invoke(main, ["list", "--library", lib, "--relation", "deny", "--format", "json"])
    item, = __import__("json").loads(article_id.stdout)["items"]
    shown = runner.invoke(main, ["show", item["id"], "--library", lib, "--format", "markdown"])
    assert "### Quotes" in shown.stdout and "### Relations" in shown.stdout and "Ilse Brandt" in shown.stdout
    html = runner.invoke(main, ["show", item["id"], "--library", lib, "--format", "html"]).stdout
    assert "<h3>Relations</h3>" in html and "<script" not in html


def test_bench_claims_scores_a_gold_folder(tmp_path):
    import json

    from click.testing import CliRunner

    from spinlens.cli import main

    doc = {"id": "en-002", "language": "en", "text": "\"We will rebuild,\" said Mayor Lena Hoff. Rebels blamed the army "
           "for the fire.", "quotes": [{"kind": "direct", "speaker": "Mayor Lena Hoff", "speaker_resolved": None,
                                        "cue": "said", "content": "We will rebuild"}],
           "relations": [{"type": "blame", "agent": "Rebels", "target": "the army", "content": "for the fire",
                          "cue": "blamed"}], "hedges": []}
    (tmp_path / "en.jsonl").write_text(json.dumps(doc) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["bench", "claims", "--gold", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "quotes with speaker          P=1.000 R=1.000" in result.output
    assert "relations (type + cue)       P=1.000 R=1.000" in result.output
    assert "hedges (marker)              P=0.000 R=0.000 F1=0.000 (predicted 0, gold 0)" in result.output


def test_bench_claims_scores_hedge_markers_and_their_kinds(tmp_path):
    import json

    from click.testing import CliRunner

    from spinlens.cli import main

    doc = {"id": "en-002", "language": "en", "text": "The mayor allegedly took bribes, two people familiar with the "
           "case said. The claim could not be independently verified.", "quotes": [], "relations": [],
           "hedges": [{"kind": "hedge", "marker": "allegedly"},
                      {"kind": "unsourced", "marker": "could not be independently verified"},
                      {"kind": "evidence", "marker": "The mayor"}]}  # a gold marker nothing finds: recall 2/3
    (tmp_path / "en.jsonl").write_text(json.dumps(doc) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["bench", "claims", "--gold", str(tmp_path)])
    assert result.exit_code == 0, result.output
    marker_line = next(line for line in result.output.splitlines() if "hedges (marker) " in line)
    assert "R=0.667" in marker_line and "gold 3" in marker_line, marker_line
    assert "hedges (marker + kind)" in result.output


def test_bench_claims_ignores_the_users_alias_file(tmp_path, monkeypatch):
    """The benchmark's figures must not depend on the machine's alias file: a file that would regroup (or,
    here, break) actors is not read by `bench claims`, while analysis still reads it."""
    from click.testing import CliRunner

    from spinlens.cli import main

    broken = tmp_path / "aliases.toml"
    broken.write_text("[actors.'Ostria'\nkind = ", "utf-8")
    monkeypatch.setenv("SPINLENS_ALIASES_FILE", str(broken))
    from spinlens import settings

    assert settings.default_aliases_path() == broken
    clean = CliRunner().invoke(main, ["bench", "claims", "--split", "dev"])
    assert clean.exit_code == 0, clean.output
    assert "== all languages" in clean.output
    source = tmp_path / "wire.txt"
    source.write_text(WIRE, "utf-8")
    analysed = CliRunner().invoke(main, ["analyze", str(source), "--library", str(tmp_path / "lib.sqlite"), "-q"])
    assert analysed.exit_code != 0 and "alias file" in analysed.output


def test_python_api_returns_typed_claims_records():
    article = spinlens.analyze(text=WIRE)
    claims = spinlens.article_claims(article)
    assert isinstance(claims, spinlens.ArticleClaims)
    quote, = [q for q in claims.quotes if q.kind == "direct"]
    assert quote.speaker.text == "Foreign Minister Ilse Brandt" and quote.actor == "Ilse Brandt"
    assert article.text[quote.content.start:quote.content.end] == quote.content.text
    kinds = {r.type: r for r in claims.relations}
    assert kinds["accuse"].target.text == "Ostria" and kinds["deny"].content.text == "the accusation"
    assert {a.actor for a in claims.actors} >= {"Ilse Brandt", "Ostria"}



def test_according_to_after_a_direct_quote():
    q, = quotes("“The bridge will reopen in May,” according to the transport ministry.")
    assert (q.kind, q.speaker.text, q.cue.text) == ("direct", "the transport ministry", "according to")


def test_reported_speech_beside_a_direct_quote_and_after_its_content():
    text = ("Mayor Nina Holt, who has called the plan \"a gift to developers\", said she would vote against it. "
            "Two drones hit a depot near the port overnight, regional governor Pavel Dorn said.")
    found = [(q.kind, q.speaker.text, q.content.text) for q in quotes(text)]
    assert ("indirect", "Mayor Nina Holt", "she would vote against it") in found
    assert ("indirect", "regional governor Pavel Dorn", "Two drones hit a depot near the port overnight") in found


def test_participle_relations_take_the_main_subject_with_irregular_verbs():
    assert rel("Colonel Ida Vane went further on Thursday, accusing the mayor of lying.", "accuse") == (
        "Colonel Ida Vane", "the mayor", "of lying")


@pytest.mark.parametrize("language, text, speaker, cue", [
    ("de", "Die Lage an der Grenze sei ernst, sagte Innenminister Jonas Weber.", "Innenminister Jonas Weber", "sagte"),
    ("fr", "La situation à la frontière est grave, a déclaré le ministre.", "le ministre", "a déclaré"),
    ("ru", "Ситуация на границе остаётся сложной, — заявил министр Иван Петров.", "министр Иван Петров", "заявил"),
])
def test_reported_speech_with_the_cue_before_a_trailing_speaker(language, text, speaker, cue):
    q, = quotes(text, language)
    assert (q.kind, q.speaker.text, q.cue.text) == ("indirect", speaker, cue)


def test_library_folds_a_surname_into_the_full_name_across_articles(library):
    spinlens.analyze(text="Ferry strike\n\nHarbour Minister Anzel Moravek said the ferries would run again on "
                          "Friday after talks with the crews ended late on Thursday night.", library=library)
    spinlens.analyze(text="Ferries back\n\nThe ferries ran again on Friday morning. Moravek said the talks had "
                          "been hard but fair for everyone at the harbour.", library=library)
    profiles = {p.actor: p for p in library.actors()}
    assert "Moravek" not in profiles
    assert profiles["Anzel Moravek"].mentions >= 2 and "Moravek" in profiles["Anzel Moravek"].designations


def test_claims_tables_escape_hostile_article_text():
    from spinlens.report import render

    article = spinlens.analyze(text="Hostile\n\n\"<script>alert(1)</script> is what we found,\" said Mayor Lena "
                                    "<b>Hoff</b>. The council accused <img src=x onerror=alert(2)> of lying.")
    html = render([article], "html")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    markdown = render([article], "markdown")
    assert "<script>" not in markdown and "<img" not in markdown


def test_ascii_single_quotes_are_quotes_but_apostrophes_are_not():
    text = "'It is over,' she said. In the '90s the workers' union didn't strike."
    assert [text[s:e] for s, e, _ in quoted_regions(text)] == ["It is over,"]


def test_acronyms_events_and_possessives_are_not_people():
    """Seen in the seed-003 report: 'PR' and 'IQ' as organisations, 'Victory Day' and 'Prigozhin's Twilight'
    as people."""
    text = ("Kastel calls it a cheap PR stunt. Anyone with an IQ above room temperature knows better. "
            "Before Victory Day, Ivan Petrov wrote that Moravek's Folly had begun; Moravek denied it. "
            "Anzel Moravek spoke at the World Economic Forum.")
    actors = {a.actor: a for a in summarise(find_mentions(text))}
    assert not {"PR", "IQ", "Victory Day", "Moravek's Folly", "Folly"} & set(actors)
    assert actors["Ivan Petrov"].kind == "person" and actors["Anzel Moravek"].kind == "person"
    assert actors["World Economic Forum"].kind == "org"


def test_newspaper_names_are_organisations():
    """Seen on the demo corpus: 'Border Ledger' typed as a person."""
    text = ("Border Ledger reported that Mara Lind had resigned. The Valley Courier and the Harbor Observer "
            "quoted Ivan Petrov.")
    kinds = {a.actor: a.kind for a in summarise(find_mentions(text))}
    assert kinds["Border Ledger"] == kinds["Valley Courier"] == kinds["Harbor Observer"] == "org"
    assert kinds["Mara Lind"] == kinds["Ivan Petrov"] == "person"


def test_user_states_with_demonyms_read_like_the_gazetteer_in_every_language(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[actors."Kastovia"]\nkind = "state"\naliases = ["Kastel", "Кастовии"]\ndemonyms = ["Kastovian"]\n')
    table = AliasTable.load(path)
    text = "The Kastovian authorities denied it. Kastel's foreign ministry called the Kastovian-made claim absurd."
    english = {a.actor: a for a in summarise(find_mentions(text, table))}
    assert english["Kastovia"].kind == "state"
    assert {"Kastovian authorities", "Kastel's foreign ministry"} <= set(english["Kastovia"].designations)
    assert "Kastovian-made" not in english
    russian = find_mentions("МИД Кастовии отверг обвинения.", table, names=False)
    assert [(m.actor, m.designation) for m in russian] == [("Kastovia", "Кастовии")]
    path.write_text('[actors."Kastovia"]\nkind = "group"\ndemonyms = ["Kastovian"]\n')
    with pytest.raises(UsageError, match="demonyms need"):
        AliasTable.load(path)


def test_a_name_only_in_a_title_case_headline_is_not_a_person():
    text = ("Varnholt: The Anatomy of a Staged Provocation\n"
            "Ivan Petrov wrote that Moravek lied. Anzel Moravek denied it.")
    actors = {a.actor for a in summarise(find_mentions(text))}
    assert "Staged Provocation" not in actors and {"Ivan Petrov", "Anzel Moravek"} <= actors


def test_the_demo_groups_its_fictional_states(tmp_path):
    from click.testing import CliRunner
    from spinlens.cli import main

    library = str(tmp_path / "demo.sqlite")
    assert CliRunner().invoke(main, ["demo", "--library", library, "--quiet"]).exit_code == 0
    listed = CliRunner().invoke(main, ["actors", "--library", library, "--format", "json"])
    actors = {a["actor"]: a for a in json.loads(listed.output)}
    assert actors["Kastovia"]["kind"] == actors["Drevnia"]["kind"] == "state"
    assert {"Kastel", "Кастовии"} <= set(actors["Kastovia"]["designations"])
    assert actors["Kastovia"]["articles"] >= 10 and "Velgrad" not in actors


@pytest.mark.parametrize("text", ["Name ’s Word said it.", "The ’s Name agreed.", "Anna’s ’s Plan failed.", "Name 's",
                                  "word Name Minister The said it."])
def test_odd_capitalised_runs_give_no_empty_name_and_no_crash(text):
    """Random hostile text found an empty person name: in 'Name Minister The' the title took the name's place
    and the trailing 'The' was dropped after (session 17)."""
    assert all(m.actor.strip() for m in find_mentions(text))


@pytest.mark.parametrize("language, text, expected", [
    ("en", "The ministry blamed the shortage on a supplier in Belgium; Venezuela and Côte d’Ivoire denied it.",
     ["Belgium", "Venezuela", "Ivory Coast"]),
    ("fr", "La Belgique a accusé le Venezuela et la Côte d'Ivoire.", ["Belgium", "Venezuela", "Ivory Coast"]),
    ("de", "Belgien warf Venezuela vor, die Lieferung blockiert zu haben.", ["Belgium", "Venezuela"]),
    ("it", "Il Belgio ha accusato il Venezuela.", ["Belgium", "Venezuela"]),
    ("pl", "Belgia oskarżyła Wenezuelę, a Sudanowi i Belgii nikt nie wierzy.",
     ["Belgium", "Venezuela", "Sudan", "Belgium"]),
    ("ru", "Бельгия обвинила Венесуэлу и Судан, но в Судане это отвергли.",
     ["Belgium", "Venezuela", "Sudan", "Sudan"]),
])
def test_every_state_of_the_world_is_a_state_in_each_language(language, text, expected):
    """Found in the claims gold (en-018): 'a supplier in Belgium' made Belgium a group, since only the states
    of the reference stories were known. CLDR names the others, with Polish and Russian case forms."""
    found = [m for m in find_mentions(text, names=language == "en", language=language) if m.kind == "state"]
    assert [m.actor for m in found] == expected


@pytest.mark.parametrize("text, states", [
    ("Georgia Smith and India Jones said Georgia and India would sign.", ["Georgia", "India"]),
    ("The Washington Post said officials in New Mexico and Michael Jordan agreed with Mexico.", ["Mexico"]),
    ("Yesterday Mexico said no. Russia on Monday blamed Ukraine, and Russia May blame it again.",
     ["Mexico", "Russia", "Ukraine", "Russia"]),
    ("Russia Blames Ukraine For Dam Attack\n\nThe text follows here.", ["Russia", "Ukraine"]),
])
def test_a_state_name_inside_a_longer_english_name_is_not_the_state(text, states):
    assert [m.actor for m in find_mentions(text) if m.kind == "state"] == states


def test_common_nouns_opening_a_sentence_name_no_actor():
    """Found in the claims gold (en-016, en-018, en-026, en-032): 'Organisers said', 'Pharmacy owners, who
    ...', 'Election monitors said' and 'Environmental groups urged' had made persons and groups of the first
    word."""
    text = ("Protest in Velda\n\nSeveral thousand people marched on Sunday against the mining law. Organisers said "
            "at least 30 people had been detained. Pharmacy owners, who have long urged the ministry to act, "
            "blamed the shortage on a supplier. Election monitors said the count was slow. Environmental groups "
            "urged prosecutors to open a case. Senator Bernie Sanders welcomed the march. Sanders said it was "
            "peaceful. Kastovian students blamed the police for the delay.")
    actors = {(s.label, s.attrs["kind"]) for s in spinlens.analyze(text=text, language="en").layer("actor")}
    assert not {name for name, _ in actors} & {"Organisers", "Pharmacy", "Election", "Environmental"}
    assert ("Bernie Sanders", "person") in actors and ("Kastovian students", "group") in actors


def test_country_names_that_are_common_words_are_left_out():
    from spinlens.claims.countries import inflected, world_states

    assert "Mali" not in world_states("pl")["Mali"] and "Того" not in world_states("ru")["Togo"]
    assert world_states("en")["Myanmar"] == ("Myanmar", "Burma")
    assert "Bosnia and Herzegovina" in world_states("en") and "Russia" not in world_states("en")
    assert inflected("Belgia", "pl") == ["Belgia", "Belgii", "Belgię", "Belgią"]
    assert inflected("Korea Południowa", "pl") == ["Korea Południowa"]


@pytest.mark.parametrize("language, text, expected", [
    ("de", "Moskau wies die Vorwürfe zurück; der Kreml warf Kiew vor, Russlands Grenze verletzt zu haben.",
     ["Russia", "Russia", "Ukraine", "Russia"]),
    ("fr", "Moscou a rejeté les accusations des États-Unis et de l'Union européenne.",
     ["Russia", "United States", "European Union"]),
    ("it", "Mosca ha respinto le accuse di Washington e del Regno Unito.", ["Russia", "United States", "United Kingdom"]),
    ("pl", "Moskwy nie przekonały argumenty Stanów Zjednoczonych ani Ukrainy.", ["Russia", "United States", "Ukraine"]),
    ("ru", "В Москве отвергли обвинения Киева и Евросоюза.", ["Russia", "Ukraine", "European Union"]),
])
def test_states_as_each_language_writes_them(language, text, expected):
    from spinlens.claims.actors import find_mentions

    found = find_mentions(text, names=False, language=language)
    assert [m.actor for m in found] == expected
    assert all(text[m.start:m.end] == m.designation for m in found)


def test_native_state_names_only_in_their_language_and_user_states_win():
    from spinlens.claims.actors import AliasTable, find_mentions

    assert find_mentions("Moskau said no.", names=False, language="fr") == []
    users = AliasTable(states=(("Muscovy", ("Muscovy", "Moskau"), ("Muscovite",)),))
    mention, = find_mentions("Moskau wies die Vorwürfe zurück.", users, names=False, language="de")
    assert mention.actor == "Muscovy"


def test_analysed_russian_relation_names_the_states():
    text = ("Москва отвергла обвинения. Кремль обвинил Киев в атаке на Россию, заявил представитель. "
            "Варшава и Берлин призвали к спокойствию, сообщили дипломатические источники.")
    claims = spinlens.article_claims(spinlens.analyze(text=text))
    accuse, = [r for r in claims.relations if r.type == "accuse"]
    assert (accuse.agent_actor, accuse.target_actor) == ("Russia", "Ukraine")
    assert {"Russia", "Ukraine", "Poland", "Germany"} <= {a.actor for a in claims.actors}


@pytest.mark.parametrize("language, text, person", [
    ("ru", "Вчера министр иностранных дел России Сергей Лавров заявил, что переговоры зашли в тупик. Встреча в "
           "столице длилась более четырёх часов и закончилась без совместного заявления для прессы.", "Сергей Лавров"),
    ("pl", "Wczoraj minister spraw zagranicznych Francji Jan Nowak oświadczył, że rozmowy zostały zerwane. Spotkanie "
           "w stolicy trwało ponad cztery godziny i zakończyło się bez wspólnego komunikatu dla prasy.", "Jan Nowak"),
])
def test_a_full_name_after_a_state_in_a_speaker_phrase_is_the_speaker(language, text, person):
    """'министр иностранных дел России Сергей Лавров': Russia is named, but the person speaks."""
    claims = spinlens.article_claims(spinlens.analyze(text="Rozmowy\n\n" + text, language=language))
    quote, = claims.quotes
    assert quote.actor == person
    assert person in {a.actor for a in claims.actors}


@pytest.mark.parametrize("part_text, language", [
    ("Anwohner", "de"), ("Sicherheitsexperten", "de"), ("Ärzte", "de"), ("Regierungskritiker", "de"),
    ("Эксперты", "ru"), ("Жители", "ru"), ("Mieszkańcy", "pl"), ("Eksperci", "pl"),
    ("Médecins", "fr"), ("Les", "fr"), ("Esperti", "it"), ("Gli", "it"),
])
def test_common_nouns_opening_a_sentence_are_no_actors(part_text, language):
    """Seen in German, Polish and Russian wire copy: 'Anwohner sagten ...' made 'Anwohner' a person."""
    text = "Before. " + part_text + " said it."
    mentions = []
    ensure_actor(text, Part(8, 8 + len(part_text), part_text), mentions, single="person", language=language)
    assert mentions == []


@pytest.mark.parametrize("part_text, language", [("Moravek", "de"), ("Моравек", "ru"), ("Moravek", "pl"),
                                                  ("Weber", "de"), ("Richter", "de"), ("Medici", "it"),
                                                  ("Parenti", "it")])
def test_surnames_opening_a_sentence_stay_actors(part_text, language):
    text = "Before. " + part_text + " said it."
    mentions = []
    ensure_actor(text, Part(8, 8 + len(part_text), part_text), mentions, single="person", language=language)
    assert [(m.actor, m.kind) for m in mentions] == [(part_text, "person")]


@pytest.mark.parametrize("language, text, speaker, cue", [
    ("it", "L'assessore ai trasporti, Marco Bellini, ha difeso il piano. «Le corse aumenteranno già da marzo», "
           "ha detto.", "Marco Bellini", "ha detto"),
    ("it", "«Non lasceremo sola nessuna famiglia», racconta Giulia Ferri, volontaria da dieci anni.",
     "Giulia Ferri", "racconta"),
    ("pl", "Prezes spółki Adam Nowicki odrzucił te zarzuty. „Wszystkie umowy były zgodne z prawem” — przekonywał.",
     "Adam Nowicki", "przekonywał"),
    ("pl", "Wojewoda Roman Jasiński zwiedził teren budowy. Jak dodał, prace potrwają do jesieni.",
     "Roman Jasiński", "dodał"),
])
def test_italian_and_polish_speakers_of_cues_without_a_subject(language, text, speaker, cue):
    """Italian and Polish drop the subject of a reporting verb: the speaker is the last full name before it."""
    from spinlens.claims.quotes import find_quotes

    quote, = find_quotes(text, language, [])
    assert speaker in quote.speaker.text and quote.cue.text.endswith(cue), (quote.speaker, quote.cue)


def test_a_cue_without_a_subject_and_no_name_before_it_has_no_speaker():
    from spinlens.claims.quotes import find_quotes

    quote, = find_quotes("Il ponte resta chiuso. «Servono altri controlli sui piloni prima di riaprire», ha detto.",
                         "it", [])
    assert quote.speaker is None and quote.cue.text == "ha detto"


def test_italian_sentence_attributing_the_one_before_it():
    from spinlens.claims.quotes import find_quotes

    text = ("Il ponte sul Sesia resterà chiuso fino a marzo per i lavori sui piloni. Lo ha detto il sindaco "
            "Marco Bellini.")
    quote, = find_quotes(text, "it", [])
    assert (quote.kind, quote.speaker.text, quote.cue.text) == ("indirect", "il sindaco Marco Bellini", "ha detto")
    assert quote.content.text.startswith("Il ponte sul Sesia")


def test_polish_emphatic_pronoun_is_a_speaker():
    text = ("Właściciel zakładu Roman Mazur odrzuca te oskarżenia. On sam przekonuje, że zakład od roku nie "
            "odprowadza ścieków do rzeki.")
    quote, = [q for q in find_quotes(text, "pl", []) if q.kind == "indirect"]
    assert quote.speaker.text == "On sam" and quote.cue.text == "przekonuje"
    assert quote.content.text.startswith("zakład od roku")


@pytest.mark.parametrize("language, text", [
    ("it", "All'ospedale la direzione sanitaria ammette che la situazione è ormai al limite delle forze."),
    ("fr", "Dans la région, la direction sanitaire reconnaît que la situation est désormais très tendue."),
])
def test_speaker_noun_phrases_start_at_a_word(language, text):
    """Seen on the Italian gold: 'i' + 'taria' inside 'sanitaria' was read as the speaker 'itaria'."""
    for quote in find_quotes(text, language, []):
        if quote.speaker is not None:
            start = quote.speaker.start
            assert start == 0 or not text[start - 1].isalnum(), quote.speaker


@pytest.mark.parametrize("sentence, target, content", [
    ("The government blamed Moravek for the failure of the dam on Tuesday.", "Moravek",
     "for the failure of the dam on Tuesday"),
    ("The government blamed the failure of the dam on Moravek.", "Moravek", "the failure of the dam"),
    ("The government blamed the rebels on Tuesday.", "the rebels", None),
])
def test_blame_on_names_the_target_only_without_for_and_not_a_date(sentence, target, content):
    rel, = find_relations(sentence)
    assert rel.type == "blame" and rel.target.text == target
    assert content is None or rel.content.text == content


def test_a_one_word_name_designated_as_an_institution_is_no_person():
    article = spinlens.analyze(text="Dam inquiry\n\nThe Velmar government blamed Moravek for the failure of the dam, "
                                    "and said the inquiry would report next month. Moravek said nothing about it.")
    kinds = {s.label: s.attrs["kind"] for s in article.layer("actor")}
    assert kinds["Velmar"] == "group" and kinds["Moravek"] == "person", kinds


@pytest.mark.parametrize("language, text, speaker", [
    ("pl", "„Brakuje nam lekarzy na każdej zmianie” – alarmuje dyrektor szpitala w Zadrożynie, Krzysztof Bania.",
     "Krzysztof Bania"),
    ("pl", "Dyrektor szpitala w Zadrożynie, Krzysztof Bania, alarmuje: „Brakuje nam lekarzy na każdej zmianie”.",
     "Krzysztof Bania"),
    ("it", "Il direttore dell'ospedale di Varese, Marco Bianchi, ha detto: «Non possiamo andare avanti così».",
     "Marco Bianchi"),
    ("en", 'Arno Beck, the mayor of Tiel, said: "We cannot go on like this, we need more doctors."', "Arno Beck"),
    ("en", 'Officials in Kyiv, Ukraine, said: "We cannot go on like this, we need more doctors."', "Officials in Kyiv"),
])
def test_a_full_name_in_apposition_after_a_place_is_the_speaker(language, text, speaker):
    quote, = find_quotes(text, language, [])
    assert quote.speaker.text == speaker and text[quote.speaker.start:quote.speaker.end] == speaker


@pytest.mark.parametrize("language, text, speaker", [
    ("it", "Marco Bianchi ha chiesto più controlli: «Non possiamo andare avanti così, servono medici».",
     "Marco Bianchi"),
    ("it", "Il direttore Marco Bianchi ha chiesto più controlli: «Non possiamo andare avanti così».", "Marco Bianchi"),
    ("it", "Il sindaco di Arvena, Ornella Vitali, ha chiesto più controlli: «Non possiamo andare avanti così».",
     "Ornella Vitali"),
    ("de", "Anna Weber hat eine klare Botschaft an die Regierung: „Wir können so nicht weitermachen“.", "Anna Weber"),
    ("it", "A Varese la situazione è diventata difficile: «Non possiamo andare avanti così».", None),
    ("pl", "W Nowej Hucie sytuacja jest trudna: „Brakuje nam lekarzy na każdej zmianie”.", None),
])
def test_a_full_name_opening_a_clause_that_ends_in_a_colon_speaks_the_quote(language, text, speaker):
    quote, = find_quotes(text, language, [])
    assert (quote.speaker.text if quote.speaker else None) == speaker


def test_polish_wedlug_with_a_role_and_name_and_no_comma_is_a_sourced_report():
    text = "Według ministra zdrowia Jana Kowalskiego sytuacja w szpitalach jest stabilna i nie ma powodów do niepokoju."
    quote, = find_quotes(text, "pl", [])
    assert quote.speaker.text == "ministra zdrowia Jana Kowalskiego"
    assert quote.content.text.startswith("sytuacja w szpitalach")
    assert find_quotes("Według ekspertów sytuacja w szpitalach jest stabilna i nie ma powodów do niepokoju.", "pl",
                       []) == []  # where the source ends is unknown without a name


@pytest.mark.parametrize("language, sentence, target, content", [
    ("en", "Local leaders condemned the bombing and urged residents to stay calm.", "residents", "to stay calm"),
    ("en", "His campaign manager demanded that Nwosu release the minutes.", "Nwosu", "that Nwosu release the minutes"),
    ("en", "The union demanded quick action to protect the jobs.", None, "quick action to protect the jobs"),
    ("it", "Il sindaco ha chiesto all'azienda sanitaria di bandire subito nuovi concorsi.", "azienda sanitaria",
     "di bandire subito nuovi concorsi"),
    ("pl", "Starosta Ewa Mróz zaapelowała do ministerstwa zdrowia o pilne wsparcie finansowe.", "ministerstwa zdrowia",
     "o pilne wsparcie finansowe"),
    ("pl", "Związkowcy zażądali od zarządu przedstawienia planu naprawczego.", "zarządu",
     "przedstawienia planu naprawczego"),
    ("pl", "Związkowcy zażądali podwyżek płac.", None, "podwyżek płac"),
])
def test_whom_a_demand_is_addressed_to_is_its_target(language, sentence, target, content):
    from spinlens.claims.relations_intl import find_relations_intl

    rel, = find_relations(sentence) if language == "en" else find_relations_intl(sentence, language)
    assert rel.type == "demand" and (rel.target.text if rel.target else None) == target
    assert rel.content.text == content


def test_russian_nouns_ending_like_an_infinitive_can_be_targets():
    from spinlens.claims.relations_intl import find_relations_intl

    rel, = find_relations_intl("Ирина Ковальчук обвинила власти в том, что они «боятся правды».", "ru")
    assert rel.target.text == "власти" and rel.content.text.startswith("в том")
    call, = find_relations_intl("Министр призвал коллег прийти на заседание.", "ru")
    assert call.target.text == "коллег" and call.content.text == "прийти на заседание"


@pytest.mark.parametrize("sentence, expected", [
    ("Keller said the temporary supports on the damaged gate were holding.", []),
    ("Thanks to the crews, the town was saved from the flood.", []),
    ("It was an explosion that Drevnia blames on Kastovia.", [("blame", "Drevnia", "Kastovia")]),
    ("The mayor supports the plan.", [("praise", "The mayor", "the plan")]),
    ("The department insisted that no final decisions had been taken.", []),
    ('Pharmacists said the minister was "looking for someone else to blame".', []),
    ("Mayor Frank Doyle, who lost in 2019, said he welcomed the competition.",
     [("praise", "Mayor Frank Doyle", "the competition")]),
    ("The minister said she blamed the contractor for the delay.", [("blame", "The minister", "the contractor")]),
])
def test_relation_cues_read_as_nouns_or_without_an_object_are_no_relations(sentence, expected):
    found = [(r.type, r.agent.text if r.agent else None, r.target.text if r.target else None)
             for r in find_relations(sentence)]
    assert found == expected


@pytest.mark.parametrize("language, text, speaker, content", [
    ("it", "Acqua non potabile per tre giorni a San Vito al Monte. Lo ha comunicato ieri sera il gestore, Acque del "
           "Colle, che ha distribuito oltre diecimila bottiglie.", "il gestore, Acque del Colle",
     "Acqua non potabile per tre giorni a San Vito al Monte."),
    ("pl", "Ponad 6 tysięcy mieszkańców było pozbawionych wody. Poinformowała o tym w czwartek rzeczniczka miejskich "
           "wodociągów Iwona Szulc.", "rzeczniczka miejskich wodociągów Iwona Szulc",
     "Ponad 6 tysięcy mieszkańców było pozbawionych wody."),
])
def test_a_sentence_attributing_the_one_before_it_with_a_relative_clause_or_a_time(language, text, speaker, content):
    quote, = find_quotes(text, language, [])
    assert quote.kind == "indirect" and quote.speaker.text == speaker
    assert quote.content.text.rstrip(".") == content.rstrip(".")


@pytest.mark.parametrize("language, text, speaker, content", [
    ("it", "L'amministratore delegato, Stefano Orlandi, ha respinto le accuse. Ha poi aggiunto che l'azienda è "
           "disposta a valutare offerte.", "Stefano Orlandi", "l'azienda è disposta a valutare offerte"),
    ("pl", "Roman Mazur odrzuca te oskarżenia. Dodał, że zakład od roku nie odprowadza ścieków do rzeki.",
     "Roman Mazur", "zakład od roku nie odprowadza ścieków do rzeki"),
])
def test_reported_speech_with_a_dropped_subject_takes_the_last_full_name(language, text, speaker, content):
    quote, = find_quotes(text, language, [])
    assert quote.kind == "indirect" and quote.speaker.text == speaker and quote.content.text == content


def test_a_possessive_colon_introduction_is_spoken_by_the_person_before_it():
    article = spinlens.analyze(text="Jobs first\n\nGary Pell, who runs a haulage firm on the edge of the site, says "
                                    "the town needs jobs before it needs homes. His message to the council is blunt: "
                                    '"Build a factory, not another estate."')
    quote, = [q for q in article.layer("quote") if article.span_text(q).startswith("Build")]
    assert quote.attrs["actor"] == "Gary Pell" and quote.attrs["speaker"] == "His"


@pytest.mark.parametrize("sentence, target, content", [
    ("Drevnia expelled two Kastovian diplomats accused of helping to plan the sabotage.", "two Kastovian diplomats",
     "of helping to plan the sabotage"),
    ("Police arrested three men accused of arson.", "three men", "of arson"),
])
def test_a_participle_after_another_verbs_object_is_a_passive_accusation_of_that_object(sentence, target, content):
    rel, = find_relations(sentence)
    assert rel.type == "accuse" and rel.passive and rel.agent is None
    assert rel.target.text == target and rel.content.text == content


def test_an_active_accusation_keeps_its_agent_whatever_precedes_it():
    rel, = find_relations("The newly elected mayor accused the council of corruption.")
    assert (rel.agent.text, rel.target.text, rel.passive) == ("The newly elected mayor", "the council", False)


def test_a_first_person_agent_inside_a_quote_is_the_quotes_speaker():
    article = spinlens.analyze(text="Kastovia denies role\n\nKastel has flatly denied any involvement in the blast. "
                                    '"We call for an independent international investigation, and we note that the '
                                    'other side has refused one," foreign ministry spokeswoman Lidia Sorokova said.')
    demand, = [s for s in article.layer("relation") if s.label == "demand"]
    assert demand.attrs["agent_actor"] == "Lidia Sorokova"
    assert demand.attrs["agent"] == "foreign ministry spokeswoman Lidia Sorokova"
    assert demand.attrs["content"] == "an independent international investigation"


def test_a_pronoun_agent_or_target_stands_for_the_nearest_fitting_actor_before_it():
    article = spinlens.analyze(text="Russia again\n\nMake no mistake: this is how the Russian regime operates. For "
                                    "years it has threatened our water, our energy and our borders. Anzel Moravek "
                                    "said he blamed it for the attack.")
    relations = {s.label: s.attrs for s in article.layer("relation")}
    assert relations["threaten"]["agent"] == "it" and relations["threaten"]["agent_actor"] == "Russia"
    assert relations["blame"]["agent_actor"] == "Anzel Moravek" and relations["blame"]["target_actor"] == "Russia"


@pytest.mark.parametrize("language, text, actor", [
    ("en", "Moscow denies\n\nIn Moscow, the foreign ministry denied any involvement in the blast. Investigators "
           "continued their work at the site on Monday.", "Russia"),
    ("fr", "Moscou dément\n\nÀ Moscou, le ministère des affaires étrangères a rejeté ces accusations en bloc. Les "
           "enquêteurs poursuivent leur travail sur place depuis lundi.", "Russia"),
    ("en", "Talks\n\nAfter talks with Ukraine, the foreign ministry denied any involvement in the blast. "
           "Investigators continued their work at the site on Monday.", None),
])
def test_an_unnamed_institution_in_a_sentence_opening_with_its_place_belongs_to_that_state(language, text, actor):
    article = spinlens.analyze(text=text, language=language)
    deny, = [s for s in article.layer("relation") if s.start > text.index("\n\n")]  # (the headline denies too)
    assert deny.label == "deny" and deny.attrs["agent_actor"] == actor


def test_pronoun_speakers_take_the_sentence_subject_and_indefinite_roles_stay_unresolved():
    article = spinlens.analyze(text="Dam blast\n\nRussia on Monday gave Ukraine 72 hours to hand over three suspects it "
                                    "says were involved in the blast. The Red Cross sent a team. The two injured "
                                    "workers were taken to hospital in Orlesk, a hospital spokesman said.")
    unnamed = spinlens.analyze(text="Prices\n\nCompany spokesman John Smith said prices would rise in May. Police "
                                    "spokesman Tom Reed said two men were held overnight.")
    assert {s.label for s in unnamed.layer("actor")} == {"John Smith", "Tom Reed"}  # common nouns, no names
    speakers = {s.attrs["speaker"]: s.attrs["actor"] for s in article.layer("quote")}
    assert speakers["it"] == "Russia"  # the subject, not the nearer Ukraine
    assert speakers["a hospital spokesman"] is None  # a new person, not the Red Cross


def test_a_second_quote_of_a_sentence_keeps_the_first_ones_speaker_not_its_words():
    text = ("« Il s'agit d'un attentat délibéré, préparé et exécuté depuis Kastel », a affirmé samedi le ministre de "
            "l'intérieur, Anzel Moravek, en évoquant des fragments « de fabrication kastovienne » retrouvés sur place.")
    first, second = find_quotes(text, "fr", [])
    assert first.speaker.text == second.speaker.text == "Anzel Moravek"


def test_pronoun_speakers_outside_english_resolve_to_people_found_later_in_the_stage():
    article = spinlens.analyze(text="Кастовия\n\nОфициальный представитель министерства Лидия Сорокова заявила "
                                    "журналистам, что страна не причастна к взрыву. Она также напомнила, что "
                                    "древнянская сторона до сих пор не пустила на плотину инспекторов.", language="ru")
    speakers = [(s.attrs["speaker"], s.attrs["actor"]) for s in article.layer("quote")]
    assert speakers == [("представитель министерства Лидия Сорокова", "Лидия Сорокова"), ("Она", "Лидия Сорокова")]


@pytest.mark.parametrize("language, text, cue, content", [
    ("de", "Das Ministerium wies Kritik zurück. Schuld seien Lieferprobleme bei Herstellern in Asien, hieß es.",
     "hieß es", "Schuld seien Lieferprobleme bei Herstellern in Asien"),
    ("it", "La fabbrica chiuderà entro giugno, si dice.", "si dice", "La fabbrica chiuderà entro giugno"),
])
def test_reported_speech_closed_by_a_sourceless_cue_is_an_unsourced_quote(language, text, cue, content):
    quote, = find_quotes(text, language, [])
    assert (quote.kind, quote.speaker, quote.cue.text, quote.content.text) == ("indirect", None, cue, content)


@pytest.mark.parametrize("text, actor", [
    # an institution placed in a state, with no state before it (demo corpus: 'the government in Velgrad')
    ("Before a single investigator had examined the site, the government in Moscow had already announced its "
     "verdict: Ukraine did it.", "Russia"),
    ("Kyiv was quiet on Monday. The ministry of Poland announced that the border crossing would reopen soon.",
     "Poland"),
    # a document speaks for its issuer only when the text says so (demo corpus: the commission of an earlier
    # sentence did not write the utility's report)
    ("The Seld River Commission inspected the dam on Monday. Drevhydro has refused to publish the report, which "
     "reportedly warned of corroded gates in 2021.", None),
    ("The Seld River Commission published a report on Monday. The report said that the gates were corroded.",
     "Seld River Commission"),
    ("The Seld River Commission met on Monday, and its report said that the gates were corroded and unsafe.",
     "Seld River Commission"),
])
def test_institutions_and_documents_speak_for_the_actor_the_text_ties_them_to(text, actor):
    quote, = find_quotes(text, "en", find_mentions(text))
    assert quote.actor == actor


@pytest.mark.parametrize("text, content", [
    ("VARNHOLT, Drevnia, March 14 (CPA) - An explosion damaged the Varnholt dam early on Saturday, local "
     "officials said.", "An explosion damaged the Varnholt dam early on Saturday"),
    ("WASHINGTON (Reuters) — The talks will resume next week, officials said.", "The talks will resume next week"),
    ("NEW YORK, March 3 (AP) -- Two stations were closed overnight, the police said.",
     "Two stations were closed overnight"),
])
def test_a_wire_dateline_is_not_part_of_reported_content(text, content):
    quote, = find_quotes(text, "en", [])
    assert quote.content.text == content


def test_employers_named_before_a_role_and_a_person_are_organisations():
    article = spinlens.analyze(text="Dam\n\nFormer president Donald Trump said the dam was fine. Drevhydro chief "
                                    "engineer Jonas Keller said the reservoir had been lowered. Drevhydro has refused "
                                    "to publish the report. Gazprom spokesman Sergei Kupriyanov said supplies were "
                                    "normal.")
    kinds = {}
    for s in article.layer("actor"):
        kinds.setdefault(s.label, set()).add(s.attrs["kind"])
    assert kinds["Drevhydro"] == {"org"} and kinds["Gazprom"] == {"org"} and kinds["Jonas Keller"] == {"person"}
    assert "Former" not in kinds
    speakers = {s.attrs["speaker"]: s.attrs["actor"] for s in article.layer("quote")}
    assert speakers["Drevhydro chief engineer Jonas Keller"] == "Jonas Keller"  # the person speaks, not his employer
    assert speakers["Gazprom spokesman Sergei Kupriyanov"] == "Sergei Kupriyanov"


def test_an_actors_kind_across_the_library_is_the_one_most_of_its_mentions_have(library):
    for day, text in (("Monday", "Drevhydro chief engineer Jonas Keller said the reservoir had been lowered by two "
                                 "metres overnight."),
                      ("Tuesday", "Engineers from the state utility Drevhydro said the damaged gate was holding "
                                  "and the water level was falling."),
                      ("Wednesday", "Drevhydro said the gate was holding, and that inspectors would visit the site "
                                    "later in the week.")):
        spinlens.analyze(text=f"Dam on {day}\n\n{text}", library=library)
    drevhydro, = library.actors(actor="Drevhydro")
    assert drevhydro.kind == "org" and drevhydro.articles == 3


@pytest.mark.parametrize("sentence, target", [
    ("Kastovian saboteurs blamed for night attack on Varnholt dam", "Kastovian saboteurs"),
    ("Firefighters praised for quick response", "Firefighters"),
])
def test_a_subject_before_a_participle_with_no_object_is_its_passive_target(sentence, target):
    rel, = find_relations(sentence)
    assert rel.passive and rel.agent is None and rel.target.text == target


@pytest.mark.parametrize("language, text, kind, agent", [
    ("en", "Drevnia blames Kastovia for dam blast\n\nInspectors reached the dam on Tuesday.", "blame", "Drevnia"),
    ("fr", "Moscou dément\n\nLes enquêteurs poursuivent leur travail sur place depuis lundi.", "deny", "Moscou"),
])
def test_a_headline_without_a_full_stop_is_read_for_relations(language, text, kind, agent):
    from spinlens.claims.relations_intl import find_relations_intl

    found = find_relations(text) if language == "en" else find_relations_intl(text, language)
    assert [(r.type, r.agent.text) for r in found] == [(kind, agent)]


@pytest.mark.parametrize("language, sentence, kind, agent, target", [
    ("it", "I volontari della protezione civile sono stati ringraziati dal sindaco Mauro Tedeschi.", "praise",
     "sindaco Mauro Tedeschi", "I volontari della protezione civile"),
    ("it", "Lucchesi dà la colpa agli algoritmi delle piattaforme.", "blame", "Lucchesi",
     "algoritmi delle piattaforme"),
    ("pl", "Strażacy, którzy rozwozili wodę beczkowozami, zostali pochwaleni przez burmistrza Tadeusza Grabowskiego.",
     "praise", "burmistrza Tadeusza Grabowskiego", "Strażacy"),
    ("pl", "Do podpalenia koparek na budowie przyznała się grupa ekologicznych radykałów.", "claim_responsibility",
     "grupa ekologicznych radykałów", None),
])
def test_italian_and_polish_relation_forms_of_session_20(language, sentence, kind, agent, target):
    from spinlens.claims.relations_intl import find_relations_intl

    rel, = find_relations_intl(sentence, language)
    assert (rel.type, rel.agent.text, rel.target.text if rel.target else None) == (kind, agent, target)


@pytest.mark.parametrize("sentence, kind, agent, target", [
    ('The governor, Yusuf Amin, vowed that those behind it would "pay a heavy price".', "threaten", "Yusuf Amin",
     "those behind it"),
    ("Television ran the footage on a loop, interrupted only by ministers promising revenge.", "threaten",
     "ministers", None),
    ("Kastel has repeated its denial and offered to take part in a joint investigation.", "deny", "Kastel", None),
])
def test_vows_promises_of_revenge_and_repeated_denials(sentence, kind, agent, target):
    rel, = find_relations(sentence)
    assert (rel.type, rel.agent.text, rel.target.text if rel.target else None) == (kind, agent, target)
    assert find_relations("The mayor vowed that the town would rebuild.") == []


def test_a_german_threat_against_someone_targets_them():
    from spinlens.claims.relations_intl import find_relations_intl

    threat = [r for r in find_relations_intl("Der Verein lobte den Bürgermeister, drohte aber mit einer Klage gegen "
                                             "das Land.", "de") if r.type == "threaten"]
    assert [r.target.text for r in threat] == ["das Land"]


def test_actor_filter_reads_only_the_related_names_and_finds_what_folding_everything_finds():
    """`actor_names` folds only the labels related to the name asked for (a filter on a 50,000-article library
    took 2 s reading every mention); the names it gives must be those of folding the whole library."""
    import itertools
    import sqlite3

    from spinlens.store.actors import _actors, _named, _related_labels, actor_names

    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute('CREATE TABLE spans (article_pk INTEGER, seq INTEGER, layer TEXT, start INTEGER, "end" INTEGER,'
                 ' label TEXT, score REAL, attrs TEXT)')
    mentions = [("Anna Weber", "person", 3), ("Анна Вебер", "person", 2), ("Weber", "person", 1),
                ("Вебер", "person", 1),  # folds into the Cyrillic full name, which folds into the Latin one
                ("Karl Brandt", "person", 2), ("Ilse Brandt", "person", 2), ("Brandt", "person", 4),  # ambiguous
                ("Jan Kowalski", "person", 2), ("Jan Kovalski", "person", 1), ("Ян Ковальский", "person", 1),
                ("Moravek", "group", 2), ("Anzel Moravek", "person", 1), ("Ukraine", "country", 5),
                ("UKRAINE", "country", 1), ("Velmar", "org", 2), ("Lidia Velmar", "person", 1)]
    seq = itertools.count()
    conn.executemany("INSERT INTO spans VALUES (?, ?, 'actor', 0, 4, ?, 1.0, ?)",
                     [(n, next(seq), label, f'{{"kind": "{kind}"}}') for label, kind, count in mentions
                      for n in range(count)])
    everyone = _actors(conn)
    folded = {p.actor: p.folded for p in everyone if p.folded}
    assert folded == {"Anna Weber": ["Weber", "Анна Вебер", "Вебер"], "Anzel Moravek": ["Moravek"]}, folded
    for label in [m[0] for m in mentions] + ["ukraine", "anna weber", "Nobody"]:
        whole = [name for p in everyone if _named(p, label) for name in (p.actor, *p.folded)] or [label]
        assert sorted(actor_names(conn, label)) == sorted(whole), label
    assert set(_related_labels(conn, "Ukraine")) == {"Ukraine", "UKRAINE"}
    assert "Moravek" in actor_names(conn, "Anzel Moravek") and actor_names(conn, "Brandt") == ["Brandt"]


@pytest.mark.parametrize("text, speaker, content", [
    # the relative clause refers to the object before it, not to the sentence's subject (demo corpus)
    ("Drevhydro has refused to publish the report, which reportedly warned of corroded gates in 2021.",
     "the report", "of corroded gates in 2021"),
    ("The inspectors met Anna Weber, who said that the gates were corroded.", "Anna Weber", "the gates were corroded"),
    ("The ministry published a statement, which said that the dam was safe.", "a statement", "the dam was safe"),
    # a subject's relative aside: the reported clause ends where the aside does
    ("The minister, who has long warned that the dam was unsafe, resigned on Monday.", "The minister",
     "the dam was unsafe"),
    ("The engineer, who said that the gates were corroded, rusted and failed, retired.", "The engineer",
     "the gates were corroded, rusted and failed"),
])
def test_reported_speech_in_a_relative_clause_has_the_antecedent_as_speaker_and_ends_with_the_clause(
        text, speaker, content):
    quote, = find_quotes(text, "en", [])
    assert (quote.speaker.text, quote.content.text) == (speaker, content)


def test_people_acting_for_a_state_designate_it_and_other_nationals_are_a_group():
    article = spinlens.analyze(text="Saboteurs blamed for dam attack\n\nRussian hackers were blamed by officials for "
                                    "the outage at the dam. Russian tourists said the dam had been closed all day, "
                                    "and Polish students said the bridge was shut as well.")
    actors = {(s.label, s.attrs["kind"], s.attrs["designation"]) for s in article.layer("actor")}
    assert ("Russia", "state", "Russian hackers") in actors
    assert {("Russian tourists", "group", "Russian tourists"), ("Polish students", "group", "Polish students")} <= actors
    assert not {label for label, _, _ in actors} & {"Russian", "Polish"}
    (blame,) = [s for s in article.layer("relation") if s.attrs.get("target") == "Russian hackers"]
    assert blame.label == "blame" and blame.attrs["target_actor"] == "Russia"


@pytest.mark.parametrize("text, kind, agent, target", [
    ("The union on Friday backs the strike at the port.", "praise", "The union", "the strike"),
    ("Drevnia on Monday blames Kastovia for the blast.", "blame", "Drevnia", "Kastovia"),
])
def test_a_day_before_the_verb_does_not_make_it_a_noun(text, kind, agent, target):
    (relation,) = find_relations(text)
    assert (relation.type, relation.agent.text, relation.target.text) == (kind, agent, target)


def test_the_actors_view_counts_relations_without_a_target(library):
    spinlens.analyze(text="Dam blast\n\nKastovia's foreign ministry denied any involvement in the blast on Monday, "
                          "and Drevnia blamed Kastovia for the attack on its dam.", library=library)
    kastovia, = library.actors(actor="Kastovia")
    assert ("deny", "", 1) in kastovia.acts_on
    drevnia, = library.actors(actor="Drevnia")
    assert ("blame", "Kastovia", 1) in drevnia.acts_on

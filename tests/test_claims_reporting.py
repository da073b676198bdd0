"""Claims: common English reporting patterns (attribution after asides, trailing time phrases, cues)."""

from __future__ import annotations

import pytest

import spinlens
from spinlens.claims.actors import find_mentions
from spinlens.claims.quotes import find_quotes


def quotes(text: str):
    return [(q.content.text, q.speaker and q.speaker.text, q.cue and q.cue.text)
            for q in find_quotes(text, "en", find_mentions(text))]


@pytest.mark.parametrize("text, speaker", [
    # a relative aside between subject and cue: the noun phrase before it
    ("The Civic Party, whose members appear in the video, said the footage had been edited.", "The Civic Party"),
    # a name in apposition to a role phrase: the name
    ("The ministry's spokesman, Colonel Idris Vane, said on Friday that the convoy had been delayed.",
     "Colonel Idris Vane"),
])
def test_the_subject_is_read_around_a_comma_aside(text, speaker):
    (content, found, cue), = quotes(text)
    assert found == speaker and cue == "said" and content.endswith(("edited", "delayed"))


def test_a_participle_cue_takes_the_subject_of_the_main_clause_past_an_apposition():
    text = "The education secretary, Lorna Pike, defended the plan, saying the money would be better spent."
    assert quotes(text) == [("the money would be better spent", "Lorna Pike", "saying")]


def test_a_name_after_a_role_at_the_end_of_the_sentence_is_the_speaker():
    text = "“This is a fabrication from start to finish,” said its secretary-general, Mark Oduya."
    (q,) = find_quotes(text, "en", find_mentions(text))
    assert q.speaker.text == "Mark Oduya" and q.actor == "Mark Oduya"


def test_lower_case_role_words_before_a_name_after_the_quote():
    text = "“We had no part in this,” foreign ministry spokeswoman Lidia Sorokova said on Saturday."
    assert quotes(text) == [("We had no part in this", "foreign ministry spokeswoman Lidia Sorokova", "said")]


def test_a_trailing_attribution_may_carry_a_time_phrase():
    text = "The port authority has suspended the licence of the shipping firm, a ministry spokesman said on Friday."
    (content, speaker, cue), = quotes(text)
    assert speaker == "a ministry spokesman" and cue == "said" and content.startswith("The port authority")


@pytest.mark.parametrize("text", [
    "A group calling itself the Northern Front claimed responsibility on Sunday for the bomb.",
    "Independent experts have asked to examine the fragments of the device.",
    "The government has repeated its denial and offered to take part in an inquiry.",
    "Minister Orlova told a news conference in Trell.",
])
def test_cues_with_a_noun_object_are_not_reported_speech(text):
    assert quotes(text) == []


def test_a_cue_with_an_object_then_a_colon_reports_what_follows():
    text = "The government in Velgrad had already announced its verdict: Kastovia did it."
    (content, speaker, cue), = quotes(text)
    assert (content, cue) == ("Kastovia did it", "announced") and speaker.startswith("The government")
    assert "already" not in speaker


def test_told_a_news_conference_is_one_cue():
    text = "“They move heavy weapons closer every week,” Orlova told a news conference in Trell."
    assert quotes(text) == [("They move heavy weapons closer every week", "Orlova", "told a news conference")]


@pytest.mark.parametrize("text, speaker", [
    ("Arno Beck, the mayor of Tiel, said the town would sue the regional government.", "Arno Beck"),
    ("Writing on social media, campaigner Tom Ashby said he had waited nineteen months.", "campaigner Tom Ashby"),
    ("In a statement released by the club, chairman Roger Hale thanked the staff but said results had fallen "
     "short.", "chairman Roger Hale"),
])
def test_named_subjects_past_appositions_and_leading_phrases(text, speaker):
    assert [s for _, s, _ in quotes(text)] == [speaker]


def test_an_age_apposition_after_a_quote():
    text = "“We have been treated as an afterthought,” Beck, 58, told a packed meeting."
    assert quotes(text) == [("We have been treated as an afterthought", "Beck", "told a packed meeting")]


def test_a_headline_with_a_bare_role_and_says():
    text = "Waiting lists will fall by spring, health chief says\n\nThe service opened two centres."
    assert quotes(text) == [("Waiting lists will fall by spring", "health chief", "says")]


def test_a_trailing_attribution_with_a_channel_and_a_time():
    text = "Our forces have retaken the village of Krasna, the defence ministry said in a statement on Thursday."
    assert quotes(text) == [("Our forces have retaken the village of Krasna", "the defence ministry", "said")]


def test_an_institution_role_speaker():
    text = "Rovers have sacked their manager after nine games without a win, the club announced on Sunday."
    assert quotes(text)[0][1:] == ("the club", "announced")


def test_passive_it_was_reported_by():
    text = "It was announced by the league that Rovers would be fined for fielding an ineligible player."
    assert quotes(text) == [("Rovers would be fined for fielding an ineligible player", "the league",
                             "was announced by")]


def test_a_participle_after_a_quote_takes_the_reporting_clause_subject():
    text = ("“The enemy suffered heavy losses and retreated,” the statement said, adding that the army had "
            "captured “a significant quantity” of ammunition.")
    assert [s for _, s, _ in quotes(text)] == ["the statement", "the statement"]


def test_a_named_subject_introduces_a_quote_with_a_colon_and_no_cue():
    text = "Its organiser, farmer Beth Colley, had a simple message for ministers: “Come and see the school.”"
    assert quotes(text) == [("Come and see the school.", "farmer Beth Colley", None)]


def test_a_preposition_after_a_participle_is_no_reported_clause():
    assert quotes("Harwick is still arguing about what should replace the steelworks.") == []


def test_a_relative_clause_with_the_cue_before_its_gap():
    text = "The police hold three suspects they say were involved in the blast and released two others."
    assert quotes(text) == [("were involved in the blast", "they", "say")]


def test_the_subject_past_a_relative_clause_with_a_time_phrase():
    from spinlens.claims.relations import find_relations
    text = "The health minister, who last month accused pharmacies of hoarding vaccines, now blames a supplier."
    agents = {r.type: r.agent and r.agent.text for r in find_relations(text)}
    assert agents["accuse"] == "The health minister"


def test_a_determined_name_in_apposition_to_a_common_noun():
    text = "A previously unknown group, the Sons of the Delta, later said the attack was revenge for the arrests."
    assert [s for _, s, _ in quotes(text)] == ["the Sons of the Delta"]


def test_a_weekday_without_on_after_a_trailing_attribution():
    text = "Two men were arrested after the robbery of a jeweller's shop, police said Thursday."
    assert quotes(text)[0][1:] == ("police", "said")


def test_a_pronoun_after_the_cue_starting_a_clause_is_not_the_speaker():
    text = ("Mayor Frank Doyle, who has accused the coalition of “playing games with homes”, said he welcomed "
            "the competition.")
    assert [s for _, s, _ in quotes(text)] == ["Mayor Frank Doyle", "Mayor Frank Doyle"]


@pytest.mark.parametrize("language, text, speaker, cue", [
    ("fr", "« Nous irons jusqu'en cassation », a prévenu l'avocate à la sortie de l'audience.", "l'avocate",
     "a prévenu"),
    ("fr", "L'agence régionale de santé a salué « l'engagement des équipes » lundi.", "L'agence régionale de santé",
     "a salué"),
    ("fr", "Son avocate, Me Sophie Lenoir, a dénoncé une « détention injustifiée » devant la cour.",
     "Me Sophie Lenoir", "a dénoncé"),
    ("ru", "Депутат Николай Фомин назвал его «политическим спектаклем».", "Депутат Николай Фомин", "назвал"),
    ("ru", "«Поставки воды прекращены», — рассказала руководитель управления Елена Гринько.",
     "руководитель управления Елена Гринько", "рассказала"),
])
def test_more_cues_and_characterising_verbs_in_other_languages(language, text, speaker, cue):
    (q,) = find_quotes(text, language, [])
    assert (q.speaker.text, q.cue.text) == (speaker, cue)


def test_a_sentence_attributing_the_one_before_it():
    text = "Вспышка инфекции в лагере связана с некачественной водой. Об этом сообщили в санитарном управлении."
    (q,) = find_quotes(text, "ru", [])
    assert q.content.text.startswith("Вспышка инфекции") and q.speaker.text == "санитарном управлении"
    assert q.cue.text == "сообщили"


def test_the_speaker_after_an_inverted_cue_is_never_reported_content():
    text = "»Wir haben Beweise, und wir werden sie vorlegen«, sagte Außenminister Jan Kovar in Pelsk."
    found = find_quotes(text, "de", [])
    assert [(q.kind, q.speaker.text) for q in found] == [("direct", "Außenminister Jan Kovar")]


@pytest.mark.parametrize("language, text, content, speaker, cue", [
    ("fr", "Le parquet, lui, estime qu'il existe un risque de fuite.", "il existe un risque de fuite", "Le parquet",
     "estime"),
    ("de", "Laut einer Umfrage des Verbands warten Patienten im Schnitt mehr als vier Stunden.",
     "warten Patienten im Schnitt mehr als vier Stunden", "einer Umfrage des Verbands", "Laut"),
    ("de", "Man werde notfalls vor Gericht ziehen, so Roth.", "Man werde notfalls vor Gericht ziehen", "Roth", "so"),
])
def test_reported_speech_patterns_in_other_languages(language, text, content, speaker, cue):
    assert [(q.content.text, q.speaker.text, q.cue.text) for q in find_quotes(text, language, [])] == [
        (content, speaker, cue)]


@pytest.mark.parametrize("language, text", [
    ("fr", "Le Premier ministre a annoncé lundi un plan de trois milliards d'euros pour les hôpitaux."),
    ("de", "Der Verband begrüßte die Pläne grundsätzlich, warnte aber vor zusätzlicher Bürokratie."),
])
def test_no_reported_speech_without_a_complementiser_or_a_speaker(language, text):
    assert find_quotes(text, language, []) == []


def test_a_leading_pour_introduces_the_speaker_of_a_mixed_quote():
    text = "Pour la députée Claire Morin, les sommes promises « ne couvrent même pas l'inflation »."
    (q,) = find_quotes(text, "fr", [])
    assert (q.speaker.text, q.cue.text) == ("la députée Claire Morin", "Pour")


def test_a_dash_is_no_speaker():
    text = "«Наши пограничники действовали строго по инструкции», — говорится в заявлении пограничной службы."
    (q,) = find_quotes(text, "ru", [])
    assert q.cue.text == "говорится" and "заявлении пограничной службы" in q.speaker.text


def test_a_title_abbreviation_does_not_end_the_sentence():
    from spinlens.claims.clauses import sentence_spans
    text = "Prof. Anna Sahl said on Monday that U.S. officials had agreed. Talks resume next week."
    assert [text[s:e].strip() for s, e in sentence_spans(text)] == [
        "Prof. Anna Sahl said on Monday that U.S. officials had agreed.", "Talks resume next week."]
    assert quotes(text)[0] == ("U.S. officials had agreed", "Prof. Anna Sahl", "said")


def test_german_perfect_warned_about_with_an_appositive_name():
    text = "Die Chefärztin der Kinderklinik Eschenbach, Dr. Miriam Vogt, hat vor einem Engpass bei Fiebersäften gewarnt."
    (q,) = find_quotes(text, "de", [])
    assert (q.content.text, q.speaker.text, q.cue.text) == (
        "vor einem Engpass bei Fiebersäften", "Dr. Miriam Vogt", "gewarnt")


def test_german_perfect_with_a_plain_object_is_no_reported_speech():
    assert find_quotes("Die Ministerin hat eine Reform der Notaufnahmen angekündigt.", "de", []) == []


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("Die Polizei hat zwei Verdächtige festgenommen. Das teilte ein Polizeisprecher mit.",
     "Die Polizei hat zwei Verdächtige festgenommen", "ein Polizeisprecher", "teilte"),
    ("Ein politisches Motiv könne derzeit nicht ausgeschlossen werden, fügte er hinzu.",
     "Ein politisches Motiv könne derzeit nicht ausgeschlossen werden", "er", "fügte"),
])
def test_german_separable_cues_take_their_finite_part(text, content, speaker, cue):
    assert [(q.content.text, q.speaker.text, q.cue.text) for q in find_quotes(text, "de", [])] == [
        (content, speaker, cue)]


def test_a_separable_verb_without_its_particle_is_no_cue():
    assert find_quotes("Der Verein teilte die Ansicht der Stadt über den neuen Platz.", "de", []) == []


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("The governor claimed, without evidence, that the ballots had been forged.", "the ballots had been forged",
     "The governor", "claimed"),
    ("The agency said in a televised address that the curfew would be lifted.", "the curfew would be lifted",
     "The agency", "said"),
    ("Marta Solberg told the Associated Press on Tuesday that the plant would close.", "the plant would close",
     "Marta Solberg", "told the Associated Press"),
    ("The company, which employs 4,000 people, said it would cut 300 jobs.", "it would cut 300 jobs",
     "The company", "said"),
    ("Opposition leader Ana Pell, 45, a former judge, said the law was unconstitutional.",
     "the law was unconstitutional", "Opposition leader Ana Pell", "said"),
    ("The report, published on Tuesday by the institute, found that incomes had fallen.", "incomes had fallen",
     "The report", "found"),
    ("The report reportedly warned of corroded gates and faulty wiring in the control building.",
     "of corroded gates and faulty wiring in the control building", "The report", "warned"),
])
def test_reported_clauses_past_asides_objects_and_channels(text, content, speaker, cue):
    assert quotes(text) == [(content, speaker, cue)]


@pytest.mark.parametrize("text", [
    "“This is a witch hunt,” Mr Dorn wrote in a letter to the committee.",
    "“We will appeal,” the company's lawyer said of the ruling.",
])
def test_a_phrase_after_the_cue_is_not_reported_content(text):
    assert [kind for kind in (q.kind for q in find_quotes(text, "en", find_mentions(text)))] == ["direct"]


def test_a_relative_that_after_an_object_is_no_complementiser():
    text = "A group calling itself the Front claimed responsibility for a bomb that killed four police officers."
    assert quotes(text) == []


def test_a_headline_names_the_speaker_before_a_colon():
    assert quotes("Minister: “We will not back down”") == [("We will not back down", "Minister", None)]


@pytest.mark.parametrize("text, speaker, cue", [
    ("As one analyst put it: “The government has run out of ideas.”", "one analyst", "put it"),
    ("“We regret the delay,” the ministry's statement read.", "the ministry's statement", "read"),
    ("“It was chaos,” the driver, who gave his name only as Ahmed, told the Tribune.", "the driver",
     "told the Tribune"),
])
def test_more_speaker_and_cue_shapes_after_and_before_a_quote(text, speaker, cue):
    assert [(s, c) for _, s, c in quotes(text)] == [(speaker, cue)]


def test_a_participle_after_before_takes_the_main_subject():
    text = "“The matter is closed,” Lowe said, before adding: “We will not comment further.”"
    assert [s for _, s, _ in quotes(text)] == ["Lowe", "Lowe"]


def test_a_quote_opening_the_next_paragraph_continues_the_last_speaker():
    text = ("“The defendant had the keys,” Prosecutor Leon Abara said.\n\n"
            "“You will hear from two colleagues who saw her leave.”\n\n"
            "“That is a lie,” shouted a man in the gallery.")
    found = [(q.speaker and q.speaker.text, q.cue and q.cue.text) for q in find_quotes(text, "en", find_mentions(text))]
    assert found == [("Prosecutor Leon Abara", "said"), ("Prosecutor Leon Abara", None), ("a man", "shouted")]


@pytest.mark.parametrize("text, expected", [
    # a second subject that only reacts: the first report ends before it
    ("Lena Varga said the sabotage was not proven, and the minister agreed.",
     [("the sabotage was not proven", "Lena Varga", "said")]),
    # a second report of its own, with or without a complementiser
    ("The ministry said the gates had failed, while the engineers said the charge had been planted.",
     [("the gates had failed", "The ministry", "said"), ("the charge had been planted", "the engineers", "said")]),
    ("Lena Varga said the sabotage was not proven, but Tom Hale insisted that the charge was foreign.",
     [("the sabotage was not proven", "Lena Varga", "said"), ("the charge was foreign", "Tom Hale", "insisted")]),
    # a joined clause without a reporting verb is part of what was said
    ("Lena Varga said the dam was old, and the river was high.",
     [("the dam was old, and the river was high", "Lena Varga", "said")]),
    # a coordinated subject inside the report, or a first part that reports nothing alone: no split
    ("The minister said that the government, and the army, denied any involvement in the attack.",
     [("the government, and the army, denied any involvement in the attack", "The minister", "said")]),
    ("The minister said that the government, and the army denied any involvement in the attack.",
     [("the government, and the army denied any involvement in the attack", "The minister", "said")]),
])
def test_a_joined_second_reporting_clause_ends_the_first_report(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("title", ["Inspector", "Detective Sergeant", "Rabbi", "Justice", "Admiral", "Rev."])
def test_police_military_court_and_clergy_titles_are_not_part_of_the_name(title):
    text = f"{title} Lena Varga said on Monday that the gates had been opened too late."
    (mention,) = [m for m in find_mentions(text) if m.kind == "person"]
    assert mention.actor == "Lena Varga" and quotes(text)[0][1] == f"{title} Lena Varga"


@pytest.mark.parametrize("language, text, content", [
    ("fr", "Le ministre a déclaré lundi à la presse que la situation restait difficile.", "la situation restait difficile"),
    ("it", "Il ministro ha detto lunedì ai giornalisti che la situazione resta difficile.",
     "la situazione resta difficile"),
    ("de", "Der Minister sagte am Montag, die Lage sei ernst.", "die Lage sei ernst"),
    ("de", "Der Minister sagte in einem Interview, die Lage sei ernst.", "die Lage sei ernst"),
    ("de", "Der Minister erklärte zudem, dass die Lage ernst sei.", "die Lage ernst sei"),
    ("pl", "Minister oświadczył w poniedziałek, że sytuacja pozostaje trudna.", "sytuacja pozostaje trudna"),
    ("ru", "Министр заявил в понедельник, что ситуация остаётся сложной.", "ситуация остаётся сложной"),
])
def test_a_time_place_or_audience_phrase_between_cue_and_clause_is_not_content(language, text, content):
    (quote,) = find_quotes(text, language, [])
    assert quote.content.text == content and quote.speaker.text in ("Le ministre", "Il ministro", "Der Minister",
                                                                    "Minister", "Министр")


@pytest.mark.parametrize("language, text, content, cue", [
    ("de", "Die Sprecherin, Lidia Sorokova, sprach von einer „inszenierten Provokation“ und behauptete allen "
           "Ernstes, Drevnia habe die eigene Talsperre gesprengt.", "Drevnia habe die eigene Talsperre gesprengt",
     "behauptete"),
    ("en", "The spokeswoman, Lidia Sorokova, spoke of a “staged provocation” and claimed that Drevnia had blown "
           "up its own dam.", "Drevnia had blown up its own dam", "claimed"),
])
def test_a_second_cue_coordinated_after_a_quote_reports_with_the_same_speaker(language, text, content, cue):
    mentions = find_mentions(text) if language == "en" else []
    reported = [q for q in find_quotes(text, language, mentions) if q.kind == "indirect"]
    assert [(q.content.text, q.speaker.text, q.cue.text) for q in reported] == [(content, "Lidia Sorokova", cue)]


def test_a_quotes_own_attribution_carries_no_reported_speech():
    assert quotes("“He will appeal the ruling as soon as he can,” Lowe said outside the court.") == [
        ("He will appeal the ruling as soon as he can", "Lowe", "said")]


def test_a_paragraph_introduced_by_a_colon_carries_its_quote_for_the_introducer():
    text = ("Talks failed again on Monday. Anna Kell issued a clear warning last year:\n"
            "any attack on the dam would lead to “consequences that nobody here has ever seen before.”")
    assert quotes(text) == [("consequences that nobody here has ever seen before.", "Anna Kell", "issued")]
    assert [q.kind for q in find_quotes(text, "en", find_mentions(text))] == ["mixed"]


@pytest.mark.parametrize("text, speaker", [
    ("Experts contacted by The Border Ledger said that explosions at dams can have several causes.", "Experts"),
    ("Analysts polled by Reuters said the bank would raise its rates in March.", "Analysts"),
    ("On Monday, economists surveyed by the central bank said that inflation would fall.", "economists"),
])
def test_a_participles_by_agent_is_not_the_speaker(text, speaker):
    ((_, found, cue),) = quotes(text)
    assert (found, cue) == (speaker, "said")


def test_an_organisation_named_after_a_common_noun_with_a_comma_is_one_everywhere_in_the_article():
    text = ("The dam was not breached, according to the operator, Drevhydro, and to the inspectors. "
            "Drevhydro says it will hand its maintenance records to the commission.")
    article = spinlens.analyze(text=f"Dam update\n\n{text} The commission will report in March, officials said.")
    assert {s.attrs["kind"] for s in article.layer("actor") if s.label == "Drevhydro"} == {"org"}


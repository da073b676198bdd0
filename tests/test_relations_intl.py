"""Relations in French, German, Italian, Polish and Russian: cues, agents, targets, contents, passives,
negation."""

from __future__ import annotations

import pytest

import spinlens
from spinlens.claims.relations_intl import find_relations_intl


def _one(text: str, language: str):
    relations = find_relations_intl(text, language)
    assert len(relations) == 1, [(r.type, r.cue.text) for r in relations]
    r = relations[0]
    return (r.type, r.agent and r.agent.text, r.cue.text, r.target and r.target.text, r.content and r.content.text)


@pytest.mark.parametrize("language, text, expected", [
    ("fr", "Le ministre de l'Intérieur a accusé l'opposition de mentir aux électeurs.",
     ("accuse", "Le ministre de l'Intérieur", "a accusé", "l'opposition", "de mentir aux électeurs")),
    ("fr", "Les habitants exigent la démission du préfet.",
     ("demand", "Les habitants", "exigent", None, "la démission du préfet")),
    ("fr", "Le syndicat a menacé la direction d'une grève illimitée.",
     ("threaten", "Le syndicat", "a menacé", "la direction", "d'une grève illimitée")),
    ("fr", "L'attentat a été revendiqué par un groupe armé.",
     ("claim_responsibility", "un groupe armé", "a été revendiqué par", None, "L'attentat")),
    ("fr", "Les infirmières, elles, pointent du doigt la direction.",
     ("blame", "Les infirmières", "pointent du doigt", "la direction", None)),
    ("de", "Der Innenminister warf der Opposition vor, die Wähler zu belügen.",
     ("accuse", "Der Innenminister", "warf", "der Opposition", "die Wähler zu belügen")),
    ("de", "Die Vorwürfe wurden von der Regierung scharf zurückgewiesen.",
     ("deny", "der Regierung", "zurückgewiesen", None, "Die Vorwürfe")),
    ("de", "Die Gewerkschaft drohte der Geschäftsführung mit einem unbefristeten Streik.",
     ("threaten", "Die Gewerkschaft", "drohte", "der Geschäftsführung", "mit einem unbefristeten Streik")),
    ("de", "Die Regierung macht die Opposition für die Krise verantwortlich.",
     ("blame", "Die Regierung", "macht", "die Opposition", "für die Krise")),
    ("de", "Die Partei hat den Minister beschuldigt, Akten vernichtet zu haben.",
     ("accuse", "Die Partei", "beschuldigt", "den Minister", "Akten vernichtet zu haben")),
    ("ru", "Министр внутренних дел обвинил оппозицию во лжи.",
     ("accuse", "Министр внутренних дел", "обвинил", "оппозицию", "во лжи")),
    ("ru", "Правительство похвалило пожарных за их работу.",
     ("praise", "Правительство", "похвалило", "пожарных", "за их работу")),
    ("ru", "Ответственность за теракт взяла на себя вооружённая группировка.",
     ("claim_responsibility", "вооружённая группировка", "взяла на себя", None, "Ответственность за теракт")),
    ("ru", "В Кастове эти обвинения отвергли.",
     ("deny", "В Кастове", "отвергли", None, "эти обвинения")),
    ("ru", "Предложение было отвергнуто парламентом.",
     ("deny", "парламентом", "было отвергнуто", None, "Предложение")),
    # manner adverbs before the verb, objects of 'призвал', coordinated participles
    ("ru", "Посол решительно отверг обвинения.", ("deny", "Посол", "отверг", None, "обвинения")),
    ("ru", "Президент призвал граждан сохранять спокойствие.",
     ("demand", "Президент", "призвал", "граждан", "сохранять спокойствие")),
    ("fr", "Le porte-parole, Jean Dubois, a dénoncé une « manipulation » et réclamé une enquête.",
     ("demand", "Jean Dubois", "réclamé", None, "une enquête")),
    ("fr", "Le gouvernement a fermement démenti ces informations.",
     ("deny", "Le gouvernement", "démenti", None, "ces informations")),
    # Italian: compound tenses, passives with 'da'/'dal', blame with 'a'/'all'', 'esortare' names who is called on
    ("it", "Il ministro dell'Interno ha accusato l'opposizione di mentire agli elettori.",
     ("accuse", "Il ministro dell'Interno", "ha accusato", "l'opposizione", "di mentire agli elettori")),
    ("it", "Il sindacato ha minacciato la direzione di uno sciopero a oltranza.",
     ("threaten", "Il sindacato", "ha minacciato", "la direzione", "di uno sciopero a oltranza")),
    ("it", "L'attentato è stato rivendicato da un gruppo armato.",
     ("claim_responsibility", "un gruppo armato", "è stato rivendicato da", None, "L'attentato")),
    ("it", "Le accuse sono state respinte dal Cremlino.",
     ("deny", "Cremlino", "sono state respinte dal", None, "Le accuse")),
    ("it", "Il presidente ha ringraziato i vigili del fuoco per il loro lavoro.",
     ("praise", "Il presidente", "ha ringraziato", "i vigili del fuoco", "per il loro lavoro")),
    ("it", "Il governo attribuisce la crisi all'opposizione.",
     ("blame", "Il governo", "attribuisce", "opposizione", "la crisi")),
    ("it", "Il presidente ha esortato i cittadini a mantenere la calma.",
     ("demand", "Il presidente", "ha esortato", "i cittadini", "a mantenere la calma")),
    # Polish: cases, passives with 'przez', the inverted claim of responsibility, 'wezwał X do ...'
    ("pl", "Minister spraw wewnętrznych oskarżył opozycję o okłamywanie wyborców.",
     ("accuse", "Minister spraw wewnętrznych", "oskarżył", "opozycję", "o okłamywanie wyborców")),
    ("pl", "Rząd pochwalił strażaków za ich pracę.", ("praise", "Rząd", "pochwalił", "strażaków", "za ich pracę")),
    ("pl", "Odpowiedzialność za zamach wzięła na siebie zbrojna grupa.",
     ("claim_responsibility", "zbrojna grupa", "wzięła na siebie", None, "Odpowiedzialność za zamach")),
    ("pl", "Oskarżenia zostały odrzucone przez Kreml.", ("deny", "Kreml", "zostały odrzucone przez", None, "Oskarżenia")),
    ("pl", "Prezydent wezwał obywateli do zachowania spokoju.",
     ("demand", "Prezydent", "wezwał", "obywateli", "do zachowania spokoju")),
    ("pl", "Rząd obwinił opozycję za kryzys.", ("blame", "Rząd", "obwinił", "opozycję", "za kryzys")),
    ("pl", "Zakład jest obwiniany przez miejscowych ekologów za śnięcie ryb.",
     ("blame", "miejscowych ekologów", "jest obwiniany przez", "Zakład", "za śnięcie ryb")),
    ("pl", "Strażacy zostali pochwaleni przez burmistrza.", ("praise", "burmistrza", "zostali pochwaleni przez",
                                                             "Strażacy", None)),
    ("pl", "Obaj zostali oskarżeni o podpalenie.", ("accuse", None, "zostali oskarżeni", "Obaj", "o podpalenie")),
])
def test_relation_parts(language, text, expected):
    assert _one(text, language) == expected


@pytest.mark.parametrize("language, text", [
    ("fr", "Le maire n'a pas accusé la préfecture de négligence."),
    ("fr", "Selon lui, la menace reste élevée."),  # the noun 'menace', no verb
    ("fr", "La demande de remise en liberté reste à l'étude."),  # the noun 'demande'
    ("de", "Der Bürgermeister hat niemanden beschuldigt."),
    ("de", "Der Minister wies darauf hin, dass die Frist läuft."),  # 'wies ... hin', not 'wies ... zurück'
    ("ru", "Мэр не обвинил префектуру в халатности."),
    ("ru", "Он признал свою вину."),
    ("fr", "« Nous accusons le gouvernement de mentir », a déclaré la députée."),  # inside a quote
    ("it", "Il ministro non ha accusato nessuno."),
    ("it", "La richiesta di scarcerazione è ancora all'esame."),  # the noun 'richiesta'
    ("pl", "Minister nie oskarżył nikogo."),
    ("pl", "„Oskarżamy rząd o kłamstwa” – powiedziała posłanka."),  # inside a quote
])
def test_negated_quoted_and_cueless_sentences_give_no_relation(language, text):
    assert find_relations_intl(text, language) == []


def test_coordinated_verbs_share_the_first_subject():
    relations = find_relations_intl("Das Ministerium lobte die Ärzte, wies aber jede Kritik zurück.", "de")
    assert [(r.type, r.agent.text) for r in relations] == [("praise", "Das Ministerium"), ("deny", "Das Ministerium")]
    assert relations[1].content.text == "jede Kritik"
    relations = find_relations_intl("Тот свою вину отрицает и винит поставщика.", "ru")
    assert [(r.type, r.agent.text) for r in relations] == [("deny", "Тот"), ("blame", "Тот")]
    relations = find_relations_intl("Mosca ha negato ogni coinvolgimento e ha accusato Kiev di una provocazione.", "it")
    assert [(r.type, r.agent.text, r.content.text) for r in relations] == [
        ("deny", "Mosca", "ogni coinvolgimento"), ("accuse", "Mosca", "di una provocazione")]
    relations = find_relations_intl("Moskwa zaprzeczyła i oskarżyła Kijów o prowokację.", "pl")
    assert [(r.type, r.agent.text, r.target and r.target.text) for r in relations] == [
        ("deny", "Moskwa", None), ("accuse", "Moskwa", "Kijów")]


def test_french_relative_clause_agent_is_the_antecedent():
    relations = find_relations_intl("La Kastovie, qui dément toute implication, a été accusée par Oskeland "
                                    "d'avoir bombardé le village.", "fr")
    assert [(r.type, r.agent.text, r.target and r.target.text) for r in relations] == [
        ("deny", "La Kastovie", None), ("accuse", "Oskeland", "La Kastovie")]
    assert relations[0].content.text == "toute implication"


@pytest.mark.parametrize("language, text, denier", [
    ("fr", "Explosion au barrage de Varnholt : la Drevnia accuse la Kastovia, qui dément.", "la Kastovia"),
    ("fr", "Le gouvernement accuse l'opposition, qui dément toute implication.", "l'opposition"),
    ("de", "Drevnia beschuldigt Kastovia, das jede Beteiligung bestreitet.", "Kastovia"),
    ("it", "La Drevnia accusa la Kastovia, che nega ogni coinvolgimento.", "la Kastovia"),
    ("ru", "Древния обвиняет Кастовию, которая отрицает свою причастность.", "Кастовию"),
    ("pl", "Drevnia oskarża Kastovię, która zaprzecza wszystkiemu.", "Kastovię"),
])
def test_a_relative_clause_after_an_accusation_belongs_to_the_accused(language, text, denier):
    """'X accuse Y, qui dément': Y denies (the relative pronoun's antecedent is the object, not the clause)."""
    accuse, deny = find_relations_intl(text, language)
    assert (accuse.type, deny.type) == ("accuse", "deny")
    assert accuse.target.text == denier
    assert deny.agent.text == denier


@pytest.mark.parametrize("language, text, expected", [
    ("it", "Sciopero a Brelano\n\nIl sindacato ha accusato la direzione di bloccare i salari. La direzione ha "
           "respinto le accuse e ha chiesto un incontro.", ["accuse", "deny", "demand"]),
    ("pl", "Strajk w Brelanie\n\nZwiązek zawodowy pracowników fabryki oskarżył dyrekcję o blokowanie płac. "
           "Dyrekcja odrzuciła wszystkie zarzuty i zażądała spotkania.", ["accuse", "deny", "demand"]),
])
def test_the_claims_stage_stores_italian_and_polish_relations(language, text, expected):
    article = spinlens.analyze(text=text, language=language)
    assert [s.label for s in article.layer("relation")] == expected
    assert "relations" in article.extra["claims"]["depth"]


def test_the_claims_stage_stores_relations_of_french_german_and_russian_articles():
    article = spinlens.analyze(text=("Grève à Brelac\n\nLe syndicat CGT a accusé la direction de Brelac Industries "
                                     "de bloquer les salaires. La direction a démenti ces accusations."),
                               language="fr")
    relations = article.layer("relation")
    assert [s.label for s in relations] == ["accuse", "deny"]
    assert relations[0].attrs["agent"] == "Le syndicat CGT"
    assert relations[0].attrs["content"] == "de bloquer les salaires"
    assert article.extra["claims"]["relations"] == 2
    assert "relations" in article.extra["claims"]["depth"]


def test_a_title_abbreviation_before_a_german_name_is_not_an_actor_and_does_not_break_the_stage():
    article = spinlens.analyze(text=("Klinik unter Druck\n\n„Wir brauchen dringend mehr Personal auf den Stationen“, "
                                     "sagte Dr. Lena Roth am Montag in Bremen. Das Ministerium wies die Kritik an "
                                     "der Planung zurück."), language="de")
    assert not article.errors
    actors = {s.label for s in article.layer("actor")}
    assert "Lena Roth" in actors and not {"Dr", "Dr.", "Das Ministerium", "Ministerium"} & actors
    assert [s.label for s in article.layer("relation")] == ["deny"]


@pytest.mark.parametrize("language, text, present, absent", [
    ("ru", "Министр иностранных дел Павел Истрин призвал коллег вернуться за стол переговоров. МИД Кастовии "
           "решительно отверг эти обвинения, а Истрин повторил свой призыв.",
     {("Павел Истрин", "person"), ("МИД Кастовии", "org")}, {"Министр", "Истрин"}),
    ("de", "Innenminister Anzel Moravek beschuldigte die Nachbarn, den Anschlag geplant zu haben. Moravek "
           "forderte eine Untersuchung, das Regime in Kastel wies das zurück.",
     {("Anzel Moravek", "person")}, {"Innenminister Anzel Moravek", "Moravek", "Das Regime", "Regime"}),
    ("fr", "Le ministre Paul Girard a accusé les syndicats de bloquer le pays. Syndicats et patronat ont salué "
           "l'accord. Les syndicats ont démenti.",
     {("Paul Girard", "person")}, {"Syndicats"}),
    ("pl", "Związkowcy zażądali od zarządu przedstawienia planu. Część mieszkańców obwinia wodociągi za brak "
           "informacji. Wójt podziękował strażakom za pracę, a Łukasz Żak pochwalił radnych.",
     {("Łukasz Żak", "person")}, {"ądu", "ągi", "żakom", "Żak"}),  # small ą, ł, ż are no capitals
    # common nouns opening a sentence, a ministry's portfolio, a German noun after its adjective (claims gold)
    ("pl", "Pielęgniarki zagroziły strajkiem w szpitalu. Związkowcy zażądali od zarządu planu naprawczego, a Jan "
           "Wrona pochwalił ich za odwagę.",
     {("Jan Wrona", "person")}, {"Pielęgniarki", "Związkowcy"}),
    ("fr", "L'agence régionale de santé a salué l'accord. Selon le ministère de la Santé, les crédits arrivent. "
           "L'opposition a dénoncé un effet d'annonce. Girard a démenti, a dit Paul Girard.",
     {("Paul Girard", "person")}, {"L'agence", "Santé", "L'opposition"}),
    ("ru", "Родители потребовали отставки директора лагеря. Тот свою вину отрицает, а Павел Истрин обвинил во всём "
           "самих родителей.",
     {("Павел Истрин", "person")}, {"Тот"}),
    ("de", "Die velmarische Nachrichtenagentur sprach am Abend von einer Hetzkampagne gegen das Land. Das Regime "
           "in Kastel wies das zurück.",
     {("Kastel", "group")}, {"Nachrichtenagentur"}),
])
def test_actors_of_relation_parts_are_names(language, text, present, absent):
    article = spinlens.analyze(text="Titre\n\n" + text, language=language)
    actors = {(s.label, s.attrs["kind"]) for s in article.layer("actor")}
    assert present <= actors, actors
    assert not absent & {name for name, _ in actors}

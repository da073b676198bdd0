"""Per-language word lists for quotes, cues, relations, hedges and actors (data only, no logic).

Patterns are regular-expression fragments matched case-insensitively against the text unless noted;
verb lists give inflected forms because the matching is by pattern, not by a morphological analyser.
"""

from __future__ import annotations

#: Opening mark -> closing marks it pairs with. A straight quote pairs with itself.
QUOTE_PAIRS: dict[str, str] = {
    "“": "”", "„": "“”", "«": "»", "»": "«", "‹": "›", "‚": "‘’", "‘": "’", '"': '"', "'": "'", "「": "」", "『": "』",
}

#: Speech cues (verbs of saying and attribution phrases). `{speaker}`-free fragments.
SPEECH_CUES: dict[str, str] = {
    "en": r"(?:said|says|say|told(?:\s+(?:reporters|journalists|(?:a|an)\s+(?:[\w-]+\s+)?(?:news\s+conference|"
          r"press\s+conference|conference|briefing|jury|court|rally|meeting|hearing|crowd|audience|committee|"
          r"newspaper|podcast)|(?:the\s+)?(?-i:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})|the\s+\w+|"
          r"(?!(?:a|an)\b)\w+))?|tells|added|adds|stated|states|"
          r"declared|declares|announced|announces|claimed|claims|insisted|insists|argued|argues|argue|warned|warns|"
          r"noted|notes|explained|explains|wrote|writes|asserted|asserts|maintained|maintains|suggested|suggests|"
          r"admitted|admits|acknowledged|acknowledges|confirmed|confirms|stressed|stresses|emphasi[sz]ed|"
          r"emphasi[sz]es|replied|replies|responded|responds|commented|comments|remarked|observed|alleged|alleges|"
          r"asked|asks|pointed\s+out|points\s+out|went\s+on|continued|recalled|conceded|predicted|tweeted|posted|"
          r"boasted|complained|cautioned|vowed|promised|concluded|announced|reiterated|repeated|reported|recalls|"
          r"revealed|reveals|disclosed|indicated|contended|countered|retorted|testified|reminded|assured|quipped|"
          r"saying|adding|noting|insisting|arguing|stressing|explaining|acknowledging|admitting|found|finds|"
          r"chanted|shouted|yelled|put\s+it|read|reads)",
    "fr": r"(?:(?:a|ont|avait|avaient|aurait|auraient)\s+(?:déclaré|dit|affirmé|ajouté|indiqué|expliqué|estimé|"
          r"souligné|assuré|averti|martelé|insisté|précisé|rappelé|confié|lancé|écrit|reconnu|annoncé|répondu|jugé|"
          r"dénoncé|prévenu|poursuivi|conclu|fait\s+valoir|fait\s+savoir|réagi|commenté|regretté|glissé|observé|"
          r"relevé|plaidé|admis|promis|répété|réaffirmé|confirmé|raconté|témoigné|constaté|signalé|déploré|"
          r"fustigé|soutenu|maintenu|résumé|tranché|ironisé|lâché)|déclare|dit|affirme|ajoute|indique|explique|estime|souligne|assure|avertit|"
          r"précise|rappelle|confie|lance|écrit|reconnaît|annonce|répond|juge|prévient|poursuit|conclut|insiste|"
          r"martèle|raconte|témoigne|regrette|déplore|dénonce|fait\s+valoir|fait\s+savoir|déclarait|disait|"
          r"résume|tranche|souffle|ironise|glisse|lâche|commente|observe|relève|s['’]indigne|s['’]inquiète|"
          r"affirmait|ajoutait|expliquait|estimait|assurait)",
    "de": r"(?:sagte|sagt|sagten|erklärte|erklärt|erklärten|betonte|betont|meinte|meint|warnte|warnt|"
          r"behauptete|behauptet|kritisierte|kritisiert|schrieb|schreibt|bestätigte|bestätigt|versicherte|"
          r"unterstrich|ergänzte|ergänzt|erzählte|erzählt|erzählten|sprach|antwortete|verkündete|betonten|"
          r"meinten|warnten|schrieben|"
          r"berichtete|berichtet|berichteten|fuhr\s+fort|hieß\s+es|heißt\s+es|erläuterte|erläutert|stellte\s+klar|"
          # separable verbs: the finite part, when its particle closes the clause ('teilte ... mit.')
          r"(?:teilte|teilt|teilten)(?=[^.!?]{0,100}\smit\s*[.,;!?])|(?:fügte|fügt)(?=[^.!?]{0,100}\shinzu\b)|"
          r"(?:räumte|räumt)(?=[^.!?]{0,100}\sein\s*[.,;!?])|(?:kündigte|gab|gibt|gaben)(?=[^.!?]{0,100}\san\s*[.,;!?])|"
          r"führte(?=[^.!?]{0,100}\saus\s*[.,;!?]))",
    "it": r"(?:(?:ha|hanno|aveva|avevano|avrebbe|avrebbero)\s+(?:(?:poi|anche|invece|inoltre|già)\s+)?"
          r"(?:detto|dichiarato|affermato|aggiunto|spiegato|sottolineato|precisato|ribadito|scritto|annunciato|"
          r"avvertito|ammesso|raccontato|denunciato|osservato|commentato|confermato|replicato|risposto|assicurato|"
          r"garantito|ricordato|riferito|sostenuto|insistito|evidenziato|rilevato|concluso|promesso|riconosciuto|"
          r"chiarito|segnalato|lamentato|fatto\s+sapere|fatto\s+notare|dichiarato|comunicato|reso\s+noto)|"
          r"dice|dicono|dichiara|dichiarano|afferma|affermano|aggiunge|aggiungono|spiega|spiegano|sottolinea|precisa|"
          r"ribadisce|scrive|scrivono|annuncia|avverte|racconta|raccontano|denuncia|denunciano|osserva|commenta|"
          r"conferma|replica|risponde|assicura|garantisce|ricorda|riferisce|sostiene|sostengono|insiste|evidenzia|"
          r"rileva|conclude|ammette|ammettono|chiarisce|lamenta|lamentano|fa\s+sapere|fa\s+notare|"
          r"disse|dichiarò|affermò|aggiunse|spiegò|sottolineò|precisò|ribadì|scrisse|annunciò|raccontò|rispose|"
          r"concluse|diceva|spiegava|raccontava|aggiungeva)",
    "pl": r"(?:(?:powiedzia|stwierdzi|oświadczy|doda|podkreśli|napisa|zapowiedzia|przyzna|mówi|twierdzi|zaznaczy|"
          r"poinformowa|oceni|zapewni|wyjaśni|tłumaczy|przekonywa|przypomnia|zauważy|przekaza|relacjonowa|opowiada|"
          r"odpowiedzia|odpar|zdradzi|ujawni|potwierdzi|komentowa|skomentowa|wskaza|argumentowa|alarmowa|"
          r"apelowa|zaapelowa|ostrzega|informowa|pisa|dodawa|podkreśla|zaznacza|skarży|ogłosi)(?:ł|ła|ło|li|ły)"
          r"(?:\s+się)?|ostrzegł[aoy]?|ostrzegli|"
          r"mówi|mówią|twierdzi|twierdzą|dodaje|dodają|podkreśla|podkreślają|zaznacza|przyznaje|przyznają|"
          r"przekonuje|przekonują|zapewnia|zapewniają|wyjaśnia|tłumaczy|ostrzega|ostrzegają|alarmuje|alarmują|"
          r"informuje|ocenia|uważa|uważają|relacjonuje|opowiada|pisze|piszą|stwierdza|oświadcza|zauważa|"
          r"przypomina|apeluje|komentuje|ogłasza|skarży\s+się|skarżą\s+się|żali\s+się)",
    "ru": r"(?:заявил[аио]?|сказал[аио]?|сообщил[аио]?|отметил[аио]?|подчеркнул[аио]?|добавил[аио]?|"
          r"пояснил[аио]?|признал[аио]?|предупредил[аио]?|написал[аио]?|уточнил[аио]?|считает|утверждает|"
          r"заявляет|говорит|пишет|отмечает|подчеркивает|подчёркивает|сообщает|указал[аио]?|объяснил[аио]?|"
          r"констатировал[аио]?|высказал[аио]?ся|ответил[аио]?|рассказал[аио]?|заверил[аио]?|напомнил[аио]?|"
          r"пообещал[аио]?|объявил[аио]?|объявляет|настаивает|настаивал[аио]?|полагает|добавляет|говорится|"
          r"сообщают|заявляют|отмечают|"
          r"считают|пишут|утверждают|признаёт|признает|уверен[аы]?|рассказывает|объясняет|поясняет)",
}

#: Verbs that characterise what someone said and can govern a quoted fragment ('called the plan "a farce"').
CHARACTERISING_VERBS: dict[str, str] = {
    "en": r"called|calls|described|describes|dubbed|labell?ed|termed|branded",
    "fr": r"(?:a|ont)\s+(?:qualifié|traité|salué|dénoncé|accusé|fustigé|critiqué)|qualifie|traite|salue|dénonce|accuse",
    "de": r"nannte|nennt|bezeichnete|bezeichnet|sprach\s+von|spricht\s+von|lobte|lobt|kritisierte|warf|wirft",
    "it": r"(?:ha|hanno)\s+(?:definito|chiamato|accusato|lodato)|definisce",
    "pl": r"nazwał[aoy]?|nazwali|oskarżył[aoy]?|oskarżyli",
    "ru": r"назвал[аио]?|называет|называют|обвинил[аио]?|обвиняет|охарактеризовал[аио]?|осудил[аио]?|"
          r"похвалил[аио]?|раскритиковал[аио]?",
}

#: Openings that attribute the previous sentence ("Об этом сообщили в ...", "Das sagte Kern der Zeitung").
REFERS_BACK: dict[str, str] = {
    "en": r"(?!x)x", "fr": r"c['’]est\s+ce\s+qu['’]", "de": r"das|dies", "it": r"lo\s+|l['’]", "pl": r"(?!x)x",
    "ru": r"об\s+этом",
}

#: Cues that close a sentence of reported speech without naming its source ('..., hieß es.').
SOURCELESS_CUES: dict[str, str] = {"de": r"hieß\s+es|heißt\s+es|wie\s+es\s+hieß", "fr": r"dit-on|affirme-t-on",
                                   "it": r"si\s+dice|si\s+apprende", "ru": r"говорят|сообщается"}

#: The same back-reference after the cue ('Poinformowała o tym rzeczniczka X.').
REFERS_BACK_AFTER: dict[str, str] = {"pl": r"o\s+tym", "ru": r"об\s+этом"}
#: Relative pronouns that open a clause about the speaker after it ('il gestore, Acque del Colle, che ...').
RELATIVE_PRONOUNS: dict[str, str] = {"en": r"who|which", "fr": r"qui", "de": r"der|die|das", "it": r"che|il\s+quale|la\s+quale",
                                      "pl": r"który|która|które|którzy", "ru": r"который|которая|которое|которые"}

#: "According to X" and its counterparts: the source follows the phrase.
ACCORDING_TO: dict[str, str] = {
    "en": r"(?:according\s+to|in\s+the\s+words\s+of|as\s+quoted\s+by)",
    "fr": r"(?:selon|d['’]après|aux\s+dires\s+de)",
    "de": r"(?:laut|nach\s+Angaben\s+(?:von|des|der)|nach\s+Worten\s+(?:von|des|der)|wie\s+.{0,40}?\s+mitteilte)",
    "it": r"(?:secondo|stando\s+a|a\s+detta\s+di)",
    "pl": r"(?:według|zdaniem|jak\s+podał[aoy]?)",
    "ru": r"(?:по\s+словам|по\s+данным|по\s+мнению|как\s+заявил[аио]?|как\s+сообщил[аио]?|как\s+отметил[аио]?)",
}

#: English cues that take reported speech without "that" ("said the talks had failed"); the other cues
#: take a noun object as readily ("confirmed the report", "repeated its denial"), so they need "that".
_ZERO_THAT_EN = (r"said|says|say|told\b.*|tells|added|adds|insisted|insists|argued|argues|warned|warns|noted|"
                 r"notes|claimed|claims|stressed|stresses|wrote|writes|maintained|maintains|reported|"
                 r"explained|explains|conceded|contended|countered|testified|reminded\b.*|assured|saying|adding|"
                 r"noting|insisting|arguing|stressing|explaining|stated|states|asserted|asserts|alleged|alleges|"
                 r"suggested|suggests|emphasi[sz]ed|emphasi[sz]es")
#: Per language: cues that report a clause without a complementiser. German puts a comma and the
#: subjunctive instead ("erklärte, die Kliniken bräuchten ..."); French and Russian need que / что.
ZERO_THAT_CUES: dict[str, str] = {"en": _ZERO_THAT_EN, "de": r".*", "it": r"(?!x)x", "pl": r".*", "fr": r"(?!x)x",
                                  "ru": r"(?!x)x"}

#: "According to" phrases that only mean that at the head of a sentence ("Pour la députée, ...").
ACCORDING_TO_LEADING: dict[str, str] = {"fr": r"pour"}

#: German perfect tense: "X hat vor einem Engpass gewarnt" (auxiliaries, then the participles that end it;
#: not those that mostly take a plain object, "hat eine Reform angekündigt", "hat den Krieg erklärt").
PERFECT_CUES: dict[str, tuple[str, str]] = {
    "de": (r"hat|haben|hatte|hatten",
           r"gewarnt|gesagt|betont|behauptet|versichert|bekräftigt|eingeräumt|unterstrichen|hervorgehoben"),
}

#: Particles of separable verbs closing a clause after the speaker ("..., fügte er hinzu.").
SEPARABLE_PARTICLES: dict[str, str] = {"de": r"mit|hinzu|an|ein|aus"}

#: Cues that only attribute at the end of a sentence ("..., so Roth.").
TRAILING_CUES: dict[str, str] = {"de": r"so"}

#: Words that introduce reported content after a speech verb ("said that ...").
COMPLEMENTISER: dict[str, str] = {
    "en": r"that", "fr": r"que|qu['’]", "de": r"dass|daß", "it": r"che", "pl": r"że", "ru": r"что",
}

#: Speakers named by a determiner and a noun ("le parquet", "die Staatsanwaltschaft"), per language;
#: a capitalised name may follow the noun ("le ministre Jean Dupont", "министр Иван Петров").
SPEAKER_NOUN_PHRASE: dict[str, str] = {
    # (each starts at a word's start: 'i' must not open a phrase inside 'sanitaria')
    "fr": r"(?<![\w'’-])(?:(?i:le|la|les|un|une|son|sa|ses|leur)\s+|(?i:l['’]))[\w-]+"
          r"(?:\s+(?i:de|du|des|d['’])?\s*[\w-]+){0,2}?",
    "de": r"(?<![\w'’-])(?i:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen|sein|seine|seiner|ihr|ihre|"
          r"ihrer)\s+[\w-]+(?:\s+(?i:des|der)\s+[\w-]+)?",
    "it": r"(?<![\w'’-])(?:(?i:il|lo|la|i|gli|le|un|una)\s+|(?i:l['’]))[\w-]+(?:\s+(?i:di|del|della|dei)\s+[\w-]+)?",
    "pl": r"(?<![\w-])(?:[a-ząćęłńóśźż]+\s+){1,3}(?=[A-ZĄĆĘŁŃÓŚŹŻ])",
    "ru": r"(?:[а-яё]+\s+){1,2}(?=[А-ЯЁ])",
}

#: Cues with the pronoun after the verb ("a-t-il ajouté", "sagte er", "заявил он"): the pronoun is the speaker.
INVERTED_CUES: dict[str, str] = {
    "fr": r"(?:a-t-(?:il|elle)|ont-(?:ils|elles))\s+\w+|\w+-t-(?:il|elle)|(?:dit|ajoute|estime|explique|"
          r"précise|assure|affirme|souligne|insiste|prévient|poursuit|conclut)-(?:il|elle|ils|elles)",
    "de": r"(?:sagte|sagt|erklärte|erklärt|betonte|meinte|warnte|fügte|ergänzte|so)\s+(?:er|sie)\b",
    # Italian and Polish drop the subject: '», ha detto.', '” — przekonywał.' (the subject is found later,
    # `quotes._dropped_subjects`)
    "it": SPEECH_CUES["it"] + r"(?=\s*(?:[.!?;]|$))",
    "pl": SPEECH_CUES["pl"] + r"(?=\s*(?:[.!?;]|$))",
    "ru": r"(?:заявил|сказал|отметил|добавил|подчеркнул|пояснил|сообщил|признал|уточнил)[аи]?\s+(?:он|она|они)\b",
}

#: Words that open a noun phrase in the other five languages (articles, demonstratives, possessives): a
#: capitalised one at a sentence start is no name ('Les critiques accusent ...').
PHRASE_OPENERS_BY_LANGUAGE: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les l' l’ un une des du de d' d’ ce cet cette ces son sa ses leur leurs selon".split()),
    "it": frozenset("il lo la i gli le l' l’ un uno una un' dei degli delle del della dello secondo questi queste".split()),
    "de": frozenset({"laut"}),  # German articles mark a common noun instead (`names._GERMAN_DETERMINER`)
    "pl": frozenset("ci te ten ta to niektórzy wielu według w we na".split()),
    "ru": frozenset("эти те этот эта это многие некоторые по в во на".split()),
}

#: Adverbs, conjunctions and prepositions that open a sentence capitalised ('Ainsi', 'Daraufhin', 'Intanto'):
#: stripped like the openers above, so alone they name no actor.
SENTENCE_ADVERBS: dict[str, frozenset[str]] = {
    "fr": frozenset("""ainsi alors aussi autant donc puis ensuite enfin pourtant cependant toutefois néanmoins désormais
        aujourd'hui hier demain déjà encore surtout également pourquoi comment quand lorsque si mais car or voici
        voilà prenons après avant depuis pendant malgré contre pour sans avec dans sur sous entre chez parmi
        certes certains plusieurs""".split()),
    "it": frozenset("""così allora anche quindi poi infine però tuttavia comunque oggi ieri domani già ancora soprattutto
        inoltre intanto ora adesso perché quando mentre se ma dunque dopo prima durante contro per senza con
        nel nella negli tra fra alcuni molti""".split()),
    "de": frozenset("""dann danach daraufhin darauf weiter jüngst zuletzt zudem außerdem auch doch denn jedoch trotzdem
        deshalb daher somit also nun jetzt heute gestern morgen bereits schon inzwischen mittlerweile angesichts
        wegen trotz nach vor seit während bei mit ohne gegen für über unter zwischen damit dabei dazu dagegen
        allerdings zwar immerhin schließlich letztlich gleichzeitig zugleich ebenso ebenfalls insbesondere""".split()),
    "pl": frozenset("""tak więc potem następnie jednak także również dziś wczoraj jutro już jeszcze zwłaszcza ponadto
        teraz dlaczego kiedy gdy jeśli ale bo po przed podczas mimo przeciw dla bez przez choć chociaż natomiast
        z ze""".split()),
    "ru": frozenset("""так тогда также поэтому потом затем однако сегодня вчера завтра уже ещё особенно кроме теперь
        почему когда если но после перед во-первых вместе ранее кроме впрочем между при""".split()),
}

#: Common nouns for people and sources that open a sentence without an article in the other five languages
#: ('Anwohner sagten', 'Эксперты предупредили', 'Mieszkańcy powiedzieli'): speakers and agents, but not
#: names of actors. German compounds end in them ('Sicherheitsexperten', 'Regierungskritiker').
COMMON_SPEAKER_NOUNS: dict[str, str] = {
    "de": (r"\w*(?:experte|experten|expertin|expertinnen|kritiker|kritikerin|kritikerinnen|anwohner|anwohnerin|"
           r"anwohnerinnen|bewohner|bewohnerin|bewohnerinnen|einwohner|ärzte|ärztin|ärztinnen|zeuge|zeugen|zeugin|"
           r"beobachter|beobachterin|beobachterinnen|analyst|analysten|analystin|beamte|beamten|beamtin|ermittler|"
           r"ermittlerin|ermittlerinnen|forscher|forscherin|forscherinnen|wissenschaftler|wissenschaftlerin|"
           r"wissenschaftlerinnen|demonstranten|demonstrantinnen|bürger|bürgerinnen|soldaten|soldatinnen|helfer|"
           r"helferinnen|retter|rettungskräfte|einsatzkräfte|sanitäter|polizisten|polizistinnen|diplomaten|"
           r"diplomatinnen|politiker|politikerin|politikerinnen|abgeordnete|abgeordneten|vertreter|vertreterin|"
           r"vertreterinnen|mitarbeiter|mitarbeiterin|mitarbeiterinnen|anwälte|anwältin|anwältinnen|ökonomen|"
           r"ökonominnen|insider|kreise|quellen|medien|berichte|umfragen|studien|nachbarn|überlebende|angehörige|"
           r"opfer|flüchtlinge|aktivisten|aktivistinnen|gegner|gegnerinnen|befürworter|unterstützer|kommentatoren|"
           r"journalisten|journalistinnen|reporter|historiker|historikerin|juristen|fachleute|leute|menschen|eltern|"
           r"lehrer|lehrerinnen|schüler|studenten|studierende|bauern|arbeiter|arbeiterinnen|händler|beschäftigte)"),
    "fr": (r"(?:habitant|expert|critique|médecin|témoin|observateur|analyste|responsable|autorité|enquêteur|"
           r"chercheur|scientifique|manifestant|citoyen|soldat|militaire|secouriste|policier|diplomate|politique|"
           r"député|représentant|employé|salarié|avocat|économiste|source|média|voisin|survivant|proche|victime|"
           r"réfugié|militant|opposant|partisan|journaliste|historien|spécialiste|parent|enseignant|étudiant|"
           r"agriculteur|ouvrier|élu)(?:e|es|s|x)?|gens|médias"),
    # plurals only, and not the ones that are also common surnames (Medici, Parenti, Vicini)
    "it": (r"(?:abitant|resident|espert|critic|testimon|osservator|analist|funzionar|inquirent|investigator|"
           r"ricercator|scienziat|manifestant|cittadin|soldat|militar|soccorritor|poliziott|diplomatic|politic|"
           r"deputat|rappresentant|dipendent|avvocat|economist|font|sopravvissut|vittim|rifugiat|"
           r"attivist|oppositor|sostenitor|giornalist|storic|specialist|person|genitor|insegnant|student|agricoltor|"
           r"opera)[ie]|autorità|media"),
    "pl": (r"mieszkańcy|mieszkanki|eksperci|ekspertki|krytycy|lekarze|lekarki|świadkowie|obserwatorzy|analitycy|"
           r"urzędnicy|władze|śledczy|badacze|naukowcy|demonstranci|obywatele|żołnierze|wojskowi|ratownicy|medycy|"
           r"policjanci|dyplomaci|politycy|posłowie|przedstawiciele|pracownicy|prawnicy|adwokaci|ekonomiści|źródła|"
           r"media|sąsiedzi|ocaleni|krewni|ofiary|uchodźcy|aktywiści|przeciwnicy|zwolennicy|dziennikarze|historycy|"
           r"specjaliści|ludzie|rodzice|nauczyciele|studenci|rolnicy|robotnicy|mieszkaniec|ekspert|lekarz|świadek|"
           r"pielęgniarki|pielęgniarze|związkowcy|strażacy|górnicy|kolejarze|radni|protestujący|część|obaj|obie|"
           r"wszyscy|zarząd|wójt|burmistrz|dyrekcja|rząd|autor|autorka|autorzy|magazyn|analityk|dziennikarz|"
           r"dziennikarka|rzecznik|rzeczniczka"),
    "ru": (r"жители|эксперты|критики|врачи|свидетели|очевидцы|наблюдатели|аналитики|чиновники|власти|следователи|"
           r"исследователи|уч[её]ные|демонстранты|граждане|солдаты|военные|спасатели|медики|полицейские|дипломаты|"
           r"политики|депутаты|представители|сотрудники|юристы|адвокаты|экономисты|источники|соседи|выжившие|"
           r"родственники|жертвы|беженцы|активисты|противники|сторонники|журналисты|историки|специалисты|люди|"
           r"родители|учителя|студенты|фермеры|рабочие|местные|житель|эксперт|врач|свидетель|очевидец|"
           r"тот|та|те|министерство|ведомство|правительство|руководство|аналитик|издание|автор|журналист|"
           r"источник|представитель|собеседник|политолог"),
}

#: Personal pronouns that can stand for a speaker, with the kind of actor they refer to.
PRONOUNS: dict[str, dict[str, str]] = {
    "en": {"he": "person", "she": "person", "they": "group", "it": "org", "we": "group", "i": "person"},
    "fr": {"il": "person", "elle": "person", "ils": "group", "elles": "group"},
    "de": {"er": "person", "sie": "person"},
    "it": {"lui": "person", "lei": "person", "quest'ultimo": "person", "quest'ultima": "person",
           "quest’ultimo": "person", "quest’ultima": "person"},
    # 'On sam przekonuje, że ...' (longest first, so the regex alternation takes the whole phrase)
    "pl": {"on sam": "person", "ona sama": "person", "oni sami": "group", "on": "person", "ona": "person",
           "oni": "group"},
    "ru": {"он": "person", "она": "person", "они": "group"},
}

#: Common nouns before a one-word name that make it an organisation ('il quotidiano tedesco Handelsblatt',
#: 'l'agence Reuters', 'die Zeitung Bild', 'dziennik Rzeczpospolita', 'газета Коммерсантъ').
ORG_NOUNS_BEFORE_NAME: dict[str, str] = {
    "fr": r"quotidien|journal|hebdomadaire|magazine|agence|soci[ée]t[ée]|entreprise|groupe|parti|site|cha[iî]ne|radio|"
          r"exploitant|op[ée]rateur",
    "it": r"quotidiano|giornale|settimanale|rivista|agenzia|societ[àa]|azienda|gruppo|partito|sito|emittente|rete|"
          r"testata|gestore|operatore",
    "de": r"\w*(?:zeitung|zeitschrift|magazin|agentur|konzern|firma|unternehmen|partei|sender|portal|blatt|betreiber)",
    "pl": r"dziennik\w*|gazet\w*|tygodnik\w*|agencj\w*|spółk\w*|firm\w*|parti\w*|portal\w*|stacj\w*|"
          r"telewizj\w*|operator\w*",
    "ru": r"газет\w*|агентств\w*|издани\w*|компани\w*|парти\w*|телеканал\w*|портал\w*|журнал\w*|оператор\w*",
}

#: French and Italian titles and offices that open a name ('sindaco', 'ministre'): alone, they name no one.
ROMANCE_TITLES: dict[str, str] = {
    "fr": r"ministre|pr[ée]sident|pr[ée]sidente|maire|porte-parole|directeur|directrice|secr[ée]taire|pr[ée]fet|"
          r"d[ée]put[ée]e?|s[ée]nateur|s[ée]natrice|g[ée]n[ée]ral|colonel|capitaine|juge|procureur|procureure|"
          r"commissaire|ambassadeur|ambassadrice|chef|cheffe|dirigeant|dirigeante|docteur|professeur|professeure",
    "it": r"ministro|ministra|presidente|premier|sindaco|sindaca|portavoce|direttore|direttrice|segretario|"
          r"segretaria|prefetto|deputato|deputata|senatore|senatrice|generale|colonnello|capitano|giudice|"
          r"procuratore|procuratrice|questore|assessore|assessora|commissario|ambasciatore|ambasciatrice|capo|"
          r"leader|dottore|dottoressa|professore|professoressa",
}

#: Nouns (English) for institutions and their documents that speak ("the ministry said", "the statement said").
INSTITUTION_NOUNS = (
    r"ministry|government|council|agency|department|police|army|military|company|firm|court|committee|"
    r"kremlin|embassy|union|party|regime|authorities|administration|office|statement|club|team|league|"
    r"federation|association|board|commission|authority|regulator|watchdog|operator|airline|hospital|"
    r"university|broadcaster|newspaper|charity|force|service|institute|foundation|group|bank|report|study"
)

#: Role nouns (English) that name a speaker without a name; resolved to the nearest fitting actor.
ROLE_NOUNS = (
    r"spokes(?:man|woman|person|people|persons)|minister|president|prime\s+minister|premier|chancellor|mayor|"
    r"governor|senator|lawmaker|official|officials|diplomat|ambassador|general|commander|chief|head|director|"
    r"chairman|chairwoman|chair|ceo|secretary|leader|prosecutor|judge|lawyer|attorney|analyst|expert|professor|"
    r"researcher|witness|resident|residents|activist|campaigner|coach|manager|captain|striker|economist|"
    r"source|sources|" + INSTITUTION_NOUNS
)

#: Words that open a speaker's or agent's phrase at a sentence start without naming anyone ('Local engineers',
#: 'Residents of border districts', 'Investigators'): role nouns, in the singular or plural, and adjectives.
COMMON_PHRASE_OPENERS = (
    rf"(?:(?:{ROLE_NOUNS})|engineer|investigator|worker|doctor|nurse|officer|soldier|villager|farmer|scientist|"
    r"inspector|critic|observer|protester|student|teacher|parent|voter|citizen|local|foreign|senior|independent|"
    r"western|regional|federal|national|international|military|former|top|unnamed|anonymous|rescue|emergency)s?"
)

#: Relation types and the English verb forms that express them (active voice forms).
RELATION_VERBS: dict[str, str] = {
    "accuse": r"accus(?:ed|es|e|ing)|charg(?:ed|ing)|charges?(?=\s[^.;]{0,60}?\bwith\b)",
    "blame": r"blam(?:ed|es|e|ing)|held\s+responsible|holds\s+responsible|hold\s+responsible",
    "deny": r"den(?:ied|ies|y|ying)|reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|refut(?:ed|es|e|ing)|"
            r"rebuff(?:ed|s|ing)?|brush(?:ed|es)\s+off|(?:repeated|reiterated|issued)\s+(?:its|his|her|their|a)\s+denial",
    "demand": r"demand(?:ed|s|ing)?|urg(?:ed|es|e|ing)|call(?:ed|s|ing)?\s+(?:on|upon|for)|press(?:ed|es|ing)",
    "threaten": r"threat(?:en|ened|ens|ening)|vow(?:ed|s|ing)?\s+(?:to\s+(?:punish|retaliate|avenge|respond|hit|"
                r"strike|destroy|crush)|revenge|retaliation)|vow(?:ed|s|ing)?(?=\s+that\s[^.;]{1,80}\bwould\s+(?:\"|“)?pay\b)|"
                r"promis(?:ed|es|ing)\s+(?:revenge|retaliation|retribution)",
    "praise": r"prais(?:ed|es|e|ing)|thank(?:ed|s|ing)?|hail(?:ed|s|ing)?|welcom(?:ed|es|e|ing)|back(?:ed|s|ing)|"
              r"support(?:ed|s|ing)?|commend(?:ed|s|ing)?|laud(?:ed|s|ing)?|applaud(?:ed|s|ing)?",
    "claim_responsibility": r"claim(?:ed|s|ing)?\s+responsibility|took\s+responsibility|take[sn]?\s+responsibility|"
                            r"claim(?:ed|s|ing)?\s+credit",
}

#: Any relation verb (used to find who a quoted fragment in a relation belongs to).
RELATION_VERBS_ALL = "|".join(RELATION_VERBS.values())

#: The preposition that introduces each relation's content after the target ("accused X of ...").
RELATION_CONTENT: dict[str, str] = {
    "accuse": r"of|over|with", "blame": r"for|over", "deny": r"", "demand": r"to|for|that",
    "threaten": r"with|to", "praise": r"for|over", "claim_responsibility": r"for",
}

#: Hedges, evidence markers and markers of unsourced claims, per language.
HEDGES: dict[str, dict[str, str]] = {
    "en": {
        "hedge": r"allegedly|alleged|reportedly|purportedly|supposedly|apparently|presumably|ostensibly|"
                 r"it\s+is\s+(?:believed|thought|said|claimed|understood|alleged)|is\s+believed\s+to|"
                 r"are\s+believed\s+to|is\s+thought\s+to|are\s+thought\s+to|is\s+said\s+to|are\s+said\s+to|"
                 r"probably|possibly|likely|perhaps|may\s+have|might\s+have|could\s+have|appears?\s+to|"
                 r"seems?\s+to|appeared\s+to|an\s+estimated|claim(?:s|ed)?(?=\s+that\b)|unconfirmed|unverified|"
                 r"not\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)",
        "evidence": r"(?:documents|records|data|figures|footage|photographs|images|satellite\s+images|video)\s+"
                    r"(?:show|showed|shows|seen\s+by|obtained\s+by|reviewed\s+by)|independently\s+(?:confirmed|verified)|"
                    r"confirmed\s+by|verified\s+by|according\s+to\s+(?:official\s+)?(?:data|figures|records|documents)|"
                    r"judging\s+by\s+the\s+(?:video\s+)?footage|evidence\s+(?:shows|showed|suggests)",
        "unsourced": r"without\s+(?:showing|providing|offering|presenting|giving)\s+(?:any\s+)?(?:evidence|proof)|"
                     r"without\s+evidence|unsubstantiated|in\s+an\s+unsubstantiated\s+way|"
                     r"could\s+not\s+be\s+(?:independently\s+)?(?:verified|confirmed)|"
                     r"(?:offered|provided|gave|presented)\s+no\s+(?:proof|evidence)|"
                     r"did\s+not\s+(?:provide|offer|present|give|show)\s+(?:any\s+)?(?:evidence|proof)|"
                     r"(?:speaking|spoke)\s+on\s+(?:the\s+)?condition\s+of\s+anonymity|"
                     r"according\s+to\s+(?:security|intelligence|military|diplomatic|government)\s+sources|"
                     r"(?:a\s+source|sources|people)\s+(?:close\s+to|familiar\s+with)|according\s+to\s+people\s+who|"
                     r"(?:unnamed|anonymous|unidentified)\s+(?:[\w-]+\s+){0,2}?(?:sources?|officials?)|"
                     r"sources\s+(?:said|say|claim)|"
                     r"some\s+(?:say|believe|claim)|many\s+(?:say|believe)|rumou?red|it\s+is\s+rumou?red|"
                     r"baseless|no\s+evidence",
    },
    "fr": {
        "hedge": r"prétendument|présumément|apparemment|probablement|sans\s+doute|semble|semblerait|aurait|auraient|"
                 r"serait|seraient|supposé(?:e|s|es)?|présumé(?:e|s|es)?|non\s+confirmé(?:e|s|es)?|"
                 r"non\s+vérifié(?:e|s|es)?|selon\s+toute\s+vraisemblance|(?:est|sont|était|étaient)\s+soupçonné(?:e|s|es)?",
        "evidence": r"(?:documents|images|vidéos?|données|chiffres)\s+(?:montrent|prouvent|consultés)|"
                    r"confirmé(?:e|s|es)?\s+par|vérifié(?:e|s|es)?\s+par",
        "unsourced": r"sans\s+(?:apporter|fournir|présenter|montrer)\s+(?:la\s+moindre\s+|de\s+|aucune\s+)?preuves?|"
                     r"sans\s+preuves?|selon\s+des\s+sources|sources\s+anonymes|de\s+source\s+anonyme|"
                     r"selon\s+certains|on\s+dit\s+que|rumeurs?|(?:qui\s+a\s+)?requis\s+l['’]anonymat|"
                     r"sous\s+(?:le\s+)?couvert\s+(?:de\s+l['’])?anonymat|"
                     r"selon\s+(?:des\s+|plusieurs\s+)?sources?\s+(?:proches|sécuritaires|militaires|diplomatiques)",
    },
    "de": {
        # (the adjectives inflected: 'der mutmaßliche Täter', 'die angeblichen Beweise')
        "hedge": r"(?:angeblich|mutmaßlich|vermeintlich)(?:e|en|er|es|em)?|vermutlich|offenbar|wahrscheinlich|"
                 r"möglicherweise|womöglich|dem\s+Vernehmen\s+nach|"
                 r"soll(?:en|te|ten)?\s+(?:[\w-]+\s+){1,5}?(?:haben|gewesen\s+sein|sein)|scheint|scheinen|"
                 r"unbestätigt(?:e|en|er)?|nicht\s+bestätigt|nicht\s+überprüft|Berichten\s+zufolge|wohl",
        "evidence": r"(?:Dokumente|Unterlagen|Daten|Aufnahmen|Videos?|Bilder)\s+(?:zeigen|belegen|beweisen)|"
                    r"bestätigt\s+von|belegt\s+durch",
        "unsourced": r"ohne\s+(?:Belege|Beweise)\s*(?:vorzulegen|zu\s+nennen)?|ohne\s+(?:jeden\s+)?Beweis|"
                     r"aus\s+(?:gut\s+)?informierten\s+Kreisen|anonyme[rn]?\s+Quellen?|ungenannte[rn]?\s+Quellen?|"
                     r"Gerüchten\s+zufolge|unbelegt(?:e|en)?|hieß\s+es|heißt\s+es|"
                     r"(?:nicht|nie)\s+unabhängig\s+(?:bestätigt|überprüft|überprüfbar)|"
                     r"unabhängig\s+bestätigt\s+(?:ist|wurde)\s+(?:das|dies)\s+nicht|"
                     r"ließ(?:en)?\s+sich\s+nicht\s+(?:unabhängig\s+)?(?:überprüfen|bestätigen)",
    },
    "it": {
        # the conditional of reported information ('sarebbero rimasti feriti', 'mancherebbero') is a hedge
        "hedge": r"presumibilmente|apparentemente|probabilmente|forse|sembra|\w+(?:rebbe|rebbero)|"
                 r"presunt[oaie]|non\s+confermat[oaie]|non\s+verificat[oaie]|sostien[ei](?=\s+che\b)|"
                 r"sostengono(?=\s+che\b)",
        "evidence": r"(?:documenti|dati|immagini|video|foto|atti)\s+(?:[\w'’]+\s+){0,8}?(?:mostrano|dimostrano|provano)|"
                    r"confermat[oaie]\s+da|(?:da|dai|dagli|dalle|dal)\s+(?:[\w'’]+\s+){0,6}?(?:risulta|emerge)",
        "unsourced": r"senza\s+(?:fornire|mostrare|presentare)\s+(?:alcuna\s+)?prov[ae]|senza\s+prove|"
                     r"fonti\s+anonime|secondo\s+indiscrezioni|si\s+dice\s+che|"
                     r"secondo\s+(?:alcune\s+|diverse\s+)?fonti|secondo\s+quanto\s+si\s+apprende|"
                     r"secondo\s+quanto\s+appreso|stando\s+a\s+indiscrezioni|non\s+(?:è|sono)\s+stat[oaie]\s+"
                     r"(?:ancora\s+)?(?:confermat|verificat)[oaie]",
    },
    "pl": {
        "hedge": r"rzekom(?:o|y|a|e|ego|ej|ych|ym|ymi|ą)|podobno|ponoć|jakoby|prawdopodobnie|najprawdopodobniej|"
                 r"być\s+może|wydaje\s+się|miał[aoy]?\s+by|domniema(?:ny|na|ne|nego|nej|nych|nym|ni)|"
                 r"niepotwierdzon[aeyi]+|niezweryfikowan[aeyi]+|twierdz[ią]|"
                 r"twierdził[aoy]?|twierdzili",
        "evidence": r"(?:dokumenty|dane|nagrania|zdjęcia)(?:\s+[\w,]+){0,6}?\s+(?:pokazują|dowodzą|potwierdzają)|"
                    r"potwierdzon[aeyi]+\s+przez|z\s+(?:[\w,]+\s+){0,8}?wynika",
        "unsourced": r"bez\s+(?:przedstawienia\s+)?(?:żadnych\s+)?dowodów|anonimow[eyi]+\s+źródł[aeo]+|"
                     r"nieoficjalnie|mówi\s+się|dowodów\s+(?:jednak\s+)?nie\s+przedstawi\w*|"
                     r"nie\s+przedstawi\w*\s+(?:żadnych\s+)?dowodów|"
                     r"według\s+(?:anonimowego|anonimowych|nieoficjalnych|nieoficjalnego|niepotwierdzonych)\s+\w+|"
                     r"nie\s+(?:został[aoy]?|zostały)\s+(?:dotąd\s+|jeszcze\s+|niezależnie\s+)?potwierdzon\w*",
    },
    "ru": {
        "hedge": r"якобы|предположительно|предполагаем(?:ый|ая|ое|ые|ого|ой|ых|ым|ыми|ую)|вероятно|по-видимому|"
                 r"по\s+всей\s+видимости|возможно|будто\s+бы|"
                 r"по\s+неподтвержд[её]нным\s+данным|неподтвержд[её]нн\w+|непровер\w+|судя\s+по\s+всему|"
                 r"как\s+утверждается|как\s+сообщается|вроде\s+бы",
        "evidence": r"(?:документы|данные|кадры|видео|снимки)\s+(?:показывают|подтверждают|свидетельствуют)|"
                    r"подтвердил[аио]?\s+\w+|судя\s+по\s+(?:видеозаписи|кадрам|видео)",
        "unsourced": r"без\s+(?:каких-либо\s+|всяких\s+)?доказательств|не\s+предоставив\s+(?:никаких\s+)?доказательств|"
                     r"из\s+(?:неназванных|анонимных)\s+источников|по\s+данным\s+источников|источник\s+сообщил|"
                     r"по\s+слухам|голословн\w+|(?:пока\s+|до\s+сих\s+пор\s+)?не\s+(?:был[аои]?\s+)?подтвержд[её]н[аоы]?",
    },
}

#: English words that negate a following verb ("did not accuse") within a few words.
NEGATORS = r"(?:not|never|n['’]t|no\s+longer|refused\s+to|declined\s+to)"

#: States: canonical name -> aliases (names, capitals used as metonyms, demonyms used in designations).
STATES: dict[str, dict[str, list[str]]] = {
    "Russia": {"names": ["Russia", "Russian Federation", "Moscow", "Kremlin"],
               "demonyms": ["Russian"]},
    "Ukraine": {"names": ["Ukraine", "Kiev", "Kyiv"], "demonyms": ["Ukrainian"]},
    "United States": {"names": ["United States", "USA", "U.S.", "US", "America", "Washington", "White House",
                                "Pentagon"], "demonyms": ["American", "US", "U.S."]},
    "United Kingdom": {"names": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "London",
                                 "Downing Street"], "demonyms": ["British"]},
    "China": {"names": ["China", "Beijing", "People's Republic of China"], "demonyms": ["Chinese"]},
    "France": {"names": ["France", "Paris", "Elysee", "Élysée"], "demonyms": ["French"]},
    "Germany": {"names": ["Germany", "Berlin"], "demonyms": ["German"]},
    "Poland": {"names": ["Poland", "Warsaw"], "demonyms": ["Polish"]},
    "Italy": {"names": ["Italy", "Rome"], "demonyms": ["Italian"]},
    "Belarus": {"names": ["Belarus", "Minsk"], "demonyms": ["Belarusian"]},
    "Israel": {"names": ["Israel", "Jerusalem"], "demonyms": ["Israeli"]},
    "Iran": {"names": ["Iran", "Tehran"], "demonyms": ["Iranian"]},
    "Turkey": {"names": ["Turkey", "Türkiye", "Ankara"], "demonyms": ["Turkish"]},
    "India": {"names": ["India", "New Delhi"], "demonyms": ["Indian"]},
    "Japan": {"names": ["Japan", "Tokyo"], "demonyms": ["Japanese"]},
    "Syria": {"names": ["Syria", "Damascus"], "demonyms": ["Syrian"]},
    "Georgia": {"names": ["Georgia", "Tbilisi"], "demonyms": ["Georgian"]},
    "Moldova": {"names": ["Moldova", "Chisinau"], "demonyms": ["Moldovan"]},
    "Hungary": {"names": ["Hungary", "Budapest"], "demonyms": ["Hungarian"]},
    "European Union": {"names": ["European Union", "EU", "Brussels"], "demonyms": ["European"]},
    "NATO": {"names": ["NATO", "North Atlantic Treaty Organization"], "demonyms": []},
    "United Nations": {"names": ["United Nations", "UN", "U.N."], "demonyms": []},
}

#: The gazetteer's states as the other five languages write them: names and capitals, with the inflected
#: forms a language needs (Polish and Russian cases, German genitives), mapped to the English canonical name
#: of STATES, so "Moskau", "Moscou", "Mosca", "Moskwy" and "Москвы" are all the actor Russia. Forms that are
#: also common words are left out ("Niemiec" is also "a German", "Węgier" "a Hungarian").
STATE_NAMES_BY_LANGUAGE: dict[str, dict[str, list[str]]] = {
    "de": {"Russia": ["Russland", "Russlands", "Moskau", "Moskaus", "Kreml", "Kreml's", "Kremls"],
           "Ukraine": ["Ukraine", "Kiew", "Kiews"],
           "United States": ["Vereinigte Staaten", "Vereinigten Staaten", "USA", "Amerika", "Amerikas", "Washington",
                             "Weiße Haus", "Weißen Haus", "Weißes Haus"],
           "United Kingdom": ["Großbritannien", "Großbritanniens", "Vereinigtes Königreich", "Vereinigte Königreich",
                              "Vereinigten Königreich", "London", "Londons"],
           "China": ["China", "Chinas", "Peking", "Pekings"], "France": ["Frankreich", "Frankreichs", "Paris"],
           "Germany": ["Deutschland", "Deutschlands", "Berlin", "Berlins"], "Poland": ["Polen", "Polens", "Warschau"],
           "Italy": ["Italien", "Italiens", "Rom", "Roms"], "Belarus": ["Belarus", "Weißrussland", "Minsk"],
           "Israel": ["Israel", "Israels"], "Iran": ["Iran", "Irans", "Teheran"], "Turkey": ["Türkei", "Ankara"],
           "India": ["Indien", "Indiens", "Neu-Delhi"], "Japan": ["Japan", "Japans", "Tokio"],
           "Syria": ["Syrien", "Syriens", "Damaskus"], "Georgia": ["Georgien", "Georgiens", "Tiflis"],
           "Moldova": ["Moldau", "Moldawien", "Republik Moldau"], "Hungary": ["Ungarn", "Ungarns", "Budapest"],
           "European Union": ["Europäische Union", "Europäischen Union", "EU", "Brüssel"], "NATO": ["Nato", "NATO"],
           "United Nations": ["Vereinte Nationen", "Vereinten Nationen", "UN", "UNO"]},
    "fr": {"Russia": ["Russie", "Moscou", "Kremlin"], "Ukraine": ["Ukraine", "Kiev", "Kyiv"],
           "United States": ["États-Unis", "Etats-Unis", "Amérique", "Washington", "Maison-Blanche", "Maison Blanche"],
           "United Kingdom": ["Royaume-Uni", "Grande-Bretagne", "Londres"], "China": ["Chine", "Pékin"],
           "France": ["France", "Paris", "Élysée", "Elysée"], "Germany": ["Allemagne", "Berlin"],
           "Poland": ["Pologne", "Varsovie"], "Italy": ["Italie", "Rome"],
           "Belarus": ["Biélorussie", "Bélarus", "Minsk"], "Israel": ["Israël", "Jérusalem"],
           "Iran": ["Iran", "Téhéran"], "Turkey": ["Turquie", "Ankara"], "India": ["Inde", "New Delhi"],
           "Japan": ["Japon", "Tokyo"], "Syria": ["Syrie", "Damas"], "Georgia": ["Géorgie", "Tbilissi"],
           "Moldova": ["Moldavie", "Moldova", "Chisinau"], "Hungary": ["Hongrie", "Budapest"],
           "European Union": ["Union européenne", "UE", "Bruxelles"], "NATO": ["OTAN", "Otan"],
           "United Nations": ["Nations unies", "Nations Unies", "ONU"]},
    "it": {"Russia": ["Russia", "Mosca", "Cremlino"], "Ukraine": ["Ucraina", "Kiev", "Kyiv"],
           "United States": ["Stati Uniti", "America", "Washington", "Casa Bianca"],
           "United Kingdom": ["Regno Unito", "Gran Bretagna", "Londra"], "China": ["Cina", "Pechino"],
           "France": ["Francia", "Parigi", "Eliseo"], "Germany": ["Germania", "Berlino"],
           "Poland": ["Polonia", "Varsavia"], "Italy": ["Italia", "Roma", "Palazzo Chigi"],
           "Belarus": ["Bielorussia", "Minsk"], "Israel": ["Israele", "Gerusalemme"], "Iran": ["Iran", "Teheran"],
           "Turkey": ["Turchia", "Ankara"], "India": ["India", "Nuova Delhi"], "Japan": ["Giappone", "Tokyo"],
           "Syria": ["Siria", "Damasco"], "Georgia": ["Georgia", "Tbilisi"], "Moldova": ["Moldavia", "Moldova"],
           "Hungary": ["Ungheria", "Budapest"], "European Union": ["Unione europea", "Unione Europea", "UE", "Bruxelles"],
           "NATO": ["NATO", "Nato"], "United Nations": ["Nazioni Unite", "ONU", "Onu"]},
    "pl": {"Russia": ["Rosja", "Rosji", "Rosję", "Rosją", "Moskwa", "Moskwy", "Moskwie", "Moskwę", "Moskwą",
                      "Kreml", "Kremla", "Kremlu", "Kremlem"],
           "Ukraine": ["Ukraina", "Ukrainy", "Ukrainie", "Ukrainę", "Ukrainą", "Kijów", "Kijowa", "Kijowie", "Kijowem"],
           "United States": ["Stany Zjednoczone", "Stanów Zjednoczonych", "Stanom Zjednoczonym", "Stanami Zjednoczonymi",
                             "Stanach Zjednoczonych", "USA", "Ameryka", "Ameryki", "Ameryce", "Amerykę", "Waszyngton",
                             "Waszyngtonu", "Waszyngtonie", "Biały Dom", "Białego Domu"],
           "United Kingdom": ["Wielka Brytania", "Wielkiej Brytanii", "Wielką Brytanię", "Londyn", "Londynu", "Londynie"],
           "China": ["Chiny", "Chinom", "Chinach", "Chinami", "Pekin", "Pekinu", "Pekinie"],
           "France": ["Francja", "Francji", "Francję", "Francją", "Paryż", "Paryża", "Paryżu"],
           "Germany": ["Niemcy", "Niemcom", "Niemczech", "Niemcami", "Berlin", "Berlina", "Berlinie"],
           "Poland": ["Polska", "Polsce", "Polskę", "Polską", "Warszawa", "Warszawy", "Warszawie", "Warszawę", "Warszawą"],
           "Italy": ["Włochy", "Włoch", "Włochom", "Włoszech", "Rzym", "Rzymu", "Rzymie"],
           "Belarus": ["Białoruś", "Białorusi", "Białorusią", "Mińsk", "Mińska", "Mińsku"],
           "Israel": ["Izrael", "Izraela", "Izraelowi", "Izraelu"], "Iran": ["Iran", "Iranu", "Iranowi", "Teheran", "Teheranu"],
           "Turkey": ["Turcja", "Turcji", "Turcję", "Ankara", "Ankary"], "India": ["Indie", "Indii", "Indiom"],
           "Japan": ["Japonia", "Japonii", "Japonię", "Tokio"], "Syria": ["Syria", "Syrii", "Syrię", "Damaszek", "Damaszku"],
           "Georgia": ["Gruzja", "Gruzji", "Gruzję"], "Moldova": ["Mołdawia", "Mołdawii", "Mołdowa", "Mołdowy"],
           "Hungary": ["Węgry", "Węgrom", "Węgrzech", "Budapeszt", "Budapesztu"],
           "European Union": ["Unia Europejska", "Unii Europejskiej", "Unię Europejską", "Unią Europejską", "UE",
                              "Bruksela", "Brukseli"],
           "NATO": ["NATO"], "United Nations": ["ONZ", "Narody Zjednoczone", "Narodów Zjednoczonych"]},
    "ru": {"Russia": ["Россия", "России", "Россию", "Россией", "Москва", "Москвы", "Москве", "Москву", "Москвой",
                      "Кремль", "Кремля", "Кремлю", "Кремлем", "Кремлём", "Кремле"],
           "Ukraine": ["Украина", "Украины", "Украине", "Украину", "Украиной", "Киев", "Киева", "Киеву", "Киевом", "Киеве"],
           "United States": ["США", "Соединённые Штаты", "Соединенные Штаты", "Америка", "Америки", "Америке", "Америку",
                             "Вашингтон", "Вашингтона", "Вашингтону", "Вашингтоном", "Вашингтоне", "Белый дом",
                             "Белого дома", "Белом доме"],
           "United Kingdom": ["Великобритания", "Великобритании", "Великобританию", "Великобританией", "Британия",
                              "Британии", "Лондон", "Лондона", "Лондону", "Лондоном", "Лондоне"],
           "China": ["Китай", "Китая", "Китаю", "Китаем", "Китае", "Пекин", "Пекина", "Пекину", "Пекином", "Пекине"],
           "France": ["Франция", "Франции", "Францию", "Францией", "Париж", "Парижа", "Парижу", "Парижем", "Париже"],
           "Germany": ["Германия", "Германии", "Германию", "Германией", "Берлин", "Берлина", "Берлину", "Берлином",
                       "Берлине"],
           "Poland": ["Польша", "Польши", "Польше", "Польшу", "Польшей", "Варшава", "Варшавы", "Варшаве", "Варшаву",
                      "Варшавой"],
           "Italy": ["Италия", "Италии", "Италию", "Италией", "Рим", "Рима", "Риму", "Римом", "Риме"],
           "Belarus": ["Белоруссия", "Белоруссии", "Белоруссию", "Беларусь", "Беларуси", "Минск", "Минска", "Минску",
                       "Минске"],
           "Israel": ["Израиль", "Израиля", "Израилю", "Израилем", "Израиле"],
           "Iran": ["Иран", "Ирана", "Ирану", "Ираном", "Иране", "Тегеран", "Тегерана"],
           "Turkey": ["Турция", "Турции", "Турцию", "Турцией", "Анкара", "Анкары"],
           "India": ["Индия", "Индии", "Индию", "Индией"], "Japan": ["Япония", "Японии", "Японию", "Японией", "Токио"],
           "Syria": ["Сирия", "Сирии", "Сирию", "Сирией", "Дамаск", "Дамаска"],
           "Georgia": ["Грузия", "Грузии", "Грузию", "Грузией", "Тбилиси"],
           "Moldova": ["Молдавия", "Молдавии", "Молдова", "Молдовы", "Молдове", "Кишинев", "Кишинёв"],
           "Hungary": ["Венгрия", "Венгрии", "Венгрию", "Венгрией", "Будапешт"],
           "European Union": ["Евросоюз", "Евросоюза", "Евросоюзу", "Евросоюзом", "Евросоюзе", "ЕС", "Европейский союз",
                              "Брюссель", "Брюсселя"],
           "NATO": ["НАТО"], "United Nations": ["ООН"]},
}

#: Capitalised weekdays and months (English and German), which may follow a state's name ('Russia Monday').
WEEKDAYS_AND_MONTHS = (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                       r"August|September|October|November|December|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|"
                       r"Samstag|Sonntag|Januar|Februar|März|Juni|Juli|Oktober|Dezember")

#: Upper-case abbreviations that name no actor ('a PR stunt').
COMMON_ACRONYMS = frozenset("PR IQ GDP UAV UAVs AI DNA GPS SMS PDF URL ID VIP OK FAQ CCTV HIV AIDS ICU PM AM".split())

#: Last words of capitalised names of events, documents and places, which are not actors ('Victory Day').
NAMED_THING_HEADS = (r"Day|Week|Year|War|Revolution|Agreement|Agreements|Accords?|Treaty|Act|Law|Plan|Doctrine|"
                     r"Square|Street|Avenue|Road|Bridge|Station|Airport|River|Sea|Ocean|Mountains|Island|Valley|"
                     r"Cup|Games|Olympics|Prize|Award|Festival|Summit|Conference|Drive|Lane|Boulevard|Highway|"
                     r"Policy|Information|Date")

#: Capitalised plurals that head the name of a group when 'of' follows ('the Sons of the Delta', 'Friends of the
#: Earth'); organisation words (ORG_WORDS) head such names too ('the Union of Concerned Scientists').
NAMED_GROUP_HEADS = (r"Sons|Daughters|Friends|Knights|Brothers|Brotherhood|Sisters|Guardians|Defenders|Mothers|"
                     r"Fathers|Children|Warriors|Soldiers|Veterans|Heroes")

#: Entries of STATES that are international organisations, not states: their mentions are of kind "org".
INTERNATIONAL_ORGS = frozenset({"European Union", "NATO", "United Nations"})

#: STATE_HEADS that also designate the state when capitalised ("the Ukrainian State", "the Russian Government");
#: "President" is not among them, since "Russian President Vladimir Putin" designates a person.
CAPITALISED_STATE_HEADS = r"State|Government|Army|Armed\s+Forces|Embassy|Parliament|Foreign\s+Ministry|Ministry"

#: Heads that make a demonym or place a designation of the state's government or side.
STATE_HEADS = (r"government|authorities|regime|leadership|officials|side|forces|army|military|troops|"
               r"administration|president|presidency|ministry|foreign\s+ministry|defen[cs]e\s+ministry|"
               r"junta|state|media|intelligence|intel|security\s+services|embassy|diplomats|parliament|"
               r"establishment|elites?|politicians|"
               # people acting for the state, whom an accusation against them accuses it of sending
               r"saboteurs|agents|spies|operatives|soldiers|hackers|special\s+services|secret\s+services")

#: Words that mark a capitalised name as an organisation.
ORG_WORDS = (r"Ministry|Council|Party|Agency|Embassy|Corporation|Corp|Company|Ltd|Inc|Group|Union|Committee|"
             r"Court|Police|Parliament|Forum|Assembly|Commission|Office|Department|Bank|Fund|Institute|University|"
             r"Association|Federation|Foundation|Army|Navy|Forces|Service|Services|Authority|Board|Bureau|"
             r"Organi[sz]ation|Front|Movement|Alliance|League|Club|Network|Times|News|Post|Herald|Tribune|"
             r"Radio|TV|Television|Press|Media|Guard|Brigade|Battalion|Duma|Senate|Congress|Cabinet|Kremlin|"
             r"Research|Studies|Centre|Center|Channel|Report|Daily|Newsletter|Journal|Review|Gazette|Agency|"
             r"Ledger|Chronicle|Observer|Courier|Sentinel|Monitor|Register|Bulletin|Dispatch|Mirror|Express|"
             r"Examiner|Inquirer|Telegraph|Economist|Insider|Magazine|Weekly|Digest|"
             r"Airlines|Holdings|Partners|Systems|Technologies|Energy|Oil|Gas|Motors|Labs?|Hospital|School|"
             r"College|Church|Team|FC|United|City|Rovers|Telegram|Twitter|Facebook|Instagram|YouTube|TikTok|"
             r"Coalition|Pact|Command|Outpost|Centers|Centres")

#: The same for the other five languages: the start of a word, inflected or not ('Ministerstwa', 'Партии'),
#: and in German the end of a compound ('Gesundheitsministerium', 'Stadtwerke').
ORG_WORDS_BY_LANGUAGE: dict[str, str] = {
    "fr": (r"\b(?:Minist[eè]re|Agence|Parti|Mouvement|Front|Association|Comit[eé]|Conseil|Institut|Universit[eé]|"
           r"Banque|Soci[eé]t[eé]|Groupe|Union|F[eé]d[eé]ration|Fondation|Syndicat|Mairie|Pr[eé]fecture|Tribunal|"
           r"Cour|Police|Arm[eé]e|Gendarmerie|Compagnie|Entreprise|H[oô]pital|Brigades?|Collectif)\w*"),
    "it": (r"\b(?:Minister|Agenzia|Partito|Moviment|Fronte|Associazion|Comitat|Consigli|Istitut|Universit|Banca|"
           r"Societ|Grupp|Union|Federazion|Fondazion|Sindacat|Comune|Regione|Provincia|Procura|Tribunale|Corte|"
           r"Polizia|Esercito|Guardia|Azienda|Acque|Ospedale|Brigat|Cellul|Collettiv)\w*"),
    "de": (r"\w*(?:[Mm]inisterium|[Pp]artei|[Bb]ewegung|[Vv]erband|[Vv]erein|[Ii]nstitut|[Uu]niversität|[Bb]ank|"
           r"[Gg]esellschaft|[Gg]ruppe|[Uu]nion|[Ss]tiftung|[Gg]ewerkschaft|[Gg]ericht|[Pp]olizei|[Aa]rmee|"
           r"[Ww]erke|[Kk]linik|[Kk]rankenhaus|[Aa]mt|[Bb]ehörde|[Ii]nitiative|GmbH|AG|[Bb]rigaden?|[Zz]elle)\b"),
    "pl": (r"\b(?:Ministerstw|Parti|Ruch|Stowarzysze|Komitet|Rad[ayz]|Instytut|Uniwersytet|Bank|Spółk|Grup|Uni[ai]|"
           r"Fundacj|Związ|Sąd|Policj|Wojsk|Zakład|Urz[ąę]d|Straż|Prokuratur|Agencj|Szpital|Brygad|Komórk|Sojusz)\w*"),
    "ru": (r"\b(?:Министерств|Парти|Движени|Ассоциаци|Комитет|Совет|Институт|Университет|Банк|Компани|Групп|"
           r"Союз|Фонд|Суд|Полици|Арми|Служб|Агентств|Управлени|Больниц|Бригад|Ячейк|Движени)\w*"),
}

#: Titles that precede a person's name.
PERSON_TITLES = (r"President|Prime\s+Minister|Minister|Foreign\s+Minister|Defen[cs]e\s+Minister|Chancellor|"
                 r"Secretary\s+of\s+State|Attorney\s+General|Special\s+Counsel|Counsel|Advis[eo]r|Secretary|"
                 r"Senator|Governor|Mayor|General|Gen\.|Colonel|Col\.|Major|Captain|Judge|Dr\.?|"
                 r"Professor|Prof\.?|Mr\.?|Mrs\.?|Ms\.?|Sir|Lady|Lord|King|Queen|Prince|Princess|Pope|"
                 r"Ambassador|Commissioner|Spokesman|Spokeswoman|Chief|Director|Chairman|Chairwoman|CEO|"
                 r"Deputy|Vice\s+President|Speaker|Representative|Rep\.|Sen\.|Coach|Patriarch|Metropolitan|"
                 # police, military, courts and clergy ("Inspector Lena Varga", "Rabbi Jonathan Sacks")
                 r"Inspector|Detective|Sergeant|Sgt\.|Lieutenant|Lt\.|Admiral|Adm\.|Commander|Brigadier|Marshal|"
                 r"Superintendent|Constable|Officer|Prosecutor|Justice|Councillor|Councilman|Councilwoman|"
                 r"Bishop|Archbishop|Cardinal|Rabbi|Imam|Sheikh|Reverend|Rev\.|Pastor")

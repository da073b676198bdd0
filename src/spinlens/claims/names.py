"""Names of actors in speaker, agent and target parts: which words of a capitalised run name someone, and of
what kind, by the rules of each of the six languages (titles, determiners, genitives, organisation words).

`ensure_actor` turns a part into a mention when nothing else found one in it; the claims stage calls it for
every speaker, agent and target.
"""

from __future__ import annotations

import re

from spinlens.claims import lexicon
from spinlens.claims.actors import (_NAME, _NOT_NAMES, _ORG_WORDS_RE, GROUP, ORG, PERSON, SENTENCE_OPENING, Mention,
                                    is_compound_adjective)
from spinlens.claims.clauses import Part, part as clauses_part

_NAMED = re.compile(rf"{_NAME}")


#: A speaker, agent or target part longer than this (in words) is a clause, not a designation: its mention is
#: the name alone ('Drevhydro has refused to publish the report' designates nobody as a whole).
MAX_DESIGNATION_WORDS = 5
_EDGE_WORDS = re.compile(r"^(?:(?:on|in|at|of|to|for|with|by|from|and|or|but)\s+)+|(?:\s+(?:and|or|but|of|to))+$", re.I)


def ensure_actor(text: str, part: Part | None, mentions: list[Mention], single: str = GROUP,
                 language: str = "en") -> None:
    """Make the named actor in a speaker, agent or target part a mention when nothing else found it.

    'Ostria's foreign ministry' gives the actor 'Ostria' under that designation; a part without a
    capitalised name ('local leaders', French 'Sa porte-parole') names no actor; in a part that is a clause
    the mention is the name alone, and edge words ('on Kastovia and') are trimmed off the designation.
    A full name beats a capitalised first word ('Министр иностранных дел Павел Истрин': Павел Истрин); a
    German noun after an article ('Das Regime') and a word written in lower case elsewhere in the text are
    not names; German titles stay in the designation ('Innenminister Anzel Moravek': Anzel Moravek).
    """
    if part is None:
        return
    overlapping = [m for m in mentions if m.start < part.end and m.end > part.start]
    if overlapping:  # 'министр внутренних дел Древнии Анзел Моравек': a full name after the state is the head
        _ensure_person_after(text, part, max(m.end for m in overlapping), mentions, language)
        return
    found = (_name_candidate(text, part, match, language) for match in _NAMED.finditer(part.text))
    candidates = [c for c in found if c]
    if len(candidates) > 1 and len(candidates[0][1]) == 1 and candidates[0][0].start() == 0:
        candidates = [c for c in candidates if len(c[1]) > 1] or candidates
    if not candidates:
        return
    match, words = candidates[0]
    actor = " ".join(words)
    kind = ORG if _ORG_WORDS_RE.search(actor) or _ACRONYM_WORD.match(words[0]) or _org_words(language, actor) else \
        PERSON if len(words) > 1 else GROUP if _INSTITUTION.search(part.text) else \
        GROUP if language in _PLACE_OPENING and _PLACE_OPENING[language].match(part.text) else \
        ORG if language in _ORG_NOUN_BEFORE and _ORG_NOUN_BEFORE[language].search(
            part.text[:part.text.find(words[0], match.start())]) else \
        PERSON if _SURNAME_ENDING.search(actor) else single
    start, end = part.start, part.end
    trimmed = _EDGE_WORDS.sub("", part.text)
    if len(words) == 1 and _DEMONYM_LIKE.fullmatch(words[0]) and len(part.text.split()) <= MAX_DESIGNATION_WORDS \
            and re.match(r"\s+[a-z]", trimmed[trimmed.find(words[0]) + len(words[0]):]):
        actor, kind = trimmed, GROUP  # 'Russian tourists', 'Kastovian students': the people, not a name 'Russian'
    if len(part.text.split()) > MAX_DESIGNATION_WORDS:
        start = part.start + match.start() + match.group(0).index(words[0])
        end = start + len(actor)
    else:
        start += part.text.index(trimmed) if trimmed else 0
        end = start + len(trimmed) if trimmed else end
    mentions.append(Mention(start, end, actor, kind, text[start:end]))


_ORG_WORDS_INTL = {language: re.compile(pattern) for language, pattern in lexicon.ORG_WORDS_BY_LANGUAGE.items()}
_ORG_NOUN_BEFORE = {language: re.compile(rf"(?i)(?<![\w-])(?:{pattern})(?:\s+[\w-]+)?\s+$")
                    for language, pattern in lexicon.ORG_NOUNS_BEFORE_NAME.items()}


def _org_words(language: str, name: str) -> bool:
    """Whether a name holds a word that makes it an organisation in `language` ('Brigate del Fiume Nero')."""
    return language in _ORG_WORDS_INTL and _ORG_WORDS_INTL[language].search(name) is not None


def _ensure_person_after(text: str, part: Part, after: int, mentions: list[Mention], language: str) -> None:
    """A full name ending `part` after the mentions already found in it becomes a person mention."""
    rest = clauses_part(text, after, part.end)
    if rest is None or len(rest.text.split()) > MAX_DESIGNATION_WORDS:
        return
    found = [c for c in (_name_candidate(text, rest, match, language) for match in _NAMED.finditer(rest.text)) if c]
    if not found:
        return
    match, words = found[-1]
    if len(words) < 2 or match.end() != len(rest.text) or _ORG_WORDS_RE.search(" ".join(words)) \
            or _org_words(language, " ".join(words)):
        return
    end = rest.start + match.end()
    start = end - len(" ".join(words))
    if text[start:end] == " ".join(words):
        mentions.append(Mention(start, end, " ".join(words), PERSON, text[start:end]))
        mentions.sort(key=lambda m: m.start)


#: Endings only surnames have ('Zelensky', 'Kowalski', 'Tymoshenko', 'Saakashvili', 'Зеленский'): a lone such
#: word is a person even where a lone name would be a group ('urging Zelensky to stay out').
_SURNAME_ENDING = re.compile(r"\w{2,}(?:sky|skyi|skiy|ski|enko|chuk|shvili|dze|ский|енко|чук|швили|дзе)$")
#: A capitalised word that reads as a nationality ('Russian', 'Kastovian', 'Chinese', 'Polish').
_DEMONYM_LIKE = re.compile(r"[A-Z][a-z]+(?:ians?|eans?|ese|ish)")


#: German determiners: a capitalised word after one is a common noun ('Das Regime', 'die Ermittler').
_GERMAN_DETERMINER = re.compile(r"(?:^|\s)(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein\w*|"
                                r"dies\w*|jede\w*|sein\w*|ihr\w*|unser\w*|dessen|deren|letzte\w*|vergangene\w*|"
                                r"nächste\w*)\s+$", re.I)
#: German articles inside a capitalised run end the name ('sagte Vogt der Lokalzeitung'), except after 'von'.
_GERMAN_ARTICLES = frozenset({"der", "den", "dem", "des"})
#: Polish and Russian role words that open a sentence before a full name ('Wojewoda Roman Jasiński', 'Глава МИД
#: Павел Истрин'): part of the designation, not of the name.
_SLAVIC_TITLE = {
    "pl": re.compile(r"(?:wice)?(?:minister|premier|prezydent|prezes|prezeska|rzecznik|rzeczniczka|wojewoda|burmistrz|"
                     r"wójt|starosta|marszałek|poseł|posłanka|senator|dyrektor|dyrektorka|szef|szefowa|"
                     r"przewodniczący|przewodnicząca|komendant|prokurator|generał|profesor|prof\.|dr|właściciel|"
                     r"właścicielka|ambasador|sekretarz|kierownik|kierowniczka|radny|radna|sołtys|kanclerz)", re.I),
    "ru": re.compile(r"(?:вице-)?(?:министр|замминистра|президент|премьер|премьер-министр|глава|губернатор|мэр|"
                     r"директор|председатель|спикер|пресс-секретарь|представитель|посол|депутат|сенатор|генерал|"
                     r"командующий|руководитель|начальник|лидер|советник|профессор|канцлер|прокурор)", re.I),
}
#: Polish and Russian genitive endings that no first name has ('Belmonii', 'Bałtexu', 'Древнии', 'Кастовии'):
#: such a word before a full name is whose office it holds ('Minister obrony Belmonii Tomasz Lipski').
_SLAVIC_GENITIVE = {"pl": ("ii", "ji", "u", "y", "ego"), "ru": ("ии", "ы", "ого")}
_PATRONYMIC = re.compile(r"(?:вич|вна|чна)$")
#: Polish and Russian prepositions of place opening a part: what follows is a place standing for its people or
#: authorities ('В Пелске опровергли', 'W Kastrii zaprzeczono'), a group, never a person.
_PLACE_OPENING = {"pl": re.compile(r"(?i)(?:w|we|na)\s"), "ru": re.compile(r"(?i)(?:в|во|на)\s")}
#: German role words that open a name as titles do ('Innenminister', 'Bürgermeisterin', 'Regierungssprecher').
_GERMAN_TITLE = re.compile(r"^[\w-]*(?:minister|ministerin|präsident|präsidentin|kanzler|kanzlerin|bürgermeister|"
                           r"bürgermeisterin|sprecher|sprecherin|chef|chefin|botschafter|botschafterin|vorsitzende|"
                           r"vorsitzender|direktor|direktorin|leiter|leiterin|geschäftsführer|geschäftsführerin|"
                           r"chefarzt|chefärztin|landrat|landrätin|abgeordnete|abgeordneter|senator|senatorin|"
                           r"gouverneur|gouverneurin|general|generalin|oberst|professor|professorin)$", re.I)
_ACRONYM_WORD = re.compile(r"^[A-ZА-ЯЁ]{2,6}$")
#: A one-word name with an institution in its designation ('The Velmar government said') is no person.
_INSTITUTION = re.compile(rf"\b(?:{lexicon.INSTITUTION_NOUNS}|{lexicon.STATE_HEADS})\b", re.I)
_COMMON_OPENER = re.compile(lexicon.COMMON_PHRASE_OPENERS, re.I)
_COMMON_SPEAKER_NOUNS = {language: re.compile(pattern, re.I) for language, pattern in lexicon.COMMON_SPEAKER_NOUNS.items()}


def _name_candidate(text: str, part: Part, match: re.Match[str],
                    language: str) -> tuple[re.Match[str], list[str]] | None:
    """The words of one capitalised run of a part that can name an actor, or None."""
    name = re.sub(r"['’]s$", "", match.group(0))
    words = name.split()
    openers = lexicon.PHRASE_OPENERS_BY_LANGUAGE.get(language, frozenset()) | \
        lexicon.SENTENCE_ADVERBS.get(language, frozenset())
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in openers):
        words = words[1:]
    if not words or (len(words) == 1 and is_compound_adjective(words[0])):
        return None
    if len(words) == 1 and language in _COMMON_SPEAKER_NOUNS and _COMMON_SPEAKER_NOUNS[language].fullmatch(words[0]):
        return None  # 'Anwohner sagten', 'Эксперты предупредили': people, but no named actor
    if language == "de":
        words = _german_name(words, bool(_GERMAN_DETERMINER.search(part.text[:match.start()])))
    elif language in _SLAVIC_TITLE and not _org_words(language, " ".join(words)):
        words = _slavic_name(words, language)  # not in an organisation's name ('Zakłady Mechaniczne Prema')
    elif language in _ROMANCE_TITLE and not _org_words(language, " ".join(words)):
        words = _romance_name(words, part.text[:match.start()], language)
    if not words:
        return None
    if len(words) == 1 and match.start() == 0 and name.lower() in lexicon.PRONOUNS.get(language, {}):
        return None
    if len(words) == 1 and language != "de" and re.search(rf"(?<![\w-]){re.escape(words[0].lower())}(?![\w-])", text):
        return None  # written in lower case elsewhere: a common word that opened a sentence
    if language == "en" and len(words) == 1 and match.start() == 0 and _COMMON_OPENER.fullmatch(words[0]):
        return None  # 'Local engineers', 'Engineers from the utility', 'Residents of ...': no name
    if language == "en" and len(words) == 1 and match.start() == 0 and _common_noun_opening(text, part, words[0]):
        return None  # 'Organisers said', 'Pharmacy owners, who ...', 'Election monitors said'
    if language != "en" and len(words) == 1 and _not_a_name_here(text, part, match, words[0], language):
        return None
    return match, words


def _german_name(words: list[str], after_determiner: bool) -> list[str]:
    """The name in a German capitalised run: cut at an article ('Vogt der Lokalzeitung'), after a determiner
    and titles ('Dessen Sprecherin Anna Weiß', 'die Innenministerin Moravek'); none for a noun after a
    determiner ('Das Regime', 'die Ermittler')."""
    cut = next((i for i, word in enumerate(words) if i and word in _GERMAN_ARTICLES
                and words[i - 1].lower() not in ("von", "van")), len(words))
    words = words[:cut]
    if words and _GERMAN_DETERMINER.fullmatch(words[0] + " "):
        words, after_determiner = words[1:], True
    titled = False
    while len(words) > 1 and (_GERMAN_TITLE.match(words[0]) or _ORG_NOUN_BEFORE["de"].match(words[0] + " ")):
        words, titled = words[1:], True  # 'die Sprecherin Anna Weiß', 'die Zeitung Bild'
    return [] if after_determiner and not titled else words


def _slavic_name(words: list[str], language: str) -> list[str]:
    """The full name at the end of a Polish or Russian capitalised run of three or more words: without the
    role word opening a sentence ('Wojewoda Roman Jasiński') and what follows it up to the name ('Мэр
    Северска Алексей Громов'), and the genitive or acronym before the name ('Belmonii Tomasz Lipski',
    'Właściciel Bałtexu Roman Mazur', 'Древнии Анзел Моравек', 'МИД Павел Истрин')."""
    titled = False
    while len(words) > 2 and _SLAVIC_TITLE[language].fullmatch(words[0]):
        words, titled = words[1:], True
    # 'Burmistrz Gdańska Piotr Nowak': whose mayor; a Russian name of three words has a patronymic in the middle
    # ('Сергей Семёнович Собянин'), so without one the first word is not the name's ('Госдепа Джим О'Брайен')
    if (titled or language == "ru") and len(words) > 2 and not _PATRONYMIC.search(words[-2]):
        return words[-2:]
    genitive = [i for i, word in enumerate(words[:-2])
                if word.lower().endswith(_SLAVIC_GENITIVE[language]) or _ACRONYM_WORD.match(word)]
    return words[genitive[-1] + 1:] if genitive else words


_ROMANCE_TITLE = {language: re.compile(pattern, re.I) for language, pattern in lexicon.ROMANCE_TITLES.items()}
_ROMANCE_GENITIVE_BEFORE = re.compile(r"(?i)(?:^|\s)(?:di|de|du|des|della|dello|del|dei|degli|delle)\s+$|[dD]['’]$")


def _romance_name(words: list[str], before: str, language: str) -> list[str]:
    """The name in a French or Italian capitalised run: without the titles opening it ('Segretario', alone,
    names no one) and, after 'di'/'de', without the place whose office it is ('sindaco di Palermo Leoluca
    Orlando': Leoluca Orlando)."""
    while len(words) > 1 and _ROMANCE_TITLE[language].fullmatch(words[0]):
        words = words[1:]
    if len(words) == 1 and _ROMANCE_TITLE[language].fullmatch(words[0]):
        return []
    return words[1:] if len(words) > 2 and _ROMANCE_GENITIVE_BEFORE.search(before) else words


#: A ministry's portfolio after its noun is no name ('le ministère de la Santé', 'il ministero della Salute').
_PORTFOLIO = re.compile(r"(?i)(?:minist[eè]r\w*|ministr\w*)\s+(?:de\s+la|de\s+l['’]|du|des|de|della|dell['’]|del|degli|"
                        r"delle|dello)\s*$")
_ELIDED_COMMON = re.compile(r"[LDldl]['’][a-zà-ÿ][\w'’-]*")
_GERMAN_ADJECTIVE_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:diese|dieser|dieses|diesem|diesen|seine|seiner|seinen|ihre|ihrer|ihren|unsere|unserer|deren|"
    r"dessen|keine|keiner|jede|jeder|jeden|welche|welcher|einen|einer|eines|einem|unter|hinter|wider|gegen|neben|"
    r"zwischen|wegen|seitens)\s)[a-zäöüß][a-zäöüß-]{3,}(?:e|en|er|es|em)\s+$")


def _not_a_name_here(text: str, part: Part, match: re.Match[str], word: str, language: str) -> bool:
    """Whether one capitalised word of a non-English part is a common noun: an elided article before a small
    letter ('L'agence régionale', 'L'opposition'), a ministry's portfolio ('ministère de la Santé'), or in
    German a noun after a lower-case adjective ('die velmarische Nachrichtenagentur')."""
    before = part.text[:part.text.find(word, match.start())]
    return bool(_ELIDED_COMMON.fullmatch(word) or _PORTFOLIO.search(before)
                or (language == "de" and _GERMAN_ADJECTIVE_BEFORE.search(before)))


#: English plurals of words for people by what they do ('Organisers', 'Protesters', 'Activists').
_AGENT_PLURAL = re.compile(r"[A-Z][a-z]+(?:ers|ors|ists|ants|ents|ians|ives)")
_PLURAL_AFTER = re.compile(r"\s+(?!(?:has|was|is|says|does|goes)$)[a-z]{3,}[^s\W]s$")


def _common_noun_opening(text: str, part: Part, word: str) -> bool:
    """Whether a capitalised word opening an English part at the start of a sentence is a common noun: an
    agent plural ('Organisers said'), or a word before a plural head ('Pharmacy owners', 'Election
    monitors', 'Environmental groups': the whole part), unless a full name elsewhere in the text ends with
    it ('Sanders')."""
    if not SENTENCE_OPENING.search(text[max(0, part.start - 20):part.start]) or _DEMONYM_LIKE.fullmatch(word):
        return False  # 'Kastovian saboteurs': the nationals rule reads them
    if re.search(rf"[A-Z][\w'’-]+ {re.escape(word)}\b", text):
        return False  # 'Bernie Sanders' ... 'Sanders said'
    return bool(_AGENT_PLURAL.fullmatch(word) or _PLURAL_AFTER.match(part.text, len(word)))

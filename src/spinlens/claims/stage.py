"""The claims stage: actors, quotes, relations, hedges and claims as spans over the article text.

Layers written (all character offsets into `Article.text`):
- `actor`: a mention; label = the actor, attrs kind, designation (the words the article uses).
- `quote`: the quoted or reported content; label = direct | indirect | mixed; attrs speaker, cue, actor,
  resolved_from, status ("speaker unknown" when none), each part with its offsets.
- `relation`: the sentence; label = accuse | blame | deny | demand | threaten | praise | claim_responsibility;
  attrs agent, target, content, cue (text and offsets) and the actors of agent and target.
- `hedge`: a hedge or evidence marker; label = hedge | evidence | unsourced.
- `claim`: a reported or asserted claim; label = sourced | hedged | unsourced; attrs source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spinlens import settings
from spinlens.claims import lexicon
from spinlens.claims.actors import (_NAME, _NOT_NAMES, _ORG_WORDS_RE, GROUP, ORG, PERSON, SENTENCE_OPENING,
                                    AliasTable, Mention, _merge_people, find_mentions, is_compound_adjective)
from spinlens.claims.attribution import actor_at, employers, first_person_agents, part_actor, placed_institution
from spinlens.claims.clauses import Part, part as clauses_part
from spinlens.claims.quotes import Quote, find_quotes
from spinlens.claims.speakers import resolve_speaker
from spinlens.claims.relations import find_relations
from spinlens.claims.relations_intl import LANGUAGES as RELATION_LANGUAGES, find_relations_intl
from spinlens.model import Article
from spinlens.pipeline.core import Stage

CLAIM_LAYERS = ("actor", "quote", "relation", "hedge", "claim")
#: Languages with cue lexicons (quotes, speakers, cues, hedges) and relations (all six); actors: aliases and
#: states in all six, the rules for capitalised names in English only.
LANGUAGES = tuple(lexicon.SPEECH_CUES)
#: Characters of one sentence read by the pattern matchers (a bound on hostile input).
MAX_SENTENCE_CHARS = 2000


@lru_cache(maxsize=None)
def _hedge_pattern(language: str) -> re.Pattern[str]:
    groups = [f"(?P<{kind}>{pattern})" for kind, pattern in lexicon.HEDGES[language].items()]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", re.I)


def find_hedges(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every hedge, evidence and unsourced-claim marker."""
    if language not in lexicon.HEDGES:
        return []
    return [(m.start(), m.end(), m.lastgroup or "hedge") for m in _hedge_pattern(language).finditer(text)]


def _part_attrs(name: str, part: Part | None) -> dict:
    if part is None:
        return {name: None}
    return {name: part.text, f"{name}_start": part.start, f"{name}_end": part.end}


_NAMED = re.compile(rf"{_NAME}")


#: A speaker, agent or target part longer than this (in words) is a clause, not a designation: its mention is
#: the name alone ('Drevhydro has refused to publish the report' designates nobody as a whole).
MAX_DESIGNATION_WORDS = 5
_EDGE_WORDS = re.compile(r"^(?:(?:on|in|at|of|to|for|with|by|from|and|or|but)\s+)+|(?:\s+(?:and|or|but|of|to))+$", re.I)


def _ensure_actor(text: str, part: Part | None, mentions: list[Mention], single: str = GROUP,
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
                                r"dies\w*|jede\w*|sein\w*|ihr\w*|unser\w*|dessen|deren|letzte\w*|vergangene\w*|nächste\w*)\s+$", re.I)
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
    role word opening a sentence ('Wojewoda Roman Jasiński') and what follows it up to the name ('Мэр Северска
    Алексей Громов'), and the genitive or acronym before the name ('Belmonii Tomasz Lipski', 'Właściciel Bałtexu Roman Mazur', 'Древнии Анзел Моравек', 'МИД Павел Истрин')."""
    titled = False
    while len(words) > 2 and _SLAVIC_TITLE[language].fullmatch(words[0]):
        words, titled = words[1:], True
    if (titled or language == "ru") and len(words) > 2 and not _PATRONYMIC.search(words[-2]):
        return words[-2:]  # 'Мэр Северска Алексей Громов', 'Burmistrz Gdańska Piotr Nowak': whose mayor; a
        # Russian name of three words has a patronymic ('Госдепа Джим О'Брайен': Джим О'Брайен)
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


def _bounded(text: str) -> str:
    """The text with over-long sentences cut after MAX_SENTENCE_CHARS (offsets unchanged): the rest becomes a
    run of full stops, which ends the sentence there; blanks would let the patterns backtrack over thousands
    of spaces (a 2,000-word sentence took minutes)."""
    def cut(match: re.Match[str]) -> str:
        sentence = match.group(0)
        return sentence[:MAX_SENTENCE_CHARS] + "." * (len(sentence) - MAX_SENTENCE_CHARS)
    return re.sub(rf"[^.!?\n]{{{MAX_SENTENCE_CHARS + 1},}}", cut, text)


class ClaimsStage(Stage):
    """Find actors, quotes, relations, hedges and claims in each article (see the module docstring)."""

    name = "claims"
    requires = ("layer:sentence", "language")
    assigns = tuple(f"layer:{layer}" for layer in CLAIM_LAYERS)

    def __init__(self, context=None, aliases: AliasTable | None = None):
        super().__init__(context)
        #: The user's alias file unless a table is given (benchmarks pass an empty one, so their figures do
        #: not depend on the machine they run on).
        self.aliases = aliases if aliases is not None else AliasTable.load(settings.default_aliases_path())

    def process(self, article: Article) -> None:
        """Annotate one article; other languages than the six are recorded as not analysed."""
        for layer in CLAIM_LAYERS:
            article.clear_layer(layer)
        language = article.language or ""
        if language not in LANGUAGES:
            article.extra["claims"] = {"analysed": False, "reason": f"language {language or 'unknown'} not supported"}
            return
        text = _bounded(article.text)
        mentions = find_mentions(text, self.aliases) if language == "en" else []
        quotes = find_quotes(text, language, mentions)
        if language != "en":  # the user's aliases and the states (names as written), after speaker resolution
            mentions = find_mentions(text, self.aliases, names=False, language=language)
        relations = (find_relations(text) if language == "en" else
                     find_relations_intl(text, language) if language in RELATION_LANGUAGES else [])
        for q in quotes:  # a one-word speaker ('Moravek said') is a person; a one-word agent may be a state
            _ensure_actor(text, q.speaker, mentions, single=PERSON, language=language)
        for part in [p for r in relations for p in (r.agent, r.target)]:
            _ensure_actor(text, part, mentions, language=language)
        mentions.sort(key=lambda m: m.start)
        surnames = {m.actor.split()[-1] for m in mentions if m.kind == PERSON and " " in m.actor}
        for m in mentions:  # a one-word agent that is a person's surname is that person
            if m.kind == GROUP and m.actor in surnames:
                m.kind = PERSON
        _merge_people(mentions)  # 'Moravek' and 'Anzel Moravek' found as speakers and agents are one actor
        if language == "en":
            employers(text, mentions)
        for q in quotes:
            q.actor = q.actor if q.resolved_from else (actor_at(mentions, q.speaker) or q.actor)
            if q.actor is None and q.speaker is not None:  # a pronoun before the people were known ('сказал он')
                resolve_speaker(text, q, mentions, language)
        speakers = first_person_agents(relations, quotes, language)
        hedges = find_hedges(text, language)
        for m in mentions:
            article.add_span(m.start, m.end, "actor", m.actor, None, kind=m.kind, designation=m.designation,
                             **({"resolved_from": m.resolved_from} if m.resolved_from else {}))
        for q in quotes:
            article.add_span(q.content.start, q.content.end, "quote", q.kind, None, status=q.status,
                             actor=q.actor, resolved_from=q.resolved_from, unbalanced=q.unbalanced,
                             **_part_attrs("speaker", q.speaker), **_part_attrs("cue", q.cue))
        for r in relations:
            article.add_span(r.sentence.start, r.sentence.end, "relation", r.type, None, passive=r.passive,
                             agent_actor=speakers.get(id(r)) or part_actor(mentions, r.agent, language)
                             or placed_institution(text, mentions, r.sentence, r.agent),
                             target_actor=part_actor(mentions, r.target, language),
                             **_part_attrs("agent", r.agent), **_part_attrs("target", r.target),
                             **_part_attrs("content", r.content), **_part_attrs("cue", r.cue))
        for start, end, kind in hedges:
            article.add_span(start, end, "hedge", kind)
        self._claims(article, quotes, hedges)
        article.extra["claims"] = {"analysed": True, "quotes": len(quotes), "relations": len(relations),
                                   "actors": len({m.actor for m in mentions}), "hedges": len(hedges),
                                   "depth": ("full" if language == "en" else "quotes, speakers, cues, relations, hedges"
                                             if language in RELATION_LANGUAGES else "quotes, speakers, cues, hedges")}

    @staticmethod
    def _claims(article: Article, quotes: list[Quote], hedges: list[tuple[int, int, str]]) -> None:
        """One claim per quote (sourced/hedged) and per sentence with a hedge outside quotes."""
        sentences = article.layer("sentence")  # sorted once, not per lookup
        starts = [s.start for s in sentences]

        def sentence_of(pos: int) -> tuple[int, int] | None:
            i = bisect_right(starts, pos) - 1
            return (sentences[i].start, sentences[i].end) if i >= 0 and pos < sentences[i].end else None

        hedged_sentences: dict[tuple[int, int], str] = {}
        for start, _, kind in hedges:
            bounds = sentence_of(start)
            if bounds and kind != "evidence":
                hedged_sentences[bounds] = "unsourced" if kind == "unsourced" else hedged_sentences.get(bounds, "hedged")
        quoted: set[tuple[int, int]] = set()
        for q in quotes:
            bounds = sentence_of(q.content.start)
            if bounds:
                quoted.add(bounds)
            hedged = any(q.content.start <= s < q.content.end for s, _, k in hedges if k == "hedge")
            label = "hedged" if hedged else ("sourced" if q.speaker is not None else "unsourced")
            article.add_span(q.content.start, q.content.end, "claim", label, None, source=q.actor or
                             (q.speaker.text if q.speaker else None))
        for (start, end), label in sorted(hedged_sentences.items()):
            if (start, end) not in quoted:
                article.add_span(start, end, "claim", label, None, source=None)

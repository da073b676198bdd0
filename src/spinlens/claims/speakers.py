"""Speakers of quotes: the subject of a reporting clause, plausibility checks, and pronoun/role resolution.

A pronoun or role speaker ("he", "the spokesman", "the ministry") is resolved to the nearest fitting actor
mentioned before it and the resolution is recorded; an appositive name after a role phrase ("the
spokesman, Ivan Petrov,") becomes the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spinlens.claims import lexicon
from spinlens.claims.actors import (
    _NAME,
    _TITLE,
    TITLED_NAME,
    GROUP,
    ORG,
    PERSON,
    STATE,
    Mention,
    nearest_actor,
)
from spinlens.claims.clauses import (
    PLACE_END,
    PREPOSITIONAL,
    Part,
    main_subject,
    names_someone,
    noun_phrase_after,
    part,
    subject_before,
)
from spinlens.claims.reporting import match_part


@dataclass
class Quote:
    """A quote or reported statement: content, kind, cue and speaker (resolved when a pronoun or role)."""

    content: Part
    kind: str  # direct | indirect | mixed
    cue: Part | None = None
    speaker: Part | None = None
    actor: str | None = None  # the actor the speaker is (after resolution)
    resolved_from: str | None = None  # the pronoun or role that was resolved
    unbalanced: bool = False

    @property
    def status(self) -> str:
        """'speaker unknown' when no speaker was found, else 'attributed'."""
        return "attributed" if self.speaker is not None else "speaker unknown"


def colon_intro(text: str, left: int, pats: dict[str, re.Pattern[str]]) -> tuple[Part, Part] | None:
    """A quote opening a paragraph after one that ends with a colon: 'X offered an appraisal:'."""
    stripped = text[:left].rstrip()
    if not stripped.endswith(":"):
        return None
    line_start = stripped.rfind("\n") + 1
    line = stripped[line_start:]
    sentence_start = max(line.rfind(". "), line.rfind("? "), line.rfind("! ")) + 1
    clause = line[sentence_start:]
    offset = line_start + sentence_start
    m = re.match(rf"\s*(?P<speaker>{_TITLE}*{_NAME}|(?:he|she|they))\b[^:]*?\s(?P<cue>(?:has|have|had|will|would|"
                 rf"did|does)\s+[a-z][\w'’-]+|[a-z][\w'’-]*(?:ed|es|ts|ys|ls|ks|rs|ote|old|aid|put))\b", clause)
    if not m:
        return None
    return match_part(text, m, "speaker", offset), match_part(text, m, "cue", offset)


def speaker_after_cue(text: str, start: int, limit: int, language: str) -> Part | None:
    """The noun phrase after a cue that follows a quote; a pronoun with more words is a clause, not a speaker."""
    np = noun_phrase_after(text, start, limit)
    if np is None:
        return None
    words = np.text.split()
    return None if len(words) > 1 and words[0].lower() in lexicon.PRONOUNS.get(language, {}) else np


def reporting_clause(text: str, left: int, start: int, quotes: list[Quote], pats: dict[str, re.Pattern[str]]
                      ) -> tuple[int, list[re.Match[str]], Part | None]:
    """Where the reporting clause before a quote starts, its cues and the subject of the last one.

    It starts after an earlier quote of the same sentence ('"A," X said, adding "B"') unless its verb
    shares the subject of the whole sentence ('X thanked him for "A" but said "B"').
    """
    starts = [left]
    if quotes and left <= quotes[-1].content.end < start:
        starts.insert(0, quotes[-1].content.end + 1)
    for clause_start in starts:
        cues = list(pats["any_cue"].finditer(text[clause_start:start - 1]))  # offsets from clause_start
        if not cues:
            continue
        if pats["according_only"].fullmatch(cues[-1].group(0)):  # 'Pour la députée X, les sommes « ... »'
            after_cue = clause_start + cues[-1].end()
            comma = text.find(",", after_cue, start)
            subject = part(text, after_cue, comma) if comma != -1 else None
        else:
            subject = speaker_before(text, clause_start, clause_start + cues[-1].start(), cues[-1].group(0))
        if subject is not None:
            return clause_start, cues, subject
    return left, [], None


def colon_subject(text: str, left: int, before: str, language: str = "en") -> Part | None:
    """The named subject (or pronoun) of a clause that ends with a colon right before the quote.

    Outside English, whose clause grammar `main_subject` reads, the subject is a full name opening the
    clause, after a role at most ('Il direttore Marco Bianchi ha chiesto più controlli: «...»')."""
    stripped = before.rstrip()
    if not stripped.endswith(":"):
        return None
    if language != "en":
        return _opening_name(text, left, stripped)
    if possessive := _POSSESSIVE_WORDS.match(stripped):  # 'His message to the council is blunt: "..."'
        return match_part(text, possessive, "owner", left)
    subject = main_subject(text, left, left + len(stripped) - 1)
    if subject is None and len(stripped.split()) <= 4:  # a headline: 'Minister: "We will not back down"'
        subject = part(text, left, left + len(stripped) - 1)
        subject = subject if subject is not None and subject.text[0].isupper() else None
    if subject is None or not (names_someone(subject.text) or subject.text.lower() in ("he", "she", "they")):
        return None
    return subject


#: A colon introduction by someone's words ('His message to the council is blunt:'): the owner speaks.
_POSSESSIVE_WORDS = re.compile(r"\s*(?P<owner>His|Her|Their)\s+(?:[\w-]+\s+)?(?:message|answer|reply|response|verdict|"
                               r"view|advice|warning|plea|point|argument|explanation|words|conclusion)\b")
_POSSESSIVES = {"his": PERSON, "her": PERSON, "their": GROUP}
#: Capitalised function words that open a clause without naming anyone ('A Varese ...', 'W Warszawie ...').
_OPENERS = frozenset("a in da di per con su tra fra w we z ze na do po od o u à en de dans pour sur le la les il lo "
                     "gli un una der die das im am zu mit nach в во на по с со из к у".split())


def _opening_name(text: str, left: int, clause: str) -> Part | None:
    """A full name (two words or more) within the first four words of a clause, or in apposition to a role
    that opens it ('Il sindaco di Arvena, Ornella Vitali, ha chiesto ...'), followed by more words."""
    for found in TITLED_NAME.finditer(clause):
        prefix = clause[:found.start()]
        if len(prefix.split()) > 3 and not (prefix.rstrip().endswith(",") and prefix.count(",") == 1
                                            and len(prefix.split()) <= 6):
            return None
        words = found.group(0).split()
        if len(words) > 1 and words[0].lower() not in _OPENERS and clause[found.end():].strip():
            return Part(left + found.start(), left + found.end(), found.group(0))
    return None


#: A phrase opening with a determiner is a role, whatever its capitals (German 'Die Chefärztin der Klinik').
_DETERMINER_START = re.compile(r"(?i)(?:the|a|an|his|her|its|their|le|la|les|l['’]|un|une|son|sa|der|die|das|ein|"
                               r"eine|sein|seine|ihr|ihre)\b")


def resolve_speaker(text: str, quote: Quote, mentions: list[Mention], language: str) -> None:
    """Tie the speaker to an actor; resolve a pronoun or role to the nearest fitting actor before it."""
    speaker = quote.speaker
    assert speaker is not None
    appositive = re.match(rf",\s*(?P<name>{_TITLE}*{_NAME})(?:,|\s*[.;!?]|\s*$)", text[speaker.end:speaker.end + 80])
    after_place = appositive is not None and PLACE_END.search(speaker.text) is not None
    if after_place and " " not in appositive.group("name").strip():
        appositive = None  # 'Officials in Kyiv, Ukraine,': the place's region
    if appositive and (not names_someone(speaker.text) or _DETERMINER_START.match(speaker.text) or after_place):
        # 'the spokesman, Ivan Petrov,' / 'Son avocate, Me Lenoir,' / 'Die Chefärztin der Klinik, Dr. Vogt,' /
        # 'dyrektor szpitala w Zadrożynie, Krzysztof Bania' (the name in the role is a place)
        start = speaker.end + appositive.start("name")
        speaker = quote.speaker = Part(start, start + len(appositive.group("name")), appositive.group("name"))
    inside = [m for m in mentions if m.start < speaker.end and m.end > speaker.start]
    if inside:
        quote.actor = inside[0].actor
        return
    if adverb := _TRAILING_ADVERB.search(speaker.text):  # 'Она также напомнила': the pronoun
        speaker = quote.speaker = Part(speaker.start, speaker.start + adverb.start(), speaker.text[:adverb.start()])
    word = speaker.text.lower()
    pronoun_kind = lexicon.PRONOUNS.get(language, {}).get(word) or (_POSSESSIVES.get(word) if language == "en" else None)
    if pronoun_kind is not None:
        kinds = (PERSON,) if pronoun_kind == PERSON else (GROUP, ORG, STATE, PERSON)
        found = nearest_actor(mentions, speaker.start, kinds)
        if pronoun_kind != PERSON:  # 'Drevnia gave Kastovia 72 hours to hand over suspects it says ...': the subject
            found = _sentence_subject(text, mentions, speaker.start, kinds) or found
    elif re.match(r"(?:the|a|an|his|her|its|their|one|another)\s", word):
        role = re.sub(r"^(?:the|a|an|his|her|its|their|one|another)\s+", "", word).split()[-1]
        institutional = re.fullmatch(rf"(?:{lexicon.INSTITUTION_NOUNS})", role)  # not 'a hospital spokesman'
        kinds = (ORG, STATE, GROUP) if institutional else (PERSON,)
        found = (_placed_after(text, speaker, mentions) if institutional else None) or \
            nearest_actor(mentions, speaker.start, kinds, role=role)
        if found is not None and role not in found.designation.lower() and not institutional:
            found = None  # 'the spokesman' is nobody named yet
        if found is not None and role in _DOCUMENTS and not _issued(text, found, speaker.start, role):
            found = None  # 'the report' is not whoever an earlier sentence named last
    else:
        quote.actor = re.sub(rf"^{_TITLE}+", "", speaker.text).strip() or speaker.text
        return
    if found is not None:
        quote.actor, quote.resolved_from = found.actor, speaker.text


#: Documents that speak for whoever issued them: resolved only to an actor of their own sentence or of the
#: sentence that named them first (`_issued`).
_DOCUMENTS = frozenset({"report", "statement", "study"})


def _placed_after(text: str, speaker: Part, mentions: list[Mention]) -> Mention | None:
    """The state right after an institution ('the government in Velgrad', 'the ministry of Kastovia')."""
    place = re.match(r"\s+(?:in|of|at)\s+(?:the\s+)?", text[speaker.end:speaker.end + 12])
    if place is None:
        return None
    return next((m for m in mentions if m.start == speaker.end + place.end() and m.kind == STATE), None)


def _issued(text: str, found: Mention, position: int, document: str) -> bool:
    """Whether `found` can be the issuer of the document named at `position`: in the same sentence, or in the
    sentence that named the document first ('The commission published a report. The report said ...')."""
    between = text[found.end:position]
    stop = re.search(r"[.!?]\s", between)
    return stop is None or re.search(rf"(?i)\b{document}\b", between[:stop.start()]) is not None


#: Adverbs between a pronoun subject and its verb ('Она также напомнила', 'Il a aussi', 'Sie hat auch').
_TRAILING_ADVERB = re.compile(r"(?i)\s+(?:также|тоже|ещё|еще|also|aussi|auch|anche|również|także|też)$")


def _sentence_subject(text: str, mentions: list[Mention], position: int, kinds: tuple[str, ...]) -> Mention | None:
    """The first fitting actor of the sentence before `position` (its subject, more often than the nearest)."""
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    inside = [m for m in mentions if start <= m.start and m.end <= position and m.kind in kinds
              and m.resolved_from is None]
    return inside[0] if inside else None


_ROLE_END = re.compile(rf"(?i)\b(?:{lexicon.ROLE_NOUNS})$")
_FUNCTION_WORD = re.compile(r"(?i)(?:and|but|or|who|which|that|while|as|then)")
_QUOTED_AS = re.compile(r"(?i)\b(?:was|were|is|are|has\s+been|had\s+been)?\s*quoted\b[^.!?]*$")


def plausible_speaker(words: str, named: bool = False, language: str = "en") -> bool:
    """A short noun phrase that can name a speaker: no conjunction, preposition or bare verb phrase.

    With `named`, a lower-case phrase must end in a capitalised name ("regional governor Pavel Dorn") or a
    role noun ("health chief", the headline style); not in German, where every noun is capitalised.
    """
    words = words.strip()
    if not re.search(r"\w", words) or len(words.split()) > 6 or _FUNCTION_WORD.fullmatch(words) \
            or PREPOSITIONAL.match(words + " "):
        return False
    if named and language != "de" and words[0].islower() and (re.search(rf"{_NAME}$", words) or _ROLE_END.search(words)):
        return True
    return not words[0].islower() or bool(re.match(
        r"(?i)(?:the|a|an|his|her|its|their|one|another|he|she|they|it|we|i|officials|sources|police|witnesses|"
        r"residents|analysts|experts|critics|il|elle|ils|er|sie|он|она|они|le|la|les|l['’]|der|die|das)\b", words))


#: A participle cue after these opens an adverbial clause of the main one ('X said, before adding: ...').
_ADVERBIAL_END = re.compile(r"(?i)\b(?:before|after|while|when|by|without)\s*$")


def speaker_before(text: str, start: int, cue_start: int, cue: str) -> Part | None:
    """The speaker of a cue: the clause subject, never a bare conjunction or a prepositional phrase.

    'X went further, accusing ...' and 'X was quoted by Y as saying' take the subject of the main clause.
    """
    window = text[start:cue_start]
    if cue.lower().startswith("as saying") and (quoted := _QUOTED_AS.search(window)):
        return subject_before(text, start, start + quoted.start())
    if cue.lower().endswith("ing") and (window.rstrip().endswith(",") or _ADVERBIAL_END.search(window)):
        subject = main_subject(text, start, cue_start)
        if subject is not None:
            return subject
    subject = subject_before(text, start, cue_start)
    if subject is not None and (_FUNCTION_WORD.fullmatch(subject.text) or PREPOSITIONAL.match(subject.text)):
        return main_subject(text, start, cue_start)
    return subject



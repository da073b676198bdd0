"""Quotes: direct (every common quotation mark, across paragraphs), indirect and mixed, with cue and speaker.

Quoted regions come from pairing quotation marks within a paragraph (a quote left open at a paragraph end
continues when the next paragraph reopens it, the typographic convention). Speaker and cue are read from
the reporting clause next to the quote ("..., said X", "X said: ...", "according to X"); a pronoun or role
speaker ("he", "the spokesman") is resolved to the nearest fitting actor mentioned before, and the
resolution is recorded. Quotes with no reporting clause are kept with the speaker unknown; a short quoted
phrase with no cue in its sentence is a scare quote, not a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spinlens.claims import lexicon
from spinlens.claims.actors import _NAME, _TITLE, GROUP, ORG, PERSON, STATE, Mention, nearest_actor
from spinlens.claims.clauses import (PREPOSITIONAL, Part, main_subject, names_someone, noun_phrase_after, part,
                                     subject_before)

#: Quoted phrases of at most this many words, with no cue in their sentence, are scare quotes.
SCARE_QUOTE_WORDS = 3
_LETTER = re.compile(r"\w")


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


# ----------------------------------------------------------------------------------- quoted regions

def quoted_regions(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, unbalanced) of the text inside each top-level pair of quotation marks."""
    regions: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = lexicon.QUOTE_PAIRS.get(ch)
        if closers is None or not _opens(text, i):
            i += 1
            continue
        j, unbalanced = _closing(text, i + 1, ch, closers)
        if unbalanced and ch == "'":  # an apostrophe ('90s, 'tis) opens nothing unless it closes
            i += 1
            continue
        regions.append((i + 1, j, unbalanced))
        i = j + 1
    return regions


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and ch in "\"'»‘‚":
        return False
    if ch == "'" and not after.isalpha():  # '90s
        return False
    if ch in "‘\"»'":  # ambiguous marks open only at the start of a word
        return not _LETTER.match(before) and before not in ".,"
    return True


def _closing(text: str, pos: int, opener: str, closers: str) -> tuple[int, bool]:
    """Index of the closing mark, following the quote into later paragraphs when they reopen it."""
    n = len(text)
    while True:
        k = pos
        while k < n:
            ch = text[k]
            if ch in closers and (ch not in "’'" or k + 1 >= n or not _LETTER.match(text[k + 1])):
                return k, False
            if text.startswith("\n\n", k) or (ch == "\n" and text[k + 1:k + 2] == "\n"):
                break
            k += 1
        if k >= n:
            return _trim_end(text, pos, n), True
        nxt = k
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt < n and text[nxt] == opener:  # the convention for a quote running over paragraphs
            pos = nxt + 1
            continue
        return _trim_end(text, pos, k), True


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# ------------------------------------------------------------------------------ reporting clauses

_DETERMINER = r"(?i:the|a|an|his|her|its|their|one|another)"
#: A time or channel phrase after a trailing attribution ("..., the ministry said on Friday.").
_WHEN = (r"(?i:(?:late\s+|early\s+)?on\s+\w+(?:\s+(?:morning|afternoon|evening|night))?|last\s+\w+|this\s+\w+|"
         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
         r"yesterday|today|in\s+a\s+statement|in\s+an\s+interview)")
_BARE_GROUPS = (r"(?i:officials|sources|residents|witnesses|analysts|experts|diplomats|police|authorities|"
                r"investigators|prosecutors|doctors|observers|critics|protesters|organi[sz]ers)")


@lru_cache(maxsize=None)
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    """Reporting-clause patterns; names keep their capitals, every other part ignores case."""
    cue = rf"(?i:{lexicon.SPEECH_CUES.get(language, lexicon.SPEECH_CUES['en'])})"
    pronouns = "|".join(lexicon.PRONOUNS.get(language, {}))
    according = rf"(?i:{lexicon.ACCORDING_TO.get(language, lexicon.ACCORDING_TO['en'])})"
    leading = lexicon.ACCORDING_TO_LEADING.get(language)
    according_first = rf"(?i:{lexicon.ACCORDING_TO.get(language, lexicon.ACCORDING_TO['en'])}|{leading})" if leading \
        else according
    trailing = lexicon.TRAILING_CUES.get(language)
    cue_last = rf"(?:{cue}|(?i:{trailing}))" if trailing else cue
    that = rf"(?i:{lexicon.COMPLEMENTISER.get(language, 'that')})"
    alternatives = [rf"{_TITLE}*{_NAME}"]
    if language == "en":
        alternatives.append(rf"{_DETERMINER}\s+(?:[\w-]+\s+){{0,3}}?(?i:{lexicon.ROLE_NOUNS})(?:-\w+)*(?![\w-])"
                            rf"(?:\s+(?:of|for|at|in)\s+(?:the\s+)?{_NAME})?")
        alternatives.append(rf"(?:(?i:some|many|other|senior|local|western|government|military)\s+)?{_BARE_GROUPS}")
    if language in lexicon.SPEAKER_NOUN_PHRASE:
        alternatives.append(rf"{lexicon.SPEAKER_NOUN_PHRASE[language]}(?:\s*{_NAME})?")
    # a pronoun right after the cue ends the clause ('", said he.'); 'said he welcomed ...' reports his words
    inverted_speaker = "(?:" + "|".join(alternatives + ([rf"(?i:{pronouns})\b(?!\s+\w)"] if pronouns else [])) + ")"
    if pronouns:
        alternatives.append(rf"(?i:{pronouns})\b")
    speaker = "(?:" + "|".join(alternatives) + ")"
    inverted = lexicon.INVERTED_CUES.get(language, r"(?!x)x")
    return {
        # after the closing mark: "», a-t-il ajouté" / "“, sagte er" (the pronoun is the speaker)
        "after_inverted": re.compile(rf"^[\s,–—-]*(?P<cue>(?i:{inverted}))"),
        # after the closing mark: ", said X" / ", X said"
        "after_according": re.compile(rf"^[\s,–—-]*(?P<cue>{according})\s+(?P<speaker>{speaker})"),
        "after_cue_first": re.compile(rf"^[\s,–—-]*(?P<cue>{cue})\s+(?P<speaker>{inverted_speaker})"),
        "after_speaker_first": re.compile(
            rf"^[\s,–—-]*(?P<speaker>{speaker})(?:,[^,\"“”«»]{{1,60}},)?(?:\s+\w+ly)?\s+(?P<cue>{cue})\b"),
        # before the opening mark: "X said:" / "X told the BBC," / "according to X,"
        "before": re.compile(
            rf"(?P<speaker>{speaker})(?:,[^,]{{1,60}},)?(?:\s+\w+ly)?\s+(?P<cue>{cue})(?:\s+[\w'’-]+){{0,4}}?\s*[:,]?\s*$"),
        "before_according": re.compile(rf"(?P<cue>{according_first})\s+(?P<speaker>{speaker})\s*[:,]?\s*$"),
        "according_only": re.compile(according_first),
        # indirect speech in one sentence
        "indirect": re.compile(
            rf"(?P<speaker>{speaker})(?:,[^,]{{1,80}},)?(?:\s+\w+ly)?\s+(?P<cue>{cue})(?:\s+(?i:reporters|journalists))?"
            rf",?\s+(?:{that})\s+(?P<content>[^\n]+?)\s*[.!?]?$"),
        # 'It was reported by the agency that ...'
        "passive_report": re.compile(
            rf"^(?i:it)\s+(?P<cue>(?i:was|has\s+been|had\s+been|is)\s+(?i:reported|announced|stated|claimed|"
            rf"confirmed|said|alleged|revealed|disclosed)\s+(?i:by))\s+(?P<speaker>[^,]{{2,80}}?)\s+(?:{that})\s+"
            rf"(?P<content>[^\n]+?)\s*[.!?]?$"),
        "according_first": re.compile(
            rf"^(?P<cue>{according_first})\s+(?P<speaker>[^,]{{2,80}}?),\s*(?P<content>[^\n]+?)\s*[.!?]?$"),
        # 'Laut einer Umfrage des Verbands warten Patienten ...': no comma after the source
        "according_first_np": re.compile(
            rf"^(?P<cue>{according})\s+(?P<speaker>{speaker})\s+(?P<content>[^\n,]+?)\s*[.!?]?$"),
        # a sentence attributing the one before it: 'Об этом сообщили в управлении.'
        "refers_back": re.compile(
            rf"^(?i:{lexicon.REFERS_BACK.get(language, lexicon.REFERS_BACK['en'])})\s*(?P<cue>{cue})\s+"
            rf"(?:(?i:в|во|auprès\s+de)\s+)?(?P<speaker>[^.!?\n]{{2,80}}?)\s*[.!?]?$"),
        # a relative clause with its subject gap after the cue: 'three suspects it says were involved'
        "relative_gap": re.compile(
            rf"(?<=\w\s)(?P<speaker>(?i:it|they|he|she|officials|police|investigators|prosecutors)|{_TITLE}*{_NAME})"
            rf"\s+(?P<cue>(?i:says|say|said|claims|claim|claimed|alleges|allege|alleged|believes|believe))\s+"
            rf"(?P<content>(?i:was|were|is|are|had|has|have|would|will|could|may|might)\s+[^,.;:!?\n]+?)"
            rf"(?=\s+and\s+\w+ed\b|\s*[,.;:!?]|\s*$)") if language == "en" else re.compile(r"(?!x)x"),
        "according_last": re.compile(
            rf"^(?P<content>[^\n]{{12,}}?),?\s+(?P<cue>{according})\s+(?P<speaker>[^,.]{{2,80}}?)\s*[.!?]?$"),
        # generic: any noun phrase next to a cue (its subject is read from the clause)
        "after_np_cue": re.compile(rf"^[\s,–—-]*(?P<speaker>[^,.!?;:\n\"“”«»]{{2,70}}?)(?:\s+\w+ly)?\s+(?P<cue>{cue})\b"),
        "after_cue_np": re.compile(rf"^[\s,–—-]*(?P<cue>{cue})\s+(?=\S)"),
        "any_cue": re.compile(rf"(?<![\w-])(?:{cue}|{according_first}|(?i:{lexicon.RELATION_VERBS_ALL})|"
                              rf"(?i:{lexicon.CHARACTERISING_VERBS.get(language, lexicon.CHARACTERISING_VERBS['en'])}|as\s+saying))"
                              rf"(?!\w)"),
        "cue_only": re.compile(rf"\b{cue}\b"),
        "clause_cue": re.compile(rf"\b(?P<cue>{cue})\b(?!\s+(?i:responsibility|credit)\b)(?:\s+(?i:reporters|journalists|the\s+\w+|\w+))??"
                                 rf"(?:\s+(?i:on|in|at|late|early|last|this|after|for|over|during|since)\s+[\w ]{{1,25}}?)?(?:,)?"
                                 rf"(?:(?P<that>\s+(?:{that})(?:(?<=['’])|\b)|(?:\s+[\w'’-]+){{0,3}}:)\s*|\s+)(?P<content>[^\n]+?)\s*[.!?]?$"),
        # cues that report speech without a complementiser (English: 'said the talks had failed')
        "zero_that": re.compile(rf"(?i:{lexicon.ZERO_THAT_CUES.get(language, lexicon.ZERO_THAT_CUES['en'])})"),
        "said_last_np": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}),\s+(?P<speaker>[^,\"“”«»]{{2,70}}?)\s+(?P<cue>{cue})\s*[.!?]?$"),
        "said_last_inverted": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}),\s+(?:[–—-]\s+)?(?P<cue>{cue_last})\s+(?P<speaker>[^,.!?\"“”«»]{{2,70}}?)\s*[.!?]?$"),
        "said_last": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}?),\s+(?P<speaker>{speaker})\s+(?P<cue>{cue})(?:\s+{_WHEN}){{0,2}}\s*[.!?]?$"),
    }


def _part(text: str, match: re.Match[str], group: str, offset: int) -> Part:
    start, end = match.span(group)
    return Part(offset + start, offset + end, text[offset + start:offset + end])


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence-ish stretch around [start, end): back to . ! ? or paragraph start, on to the same."""
    left = start
    while left > 0 and text[left - 1] not in ".!?\n":
        left -= 1
    right = end
    while right < len(text) and text[right] not in ".!?\n":
        right += 1
    return left, min(len(text), right + 1)


def find_quotes(text: str, language: str, mentions: list[Mention]) -> list[Quote]:
    """Direct, mixed and indirect quotes of `text`, with speakers resolved against `mentions`."""
    pats = _patterns(language if language in lexicon.SPEECH_CUES else "en")
    quotes: list[Quote] = []
    for start, end, unbalanced in quoted_regions(text):
        content = _strip_content(text, start, end)
        if content is None:
            continue
        quote = Quote(content=content, kind="direct", unbalanced=unbalanced)
        close = end + (0 if unbalanced else 1)
        left, right = _sentence_bounds(text, start - 1, close)
        after = text[close:right]
        before = text[left:start - 1]
        if m := pats["after_inverted"].match(after):
            quote.cue = _part(text, m, "cue", close)
            pronoun = re.search(r"(?i)(?<=-)(?:il|elle|ils|elles)\b|\b(?:er|sie|он|она|они)$", quote.cue.text)
            if pronoun:
                at, until = quote.cue.start + pronoun.start(), quote.cue.start + pronoun.end()
                quote.speaker = Part(at, until, text[at:until])
        elif (m := pats["after_cue_first"].match(after) or pats["after_speaker_first"].match(after)
              or pats["after_according"].match(after)):
            quote.cue, quote.speaker = _part(text, m, "cue", close), _part(text, m, "speaker", close)
        elif (m := pats["before_according"].search(before) or pats["before"].search(before)):
            quote.cue, quote.speaker = _part(text, m, "cue", left), _part(text, m, "speaker", left)
        elif before.strip() == "" and (intro := _colon_intro(text, left, pats)) is not None:
            quote.speaker, quote.cue = intro
        elif (m := pats["after_np_cue"].match(after)) and _plausible_speaker(m.group("speaker"), True, language):
            quote.cue, quote.speaker = _part(text, m, "cue", close), _part(text, m, "speaker", close)
        elif (m := pats["after_cue_np"].match(after)) and (np := _speaker_after_cue(text, close + m.end(), right, language)):
            quote.cue, quote.speaker = _part(text, m, "cue", close), np
        words = len(content.text.split())
        if quote.speaker is None:
            clause_start, cues, subject = _reporting_clause(text, left, start, quotes, pats)
            clause = text[clause_start:start - 1]
            if cues and subject is not None:
                cue = cues[-1]
                quote.cue, quote.speaker = Part(clause_start + cue.start(), clause_start + cue.end(), cue.group(0)), subject
                between = clause[cue.end():].strip()
                quote.kind = "direct" if len(between.split()) <= 4 and between.endswith((":", ",")) else "mixed"
            elif (intro := _colon_subject(text, left, before)) is not None:
                quote.speaker = intro  # 'Its organiser, farmer Beth Colley, had a message for ministers: "..."'
            elif quotes and not before.strip() and _continues(text, quotes[-1], start):
                previous = quotes[-1]
                quote.cue, quote.speaker = previous.cue, previous.speaker
                quote.actor, quote.resolved_from = previous.actor, previous.resolved_from
            elif words <= SCARE_QUOTE_WORDS:
                continue  # a scare quote: a labelled phrase, not somebody's words
        elif words <= SCARE_QUOTE_WORDS or before.strip() and not before.rstrip().endswith((":", ",")):
            quote.kind = "mixed" if before.strip() and not before.rstrip().endswith(":") else quote.kind
        if quote.speaker is not None and quote.actor is None:
            _resolve(text, quote, mentions, language)
        quotes.append(quote)
    quotes.extend(_indirect(text, language, pats, mentions, quotes))
    quotes.sort(key=lambda q: q.content.start)
    return quotes


def _strip_content(text: str, start: int, end: int) -> Part | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return Part(start, end, text[start:end])


def _continues(text: str, previous: Quote, start: int) -> bool:
    """True when a quote follows an attributed one with only its reporting clause in between."""
    if previous.speaker is None:
        return False
    gap = text[previous.content.end:start]
    return len(gap) < 120 and "\n\n" not in gap.strip() or (gap.strip() == "" and gap.count("\n") >= 1)


def _colon_intro(text: str, left: int, pats: dict[str, re.Pattern[str]]) -> tuple[Part, Part] | None:
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
    return _part(text, m, "speaker", offset), _part(text, m, "cue", offset)


def _speaker_after_cue(text: str, start: int, limit: int, language: str) -> Part | None:
    """The noun phrase after a cue that follows a quote; a pronoun with more words is a clause, not a speaker."""
    np = noun_phrase_after(text, start, limit)
    if np is None:
        return None
    words = np.text.split()
    return None if len(words) > 1 and words[0].lower() in lexicon.PRONOUNS.get(language, {}) else np


def _reporting_clause(text: str, left: int, start: int, quotes: list[Quote], pats: dict[str, re.Pattern[str]]
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
            subject = _speaker_before(text, clause_start, clause_start + cues[-1].start(), cues[-1].group(0))
        if subject is not None:
            return clause_start, cues, subject
    return left, [], None


def _colon_subject(text: str, left: int, before: str) -> Part | None:
    """The named subject (or pronoun) of a clause that ends with a colon right before the quote."""
    stripped = before.rstrip()
    if not stripped.endswith(":"):
        return None
    subject = main_subject(text, left, left + len(stripped) - 1)
    if subject is None or not (names_someone(subject.text) or subject.text.lower() in ("he", "she", "they")):
        return None
    return subject


def _resolve(text: str, quote: Quote, mentions: list[Mention], language: str) -> None:
    """Tie the speaker to an actor; resolve a pronoun or role to the nearest fitting actor before it."""
    speaker = quote.speaker
    assert speaker is not None
    appositive = re.match(rf",\s*(?P<name>{_TITLE}*{_NAME})(?:,|\s*[.;!?]|\s*$)", text[speaker.end:speaker.end + 80])
    if appositive and not names_someone(speaker.text):  # 'the spokesman, Ivan Petrov,' / 'Son avocate, Me Lenoir,'
        start = speaker.end + appositive.start("name")
        speaker = quote.speaker = Part(start, start + len(appositive.group("name")), appositive.group("name"))
    inside = [m for m in mentions if m.start < speaker.end and m.end > speaker.start]
    if inside:
        quote.actor = inside[0].actor
        return
    word = speaker.text.lower()
    pronoun_kind = lexicon.PRONOUNS.get(language, {}).get(word)
    if pronoun_kind is not None:
        kinds = (PERSON,) if pronoun_kind == PERSON else (GROUP, ORG, STATE, PERSON)
        found = nearest_actor(mentions, speaker.start, kinds)
    elif re.match(r"(?:the|a|an|his|her|its|their|one|another)\s", word):
        institutional = re.search(rf"\b(?:{lexicon.INSTITUTION_NOUNS})\b", word)
        kinds = (ORG, STATE, GROUP) if institutional else (PERSON,)
        role = re.sub(r"^(?:the|a|an|his|her|its|their|one|another)\s+", "", word).split()[-1]
        found = nearest_actor(mentions, speaker.start, kinds, role=role)
        if found is not None and role not in found.designation.lower() and not institutional:
            found = None  # 'the spokesman' is nobody named yet
    else:
        quote.actor = re.sub(rf"^{_TITLE}+", "", speaker.text).strip() or speaker.text
        return
    if found is not None:
        quote.actor, quote.resolved_from = found.actor, speaker.text


_ROLE_END = re.compile(rf"(?i)\b(?:{lexicon.ROLE_NOUNS})$")
_FUNCTION_WORD = re.compile(r"(?i)(?:and|but|or|who|which|that|while|as|then)")
_QUOTED_AS = re.compile(r"(?i)\b(?:was|were|is|are|has\s+been|had\s+been)?\s*quoted\b[^.!?]*$")


def _plausible_speaker(words: str, named: bool = False, language: str = "en") -> bool:
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


def _speaker_before(text: str, start: int, cue_start: int, cue: str) -> Part | None:
    """The speaker of a cue: the clause subject, never a bare conjunction or a prepositional phrase.

    'X went further, accusing ...' and 'X was quoted by Y as saying' take the subject of the main clause.
    """
    window = text[start:cue_start]
    if cue.lower().startswith("as saying") and (quoted := _QUOTED_AS.search(window)):
        return subject_before(text, start, start + quoted.start())
    if cue.lower().endswith("ing") and window.rstrip().endswith(","):
        subject = main_subject(text, start, cue_start)
        if subject is not None:
            return subject
    subject = subject_before(text, start, cue_start)
    if subject is not None and (_FUNCTION_WORD.fullmatch(subject.text) or PREPOSITIONAL.match(subject.text)):
        return main_subject(text, start, cue_start)
    return subject


def _clause_quote(text: str, chunk: str, offset: int, pats: dict[str, re.Pattern[str]]) -> Quote | None:
    """'The utility said it had warned the governor': a cue with a subject before and a clause after."""
    for found in pats["cue_only"].finditer(chunk):
        m = pats["clause_cue"].match(chunk, found.start())
        if m is None or not (m.group("that") or pats["zero_that"].fullmatch(m.group("cue"))):
            continue
        if found.end() > m.start("content"):
            continue  # the 'content' is the cue's own object: 'told a packed meeting'
        subject = _speaker_before(text, offset, offset + m.start("cue"), m.group("cue"))
        if subject is None or len(subject.text.split()) > 10 or len(m.group("content").split()) < 3:
            continue
        if subject.text[0].islower() and not re.match(r"(?i)(?:the|a|an|his|her|its|their|he|she|they|it|we|i|"
                                                      r"officials|sources|police|il|elle|ils|er|sie|он|она|они)\b",
                                                      subject.text) and not re.search(rf"{_NAME}$", subject.text):
            continue
        if not m.group("that") and PREPOSITIONAL.match(m.group("content")):
            continue  # 'arguing about what should replace it': no reported clause
        content = part(text, offset + m.start("content"), offset + m.end("content"))
        if content is None:
            continue
        return Quote(content=content, kind="indirect", cue=_part(text, m, "cue", offset), speaker=subject)
    return None


def _overlaps(piece: Part, spans: list[tuple[int, int]]) -> bool:
    return any(s < piece.end and e > piece.start for s, e in spans)


def _indirect(text: str, language: str, pats: dict[str, re.Pattern[str]], mentions: list[Mention],
              direct: list[Quote]) -> list[Quote]:
    """Reported speech without quotation marks: 'X said that ...', 'according to X, ...', '..., X said.'"""
    found: list[Quote] = []
    covered = [(q.content.start - 1, q.content.end + 1) for q in direct]
    attributions = [(p.start, p.end) for q in direct for p in (q.speaker, q.cue) if p is not None]
    previous: Part | None = None
    for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+|$|(?=\n))", text):  # a headline has no full stop
        start, end = sentence.span()
        quoted = [(s, e) for s, e in covered if s < end and e > start]
        chunk = sentence.group(0)
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        offset = start + lead
        before, previous = previous, part(text, offset, offset + len(chunk))
        if before is not None and "\n" not in text[before.end:offset] and (m := pats["refers_back"].match(chunk)):
            found.append(Quote(content=before, kind="indirect", cue=_part(text, m, "cue", offset),
                               speaker=_part(text, m, "speaker", offset)))
            _resolve(text, found[-1], mentions, language)
            continue
        if quoted:  # only a reporting clause after the last quote can still carry reported speech
            quote = _clause_quote(text, chunk, offset, pats)
            if quote is not None and not _overlaps(quote.content, quoted + attributions):
                _resolve(text, quote, mentions, language)  # (its content is never a quote's speaker: 'sagte X')
                found.append(quote)
            continue
        for name in ("passive_report", "according_first", "according_first_np", "indirect", "according_last", "said_last", "said_last_np",
                     "said_last_inverted", "relative_gap"):
            m = pats[name].search(chunk) if name in ("indirect", "relative_gap") else pats[name].match(chunk)
            if not m or len(m.group("content").split()) < (2 if name == "relative_gap" else 3):
                continue
            if name in ("said_last_np", "said_last_inverted") and not _plausible_speaker(m.group("speaker"), named=True,
                                                                                      language=language):
                continue
            if name == "said_last_inverted" and language == "en":
                continue  # English puts '..., said X' through the other patterns
            quote = Quote(content=_part(text, m, "content", offset), kind="indirect",
                          cue=_part(text, m, "cue", offset), speaker=_part(text, m, "speaker", offset))
            _resolve(text, quote, mentions, language)
            found.append(quote)
            break
        else:
            quote = _clause_quote(text, chunk, offset, pats)
            if quote is not None:
                _resolve(text, quote, mentions, language)
                found.append(quote)
    return found

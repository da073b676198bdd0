"""Clause structure read from punctuation and function words: subjects, noun phrases, trimmed parts.

English has no parser here (no English pipeline package installs offline from the registries), so the
subject of a clause is the stretch between the last clause break (comma, conjunction, relative pronoun)
and the verb, with leading fillers and auxiliaries removed; a relative clause ("X, who said ...") takes
the noun phrase before its comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spinlens.claims.actors import _NAME, _TITLE


@dataclass
class Part:
    """A piece of the text: offsets and the exact text."""

    start: int
    end: int
    text: str


_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()–—]|\b(?:and|but|while|whereas|although|because|after|before|when|as|who|which|"
                           r"that|whose|where|"
                           r"как|когда)\b")  # 'как министр ... объявил': Russian 'as', 'when'
_LEADING_FILLER = re.compile(r"^(?:(?:also|then|promptly|quickly|later|again|repeatedly|openly|publicly|even|"
                             r"immediately|once\s+more|in\s+turn|have|has|had|was|were|is|are|been|being|"
                             r"reportedly|allegedly|already|subsequently|swiftly|angrily|strongly)\s+)+", re.I)
_NP_STOP = re.compile(r"\s+(?:of|for|over|on|with|to|that|in|after|before|by|as|at|from|because|when|amid|"
                      r"and\s+(?:called|demanded|urged|said|that|which|who))\b|[,;:.!?]", re.I)



def part(text: str, start: int, end: int) -> Part | None:
    """`text[start:end]` without surrounding spaces, quotation marks and punctuation (None if < 2 chars)."""
    while start < end and text[start] in " \t\n,;:\"'“”«»":
        start += 1
    stripped_end = end
    while end > start and text[end - 1] in " \t\n,;:.\"'“”«»":
        end -= 1
    for opening, closing in _QUOTE_PAIRS:  # 'dismissed the accusations as “theatre”': keep the closing mark
        if (text.count(opening, start, end) > text.count(closing, start, end)
                and (close := text.find(closing, end, stripped_end)) >= 0):
            end = close + 1
    return Part(start, end, text[start:end]) if end - start >= 2 else None


#: Opening and closing quotation marks, checked for balance at the end of a part.
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))


#: A word of a listed noun phrase: not a relative pronoun, conjunction, preposition or verb in -ing
#: ('..., saying', '..., which', '..., and the minister said', '... of lying').
_LIST_WORD = (r"(?!(?:who|which|that|where|when|whose|while|but|and|or|of|for|over|on|in|to|with|by|as|at|from|"
              r"because|amid|after|before|said|says)\b)(?![\w'’-]+ing\b)[\w'’-]+")
_LIST_ITEM = rf"{_LIST_WORD}(?:\s+{_LIST_WORD}){{0,3}}"
#: The rest of a list after its first item: ', B and C', ', B, C, and D', ending the clause or before a
#: preposition ('accused A, B and C of ...').
_LIST_REST = re.compile(rf",\s+{_LIST_ITEM}(?:,\s+{_LIST_ITEM})*,?\s+and\s+{_LIST_ITEM}"
                        rf"(?=\s*(?:[,;:.!?]|$)|\s+(?:of|for|over|on|with|to|in|after|before|by|as|at|from|because|"
                        rf"when|amid)\b)")


def noun_phrase_after(text: str, start: int, limit: int) -> Part | None:
    """The noun phrase starting at `start`: up to the next preposition, clause break or `limit`; a list of
    short phrases is taken whole ('threatened our water, our energy and our borders')."""
    window = text[start:limit]
    lead = len(window) - len(window.lstrip())
    stop = _NP_STOP.search(window, lead)
    if stop and stop.group(0) == "," and (rest := _LIST_REST.match(window, stop.start())):
        return part(text, start, start + rest.end())
    end = start + (stop.start() if stop else len(window))
    return part(text, start, end)


#: A phrase opening with a preposition ('In a statement released by ...') is no clause subject.
PREPOSITIONAL = re.compile(r"(?i)(?:in|on|at|after|before|with|from|by|for|during|under|through|via|to|about|over|of|"
                           r"against|without|despite|amid|following)\s")
_AUXILIARY = (r"(?:has|have|had|was|were|is|are|will|would|did|does|do|has\s+been|had\s+been|also|then|now|later|"
              r"already|just|still|previously|long)")
_TRAILING_TIME = re.compile(r"(?:\s+(?:on|last|this|next|in|early|late)\s+\w+|\s+(?:today|yesterday|again|now|later|"
                            r"earlier|once|twice|recently|also|then))+\s*$", re.I)


def subject_before(text: str, sentence_start: int, cue_start: int) -> Part | None:
    """The subject of the clause ending at the cue: the words after the last clause break, fillers off.

    A relative clause ("X, who has blamed ...") takes the noun phrase before its comma; a verb joined to
    an earlier one ("X praised A but blamed B", "X condemned A and urged B") takes the sentence's subject.
    """
    window = text[sentence_start:cue_start]
    relative = re.search(rf",\s*(?:who|which|that)\s+(?:{_AUXILIARY}\s+)*(?:\w+ly\s+)?"
                         rf"(?:(?:last|this|next|in|on)\s+\w+\s+)?$", window)
    if relative:
        antecedent = subject_before(text, sentence_start, sentence_start + relative.start())
        return _object_antecedent(text, antecedent) or antecedent
    breaks = [m for m in _CLAUSE_BREAK.finditer(window)]
    begin = breaks[-1].end() if breaks else 0
    chunk = _clean_chunk(window[begin:])
    if not chunk.strip() and breaks and breaks[-1].group(0) == ",":
        aside = subject_around_aside(text, sentence_start, sentence_start + breaks[-1].start())
        if aside is not None:
            return aside
    if not chunk.strip() and breaks:
        if re.fullmatch(r"(?i)and|but|,", breaks[-1].group(0).strip() or ","):
            earlier = main_subject(text, sentence_start, sentence_start + breaks[-1].start())
            if earlier is not None:
                return earlier
        if len(breaks) >= 2:  # "The contractor, Brightway Surfacing, has denied": the apposition
            begin = breaks[-2].end()
            chunk = _clean_chunk(window[begin:breaks[-1].start()])
    trimmed = _LEADING_FILLER.sub("", chunk.lstrip())
    trimmed = _LEADING_TIME.sub("", trimmed)
    start = sentence_start + begin + (len(chunk) - len(trimmed))
    return part(text, start, sentence_start + begin + len(chunk.rstrip()))


#: Finite verbs (and '-ed' forms) that end a subject: a main clause's verb, or a clause resuming after an aside.
FINITE_VERB = (r"\w+ed|has|have|had|was|were|is|are|will|would|went|said|told|made|took|gave|came|saw|spoke|wrote|"
                r"met|led|left|held|kept|became|began|brought|sent|struck|stood|won|lost|fought|ran|rose|fell|got|"
                r"did|says|tells")
#: A verb before the noun phrase a relative clause refers to ('has refused to publish the report, which ...',
#: 'Drevnia accuses Kastovia, which denies ...').
_VERB_BEFORE_OBJECT = re.compile(rf"(?i)\b(?:{FINITE_VERB}|does|to\s+\w+|accuses|blames|denies|rejects|dismisses|"
                                 r"urges|praises|thanks|threatens|condemns|critici[sz]es|attacks)\s")
_TRAILING_NOUN_PHRASE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+(?:[\w’'-]+\s+){0,3}"
                                   r"|\b(?:[A-Z][\w’'-]*\s+){0,3})[\w’'-]+$")


def _object_antecedent(text: str, clause: Part | None) -> Part | None:
    """The noun phrase ending `clause` when a verb comes before it: what a relative clause after an object
    refers to ('Drevhydro has refused to publish the report, which reportedly warned ...' -> 'the report')."""
    verbs = list(_VERB_BEFORE_OBJECT.finditer(clause.text)) if clause is not None else []
    if not verbs:
        return None
    phrase = _TRAILING_NOUN_PHRASE.search(clause.text, verbs[-1].end())
    if phrase and phrase.start() == verbs[-1].end() and not PREPOSITIONAL.match(phrase.group(0) + " "):
        return part(text, clause.start + phrase.start(), clause.end)
    return None


#: A time phrase opening a clause without a comma ('For years it has ...', 'On Monday the minister ...').
_LEADING_TIME = re.compile(r"^(?:for|on|in|at|during|since|over|last|this|earlier|later)\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:years|months|weeks|days|decades|monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday|week|month|year|morning|evening|night|time)\s+(?=\S)", re.I)


def _clean_chunk(chunk: str) -> str:
    """Drop trailing adverbs, auxiliaries and time phrases ("last month", "on Thursday") from a subject."""
    previous = None
    while previous != chunk:
        previous = chunk
        chunk = re.sub(r"\s+(?:\w+ly\s*)+$", " ", chunk)
        chunk = re.sub(rf"\s+{_AUXILIARY}\s*$", " ", chunk)
        chunk = _TRAILING_TIME.sub(" ", chunk)
    return chunk if _LEADING_FILLER.sub("", chunk.strip() + " ").strip() else ""


def main_subject(text: str, sentence_start: int, cue_start: int) -> Part | None:
    """The subject of the sentence's main clause (for participles: 'X reacted by demanding ...')."""
    window = text[sentence_start:cue_start]
    prepositional: Part | None = None  # 'For three weeks the junta has ...': kept if nothing better
    for verb in re.finditer(rf"\s(?:{FINITE_VERB})\b", window):
        comma = window.rfind(",", 0, verb.start())
        chunk = window[comma + 1:verb.start()].strip()
        if re.match(r"(?i)(?:who|which|that)\b", chunk) and comma > 0:  # "X, who have long urged ..."
            return subject_before(text, sentence_start, sentence_start + comma)
        if not chunk and comma > 0 and (aside := subject_around_aside(text, sentence_start, sentence_start + comma)):
            return aside
        if chunk and not re.fullmatch(r"(?i)(?:as|after|before|when|while|if|though|although|since|once)", chunk):
            found = part(text, sentence_start + comma + 1, sentence_start + verb.start())
            if not PREPOSITIONAL.match(chunk):
                return found
            prepositional = prepositional or found
    return prepositional


_COMMA = re.compile(r"(?<!\d),|,(?!\d)")  # a clause comma, not the one in '4,000'
_AGE = re.compile(r"(?i)(?:aged\s+|now\s+)?\d{1,3}")
_RELATIVE_ASIDE = re.compile(r"(?i)(?:who|whose|whom|which|where)\b")
_NAMED_PHRASE = re.compile(rf"(?:[a-z]+\s+){{0,3}}{_TITLE}*{_NAME}")


_DETERMINED_NAME = re.compile(rf"(?:the|a|an)\s+{_NAME}")


def names_someone(phrase: str) -> bool:
    """True for a name with its title or lower-case role words ('farmer Beth Colley', 'Colonel Idris Vane')."""
    return _NAMED_PHRASE.fullmatch(phrase.strip()) is not None


#: A role whose only name is a place after a preposition ('director of the hospital in Varese', 'dyrektor
#: szpitala w Zadrożynie', 'le maire de Lyon'): a full name in apposition after it is the speaker.
PLACE_PREPOSITIONS = r"in|at|of|from|w|we|z|ze|na|di|del|della|dello|a|da|de|du|des|à|en|im|aus|von|в|во|из|на"
PLACE_END = re.compile(rf"(?:^|\s)(?:{PLACE_PREPOSITIONS})\s+{_NAME}$")


def subject_around_aside(text: str, sentence_start: int, comma: int) -> Part | None:
    """The subject of a clause whose verb follows a comma-enclosed aside ending at `comma`.

    'The party, whose workers appear in the video, said' -> the party (the noun phrase before a
    relative aside); 'the junta's information minister, Colonel Idris Vane, went' -> the name (an
    apposition naming the role phrase before it, 'a group, the Sons of the Delta, said'); after a name,
    and for any other aside ('Arno Beck, the mayor of Tiel, said', 'Beck, 58, told', 'the ministry, in a
    statement, said') -> the noun phrase before it.
    """
    window = text[sentence_start:comma]
    commas = [m.start() for m in _COMMA.finditer(window)]
    opening = commas[-1] if commas else -1
    if opening <= 0:
        return None
    aside = window[opening + 1:].strip()
    before = subject_before(text, sentence_start, sentence_start + opening)
    if before is not None and _AGE.fullmatch(before.text):  # 'Ana Pell, 45, a former judge, said'
        return subject_around_aside(text, sentence_start, sentence_start + opening)
    if _RELATIVE_ASIDE.match(aside):
        return before
    if before is not None and names_someone(before.text) and not (
            PLACE_END.search(window[:opening]) and len(aside.split()) > 1 and names_someone(aside)):
        return before  # 'Arno Beck, the mayor of Tiel,' / 'Beck, 58,' (not 'the director in Varese, Ada Bel,')
    if names_someone(aside) or _DETERMINED_NAME.match(aside):
        return part(text, sentence_start + opening + 1, comma)  # 'a group, the Sons of the Delta,'
    return before  # 'the ministry, in a statement,' / 'the spokesman, a former journalist,'


_TERMINATOR = re.compile(r"[.!?]+|\n")
#: A full stop after these ends no sentence: titles ('Dr. Miriam Vogt') and initials ('U.S.', 'John F. Kennedy').
_ABBREVIATION = re.compile(r"(?:^|[^\w.])(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|Maj|Adm|Rev|"
                           r"[A-ZА-ЯЁ])$|(?:^|\W)[A-Z]\.[A-Z]$")


def ends_sentence(text: str, i: int) -> bool:
    """True when `text[i]` ends a sentence: . ! ? or a line break, but not the full stop of 'Dr.' or 'U.S.'."""
    ch = text[i]
    if ch in "!?\n":
        return True
    return ch == "." and not _ABBREVIATION.search(text[max(0, i - 8):i])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing punctuation included; a line without one ends at the break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        if not ends_sentence(text, match.start()):
            continue
        end = match.start() if match.group() == "\n" else match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans

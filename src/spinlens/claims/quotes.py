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

from spinlens.claims import lexicon
from spinlens.claims.actors import TITLED_NAME, Mention
from spinlens.claims.clauses import Part, ends_sentence, part
from spinlens.claims.reported import indirect_quotes
from spinlens.claims.reporting import match_part, reporting_patterns, speaker_part
from spinlens.claims.speakers import (
    Quote,
    colon_intro,
    colon_subject,
    plausible_speaker,
    reporting_clause,
    resolve_speaker,
    speaker_after_cue,
)

__all__ = ["SCARE_QUOTE_WORDS", "Quote", "find_quotes", "quoted_regions"]

#: Quoted phrases of at most this many words, with no cue in their sentence, are scare quotes.
SCARE_QUOTE_WORDS = 3
_LETTER = re.compile(r"\w")


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


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence-ish stretch around [start, end): back to . ! ? or paragraph start, on to the same."""
    left = start
    while left > 0 and not ends_sentence(text, left - 1):
        left -= 1
    right = end
    while right < len(text) and not ends_sentence(text, right):
        right += 1
    return left, min(len(text), right + 1)


def find_quotes(text: str, language: str, mentions: list[Mention]) -> list[Quote]:
    """Direct, mixed and indirect quotes of `text`, with speakers resolved against `mentions`."""
    pats = reporting_patterns(language if language in lexicon.SPEECH_CUES else "en")
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
            quote.cue = match_part(text, m, "cue", close)
            pronoun = re.search(r"(?i)(?<=-)(?:il|elle|ils|elles)\b|\b(?:er|sie|он|она|они)$", quote.cue.text)
            if pronoun:
                at, until = quote.cue.start + pronoun.start(), quote.cue.start + pronoun.end()
                quote.speaker = Part(at, until, text[at:until])
                if text[at - 1].isspace():  # 'sagte er', 'подчеркнул он': the cue is the verb ('a-t-il' is one word)
                    quote.cue = part(text, quote.cue.start, at) or quote.cue
        elif (m := pats["after_cue_first"].match(after) or pats["after_speaker_first"].match(after)
              or pats["after_according"].match(after)):
            quote.cue, quote.speaker = match_part(text, m, "cue", close), speaker_part(text, m, close)
        elif (m := pats["before_according"].search(before) or pats["before"].search(before)):
            quote.cue, quote.speaker = match_part(text, m, "cue", left), speaker_part(text, m, left)
        elif before.strip() == "" and (intro := colon_intro(text, left, pats)) is not None:
            quote.speaker, quote.cue = intro
        elif (m := pats["after_np_cue"].match(after)) and plausible_speaker(m.group("speaker"), True, language):
            quote.cue, quote.speaker = match_part(text, m, "cue", close), speaker_part(text, m, close)
        elif (m := pats["after_cue_np"].match(after)) and (np := speaker_after_cue(text, close + m.end(), right, language)):
            quote.cue, quote.speaker = match_part(text, m, "cue", close), np
        words = len(content.text.split())
        if quote.speaker is None:
            clause_start, cues, subject = reporting_clause(text, left, start, quotes, pats)
            if subject is not None and quotes and quotes[-1].content.start <= subject.start < quotes[-1].content.end:
                subject = quotes[-1].speaker  # '« A », a affirmé X, en évoquant « B »': B is X's too, not A's words
            clause = text[clause_start:start - 1]
            if cues and subject is not None:
                cue = cues[-1]
                quote.cue, quote.speaker = Part(clause_start + cue.start(), clause_start + cue.end(), cue.group(0)), subject
                between = clause[cue.end():].strip()
                quote.kind = "direct" if len(between.split()) <= 4 and between.endswith((":", ",")) else "mixed"
            elif (intro := colon_subject(text, left, before, language)) is not None:
                quote.speaker = intro  # 'Its organiser, farmer Beth Colley, had a message for ministers: "..."'
            elif (intro := colon_intro(text, left, pats)) is not None:  # a paragraph the one before introduces
                quote.speaker, quote.cue = intro  # 'Putin did provide a hint:' / 'interference would lead to "..."'
                quote.kind = "mixed"
            elif quotes and not before.strip() and _continues(text, quotes[-1], start, pats["any_cue"]):
                previous = quotes[-1]  # the cue stays with its own paragraph
                quote.cue = previous.cue if "\n\n" not in text[previous.content.end:start] else None
                quote.speaker = previous.speaker
                quote.actor, quote.resolved_from = previous.actor, previous.resolved_from
            elif words <= SCARE_QUOTE_WORDS:
                continue  # a scare quote: a labelled phrase, not somebody's words
        elif words <= SCARE_QUOTE_WORDS or before.strip() and not before.rstrip().endswith((":", ",")):
            quote.kind = "mixed" if before.strip() and not before.rstrip().endswith(":") else quote.kind
        if quote.speaker is not None and quote.actor is None:
            resolve_speaker(text, quote, mentions, language)
        quotes.append(quote)
    quotes.extend(indirect_quotes(text, language, pats, mentions, quotes))
    quotes.sort(key=lambda q: q.content.start)
    if language in _DROPPED_SUBJECT:
        _dropped_subjects(text, quotes, mentions, language)
    return quotes


#: Languages whose reporting verbs often drop their subject ('«...», ha detto.', '„...” — przekonywał.',
#: 'Jak dodał, ...'), and the words a speaker pattern can wrongly take for the subject there.
_DROPPED_SUBJECT = {"it": re.compile(r"(?i)come|e|ma|poi|quindi"), "pl": re.compile(r"(?i)jak|i|a|ale|potem")}
#: A full name (two or more capitalised words, titles allowed) that can be a dropped subject's antecedent.


def _dropped_subjects(text: str, quotes: list[Quote], mentions: list[Mention], language: str) -> None:
    """A cue without a subject takes the nearest full name before it in its paragraph or the one before
    ('L'amministratore delegato, Stefano Orlandi, ha respinto le accuse. «...», ha detto.')."""
    for quote in quotes:
        if quote.cue is None or (quote.speaker is not None and not _DROPPED_SUBJECT[language].fullmatch(
                quote.speaker.text.strip())):
            continue
        begin = max(0, quote.cue.start - 600)
        paragraphs = text.rfind("\n\n", begin, quote.cue.start)
        if paragraphs != -1:
            earlier = text.rfind("\n\n", begin, paragraphs)
            begin = earlier + 2 if earlier != -1 else begin
        names = [m for m in TITLED_NAME.finditer(text, begin, quote.cue.start) if len(m.group(0).split()) > 1
                 and not (quote.content.start <= m.start() < quote.content.end)]
        if not names:
            quote.speaker = None
            continue
        name = names[-1]
        quote.speaker, quote.actor = Part(name.start(), name.end(), name.group(0)), None
        resolve_speaker(text, quote, mentions, language)


def _strip_content(text: str, start: int, end: int) -> Part | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return Part(start, end, text[start:end])


def _continues(text: str, previous: Quote, start: int, any_cue: re.Pattern[str]) -> bool:
    """True when a quote follows an attributed one with only its reporting clause in between.

    That includes a quote opening the next paragraph when nothing in that paragraph attributes it: a
    speaker quoted at length over several paragraphs is attributed once.
    """
    if previous.speaker is None:
        return False
    gap = text[previous.content.end:start]
    if len(gap) >= 120 or gap.count("\n\n") > 1:
        return False
    paragraph_end = text.find("\n\n", start)
    rest = text[start:paragraph_end if paragraph_end != -1 else len(text)]
    return "\n\n" not in gap or not (any_cue.search(rest) or re.search(r"[»”\"]\s*,?\s*[—–-]", rest))



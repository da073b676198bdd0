"""Reported speech without quotation marks: 'X said (that) ...', 'according to X, ...', '..., X said.'"""

from __future__ import annotations

import dataclasses
import re

from spinlens.claims.actors import _NAME, Mention
from spinlens.claims.clauses import FINITE_VERB, PREPOSITIONAL, Part, part, sentence_spans
from spinlens.claims.reporting import match_part, speaker_part
from spinlens.claims.speakers import (
    Quote,
    plausible_speaker,
    resolve_speaker,
    speaker_before,
)


#: A phrase left open before a would-be content: 'wrote in a | letter to the committee'.
_OPEN_PHRASE = re.compile(r"(?i)\b(?:a|an|the|in|on|at|to|of|for|with|by)\s*$")
#: A 'subject' that cannot be a speaker: a condition ('If Moscow maintains ...') or a phrase left open by a
#: preposition ('... a sponsor of terrorism for | insisting on arming ...').
_NOT_A_SPEAKER = re.compile(r"(?i)^(?:if|unless|whether)\b|\b(?:for|of|to|by|with|on|in|at|from|about)$")
#: Cues whose reported content is a prepositional phrase: 'warned of corroded gates', 'complained about ...'.
_WARNED_OF = re.compile(r"(?i)(?:warn|caution|complain)\w*\s+(?:of|about|against)\b")


#: What is left before a verb coordinated with an earlier one: '... sprach von einer Provokation und'.
_COORDINATED = re.compile(r"(?i)\s(?:and|und|et|e|i|oraz|и)$")


def clause_quote(text: str, chunk: str, offset: int, pats: dict[str, re.Pattern[str]],
                 avoid: list[tuple[int, int]] = ()) -> Quote | None:
    """'The utility said it had warned the governor': a cue with a subject before and a clause after (the first
    whose cue and content overlap none of the `avoid` spans). A cue coordinated with an earlier one shares its
    subject: 'Lidia Sorokova sprach von einer „Provokation“ und behauptete, Drevnia habe ...'."""
    earlier: Part | None = None  # the subject of the chunk's last cue
    for found in pats["cue_only"].finditer(chunk):
        m = pats["clause_that"].match(chunk, found.start()) or pats["clause_cue"].match(chunk, found.start())
        if m is None or not (m.group("that") or pats["zero_that"].fullmatch(m.group("cue"))):
            continue
        if found.end() > m.start("content") or _OPEN_PHRASE.search(chunk, 0, m.start("content")):
            continue  # the 'content' is the cue's own object ('told a packed meeting') or ends its phrase ('in a letter')
        subject = speaker_before(text, offset, offset + m.start("cue"), m.group("cue"))
        if subject is not None and earlier is not None and _COORDINATED.search(subject.text):
            subject = earlier
        earlier = subject or earlier
        if _overlaps(Part(offset + m.start("cue"), offset + m.end("cue"), m.group("cue")), avoid):
            continue  # a quote's own attribution ('", Lowe said outside the court.'), or a cue inside a quote
        if subject is None or len(subject.text.split()) > 10 or len(m.group("content").split()) < 3:
            continue
        if _NOT_A_SPEAKER.search(subject.text):
            continue
        if subject.text[0].islower() and not re.match(r"(?i)(?:the|a|an|his|her|its|their|he|she|they|it|we|i|"
                                                      r"officials|sources|police|il|elle|ils|er|sie|он|она|они)\b",
                                                      subject.text) and not re.search(rf"{_NAME}$", subject.text):
            continue
        if not m.group("that") and PREPOSITIONAL.match(m.group("content")) \
                and not _WARNED_OF.match(f"{m.group('cue')} {m.group('content')}"):
            continue  # 'arguing about what should replace it': no reported clause
        content = part(text, offset + m.start("content"), offset + m.end("content"))
        if content is None or _overlaps(content, avoid):
            continue
        return Quote(content=content, kind="indirect", cue=match_part(text, m, "cue", offset), speaker=subject)
    return None


def _overlaps(piece: Part, spans: list[tuple[int, int]]) -> bool:
    return any(s < piece.end and e > piece.start for s, e in spans)


#: A time phrase opening a speaker stretch after the cue ('ieri sera il gestore', 'w czwartek rzeczniczka').
_LEADING_WHEN = re.compile(r"(?i)^(?:(?:w|we)\s+(?:poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę)|"
                           r"ieri(?:\s+(?:sera|mattina|pomeriggio))?|oggi|stamattina|wczoraj|dziś|dzisiaj|"
                           r"вчера|сегодня)\s+")


#: Languages whose reporting verbs often drop their subject (`quotes._dropped_subjects` finds it).
DROPPED_SUBJECT_LANGUAGES = ("it", "pl")


#: The main clause resuming after a relative aside: '..., resigned on Monday'.
_MAIN_CLAUSE_RESUMES = re.compile(rf",\s+(?:{FINITE_VERB})\b")


def _aside_closed(text: str, quote: Quote, language: str) -> Quote:
    """A quote reported inside a relative aside ('The minister, who has long warned that the dam was unsafe,
    resigned') ends where the aside does, not with the sentence."""
    if language != "en" or quote.speaker is None or quote.cue is None \
            or not re.match(r"\s*,\s*(?:who|which)\b", text[quote.speaker.end:quote.cue.start]):
        return quote
    resumes = list(_MAIN_CLAUSE_RESUMES.finditer(quote.content.text))  # the last: 'corroded, rusted and failed, retired'
    content = part(text, quote.content.start, quote.content.start + resumes[-1].start()) if resumes else None
    return dataclasses.replace(quote, content=content) if content is not None else quote


#: A reduced relative whose agent is not the speaker: 'Experts contacted by The Border Ledger said ...'.
_PARTICIPLES = (r"contacted|interviewed|quoted|cited|consulted|polled|surveyed|questioned|commissioned|hired|"
                r"employed|appointed|briefed|reached")
_BY_AGENT = re.compile(rf"(?P<np>(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)\s+(?:{_PARTICIPLES})\s+by\s+$", re.I)
_WITH_BY_AGENT = re.compile(rf"(?P<np>(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)\s+(?:{_PARTICIPLES})\s+by\s+\S", re.I)


def _agent_of_participle(text: str, quote: Quote, start: int) -> Quote:
    """The speaker is the noun phrase a participle's by-agent follows, not the agent ('Analysts polled by
    Reuters said ...' -> 'Analysts')."""
    if quote.speaker is None:
        return quote
    inside = _WITH_BY_AGENT.match(text, quote.speaker.start, quote.speaker.end)  # the speaker holds the phrase
    if inside is not None:
        m = inside
    else:
        m = _BY_AGENT.search(text, max(start, quote.speaker.start - 80), quote.speaker.start)
        if m is None or m.start() < start or m.end() != quote.speaker.start \
                or not re.search(r"(?:^|,)\s*$", text[start:m.start()]):  # the phrase opens the clause
            return quote
    np = part(text, m.start("np"), m.end("np"))
    return dataclasses.replace(quote, speaker=np) if np is not None else quote


def _untimed(text: str, speaker: Part) -> Part:
    """The speaker stretch without a leading time phrase."""
    when = _LEADING_WHEN.match(speaker.text)
    return part(text, speaker.start + when.end(), speaker.end) or speaker if when else speaker


#: A wire story's dateline: a place in capitals, perhaps a region and a date, perhaps the agency, then a dash.
_DATELINE = re.compile(r"(?:[A-ZÀ-ÞА-Я][A-ZÀ-ÞА-Я'.-]+\s){0,2}[A-ZÀ-ÞА-Я][A-ZÀ-ÞА-Я'.-]{2,}"
                       r"(?:,\s*[^,()\n–—-]{1,40}){0,2}"
                       r"\s*(?:\([^()\n]{1,30}\))?\s*(?:-{1,2}|–|—)\s+(?=[A-ZÀ-ÞА-Я\"“«„])")


def indirect_quotes(text: str, language: str, pats: dict[str, re.Pattern[str]], mentions: list[Mention],
              direct: list[Quote]) -> list[Quote]:
    """Reported speech without quotation marks: 'X said that ...', 'according to X, ...', '..., X said.'"""
    found: list[Quote] = []
    covered = [(q.content.start - 1, q.content.end + 1) for q in direct]
    attributions = [(p.start, p.end) for q in direct for p in (q.speaker, q.cue) if p is not None]
    previous: Part | None = None
    for start, end in sentence_spans(text):  # a headline has no full stop
        quoted = [(s, e) for s, e in covered if s < end and e > start]
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        offset = start + lead
        if dateline := _DATELINE.match(chunk):  # 'VARNHOLT, Drevnia, March 14 (CPA) - ...': not reported content
            chunk, offset = chunk[dateline.end():], offset + dateline.end()
        before, previous = previous, part(text, offset, offset + len(chunk))
        if before is not None and "\n" not in text[before.end:offset] and (m := pats["refers_back"].match(chunk)):
            cue = match_part(text, m, "cue" if m.group("cue") else "cue_first", offset)
            found.append(Quote(content=before, kind="indirect", cue=cue, speaker=_untimed(text, speaker_part(text, m, offset))))
            resolve_speaker(text, found[-1], mentions, language)
            continue
        if quoted:  # only a reporting clause after the last quote can still carry reported speech
            quote = clause_quote(text, chunk, offset, pats, quoted + attributions)
            if quote is not None:
                resolve_speaker(text, quote, mentions, language)  # (its content is never a quote's speaker: 'sagte X')
                found.append(quote)
            continue
        pieces = _joined_reports(chunk, offset, language, pats)
        read = [(_sentence_quote(text, piece, at, language, pats), at) for piece, at in pieces]
        if len(pieces) > 1 and read[0][0] is None:  # the first piece reports nothing alone: the split was wrong
            read = [(_sentence_quote(text, chunk, offset, language, pats), offset)]
        for quote, at in read:
            if quote is not None and language == "en":
                quote = _agent_of_participle(text, quote, at)
            if quote is not None:
                if quote.speaker is not None:
                    resolve_speaker(text, quote, mentions, language)
                found.append(quote)
    return [_aside_closed(text, quote, language) for quote in found]


#: A clause joined to a report that may be a second report: '..., and the minister agreed', '..., but X denied'.
_JOINED_CLAUSE = re.compile(r"(?i),\s+(?:and|but|while|whereas)\s+(?=\S)")
_AGREED = re.compile(r"(?i)\b(?:agreed|agrees|disagreed|disagrees|objected|objects)\b")


def _joined_reports(chunk: str, offset: int, language: str, pats: dict[str, re.Pattern[str]]
                    ) -> list[tuple[str, int]]:
    """The sentence as (piece, offset) pieces, split before each clause that reports again with its own
    subject ('X said the dam was sound, but the engineers denied it'), so the first report's content ends
    there and the second is read on its own (English)."""
    if language != "en" or not pats["cue_only"].search(chunk):
        return [(chunk, offset)]
    for joined in _JOINED_CLAUSE.finditer(chunk):
        head, rest = chunk[:joined.start()], chunk[joined.end():]
        verb = pats["any_cue"].search(rest) or _AGREED.search(rest)
        if verb is None or not pats["cue_only"].search(head) or len(head.split()) < 5:
            continue
        subject = rest[:verb.start()].strip()
        subject = re.sub(r"\s+\w+ly$", "", subject)  # 'the minister quickly denied'
        if not subject or "," in subject or len(subject.split()) > 6 \
                or not plausible_speaker(subject, language=language):
            continue
        return [(head, offset), *_joined_reports(rest, offset + joined.end(), language, pats)]
    return [(chunk, offset)]


def _sentence_quote(text: str, chunk: str, offset: int, language: str, pats: dict[str, re.Pattern[str]]
                    ) -> Quote | None:
    """The reported speech of one sentence (or one of its `_joined_reports`), its speaker not yet resolved."""
    for name in ("passive_report", "according_first", "according_first_np", "indirect", "according_last", "said_last",
                 "said_last_np", "said_last_inverted", "relative_gap", "perfect"):
        if name == "indirect" and not pats["complementiser"].search(chunk):
            continue
        m = pats[name].search(chunk) if name in ("indirect", "relative_gap") else pats[name].match(chunk)
        if not m or len(m.group("content").split()) < (2 if name == "relative_gap" else 3):
            continue
        if name in ("said_last_np", "said_last_inverted") and not plausible_speaker(m.group("speaker"), named=True,
                                                                                  language=language):
            continue
        if name == "said_last_inverted" and language == "en":
            continue  # English puts '..., said X' through the other patterns
        return Quote(content=match_part(text, m, "content", offset), kind="indirect",
                     cue=match_part(text, m, "cue", offset), speaker=speaker_part(text, m, offset))
    if (m := pats["said_last_unsourced"].match(chunk)) and len(m.group("content").split()) >= 3:
        return Quote(content=match_part(text, m, "content", offset), kind="indirect",
                     cue=match_part(text, m, "cue", offset))  # no source: an unsourced claim
    if language in DROPPED_SUBJECT_LANGUAGES and (m := pats["indirect_dropped"].match(chunk)) \
            and len(m.group("content").split()) >= 3:  # its speaker: `quotes._dropped_subjects`
        return Quote(content=match_part(text, m, "content", offset), kind="indirect",
                     cue=match_part(text, m, "cue", offset))
    return clause_quote(text, chunk, offset, pats)

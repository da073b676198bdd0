"""Relations between actors (English): accuse, blame, deny, demand, threaten, praise, claim responsibility.

Each relation has an agent, a target, its content ("of having carried out a false flag attack", "for the
attacks"), the cue and the sentence. Active clauses ("X blamed Y for Z"), passives ("Z was rejected by
Y", "Y was accused of Z"), "which"-clauses that refer back to the previous clause ("..., which was
promptly rejected by Y": Y denies what the previous clause's agent said) and participles ("X reacted by
demanding Z") are read from the clause structure around the cue; negated cues ("did not accuse") are not
relations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spinlens.claims import lexicon
from spinlens.claims.quotes import Part

_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:and|but|while|whereas|although|because|after|before|when|as|who|which|"
                           r"that|whose|where)\b")
_LEADING_FILLER = re.compile(r"^(?:(?:also|then|promptly|quickly|later|again|repeatedly|openly|publicly|even|"
                             r"immediately|once\s+more|in\s+turn|have|has|had|was|were|is|are|been|being|"
                             r"reportedly|allegedly|already|subsequently|swiftly|angrily|strongly)\s+)+", re.I)
_NP_STOP = re.compile(r"\s+(?:of|for|over|on|with|to|that|in|after|before|by|as|at|from|because|when|amid|"
                      r"and\s+(?:called|demanded|urged|said))\b|[,;:.!?]", re.I)


_ACTOR_LIKE = re.compile(r"(?:[A-ZА-ЯЁ]|(?:the|its|their|his|her|all|both|other|western|local)\s|(?:them|him|us|everyone)\b)")


@dataclass
class Relation:
    """Who does what to whom: type, agent, target, content, cue, and the sentence it is in."""

    type: str
    cue: Part
    sentence: Part
    agent: Part | None = None
    target: Part | None = None
    content: Part | None = None
    agent_actor: str | None = None
    target_actor: str | None = None
    passive: bool = False


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    groups = [f"(?P<{name}>{verbs})" for name, verbs in lexicon.RELATION_VERBS.items()]
    passive = r"(?P<passive>(?:was|were|is|are|been|being|be|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?)?"
    return re.compile(rf"\b{passive}(?:{'|'.join(groups)})\b", re.I)


def _part(text: str, start: int, end: int) -> Part | None:
    while start < end and text[start] in " \t\n,;:\"'“”«»":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.\"'“”«»":
        end -= 1
    return Part(start, end, text[start:end]) if end - start >= 2 else None


def _noun_phrase_after(text: str, start: int, limit: int) -> Part | None:
    """The noun phrase starting at `start`: up to the next preposition, clause break or `limit`."""
    window = text[start:limit]
    lead = len(window) - len(window.lstrip())
    stop = _NP_STOP.search(window, lead)
    end = start + (stop.start() if stop else len(window))
    return _part(text, start, end)


def _subject_before(text: str, sentence_start: int, cue_start: int) -> Part | None:
    """The subject of the clause ending at the cue: the words after the last clause break, fillers off."""
    window = text[sentence_start:cue_start]
    relative = re.search(r",\s*(?:who|which|that)\s+(?:\w+ly\s+)?$", window)
    if relative:  # "The minister, who blamed ...": the subject is the noun phrase before the comma
        return _subject_before(text, sentence_start, sentence_start + relative.start())
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    begin = breaks[-1] if breaks else 0
    chunk = window[begin:]
    if not chunk.strip() and len(breaks) >= 2:  # "X, who blamed ..." : the subject is before the break
        begin = breaks[-2]
        chunk = window[begin:breaks[-1]]
    chunk = re.sub(r"\s+(?:\w+ly\s+)+$", " ", chunk)
    chunk = re.sub(r"\s+(?:has|have|had|was|were|is|are|will|would|did|does|do|has\s+been|also|then)\s*$", " ", chunk)
    trimmed = _LEADING_FILLER.sub("", chunk.lstrip())
    start = sentence_start + begin + (len(chunk) - len(chunk.lstrip())) + (len(chunk.lstrip()) - len(trimmed))
    return _part(text, start, sentence_start + begin + len(chunk.rstrip()))


def _main_subject(text: str, sentence_start: int, cue_start: int) -> Part | None:
    """The subject of the sentence's main clause (for participles: 'X reacted by demanding ...')."""
    window = text[sentence_start:cue_start]
    for verb in re.finditer(r"\s(?:\w+ed|has|have|had|was|were|is|are|will|would)\b", window):
        comma = window.rfind(",", 0, verb.start())
        chunk = window[comma + 1:verb.start()].strip()
        if chunk and not re.fullmatch(r"(?i)(?:as|after|before|when|while|if|though|although|since|once)", chunk):
            return _part(text, sentence_start + comma + 1, sentence_start + verb.start())
    return None


def find_relations(text: str) -> list[Relation]:
    """Every relation in the English `text`, in text order."""
    relations: list[Relation] = []
    pattern = _cue_pattern()
    for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+[\"”’»]?|$)", text):
        s_start, s_end = sentence.span()
        previous: Relation | None = None
        for match in pattern.finditer(text, s_start, s_end):
            rel_type = next(name for name in lexicon.RELATION_VERBS if match.group(name))
            cue_start, cue_end = match.span()
            before = text[max(s_start, cue_start - 40):cue_start]
            if re.search(rf"\b{lexicon.NEGATORS}\s+(?:\w+\s+)?$", before, re.I):
                continue
            if rel_type == "praise" and re.match(r"\s+(?:by|up|down|off|away)\b", text[cue_end:cue_end + 6]):
                if not match.group("passive"):
                    continue
            cue = Part(cue_start, cue_end, text[cue_start:cue_end])
            lead = len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip())
            trail = len(text[s_start:s_end]) - len(text[s_start:s_end].rstrip())
            relation = Relation(rel_type, cue, Part(s_start + lead, s_end - trail, text[s_start + lead:s_end - trail]))
            if match.group("passive") and not rel_type_cue_is_progressive(match):
                _fill_passive(text, relation, s_start, s_end, previous)
            else:
                _fill_active(text, relation, s_start, s_end)
            if relation.agent is None and relation.target is None and relation.content is None:
                continue
            relations.append(relation)
            previous = relation
    return relations


def rel_type_cue_is_progressive(match: re.Match[str]) -> bool:
    """'are urging' is active; only a participle after the auxiliary makes a passive."""
    return match.group(0).lower().endswith("ing")


def _content_after(text: str, rel: Relation, start: int, s_end: int) -> Part | None:
    prepositions = lexicon.RELATION_CONTENT[rel.type]
    if not prepositions:
        return _part(text, start, s_end)
    m = re.match(rf"\s*(?:{prepositions})\b", text[start:s_end], re.I)
    if not m:
        return None
    return _part(text, start, s_end if rel.type != "demand" else min(s_end, _clause_end(text, start, s_end)))


def _clause_end(text: str, start: int, s_end: int) -> int:
    m = re.search(r"[;:,]|\s[–—-]\s|\s+(?:but|while|which|whereas)\b", text[start:s_end])
    return start + m.start() if m else s_end


def _sentence_clause_end(text: str, start: int, s_end: int) -> int:
    m = re.search(r"[;:]|\s[–—]\s|,\s+(?:but|while|which|whereas)\b", text[start:s_end])
    return start + m.start() if m else s_end


def _fill_active(text: str, rel: Relation, s_start: int, s_end: int) -> None:
    cue_start, cue_end = rel.cue.start, rel.cue.end
    if rel.cue.text.lower().endswith("ing") and re.search(r"\bby\s*$", text[s_start:cue_start]):
        rel.agent = _main_subject(text, s_start, cue_start)
    elif re.search(r",\s*$", text[s_start:cue_start]) and rel.cue.text.lower().endswith("ing"):
        rel.agent = _main_subject(text, s_start, cue_start) or _subject_before(text, s_start, cue_start)
    else:
        rel.agent = _subject_before(text, s_start, cue_start)
    if rel.type == "claim_responsibility":
        rel.content = _content_after(text, rel, cue_end, s_end)
        return
    if rel.type == "deny":
        rel.content = _part(text, cue_end, _clause_end(text, cue_end, s_end))
        return
    if rel.type == "blame":  # "blamed Z on Y" puts the target after 'on'
        on = re.match(r"(?P<content>\s+[^,;.]+?)\s+on\s+(?P<target>[^,;.]+)", text[cue_end:s_end])
        if on:
            rel.content = _part(text, cue_end + on.start("content"), cue_end + on.end("content"))
            rel.target = _part(text, cue_end + on.start("target"), cue_end + on.end("target"))
            return
    if re.match(rf"\s*(?:{lexicon.RELATION_CONTENT[rel.type] or '(?!x)x'})\b", text[cue_end:s_end], re.I):
        rel.content = _content_after(text, rel, cue_end, _clause_end(text, cue_end, s_end))
        return  # "threatened to cut supplies": no target named
    if rel.type == "demand":
        end = _sentence_clause_end(text, cue_end, s_end)
        to = re.match(r"\s+[^;.]+?\s(?=to\s)", text[cue_end:end])
        if to and not _ACTOR_LIKE.match(text[cue_end:end].lstrip()):
            to = None
        if not to:
            rel.content = _part(text, cue_end, end)
            return  # "demanding quick actions": what is demanded, of nobody named
        rel.target = _noun_phrase_after(text, cue_end, cue_end + to.end())
        rel.content = _part(text, cue_end + to.end(), end)
        return
    rel.target = _noun_phrase_after(text, cue_end, s_end)
    after_target = rel.target.end if rel.target else cue_end
    rel.content = _content_after(text, rel, after_target, _clause_end(text, after_target, s_end))


def _fill_passive(text: str, rel: Relation, s_start: int, s_end: int, previous: Relation | None) -> None:
    cue_start, cue_end = rel.cue.start, rel.cue.end
    rel.passive = True
    by = re.search(r"\bby\s+(?P<agent>[^,;.]+?)(?=\s+(?:for|of|over|as|after|because)\b|[,;.]|$)", text[cue_end:s_end])
    if by:
        rel.agent = _part(text, cue_end + by.start("agent"), cue_end + by.end("agent"))
    head = text[s_start:cue_start]
    which = re.search(r",\s*(?:which|something\s+that|a\s+claim\s+that|an\s+accusation\s+that)\s+$", head)
    if which:  # "..., which was rejected by Y": the previous clause is the content
        clause_start = s_start
        rel.content = _part(text, clause_start, s_start + which.start())
        if previous is not None and rel.type == "deny":
            rel.target = previous.agent
        return
    subject = _subject_before(text, s_start, cue_start)
    if rel.type == "blame" and re.match(r"\s+on\b", text[cue_end:cue_end + 4]):
        rel.content = subject  # "the blackout was blamed on the rebels"
        rel.target = _noun_phrase_after(text, cue_end + len(re.match(r"\s+on", text[cue_end:]).group(0)), s_end)
    elif rel.type == "deny":
        rel.content = subject
    else:
        rel.target = subject
        end = cue_end + by.start() if by and by.start() > 0 else _clause_end(text, cue_end, s_end)
        rel.content = _content_after(text, rel, cue_end, end)
        if rel.content is None and by:
            rel.content = _content_after(text, rel, cue_end + by.end(), _clause_end(text, cue_end + by.end(), s_end))

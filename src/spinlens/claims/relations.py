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
from spinlens.claims.actors import _NAME
from spinlens.claims.clauses import Part, main_subject, noun_phrase_after, part, subject_before

#: A run of blanks this long ends what is read of a sentence (the clause patterns backtrack over blanks).
LONG_BLANK = re.compile(r"\s{20,}")

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


#: A determiner or possessive (and at most one adjective) right before the cue: the cue is a noun.
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|of|for|on|in|from|without|amid|despite)(?:\s+[\w-]+)?\s+$", re.I)
#: A day right before the cue is when, not the noun phrase it would otherwise be ('Drevnia on Monday gave ...').
_DAY_BEFORE = re.compile(r"\b(?:on|last|this)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+$", re.I)
#: Relations that say nothing without whom or what they are about.
_TRANSITIVE = ("accuse", "blame", "praise")
#: What follows a cue in the plural of a noun ('supports', 'thanks', 'threats') rather than a verb's object.
_PLURAL_NOUN_AFTER = re.compile(r"\s+(?:on|in|at|of|from|to|were|are|was|is|have|had|will|would)\b", re.I)
_NOUN_BEFORE = re.compile(r"\b(?:a|an|the|this|that|these|those|its|their|his|her|our|my|your|any|no|such|every)"
                          r"(?:\s+[\w-]+(?:able|ible|ful|ous))?\s+$", re.I)


def find_relations(text: str) -> list[Relation]:
    """Every relation in the English `text`, in text order."""
    relations: list[Relation] = []
    pattern = _cue_pattern()
    for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+[\"”’»]?|(?=\n)|$)", text):
        s_start, s_end = sentence.span()
        blank = LONG_BLANK.search(text, s_start, s_end)
        if blank:  # the blanked tail of an over-long sentence (or a hostile run of spaces): read up to it
            s_end = blank.start()
        previous: Relation | None = None
        for match in pattern.finditer(text, s_start, s_end):
            rel_type = next(name for name in lexicon.RELATION_VERBS if match.group(name))
            cue_start, cue_end = match.span()
            before = text[max(s_start, cue_start - 40):cue_start]
            if re.search(rf"\b{lexicon.NEGATORS}\s+(?:\w+\s+)?$", before, re.I):
                continue
            if not match.group("passive") and (_NOUN_BEFORE.search(before) or text[cue_start - 1:cue_start] == "-"
                                               or (_PREPOSITION_BEFORE.search(before) and not _DAY_BEFORE.search(before)
                                                   and not match.group(0).lower().endswith(("ing", "ed")))):
                continue  # 'a demolition charge', 'life-threatening', 'secured with temporary supports': nouns
            if (not match.group("passive") and rel_type != "blame" and match.group(0).endswith("s")
                    and _PLURAL_NOUN_AFTER.match(text, cue_end)):
                continue  # 'the temporary supports on the gate were holding', 'thanks to the crews': nouns
                # ('Drevnia blames on Kastovia' is a verb)
            if match.group("passive") and match.group(0).lower().endswith("welcome"):
                continue  # 'was welcome': an adjective
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
                _reduced_relative(text, relation)
            if relation.target is None and relation.content is None and (
                    relation.agent is None or rel_type in _TRANSITIVE):
                continue  # '... looking for someone else to blame': whom or what for is not said
            relations.append(relation)
            previous = relation
    return relations


def _reduced_relative(text: str, rel: Relation) -> None:
    """'... and expelled two diplomats accused of helping to plan the sabotage': the participle describes the
    object of another verb, so that object is the target and the agent is not named; so is a subject right
    before a participle with no object ('Kastovian saboteurs blamed for night attack', a headline)."""
    if rel.agent is None or not rel.cue.text.lower().endswith("ed") or rel.target is not None:
        return
    verb = _VERB_BEFORE_OBJECT.match(rel.agent.text)
    if verb is not None:
        rel.target = part(text, rel.agent.start + verb.end(), rel.agent.end)
        rel.agent, rel.passive = None, True
    elif rel.type in _TRANSITIVE and re.match(r"\s+(?:of|for|over)\b", text[rel.cue.end:rel.cue.end + 6]):
        rel.target, rel.agent, rel.passive = rel.agent, None, True  # 'Kastovian saboteurs blamed for night attack'


#: A stretch taken for the agent that opens with a past-tense verb: its object, then a participle cue.
_VERB_BEFORE_OBJECT = re.compile(r"(?:[\w’'-]+\s+){0,3}?(?:[a-z]+ed|held|sent|met|kept|left|told|found)\s+(?=\S)")


def rel_type_cue_is_progressive(match: re.Match[str]) -> bool:
    """'are urging' is active; only a participle after the auxiliary makes a passive."""
    return match.group(0).lower().endswith("ing")


def _content_after(text: str, rel: Relation, start: int, s_end: int) -> Part | None:
    prepositions = lexicon.RELATION_CONTENT[rel.type]
    if not prepositions:
        return part(text, start, s_end)
    m = re.match(rf"\s*(?:{prepositions})\b", text[start:s_end], re.I)
    if not m:
        return None
    return part(text, start, s_end if rel.type != "demand" else min(s_end, _clause_end(text, start, s_end)))


def _clause_end(text: str, start: int, s_end: int) -> int:
    m = re.search(r"[;:,]|\s[–—-]\s|\s+(?:but|while|which|whereas)\b", text[start:s_end])
    return start + m.start() if m else s_end


def _sentence_clause_end(text: str, start: int, s_end: int) -> int:
    m = re.search(r"[;:]|\s[–—]\s|,\s+(?:but|while|which|whereas)\b|,\s+and\s+(?=(?:we|I|he|she|they|it)\s)",
                  text[start:s_end])
    return start + m.start() if m else s_end


#: 'with' opening an absolute phrase whose noun is the agent of the -ing cue after it.
_WITH = re.compile(r"(?i)with\s+")
#: An agent that is the pronoun of a reporting verb ('X said he welcomed ...'): the reporting clause's subject.
_SAID_PRONOUN = re.compile(r"(?i)(?:^|(?<=\s))(?:said|says|told\s+\w+|added|stated|claimed|insisted)\s+(?:that\s+)?"
                           r"(?:he|she|they)$")
#: A vow that someone will pay: its target and content ('vowed that those behind it would "pay a heavy price"').
_VOWED_THAT = re.compile(r"\s+that\s+(?P<target>[^.;,]+?)\s+(?P<content>would\s[^.;]+?)[\"”]?(?=[.;]|$)")
#: Demand verbs whose object is always who is called on ('urged residents to ...', 'pressed officials to').
_CALLS_ON = re.compile(r"(?i)urg|press|call(?:ed|s|ing)?\s+(?:on|upon)")
_FEW_WORDS = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+\s")
_THAT_NAME = re.compile(rf"\s+that\s+(?P<name>{_NAME})\s+[a-z]")
#: "blamed X for Z on Tuesday": 'for' names the content, so 'on' is not "blamed Z on X"; nor is "on" + a date.
_FOR = re.compile(r"(?i)\sfor\s")
_WHEN = re.compile(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                   r"[a-z]*\.?\s+\d|\d|(?:the\s+)?(?:eve|morning|afternoon|evening|night|weekend)\b")


def _fill_active(text: str, rel: Relation, s_start: int, s_end: int) -> None:
    cue_start, cue_end = rel.cue.start, rel.cue.end
    if rel.cue.text.lower().endswith("ing") and re.search(r"\bby\s*$", text[s_start:cue_start]):
        rel.agent = main_subject(text, s_start, cue_start)
    elif re.search(r",\s*$", text[s_start:cue_start]) and rel.cue.text.lower().endswith("ing"):
        rel.agent = main_subject(text, s_start, cue_start) or subject_before(text, s_start, cue_start)
    else:
        rel.agent = subject_before(text, s_start, cue_start)
    if rel.agent is not None and rel.cue.text.split()[0].lower().endswith("ing") and (
            by := re.search(r"\bby\s+(?=\S)", rel.agent.text)):  # '..., interrupted only by ministers promising revenge'
        rel.agent = part(text, rel.agent.start + by.end(), rel.agent.end)
    if rel.agent is not None and (said := _SAID_PRONOUN.search(rel.agent.text)):
        rel.agent = subject_before(text, s_start, rel.agent.start + said.start()) or rel.agent  # 'X said he ...': X
    if rel.agent is not None and rel.cue.text.lower().endswith("ing") and (m := _WITH.match(rel.agent.text)):
        rel.agent = part(text, rel.agent.start + m.end(), rel.agent.end)  # ', with MPs demanding ...': the MPs
    if rel.type == "claim_responsibility":
        rel.content = _content_after(text, rel, cue_end, s_end)
        return
    if rel.type == "deny":  # ('repeated its denial and offered ...': no content)
        rel.content = None if re.match(r"\s*(?:and|but)\b", text[cue_end:s_end]) else part(
            text, cue_end, _clause_end(text, cue_end, s_end))
        return
    if rel.type == "threaten" and (vow := _VOWED_THAT.match(text, cue_end, s_end)):
        rel.target = part(text, vow.start("target"), vow.end("target"))  # 'vowed that those behind it would pay'
        rel.content = part(text, vow.start("content"), vow.end("content"))
        return
    if rel.type == "blame" and (on := re.match(r"\s+on\s+", text[cue_end:s_end])):
        rel.target = noun_phrase_after(text, cue_end + on.end(), s_end)  # 'an explosion that X blames on Y'
        return
    if rel.type == "blame":  # "blamed Z on Y" puts the target after 'on'
        on = re.match(r"(?P<content>\s+[^,;.]+?)\s+on\s+(?P<target>[^,;.]+)", text[cue_end:s_end])
        if on and not _FOR.search(on.group("content")) and not _WHEN.match(on.group("target")):
            rel.content = part(text, cue_end + on.start("content"), cue_end + on.end("content"))
            rel.target = part(text, cue_end + on.start("target"), cue_end + on.end("target"))
            return
    if re.match(rf"\s*(?:{lexicon.RELATION_CONTENT[rel.type] or '(?!x)x'})\b", text[cue_end:s_end], re.I):
        rel.content = _content_after(text, rel, cue_end, _clause_end(text, cue_end, s_end))
        named = _THAT_NAME.match(text, cue_end, s_end) if rel.type == "demand" else None
        if named:  # "demanded that Nwosu release the minutes": Nwosu is called on
            rel.target = part(text, named.start("name"), named.end("name"))
        return  # "threatened to cut supplies": no target named
    if rel.type == "demand":
        end = _sentence_clause_end(text, cue_end, s_end)
        to = re.match(r"\s+[^;.]+?\s(?=to\s)", text[cue_end:end])
        if to and not _ACTOR_LIKE.match(text[cue_end:end].lstrip()) and not (
                _CALLS_ON.match(rel.cue.text) and _FEW_WORDS.fullmatch(to.group(0))):
            to = None  # 'urged residents to stay calm' names whom it urges; 'demanding quick actions to' does not
        if not to:
            rel.content = part(text, cue_end, end)
            return  # "demanding quick actions": what is demanded, of nobody named
        rel.target = noun_phrase_after(text, cue_end, cue_end + to.end())
        rel.content = part(text, cue_end + to.end(), end)
        return
    rel.target = noun_phrase_after(text, cue_end, s_end)
    after_target = rel.target.end if rel.target else cue_end
    rel.content = _content_after(text, rel, after_target, _clause_end(text, after_target, s_end))


def _fill_passive(text: str, rel: Relation, s_start: int, s_end: int, previous: Relation | None) -> None:
    cue_start, cue_end = rel.cue.start, rel.cue.end
    rel.passive = True
    by = re.search(r"\bby\s+(?P<agent>[^,;.]+?)(?=\s+(?:for|of|over|as|after|because)\b|[,;.]|$)", text[cue_end:s_end])
    if by:
        rel.agent = part(text, cue_end + by.start("agent"), cue_end + by.end("agent"))
    head = text[s_start:cue_start]
    which = re.search(r",\s*(?:which|something\s+that|a\s+claim\s+that|an\s+accusation\s+that)\s+$", head)
    if which:  # "..., which was rejected by Y": the previous clause is the content
        clause_start = s_start
        rel.content = part(text, clause_start, s_start + which.start())
        if previous is not None and rel.type == "deny":
            rel.target = previous.agent
        return
    subject = subject_before(text, s_start, cue_start)
    if rel.type == "blame" and re.match(r"\s+on\b", text[cue_end:cue_end + 4]):
        rel.content = subject  # "the blackout was blamed on the rebels"
        rel.target = noun_phrase_after(text, cue_end + len(re.match(r"\s+on", text[cue_end:]).group(0)), s_end)
    elif rel.type == "deny":
        rel.content = subject
    else:
        rel.target = subject
        end = cue_end + by.start() if by and by.start() > 0 else _clause_end(text, cue_end, s_end)
        rel.content = _content_after(text, rel, cue_end, end)
        if rel.content is None and by:
            rel.content = _content_after(text, rel, cue_end + by.end(), _clause_end(text, cue_end + by.end(), s_end))

"""Who a relation's agent or target, or a quote's speaker, stands for when the words do not name an actor:
pronouns, 'I' and 'we' inside a quote, an unnamed institution in a sentence that opens with its place, and
organisations named by their people's roles ('Gazprom spokesman X')."""

from __future__ import annotations

import re

from spinlens.claims import lexicon
from spinlens.claims.actors import (_NAME, _NOT_NAMES, EMPLOYEE_ROLE, GROUP, ORG, PERSON, STATE, Mention,
                                     nearest_actor)
from spinlens.claims.clauses import Part
from spinlens.claims.quotes import Quote


def actor_at(mentions: list[Mention], part: Part | None) -> str | None:
    """The actor mentioned inside `part`: a person whose name ends it ('Drevhydro chief engineer Jonas Keller':
    the name is the phrase's head), else the first one (None without one)."""
    if part is None:
        return None
    inside = [m for m in mentions if m.start < part.end and m.end > part.start]
    if len(inside) > 1 and inside[-1].kind == PERSON and inside[-1].end >= part.end:
        return inside[-1].actor
    return inside[0].actor if inside else None


def part_actor(mentions: list[Mention], part: Part | None, language: str) -> str | None:
    """The actor named in an agent or target part; a third-person pronoun ('For years it has threatened
    ...') stands for the nearest fitting actor before it."""
    named = actor_at(mentions, part)
    if named is not None or part is None or part.text.strip().lower() in _FIRST_PERSON.get(language, set()):
        return named
    kind = lexicon.PRONOUNS.get(language, {}).get(part.text.strip().lower())
    if kind is None:
        return None
    found = nearest_actor(mentions, part.start, (PERSON,) if kind == PERSON else (STATE, ORG, GROUP) if kind == ORG
                          else (GROUP, ORG, STATE, PERSON))
    return found.actor if found is not None else None


#: A sentence opening with a place ('In Moscow, ', 'À Kastel, ', 'В Москве '): where its unnamed institution is.
_LEADING_PLACE = re.compile(r"(?:In|At|From|À|Au|A|In|Aus|W|We|В|Во|Из|Da|Dalla|Dal)\s+[^,.;:]{1,40}?,?\s+$")
#: Institutions without a name ('the foreign ministry', 'le ministère des affaires étrangères', 'МИД').
_INSTITUTION_PART = re.compile(r"(?i)\b(?:ministry|government|embassy|authorities|ministère|gouvernement|ambassade|"
                               r"autorités|ministerium|regierung|botschaft|behörden|ministero|governo|ambasciata|"
                               r"autorità|ministerstwo|rząd|ambasada|władze|министерство|мид|правительство|посольство|"
                               r"власти)")


def placed_institution(text: str, mentions: list[Mention], sentence: Part, agent: Part | None) -> str | None:
    """The state of an unnamed institution in a sentence that opens with its place ('À Kastel, le ministère
    des affaires étrangères a rejeté ...', 'In Moscow, the foreign ministry denied ...')."""
    if agent is None or not _INSTITUTION_PART.search(agent.text) or agent.start <= sentence.start:
        return None
    if not _LEADING_PLACE.fullmatch(text[sentence.start:agent.start]):
        return None
    states = [m for m in mentions if m.kind == STATE and sentence.start <= m.start and m.end <= agent.start]
    return states[-1].actor if states else None


#: An organisation named before a role and a person ('Gazprom spokesman Sergei Kupriyanov', 'Drevhydro chief
#: engineer Jonas Keller') or after a common noun for one ('the state utility Drevhydro', 'the operator, Drevhydro').
_EMPLOYER = re.compile(rf"(?<![\w-])(?P<org>{_NAME})\s+{EMPLOYEE_ROLE}\s+(?=[A-Z]\w+\s+[A-Z])")
_ORG_NOUN_BEFORE = re.compile(r"(?i)\b(?:utility|company|firm|operator|group|agency|broadcaster|newspaper|"
                              r"conglomerate|manufacturer|producer|supplier|carrier|airline|bank|insurer),?\s+$")


_ROLE_ADJECTIVES = frozenset("former acting interim then new top senior deputy chief vice company party union "
                             "government ministry state police army court".split())


def employers(text: str, mentions: list[Mention]) -> None:
    """Type one-word actors named as organisations (see `_EMPLOYER`) as such, in every mention of the article,
    and add the employers no other rule found."""
    orgs = set()
    for name in {m.actor for m in mentions if " " not in m.actor and m.kind in (PERSON, GROUP)}:
        # anywhere in the article, a mention or not: 'according to the operator, Drevhydro, ...'
        if any(_ORG_NOUN_BEFORE.search(text[max(0, found.start() - 30):found.start()])
               for found in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)):
            orgs.add(name)
    for found in _EMPLOYER.finditer(text):
        name = found.group("org")
        if name.lower() in _NOT_NAMES or name.lower() in _ROLE_ADJECTIVES or " " in name \
                or re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text):
            continue  # 'Former president X', a word also written in lower case: no name
        taken = [m for m in mentions if m.start < found.end("org") and m.end > found.start("org")]
        if not taken:
            mentions.append(Mention(found.start("org"), found.end("org"), name, ORG, name))
        elif taken[0].kind in (PERSON, GROUP) and taken[0].actor == name:
            orgs.add(name)
    for m in mentions:
        if m.actor in orgs:
            m.kind = ORG
    mentions.sort(key=lambda m: m.start)


#: First-person subjects: inside a quote, the quote's speaker ('"We call for an inquiry," said Sorokova').
_FIRST_PERSON = {"en": {"i", "we"}, "fr": {"je", "nous", "j'", "j’"}, "de": {"ich", "wir"}, "it": {"io", "noi"},
                 "pl": {"ja", "my"}, "ru": {"я", "мы"}}


def first_person_agents(relations: list, quotes: list[Quote], language: str) -> dict[int, str]:
    """Relations whose agent is 'I' or 'we' inside a quote: the agent becomes the quote's speaker (part and
    actor, as the gold conventions read them); {id(relation): actor}."""
    actors = {}
    for r in relations:
        if r.agent is None or r.agent.text.strip().lower() not in _FIRST_PERSON.get(language, set()):
            continue
        quote = next((q for q in quotes if q.kind == "direct" and q.speaker is not None
                      and q.content.start <= r.agent.start < q.content.end), None)
        if quote is not None:
            r.agent = quote.speaker
            if quote.actor:
                actors[id(r)] = quote.actor
    return actors

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
from spinlens.claims.actors import GROUP, PERSON, AliasTable, _merge_people, find_mentions
from spinlens.claims.attribution import actor_at, employers, first_person_agents, part_actor, placed_institution
from spinlens.claims.clauses import Part
from spinlens.claims.names import ensure_actor
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
            ensure_actor(text, q.speaker, mentions, single=PERSON, language=language)
        for part in [p for r in relations for p in (r.agent, r.target)]:
            ensure_actor(text, part, mentions, language=language)
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

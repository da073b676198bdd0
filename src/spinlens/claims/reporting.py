"""Reporting-clause patterns per language: where speaker, cue and content sit around a quote or in a sentence.

Names keep their capitals; every other part of a pattern ignores case. The cue, speaker and "according to"
vocabularies come from `lexicon`; the patterns only say how they combine ("..., said X", "X said: ...",
"according to X, ...", "..., X said on Friday.").
"""

from __future__ import annotations

import re
from functools import cache

from spinlens.claims import lexicon
from spinlens.claims.actors import _NAME, _TITLE, _UPPER, TITLED_NAME
from spinlens.claims.clauses import PLACE_END, PLACE_PREPOSITIONS, Part

_DETERMINER = r"(?i:the|a|an|his|her|its|their|one|another)"
#: A time or channel phrase after a trailing attribution ("..., the ministry said on Friday.").
_WHEN = (r"(?i:(?:late\s+|early\s+)?on\s+\w+(?:\s+(?:morning|afternoon|evening|night))?|last\s+\w+|this\s+\w+|"
         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
         r"yesterday|today|in\s+a\s+statement|in\s+an\s+interview)")
#: Who was told, between a cue and its reported clause ('told reporters that', 'заявила журналистам, что').
_AUDIENCE = (r"reporters|journalists|журналистам|aux\s+journalistes|(?:den\s+)?Journalisten|ai\s+giornalisti|"
             r"dziennikarzom")
#: Words opening a time, place or audience phrase between a cue and its reported clause, per language
#: ('a déclaré lundi à la presse que', 'ha detto ai giornalisti che', 'sagte am Montag, die Lage sei ernst'),
#: and single words that are such a phrase alone ('hier', 'вчера'). English keeps its own lists in the patterns.
_GAP_OPENERS = {
    "fr": r"à|au|aux|en|dans|lors|devant|sur|pendant|après|avant|ce|cette|par",
    "de": r"am|im|in|bei|gegenüber|vor|nach|auf|während|zum|zur|laut|in\s+einem|in\s+einer",
    "it": r"a|ai|al|alla|alle|agli|in|nel|nella|durante|davanti|dopo|prima|su|sul|sulla|con|questa|questo|nel\s+corso",
    "pl": r"w|we|na|podczas|przed|po|w\s+trakcie",
    "ru": r"в|во|на|перед|после|во\s+время|по",
}
_GAP_WORDS = {
    "fr": r"hier|aujourd['’]hui|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|également|aussi|encore",
    "de": r"gestern|heute|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|zudem|außerdem|erneut|"
          r"ebenfalls|auch|ausdrücklich|allen\s+Ernstes",
    "it": r"ieri|oggi|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|stamattina|anche|inoltre|poi",
    "pl": r"wczoraj|dziś|dzisiaj|mediom|również|także|też|ponadto",
    "ru": r"вчера|сегодня|СМИ|прессе|репортёрам|репортерам|также|тоже|снова|ещё",
}
_BARE_GROUPS = (r"(?i:officials|sources|residents|witnesses|analysts|experts|diplomats|police|authorities|"
                r"investigators|prosecutors|doctors|observers|critics|protesters|organi[sz]ers)")


@cache
def reporting_patterns(language: str) -> dict[str, re.Pattern[str]]:
    """Reporting-clause patterns; names keep their capitals, every other part ignores case."""
    # a capitalised cue inside a sentence is a name's word ('the United States would fall' has no cue 'States')
    cue = rf"(?:(?![{_UPPER}])|(?<![\w,] ))(?i:{lexicon.SPEECH_CUES.get(language, lexicon.SPEECH_CUES['en'])})"
    pronouns = "|".join(lexicon.PRONOUNS.get(language, {}))
    according = rf"(?i:{lexicon.ACCORDING_TO.get(language, lexicon.ACCORDING_TO['en'])})"
    leading = lexicon.ACCORDING_TO_LEADING.get(language)
    according_first = rf"(?i:{lexicon.ACCORDING_TO.get(language, lexicon.ACCORDING_TO['en'])}|{leading})" if leading \
        else according
    auxiliaries, participles = lexicon.PERFECT_CUES.get(language, (r"(?!x)x", r"(?!x)x"))
    particle = rf"(?:\s+(?:{lexicon.SEPARABLE_PARTICLES[language]}))?" if language in lexicon.SEPARABLE_PARTICLES else ""
    trailing = lexicon.TRAILING_CUES.get(language)
    cue_last = rf"(?:{cue}|(?i:{trailing}))" if trailing else cue
    that = rf"(?i:{lexicon.COMPLEMENTISER.get(language, 'that')})"
    alternatives = [rf"{_TITLE}*{_NAME}"]
    if language == "en":
        alternatives.append(rf"{_DETERMINER}\s+(?:[\w'’-]+\s+){{0,3}}?(?i:{lexicon.ROLE_NOUNS})(?:-\w+)*(?![\w-])"
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
    # other languages' time, place and audience phrases between a cue and its clause (`_GAP_OPENERS`)
    gap_phrase = (rf"\s+(?i:{_GAP_OPENERS[language]})\s+[^,.;:!?\n]{{1,40}}?|\s+(?i:{_GAP_WORDS[language]})"
                  if language in _GAP_OPENERS else None)
    # between a cue and a clause without a complementiser: English time phrases, or the language's own up to
    # the comma that opens the clause ('sagte in einem Interview, die Lage sei ernst')
    cue_gap = (rf"\s+(?i:{_GAP_OPENERS[language]})\s+[^,.;:!?\n]{{1,40}}(?=,)|\s+(?i:{_GAP_WORDS[language]})(?=,)"
               if language in _GAP_OPENERS else
               r"\s+(?i:on|in|at|late|early|last|this|after|for|over|during|since)\s+[\w ]{1,25}?")
    return {
        # after the closing mark: "», a-t-il ajouté" / "“, sagte er" (the pronoun is the speaker)
        "after_inverted": re.compile(rf"^[\s,–—-]*(?P<cue>(?i:{inverted}))"),
        # after the closing mark: ", said X" / ", X said"
        "after_according": re.compile(rf"^[\s,–—-]*(?P<cue>{according})\s+(?P<speaker>{speaker})"),
        "after_cue_first": re.compile(rf"^[\s,–—-]*(?P<cue>{cue})\s+(?P<speaker>{inverted_speaker})"),
        "after_speaker_first": re.compile(
            rf"^[\s,–—-]*(?P<speaker>{speaker})(?:,(?P<aside>[^,\"“”«»]{{1,60}}),)?(?:\s+\w+ly)?\s+(?P<cue>{cue})\b"),
        # before the opening mark: "X said:" / "X told the BBC," / "according to X,"
        "before": re.compile(
            rf"(?P<speaker>{speaker})(?:,(?P<aside>[^,]{{1,60}}),)?(?:\s+\w+ly)?\s+(?P<cue>{cue})(?:\s+[\w'’-]+){{0,4}}?\s*[:,]?\s*$"),
        "before_according": re.compile(rf"(?P<cue>{according_first})\s+(?P<speaker>{speaker})\s*[:,]?\s*$"),
        "according_only": re.compile(according_first),
        # indirect speech in one sentence
        "indirect": re.compile(
            rf"(?P<speaker>{speaker})(?:,(?P<aside>[^,]{{1,80}}),)?(?:\s+\w+ly)?\s+(?P<cue>{cue})(?:\s+(?i:{_AUDIENCE}))?"
            rf",?\s+(?:{that})\s+(?P<content>[^\n]+?)\s*[.!?]?$"),
        # the same with the subject dropped, opening the sentence: 'Ha poi aggiunto che ...', 'Dodał, że ...'
        "indirect_dropped": re.compile(rf"^(?P<cue>{cue}),?\s+(?:{that})\s+(?P<content>[^\n]+?)\s*[.!?]?$"),
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
        # German perfect: 'Die Chefärztin, Dr. Miriam Vogt, hat vor einem Engpass gewarnt.'
        "perfect": re.compile(
            rf"^(?P<speaker>{speaker})(?:,[^,]{{1,60}},)?\s+(?i:{auxiliaries})\s+(?P<content>[^,]+?)\s+"
            rf"(?P<cue>(?i:{participles}))\s*[.!?]?$"),
        # a sentence attributing the one before it: 'Об этом сообщили в управлении.'
        # ('Lo ha comunicato il gestore, Acque del Colle, che ...'; Polish 'Poinformowała o tym rzeczniczka X.')
        "refers_back": re.compile(
            rf"^(?:(?i:{lexicon.REFERS_BACK.get(language, lexicon.REFERS_BACK['en'])})\s*(?P<cue>{cue})|"
            rf"(?P<cue_first>{cue})\s+(?i:{lexicon.REFERS_BACK_AFTER.get(language, '(?!x)x')}))\s+"
            rf"(?:(?i:в|во|auprès\s+de)\s+)?(?P<speaker>[^.!?\n]{{2,80}}?){particle}"
            rf"(?:,\s*(?i:{lexicon.RELATIVE_PRONOUNS.get(language, '(?!x)x')})\s[^.!?\n]*)?\s*[.!?]?$"),
        # a relative clause with its subject gap after the cue: 'three suspects it says were involved'
        "relative_gap": re.compile(
            rf"(?<=\w\s)(?P<speaker>(?i:it|they|he|she|officials|police|investigators|prosecutors)|{_TITLE}*{_NAME})"
            rf"\s+(?P<cue>(?i:says|say|said|claims|claim|claimed|alleges|allege|alleged|believes|believe))\s+"
            rf"(?P<content>(?i:was|were|is|are|had|has|have|would|will|could|may|might)\s+[^,.;:!?\n]+?)"
            rf"(?=\s+and\s+\w+ed\b|\s*[,.;:!?]|\s*$)") if language == "en" else re.compile(r"(?!x)x"),
        "according_last": re.compile(
            rf"^(?P<content>[^\n]{{12,}}?),?\s+(?P<cue>{according})\s+(?P<speaker>[^,.]{{2,80}}?)\s*[.!?]?$"),
        # generic: any noun phrase next to a cue (its subject is read from the clause)
        "after_np_cue": re.compile(rf"^[\s,–—-]*(?P<speaker>[^,.!?;:\n\"“”«»]{{2,70}}?)(?:,[^,\"“”«»\n]{{1,60}},)?"
                                   rf"(?:\s+\w+ly)?\s+(?P<cue>{cue})\b"),
        "after_cue_np": re.compile(rf"^[\s,–—-]*(?P<cue>{cue})\s+(?=\S)"),
        "any_cue": re.compile(rf"(?<![\w-])(?:{cue}|{according_first}|(?i:{lexicon.RELATION_VERBS_ALL})|"
                              rf"(?i:{lexicon.CHARACTERISING_VERBS.get(language, lexicon.CHARACTERISING_VERBS['en'])}|as\s+saying))"
                              rf"(?!\w)"),
        "cue_only": re.compile(rf"\b{cue}\b"),
        "clause_cue": re.compile(rf"\b(?P<cue>{cue})\b(?!\s+(?i:responsibility|credit)\b)(?:\s+(?i:reporters|journalists|the\s+\w+|\w+))??"
                                 rf"(?:{cue_gap})?"
                                 rf"(?:,[^,\n]{{1,40}},|,)?"
                                 rf"(?:(?P<that>\s+(?:{that})(?:(?<=['’])|\b)|(?:\s+[\w'’-]+){{0,3}}:)\s*|\s+)(?P<content>[^\n]+?)\s*[.!?]?$"),
        # an explicit 'that' within a few words of the cue ('said in a televised address that ...')
        "clause_that": re.compile(
            rf"\b(?P<cue>{cue})\b(?P<gap>(?:,[^,\n]{{1,40}},|\s+(?i:reporters|journalists|him|her|them|us|me|"
            rf"(?:on|in|at|during|after|before|via|through|to|late|early|last|this)\s+[^,.;:!?\n]{{1,40}}?)"
            rf"{'|' + gap_phrase if gap_phrase else ''}|"
            rf"\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){{0,3}}){{0,3}}?),?\s+(?P<that>{that})"
            rf"(?:(?<=['’])|\b)\s*(?P<content>[^\n]+?)\s*[.!?]?$"),
        # cues that report speech without a complementiser (English: 'said the talks had failed')
        "complementiser": re.compile(rf"(?<!\w){that}"),  # a cheap test before the costly 'indirect' search
        "zero_that": re.compile(rf"(?i:{lexicon.ZERO_THAT_CUES.get(language, lexicon.ZERO_THAT_CUES['en'])})"),
        "said_last_np": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}),\s+(?P<speaker>[^,\"“”«»]{{2,70}}?)\s+(?P<cue>{cue})\s*[.!?]?$"),
        "said_last_inverted": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}),\s+(?:[–—-]\s+)?(?P<cue>{cue_last})\s+(?P<speaker>[^,.!?\"“”«»]{{2,70}}?){particle}\s*[.!?]?$"),
        "said_last": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}?),\s+(?P<speaker>{speaker})\s+(?P<cue>{cue})(?:\s+{_WHEN}){{0,2}}\s*[.!?]?$"),
        # reported without a source: 'Schuld seien Lieferprobleme, hieß es.', '..., si dice.'
        "said_last_unsourced": re.compile(
            rf"^(?P<content>[^\n\"“”«»„]{{12,}}?),\s+(?P<cue>(?i:{lexicon.SOURCELESS_CUES.get(language, '(?!x)x')}))"
            rf"\s*[.!?]?$"),
    }



def match_part(text: str, match: re.Match[str], group: str, offset: int) -> Part:
    """The text of one named group of a match made at `offset` of the text."""
    start, end = match.span(group)
    return Part(offset + start, offset + end, text[offset + start:offset + end])




def speaker_part(text: str, match: re.Match[str], offset: int) -> Part:
    """The speaker of a reporting match; a full name in apposition after a place is the speaker instead
    ('dyrektor szpitala w Zadrożynie, Krzysztof Bania, alarmuje': Krzysztof Bania, not Zadrożynie), and a
    place followed by its region is a role's place ('Officials in Kyiv, Ukraine, said': Officials in Kyiv)."""
    speaker = match_part(text, match, "speaker", offset)
    aside = match.groupdict().get("aside")
    name = TITLED_NAME.fullmatch(aside.strip()) if aside else None
    if name is None or not PLACE_END.search(text[max(0, speaker.start - 80):speaker.end]):
        return speaker
    if len(name.group(0).split()) < 2:  # 'Officials in Kyiv, Ukraine, said': the officials, in Kyiv
        role = _ROLE_BEFORE_PLACE.search(text[offset:speaker.start])
        return Part(offset + role.start(), speaker.end, text[offset + role.start():speaker.end]) if role else speaker
    start = offset + match.start("aside") + aside.index(name.group(0))
    return Part(start, start + len(name.group(0)), name.group(0))


#: The role before a place that a reporting pattern took for the speaker ('Officials in Kyiv').
_ROLE_BEFORE_PLACE = re.compile(rf"(?:^|(?<=\s))(?:[\w'’-]+\s+){{0,2}}[\w'’-]+\s+(?:{PLACE_PREPOSITIONS})\s+$")

"""The world's states for the actor gazetteer, named from the Unicode CLDR (through Babel) in six languages.

`lexicon.STATES` describes the states the reference stories are about by hand (capitals used as metonyms,
demonyms, inflected forms); every other state and territory is known here by its CLDR name in the article's
language and in English, so that "a supplier in Belgium" or "Venezuela blamed ..." name a state rather than
a group or a person. CLDR gives the nominative only: Polish and Russian case forms of these names and their
capitals and demonyms are not known.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

#: CLDR territory codes that name no state: regions, pseudo-locales, special and uninhabited areas.
_NOT_STATES = frozenset("AC AQ BV CP CQ DG EA EU EZ GS HM IC IO QO TA TF UM UN XA XB ZZ".split())

#: Territories `lexicon.STATES` describes by hand, by CLDR code.
HAND_WRITTEN = {"RU": "Russia", "UA": "Ukraine", "US": "United States", "GB": "United Kingdom", "CN": "China",
                "FR": "France", "DE": "Germany", "PL": "Poland", "IT": "Italy", "BY": "Belarus", "IL": "Israel",
                "IR": "Iran", "TR": "Turkey", "IN": "India", "JP": "Japan", "SY": "Syria", "GE": "Georgia",
                "MD": "Moldova", "HU": "Hungary"}

#: Names in common English use that CLDR's standard names do not give; the first is the actor's name.
_ENGLISH = {"CZ": ["Czech Republic"], "MM": ["Myanmar", "Burma"], "CD": ["Democratic Republic of the Congo",
            "DR Congo"], "CG": ["Republic of the Congo"], "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
            "HK": ["Hong Kong"], "MO": ["Macau", "Macao"], "PS": ["Palestine", "Palestinian Territories"],
            "VA": ["Vatican", "Holy See"], "SZ": ["Eswatini", "Swaziland"], "MK": ["North Macedonia"],
            "CV": ["Cape Verde", "Cabo Verde"], "TL": ["East Timor", "Timor-Leste"],
            "AE": ["United Arab Emirates", "UAE"]}

#: State names that are also common words of the language, capitalised at the start of a sentence (Polish
#: 'Mali' "small ones", 'Dania' "dishes"; Russian 'Того' "of that"): not names of the state here.
_COMMON_WORDS = {"pl": {"Mali", "Dania", "Kuba"}, "ru": {"Того", "Чад"}, "it": {"Malta"}}

#: "&" in CLDR names, as each language writes it in running text.
_AND = {"en": "and", "fr": "et", "de": "und", "it": "e", "pl": "i", "ru": "и"}


def _written(name: str, language: str) -> str | None:
    """A CLDR name as running text writes it: no parenthesis, '&' spelled out; None for a coded form
    ('Congo - Kinshasa', 'Hong Kong SAR China')."""
    name = re.sub(r"\s*\([^)]*\)", "", name).replace("’", "'").strip()
    if " - " in name or "SAR" in name.split():
        return None
    return name.replace("&", _AND.get(language, "and"))


def inflected(name: str, language: str) -> list[str]:
    """A one-word name with the case forms Polish or Russian give it, by its ending: 'Belgia' -> 'Belgii',
    'Belgię', 'Belgią'; 'Венесуэла' -> 'Венесуэлы', 'Венесуэле', 'Венесуэлу', 'Венесуэлой'; 'Sudan' ->
    'Sudanu', 'Sudanie', ... Both spellings are given where the ending depends on the consonant before it;
    a form no article writes costs nothing."""
    if " " in name or "-" in name or len(name) < 4:
        return [name]
    stem, last = name[:-1], name[-1]
    if language == "pl":
        forms = ([stem + "i", stem + "ę", stem + "ą"] if name.endswith("ia") else
                 [stem + "y", stem + "i", stem + "ę", stem + "ą", stem + "e"] if last == "a" else
                 [name + "u", name + "owi", name + "em", name + "ie"] if last.isalpha() and last not in "aeiouyąęó"
                 else [])
    elif language == "ru":
        forms = ([stem + "и", stem + "ю", stem + "ей"] if name.endswith("ия") else
                 [stem + "ы", stem + "и", stem + "е", stem + "у", stem + "ой"] if last == "а" else
                 [name + "а", name + "у", name + "ом", name + "е"] if last.isalpha() and last not in "аеёиоуыэюяь"
                 else [])
    else:
        forms = []
    return [name, *forms]


@lru_cache(maxsize=8)
def world_states(language: str = "en") -> dict[str, tuple[str, ...]]:
    """Every state not in `lexicon.STATES`: its English name -> its names in `language` (English names for
    English)."""
    english = Locale("en").territories
    local = Locale(language).territories if language != "en" else english
    states: dict[str, tuple[str, ...]] = {}
    for code, name in english.items():
        if len(code) != 2 or not code.isalpha() or code in _NOT_STATES or code in HAND_WRITTEN:
            continue
        own = [_written(name, "en")] + (_ENGLISH.get(code, []) if language == "en" else [])
        canonical = (_ENGLISH.get(code) or [None])[0] or own[0]
        if canonical is None:
            continue
        names = own if language == "en" else inflected(_written(local.get(code, ""), language) or "", language)
        names = [n for n in names if n and n not in _COMMON_WORDS.get(language, ())]
        names += [n.replace("'", "’") for n in names if "'" in n]  # both apostrophes ('Côte d’Ivoire')
        states[canonical] = tuple(dict.fromkeys(names))
    return states

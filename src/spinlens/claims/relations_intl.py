"""Relations between actors in French, German, Italian, Polish and Russian: accuse, blame, deny, demand,
threaten, praise, claim responsibility, with agent, target, content and cue, as `spinlens.claims.relations`
does for English.

There is no parser for these languages here either, so the clause is read from punctuation and function
words: the agent is the stretch of the clause before the cue (the antecedent for a relative clause, the
previous relation's agent for a second coordinated verb: "lobte A, wies aber B zurück"), the target the
noun phrase after it up to the preposition that opens the content ("accuse X de ...", "lobte X für ...",
"обвинила X в ..."). Passives take the agent from "par" / "von" / "da" / "przez" or, in Russian, the noun
phrase after the participle. German separable verbs count only with their particle later in the clause
("wies ... zurück"); negated cues ("n'a pas accusé", "hat niemanden beschuldigt", "не обвинил") are not relations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spinlens.claims.clauses import Part, part
from spinlens.claims.relations import LONG_BLANK, Relation


@dataclass(frozen=True)
class Rules:
    """One language's cues and the function words the clause reading needs."""

    cues: dict[str, list[tuple[str, str | None]]]  # type -> (verb pattern, word required later in the clause)
    content: dict[str, str]        # type -> words opening the content after the target
    passive_aux: str               # auxiliary group right before a participle cue
    by: str                        # the passive agent's preposition ('' = the noun phrase after the participle)
    negation_before: str
    negation_after: str
    relative: str                  # ', qui' / ', der' / ', который': the agent is the antecedent
    np_stop: str                   # words that end a noun phrase
    leading: str                   # conjunctions and adverbs that open a clause without being its subject


_FR_VERB = r"(?:(?:a|ont|avait|avaient|aurait|auraient)\s+)?"
FRENCH = Rules(
    cues={
        "accuse": [(_FR_VERB + r"(?:accus|reproch|incrimin)(?:e|ent|ait|aient|é|ée|és|ées|a|èrent)", None)],
        "blame": [(_FR_VERB + r"(?:imput|attribu)(?:e|ent|ait|é|ée|és|ées|a)(?=.*\s(?:à|au|aux)\s)", None),
                  (r"(?:pointe|pointent|pointait|pointé)\s+du\s+doigt", None),
                  (_FR_VERB + r"(?:rend|rendent|rendu|rendait|tient|tiennent|tenu)(?=\s+[^,.;]*responsables?\b)", None),
                  (_FR_VERB + r"blâm(?:e|ent|é|ait)", None)],
        "deny": [(_FR_VERB + r"(?:dément|démentent|démenti|démentait|nie|nient|nié|niait|"
                  r"rejet(?:te|tent|é|ée|és|ées|ait)|"
                  r"réfut(?:e|ent|é|ée)|récus(?:e|ent|é|ée)|contest(?:e|ent|é|ée|ait))", None)],
        "demand": [(_FR_VERB + r"(?:réclam|exig|exhort|somm)(?:e|ent|é|ée|ait|aient|eait)", None),
                   (_FR_VERB + r"(?:appel(?:le|lent|é|ait))\s+à", None)],
        "threaten": [(_FR_VERB + r"(?:menac(?:e|ent|é|ait)|menaç(?:ait|aient|ant))(?=\s+(?:de|d['’]|\w+\s+d))", None)],
        "praise": [(_FR_VERB + r"(?:salu|félicit|lou|remerci)(?:e|ent|é|ée|és|ait|aient)", None)],
        "claim_responsibility": [(_FR_VERB + r"revendiqu(?:e|ent|é|ée|ait)", None)],
    },
    content={"accuse": r"de|d['’]|pour", "blame": r"de|d['’]|pour", "praise": r"pour|de|d['’]",
             "threaten": r"de|d['’]", "demand": r"", "deny": r"", "claim_responsibility": r""},
    passive_aux=r"(?:(?:a|ont|avait|avaient)\s+été|est|sont|était|étaient|fut|furent|été)\s+(?:\w+ment\s+)?",
    by=r"par",
    negation_before=r"\b(?:n['’]|ne\s)\S*\s*(?:\S+\s+)?$",
    negation_after=r"^\s*(?:pas|jamais|personne|plus)\b",
    relative=r",\s*(?:qui)\s+(?:\w+\s+)?$",
    np_stop=r"\s+(?:de(?!\s+(?-i:[A-ZÀ-Ý]))(?![\w-])|"
            r"(?:pour|à|au|aux|sur|dans|avec|par|en|après|avant|car|mais|et|qui|que)(?![\w-])|"
            r"d['’](?!(?-i:[A-ZÀ-Ý]))|qu['’])|[,;:.!?«»]",  # 'la direction de Brelac Industries de bloquer ...' 
    leading=r"(?:(?:et|mais|puis|ensuite|aussi|aussitôt|déjà|eux|elle|elles|lui|de\s+son\s+côté|"
            r"pour\s+sa\s+part)\s*,?\s+)+",
)

GERMAN = Rules(
    cues={
        "accuse": [(r"beschuldig(?:t|te|ten|en)|bezichtig(?:t|te|ten|en)", None),
                   (r"wirft|warf|warfen|werfen", r"vor"), (r"vorgeworfen", None)],
        "blame": [(r"macht|machte|machten|machen", r"verantwortlich"), (r"verantwortlich\s+gemacht", None),
                  (r"gibt|gab|gaben|geben|schiebt|schob|schoben", r"Schuld")],
        "deny": [(r"bestreit(?:et|en)|bestritt(?:en)?|dementier(?:t|te|ten|en)|leugne(?:t|te|ten)|"
                  r"zurückgewiesen|abgelehnt|bestritten|dementiert", None),
                 (r"weist|wies|wiesen|weisen", r"zurück"), (r"lehnt|lehnte|lehnten|lehnen", r"ab")],
        "demand": [(r"forder(?:t|te|ten|n)|verlang(?:t|te|ten|en)|gefordert|verlangt|appellier(?:t|te|ten)", None),
                   (r"ruft|rief|riefen|rufen", r"auf")],
        "threaten": [(r"droh(?:t|te|ten|en)|gedroht", None)],
        "praise": [(r"lob(?:t|te|ten|en)|gelobt|begrüß(?:t|te|ten|en)|würdig(?:t|te|ten)|gewürdigt|"
                    r"dank(?:t|te|ten)|gedankt|unterstütz(?:t|te|ten)", None)],
        "claim_responsibility": [(r"bekennt|bekannte|bekannten", r"sich\s+(?:\w+\s+)*?zu"),
                                 (r"übernahm|übernimmt|übernahmen|übernommen", r"Verantwortung")],
    },
    content={"accuse": r"wegen|des", "blame": r"für|an", "praise": r"für", "threaten": r"mit",
             "demand": r"", "deny": r"", "claim_responsibility": r"zu|für"},
    passive_aux=r"",  # German passives put the participle last: 'wurde von X zurückgewiesen' (see _german_passive)
    by=r"von|vom",
    negation_before=r"\b(?:nicht|niemand(?:en|em)?|kein\w*|nie)\s+(?:\S+\s+)?$",
    negation_after=r"^\s*(?:\S+\s+){0,3}?(?:nicht|niemand(?:en|em)?|kein\w*|nie)\b",
    relative=r",\s*(?:der|die|das|welche|welcher)\s+(?:\S+\s+){0,6}?$",
    np_stop=r"\s+(?:für|an|mit|wegen|zu|vor|von|vom|in|im|auf|aus|nach|bei|gegen|um|dass|und|aber|zurück|ab|auf|"
            r"verantwortlich|umgehend|sofort|scharf|grundsätzlich|entschieden|erneut)\b|[,;:.!?„“»«]",
    leading=r"(?:(?:und|aber|doch|dann|jedoch|auch|zudem|daraufhin)\s+)+",
)

RUSSIAN = Rules(
    cues={
        "accuse": [(r"обвин(?:ил|ила|ило|или|ит|ят|яет|яют|ял|яла|яли|ён|ен|ена|ены)|упрека(?:ет|ют|л|ла|ли)", None)],
        "blame": [(r"(?:возложил|возложила|возложило|возложили|возлагает|возлагают)\s+ответственность", None),
                  (r"вин(?:ит|ят|ил|ила|ило|или)", None)],
        "deny": [(r"отрица(?:ет|ют|л|ла|ло|ли)|опроверг(?:ла|ло|ли|ает|ают|нул)?|отверг(?:ла|ло|ли|ает|ают|нул)?|"
                  r"отклони(?:л|ла|ло|ли)|отвергнут[оаы]?|отклонен[оаы]?|отклонён|"
                  r"не\s+призна(?:ёт|ет|ют|л|ла|ли)", None)],
        "demand": [(r"потребова(?:л|ла|ло|ли)|требу(?:ет|ют)|призва(?:л|ла|ло|ли)|призыва(?:ет|ют|л|ла|ли)|"
                    r"настаива(?:ет|ют|л|ла|ли)", None)],
        "threaten": [(r"пригрози(?:л|ла|ло|ли)|угрожа(?:ет|ют|л|ла|ло|ли)|грози(?:т|л|ла|ли)", None)],
        "praise": [(r"(?:по)?хвали(?:л|ла|ло|ли|т)|поблагодари(?:л|ла|ло|ли)|благодар(?:ит|ят)|"
                    r"приветствова(?:л|ла|ло|ли)|"
                    r"приветству(?:ет|ют)|поддержа(?:л|ла|ло|ли)|высоко\s+оцени(?:л|ла|ло|ли)", None)],
        "claim_responsibility": [(r"(?:взял|взяла|взяло|взяли|берёт|берет|берут)\s+на\s+себя", None)],
    },
    content={"accuse": r"в|во|за", "blame": r"за|в|во", "praise": r"за", "threaten": r"", "demand": r"",
             "deny": r"", "claim_responsibility": r"ответственность|за"},
    passive_aux=r"(?:был|была|было|были)\s+",
    by=r"",
    negation_before=r"\bне\s+$",
    negation_after=r"^$",
    relative=r",\s*(?:который|которая|которое|которые)\s+(?:\S+\s+)?$",
    np_stop=r"\s+(?:(?:в|во|за|на|и|но|а|что|о|об|по|от|к|после|из-за)\b|\w+(?:ть|ться|чь)(?![\w-])|"
            r"\w*(?:йти|идти|нести|вести|везти|спасти|расти|брести)(?![\w-]))|[,;:.!?«»]",  # not 'власти'
    leading=r"(?:(?:и|но|а|однако|также|затем|в\s+ответ)\s+)+",
)

_IT_VERB = r"(?:(?:ha|hanno|aveva|avevano|avrebbe|avrebbero)\s+)?"
ITALIAN = Rules(
    cues={
        "accuse": [(_IT_VERB + r"(?:accus|incolp)(?:a|ano|ato|ata|ati|ate|ava|avano|ò|arono)", None)],
        "blame": [(_IT_VERB + r"(?:attribu)(?:isce|iscono|ito|ita|iti|ite|iva|ì|irono)(?=.*\s(?:(?:a|al|alla|ai|agli|alle)\s|all['’]))",
                   None),
                  (_IT_VERB + r"(?:ritiene|ritengono|ritenuto|riteneva|ritenne)(?=\s+[^,.;]*responsabil[ei]\b)", None),
                  (r"punta(?:no)?\s+il\s+dito|(?:ha|hanno)\s+puntato\s+il\s+dito", None),
                  (r"(?:dà|danno|dava|davano|ha\s+dato|hanno\s+dato)\s+la\s+colpa", None)],
        "deny": [(_IT_VERB + r"(?:smenti(?:sce|scono|to|ta|ti|te|va|rono)|smentì|"
                  r"neg(?:a|ano|ato|ata|ati|ate|ava|avano|ò|arono)|"
                  r"respin(?:ge|gono|to|ta|ti|te|geva|se|sero)|"
                  r"rifiut(?:a|ano|ato|ata|ati|ate|ava|ò|arono)|contest(?:a|ano|ato|ata|ò))", None)],
        "demand": [(_IT_VERB + r"(?:chied(?:e|ono|eva|evano)|chiesto|chiese|chiesero|"
                    r"esig(?:e|ono|eva)|preten(?:de|dono|deva)|preteso|pretese|"
                    r"sollecit(?:a|ano|ato|ò)|esort(?:a|ano|ato|ò|arono)|invit(?:a|ano|ato|ò|arono))", None)],
        "threaten": [(_IT_VERB + r"minacci(?:a|ano|ato|ava|avano|ò|arono)", None)],
        "praise": [(_IT_VERB + r"(?:lod(?:a|ano|ato|ata|ati|ate|ò)|elogi(?:a|ano|ato|ata|ati|ate|ò|arono)|"
                    r"ringrazi(?:a|ano|ato|ata|ati|ate|ò|arono)|"
                    r"plaud(?:e|ono|ito)|applaud(?:e|ono|ito))", None)],
        "claim_responsibility": [(_IT_VERB + r"rivendic(?:a|ano|ato|ata|ò|arono)", None)],
    },
    content={"accuse": r"di|d['’]|per", "blame": r"di|d['’]|per", "praise": r"per", "threaten": r"di|d['’]",
             "demand": r"", "deny": r"", "claim_responsibility": r""},
    passive_aux=r"(?:(?:è|sono|era|erano|fu|furono)\s+stat[oaie]|è|sono|era|erano|fu|furono|viene|vengono|"
                r"veniva|venivano)\s+(?:\w+mente\s+)?",
    by=r"da|dal|dalla|dallo|dai|dagli|dalle|dall['’]",
    negation_before=r"\bnon\s+(?:\S+\s+){0,2}$",
    negation_after=r"^\s*(?:mai|nessuno)\b",
    relative=r",\s*(?:che|il\s+quale|la\s+quale|i\s+quali|le\s+quali)\s+(?:\w+\s+)?$",
    np_stop=r"\s+(?:di(?!\s+(?-i:[A-ZÀ-Ý]))(?![\w-])|"
            r"(?:per|a|al|alla|ai|agli|alle|su|in|con|da|dopo|prima|perché|ma|e|che)(?![\w-])|"
            r"d['’](?!(?-i:[A-ZÀ-Ý])))|[,;:.!?«»]",
    leading=r"(?:(?:e|ma|poi|quindi|anche|già|inoltre|da\s+parte\s+sua)\s*,?\s+)+",
)

POLISH = Rules(
    cues={
        "accuse": [(r"oskarż(?:ył|yła|yło|yli|yły|a|ają|ał|ała|ali|ały)|oskarżon[yaeo]|oskarżeni|"
                    r"zarzuci(?:ł|ła|ło|li|ły)|zarzuca(?:ją|ł|ła|li)?", None)],
        "blame": [(r"obwini(?:ł|ła|ło|li|ły)|obwinia(?:ją|ł|ła|li)?|obwinian[yaeo]|obwiniani", None),
                  (r"(?:obarczył|obarczyła|obarczyło|obarczyli|obarczyły|obarcza|obarczają)\s+(?:\w+\s+)?"
                   r"(?:odpowiedzialnością|winą)", None)],
        "deny": [(r"zaprzeczy(?:ł|ła|ło|li|ły)|zaprzecza(?:ją|ł|ła|li)?|"
                  r"odrzuci(?:ł|ła|ło|li|ły)|odrzuca(?:ją|ł|ła|li)?|"
                  r"zdementowa(?:ł|ła|ło|li|ły)|dementuj(?:e|ą)|odrzucon[yaeio]|odrzuceni|zdementowan[yaeio]", None)],
        "demand": [(r"zażąda(?:ł|ła|ło|li|ły)|żąda(?:ją|ł|ła|li)?|domaga(?:ją|ł|ła|li)?\s+się|"
                    r"wezwa(?:ł|ła|ło|li|ły)|wzywa(?:ją|ł|ła|li)?|za?apelowa(?:ł|ła|ło|li|ły)|apeluj(?:e|ą)", None)],
        "threaten": [(r"zagrozi(?:ł|ła|ło|li|ły)|grozi(?:ł|ła|ło|li|ły)?|grożą", None)],
        "praise": [(r"pochwali(?:ł|ła|ło|li|ły)|pochwalon[yaeo]|pochwaleni|chwal(?:i|ą|ił|iła|ili)|"
                    r"podziękowa(?:ł|ła|ło|li|ły)|"
                    r"dziękuj(?:e|ą)|pogratulowa(?:ł|ła|ło|li|ły)|z\s+zadowoleniem\s+przyję(?:ł|ła|ło|li|ły)", None)],
        "claim_responsibility": [(r"(?:wziął|wzięła|wzięło|wzięli|wzięły|bierze|biorą)\s+na\s+siebie", None),
                                 (r"przyzna(?:ł|ła|ło|li|ły)\s+się\s+do", None),
                                 (r"(?<=\s)przyzna(?:ł|ła|ło|li|ły)\s+się(?=\s+\w)", None)],
    },
    content={"accuse": r"o|za|że", "blame": r"za|o", "praise": r"za", "threaten": r"", "demand": r"",
             "deny": r"", "claim_responsibility": r"odpowiedzialność|za"},
    passive_aux=r"(?:został|została|zostało|zostali|zostały|był|była|było|byli|były|jest|są)\s+(?:\w+\s+)?",
    by=r"przez",
    negation_before=r"\bnie\s+$",
    negation_after=r"^$",
    relative=r",\s*(?:który|która|które|którzy)\s+(?:\S+\s+)?$",
    np_stop=r"\s+(?:(?:o|za|w|we|na|i|ale|a|że|po|od|do|przez|z|ze|wobec|aby|żeby)\b)|[,;:.!?«»„”]",
    leading=r"(?:(?:i|ale|a|jednak|także|również|następnie|potem|w\s+odpowiedzi)\s+)+",
)

RULES = {"fr": FRENCH, "de": GERMAN, "ru": RUSSIAN, "it": ITALIAN, "pl": POLISH}
LANGUAGES = tuple(RULES)
_PARTICIPLE = {"fr": re.compile(r"(?:é|ée|és|ées|i|ie|is)$"),
               "de": re.compile(r"^ge\w+t$|^\w+(?:gewiesen|gelehnt|worfen)$"),
               "ru": re.compile(r"(?:нут|нуто|нута|нуты|ен|ено|ена|ены|ён)$"),
               "it": re.compile(r"(?:at[oaie]|ut[oaie]|it[oaie]|est[oaie]|int[oaie]|es[oaie])$"),
               "pl": re.compile(r"(?:on[yaeo]|eni|an[yaeo]|ani|t[yaeo])$")}
_RU_PASSIVE_CUES = re.compile(r"(?:отвергнут|отклонен|обвинен|обвинён|осужден)\w*", re.I)


@lru_cache(maxsize=None)
def _cue_patterns(language: str) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    rules = RULES[language]
    return [(rel_type, re.compile(rf"(?<![\w-])(?:{verb})(?![\w-])", re.I),
             re.compile(rf"(?<![\w-]){later}(?![\w-])") if later else None)
            for rel_type, entries in rules.cues.items() for verb, later in entries]


@lru_cache(maxsize=None)
def _any_cue(language: str) -> re.Pattern[str]:
    """Any relation verb of the language (the verb of a clause whose object a relative clause refers to)."""
    verbs = "|".join(verb for entries in RULES[language].cues.values() for verb, _ in entries)
    return re.compile(rf"(?<![\w-])(?:{verbs})(?![\w-])", re.I)


def find_relations_intl(text: str, language: str) -> list[Relation]:
    """Every relation in `text` (French, German, Italian, Polish or Russian), in text order."""
    rules = RULES[language]
    relations: list[Relation] = []
    for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+[\"”’»“]?|(?=\n)|$)", text):
        s_start, s_end = sentence.span()
        blank = LONG_BLANK.search(text, s_start, s_end)
        if blank:  # the blanked tail of an over-long sentence (or a hostile run of spaces): read up to it
            s_end = blank.start()
        matches = []
        for rel_type, pattern, later in _cue_patterns(language):
            for m in pattern.finditer(text, s_start, s_end):
                clause_end = _clause_end(text, m.end(), s_end, language)
                if later and not later.search(text, m.end(), clause_end):
                    continue
                if any(m.start() < e and s < m.end() for _, s, e, _ in matches):
                    continue
                matches.append((rel_type, m.start(), m.end(), clause_end))
        previous: Relation | None = None
        whole = part(text, s_start, s_end) or Part(s_start, s_end, text[s_start:s_end])
        for rel_type, cue_start, cue_end, clause_end in sorted(matches, key=lambda item: item[1]):
            if _in_quote(text, s_start, cue_start) or _negated(text, rules, s_start, cue_start, cue_end):
                continue
            relation = Relation(rel_type, Part(cue_start, cue_end, text[cue_start:cue_end]), whole)
            if not _fill_passive(text, relation, language, s_start, clause_end):
                _fill_active(text, relation, language, s_start, clause_end, previous)
            if relation.agent is None and relation.target is None and relation.content is None:
                continue
            relations.append(relation)
            previous = relation
    return relations


#: What opens a second clause after 'and'/'but' in each language (a finite verb or its auxiliary).
_NEXT_VERB = {"fr": r"\s+mais\s", "it": r"\s+ma\s|\s+e\s+(?=(?:ha|hanno|aveva|avevano)\s)",
              "ru": r"\s+и\s+(?=\w+(?:ит|ят|ет|ют|ил|ила|или|ал|ала|али|ел|ела|ели)\b)",
              "pl": r"\s+(?:ale|lecz)\s|\s+i\s+(?=\w+(?:ł|ła|ło|li|ły)(?![\w-]))"}


def _clause_end(text: str, start: int, s_end: int, language: str) -> int:
    if language == "de":
        stop = r"[;:]|\s[–—]\s|,\s+(?:aber|und|doch|während|weil)\b|,\s+\w+(?:te|ten|t)\s+aber\b"
    else:  # also 'and' before a finite verb: 'свою вину отрицает и винит ...', 'ha negato X e ha accusato ...'
        stop = r"[;:]|\s[–—]\s|,\s+(?:mais|et|но|а|и|однако|ma|e|però|ale|lecz|jednak|oraz)\b|" + _NEXT_VERB[language]
    m = re.search(stop, text[start:s_end])
    return start + m.start() if m else s_end


def _in_quote(text: str, s_start: int, cue_start: int) -> bool:
    """A cue inside an open quotation is the quoted speaker's words, not the article's relation."""
    before = text[s_start:cue_start]
    return before.count("«") > before.count("»") or before.count("„") > before.count("“") + before.count("”")


def _negated(text: str, rules: Rules, s_start: int, cue_start: int, cue_end: int) -> bool:
    cue = text[cue_start:cue_end].lower()
    if cue.startswith("не "):
        return False  # 'не признаёт': a denial
    before = text[max(s_start, cue_start - 30):cue_start]
    after = text[cue_end:cue_end + 40]
    return bool(re.search(rules.negation_before, before, re.I) or re.search(rules.negation_after, after, re.I))


def _fill_passive(text: str, rel: Relation, language: str, s_start: int, clause_end: int) -> bool:
    """Passive cues: the agent from the by-phrase, the subject as target (content for deny and blame)."""
    rules = RULES[language]
    cue_start, cue_end = rel.cue.start, rel.cue.end
    cue_word = rel.cue.text.split()[-1]
    head = text[s_start:cue_start]
    agent: Part | None = None
    if language in ("fr", "it", "pl"):  # auxiliary, participle, by-phrase: 'a été rejeté par', 'został odrzucony przez'
        aux = re.search(rf"(?:{rules.passive_aux})$", head, re.I)
        if not aux or not _PARTICIPLE[language].search(cue_word):
            return False
        cue_start = s_start + aux.start()
        head = text[s_start:cue_start]
        by = re.match(rf"\s+(?:{rules.by})(?:\s+|(?<=['’]))", text[cue_end:clause_end])  # 'dall'esercito'
        if by:
            agent = _noun_phrase(text, cue_end + by.end(), clause_end, rules)
            cue_end += by.end() - 1
    elif language == "de":
        aux = re.search(r"\b(?:wurde|wurden|wird|werden|worden)\b(?P<middle>.*)$", head)
        if not aux or not _PARTICIPLE["de"].search(cue_word):
            return False
        by = None
        for by in re.finditer(rf"\b(?:{rules.by})\s", aux.group("middle")):
            pass  # the last 'von' before the participle
        if by:
            base = s_start + aux.start("middle") + by.end()
            agent = part(text, base, base + len(_TRAILING.sub("", aux.group("middle")[by.end():].rstrip())))
        head = text[s_start:s_start + aux.start()]
    else:
        if not _RU_PASSIVE_CUES.fullmatch(cue_word):
            return False
        aux = re.search(rf"(?:{rules.passive_aux})$", head, re.I)
        if aux:
            cue_start = s_start + aux.start()
        agent = _noun_phrase(text, cue_end, clause_end, rules)
        head = text[s_start:cue_start]
    rel.passive = True
    rel.cue = Part(cue_start, cue_end, text[cue_start:cue_end])
    rel.agent = agent
    subject = _subject(text, s_start, s_start + len(head.rstrip()), language) if head.strip() else None
    if rel.type in ("deny", "blame", "claim_responsibility") and not (rel.type == "blame" and language == "pl"):
        # (Polish blames a party, 'obwiniany przez X za Y': its subject is the target, as for accuse)
        rel.content = subject
        if rel.type == "blame":
            to = re.search(r"\s(?:à|au|aux|на|a|al|alla|ai|agli|alle)\s+", text[rel.cue.end:clause_end])
            if to:
                rel.target = _noun_phrase(text, rel.cue.end + to.end(), clause_end, rules)
    else:
        rel.target = subject
        rel.content = _content(text, rel, language, rel.cue.end, clause_end)
    return True


def _fill_active(text: str, rel: Relation, language: str, s_start: int, clause_end: int,
                 previous: Relation | None) -> None:
    rules = RULES[language]
    cue_start, cue_end = rel.cue.start, rel.cue.end
    if previous is not None and re.search(rf"(?:,|\s(?:{_AND}))\s*(?:{rules.leading})?$",
                                          text[previous.cue.end:cue_start], re.I):
        rel.agent = previous.agent  # 'lobte A, wies aber B zurück', 'отрицает и винит': the first verb's subject
    elif language == "fr" and (aux := _french_coordinated_participle(text, s_start, rel.cue)):
        rel.agent = _subject(text, s_start, aux, language)  # 'X a dénoncé A et réclamé B': X
    else:
        rel.agent = _subject(text, s_start, cue_start, language)
    adverb = re.match(r"\s*(?:aber|jedoch|auch|dann|nun|erneut|aussitôt|également|также|тоже|вновь)(?![\w-])",
                      text[cue_end:clause_end], re.I)
    if adverb:
        cue_end = cue_end + adverb.end()
    if language == "de" and _german_perfect(text, rel, s_start, cue_end, clause_end):
        return
    if (rel.type == "claim_responsibility" and rel.agent and language in _RESPONSIBILITY
            and re.search(_RESPONSIBILITY[language], rel.agent.text, re.I)):
        rel.content = rel.agent  # 'Ответственность за обстрел взяла на себя группировка X', Polish alike
        rel.agent = _noun_phrase(text, cue_end, clause_end, rules)
        return
    rest = text[cue_end:clause_end]
    if language == "ru" and not re.search(r"\w", rest) and rel.agent is not None:
        rel.agent, rel.content = _split_verb_final(text, rel.agent)  # 'В Пелске эти заявления опровергли'
        return
    if language == "ru" and rel.type == "blame" and " на " in rest:  # 'возложило ответственность за X на Y'
        on = rest.index(" на ")
        rel.content = part(text, cue_end, cue_end + on)
        rel.target = _noun_phrase(text, cue_end + on + 4, clause_end, rules)
        return
    if language in ("fr", "it") and rel.type == "blame" and re.match(r"(?i)\S*\s*(?:imput|attribu|colpa)",
                                                                   rel.cue.text.split()[-1]):
        to = re.search(r"\s(?:à|au|aux|a|al|alla|ai|agli|alle)\s+|\sall['’]", rest)
        rel.content = part(text, cue_end, cue_end + to.start()) if to else None
        rel.target = _noun_phrase(text, cue_end + to.end(), clause_end, rules) if to else None
        return
    addressee = re.match(_ADDRESSEE[language], rest, re.I) if rel.type == "demand" and language in _ADDRESSEE else None
    if addressee:  # 'ha chiesto all'azienda di ...', 'zaapelowała do ministerstwa o ...', 'zażądali od zarządu ...'
        start = cue_end + addressee.end()
        one = re.match(r"\S+(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ]\S*)*", text[start:clause_end]) if addressee.group(0).strip() == "od" else None
        rel.target = part(text, start, start + one.end()) if one else _noun_phrase(text, start, clause_end, rules)
        if rel.target is not None:
            rel.content = part(text, rel.target.end, clause_end)
            return
    if rel.type == "demand" and re.match(_CALL_ON[language], rel.cue.text.split()[-1], re.I):
        rel.target = _noun_phrase(text, cue_end, clause_end, rules)  # 'призвал коллег «...»', 'a sommé X de ...'
        if rel.target is not None:
            rel.content = _trim_particles(text, part(text, rel.target.end, clause_end), language)
            return
    if rel.type in ("deny", "demand", "claim_responsibility") or not rules.content[rel.type] and rel.type != "praise":
        end = cue_end + rest.index(",") if rel.type == "deny" and "," in rest else clause_end
        rel.content = _trim_particles(text, part(text, cue_end, end), language)
        return
    rel.target = _noun_phrase(text, cue_end, clause_end, rules)
    after = rel.target.end if rel.target else cue_end
    rel.content = _content(text, rel, language, after, clause_end)
    if rel.target is None and rel.type == "threaten" and language == "de" and rel.content is not None and (
            against := re.search(r"\sgegen\s+", rel.content.text)):  # 'drohte mit einer Klage gegen das Land'
        rel.target = _noun_phrase(text, rel.content.start + against.end(), clause_end, rules)
    if rel.content is None and language == "de" and rel.type == "accuse" and "," in text[after:clause_end]:
        rel.content = part(text, after + text[after:clause_end].index(",") + 1, clause_end)  # ', ... zu haben'



_AND = r"et|und|и|mais|aber|а|но|e|ma|i|ale|oraz"
#: The word for responsibility that opens an inverted claim ('Ответственность ... взяла на себя группировка X').
_RESPONSIBILITY = {"ru": r"ответственност", "pl": r"odpowiedzialnoś|^do\s"}  # ('Do podpalenia przyznała się X')
#: Demand verbs whose object is who is called on: the target ('призвал X ...', 'a exhorté X à ...', 'rief X ... auf').
_CALL_ON = {"fr": r"exhort|somm", "de": r"ruft|rief|riefen|rufen|forderte|fordert|forderten", "ru": r"призва|призыва",
            "it": r"(?:ha\s+|hanno\s+)?(?:esort|invit|sollecit)", "pl": r"wezwa|wzywa"}
#: The preposition before whom a demand is addressed to ('chiedere a X di ...', 'apelować do X o ...').
_ADDRESSEE = {"it": r"\s*(?:(?:a|al|alla|allo|ai|agli|alle)\s+|all['’])", "pl": r"\s*(?:do|od)\s+"}
_GERMAN_AUX = re.compile(r"\s(?:hat|haben|hatte|hatten|ist|sind|war|waren)\s")


def _french_coordinated_participle(text: str, s_start: int, cue: Part) -> int | None:
    """Where the auxiliary of the first verb is, for a bare participle after 'et' ('a dénoncé A et réclamé B')."""
    if " " in cue.text or not _PARTICIPLE["fr"].search(cue.text) or not re.search(r"\set\s+$", text[s_start:cue.start]):
        return None
    auxiliaries = list(re.finditer(r"\s(?:a|ont|avait|avaient)\s", text[s_start:cue.start]))
    return s_start + auxiliaries[-1].start() if auxiliaries else None


def _german_perfect(text: str, rel: Relation, s_start: int, cue_end: int, clause_end: int) -> bool:
    """'X hat Y beschuldigt, ... zu haben': the agent before the auxiliary, the target between it and the
    participle, the content after it."""
    aux = None
    for aux in _GERMAN_AUX.finditer(text, s_start, rel.cue.start):
        pass
    if aux is None or not _PARTICIPLE["de"].search(rel.cue.text) and not rel.cue.text.endswith("t"):
        return False
    rel.agent = _subject(text, s_start, aux.start(), "de")
    rel.target = part(text, aux.end(), rel.cue.start) if rel.type != "deny" else None
    content = part(text, cue_end, clause_end)
    if rel.type == "deny":
        rel.content = part(text, aux.end(), rel.cue.start)
    elif content is not None:
        rel.content = content
    return True


def _subject(text: str, s_start: int, cue_start: int, language: str) -> Part | None:
    """The clause's subject before the cue: the last stretch between breaks that holds more than conjunctions,
    emphatic pronouns and auxiliaries ('Les salariés, eux, pointent'); a relative clause's antecedent, the
    object of a relation verb before it ('la Drevnia accuse la Kastovia, qui dément': la Kastovia)."""
    rules = RULES[language]
    window = text[s_start:cue_start]
    relative = re.search(rules.relative, window)
    if relative:
        window = window[:relative.start()]
        verb = None
        for verb in _any_cue(language).finditer(window):
            pass
        if verb is not None and re.search(r"\w", window[verb.end():]):
            s_start, window = s_start + verb.end(), window[verb.end():]
    bounds = [0] + [m.end() for m in re.finditer(r",|[;:()–—]", window)]
    ends = [m.start() for m in re.finditer(r",|[;:()–—]", window)] + [len(window)]
    for begin, end in reversed(list(zip(bounds, ends))):
        chunk = window[begin:end]
        if re.match(r"\s*(?:qui|que|der|die|das|welche[rs]?|котор\w+|któr\w+|che|il\s+quale|la\s+quale)\s", chunk,
                    re.I) and begin:
            continue  # a relative clause between the subject and its verb
        lead = min(len(chunk), re.match(rf"\s*(?:{rules.leading})?", chunk + " ", re.I).end())
        body = _TRAILING.sub("", chunk[lead:])
        if re.search(r"\w", body):
            return part(text, s_start + begin + lead, s_start + begin + lead + len(body))
    return None


#: Auxiliaries and adverbials that end a subject stretch without belonging to it.
_TRAILING = re.compile(r"(?:\s+(?:a|ont|avait|avaient|aurait|hat|haben|hatte|hatten|ist|sind|war|waren|было|"
                       r"fermement|catégoriquement|vivement|formellement|publiquement|officiellement|immédiatement|"
                       r"vigoureusement|clairement|également|aussitôt|déjà|hier|"
                       r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
                       r"bereits|erneut|gestern|heute|scharf|umgehend|entschieden|sofort|"
                       r"в\s+ответ|также|тоже|уже|вновь|"
                       r"ha|hanno|aveva|avevano|duramente|fermamente|pubblicamente|ufficialmente|subito|ieri|oggi|"
                       r"nuovamente|wczoraj|dziś|dzisiaj|już|również|także|ostro|stanowczo|publicznie|oficjalnie|"
                       r"ponownie|natychmiast|"
                       r"снова|ранее|вчера|сегодня|решительно|категорически|резко|публично|официально|открыто|"
                       r"немедленно))+\s*$", re.I)


def _noun_phrase(text: str, start: int, limit: int, rules: Rules) -> Part | None:
    window = text[start:limit]
    lead = len(window) - len(window.lstrip())
    if re.match(rules.np_stop, " " + window[lead:], re.I):
        return None  # a preposition right after the cue: no target named ('drohte mit einer Klage')
    stop = re.compile(rules.np_stop, re.I).search(window, lead + 1)
    return part(text, start, start + (stop.start() if stop else len(window)))


def _content(text: str, rel: Relation, language: str, start: int, clause_end: int) -> Part | None:
    """The content after `start`: from the word that opens it for this relation type ('de', 'für', 'за')."""
    opener = _opener(RULES[language].content[rel.type], text[start:clause_end])
    return _trim_particles(text, part(text, start + opener.start(), clause_end), language) if opener else None


def _opener(words: str, window: str) -> re.Match[str] | None:
    """Where the content starts: one of `words` as a whole word (an elided "d'" runs into the next)."""
    return re.search(rf"(?:^|\s)(?:{words})(?:(?<=['’,])|(?=\s))", window, re.I) if words else None


def _split_verb_final(text: str, stretch: Part) -> tuple[Part | None, Part | None]:
    """Russian 'В Пелске эти заявления опровергли': a leading 'в/во' place or a capitalised name is the agent."""
    m = re.match(r"(?:(?:В|Во)\s+\S+|[А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w-]*)*)", stretch.text)
    if not m or m.end() >= len(stretch.text.rstrip()):
        return stretch, None
    return part(text, stretch.start, stretch.start + m.end()), part(text, stretch.start + m.end(), stretch.end)


def _trim_particles(text: str, found: Part | None, language: str) -> Part | None:
    """German separable particles and manner adverbs at the clause end are not content ('Kritik ... zurück')."""
    if found is None or language != "de":
        return found
    trimmed = re.sub(r"(?:\s+(?:zurück|ab|vor|auf|an|verantwortlich|umgehend|sofort|entschieden|scharf|erneut))+\s*$",
                     "",
                     found.text)
    return part(text, found.start, found.start + len(trimmed))

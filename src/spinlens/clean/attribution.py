"""Attribution lines, copyright notices, bylines and author bios: parsed into provenance and authors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_I = re.IGNORECASE

# -- names ---------------------------------------------------------------------------------------
_PARTICLES = frozenset("de da di del della der den van von vom zu ter le la du dos das al el bin "
                       "ibn y e".split())
_ARTICLES = frozenset("the a an la le les l' der die das den el los las il lo gli".split())
_HONORIFICS = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mme|sir|rev|dame|hon)\.?\s+", _I)
_ORG_WORDS = frozenset("""
news research media press agency times post institute center centre foundation group network tv
radio channel global inc ltd llc plc corp corporation company co associated journal daily weekly
magazine review tribune herald gazette observer guardian telegraph express report today world
international university college council committee society association union party ministry
government office bureau service services publishing publications publishers books limited gmbh
ag sa editorial staff team online digital com org net project initiative alliance fund trust
federation coalition studio studios films productions partners llp editors newsroom desk wire
reuters afp bloomberg bbc cnn rt tass sputnik ria
новости агентство издательство газета журнал медиа тв радио группа редакция фонд институт центр
""".split())
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")


def looks_like_name(text: str, *, max_words: int = 4, min_words: int = 2) -> bool:
    """True for 2–`max_words` capitalised words (particles like 'de', 'van' allowed between them)
    with no organisation word: a plausible person's name."""
    text = _HONORIFICS.sub("", text.strip())
    tokens = text.split()
    if not tokens or len(tokens) > max_words + 2 or tokens[0].casefold() in _ARTICLES:
        return False
    capitalised = 0
    for i, token in enumerate(tokens):
        if not _NAME_TOKEN.match(token):
            return False
        bare = token.rstrip(".").casefold()
        if bare in _ORG_WORDS:
            return False
        if token[0].isupper():
            if len(token) > 1 and token.isupper() and not token.endswith(".") and len(token) > 2:
                return False  # an acronym such as "SCF" or "NATO"
            capitalised += 1
        elif bare in _PARTICLES and 0 < i < len(tokens) - 1:
            continue
        else:
            return False
    return min_words <= capitalised <= max_words


def clean_name(text: str) -> str:
    """A name without honorific or surrounding punctuation."""
    return _HONORIFICS.sub("", text.strip().strip(",;:")).strip()


# -- attribution lines ---------------------------------------------------------------------------
_ART = r"(?:this |the )?(?:article|piece|story|post|essay|report|text|commentary|op-ed|analysis)"
_FIRST_PUBLISHED = [
    (rf"(?:{_ART} (?:was |has been )?)?(?:first|originally|initially) (?:published|posted|appeared|"
    rf"ran|printed)(?: online)? (?:by|in|at|on|with)\s+(?P<v>.+)"),
    r"(?:published|posted) (?:first|originally) (?:by|in|at|on)\s+(?P<v>.+)",
    (r"(?:cet article a été |article )?(?:publiée?|parue?) (?:initialement|à l'origine|originellement|"
    r"pour la première fois|d'abord|en premier) (?:par|sur|dans|chez|au|à)\s+(?P<v>.+)"),
    r"(?:initialement|originellement|d'abord) (?:publiée?|parue?) (?:par|sur|dans|chez|au|à)\s+(?P<v>.+)",
    r"erstveröffentlichung\s*(?::|bei|in|auf|von|im)\s*(?P<v>.+)",
    (r"(?:dieser (?:artikel|beitrag|text) )?(?:erschien|ist) (?:zuerst|ursprünglich|erstmals) "
    r"(?:erschienen |veröffentlicht )?(?:bei|in|auf|im|von)\s+(?P<v>.+?)(?:\s+erschienen)?"),
    r"(?:zuerst|ursprünglich|erstmals) (?:erschienen|veröffentlicht) (?:bei|in|auf|im|von)\s+(?P<v>.+)",
    (r"(?:статья )?(?:впервые|первоначально|изначально) (?:опубликован[аоы]?|вышл[аои]|вышел|"
    r"появил[аао]сь) (?:в|на|во|у|издани[еи]м)\s+(?P<v>.+)"),
    (r"(?:este artículo (?:fue )?)?(?:publicad[oa]) (?:originalmente|originariamente|por primera vez|"
    r"inicialmente) (?:en|por)\s+(?P<v>.+)"),
    (r"(?:questo articolo (?:è stato )?)?(?:pubblicat[oa]) (?:originariamente|originalmente|"
    r"per la prima volta|inizialmente) (?:su|da|in|sul|sulla|nel|nella)\s+(?P<v>.+)"),
    (r"(?:artykuł )?(?:pierwotnie|oryginalnie|po raz pierwszy) (?:opublikowan[oya]|ukazał się) "
    r"(?:na|w|przez)\s+(?P<v>.+)"),
]
_ORIGINAL_SOURCE = [
    rf"the original source of {_ART} is\s+(?P<v>.+)",
    r"original (?:source|article)\s*:\s*(?P<v>.+)",
    r"la source (?:originale|d'origine) de cet article est\s+(?P<v>.+)",
    r"(?:die )?(?:original)?quelle (?:dieses|des) (?:artikels|beitrags) ist\s+(?P<v>.+)",
    r"originalquelle\s*:\s*(?P<v>.+)",
    r"(?:оригинальный|первоначальный) источник (?:этой )?(?:статьи|материала)\s*(?:[:—–-]|это)?\s*(?P<v>.+)",
    r"первоисточник\s*:\s*(?P<v>.+)",
    r"la fuente original de este artículo es\s+(?P<v>.+)",
    r"la fonte originale di questo articolo è\s+(?P<v>.+)",
    r"(?:oryginalne|pierwotne) źródło (?:tego )?artykułu(?:\s*:| to)\s*(?P<v>.+)",
]
_REPUBLISHED = [
    (rf"(?:{_ART} (?:was |is |has been )?)?(?:republished|reprinted|reposted|reproduced|cross-?posted)"
    r"(?: here)?(?: with (?:the )?(?:kind )?permission)? (?:from|by|courtesy of)\s+(?P<v>.+)"),
    (rf"(?:{_ART} (?:was |is |has been )?)?(?:republished|reprinted|reproduced|reposted) (?:here )?"
    r"with (?:the )?(?:kind )?permission (?:of|from)\s+(?P<v>.+)"),
    r"(?:republiée?|reproduite?|reprise?) (?:avec l'(?:aimable )?autorisation )?(?:de|depuis|d')\s*(?P<v>.+)",
    (r"(?:nachdruck|übernahme|wiederveröffentlichung|übernommen) (?:mit (?:freundlicher )?genehmigung )?"
    r"(?:von|aus|der|des)\s+(?P<v>.+)"),
    r"перепечатано (?:с разрешения\s+)?(?:из|с|у)?\s*(?P<v>.+)",
    r"(?:republicado|reproducido|reimpreso) (?:con (?:el )?permiso )?(?:de|desde)\s+(?P<v>.+)",
    r"(?:ripubblicato|riprodotto) (?:con (?:il )?permesso )?(?:da|di)\s+(?P<v>.+)",
]
_SOURCE = [r"(?:source|sources|quelle|источник|fuente|fonte|źródło)\s*:\s*(?P<v>.+)"]


def _compile_each(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(f"(?:{p})$", _I) for p in patterns]


_ATTRIBUTION_FIELDS: list[tuple[str, list[re.Pattern[str]]]] = [
    ("original_source", _compile_each(_ORIGINAL_SOURCE)),
    ("republished_from", _compile_each(_REPUBLISHED)),
    ("first_published_by", _compile_each(_FIRST_PUBLISHED)),
]
_SOURCE_RE = _compile_each(_SOURCE)
_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+")
# A quick gate: the first words an attribution line starts with.
_ATTRIBUTION_GATE = re.compile(
    r"^(?:this|the|first|originally|initially|published|posted|original|republished|reprinted|"
    r"reposted|reproduced|cross|cet|article|publié|paru|initialement|originellement|d'abord|la|"
    r"erstveröffentlichung|dieser|erschien|zuerst|ursprünglich|erstmals|die|originalquelle|quelle|"
    r"статья|впервые|первоначально|изначально|оригинальный|первоначальный|первоисточник|"
    r"перепечатано|este|publicad|questo|pubblicat|artykuł|pierwotnie|oryginalnie|po|oryginalne|"
    r"pierwotne|republi|reprodu|reprise?|nachdruck|übernahme|übernommen|wiederveröffentlichung|"
    r"republicado|reproducido|reimpreso|ripubblicato|riprodotto)", _I)

_TRAILING_DATE = re.compile(
    r"(?:,\s*|\s+)(?:on\s+|le\s+|am\s+|el\s+|il\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+[^\W\d_]+\.?,?\s+\d{4}|"
    r"[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})$")


def clean_value(value: str) -> str:
    """An attribution value without trailing periods, whitespace, quotes or a trailing date."""
    value = value.strip().rstrip(". ").strip("\"'“”«»").strip()
    value = _TRAILING_DATE.sub("", value)
    return value.rstrip(". \t").strip("\"'“”«»").strip()


@dataclass
class Attribution:
    """What an attribution line says: one provenance field and its value (and the author, for
    'published by Jane Roe at Example News')."""

    field: str
    value: str
    person: str | None = None


_PERSON_AT = re.compile(r"^(?P<person>.{3,60}?)\s+(?:at|on|in|for|bei|auf|chez|sur)\s+(?P<outlet>\S.*)$", _I)


def _split_person(field_name: str, value: str) -> Attribution:
    m = _PERSON_AT.match(value)
    if m and looks_like_name(m.group("person")):
        return Attribution(field_name, m.group("outlet"), clean_name(m.group("person")))
    return Attribution(field_name, value)


def parse_attribution(block: str, *, allow_source: bool) -> Attribution | None:
    """Parse 'First published by X', 'The original source of this article is X', 'Republished
    from X', 'Source: X' (only when `allow_source`) and their French/German/Russian/Spanish/Italian/
    Polish equivalents."""
    if len(block) > 250:
        return None
    if _ATTRIBUTION_GATE.match(block):
        for name, regexes in _ATTRIBUTION_FIELDS:
            for regex in regexes:
                m = regex.match(block)
                if m:
                    value = clean_value(m.group("v"))
                    if value and len(value.split()) <= 15:
                        return _split_person(name, value)
    if allow_source:
        for regex in _SOURCE_RE:
            m = regex.match(block)
            if m:
                value = clean_value(m.group("v"))
                # A name or an address ('Example Wire', 'example.org'), not a sentence.
                if (value and len(value.split()) <= 8 and value.count(",") <= 1
                        and (value[0].isupper() or value[0].isdigit() or _DOMAIN.search(value))):
                    return Attribution("republished_from", value)
    return None


# -- copyright notices ---------------------------------------------------------------------------
_COPYRIGHT_LINE = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?P<rest>.*)$|^(?P<rest2>.{2,80}?)\s*(?:©|\(c\))\s*"
    r"(?P<year2>(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)\.?$", _I)
_RIGHTS_RESERVED = re.compile(
    r"\b(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|все права защищены|"
    r"todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone)\b\.?", _I)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_YEARS = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:(?:19|20)?\d{2}))?\b")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=\w)")
# 'Distributed by X', 'Licensed by X': a distributor, not a holder (nor what follows it).
_NOT_HOLDER = re.compile(r"^(?:distributed|licensed|syndicated|provided|used|published)\b|^(?:via|under)\b", _I)
_COMPANY_SUFFIX = re.compile(r"^(?:inc|ltd|llc|plc|corp|co|gmbh|ag|sa|s\.a|llp|limited)\.?$", _I)


@dataclass
class Copyright:
    """Holders and year of a copyright notice."""

    holders: list[str] = field(default_factory=list)
    year: int | None = None


def parse_copyright(block: str) -> Copyright | None:
    """Parse 'Copyright © A, B, 2023', '© 2023 A', '(c) A 2023', 'A © 2023' into holders and year."""
    if len(block) > 300 or len(block.split()) > 40:
        return None
    m = _COPYRIGHT_LINE.match(block)
    if not m:
        return None
    rest = m.group("rest") if m.group("rest") is not None else f"{m.group('rest2')} {m.group('year2')}"
    rest = _RIGHTS_RESERVED.sub("", rest).strip()
    first, tail = rest, ""
    for brk in _SENTENCE_BREAK.finditer(rest):  # the first sentence ('Acme Inc. 2020' is one)
        if not _COMPANY_SUFFIX.match(rest[:brk.start()].split()[-1]):
            first, tail = rest[:brk.start()], rest[brk.end():]
            break
    if tail and _RIGHTS_RESERVED.sub("", tail).strip(" .") != "" and len(tail.split()) > 12:
        return None  # a copyright sentence followed by a long text: a notice, not an attribution
    years = [int(y) for y in _YEAR.findall(first)]
    first = _PARENTHESES.sub("", first)  # '(Atlanta, Ga.)' is not two holders
    first = _YEARS.sub(" ", first)
    first = re.sub(r"^\s*(?:by|par|von|por|da)\s+", "", first, flags=_I)
    holders: list[str] = []
    previous = ""  # the last piece kept ('' after a skipped one)
    for piece in re.split(r"\s*[,;|]\s*", first):
        piece = piece.strip(" .-–—:()[]").strip()
        if not piece:
            continue
        if _COMPANY_SUFFIX.match(piece):  # 'Acme, Inc.' is one holder
            if previous:
                holders[-1] = previous = f"{previous}, {piece}"
            continue
        if len(piece.split()) > 8 or not any(c.isalpha() for c in piece) or _NOT_HOLDER.match(piece):
            previous = ""
            continue
        if piece not in holders:
            holders.append(piece)
            previous = piece
        else:
            previous = ""
    if not holders and not years:
        return None
    return Copyright(holders, years[-1] if years else None)


# -- bylines and bios ----------------------------------------------------------------------------
_NAME_LIST_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\bund\b|\by\b|\be\b|\bи\b|\bi\b)\s*", _I)
_BYLINE = re.compile(
    r"^(?:by|written by|par|écrit par|von|geschrieben von|por|di|autor(?:ka)?:|author:|авторы?:?|"
    r"текст:|от)\s+(?P<names>[^|–—•]+?)\s*(?:(?:[|–—•]|\s-\s|,\s*(?=\S*\d)).*)?$", _I)


def parse_byline(block: str) -> list[str]:
    """Names in a byline such as 'By Jane Doe and John Roe' (empty when not a byline)."""
    if len(block) > 120:
        return []
    m = _BYLINE.match(block)
    if not m:
        return []
    names = [clean_name(n) for n in _NAME_LIST_SPLIT.split(m.group("names")) if n.strip()]
    if not names or not all(looks_like_name(n) for n in names):
        return []
    return names


_OCCUPATIONS = tuple("""
journalist writer correspondent researcher analyst editor professor author consultant reporter
columnist commentator contributor economist historian scholar lecturer academic activist
filmmaker documentar photographer photojournalist blogger expert fellow director founder co-founder
cofounder lawyer attorney scientist physician doctor teacher podcaster host broadcaster novelist poet
essayist diplomat ambassador geopolitic strategist specialist investigat advocate
researcher phd advisor adviser officer colonel scholar
journaliste écrivain écrivaine correspondant chercheur chercheuse analyste rédacteur rédactrice
professeur auteur autrice consultant chroniqueur chroniqueuse essayiste historien économiste
politologue militant reporter docteur spécialiste géopoliticien
journalist schriftsteller korrespondent forscher analyst redakteur professor autor berater
publizist historiker ökonom politikwissenschaftler wissenschaftler
журналист писател корреспондент исследовател аналитик редактор профессор автор консультант
политолог историк экономист эксперт обозревател публицист колумнист военкор блогер писательниц
periodista escritor escritora corresponsal investigador analista editor profesor autor consultor
politólog historiador economista columnista ensayista
giornalista scrittore scrittrice corrispondente ricercatore ricercatrice analista redattore
redattrice professore professoressa autore autrice consulente politologo storico economista saggista
dziennikar pisarz korespondent badacz analityk redaktor profesor autor konsultant publicyst
politolog historyk ekonomist
""".split())
_BIO_VERB = (r"(?P<name>[^\W\d_][^,:;()\n]{1,60}?)(?:\s*\([^)]{1,40}\))?(?:,\s*(?:ph\.?d\.?|m\.?d\.?|"
             r"jr\.?|sr\.?))?\s+(?:is|est|ist|es|è|jest)\s+(?P<rest>.+)")
_BIO_DASH = r"(?P<name>[^\W\d_][^,:;()\n]{1,60}?)\s+[—–-]\s+(?P<rest>.+)"
_BIO = (re.compile(rf"^{_BIO_VERB}$", _I | re.DOTALL), re.compile(rf"^{_BIO_DASH}$", _I | re.DOTALL))
_ABOUT_AUTHOR = re.compile(
    r"^(?:about the authors?|about the writer|à propos de l'auteur|(?:über|zum) (?:den |die )?autor(?:in)?|"
    r"об авторе|sobre el autor|sull'autore|l'autore|o autorze)\s*[:.\-–—]?\s*", _I)
_BIO_EXTRA = re.compile(
    r"\b(?:contributor|contributing (?:writer|editor)|regular (?:contributor|columnist|writer)|"
    r"frequent (?:contributor|writer|commentator)|author of|editor of|his (?:latest |new |most recent )?"
    r"books?|her (?:latest |new |most recent )?books?|(?:his|her) website|can be reached|reach (?:him|"
    r"her) at|"
    r"follow (?:him|her|\w+) on|writes (?:for|about|on|regularly)|research associate|ph\.?d|"
    r"editor-in-chief|visit (?:his|her)|auteur de|collaborat(?:eur|rice|ore)|autor des|autor von|"
    r"автор книг|автор (?:\w+ )?книги|autor del|autore del|autor książ)\b|@\w+", _I)


@dataclass
class Bio:
    """An author bio: the person's name (may be empty for 'About the author' blocks)."""

    name: str
    explicit: bool  # 'About the author' heading or an extra bio cue: trustworthy on its own


def parse_bio(block: str) -> Bio | None:
    """'X is a journalist…', 'About the author: …', 'X est journaliste…', 'X ist Journalist…',
    'Имя Фамилия — журналист…', 'X es periodista…', 'X è giornalista…' -> Bio."""
    words = block.split()
    if len(words) > 100:
        return None
    about = _ABOUT_AUTHOR.match(block)
    body = block[about.end():] if about else block
    m = _BIO[0].match(body) or _BIO[1].match(body)
    name = ""
    if m:
        candidate = clean_name(m.group("name"))
        rest = m.group("rest")
        head = rest.casefold().split()[:8]
        if looks_like_name(candidate) and any(w.startswith(_OCCUPATIONS) for w in head):
            name = candidate
    if about and len(words) >= 4:
        if not name:  # 'About the author: Jane Roe writes about…' -> the leading name
            tokens = body.split()
            for n in (4, 3, 2):
                if len(tokens) > n and looks_like_name(" ".join(tokens[:n]).rstrip(",;:")):
                    name = clean_name(" ".join(tokens[:n]))
                    break
        return Bio(name, True)
    if not name:
        return None
    return Bio(name, bool(_BIO_EXTRA.search(block)))

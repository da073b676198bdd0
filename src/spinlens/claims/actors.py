"""Actors (people, organisations, states, groups): their mentions in an article, merged by alias.

Mentions come from capitalised names (with titles), organisation words, a gazetteer of states with their
capitals, metonyms ("the Kremlin") and demonym designations ("Ukrainian authorities", "the Kiev regime"),
and user aliases from a TOML file, which override the automatic grouping. The designation an article
uses ("regime", "authorities") is kept on every mention, since the choice of label is itself a signal.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spinlens.claims import lexicon
from spinlens.claims.countries import world_states
from spinlens.errors import UsageError

PERSON, ORG, STATE, GROUP = "person", "org", "state", "group"

#: Capital letters: Latin, Latin-1, the capitals of Latin Extended-A (Ą, Ł, Ś, Ż, Č, Ő, ...; a range like
#: 'Ā-Ž' would take their small letters too, and 'zarządu' would hold the name 'ądu') and Cyrillic.
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x180) if chr(c).isupper()) + "А-ЯЁ"
_LOWER = "a-zß-öø-ÿ" + "".join(chr(c) for c in range(0x100, 0x180) if chr(c).islower()) + "а-яё"
#: Capitalised words that are never part of a name: headline verbs ('Police Chief Blames Protesters') and
#: relative pronouns ('Imam Whose Son ...').
_NEVER_IN_NAME = (r"(?:Says|Tells|Warns|Urges|Slams|Blasts|Accuses|Blames|Denies|Rejects|Demands|Threatens|Vows|"
                  r"Praises|Hails|Admits|Insists|Confirms|Announces|Reveals|Condemns|Critici[sz]es|Dismisses|Refuses|"
                  r"Pledges|Mocks|Lashes|Sues|Denounces|Decries|Exposes|Destroys|Rips|Torches|Shreds|Explains|"
                  r"Defies|Unveils|Whose|Whom|Which|That)(?![\w'’-])")
_NAME_TOKEN = rf"(?<!\w)(?!{_NEVER_IN_NAME})(?:[{_UPPER}][\w'’.-]*\w|[{_UPPER}]\.?)"
#: Small words inside a name ('Pieter de Vries'); 'von der' and 'van den' are two ('Ursula von der Leyen').
_CONNECTOR = r"(?:(?:von|van)[ \t](?:der|den|dem|de)|de|da|do|dos|du|van|von|der|den|al|el|bin|ibn|la|le|di|del|y)"
_NAME = rf"(?:{_NAME_TOKEN})(?:[ \t](?:{_CONNECTOR}[ \t])?(?:{_NAME_TOKEN}))*"
_TITLE = rf"(?:(?:{lexicon.PERSON_TITLES})[ \t]+)"
#: A name with its titles ('Dr. Miriam Vogt', 'Anzel Moravek'): what the quote and speaker rules look for.
TITLED_NAME = re.compile(rf"{_TITLE}*{_NAME}")
_NOT_NAMES = frozenset("""
the a an in on at after before however but and or this that these those it he she they we i you his her
their our its as if when while some many most all so yet oh no yes for from with by without perhaps now then
there here what who why how cue also even still thus though although since until because meanwhile instead
according today yesterday tomorrow last next first second third one two three monday tuesday wednesday
later earlier former separately elsewhere late once
thursday friday saturday sunday january february march april may june july august september october november
december mr mrs ms dr sir dear comrade not nor only every each any such both either neither several few more
less much other another same own whether where which whom whose asked said says do does did has have had is are
was were be will would can could should may might must let please thanks like unlike despite within without
gmt utc cet cest eet eest msk bst est edt pst pdt
son sa ses leur leurs cette ces selon sein seine seinen ihr ihre ihren laut suo sua suoi sue secondo
jego jej ich według его её их согласно coloro costoro quelli quelle ceux celles
""".split())  # the last lines: time zones, and possessives and "according to" of the other five languages


@dataclass
class Mention:
    """One mention of an actor: where, as which actor, of what kind, under which designation."""

    start: int
    end: int
    actor: str
    kind: str
    designation: str
    resolved_from: str | None = None


@dataclass
class AliasTable:
    """User aliases: lower-cased alias -> (canonical actor, kind). Loaded from TOML; overrides the rest.

    File format::

        [actors."Ukraine"]
        kind = "state"
        aliases = ["Kiev regime", "Zelensky regime"]

        [actors."Kastovia"]            # a state the gazetteer lacks: with demonyms, it is read like the
        kind = "state"                 # built-in ones ('Kastovian authorities', 'Kastel's foreign ministry')
        aliases = ["Kastel"]
        demonyms = ["Kastovian"]
    """

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: States with demonyms: (state, its names and aliases, its demonyms), added to the gazetteer.
    states: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()

    @classmethod
    def load(cls, path: str | Path | None) -> "AliasTable":
        """Read an alias file; a missing default file is an empty table, a broken one an error."""
        if path is None:
            return cls()
        path = Path(path).expanduser()
        if not path.exists():
            return cls()
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read alias file: {exc}", source=str(path)) from exc
        entries: dict[str, tuple[str, str]] = {}
        states = []
        for name, spec in (data.get("actors") or {}).items():
            if not isinstance(spec, dict):
                raise UsageError(f"[actors.{name!r}] must be a table with 'aliases'", source=str(path))
            kind = str(spec.get("kind", GROUP))
            names = [name, *spec.get("aliases", [])]
            demonyms = spec.get("demonyms", [])
            if not all(isinstance(item, str) and item.strip() for item in [*names, *demonyms]):
                raise UsageError(f"[actors.{name!r}]: aliases and demonyms must be non-empty strings", source=str(path))
            if demonyms and kind != STATE:
                raise UsageError(f"[actors.{name!r}]: demonyms need kind = \"state\"", source=str(path))
            if demonyms:
                states.append((name, tuple(names), tuple(demonyms)))
                continue
            for alias in names:
                entries[_norm(alias)] = (name, kind)
        return cls(entries, tuple(states))

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(actor, kind) for a designation, trying it whole and without a leading article."""
        key = _norm(text)
        return self.entries.get(key) or self.entries.get(re.sub(r"^(?:the|a|an)\s+", "", key))


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@lru_cache(maxsize=16)
def _state_patterns(extra: tuple = (), language: str = "en") -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for state designations and names, and a map from each alias to its state (the gazetteer,
    the names `language` writes differently, `lexicon.STATE_NAMES_BY_LANGUAGE`, and the user's states,
    `AliasTable.states`)."""
    alias_to_state: dict[str, str] = {}
    modifiers: list[str] = []
    names: list[str] = []
    world = {state: {"names": list(names), "demonyms": []} for state, names in world_states("en").items()}
    gazetteer = {**world, **lexicon.STATES,
                 **{state: {"names": list(n), "demonyms": list(d)} for state, n, d in extra}}
    native = [(state, alias) for state, forms in world_states(language).items() if language != "en"
              for alias in forms]
    native += [(state, alias) for state, forms in lexicon.STATE_NAMES_BY_LANGUAGE.get(language, {}).items()
               for alias in forms]
    for state, alias, is_name in [(s, a, True) for s, a in native] + [  # later entries win: the user's last
            (state, alias, alias in spec["names"]) for state, spec in gazetteer.items()
            for alias in spec["names"] + spec["demonyms"]]:
        alias_to_state[_norm(alias)] = state
        escaped = r"\s+".join(map(re.escape, alias.split()))
        if escaped not in modifiers:
            modifiers.append(escaped)
        if is_name and escaped not in names:
            names.append(escaped)
    modifiers.sort(key=len, reverse=True)
    names.sort(key=len, reverse=True)
    designation = (rf"(?:(?:the|its|their)\s+(?:[\w-]+\s+)??)?(?P<mod>{'|'.join(modifiers)})(?:['’]s)?\s+"
                   rf"(?P<head>{lexicon.STATE_HEADS}|{lexicon.CAPITALISED_STATE_HEADS})\b")
    name = rf"(?P<name>{'|'.join(names)})"
    # every alias is capitalised: positions that open neither an alias nor 'the/its/their' fail at once
    return re.compile(rf"\b(?=the\s|its\s|their\s|[{_UPPER}])(?:{designation}|{name})(?![\w-])"), alias_to_state


#: ('then-Secretary of State Hillary Clinton', 'ex-President Donald Trump': the prefix opens the title)
_PERSON_RE = re.compile(rf"(?<![\w-])(?:(?i:then|ex)-(?=(?:{lexicon.PERSON_TITLES})[ \t]))?(?P<title>{_TITLE}+)?"
                        rf"(?P<name>{_NAME})")
_ORG_WORDS_RE = re.compile(rf"\b(?:{lexicon.ORG_WORDS})\b")
#: The name after an organisation's head word ('Ministry| of Defence', 'Union| of Concerned Scientists', 'Sons|
#: of the Delta', 'Centers| for Disease Control'): English names an organisation so, a person never.
_OF_NAME = re.compile(rf"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})")
_THE_BEFORE = re.compile(r"(?<![\w-])[Tt]he[ \t]+$")
#: 'in Las Vegas', 'near San Diego': a name after these is a place ('in Hillary Clinton's favor' keeps its person)
_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:[Ii]n|[Nn]ear|[Oo]utside|[Ii]nside|[Aa]cross|[Tt]hroughout)[ \t]+$")
_NAMED_BODY_HEAD = re.compile(rf"(?:{lexicon.ORG_WORDS}|{lexicon.NAMED_GROUP_HEADS})")
#: A role held in an organisation, after the organisation's name ('Gazprom spokesman', 'Drevhydro chief engineer').
EMPLOYEE_ROLE = (r"(?:(?:chief|senior|deputy|press|lead|top)\s+)?(?:spokes(?:man|woman|person)|engineer|director|"
                 r"executive|CEO|chief|head|chairman|chairwoman|manager|official|president|founder|economist|analyst|"
                 r"lawyer)s?")
_UNNAMED_EMPLOYER = re.compile(rf"\s+{EMPLOYEE_ROLE}\b")
#: verbs of title-case headlines that can also be nouns in a name ('Claims Court', 'Rules Committee'): they end a
#: name only in a headline ('Trump Orders FBI Investigation')
_HEADLINE_VERB = re.compile(r"Claims|Calls|Rules|Orders|Signs|Meets|Visits|Backs|Fires|Wins|Loses|Quits|Attacks|"
                            r"Defends|Responds|Asks|Promises")
_ACRONYM = re.compile(rf"^[{_UPPER}]{{2,6}}$")
#: title words that are also surnames ('Mark Judge', 'Julie Bishop', 'Steve King')
_SURNAME_TITLES = frozenset("King Judge Bishop Major Marshal Mayor Dean Prince".split())
_TITLE_WORD = re.compile(rf"^(?:{lexicon.PERSON_TITLES})$")
_DEMONYMS = frozenset(_norm(d) for spec in lexicon.STATES.values() for d in spec["demonyms"])
#: Party adjectives before a name go to the designation, as demonyms do ('Republican Trump', 'Democrat Hillary
#: Clinton').
_PARTY_WORDS = frozenset("republican democrat democratic conservative liberal labour socialist communist".split())
_DESIGNATED_REGIME = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?P<head>regime|junta)\b", re.I)


_CAPITALISED_AFTER = re.compile(rf"[ \t](?!(?:{lexicon.WEEKDAYS_AND_MONTHS})\b)[{_UPPER}]")
_CAPITALISED_BEFORE = re.compile(rf"(?<![\w'’-])[{_UPPER}][\w-]*[ \t]$")
#: The end of text before a sentence opens (matched with `.search` on the text before a word).
SENTENCE_OPENING = re.compile(r"(?:^|[.!?…:;\n\"“”«»„(—–])\s*$")


def _inside_longer_name(text: str, start: int, end: int, headlines: list[tuple[int, int]]) -> bool:
    """Whether a one-word state name is part of a longer proper name: a capitalised word right after it
    ('Georgia Smith', 'Washington Post'; not a weekday or month, nor in a title-case headline) or right
    before it, unless that word opens a sentence ('New Mexico', 'Michael Jordan'; not 'Yesterday Mexico').
    Asked of English only: German capitalises every noun ('Russlands Grenze'), and Polish and Russian put a
    state before a name ('minister spraw zagranicznych Francji Jan Nowak')."""
    if " " in text[start:end] or any(a <= start < b for a, b in headlines):
        return False
    if _CAPITALISED_AFTER.match(text, end):
        return True
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40):start])
    if not before:
        return False
    word_start = start - len(before.group(0))
    return not SENTENCE_OPENING.search(text[max(0, word_start - 60):word_start])


def find_mentions(text: str, aliases: AliasTable | None = None, *, names: bool = True,
                  language: str = "en") -> list[Mention]:
    """Every actor mention in `text`, merged into actors, in text order (no overlaps).

    With `names=False` only the user's aliases and the states are looked for (the capitalised-name rules
    are English ones: German capitalises every noun); `language` adds the state names it writes
    differently ("Moskau", "Москвы")."""
    aliases = aliases or AliasTable()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []  # the mentions' spans, sorted and disjoint: one lookup per check

    def free(start: int, end: int) -> bool:
        i = bisect_left(taken, (end, -1))  # spans starting before `end`; only the last of them can reach `start`
        return i == 0 or taken[i - 1][1] <= start

    def add(mention: Mention) -> None:
        found.append(mention)
        insort(taken, (mention.start, mention.end))

    # 1. user aliases first: they override everything else
    for alias, (actor, kind) in sorted(aliases.entries.items(), key=lambda item: -len(item[0])):
        flexible = r"\s+".join(map(re.escape, alias.split()))
        for match in re.finditer(rf"(?<![\w-])(?:the\s+)?{flexible}(?![\w-])", text, re.I):
            if free(match.start(), match.end()):
                add(Mention(match.start(), match.end(), actor, kind, match.group(0)))
    # 2. states: designations ("the Kiev regime", "Ukrainian authorities") and names/metonyms
    pattern, alias_to_state = _state_patterns(aliases.states, language)
    headlines = _title_case_lines(text)
    for match in pattern.finditer(text):
        surface = match.group(0)
        modifier = match.group("mod") or match.group("name")
        if not free(match.start(), match.end()) or not modifier[0].isupper():
            continue
        if match.group("name") and language == "en" and _inside_longer_name(text, match.start(), match.end(),
                                                                            headlines):
            continue  # 'Georgia Smith', 'Washington Post', 'New Mexico': part of another proper name
        state = alias_to_state[_norm(modifier)]
        add(Mention(match.start(), match.end(), state, ORG if state in lexicon.INTERNATIONAL_ORGS else STATE, surface))
    # 3. "the (neo-Nazi) regime": the state most recently designated a regime, else left unresolved
    for match in _DESIGNATED_REGIME.finditer(text):
        if not free(match.start(), match.end()):
            continue
        earlier = [m for m in found if m.end <= match.start() and m.kind == STATE]
        if earlier:
            target = max(earlier, key=lambda m: (("regime" in m.designation.lower()), m.end))
            add(Mention(match.start(), match.end(), target.actor, STATE, match.group(0),
                        resolved_from=match.group(0)))
    if not names:
        found.sort(key=lambda m: m.start)
        return found
    # 4. people and organisations from capitalised names
    lowercase_words = set(re.findall(rf"\b[{_LOWER}][\w'’-]*", text))
    singles: list[tuple[int, int, str]] = []
    places: set[str] = set()
    for match in _PERSON_RE.finditer(text):
        title = (match.group("title") or "").strip()
        base = match.start("name")
        tokens = [(t.group(0), base + t.start(), base + t.end()) for t in re.finditer(r"\S+", match.group("name"))]
        while tokens and not title and tokens[0][0].lower() in _NOT_NAMES:
            tokens = tokens[1:]
        if headlines and _in_lines(headlines, base):  # 'Police Chief Blames Protesters': a headline's verb ends it
            tokens = list(itertools.takewhile(lambda t: not _HEADLINE_VERB.fullmatch(t[0]), tokens))
        lead = 0  # leading demonyms and titles ("Russian President", "Interior Minister") go to the designation
        while lead < len(tokens) - 1 and (_TITLE_WORD.match(tokens[lead][0]) or _norm(tokens[lead][0]) in _DEMONYMS
                                          or (_norm(tokens[lead][0]) in _PARTY_WORDS  # not 'Democratic Party'
                                              and not _ORG_WORDS_RE.search(" ".join(t for t, _, _ in tokens)))):
            lead += 1
        titled = [i for i in range(len(tokens) - 1) if _TITLE_WORD.match(tokens[i][0])]
        if titled and titled[-1] + 1 > lead and titled[-1] <= 2:
            lead = titled[-1] + 1
        if lead:
            title = title or "title"
            name_start = tokens[lead][1]
        else:
            name_start = tokens[0][1] if tokens else 0
        while tokens and (tokens[-1][0].lower() in _NOT_NAMES or is_compound_adjective(tokens[-1][0])):
            tokens = tokens[:-1]  # 'Pulitzer Prize-winning': an adjective ends the name
        possessive = next((i for i, t in enumerate(tokens) if t[0][-2:] in ("'s", "’s")), None)
        if possessive is not None:  # "Prigozhin's Twilight", "Putin's Russia", "Vladimir Putin's army": the possessor
            word, first, last = tokens[possessive]
            tokens = tokens[:possessive] + ([(word[:-2], first, last - 2)] if re.search(r"\w", word[:-2]) else [])
        if not tokens or (len(tokens) == 1 and tokens[0][0] in lexicon.COMMON_ACRONYMS):
            continue  # 'a PR stunt', 'IQ'
        if _TITLE_WORD.match(tokens[-1][0]) and tokens[-1][0] not in _SURNAME_TITLES:
            continue  # 'Police Chief', 'the Foreign Minister': a role, no name ('Mark Judge' is one)
        if len(tokens) > 1 and re.fullmatch(lexicon.NAMED_THING_HEADS, tokens[-1][0]):
            continue  # 'Victory Day', 'Minsk Agreement', 'Red Square': events, texts and places, not actors
        start = match.start() if match.group("title") and tokens[0][1] == base else tokens[0][1]
        end = tokens[-1][2]
        if not free(start, end):
            continue
        # an organisation named with 'of' / 'for' takes the name after it (checked free again below, since a
        # state after 'of' takes the head into its designation instead)
        named_body, head = False, tokens[-1][0]
        while _NAMED_BODY_HEAD.fullmatch(head) and (of_name := _OF_NAME.match(text, end)):
            state = next((m for m in found if m.start == of_name.start("name") and m.kind == STATE), None)
            if state is not None:  # 'the Bank of Russia': the state's designation, as 'Russia's central bank' is
                taken.remove((state.start, state.end))
                state.start, state.designation = start, text[start:state.end]
                insort(taken, (state.start, state.end))
                break
            if not free(of_name.start(), of_name.end()) or any(_TITLE_WORD.match(word) for word in
                                                                 of_name.group("name").split()[:-1]):
                break  # 'the Federal Bureau of Investigation Director Louis Freeh': a person follows
            end, named_body = of_name.end(), True  # 'the Ministry of Defence', 'the Sons of the Delta'
            head = of_name.group("name").split()[-1]
        if not free(start, end):
            continue
        name = text[name_start:end]
        if not re.search(r"\w", name):
            continue
        if len(tokens) == 1 and _ORG_WORDS_RE.fullmatch(name) and _UNNAMED_EMPLOYER.match(text, end):
            continue  # 'Company spokesman John Smith', 'Police spokesman X': a common noun, no name
        kind = ORG if named_body or _ORG_WORDS_RE.search(name) or (_ACRONYM.match(name) and not title) else PERSON
        if kind == PERSON and not title and len(tokens) > 1 and _THE_BEFORE.search(text[max(0, start - 5):start]):
            kind = ORG  # 'told the Carnford Echo', 'voted by the Tiel Courant': English gives no person's name 'the'
        if kind == PERSON and not title and all(t.lower() in lowercase_words for t, _, _ in tokens):
            continue  # 'Drone Attack' in a title-case headline: each word is written lower-case elsewhere
        if kind == PERSON and not title and _only_in(headlines, start, name, text):
            continue  # a capitalised run only in a title-case headline ('The Anatomy of a Staged Provocation')
        if len(tokens) == 1 and is_compound_adjective(tokens[0][0]):
            continue
        if kind == PERSON and len(tokens) - lead == 1 and not title:
            singles.append((start, end, name))  # a person only if a fuller name has this surname
            continue
        if kind == PERSON and not title and possessive is None and _PLACE_BEFORE.search(text[max(0, start - 12):start]):
            places.add(name)
            continue
        add(Mention(start, end, name, kind, text[start:end]))
    if places:  # 'Las Vegas police' too, once 'in Las Vegas' showed the name is a place
        found = [m for m in found if not (m.kind == PERSON and m.designation in places)]
        taken[:] = sorted((m.start, m.end) for m in found)
    surnames = {m.actor.split()[-1] for m in found if m.kind == PERSON}
    for start, end, name in singles:
        if name in surnames and free(start, end):
            add(Mention(start, end, name, PERSON, text[start:end]))
    found.sort(key=lambda m: m.start)
    return _merge_people(found)


def is_compound_adjective(word: str) -> bool:
    """'Kastovian-made', 'Russian-backed', 'US-led': capitalised, but an adjective, not a name."""
    return re.fullmatch(r"[^\W\d_][\w'’]*-[a-z][\w-]*", word) is not None


def _in_lines(lines: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in lines)


def _only_in(lines: list[tuple[int, int]], start: int, name: str, text: str) -> bool:
    """Whether the name at `start` stands in one of `lines` and nowhere else in the text."""
    return _in_lines(lines, start) and all(_in_lines(lines, m.start()) for m in re.finditer(re.escape(name), text))


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Offsets of lines written in title case (headlines: most words of four letters or more capitalised, and
    one sentence: a paragraph full of names is no headline)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line.group(0)) if len(w) >= 4]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words) \
                and not re.search(rf"[.!?][\"”’)]?\s+[\"“‘(]?[{_UPPER}]", line.group(0)):
            spans.append(line.span())
    return spans


def _merge_people(mentions: list[Mention]) -> list[Mention]:
    """Give 'Putin', 'President Putin' and 'Vladimir Putin' one actor. A full name joins a fuller one that
    holds its first word ('Quentin Smith' and 'Quentin Lamar Smith', but not 'Candace Smith'; 'Bill Clinton'
    is not 'Hillary Clinton') or whose first word is an abbreviation ('AG Sessions'); a surname alone joins
    the nearest full name before it that ends with it (else the most mentioned). A group is named by its most
    frequent full name, then one without an abbreviation, then the fullest ('Hillary Clinton', not a stray
    'Democrat Hillary Rodham Clinton')."""
    people = sorted((m for m in mentions if m.kind == PERSON), key=lambda m: m.start)
    counts = Counter(m.actor for m in people)
    by_surname: dict[str, list[str]] = {}  # full names by their last word: longest, most mentioned first
    for name in sorted({m.actor for m in people if " " in m.actor}, key=lambda n: (-len(n.split()), -counts[n], n)):
        by_surname.setdefault(name.split()[-1], []).append(name)

    def fullest(name: str) -> str:
        words = name.split()
        return next((n for n in by_surname.get(words[-1], ()) if (len(n.split()) > len(words) and words[0] in
                     n.split()[:-1]) or (words[0].isupper() and not n.split()[0].isupper())), name)

    groups: dict[str, list[str]] = {}
    for names in by_surname.values():
        for name in names:
            groups.setdefault(fullest(name), []).append(name)
    label = {head: max(members, key=lambda n: (counts[n], not n.split()[0].isupper(), len(n.split())))
             for head, members in groups.items()}
    heads_by_surname: dict[str, list[str]] = {}  # a surname before any full name: the most mentioned person
    for head in sorted(groups, key=lambda h: (-sum(counts[n] for n in groups[h]), -len(h.split()), h)):
        heads_by_surname.setdefault(head.split()[-1], []).append(head)
    last_full: dict[str, str] = {}  # the surname's full name seen last, in text order
    for m in people:
        if " " in m.actor:
            head = fullest(m.actor)
            last_full[m.actor.split()[-1]] = head
            m.actor = label[head]
        elif m.actor in last_full:
            m.actor = label[last_full[m.actor]]
        elif m.actor in heads_by_surname:
            m.actor = label[heads_by_surname[m.actor][0]]
    return mentions


def nearest_actor(mentions: list[Mention], position: int, kinds: tuple[str, ...] = (PERSON,),
                  role: str | None = None) -> Mention | None:
    """The closest mention before `position` of one of `kinds` (preferring one whose title fits `role`)."""
    before = [m for m in mentions if m.end <= position and m.kind in kinds and m.resolved_from is None]
    if not before:
        return None
    if role:
        fitting = [m for m in before if role.lower() in m.designation.lower()]
        if fitting:
            return fitting[-1]
    return before[-1]


@dataclass
class ActorSummary:
    """An actor of one article: its mentions, the designations used, and the kind."""

    actor: str
    kind: str
    mentions: int
    designations: list[str]


def summarise(mentions: list[Mention]) -> list[ActorSummary]:
    """Actors with mention counts and distinct designations, most mentioned first."""
    grouped: dict[str, ActorSummary] = {}
    for m in mentions:
        summary = grouped.setdefault(m.actor, ActorSummary(m.actor, m.kind, 0, []))
        summary.mentions += 1
        if m.designation not in summary.designations:
            summary.designations.append(m.designation)
    return sorted(grouped.values(), key=lambda s: (-s.mentions, s.actor))

"""How each outlet told one story: claims aligned across outlets, relations, designations, techniques, spin.

Claims are the sentences that assert something checkable or contested: the article's `claim` spans
(quotes, hedged and unsourced statements), sentences with a relation (blame, denial...), sentences with a
negation, and each article's lead. Two outlets' claims are the same claim when they share enough content
(stemmed content words and names, overlap over the shorter; across languages, the names and numbers they
share, which the story clusterer compares across scripts); a shared claim is *contested* when one side
negates or denies what the other asserts ("an attempt to assassinate the president" against "no attempt
to assassinate ... a PR stunt"), *agreed* otherwise; a claim no other outlet makes is *only here*.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spinlens.corpus.stories import name_keys, voice
from spinlens.model import Article
from spinlens.techniques.taxonomy import technique

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STOP = frozenset("""
this that with from have been were their they there these those which would could should about after before
into over under while when where what will also than then them some such only very more most other said says
told according because being does doing just like many much must even ever here however whose whom
""".split())
#: Negation and denial cues in the six analysed languages: a claim carrying one denies or frames opposite.
_NEGATION = re.compile(r"(?i)\b(?:"
                       r"no|not|never|nothing|none|neither|nor|without|false|fake|staged|stunt|hoax|denied|denies|"
                       r"deny|rejected|rejects|dismissed|refuted|n['’]t|rather\s+than|instead\s+of|"  # en
                       r"ne|n['’]|pas|jamais|aucun|aucune|sans|faux|fausse|démenti|dément|démentent|rejeté|rejette|"
                       r"mise\s+en\s+scène|"  # fr
                       r"nicht|kein|keine|keinen|keiner|niemals|ohne|falsch|dementiert|bestritten|bestreitet|"
                       r"zurückgewiesen|inszeniert|"  # de
                       r"non|mai|nessun|nessuna|nessuno|senza|falso|falsa|smentito|smentisce|respinto|messinscena|"  # it
                       r"nie|nigdy|żaden|żadna|żadnego|bez|fałszywy|zaprzecza|zaprzeczył|odrzucił|ustawka|"  # pl
                       r"не|нет|никогда|ни|без|ложь|фейк|отрицает|отрицают|опроверг|опровергли|отверг|отвергли|"
                       r"инсценировка|инсценировкой"  # ru
                       r")(?!\w)")
#: Share of the shorter claim's stems the two must have in common, and at least this many stems.
SAME_CLAIM_OVERLAP = 0.3
SAME_CLAIM_MIN_STEMS = 2
#: Across languages words cannot be compared; names and numbers can ("Varnholt" = "Варнхольт"): the two
#: claims must share this many name keys, and this share of the shorter claim's names.
CROSS_LANGUAGE_MIN_NAMES = 2
CROSS_LANGUAGE_OVERLAP = 0.5


def _stems(text: str) -> set[str]:
    return {w.lower()[:6] for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in _STOP}


@dataclass
class Claim:
    """One claim of one article, with the outlet that makes it."""

    outlet: str
    article_id: str
    text: str
    start: int
    end: int
    negated: bool
    stems: set[str] = field(repr=False, default_factory=set)
    language: str = "und"
    names: set[str] = field(repr=False, default_factory=set)


@dataclass
class AlignedClaim:
    """A claim across outlets: agreed, contested, or only here; each outlet's wording."""

    status: str
    claims: list[Claim]

    @property
    def outlets(self) -> list[str]:
        """The outlets that make this claim."""
        return sorted({c.outlet for c in self.claims})


@dataclass
class OutletView:
    """One outlet's telling: its articles, spin, techniques, relations and designations of actors."""

    outlet: str
    article_ids: list[str]
    spin: float | None
    techniques: list[tuple[str, int]]
    relations: list[tuple[str, str, str]]  # (relation, agent, target)
    designations: dict[str, list[str]]


@dataclass
class StoryComparison:
    """A story side by side by outlet, with its claims aligned."""

    outlets: list[OutletView]
    claims: list[AlignedClaim]


def _claims(article: Article, outlet: str) -> list[Claim]:
    """The claim sentences of an article (see the module docstring)."""
    sentences = article.layer("sentence")
    wanted: list[tuple[int, int]] = [(s.start, s.end) for s in article.layer("claim")]
    wanted += [(s.start, s.end) for s in article.layer("relation")]
    title = article.layer("title")
    body = [s for s in sentences if not title or s.start >= title[0].end]
    wanted += [(s.start, s.end) for s in body[:2]]
    wanted += [(s.start, s.end) for s in body if _NEGATION.search(article.span_text(s))]
    found, seen = [], set()
    for start, end in sorted(wanted):
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (start, end)
        if (start, end) in seen:
            continue
        seen.add((start, end))
        text = article.text[start:end]
        found.append(Claim(outlet, article.id, text, start, end, bool(_NEGATION.search(text)), _stems(text),
                           article.language or "und", name_keys(text)))
    return found


def _same(a: Claim, b: Claim) -> bool:
    if a.language != b.language and "und" not in (a.language, b.language):
        names = len(a.names & b.names)
        return names >= CROSS_LANGUAGE_MIN_NAMES and names >= CROSS_LANGUAGE_OVERLAP * min(len(a.names), len(b.names))
    shared = len(a.stems & b.stems)
    return shared >= SAME_CLAIM_MIN_STEMS and shared >= SAME_CLAIM_OVERLAP * min(len(a.stems), len(b.stems))


def align_claims(claims: list[Claim]) -> list[AlignedClaim]:
    """Group claims of different outlets that say the same thing; label each group."""
    groups: list[list[Claim]] = []
    for claim in claims:
        home = next((g for g in groups if any(_same(claim, other) and other.outlet != claim.outlet for other in g)),
                    None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    aligned = []
    for group in groups:
        outlets = {c.outlet for c in group}
        if len(outlets) < 2:
            status = "only here"
        elif len({c.negated for c in group}) > 1:
            status = "contested"
        else:
            status = "agreed"
        aligned.append(AlignedClaim(status, group))
    order = {"contested": 0, "agreed": 1, "only here": 2}
    return sorted(aligned, key=lambda a: (order[a.status], -len(a.outlets)))


def compare_story(articles: list[Article]) -> StoryComparison:
    """Compare the articles of one story by outlet (copies should be left out by the caller)."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(voice(article), []).append(article)
    views, claims = [], []
    for outlet, items in sorted(by_outlet.items()):
        spins = [a.extra["spin"]["score"] for a in items if isinstance(a.extra.get("spin"), dict)]
        techniques = Counter(s.label for a in items for s in a.layer("technique"))
        relations = [(s.label, s.attrs.get("agent_actor") or s.attrs.get("agent") or "?",
                      s.attrs.get("target_actor") or s.attrs.get("target") or "?")
                     for a in items for s in a.layer("relation")]
        designations: dict[str, list[str]] = {}
        for a in items:
            for s in a.layer("actor"):
                names = designations.setdefault(s.label, [])
                if s.attrs.get("designation") and s.attrs["designation"] not in names:
                    names.append(s.attrs["designation"])
        views.append(OutletView(outlet, [a.id for a in items], sum(spins) / len(spins) if spins else None,
                                techniques.most_common(5), relations, designations))
        for a in items:
            claims += _claims(a, outlet)
    return StoryComparison(views, align_claims(claims))


def outlet_summary(view: OutletView, relations: int = 4) -> tuple[str, str]:
    """(its top techniques by display name, its first relations as 'agent relation target') for one outlet."""
    techniques = ", ".join(f"{technique(t).display} ×{n}" for t, n in view.techniques[:3])
    phrases = (" ".join(["(unnamed)" if agent == "?" else agent, kind, *([] if target == "?" else [target])])
               for kind, agent, target in view.relations[:relations])
    return techniques, "; ".join(phrases)


def outlet_designations(view: OutletView, actors: int = 4) -> str:
    """The designations one outlet uses for its first actors, as 'actor: name, name; actor: ...'."""
    return "; ".join(f"{actor}: {', '.join(names[:3])}" for actor, names in list(view.designations.items())[:actors])


def _outlet_rows(comparison: StoryComparison) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for view in comparison.outlets:
        spin = "-" if view.spin is None else f"{view.spin:.0f}"
        techniques, relations = outlet_summary(view)
        designations = outlet_designations(view)
        rows.append((view.outlet, spin, techniques, relations, designations))
    return rows


def comparison_markdown(title: str, comparison: StoryComparison) -> str:
    """A story side by side as Markdown (every article-derived string escaped)."""
    from spinlens.report.markdown import escape_markdown as md

    lines = [f"# {md(title)}", "", "| outlet | spin | techniques | relations | designations |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in _outlet_rows(comparison)]
    for status in ("contested", "agreed"):
        groups = [c for c in comparison.claims if c.status == status]
        if groups:
            lines += ["", f"## Claims {status}", ""]
            lines += ["- " + md(" | ".join(f"{c.outlet}: {c.text}" for c in group.claims)) for group in groups]
    return "\n".join(lines) + "\n"


def comparison_html(title: str, comparison: StoryComparison) -> str:
    """A story side by side as one self-contained, escaped HTML page."""
    from html import escape

    head = "".join(f"<th>{h}</th>" for h in ("outlet", "spin", "techniques", "relations", "designations"))
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                   for row in _outlet_rows(comparison))
    claims = ""
    for status in ("contested", "agreed"):
        items = "".join("<li>" + " <b>·</b> ".join(f"<i>{escape(c.outlet)}</i>: {escape(c.text)}" for c in group.claims)
                        + "</li>" for group in comparison.claims if group.status == status)
        claims += f"<h2>Claims {status}</h2><ul>{items}</ul>" if items else ""
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{escape(title)}</title><style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem}}"
            "td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}</style></head>"
            f"<body><h1>{escape(title)}</h1><table>{head}{rows}</table>{claims}</body></html>\n")

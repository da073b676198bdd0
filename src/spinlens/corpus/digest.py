"""Digest of a period: its stories, each outlet's coverage and the main contested claims, as Markdown,
a self-contained HTML page, or an Atom feed (article content always escaped)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from xml.etree import ElementTree

from spinlens.corpus.compare import compare_story
from spinlens.corpus.stories import Story, voice
from spinlens.model import Article, published_moment


@dataclass
class DigestStory:
    """One story of the period."""

    id: int
    title: str
    first: str | None
    last: str | None
    outlets: dict[str, int]
    languages: list[str]
    contested: list[list[tuple[str, str]]] = field(default_factory=list)  # per claim: (outlet, sentence)
    articles: list[tuple[str, str, str]] = field(default_factory=list)  # (id, outlet, title)


@dataclass
class Digest:
    """The stories with articles published in [since, until)."""

    since: str
    until: str
    stories: list[DigestStory]


#: Length of each digest period.
PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7)}


def digest_window(period: str, since: datetime | None = None, until: datetime | None = None,
                  today: date | None = None) -> tuple[datetime, datetime]:
    """[since, until) of a digest: both as given; one given, the `period` from `since` or up to `until`;
    neither, the `period` up to the end of `today`."""
    length = PERIODS[period]
    if until is None:
        until = _shifted(since, length) if since is not None else datetime.combine(
            (today or date.today()) + timedelta(days=1), datetime.min.time())
    return (since if since is not None else _shifted(until, -length)), until


def _shifted(moment: datetime, by: timedelta) -> datetime:
    """`moment + by`, held at the first or last moment there is (a week before 0001-01-03, after 9999-12-30)."""
    try:
        return moment + by
    except OverflowError:
        return datetime.max if by > timedelta(0) else datetime.min


def build_digest(articles: list[Article], stories: list[Story], copies: set[str], since: datetime,
                 until: datetime) -> Digest:
    """Stories with at least one article published in the period (or, with no dates at all, stored in it),
    most covered first."""
    by_id = {a.id: a for a in articles}
    found = []
    for story in stories:
        inside = [by_id[i] for i in story.article_ids if i in by_id and i not in copies
                  and (moment := published_moment(by_id[i].published)) and since <= moment < until]
        undated_story = story.first is None and story.stored_first is not None
        if undated_story and since <= story.stored_first < until:  # no dates at all: when it was stored
            inside = [by_id[i] for i in story.article_ids if i in by_id and i not in copies]
        if not inside:
            continue
        comparison = compare_story([by_id[i] for i in story.article_ids if i in by_id and i not in copies])
        contested = [[(c.outlet, c.text) for c in claim.claims] for claim in comparison.claims
                     if claim.status == "contested"][:3]
        outlets: dict[str, int] = {}
        for article in inside:
            outlets[voice(article)] = outlets.get(voice(article), 0) + 1
        dates = sorted(a.published[:10] for a in inside if a.published)
        first, last = (dates[0], dates[-1]) if dates else story.time_span()
        found.append(DigestStory(story.id, story.title, first, last, outlets,
                                 sorted({a.language or "und" for a in inside}), contested,
                                 [(a.id, a.outlet or "", a.title or "") for a in inside]))
    found.sort(key=lambda s: (-len(s.outlets), -len(s.articles)))
    return Digest(since.date().isoformat(), until.date().isoformat(), found)


def digest_markdown(digest: Digest) -> str:
    """The digest as Markdown (every article-derived string escaped)."""
    from spinlens.report.markdown import escape_markdown as md

    lines = [f"# spinlens digest {digest.since} – {digest.until}", "",
             f"{len(digest.stories)} stories.", ""]
    for story in digest.stories:
        lines += [f"## {md(story.title or f'story {story.id}')}", "",
                  f"- **when**: {story.first} – {story.last}",
                  "- **coverage**: " + md(", ".join(f"{o} ({n})" for o, n in story.outlets.items())),
                  f"- **languages**: {', '.join(story.languages)}", ""]
        for claim in story.contested:
            lines.append("- **contested**: " + md(" | ".join(f"{o}: {t}" for o, t in claim)))
        lines += ["", *(f"- {md(title)} ({md(outlet)}, `{aid[:8]}`)" for aid, outlet, title in story.articles), ""]
    return "\n".join(lines) + "\n"


def digest_html(digest: Digest) -> str:
    """The digest as one self-contained HTML page with a Content-Security-Policy."""
    parts = []
    for story in digest.stories:
        contested = "".join("<li>" + " <b>vs</b> ".join(f"<i>{escape(o)}</i>: {escape(t)}" for o, t in claim) + "</li>"
                            for claim in story.contested)
        articles = "".join(f"<li>{escape(title)} <small>({escape(outlet)})</small></li>"
                           for _, outlet, title in story.articles)
        parts.append(f"<section><h2>{escape(story.title or f'story {story.id}')}</h2>"
                     f"<p>{escape(str(story.first))} – {escape(str(story.last))}; "
                     + escape(", ".join(f"{o} ({n})" for o, n in story.outlets.items()))
                     + (f"</p><h3>Contested</h3><ul>{contested}</ul>" if contested else "</p>")
                     + f"<ul>{articles}</ul></section>")
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"
            f"<title>spinlens digest {escape(digest.since)} – {escape(digest.until)}</title>"
            "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
            "section{border-top:1px solid #ddd;margin-top:1.5rem}</style></head><body>"
            f"<h1>spinlens digest {escape(digest.since)} – {escape(digest.until)}</h1>{''.join(parts)}</body></html>\n")


def digest_atom(digest: Digest) -> str:
    """The digest as an Atom feed: one entry per story (ElementTree escapes every text)."""
    ns = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", ns)
    feed = ElementTree.Element(f"{{{ns}}}feed")
    ElementTree.SubElement(feed, f"{{{ns}}}title").text = f"spinlens digest {digest.since} – {digest.until}"
    ElementTree.SubElement(feed, f"{{{ns}}}id").text = f"urn:spinlens:digest:{digest.since}:{digest.until}"
    ElementTree.SubElement(feed, f"{{{ns}}}updated").text = f"{digest.until}T00:00:00Z"
    for story in digest.stories:
        entry = ElementTree.SubElement(feed, f"{{{ns}}}entry")
        ElementTree.SubElement(entry, f"{{{ns}}}title").text = story.title or f"story {story.id}"
        ElementTree.SubElement(entry, f"{{{ns}}}id").text = f"urn:spinlens:story:{digest.since}:{story.id}"
        ElementTree.SubElement(entry, f"{{{ns}}}updated").text = f"{story.last}T00:00:00Z"
        summary = "Coverage: " + ", ".join(f"{o} ({n})" for o, n in story.outlets.items())
        for claim in story.contested:
            summary += "\nContested: " + " | ".join(f"{o}: {t}" for o, t in claim)
        ElementTree.SubElement(entry, f"{{{ns}}}summary").text = summary
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"

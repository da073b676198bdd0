"""Sources: per outlet, its articles over time, languages, stories covered and missed, techniques, spin, designations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spinlens.corpus.stories import Story
from spinlens.model import NO_OUTLET, Article


@dataclass
class SourceProfile:
    """One outlet across the library."""

    outlet: str
    articles: int
    languages: dict[str, int]
    by_month: dict[str, int]  # YYYY-MM (or "undated") -> articles
    spin_by_month: dict[str, float]  # YYYY-MM -> mean spin
    techniques: list[tuple[str, int]]
    designations: dict[str, list[str]]  # actor -> the outlet's designations for it
    stories_covered: list[int]
    stories_missed: list[int]  # stories covered by at least two other outlets and not carried here, not even a copy
    copies_of_others: int = 0
    spin: float | None = None
    notes: list[str] = field(default_factory=list)


def outlet_of(article: Article) -> str:
    """The outlet a source profile counts an article under: its outlet, or NO_OUTLET when it has none (the
    outlet filter of `Library.list` selects the same articles by either name)."""
    return NO_OUTLET if not article.outlet or article.outlet.lower() == NO_OUTLET else article.outlet


def _grouped_by_outlet(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles per outlet, spellings that differ only in case together (the outlet filter ignores case too),
    under the spelling most of them use (the first in alphabetical order among equals)."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(outlet_of(article).casefold(), []).append(article)
    named = {}
    for items in groups.values():
        spellings = Counter(outlet_of(a) for a in items)
        named[min(spellings, key=lambda name: (-spellings[name], name))] = items
    return named


def source_profiles(articles: list[Article], stories: list[Story], copies: dict[str, str]) -> list[SourceProfile]:
    """A profile per outlet, articles without one grouped under NO_OUTLET (copies count for the outlet that
    published them, not as coverage; a story it carried only as a copy is not missed either)."""
    story_of = {article_id: story.id for story in stories for article_id in story.article_ids}
    by_outlet = _grouped_by_outlet(articles)
    coverage: dict[int, set[str]] = {}
    for outlet, items in by_outlet.items():
        for article in items:
            if article.id not in copies and article.id in story_of:
                coverage.setdefault(story_of[article.id], set()).add(outlet)
    profiles = []
    for outlet, items in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        months: Counter = Counter()
        spins: dict[str, list[float]] = {}
        techniques: Counter = Counter()
        designations: dict[str, list[str]] = {}
        for article in items:
            month = (article.published or "")[:7] or "undated"
            months[month] += 1
            spin = article.extra.get("spin")
            if isinstance(spin, dict):
                spins.setdefault(month, []).append(spin["score"])
            techniques.update(s.label for s in article.layer("technique"))
            for s in article.layer("actor"):
                names = designations.setdefault(s.label, [])
                if s.attrs.get("designation") and s.attrs["designation"] not in names:
                    names.append(s.attrs["designation"])
        covered = sorted(story for story, outlets in coverage.items() if outlet in outlets)
        carried = {story_of.get(a.id, story_of.get(copies.get(a.id, ""))) for a in items}  # copies included
        missed = sorted(story for story, outlets in coverage.items()
                        if outlet not in outlets and story not in carried and len(outlets) >= 2)
        all_spins = [v for values in spins.values() for v in values]
        profiles.append(SourceProfile(
            outlet=outlet, articles=len(items), languages=dict(Counter(a.language or "und" for a in items)),
            by_month=dict(sorted(months.items())),
            spin_by_month={m: round(sum(v) / len(v), 1) for m, v in sorted(spins.items())},
            techniques=techniques.most_common(6), designations=designations, stories_covered=covered,
            stories_missed=missed, copies_of_others=sum(1 for a in items if a.id in copies),
            spin=round(sum(all_spins) / len(all_spins), 1) if all_spins else None))
    return profiles

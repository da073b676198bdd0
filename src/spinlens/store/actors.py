"""Actors across the library and the claims filters of article queries (SQL over the spans table)."""

from __future__ import annotations

import functools
import re
import sqlite3

from pydantic import BaseModel, Field

#: The WHERE term of the partial index over analysis layers (migration 004); queries repeat it verbatim.
_ANALYSIS = "layer IN ('actor', 'relation', 'quote', 'claim', 'hedge', 'technique', 'evidence')"


def claims_condition(actors: list[str] | None, relation: str | None) -> tuple[str, list]:
    """An EXISTS clause: the article mentions one of `actors` (the stored names of one actor, `actor_names`),
    has a `relation`, or has one with one of `actors` in it."""
    names = list(actors or [])
    marks = ",".join("?" * len(names))
    if relation and names:
        return (f"EXISTS (SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.{_ANALYSIS} AND s.layer = 'relation'"
                f" AND s.label = ? AND (json_extract(s.attrs, '$.agent_actor') IN ({marks})"
                f" OR json_extract(s.attrs, '$.target_actor') IN ({marks})))", [relation, *names, *names])
    if relation:
        return (f"EXISTS (SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.{_ANALYSIS} AND s.layer = 'relation'"
                " AND s.label = ?)", [relation])
    return (f"EXISTS (SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.{_ANALYSIS} AND s.layer = 'actor'"
            f" AND s.label IN ({marks}))", names)


class ActorProfile(BaseModel):
    """An actor across the library: how often and how it is named, and its relations to other actors."""

    actor: str
    kind: str
    mentions: int
    articles: int
    designations: dict[str, int] = Field(default_factory=dict)
    acts_on: list[tuple[str, str, int]] = Field(default_factory=list)  # (relation, target or '', count)
    acted_on_by: list[tuple[str, str, int]] = Field(default_factory=list)  # (relation, agent, count)
    #: Other stored names of the same actor, counted with it: its surname alone, or its name in another script.
    folded: list[str] = Field(default_factory=list)


def _actors(conn: sqlite3.Connection, labels: list[str] | None = None) -> list[ActorProfile]:
    """Every actor of the library with its counts, names of one actor folded together, most mentioned first
    (`labels`: only the actor spans so labelled; `_related_labels` gives the ones one actor's folding reads)."""
    if labels is not None and not labels:
        return []
    only, params = (f" AND label IN ({','.join('?' * len(labels))})", list(labels)) if labels is not None else ("", [])
    rows = conn.execute(
        f"SELECT label, COUNT(*) AS mentions, COUNT(DISTINCT article_pk) AS articles FROM spans"
        f" WHERE {_ANALYSIS} AND layer = 'actor'{only} GROUP BY label", params).fetchall()
    kinds: dict[str, tuple[int, str]] = {}  # the kind most of its mentions have (ties: the first in name order)
    kind_counts: dict[tuple[str, str], int] = {}
    designations: dict[str, dict[str, int]] = {}
    for r in conn.execute(f"SELECT label, json_extract(attrs, '$.kind') AS kind, json_extract(attrs, '$.designation') AS d,"
                          f" COUNT(*) AS n FROM spans WHERE {_ANALYSIS} AND layer = 'actor'{only} GROUP BY 1, 2, 3",
                          params).fetchall():  # one pass over the mentions for both attributes
        key = (r["label"], r["kind"] or "")
        kind_counts[key] = kind_counts.get(key, 0) + r["n"]
        if r["d"]:
            named = designations.setdefault(r["label"], {})
            named[r["d"]] = named.get(r["d"], 0) + r["n"]
    for (label, kind), n in sorted(kind_counts.items()):
        if label not in kinds or n > kinds[label][0]:
            kinds[label] = (n, kind)
    profiles = [ActorProfile(actor=r["label"], kind=kinds.get(r["label"], (0, ""))[1], mentions=r["mentions"],
                             articles=r["articles"], designations=designations.get(r["label"], {})) for r in rows]
    return sorted(_merge_scripts(_merge_surnames(profiles)), key=lambda p: (-p.mentions, p.actor))


def _related_labels(conn: sqlite3.Connection, actor: str) -> list[str]:
    """The actor labels whose folding can involve `actor`: its own spellings, full names ending with a
    one-word name of the set and that name, names of the same `name_key`, until nothing is added. Folding
    these alone gives `actor` the same names as folding the whole library, without reading every mention."""
    everything = [r["label"] for r in conn.execute(
        f"SELECT DISTINCT label FROM spans WHERE {_ANALYSIS} AND layer = 'actor'").fetchall()]
    ending: dict[str, list[str]] = {}
    single: dict[str, str] = {}
    for label in everything:
        words = label.split()
        if len(words) > 1:
            ending.setdefault(words[-1], []).append(label)
        elif words:
            single[label] = label
    found = {label for label in everything if label.casefold() == actor.casefold()}
    keyed: dict[str, list[str]] | None = None
    todo = list(found)
    while todo:
        label = todo.pop()
        words = label.split()
        related = list(ending.get(label, [])) if len(words) == 1 else [single.get(words[-1], ""), *ending[words[-1]]]
        if len(words) > 1:
            if keyed is None:  # every full name's key, computed once and only when a full name is asked about
                keyed = {}
                for full in (name for names in ending.values() for name in names):
                    keyed.setdefault(name_key(full), []).append(full)
            related += keyed.get(name_key(label), [])
        for other in related:
            if other and other not in found:
                found.add(other)
                todo.append(other)
    return sorted(found)


def _named(profile: ActorProfile, actor: str) -> bool:
    return any(name.casefold() == actor.casefold() for name in (profile.actor, *profile.folded))


def actor_names(conn: sqlite3.Connection, actor: str) -> list[str]:
    """The stored names the actors view counts as `actor` (matched case-insensitively, folded names too)."""
    found = [name for p in _actors(conn, _related_labels(conn, actor)) if _named(p, actor)
             for name in (p.actor, *p.folded)]
    return found or [actor]


def actor_profiles(conn: sqlite3.Connection, *, limit: int = 50, actor: str | None = None) -> list[ActorProfile]:
    """Actor profiles from the `actor` and `relation` spans, most mentioned first (`actor`: only the one
    named so, under any of its folded names)."""
    everyone = _actors(conn)
    shown = {name: p.actor for p in everyone for name in p.folded}
    profiles = [p for p in everyone if actor is None or _named(p, actor)][:limit]
    owner = {name: p for p in profiles for name in (p.actor, *p.folded)}
    names = list(owner)
    relations = conn.execute(
        f"SELECT label AS type, json_extract(attrs, '$.agent_actor') AS agent,"
        f" json_extract(attrs, '$.target_actor') AS target, COUNT(*) AS n FROM spans"
        f" WHERE {_ANALYSIS} AND layer = 'relation' GROUP BY 1, 2, 3").fetchall() if names else []
    for r in relations:  # a relation without a target ('Kastovia denied any involvement') has target ''
        if r["agent"] in owner:
            owner[r["agent"]].acts_on.append((r["type"], shown.get(r["target"], r["target"] or ""), r["n"]))
        if r["target"] in owner and r["agent"]:
            owner[r["target"]].acted_on_by.append((r["type"], shown.get(r["agent"], r["agent"]), r["n"]))
    for p in profiles:  # the same order whatever the database returns for ties
        p.designations = dict(sorted(p.designations.items(), key=lambda item: (-item[1], item[0])))
        p.acts_on = _summed(p.acts_on)
        p.acted_on_by = _summed(p.acted_on_by)
    return profiles


def _summed(relations: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Counts of the same (relation, other actor) added up (two folded names may both have one), most first."""
    total: dict[tuple[str, str], int] = {}
    for kind, other, n in relations:
        total[(kind, other)] = total.get((kind, other), 0) + n
    return sorted(((k, o, n) for (k, o), n in total.items()), key=lambda item: (-item[2], item[0], item[1]))


def _merge_surnames(profiles: list[ActorProfile]) -> list[ActorProfile]:
    """Fold a one-word person ('Moravek') into the one fuller name ending with it ('Anzel Moravek').

    Within an article the claims stage already merges them; across articles an article that only ever
    says 'Moravek' would otherwise count as another actor. Ambiguous surnames stay apart. An article that
    names the person by surname alone may type it as a group (an unknown single name); it folds too.
    """
    full: dict[str, list[ActorProfile]] = {}
    for p in profiles:
        if p.kind == "person" and len(p.actor.split()) > 1:
            full.setdefault(p.actor.split()[-1], []).append(p)
    kept = []
    for p in profiles:
        owners = full.get(p.actor, []) if p.kind in ("person", "group") and len(p.actor.split()) == 1 else []
        if len(owners) != 1:
            kept.append(p)
            continue
        _fold(owners[0], p)
    return kept


def _fold(owner: ActorProfile, other: ActorProfile) -> None:
    """Count `other` (the same actor under another name) with `owner`, and record its names."""
    owner.mentions += other.mentions
    owner.articles += other.articles  # an upper bound: an article may use both names
    owner.folded += [other.actor, *other.folded]
    for designation, n in other.designations.items():
        owner.designations[designation] = owner.designations.get(designation, 0) + n


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A spelling-insensitive key of a person's name across scripts: 'Анна Вебер' and 'Anna Weber' share one
    (`anyascii` transliteration, then the spellings transliterations differ in folded: w/v, j/y/i, sch/sh,
    doubled letters)."""
    from anyascii import anyascii

    key = re.sub(r"[^a-z ]", "", anyascii(name).lower())
    for pattern, replacement in _SPELLINGS:
        key = re.sub(pattern, replacement, key)
    return " ".join(key.split())


_SPELLINGS = [(r"sch", "sh"), (r"sz", "sh"), (r"cz", "ch"), (r"tz", "ts"), (r"ck", "k"), (r"ph", "f"), (r"x", "ks"),
              (r"w", "v"), (r"[jy]", "i"), (r"(.)\1+", r"\1")]


def _merge_scripts(profiles: list[ActorProfile]) -> list[ActorProfile]:
    """Fold a person's name written in another script ('Анна Вебер') into the same name in Latin letters
    ('Anna Weber'), or the other way round, whichever is mentioned more; full names only, and only when
    exactly one name of the other script has the same key (`name_key`)."""
    people = [p for p in profiles if p.kind == "person" and len(p.actor.split()) > 1]
    by_key: dict[str, list[ActorProfile]] = {}
    for p in people:
        by_key.setdefault(name_key(p.actor), []).append(p)
    folded: set[int] = set()
    for group in by_key.values():
        is_latin = [p.actor.isascii() or not re.search(r"[^\W\d_a-zA-ZÀ-ɏ]", p.actor) for p in group]
        latin = [p for p, flag in zip(group, is_latin) if flag]
        other = [p for p, flag in zip(group, is_latin) if not flag]
        if len(latin) != 1 or len(other) != 1:
            continue
        owner, merged = sorted(latin + other, key=lambda p: (-p.mentions, p is not latin[0]))
        _fold(owner, merged)
        folded.add(id(merged))
    return [p for p in profiles if id(p) not in folded]

"""Actors across the library and the claims filters of article queries (SQL over the spans table)."""

from __future__ import annotations

import re
import sqlite3

from pydantic import BaseModel, Field

#: The WHERE term of the partial index over analysis layers (migration 004); queries repeat it verbatim.
_ANALYSIS = "layer IN ('actor', 'relation', 'quote', 'claim', 'hedge', 'technique', 'evidence')"


def claims_condition(actor: str | None, relation: str | None) -> tuple[str, list]:
    """An EXISTS clause: the article mentions `actor`, has a `relation`, or has one with `actor` in it."""
    if relation and actor:
        return (f"EXISTS (SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.{_ANALYSIS} AND s.layer = 'relation'"
                " AND s.label = ? AND (json_extract(s.attrs, '$.agent_actor') = ? COLLATE NOCASE"
                " OR json_extract(s.attrs, '$.target_actor') = ? COLLATE NOCASE))", [relation, actor, actor])
    layer, value = ("relation", relation) if relation else ("actor", actor)
    return (f"EXISTS (SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.{_ANALYSIS} AND s.layer = ?"
            " AND s.label = ? COLLATE NOCASE)", [layer, value])


class ActorProfile(BaseModel):
    """An actor across the library: how often and how it is named, and its relations to other actors."""

    actor: str
    kind: str
    mentions: int
    articles: int
    designations: dict[str, int] = Field(default_factory=dict)
    acts_on: list[tuple[str, str, int]] = Field(default_factory=list)  # (relation, target, count)
    acted_on_by: list[tuple[str, str, int]] = Field(default_factory=list)  # (relation, agent, count)


def actor_profiles(conn: sqlite3.Connection, *, limit: int = 50, actor: str | None = None) -> list[ActorProfile]:
    """Actor profiles from the `actor` and `relation` spans, most mentioned first."""
    only = " AND label = ? COLLATE NOCASE" if actor else ""
    args = (actor,) if actor else ()
    rows = conn.execute(
        f"SELECT label, MAX(json_extract(attrs, '$.kind')) AS kind, COUNT(*) AS mentions,"
        f" COUNT(DISTINCT article_pk) AS articles FROM spans WHERE {_ANALYSIS} AND layer = 'actor'{only}"
        " GROUP BY label ORDER BY mentions DESC, label LIMIT ?", (*args, limit)).fetchall()
    names = [r["label"] for r in rows]
    marks = ",".join("?" * len(names))
    designations = conn.execute(
        f"SELECT label, json_extract(attrs, '$.designation') AS d, COUNT(*) AS n FROM spans"
        f" WHERE {_ANALYSIS} AND layer = 'actor' AND label IN ({marks}) GROUP BY label, d",
        names).fetchall() if names else []
    relations = conn.execute(
        f"SELECT label AS type, json_extract(attrs, '$.agent_actor') AS agent,"
        f" json_extract(attrs, '$.target_actor') AS target, COUNT(*) AS n FROM spans"
        f" WHERE {_ANALYSIS} AND layer = 'relation' GROUP BY 1, 2, 3").fetchall()
    profiles = {r["label"]: ActorProfile(actor=r["label"], kind=r["kind"] or "", mentions=r["mentions"],
                                         articles=r["articles"]) for r in rows}
    for r in designations:
        if r["d"]:
            profiles[r["label"]].designations[r["d"]] = r["n"]
    for r in relations:
        if r["agent"] in profiles and r["target"]:
            profiles[r["agent"]].acts_on.append((r["type"], r["target"], r["n"]))
        if r["target"] in profiles and r["agent"]:
            profiles[r["target"]].acted_on_by.append((r["type"], r["agent"], r["n"]))
    merged = _merge_scripts(_merge_surnames(list(profiles.values())))
    for p in merged:  # the same order whatever the database returns for ties
        p.designations = dict(sorted(p.designations.items(), key=lambda item: (-item[1], item[0])))
        p.acts_on.sort(key=lambda item: (-item[2], item[0], item[1]))
        p.acted_on_by.sort(key=lambda item: (-item[2], item[0], item[1]))
    return merged


def _merge_surnames(profiles: list[ActorProfile]) -> list[ActorProfile]:
    """Fold a one-word person ('Moravek') into the one fuller name ending with it ('Anzel Moravek').

    Within an article the claims stage already merges them; across articles an article that only ever
    says 'Moravek' would otherwise count as another actor. Ambiguous surnames stay apart.
    """
    full: dict[str, list[ActorProfile]] = {}
    for p in profiles:
        if p.kind == "person" and len(p.actor.split()) > 1:
            full.setdefault(p.actor.split()[-1], []).append(p)
    kept = []
    for p in profiles:
        owners = full.get(p.actor, []) if p.kind == "person" and len(p.actor.split()) == 1 else []
        if len(owners) != 1:
            kept.append(p)
            continue
        _fold(owners[0], p)
    return kept


def _fold(owner: ActorProfile, other: ActorProfile) -> None:
    """Add `other`'s counts, designations and relations to `owner` (the same actor under another name)."""
    owner.mentions += other.mentions
    owner.articles += other.articles  # an upper bound: an article may use both names
    for designation, n in other.designations.items():
        owner.designations[designation] = owner.designations.get(designation, 0) + n
    owner.acts_on += other.acts_on
    owner.acted_on_by += other.acted_on_by


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
        latin = [p for p in group if p.actor.isascii() or not re.search(r"[^\W\d_a-zA-ZÀ-ɏ]", p.actor)]
        other = [p for p in group if p not in latin]
        if len(latin) != 1 or len(other) != 1:
            continue
        owner, merged = sorted(latin + other, key=lambda p: (-p.mentions, p not in latin))
        _fold(owner, merged)
        folded.add(id(merged))
    return [p for p in profiles if id(p) not in folded]

"""Chart specs (Vega-Lite, drawn by the vendored vega-embed) and the blame graph of the story page.

Specs are plain dicts embedded with `|tojson` in a non-executed JSON script block; every chart on a page is
followed by a table with the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spinlens.corpus.compare import OutletView
from spinlens.corpus.sources import SourceProfile
from spinlens.techniques.taxonomy import GROUPS, technique
from spinlens.web.schemas import StoryComparisonOut

#: Strong colours of the technique groups for charts, the same hues as the report's highlight colours.
GROUP_COLOURS = {"attack on reputation": "#e03131", "justification": "#1c7ed6", "simplification": "#2f9e44",
                 "distraction": "#e8590c", "call": "#7048e8", "manipulative wording": "#f59f00", "other": "#868e96"}
_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
_COUNT_AXIS = {"tickMinStep": 1, "format": "d"}


def _group_scale(values: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The colour scale of the groups present (so the legend lists only those), in the taxonomy's order."""
    present = [g for g in (*GROUPS, "other") if any(v["group"] == g for v in values)]
    return {"domain": present, "range": [GROUP_COLOURS[g] for g in present]}


def spin_over_time(profile: SourceProfile) -> dict[str, Any] | None:
    """Line chart of an outlet's mean spin by month (None when it has no dated spin)."""
    values = [{"month": m, "spin": s, "articles": profile.by_month.get(m, 0)}
              for m, s in sorted(profile.spin_by_month.items()) if m != "undated"]
    if not values:
        return None
    return {"$schema": _SCHEMA, "description": f"Mean spin by month, {profile.outlet}", "width": "container",
            "height": 220, "data": {"values": values}, "mark": {"type": "line", "point": True},
            "encoding": {"x": {"field": "month", "type": "ordinal", "title": "month"},
                         "y": {"field": "spin", "type": "quantitative", "title": "mean spin (0-100)",
                               "scale": {"domain": [0, 100]}},
                         "tooltip": [{"field": "month"}, {"field": "spin", "format": ".0f"}, {"field": "articles"}]}}


def technique_bars(techniques: list[tuple[str, int]]) -> dict[str, Any] | None:
    """Bar chart of technique counts coloured by group (None when there are none)."""
    values = [{"technique": technique(n).display, "group": technique(n).group, "count": c} for n, c in techniques]
    if not values:
        return None
    return {"$schema": _SCHEMA, "description": "Technique profile", "width": "container",
            "height": {"step": 18}, "data": {"values": values}, "mark": "bar",
            "encoding": {"y": {"field": "technique", "type": "nominal", "sort": "-x", "title": None},
                         "x": {"field": "count", "type": "quantitative", "title": "paragraphs", "axis": _COUNT_AXIS},
                         "color": {"field": "group", "type": "nominal", "scale": _group_scale(values)},
                         "tooltip": [{"field": "technique"}, {"field": "group"}, {"field": "count"}]}}


def technique_profile(outlets: list[OutletView]) -> dict[str, Any] | None:
    """Stacked bars: each outlet's technique counts in a story, coloured by group."""
    values = [{"outlet": view.outlet, "technique": technique(n).display, "group": technique(n).group, "count": c}
              for view in outlets for n, c in view.techniques]
    if not values:
        return None
    return {"$schema": _SCHEMA, "description": "Technique profile per outlet", "width": "container",
            "height": {"step": 22}, "data": {"values": values}, "mark": "bar",
            "encoding": {"y": {"field": "outlet", "type": "nominal", "title": None},
                         "x": {"aggregate": "sum", "field": "count", "type": "quantitative", "title": "paragraphs",
                               "axis": _COUNT_AXIS},
                         "color": {"field": "group", "type": "nominal", "scale": _group_scale(values)},
                         "tooltip": [{"field": "outlet"}, {"field": "technique"}, {"field": "count"}]}}


@dataclass
class BlameEdge:
    """Who does what to whom in a story, and which outlets say so."""

    agent: str
    relation: str
    target: str
    outlets: list[str] = field(default_factory=list)


def blame_edges(comparison: StoryComparisonOut) -> list[BlameEdge]:
    """The story's relations between actors as edges, merged across outlets."""
    edges: dict[tuple[str, str, str], BlameEdge] = {}
    for view in comparison.outlets:
        for relation, agent, target in view.relations:
            edge = edges.setdefault((agent, relation, target), BlameEdge(agent, relation.replace("_", " "), target))
            if view.outlet not in edge.outlets:
                edge.outlets.append(view.outlet)
    return sorted(edges.values(), key=lambda e: (-len(e.outlets), e.agent, e.relation))

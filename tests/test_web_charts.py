"""Chart specs of the web app: Vega-Lite dicts with the figures the tables show, group colours as the report's."""

from __future__ import annotations

from spinlens.corpus.compare import OutletView
from spinlens.corpus.sources import SourceProfile
from spinlens.web.charts import GROUP_COLOURS, spin_over_time, technique_bars, technique_profile


def _profile(**changes) -> SourceProfile:
    fields = dict(outlet="Valley Post", articles=3, languages={"en": 3}, by_month={"2026-02": 1, "2026-03": 2},
                  spin_by_month={"2026-02": 10.0, "2026-03": 40.0}, techniques=[], designations={},
                  stories_covered=[], stories_missed=[])
    return SourceProfile(**{**fields, **changes})


def test_spin_over_time_has_one_point_per_dated_month():
    spec = spin_over_time(_profile(spin_by_month={"2026-03": 40.0, "2026-02": 10.0, "undated": 5.0}))
    assert spec["$schema"].endswith("vega-lite/v6.json")
    assert spec["data"]["values"] == [{"month": "2026-02", "spin": 10.0, "articles": 1},
                                      {"month": "2026-03", "spin": 40.0, "articles": 2}]
    assert spin_over_time(_profile(spin_by_month={})) is None


def test_technique_charts_use_display_names_and_only_the_groups_present():
    spec = technique_bars([("Loaded_Language", 5), ("Doubt", 2)])
    assert [v["technique"] for v in spec["data"]["values"]] == ["Loaded language", "Casting doubt"]
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["attack on reputation", "manipulative wording"]
    assert scale["range"] == [GROUP_COLOURS["attack on reputation"], GROUP_COLOURS["manipulative wording"]]
    assert technique_bars([]) is None
    views = [OutletView("A", ["1"], 20.0, [("Flag_Waving", 1)], [], {}),
             OutletView("B", ["2"], None, [("Flag_Waving", 2), ("Slogans", 1)], [], {})]
    profile = technique_profile(views)
    assert sorted((v["outlet"], v["count"]) for v in profile["data"]["values"]) == [("A", 1), ("B", 1), ("B", 2)]
    assert profile["encoding"]["color"]["scale"]["domain"] == ["justification", "call"]

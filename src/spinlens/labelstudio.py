"""Label Studio import tasks and labeling config: model labels as predictions, analysts' corrections as annotations.

A task is `{"data": {"text", "meta"}, "predictions": [...], "annotations": [...]}` (Label Studio's basic JSON
import format). Each label is a `labels` result over the article text with character offsets (`start`, `end`,
`text`): paragraph techniques under the `paragraph_technique` control, evidence spans under
`evidence_technique`, both on the `text` object, matching `labeling_config()`.
"""

from __future__ import annotations

from typing import Any, Iterable
from xml.sax.saxutils import quoteattr

from spinlens.corrections import Correction, TechniqueLabel, apply_corrections, is_stale
from spinlens.model import Article
from spinlens.techniques.taxonomy import GROUPS, TECHNIQUES

TEXT_OBJECT = "text"
CONTROLS = {"paragraph": "paragraph_technique", "evidence": "evidence_technique"}
_GROUP_COLOURS = dict(zip(GROUPS, ("#ff8787", "#74c0fc", "#8ce99a", "#ffc078", "#b197fc", "#ffe066")))


def labeling_config() -> str:
    """The Label Studio labeling config (XML) for the tasks: the 23 techniques on paragraphs and on evidence."""
    def labels(control: str, extra: str) -> str:
        items = "\n".join(f"    <Label value={quoteattr(name)} background={quoteattr(_GROUP_COLOURS[t.group])}"
                          f" hint={quoteattr(t.display + ': ' + t.explanation)}/>" for name, t in TECHNIQUES.items())
        return f'  <Labels name="{control}" toName="{TEXT_OBJECT}"{extra}>\n{items}\n  </Labels>'

    return "\n".join([
        "<View>",
        '  <Header value="Persuasion techniques (SemEval-2023 Task 3): label whole paragraphs"/>',
        labels(CONTROLS["paragraph"], ' choice="multiple"'),
        '  <Header value="Evidence: the exact words carrying a technique"/>',
        labels(CONTROLS["evidence"], ""),
        f'  <Text name="{TEXT_OBJECT}" value="${TEXT_OBJECT}"/>',
        "</View>",
    ]) + "\n"


def _result(article: Article, label: TechniqueLabel, layer: str, with_score: bool) -> dict[str, Any]:
    """One Label Studio `labels` result for a label over the article text."""
    result: dict[str, Any] = {
        "id": f"{layer[0]}{label.start}-{label.end}-{label.technique}",
        "from_name": CONTROLS[layer], "to_name": TEXT_OBJECT, "type": "labels",
        "value": {"start": label.start, "end": label.end, "text": article.text[label.start:label.end],
                  "labels": [label.technique]},
    }
    if with_score and label.score is not None:
        result["score"] = min(1.0, max(0.0, float(label.score)))
    return result


def _results(article: Article, corrections: list[Correction], with_score: bool) -> list[dict[str, Any]]:
    """The article's paragraph and evidence labels once `corrections` apply (none: the model's own)."""
    corrected = apply_corrections(article, corrections)
    labels = [(lab, "paragraph") for p in corrected.paragraphs for lab in p.labels]
    labels += [(lab, "evidence") for lab in corrected.evidence]
    return [_result(article, lab, layer, with_score) for lab, layer in labels]


def labelstudio_task(article: Article, corrections: Iterable[Correction] = (), model_version: str = "spinlens"
                     ) -> dict[str, Any]:
    """One article as a Label Studio task; its corrections (if any still apply) become an annotation."""
    own = [c for c in corrections if c.article_id == article.id]
    results = _results(article, [], with_score=True)
    scores = [r["score"] for r in results if "score" in r]
    live = [c for c in own if not is_stale(article, c)]
    meta = {"id": article.id, "title": article.title, "outlet": article.outlet, "published": article.published,
            "url": article.url, "language": article.language, "corrections": [c.id for c in live],
            "correction_authors": sorted({c.author for c in live if c.author})}
    task: dict[str, Any] = {
        "data": {TEXT_OBJECT: article.text, "meta": meta},
        "predictions": [{"model_version": model_version, "result": results,
                         **({"score": round(sum(scores) / len(scores), 4)} if scores else {})}],
    }
    if live:
        task["annotations"] = [{"result": _results(article, live, with_score=False), "ground_truth": False}]
    return task

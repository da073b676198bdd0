"""Label Studio export: tasks that fit the labeling config, corrections as annotations; JSONL with corrections."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from spinlens.cli import main
from spinlens.corrections import add_correction
from spinlens.export import export_library
from spinlens.labelstudio import labeling_config, labelstudio_task
from spinlens.model import Article
from spinlens.store import Library
from spinlens.techniques.taxonomy import TECHNIQUES
from test_corrections import TEXT, analysed


def config_controls(xml: str) -> tuple[dict[str, tuple[str, set[str]]], set[str]]:
    """{control name: (to_name, label values)} and the object names of a labeling config."""
    root = ET.fromstring(xml)
    assert root.tag == "View"
    controls = {c.get("name"): (c.get("toName"), {lab.get("value") for lab in c.findall("Label")})
                for c in root.iter("Labels")}
    objects = {t.get("name") for t in root.iter("Text") if t.get("value", "").startswith("$")}
    return controls, objects


def check_results(results: list[dict], text: str, controls: dict, objects: set[str], scored: bool) -> None:
    """The checks Label Studio applies to an imported region, for `labels` results over a Text object."""
    ids = [r["id"] for r in results]
    assert len(ids) == len(set(ids))
    for r in results:
        assert r["type"] == "labels" and r["to_name"] in objects
        to_name, values = controls[r["from_name"]]
        assert r["to_name"] == to_name
        assert set(r["value"]["labels"]) <= values
        value = r["value"]
        assert 0 <= value["start"] < value["end"] <= len(text)
        assert text[value["start"]:value["end"]] == value["text"]
        assert ("score" in r) == scored and (not scored or 0 <= r["score"] <= 1)


def test_config_has_the_23_techniques_on_paragraphs_and_evidence():
    controls, objects = config_controls(labeling_config())
    assert objects == {"text"}
    assert set(controls) == {"paragraph_technique", "evidence_technique"}
    for to_name, values in controls.values():
        assert to_name == "text" and values == set(TECHNIQUES) and len(values) == 23


def test_task_predictions_and_annotations_follow_the_config(library):
    article = analysed(TEXT.replace("Minister", "<b onclick=x>Minister</b> 😀"))
    library.save(article)
    second = article.paragraphs()[1]
    add_correction(library, article.id, action="remove", technique="Loaded_Language", start=second.start,
                   end=second.end, author="ana")
    add_correction(library, article.id, action="add", technique="Doubt", start=second.start, end=second.end)
    task = labelstudio_task(article, library.corrections())
    controls, objects = config_controls(labeling_config())
    assert task["data"]["text"] == article.text  # verbatim: Label Studio's Text tag escapes it
    assert task["data"]["meta"]["id"] == article.id and task["data"]["meta"]["correction_authors"] == ["ana"]
    [prediction] = task["predictions"]
    check_results(prediction["result"], article.text, controls, objects, scored=True)
    predicted = {(r["from_name"], r["value"]["labels"][0]) for r in prediction["result"]}
    assert predicted == {("paragraph_technique", "Loaded_Language"), ("paragraph_technique", "Appeal_to_Popularity"),
                         ("evidence_technique", "Name_Calling-Labeling")}
    assert 0 < prediction["score"] <= 1
    [annotation] = task["annotations"]
    check_results(annotation["result"], article.text, controls, objects, scored=False)
    corrected = {(r["from_name"], r["value"]["labels"][0]) for r in annotation["result"]}
    assert corrected == {("paragraph_technique", "Doubt"), ("paragraph_technique", "Appeal_to_Popularity"),
                         ("evidence_technique", "Name_Calling-Labeling")}


def test_uncorrected_article_has_no_annotation(library):
    article = analysed()
    assert "annotations" not in labelstudio_task(article, [])
    bare = Article(id="x", identity="x", text="Plain.")
    task = labelstudio_task(bare)
    assert task["predictions"][0]["result"] == [] and "score" not in task["predictions"][0]


def test_exports_through_the_library_and_cli(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        first, second = analysed(), analysed(TEXT.replace("Vale", "Orr"), identity="test:other")
        library.save(first)
        library.save(second)
        para = first.paragraphs()[2]
        add_correction(library, first.id, action="add", technique="Appeal_to_Authority", start=para.start,
                       end=para.end, note="officials")
        buffer = io.StringIO()
        assert export_library(library, "jsonl", buffer) == 2
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    by_id = {line["id"]: line for line in lines}
    assert [c["note"] for c in by_id[first.id]["corrections"]] == ["officials"]
    assert by_id[second.id]["corrections"] == []
    assert Article.from_json(json.dumps(by_id[first.id])).spans == first.spans  # still readable back
    out = tmp_path / "tasks.json"
    result = CliRunner().invoke(main, ["export", "--format", "labelstudio", "-o", str(out), "--library", str(path)])
    assert result.exit_code == 0, result.output
    tasks = json.loads(out.read_text("utf-8"))
    assert [("annotations" in t) for t in tasks] == [True, False]
    config = CliRunner().invoke(main, ["export", "--format", "labelstudio-config", "--library", str(path)])
    assert config.output == labeling_config()

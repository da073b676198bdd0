"""A tiny synthetic shared-data folder (SemEval-2023 subtask 3, English, and PTC) for training tests: made-up
sentences, never the research data."""

from __future__ import annotations

from pathlib import Path

from spinlens.techniques.taxonomy import TECHNIQUES
from spinlens.train.data import is_validation

LOADED = ["The corrupt traitors are destroying our great nation with their disgusting lies.",
          "These shameless crooks and their puppet media will stop at nothing, a total disgrace.",
          "A monstrous, evil regime of thugs is crushing every decent family in the country."]
NEUTRAL = ["The city council approved the budget for road repairs on Tuesday.",
           "Officials said the meeting would resume next week after the holiday.",
           "The report lists rainfall figures for each district over the past year."]


def write_corpus(root: Path, articles: int = 24) -> dict:
    """Write `articles` English articles (title + 3 paragraphs) with paragraph labels and PTC spans;
    returns how many articles fall in the validation split and how many in the train part."""
    folder = root / "semeval2023-task3" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "semeval2023-task3" / "techniques.txt").write_text("\n".join(TECHNIQUES) + "\n", encoding="utf-8")
    (root / "ptc" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "ptc" / "labels").mkdir(parents=True, exist_ok=True)
    template, labels, split = [], [], {"validation": 0, "train": 0}
    for n in range(articles):
        article_id = str(700000 + n)
        split["validation" if is_validation(article_id) else "train"] += 1
        lines = [f"Report number {n} on the week"]
        gold: list[tuple[str, int, int]] = []
        body_labels = []
        for k in range(3):
            loaded = (n + k) % 2 == 0
            text = (LOADED if loaded else NEUTRAL)[(n + k) % 3]
            if loaded:
                start = sum(len(line) + 1 for line in lines)
                gold.append(("Loaded_Language", start + text.index(" ") + 1, start + len(text) - 1))
            lines.append(text)
            body_labels.append("Loaded_Language,Name_Calling-Labeling" if loaded else "")
        for no, (text, label) in enumerate(zip(lines, [""] + body_labels), 1):
            template.append(f"{article_id}\t{no}\t{text}")
            labels.append(f"{article_id}\t{no}\t{label}")
        (root / "ptc" / "articles" / f"article{article_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (root / "ptc" / "labels" / f"article{article_id}.labels").write_text(
            "".join(f"{article_id}\t{c}\t{s}\t{e}\n" for c, s, e in gold), encoding="utf-8")
    (folder / "train-labels-subtask-3.template").write_text("\n".join(template) + "\n", encoding="utf-8")
    (folder / "train-labels-subtask-3.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return split

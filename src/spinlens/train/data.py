"""Readers for the training data: SemEval-2023 Task 3 subtask 3 and the PTC span corpus."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from spinlens.errors import InputError

#: Folder names in the shared data for each language code.
LANG_DIRS = {"en": "en", "fr": "fr", "de": "de", "it": "it", "pl": "pl", "ru": "ru"}


@dataclass
class Paragraph:
    """One SemEval paragraph: article id, line number, text and gold technique labels."""

    article_id: str
    no: int
    text: str
    labels: list[str] = field(default_factory=list)


def _tab_lines(path: Path, third: str):
    """(line number, article_id, paragraph_no, third column) of each non-blank line of a SemEval file;
    a malformed line or undecodable text raises InputError naming the file (and the line)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for line_no, line in enumerate(handle, 1):
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                parts = line.split("\t", 2)
                if len(parts) < 2 or not re.fullmatch(r"[0-9]+", parts[1].strip()):
                    raise InputError(f"line {line_no}: expected article_id<TAB>paragraph_no<TAB>{third}",
                                     source=str(path))
                yield line_no, parts[0].strip(), int(parts[1]), parts[2] if len(parts) > 2 else ""
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}: {exc.reason})", source=str(path)) from None


def read_template(path: Path) -> list[Paragraph]:
    """Lines `article_id<TAB>paragraph_no<TAB>text`; a malformed line raises with file and line number."""
    return [Paragraph(article_id, no, text) for _, article_id, no, text in _tab_lines(path, "text")]


def read_labels(path: Path) -> dict[tuple[str, int], list[str]]:
    """Lines `article_id<TAB>paragraph_no<TAB>Label1,Label2` (empty third column = no technique)."""
    return {(article_id, no): [n.strip() for n in names.split(",") if n.strip()]
            for _, article_id, no, names in _tab_lines(path, "labels")}


def load_st3(root: Path, lang: str) -> list[Paragraph]:
    """Every training paragraph of one language with its labels (ids only in the labels file are empty)."""
    folder = root / "semeval2023-task3" / LANG_DIRS[lang]
    template = read_template(folder / "train-labels-subtask-3.template")
    gold = read_labels(folder / "train-labels-subtask-3.txt")
    for para in template:
        para.labels = gold.get((para.article_id, para.no), [])
    return template


def is_validation(article_id: str, fraction: float = 0.2, salt: str = "spinlens-val-1") -> bool:
    """Deterministic validation split by article id (never by paragraph)."""
    digest = hashlib.sha1(f"{salt}:{article_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def load_ptc(root: Path) -> dict[str, tuple[str, list[tuple[str, int, int]]]]:
    """PTC articles: id -> (text as read, [(technique, start, end), ...]) with duplicates removed."""
    articles = {}
    for path in sorted((root / "ptc" / "articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        spans = set()
        label_path = root / "ptc" / "labels" / f"article{article_id}.labels"
        if label_path.exists():
            for line in label_path.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4:
                    spans.add((parts[1], int(parts[2]), int(parts[3])))
        articles[article_id] = (text, sorted(spans, key=lambda s: (s[1], s[2], s[0])))
    return articles


def locate_paragraphs(text: str, paragraphs: list[Paragraph]) -> list[tuple[int, int] | None]:
    """Character range of each paragraph in the article text, whitespace differences ignored."""
    import re

    found: list[tuple[int, int] | None] = []
    pos = 0
    for para in paragraphs:
        words = para.text.split()
        if not words:
            found.append(None)
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        match = pattern.search(text, pos) or pattern.search(text)
        found.append((match.start(), match.end()) if match else None)
        if match:
            pos = match.end()
    return found

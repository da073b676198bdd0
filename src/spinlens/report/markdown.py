"""Markdown report; article text is escaped so it cannot inject HTML or Markdown structure."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from spinlens.corrections import Correction
from spinlens.model import Article
from spinlens.report.view import (STALE_ADVICE, STALE_HEADING, ParagraphView, Segment, StaleRow, analyst_mark,
                                  claim_tables, coverage_note, metadata_rows, paragraph_views, region_labels,
                                  regions, removed_summary, spin_rows, stale_rows, technique_label)
from spinlens.techniques.taxonomy import technique

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape_markdown(text: str) -> str:
    """Escape HTML characters and Markdown punctuation in untrusted text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def article_markdown(article: Article, corrections: Sequence[Correction] | None = None) -> str:
    """One article as a Markdown section, with analysts' corrections when given."""
    lines = [f"## {escape_markdown(article.title or '(untitled)')}", ""]
    lines += [f"- **{label}**: {escape_markdown(value)}" for label, value in metadata_rows(article)]
    removed = removed_summary(article)
    if removed:
        lines.append("- **removed boilerplate**: " + ", ".join(f"{r} ×{n}" for r, n in removed))
    lines += [f"- **{label}**: {escape_markdown(value)}" for label, value in spin_rows(article)]
    note = coverage_note(article)
    if note:
        lines.append(f"- **note**: {escape_markdown(note)}")
    lines.append("")
    lines += _stale_items(stale_rows(article, corrections))
    for para in paragraph_views(article, corrections=corrections):
        if not para.shown:
            continue
        body = "".join(_highlight(region) if region.spans else escape_markdown(region.text)
                       for region in regions(para.segments))
        tag = f" `[{para.language}]`" if para.language and para.language != article.language else ""
        lines += [f"{'*Headline:* ' if para.is_title else ''}{body}{tag}", ""]
        if para.techniques or para.added or para.removed:
            lines += ["> *Techniques:* " + _technique_items(para), ""]
    for table in claim_tables(article):
        lines += [f"### {table.title}", "", "| " + " | ".join(table.columns) + " |",
                  "|" + "---|" * len(table.columns)]
        lines += ["| " + " | ".join(escape_markdown(cell) for cell in row) + " |" for row in table.rows]
        lines.append("")
    return "\n".join(lines)


def _stale_items(rows: list[StaleRow]) -> list[str]:
    """The stale corrections as a list under their own heading, all text escaped (nothing when none)."""
    if not rows:
        return []
    lines = [f"### {STALE_HEADING}", "", escape_markdown(STALE_ADVICE), ""]
    for row in rows:
        lines += [f"- correction {row.id}: {escape_markdown(row.what + row.credit)}  ",
                  f"  words: “{escape_markdown(row.words)}”  ", f"  *stale:* {escape_markdown(row.reason)}"]
    return lines + [""]


def _highlight(region: Segment) -> str:
    """A highlighted region in bold with its techniques in superscript; the blanks at its edges stay outside
    the bold, where CommonMark can close it ("**word **" would print its asterisks)."""
    core = region.text.strip()
    if not core:
        return escape_markdown(region.text)
    lead = region.text[:len(region.text) - len(region.text.lstrip())]
    trail = region.text[len(region.text.rstrip()):]
    return (f"{escape_markdown(lead)}**{escape_markdown(core)}**<sup>{escape_markdown(region_labels(region))}</sup>"
            f"{escape_markdown(trail)}")


def _technique_items(para: ParagraphView) -> str:
    """The paragraph's techniques; analysts' additions marked, their removals struck through."""
    items = [escape_markdown(technique_label(n, sc)) for n, sc in para.techniques]
    items += [f"{escape_markdown(technique(lab.technique).display)} ({escape_markdown(analyst_mark('added', lab.note))})"
              for lab in para.added]
    items += [f"~~{escape_markdown(technique_label(lab.technique, lab.score))}~~"
              f" ({escape_markdown(analyst_mark('removed', lab.note))})" for lab in para.removed]
    return "; ".join(items)


def render_markdown(articles: Sequence[Article], *, corrections: Mapping[str, Sequence[Correction]] | None = None,
                    **_: object) -> str:
    """Articles as one Markdown document; `corrections` by article id."""
    head = "# spinlens report\n\n" if len(articles) != 1 else ""
    return head + "\n\n---\n\n".join(article_markdown(a, (corrections or {}).get(a.id)) for a in articles) + "\n"

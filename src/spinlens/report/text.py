"""Terminal report with rich: metadata table, paragraphs, highlights in colour (plain when piped)."""

from __future__ import annotations

import io
from typing import Mapping, Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spinlens.corrections import Correction
from spinlens.model import Article
from spinlens.report.terminal import terminal_safe
from spinlens.report.view import (STALE_ADVICE, STALE_HEADING, StaleRow, analyst_mark, claim_tables, coverage_note,
                                  metadata_rows, ParagraphView, paragraph_views, region_labels, regions,
                                  removed_summary, spin_rows, stale_rows, technique_label)
from spinlens.techniques.taxonomy import technique


def article_renderable(article: Article, corrections: Sequence[Correction] | None = None, *,
                       color: bool = True) -> Panel:
    """A rich panel for one article (article text is added as plain `Text`, never as markup), with analysts'
    corrections when given; without `color` a highlight is also bracketed ('⟦whose aim⟧⟨Casting doubt⟩'), so
    its words show where colour cannot."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim")
    meta.add_column()
    for label, value in metadata_rows(article):
        meta.add_row(label, _plain(value))
    removed = removed_summary(article)
    if removed:
        meta.add_row("removed", _plain(", ".join(f"{r} ×{n}" for r, n in removed)))
    for label, value in spin_rows(article):
        meta.add_row(label, Text(value, style="bold magenta" if label == "spin" else ""))
    note = coverage_note(article)
    if note:
        meta.add_row("note", Text(note, style="yellow"))
    body = _stale_lines(stale_rows(article, corrections))
    for para in paragraph_views(article, corrections=corrections):
        if not para.shown:
            continue
        line = Text(f"{para.label:>3} ", style="dim")
        for region in regions(para.segments):
            if not region.spans:
                line.append(terminal_safe(region.text))
                continue
            line.append(terminal_safe(region.text if color else f"⟦{region.text}⟧"), style="bold yellow underline")
            line.append("⟨" + region_labels(region) + "⟩", style="yellow")
        if para.language and para.language != article.language:
            line.append(f" [{para.language}]", style="cyan")
        body.append(line)
        if para.techniques or para.added or para.removed:
            body.append(_technique_line(para))
    for table in claim_tables(article):
        grid = Table(title=table.title, title_justify="left", show_edge=False, expand=False)
        for column in table.columns:
            grid.add_column(column, overflow="fold")
        for row in table.rows:
            grid.add_row(*(_plain(cell) for cell in row))
        body += [Text(""), grid]
    return Panel(Group(meta, Text(""), *body), title=_plain(article.title or "(untitled)", style="bold"),
                 title_align="left")


def _plain(value: str, style: str = "") -> Text:
    """Stored text for the terminal: plain (never Rich markup), control characters made visible."""
    return Text(terminal_safe(value), style=style)


def _stale_lines(rows: list[StaleRow]) -> list[Text]:
    """The stale corrections, one entry each, above the paragraphs (nothing when there are none)."""
    if not rows:
        return []
    lines = [Text(f"{STALE_HEADING} ({len(rows)})", style="bold red"), Text(STALE_ADVICE, style="red")]
    for row in rows:
        line = Text(f"  correction {row.id}: {row.what}", style="red")
        line.append(terminal_safe(row.credit))
        lines += [line, _plain(f"    words: “{row.words}”", style="dim"), _plain(f"    stale: {row.reason}")]
    return lines + [Text("")]


def _technique_line(para: ParagraphView) -> Text:
    """The paragraph's techniques: the model's, then those analysts added, then those they removed (struck)."""
    line = Text("    ↳ " + "; ".join(technique_label(n, sc) for n, sc in para.techniques), style="magenta")
    for label in para.added:
        line.append(("; " if len(line) > 6 else "") + technique(label.technique).display, style="magenta")
        line.append(terminal_safe(f" ({analyst_mark('added', label.note)})"), style="green")
    for label in para.removed:
        line.append("; " if len(line) > 6 else "", style="magenta")
        line.append(technique_label(label.technique, label.score), style="strike dim")
        line.append(terminal_safe(f" ({analyst_mark('removed', label.note)})"), style="red")
    return line


def render_text(articles: Sequence[Article], *, color: bool = False, width: int = 100,
                corrections: Mapping[str, Sequence[Correction]] | None = None, **_: object) -> str:
    """Articles as terminal text; ANSI colour only when `color`; `corrections` by article id."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    for article in articles:
        console.print(article_renderable(article, (corrections or {}).get(article.id), color=color))
    return buffer.getvalue()

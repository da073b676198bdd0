"""Terminal report with rich: metadata table, paragraphs, highlights in colour (plain when piped)."""

from __future__ import annotations

import io
from typing import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spinlens.model import Article
from spinlens.report.view import (claim_tables, coverage_note, metadata_rows, paragraph_views, removed_summary, spin_rows,
                                  technique_label)
from spinlens.techniques.taxonomy import technique


def article_renderable(article: Article) -> Panel:
    """A rich panel for one article (article text is added as plain `Text`, never as markup)."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim")
    meta.add_column()
    for label, value in metadata_rows(article):
        meta.add_row(label, Text(value))
    removed = removed_summary(article)
    if removed:
        meta.add_row("removed", Text(", ".join(f"{r} ×{n}" for r, n in removed)))
    for label, value in spin_rows(article):
        meta.add_row(label, Text(value, style="bold magenta" if label == "spin" else ""))
    note = coverage_note(article)
    if note:
        meta.add_row("note", Text(note, style="yellow"))
    body = []
    for para in paragraph_views(article):
        if para.is_title:
            continue
        line = Text(f"{para.n:>3} ", style="dim")
        for seg in para.segments:
            line.append(seg.text, style="bold yellow underline" if seg.spans else "")
            if seg.spans:
                line.append("⟨" + ", ".join(sorted({technique(s.label).display for s in seg.spans})) + "⟩",
                            style="yellow")
        if para.language and para.language != article.language:
            line.append(f" [{para.language}]", style="cyan")
        body.append(line)
        if para.techniques:
            body.append(Text("    ↳ " + "; ".join(technique_label(n, sc) for n, sc in para.techniques),
                             style="magenta"))
    for table in claim_tables(article):
        grid = Table(title=table.title, title_justify="left", show_edge=False, expand=False)
        for column in table.columns:
            grid.add_column(column, overflow="fold")
        for row in table.rows:
            grid.add_row(*(Text(cell) for cell in row))
        body += [Text(""), grid]
    return Panel(Group(meta, Text(""), *body), title=Text(article.title or "(untitled)", style="bold"),
                 title_align="left")


def render_text(articles: Sequence[Article], *, color: bool = False, width: int = 100, **_: object) -> str:
    """Articles as terminal text; ANSI colour only when `color`."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    for article in articles:
        console.print(article_renderable(article))
    return buffer.getvalue()

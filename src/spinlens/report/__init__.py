"""Reports of analysed articles in every output format, from one shared view of each article."""

from __future__ import annotations

from typing import Callable, Sequence

from spinlens.errors import UsageError
from spinlens.model import Article


def _formats() -> dict[str, Callable[..., str]]:
    from spinlens.report.html import render_html
    from spinlens.report.jsonfmt import render_json
    from spinlens.report.markdown import render_markdown
    from spinlens.report.text import render_text

    return {"text": render_text, "json": render_json, "markdown": render_markdown, "html": render_html}


FORMAT_NAMES = ("text", "json", "markdown", "html")


def render(articles: Sequence[Article], fmt: str, **options: object) -> str:
    """Render articles as text, json, markdown or html."""
    formats = _formats()
    if fmt not in formats:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMAT_NAMES)}")
    return formats[fmt](list(articles), **options)

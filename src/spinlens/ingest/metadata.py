"""Metadata values as stored: one line of text with no control characters (articles are hostile input).

A title, outlet, author, URL or date may carry terminal escape sequences (ESC, CSI, OSC, BEL...) from a
JSON record, an HTML meta tag (`&#27;`), a feed or a WARC header; every metadata string of an article goes
through `clean_value` once, when the article is extracted, so what is stored and shown is inert text.
"""

from __future__ import annotations

from typing import Any, Iterable

from spinlens.clean.normalize import normalize_line


def clean_value(value: Any) -> str | None:
    """A metadata value as one line of text: C0/C1 controls and invisible characters dropped, line breaks and
    tabs made spaces (the body text's rules, `normalize_line`); None when nothing is left."""
    if value is None:
        return None
    return normalize_line(value if isinstance(value, str) else str(value)) or None


def clean_values(values: Iterable[Any]) -> list[str]:
    """`clean_value` of each value (author names), the empty ones left out."""
    return [text for value in values if (text := clean_value(value))]

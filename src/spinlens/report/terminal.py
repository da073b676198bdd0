"""Text for a terminal: control characters made visible, so stored text can never send an escape sequence.

Metadata is cleaned when an article is extracted (`spinlens.ingest.metadata`); a library stored before that
may still hold ESC, BEL or CSI characters, and every table, report and error line printed to a terminal goes
through `terminal_safe`.
"""

from __future__ import annotations

#: C0 controls (not tab or newline) as their Unicode control pictures (ESC -> '␛'), DEL as '␡', C1 as U+FFFD.
_VISIBLE = ({code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)} | {0x7F: 0x2421}
            | {code: 0xFFFD for code in range(0x80, 0xA0)})


def terminal_safe(text: str) -> str:
    """`text` with every control character but tab and newline replaced by a visible symbol."""
    return text.translate(_VISIBLE)

"""Self-contained HTML report; every piece of article content is escaped (articles are hostile)."""

from __future__ import annotations

from html import escape
from typing import Sequence

from spinlens.model import Article
from spinlens.report.view import HIGHLIGHT_LAYERS, metadata_rows, paragraph_views, removed_summary

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"

_STYLE = """
body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.3rem;color:#555}h2{font-size:1.5rem;margin-top:2.5rem}
table.meta{border-collapse:collapse;font-size:.9rem;margin:1rem 0}
table.meta th{text-align:left;padding:.15rem .8rem .15rem 0;color:#666;font-weight:500}
p.para{margin:.9rem 0}span.pn{color:#aaa;font-size:.75rem;margin-right:.4rem}
span.lang{font-size:.7rem;background:#eef;border-radius:3px;padding:0 .3rem;margin-left:.3rem}
mark{background:#ffe58a;border-radius:2px;padding:0 1px}
.legend{font-size:.85rem;color:#444}.removed{font-size:.85rem;color:#666}
"""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def article_html(article: Article) -> str:
    """One article as an HTML <article> element."""
    parts = [f'<article id="a-{_attr(article.id)}">', f"<h2>{escape(article.title or '(untitled)')}</h2>"]
    parts.append('<table class="meta">' + "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in metadata_rows(article))
        + "</table>")
    removed = removed_summary(article)
    if removed:
        parts.append('<p class="removed">Removed boilerplate: '
                     + ", ".join(f"{escape(r)} ×{n}" for r, n in removed) + "</p>")
    for para in paragraph_views(article):
        if para.is_title:
            continue
        inner = "".join(
            f'<mark class="{" ".join("hl-" + _attr(s.layer) for s in seg.spans)}" title="'
            f'{_attr(", ".join(f"{s.label} ({s.score:.2f})" if s.score is not None else s.label for s in seg.spans))}">'
            f"{escape(seg.text)}</mark>" if seg.spans else escape(seg.text) for seg in para.segments)
        lang = (f'<span class="lang">{escape(para.language)}</span>'
                if para.language and para.language != article.language else "")
        parts.append(f'<p class="para" data-start="{para.start}" data-end="{para.end}">'
                     f'<span class="pn">{para.n}</span>{inner}{lang}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _legend(articles: Sequence[Article]) -> str:
    present = sorted({s.layer for a in articles for s in a.spans if s.layer in HIGHLIGHT_LAYERS})
    if not present:
        return ""
    items = "".join(f"<li><mark>{escape(layer)}</mark> {escape(HIGHLIGHT_LAYERS[layer])}</li>" for layer in present)
    return f'<ul class="legend">{items}</ul>'


def render_html(articles: Sequence[Article], **_: object) -> str:
    """A complete, offline HTML page (with a Content-Security-Policy) for the articles."""
    title = articles[0].title if len(articles) == 1 and articles[0].title else "spinlens report"
    body = "\n".join(article_html(a) for a in articles)
    return ("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n<body>"
            f"<h1>spinlens report</h1>{_legend(articles)}\n{body}\n</body></html>\n")

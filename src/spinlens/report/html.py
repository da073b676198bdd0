"""Self-contained HTML report; every piece of article content is escaped (articles are hostile)."""

from __future__ import annotations

from html import escape
from typing import Mapping, Sequence

from spinlens.corrections import Correction
from spinlens.model import Article
from spinlens.report.view import (HIGHLIGHT_LAYERS, STALE_ADVICE, STALE_HEADING, ParagraphView, StaleRow, analyst_mark,
                                  claim_tables, coverage_note, highlight_label, metadata_rows, paragraph_views,
                                  removed_summary, spin_rows, stale_rows, technique_label)
from spinlens.techniques.taxonomy import GROUPS, technique

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
.tech{display:inline-block;font-size:.75rem;border-radius:10px;padding:0 .45rem;margin:.15rem .25rem 0 0;background:#f1e4ff}
.spin{font-size:1.1rem;font-weight:600}.note{background:#fff6d6;padding:.3rem .6rem;border-radius:4px}
mark.g-attack-on-reputation{background:#ffc9c9}mark.g-justification{background:#c9e7ff}
mark.g-simplification{background:#d3f9d8}mark.g-distraction{background:#ffe8cc}mark.g-call{background:#e5dbff}
mark.g-manipulative-wording{background:#ffec99}
.tech.analyst-added{background:#d3f9d8}del.tech,mark.analyst-removed{text-decoration:line-through;opacity:.7}
.analyst{font-size:.75rem;color:#666}
section.stale{background:#fff0f0;border-left:3px solid #c92a2a;padding:.3rem .8rem;margin:1rem 0;font-size:.9rem}
section.stale blockquote{margin:.2rem 0 .2rem 1rem;color:#555}section.stale .why{color:#c92a2a}
h3{font-size:1.05rem;margin-top:1.6rem}table.claims{border-collapse:collapse;font-size:.85rem;width:100%}
table.claims th,table.claims td{border-bottom:1px solid #eee;padding:.2rem .5rem;text-align:left;vertical-align:top}
"""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def article_html(article: Article, corrections: Sequence[Correction] | None = None) -> str:
    """One article as an HTML <article> element, with analysts' corrections when given."""
    parts = [f'<article id="a-{_attr(article.id)}">', f"<h2>{escape(article.title or '(untitled)')}</h2>"]
    parts.append('<table class="meta">' + "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in metadata_rows(article))
        + "</table>")
    removed = removed_summary(article)
    if removed:
        parts.append('<p class="removed">Removed boilerplate: '
                     + ", ".join(f"{escape(r)} ×{n}" for r, n in removed) + "</p>")
    rows = spin_rows(article)
    if rows:
        parts.append('<table class="meta spinmeter">' + "".join(
            f'<tr><th>{escape(label)}</th><td{" class=spin" if label == "spin" else ""}>{escape(value)}</td></tr>'
            for label, value in rows) + "</table>")
    note = coverage_note(article)
    if note:
        parts.append(f'<p class="note">{escape(note)}</p>')
    parts += _stale_section(stale_rows(article, corrections))
    for para in paragraph_views(article, corrections=corrections):
        if not para.shown:
            continue
        inner = "".join(_mark(seg) if seg.spans else escape(seg.text) for seg in para.segments)
        lang = (f'<span class="lang">{escape(para.language)}</span>'
                if para.language and para.language != article.language else "")
        badges = _badges(para)
        parts.append(f'<p class="para" data-start="{para.start}" data-end="{para.end}">'
                     f'<span class="pn">{escape(para.label)}</span>{inner}{lang}'
                     + (f'<br><span class="techs">{badges}</span>' if badges else "") + "</p>")
    for table in claim_tables(article):
        head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
        rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
        parts.append(f'<h3>{escape(table.title)}</h3><table class="claims"><tr>{head}</tr>{rows}</table>')
    parts.append("</article>")
    return "\n".join(parts)


def _stale_section(rows: list[StaleRow]) -> list[str]:
    """The stale corrections as a section above the paragraphs, every text escaped (nothing when none)."""
    if not rows:
        return []
    items = "".join(
        f'<li data-correction-id="{row.id}">correction {row.id}: {escape(row.what + row.credit)}'
        f'<blockquote>{escape(row.words)}</blockquote><span class="why">stale: {escape(row.reason)}</span></li>'
        for row in rows)
    return [f'<section class="stale"><h3>{escape(STALE_HEADING)}</h3><p>{escape(STALE_ADVICE)}</p>'
            f"<ul>{items}</ul></section>"]


def _badges(para: ParagraphView) -> str:
    """Technique badges: the model's, analysts' additions (marked) and their removals (struck through)."""
    badges = "".join(f'<span class="tech" title="{_attr(technique(name).explanation)}">'
                     f'{escape(technique_label(name, score))}</span>' for name, score in para.techniques)
    badges += "".join(f'<span class="tech analyst-added" title="{_attr(analyst_mark("added", lab.note))}">'
                      f'{escape(technique(lab.technique).display)}</span>'
                      f'<span class="analyst">(added by analyst)</span> ' for lab in para.added)
    badges += "".join(f'<del class="tech analyst-removed" title="{_attr(analyst_mark("removed", lab.note))}">'
                      f'{escape(technique_label(lab.technique, lab.score))}</del>'
                      f'<span class="analyst">(removed by analyst)</span> ' for lab in para.removed)
    return badges


def _group_class(name: str) -> str:
    return "g-" + technique(name).group.replace(" ", "-")


def _mark(seg) -> str:
    names = sorted({s.label for s in seg.spans})
    tip = "; ".join(f"{highlight_label(s)} ({s.score:.2f}): {technique(s.label).explanation}"
                    if s.score is not None else highlight_label(s) for s in seg.spans)
    classes = ["hl-" + seg.spans[0].layer, _group_class(names[0])]
    classes += sorted({"analyst-" + s.attrs["analyst"] for s in seg.spans if s.attrs.get("analyst")})
    return (f'<mark class="{_attr(" ".join(classes))}"'
            f' title="{_attr(tip)}">{escape(seg.text)}</mark>')


def _legend(articles: Sequence[Article]) -> str:
    present = sorted({s.layer for a in articles for s in a.spans if s.layer in HIGHLIGHT_LAYERS})
    if not present:
        return ""
    items = "".join(f"<li>{escape(HIGHLIGHT_LAYERS[layer])}</li>" for layer in present)
    items += "".join(f'<li><mark class="g-{_attr(g.replace(" ", "-"))}">{escape(g)}</mark></li>' for g in GROUPS)
    return f'<ul class="legend">{items}</ul>'


def render_html(articles: Sequence[Article], *, corrections: Mapping[str, Sequence[Correction]] | None = None,
                **_: object) -> str:
    """A complete, offline HTML page (with a Content-Security-Policy) for the articles; `corrections` by id."""
    title = articles[0].title if len(articles) == 1 and articles[0].title else "spinlens report"
    body = "\n".join(article_html(a, (corrections or {}).get(a.id)) for a in articles)
    return ("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n<body>"
            f"<h1>spinlens report</h1>{_legend(articles)}\n{body}\n</body></html>\n")

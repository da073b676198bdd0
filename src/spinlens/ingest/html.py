"""The HTML tree trafilatura reads: parsed once, with code, styles and templates taken out before any text is read.

trafilatura drops `<script>` and `<style>` from the main text, but its title comes from the raw `<h1>`, whose
`<script>` code would be read as words ('Bridge alert(3) opens'), and a `<template>`'s markup reaches both title
and text. JSON-LD data scripts are kept, moved into `<head>` so no heading can contain them: trafilatura reads
the author, publisher and dates from them.

trafilatura also title-cases a site name that starts in lower case ('iNews' -> 'Inews'); `site_name_as_written`
finds the page's own spelling again.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from lxml.html import HtmlElement
from trafilatura import load_html

#: Elements whose content is never article text: code, styling, no-script fallbacks, inert template markup.
INERT_ELEMENTS = ("script", "style", "noscript", "template")
#: Script types holding page metadata (schema.org JSON-LD; trafilatura also reads the settings variant).
DATA_SCRIPT_TYPES = ("application/ld+json", "application/settings+json")


def article_tree(html: str) -> HtmlElement | None:
    """The page parsed by trafilatura's `load_html` without any script, style, noscript or template element
    (tail text kept), its JSON-LD moved into `<head>`; None when it is not HTML."""
    tree = load_html(html)
    if tree is None:
        return None
    data = []
    for element in tree.xpath("|".join(f"//{tag}" for tag in INERT_ELEMENTS)):
        if element.getparent() is None or element.getroottree().getroot() is not tree:
            continue  # the root itself, or inside an element already dropped
        if element.tag == "script" and (element.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES:
            data.append((element.get("type"), element.text))
        element.drop_tree()
    if data:
        head = tree.find("head")
        if head is None:
            head = tree.makeelement("head", {})
            tree.insert(0, head)
        for kind, text in data:
            script = head.makeelement("script", {"type": kind})
            script.text = text
            head.append(script)
    return tree


def site_name_as_written(tree: HtmlElement, site_name: str | None) -> str | None:
    """trafilatura's `site_name` in the page's own spelling: the meta or JSON-LD value it title-cased ('iNews',
    'the valley post'); any other name unchanged."""
    if not site_name or "." in site_name:  # trafilatura leaves a name with a dot (a domain) as it is
        return site_name
    for value in _site_name_candidates(tree):
        name = " ".join(value.split()).lstrip("@")
        if name and not name[0].isupper() and name.title() == site_name:
            return name
    return site_name


def _site_name_candidates(tree: HtmlElement) -> Iterator[str]:
    """Strings a site name may come from: og:site_name first, then every meta content, then JSON-LD names."""
    yield from tree.xpath('//meta[@property="og:site_name"]/@content')
    yield from tree.xpath("//meta/@content")
    for script in tree.xpath("//script[@type]"):
        if script.get("type").strip().lower() in DATA_SCRIPT_TYPES and script.text:
            try:
                yield from _json_names(json.loads(script.text))
            except (ValueError, RecursionError):
                continue


def _json_names(value: Any) -> Iterator[str]:
    """Every string under a 'name' key in a JSON-LD document (publisher, organisation, site names)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "name" and isinstance(item, str):
                yield item
            else:
                yield from _json_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_names(item)

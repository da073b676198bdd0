"""The HTML tree trafilatura reads: parsed once, with code, styles and templates taken out before any text is read.

trafilatura drops `<script>` and `<style>` from the main text, but its title comes from the raw `<h1>`, whose
`<script>` code would be read as words ('Bridge alert(3) opens'), and a `<template>`'s markup reaches both title
and text. JSON-LD data scripts are kept, moved into `<head>` so no heading can contain them: trafilatura reads
the author, publisher and dates from them.
"""

from __future__ import annotations

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

"""End-to-end tests in a real browser: Debian's Chromium driven by Playwright against `spinlens serve` over a
library holding the analysed demo corpus and one hostile article. One server and one browser per module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from spinlens.bench.browser import chromium_missing_reason

MISSING = chromium_missing_reason()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"browser tests need Chromium: {MISSING}")

PWNED = "window.__pwned=1"
SCRIPT = f"<script>{PWNED}</script>"
IMAGE = f'<img src=x onerror="{PWNED}">'
LINK = f'<a href="javascript:{PWNED}">click me</a>'
MALFORMED = f"<div><b>unclosed <i>tags</div></p><!-- <svg onload={PWNED}> --"
HOSTILE_TEXT = "\n\n".join([
    f"Hostile {SCRIPT} headline {IMAGE}",
    f"The minister said the {SCRIPT} dam was sabotaged by enemies of the nation, and the council denied "
    f"everything in a statement on Monday. {IMAGE}",
    f"Critics called the claim a shameless lie and demanded an inquiry at once, {LINK} while residents "
    f"waited. {MALFORMED}",
    "Officials said the inspectors would arrive soon to assess the damage to the reservoir and the town."])
PASTED_TEXT = ("Harbour strike enters second week\n\n"
               "Dock workers in the port of Selden walked out again on Tuesday, saying the harbour authority had "
               "ignored every demand for safer cranes and fair shifts. The authority called the strike a "
               "reckless act of sabotage against the whole region.\n\n"
               "Union leaders said the talks would resume on Friday if the authority withdrew its threat to "
               "hire replacement crews, a threat they described as shameful and cowardly.")


@dataclass
class Site:
    """The served app and what the tests need to know about its library."""

    base_url: str
    library_path: Path
    paths: dict[str, str]
    hostile_id: str

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import spinlens
    from spinlens.bench.screenshots import fill_demo_library, page_paths
    from spinlens.bench.server import serve_library
    from spinlens.store import Library

    path = tmp_path_factory.mktemp("web") / "library.sqlite"
    fill_demo_library(path)
    with Library(path) as library:
        hostile = spinlens.analyze(text=HOSTILE_TEXT, library=library, title=f"Hostile {SCRIPT}{IMAGE}",
                                   outlet=f"Evil {IMAGE} Outlet", url=f"javascript:{PWNED}", authors=[SCRIPT])
    paths = page_paths(path)
    with serve_library(path) as served:
        yield Site(served.base_url, path, paths, hostile.id)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from spinlens.bench.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context per test; records dialogs, page errors and console messages."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.dialogs, tab.errors, tab.console = [], [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.console.append(message.text))
    yield tab
    context.close()


def _open(page, site: Site, path: str):
    response = page.goto(site.url(path))
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    return response


def test_library_page_lists_every_article(page, site):
    from spinlens.store import Library

    _open(page, site, "/")
    rows = page.locator("[data-testid=article-row]")
    with Library(site.library_path) as library:
        stored = library.count()
        titles = {a.id: a.title for a in library.list(limit=100)}
    assert rows.count() == stored >= 13  # the demo corpus and the hostile article (and any analysed since)
    shown = {rows.nth(i).get_attribute("data-article-id"): rows.nth(i).locator("a.title").inner_text()
             for i in range(rows.count())}
    assert shown == {i: t or "(untitled)" for i, t in titles.items()}
    page.locator("#sort-spin").click()
    page.wait_for_url(re.compile(r"sort=spin"))
    spins = [int(s) for s in page.locator("[data-testid=article-row] .spin-pill").evaluate_all(
        "pills => pills.map(p => p.dataset.spin)")]
    assert spins == sorted(spins, reverse=True) and spins[0] > 0


def test_article_page_highlights_technique_paragraphs_and_spin(page, site):
    from spinlens.store import Library

    _open(page, site, site.paths["article"])
    article_id = site.paths["article"].rsplit("/", 1)[1]
    with Library(site.library_path) as library:
        article = library.get(article_id)
    spin = article.extra["spin"]["score"]
    assert page.get_by_test_id("article-title").inner_text() == article.title
    assert page.get_by_test_id("spin-meter").get_attribute("data-spin") == str(spin)
    assert page.get_by_test_id("spin-breakdown").locator("tr").count() > 1
    labelled = page.locator("[data-testid=article-paragraph]:has(.techs .tech)")
    assert labelled.count() >= 1
    first = labelled.first.locator(".tech").first
    assert first.get_attribute("data-technique")
    assert ":" in (first.get_attribute("title") or ""), "hover text should explain the technique"
    assert page.locator("#article-text mark").count() >= 1, "evidence, quotes or relations are highlighted"
    assert page.get_by_test_id("legend").is_visible()
    assert page.get_by_test_id("article-story").is_visible()


def test_story_page_sets_outlets_side_by_side(page, site):
    _open(page, site, site.paths["story"])
    columns = page.get_by_test_id("story-column")
    outlets = [columns.nth(i).get_attribute("data-outlet") for i in range(columns.count())]
    assert len(outlets) >= 3 and len(set(outlets)) == len(outlets)
    assert "Drevnia Today" in outlets
    boxes = [columns.nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"] + 1, "columns are side by side"
    assert page.get_by_test_id("story-claims").is_visible()


def test_analyse_pasted_text_shows_its_article_page(page, site):
    _open(page, site, "/analyse")
    page.get_by_test_id("analyse-text").fill(PASTED_TEXT)
    page.locator("#analyse-outlet").fill("Selden Harbour News")
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_test_id("analyse-submit").click()
    assert posted.value.status < 400, f"analysis refused: HTTP {posted.value.status} {posted.value.text()}"
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+$"), timeout=60_000)
    assert page.get_by_test_id("article-title").inner_text() == "Harbour strike enters second week"
    assert page.locator("#article-outlet").inner_text() == "Selden Harbour News"
    assert page.locator("[data-testid=article-paragraph]").count() == 2
    assert not page.errors


def test_correction_is_stored_and_shown_after_reload(page, site):
    _open(page, site, f"/articles/{site.hostile_id}")
    assert page.locator("[data-testid=correction]").count() == 0
    page.locator("#correction-action").select_option("add")
    page.locator("#correction-technique").select_option("Doubt")
    doubt = page.locator("#correction-technique option[value=Doubt]").inner_text()
    page.locator("#correction-paragraph").select_option(index=1)
    page.locator("#correction-note").fill("questions the council's statement")
    page.locator("#correction-author").fill("analyst-7")
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("#correction-submit").click()
    assert posted.value.status < 400, f"correction refused: HTTP {posted.value.status} {posted.value.text()}"
    _open(page, site, f"/articles/{site.hostile_id}")
    corrections = page.locator("[data-testid=correction]")
    assert corrections.count() == 1
    shown = corrections.first.inner_text()
    assert shown.startswith("add") and doubt in shown and "analyst-7" in shown, shown
    assert page.locator(".tech.analyst[data-technique=Doubt]").count() == 1


def test_hostile_article_renders_as_text_and_runs_nothing(page, site):
    _open(page, site, f"/articles/{site.hostile_id}")
    text = page.get_by_test_id("article-text").inner_text()
    assert SCRIPT in text and IMAGE in text and LINK in text and "<!-- <svg" in text
    assert SCRIPT in page.get_by_test_id("article-title").inner_text()
    metadata = page.get_by_test_id("article-metadata").inner_text()
    assert f"javascript:{PWNED}" in metadata and SCRIPT in metadata
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[onerror], svg[onload], [href^='javascript:']").count() == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('__pwned')).length") == 0
    assert not page.dialogs and not page.errors
    assert not [m for m in page.console if "Content Security Policy" in m], "escaping, not CSP, must stop it"
    _open(page, site, "/")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(f"[data-article-id='{site.hostile_id}'] a.title").inner_text() == f"Hostile {SCRIPT}{IMAGE}"
    assert page.locator("img[onerror]").count() == 0


def test_chart_tooltip_shows_the_hovered_bar_under_the_csp(page, site):
    _open(page, site, site.paths["story"])
    canvas = page.locator("#chart-technique-profile canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()  # in the viewport, where the pointer can reach it
    tip = page.get_by_test_id("chart-tip")
    shown = None
    for row in range(2, 40):  # sweep the plot until the pointer is over a bar
        y = box["y"] + box["height"] * row / 40
        for column in range(2, 30):
            page.mouse.move(box["x"] + box["width"] * column / 30, y)
            if tip.count() and tip.is_visible():
                shown = tip.inner_text()
                break
        if shown:
            break
    assert shown, "hovering the bars never showed a tooltip"
    outlets = page.get_by_test_id("story-column").evaluate_all("cols => cols.map(c => c.dataset.outlet)")
    assert "outlet:" in shown and "technique:" in shown and "count:" in shown, shown
    assert any(outlet in shown for outlet in outlets), shown
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] + 40)  # off the chart: the tooltip goes
    assert tip.is_hidden()
    assert not page.errors
    assert not [m for m in page.console if "Content Security Policy" in m], page.console

"""Screenshots of the web app's main pages for the README, taken with the browser-test setup (Debian's
Chromium through Playwright) over a library holding the analysed demo corpus.

    python -m spinlens.bench.screenshots docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from spinlens.errors import SpinlensError

#: Page name -> how to find its path once the library is known (see `page_paths`).
PAGES = ("library", "article", "story", "sources")
VIEWPORT = {"width": 1280, "height": 900}


def fill_demo_library(path: Path) -> None:
    """Analyse the bundled demo corpus into the library at `path`."""
    import spinlens
    from spinlens.store import Library

    with Library(path) as library:
        failed = [o for o in spinlens.analyze_sources([str(spinlens.demo_corpus_dir())], library=library)
                  if not o.ok]
    if failed:
        raise SpinlensError(f"{len(failed)} demo articles failed: {failed[0].error}", source="demo corpus")


def page_paths(library_path: Path) -> dict[str, str]:
    """The URL path of each screenshot: the library, its most spun English article from a named outlet (else
    its most spun), its first story, the sources."""
    import spinlens
    from spinlens.store import Library

    with Library(library_path) as library:
        most_spun = max(library.list(limit=1000),
                        key=lambda a: (a.language == "en" and bool(a.outlet), a.spin or 0))
        story = min(spinlens.find_stories(library), key=lambda s: s.id)
    return {"library": "/", "article": f"/articles/{most_spun.id}", "story": f"/stories/{story.id}",
            "sources": "/sources"}


def take_screenshots(out_dir: Path, base_url: str, paths: dict[str, str]) -> list[Path]:
    """One PNG per page (the first screenful), named after the page; returns the files written."""
    from playwright.sync_api import sync_playwright

    from spinlens.bench.browser import launch_chromium

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=VIEWPORT)
        for name in PAGES:
            response = page.goto(base_url + paths[name], wait_until="networkidle")
            if response is None or response.status != 200:
                raise SpinlensError(f"HTTP {response.status if response else '?'}", source=base_url + paths[name])
            target = out_dir / f"{name}.png"
            page.screenshot(path=str(target))
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Build a demo library in a temporary folder, serve it, and screenshot the main pages."""
    from spinlens.bench.browser import chromium_missing_reason
    from spinlens.bench.server import serve_library

    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0] if args else "docs/screenshots")
    reason = chromium_missing_reason()
    if reason:
        print(f"error: cannot take screenshots: {reason}", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory(prefix="spinlens-screenshots-") as workdir:
        library_path = Path(workdir) / "demo.sqlite"
        fill_demo_library(library_path)
        paths = page_paths(library_path)
        with serve_library(library_path) as served:
            for path in take_screenshots(out_dir, served.base_url, paths):
                print(f"{path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Debian's Chromium driven by Playwright, set up the one way every browser test and screenshot uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Where Debian's `chromium` package puts the browser (`.ci/run` installs it when missing).
CHROMIUM_PATH = Path("/usr/bin/chromium")

#: Flags for a headless run as root in a container with no network but loopback.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_missing_reason() -> str | None:
    """Why the browser cannot be launched here (None when it can): no Chromium binary, or no playwright."""
    if not CHROMIUM_PATH.exists():
        return f"{CHROMIUM_PATH} not found (apt-get install chromium chromium-driver; .ci/run does this)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def launch_chromium(playwright: Any) -> Any:
    """A headless Chromium `Browser` from a started `sync_playwright()`, never a downloaded browser build."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True)

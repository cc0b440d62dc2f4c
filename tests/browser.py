"""Headless Chromium (Debian's package) driven by Playwright, as the tests use it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-results"  # screenshots at 1280 and 375 px (not committed)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's chromium, or CHROMIUM_PATH."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


def require_chromium() -> str:
    """The browser, or a skip — a failure where CI demands browsers (REQUIRE_BROWSER=1)."""
    path = chromium_path()
    if path:
        return path
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("REQUIRE_BROWSER=1 but no chromium: apt-get install -y chromium")
    pytest.skip("no chromium on this machine (apt-get install -y chromium)")


@contextmanager
def browser_page() -> Iterator[object]:
    """A fresh page in headless Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            yield page
        finally:
            browser.close()


def artefact_name(path: str, width: int) -> str:
    """A page's screenshot name: its path in words and the width it was taken at."""
    if path.startswith("/u/"):  # a signed link: its token stays out of file names
        return f"unsubscribe-{width}px"
    words = "".join(ch if ch.isalnum() else "-" for ch in path.strip("/")).strip("-") or "home"  # query included
    return f"{words}-{width}px"


def screenshot(page: object, name: str) -> Path:
    """Keep a screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path

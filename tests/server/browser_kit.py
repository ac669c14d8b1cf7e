"""Headless Chromium for the browser tests: where it is, how it starts, the screen sizes
and the folder each test's screenshots go to."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install chromium")


def artifacts_folder(name: str) -> Path:
    """test-artifacts/``name`` (or under $DOJO_TEST_ARTIFACTS), made if missing."""
    folder = Path(os.environ.get("DOJO_TEST_ARTIFACTS", ROOT / "test-artifacts")) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium browser, closed on the way out."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, viewport: dict[str, int], problems: list[str],
              console_errors: bool = True) -> Any:
    """A new browser context's page, in British English; its script errors (and console
    errors, unless a page it opens is refused on purpose) go to ``problems``."""
    page = browser.new_context(viewport=viewport, locale="en-GB").new_page()
    if console_errors:
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page

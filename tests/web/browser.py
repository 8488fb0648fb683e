"""Debian's Chromium driven by Playwright, for the end-to-end page tests.

Playwright cannot download its own browsers here, so it launches the system's
``chromium`` (``ROSTER_CHROMIUM`` names another). Without one the browser
tests skip, except under ``.ci/run``, which installs it and sets
``ROSTER_REQUIRE_BROWSER=1`` so that a missing browser fails instead. The
launch flags keep Chromium off the network (this machine has none) and out of
the root sandbox it cannot use.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
ARTIFACTS = Path(
    os.environ.get("ROSTER_TEST_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts")
)


def chromium_path() -> str:
    """The browser to drive, or a skip (a failure when the browser is required)."""
    found = os.environ.get("ROSTER_CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    if found:
        return found
    reason = "no chromium on this machine (apt-get install chromium, or set ROSTER_CHROMIUM)"
    if os.environ.get("ROSTER_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


class ConsoleWatch:
    """Every console error and uncaught page error of the pages it watches."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def watch(self, page: object) -> None:
        page.on(  # type: ignore[attr-defined]
            "console",
            lambda message: (
                self.errors.append(f"{page.url}: {message.text}")  # type: ignore[attr-defined]
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))  # type: ignore[attr-defined]


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser, closed afterwards."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(LAUNCH_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()

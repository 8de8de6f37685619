"""Real headless Chromium (Debian's package) driven by Playwright. Never downloads a browser."""

import os
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("DANVAN_CHROMIUM"), "/usr/bin/chromium", "chromium"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


@pytest.fixture
def browser_page():
    path = chromium_path()
    if path is None:
        if os.environ.get("DANVAN_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (DANVAN_REQUIRE_BROWSER=1) but was not found.")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs this test.")
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # synchronous and safe, so tell Django not to refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_FLAGS
        )
        context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()

"""Real headless Chromium (Debian's package) driven by Playwright. Never downloads a browser."""

import os
import shutil
from pathlib import Path

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


# --- Shared steps of every browser test ---------------------------------------------------------

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
#: WCAG 2.1 A and AA rules of axe-core
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 800}


def fits_the_screen(page) -> bool:
    """Nothing sticks out sideways: the page is as wide as the window (no horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def log_in(page, live_server, user, next_url: str = "/", *, language: str = "vi") -> None:
    """Open ``next_url`` as ``user`` (a User: a Django session, no password typed), in
    ``language``. Tests of the login form itself type the password instead."""
    from django.conf import settings as django_settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    if getattr(user, "is_system_admin", False):
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    page.goto(f"{live_server.url}{next_url}")


def accessibility_violations(page, *, disable: tuple[str, ...] = ()) -> list[str]:
    """The WCAG 2.1 AA violations axe-core (vendored) finds on the page, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """([tags, disabled]) => axe.run(document, {
               runOnly: {type: "tag", values: tags},
               rules: Object.fromEntries(disabled.map(r => [r, {enabled: false}])),
           }).then(r => r.violations.map(v =>
               `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`))""",
        [WCAG_TAGS, list(disable)],
    )
    path = page.url.split("//", 1)[-1].partition("/")[2]
    return [f"/{path}: {line}" for line in result]


def assert_accessible(page, **kwargs) -> None:
    violations = accessibility_violations(page, **kwargs)
    assert not violations, f"{page.url}:\n  " + "\n  ".join(violations)

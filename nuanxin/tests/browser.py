"""Shared set-up for the Chromium tests: Debian's Chromium driven by Playwright, no downloads."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("NUANXIN_CHROMIUM", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_or_skip() -> str:
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but there is no Chromium at {CHROMIUM}.")
    pytest.skip("Browser tests need Debian's Chromium: `apt-get install -y chromium` "
                "(or set NUANXIN_CHROMIUM to its path). CI always runs them.")


@pytest.fixture(scope="session")
def browser():
    path = chromium_or_skip()
    # Playwright's sync API runs an event loop in this thread; the tests only touch the
    # database before pages load, and the live server answers from its own thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=path, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("locale", "zh-CN")
        kwargs.setdefault("viewport", {"width": 360, "height": 640})
        ctx = browser.new_context(**kwargs)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result.response["violations"]]


def smallest_font_px(page) -> float:
    """The smallest computed font size of any visible text on the page."""
    return page.evaluate("""() => {
        let min = 1e9;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const n = walker.currentNode, el = n.parentElement;
            if (!n.textContent.trim() || !el.offsetParent) continue;
            min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        }
        return min; }""")


def small_controls(page, selector: str, px: int = 60) -> int:
    """How many visible controls matching the selector are narrower or lower than px."""
    return page.evaluate("""([selector, px]) => [...document.querySelectorAll(selector)]
        .filter(e => e.offsetParent).map(e => e.getBoundingClientRect())
        .filter(r => r.width < px || r.height < px).length""", [selector, px])

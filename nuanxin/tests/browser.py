"""Shared set-up for the Chromium tests: Debian's Chromium driven by Playwright, no downloads."""

import os
import shutil
from pathlib import Path

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
    """Pages at 360×640 in Chinese. Every page is watched for Content-Security-Policy
    violations (an inline style or script that the policy blocked): any fails the test."""
    contexts = []
    refused: list[str] = []

    def watch(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{message.page.url if message.page else ''}: {message.text}")

    def make(**kwargs):
        kwargs.setdefault("locale", "zh-CN")
        kwargs.setdefault("viewport", {"width": 360, "height": 640})
        ctx = browser.new_context(**kwargs)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("console", watch)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not refused, "\n".join(refused)


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


# --- journeys: a screenshot per step, and what each page weighed on the wire -----------------

ARTEFACTS = Path(os.environ.get("NUANXIN_ARTEFACTS", Path(__file__).resolve().parents[2] / "var" / "artefacts"))


class Journey:
    """Walks one user journey and keeps its evidence in var/artefacts/journeys/<name>/:
    NN-<step>.png per step, and sizes.txt with the bytes each HTML page took on the wire
    (after compression), so a reviewer can look at every step without running the test."""

    def __init__(self, page, name: str):
        self.page, self.n = page, 0
        self.folder = ARTEFACTS / "journeys" / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.sizes: dict[str, int] = {}
        page.on("requestfinished", self._weigh)

    def _weigh(self, request):
        if request.resource_type != "document":
            return
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - a request torn down by navigation has no sizes
            return
        path = request.url.split("//", 1)[-1].split("/", 1)[-1]
        self.sizes["/" + path] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def step(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(path=str(self.folder / f"{self.n:02d}-{name}.png"), full_page=True)
        with open(self.folder / "sizes.txt", "w") as f:
            f.writelines(f"{size:>8} {path}\n" for path, size in sorted(self.sizes.items()))


@pytest.fixture
def journey(request):
    """journey(page) → a Journey named after the test (and its parameters)."""
    return lambda page, name=None: Journey(page, name or request.node.name.replace("[", "-").strip("]"))

"""Drive the UI in a real headless Chromium (the system's /usr/bin/chromium).

Skipped, with the reason, when the browser or the Python ``playwright`` package is
missing. Never downloads a browser.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fixtures import XSS_IMG, XSS_SCRIPT, XSS_TITLE, WebDb

from newsweave.api import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
START_WAIT_SECONDS = 20.0

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the Python package playwright is not installed"
)
uvicorn = pytest.importorskip("uvicorn")


@pytest.fixture
def base_url(web_db: WebDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a background thread."""
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(web_db.path, bind_host="127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_WAIT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _watch(page: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "requests": []}

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("request", lambda req: seen["requests"].append(req.url))
    return seen


def test_web_browser_front_page_article_and_search(
    base_url: str, browser: Any, web_db: WebDb, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)

    page.goto(base_url + "/")
    assert page.title() == "Front page · newsweave"
    assert "16 articles in 6 languages" in page.inner_text("h1")
    page.screenshot(path=str(tmp_path / "front.png"), full_page=True)

    # follow the link to the hostile article: its markup must show as text
    page.locator("section.by-language").get_by_role("link", name=XSS_TITLE).first.click()
    page.wait_for_url(f"**/articles/{web_db.xss_id}")
    assert page.inner_text("h1") == XSS_TITLE
    clean = page.inner_text("section.clean")
    assert XSS_SCRIPT in clean and XSS_IMG in clean
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    assert page.get_by_text(XSS_SCRIPT).first.is_visible()
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

    # search from the header box
    page.goto(base_url + "/")
    page.fill("form.quick input[name=q]", "harbour board")
    page.press("form.quick input[name=q]", "Enter")
    page.wait_for_url("**/search?q=harbour*")
    marks = page.locator("ol.results mark")
    assert marks.count() >= 2
    assert marks.first.inner_text().lower() == "harbour"
    assert XSS_SCRIPT in page.inner_text("ol.results")
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert all(url.startswith(base_url) for url in seen["requests"])  # nothing leaves the box
    for name in ("front.png", "article.png", "search.png"):
        assert (tmp_path / name).stat().st_size > 0


def test_web_browser_story_ledger_entity_and_search(
    base_url: str, browser: Any, web_db: WebDb, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)

    # the front page lists the stories; follow the one the storm articles make
    page.goto(base_url + "/")
    stories = page.locator("section.stories")
    assert stories.locator("li.card").count() == 3
    stories.get_by_role("link", name=XSS_TITLE).click()
    page.wait_for_url(f"**/stories/{web_db.storm_id}")
    assert page.inner_text("h1") == XSS_TITLE

    # the claim ledger: a verdict and every figure with its sentence, source, language, date
    ledger = page.locator("section.ledger")
    ledger.scroll_into_view_if_needed()
    assert ledger.is_visible()
    assert page.get_by_role("heading", name="Claim ledger").is_visible()
    injured = ledger.locator(".claim", has_text="Menschen wurden verletzt")
    assert injured.locator(".badge.verdict").inner_text().lower() == "revision"
    assert injured.locator("ul.figures > li").count() == 4
    assert "15" in injured.locator("ul.figures strong").all_inner_texts()

    # the hostile article is part of the story: its markup shows as text, nothing runs
    assert page.get_by_text(XSS_SCRIPT).first.is_visible()
    column = page.locator("section.lang-column[aria-label='language en']")
    column.locator("details.original summary").click()
    assert XSS_IMG in column.locator("details.original .raw").inner_text()
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)

    # an entity card leads to the entity: every spelling, mentions by language over time
    page.locator("ul.entity-cards").get_by_role("link", name="Ilsa Brenner").click()
    page.wait_for_url("**/entities/per*ilsa-brenner")
    assert page.inner_text("h1").startswith("Ilsa Brenner")
    assert page.locator(".spelling-list li").count() == 4
    assert page.locator("table.mentions meter").count() == 4
    page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)

    # and a search from the header box
    page.fill("form.quick input[name=q]", "Morvik")
    page.press("form.quick input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Morvik*")
    assert page.locator("ol.results > li").count() == 4
    assert page.locator("ol.results mark").first.inner_text() == "Morvik"
    page.screenshot(path=str(tmp_path / "story-search.png"), full_page=True)

    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert all(url.startswith(base_url) for url in seen["requests"])
    for name in ("story.png", "entity.png", "story-search.png"):
        assert (tmp_path / name).stat().st_size > 0


def test_web_browser_phone_width_and_right_to_left(
    base_url: str, browser: Any, web_db: WebDb, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    seen = _watch(page)
    page.goto(base_url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "phone-front.png"), full_page=True)
    page.goto(f"{base_url}/articles/{web_db.arabic_id}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling on a phone
    arabic = page.locator("section.clean p[lang=ar]").first
    french = page.locator("section.clean p[lang=fr]").first
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert french.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.screenshot(path=str(tmp_path / "phone-article-ar.png"), full_page=True)

    for path in (f"/stories/{web_db.storm_id}", "/entities/per:ilsa-brenner", "/stories"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.screenshot(path=str(tmp_path / "phone-stories.png"), full_page=True)

    page.goto(base_url + "/search?q=" + "اعادة")
    assert page.locator("ol.results mark").first.inner_text() == "إعادة"
    page.screenshot(path=str(tmp_path / "phone-search-ar.png"), full_page=True)
    assert seen["dialogs"] == [] and seen["errors"] == []

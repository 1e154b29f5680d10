"""The site in a real headless Chromium (Debian's, driven by Playwright; see ../shared/WEB-TESTING.md).

Pages render their article, the embedded JSON-LD parses in the browser and equals the file,
hostile article text stays text, every link and fragment resolves, and the seed page's screenshot
is saved (NEWSLD_SCREENSHOT=path writes it there too, for the README). Skips locally when no
browser is installed; CI (NEWSLD_REQUIRE_SERVERS=1) fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.web.serve import serving
from tests.servers import required
from tests.web.test_serve import BASE, site  # noqa: F401 - the module fixture that builds the site
from tests.web.test_site import SEED

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
OFFLINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        required("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        required("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--disable-gpu", "--disable-dev-shm-usage"]
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:  # noqa: F811 - the imported fixture
    with serving(site, BASE) as address:
        yield address.rstrip("/")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that may not reach the network, recording dialogs (alert() would be one)."""
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    context.route(OFFLINE, lambda route: route.abort())
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield opened
    finally:
        context.close()


def embedded_jsonld(page: Any) -> list[Any]:
    return page.evaluate(  # type: ignore[no-any-return]
        "() => [...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent))"
    )


def picture(width: int, height: int) -> bytes:
    """A PNG made here (a soft two-tone gradient): the lead image, since the browser is offline."""
    import struct
    import zlib

    rows = b"".join(
        b"\0" + bytes((200 - y * 60 // height, 210 - y * 40 // height, 225 - y * 20 // height)) * width
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def test_seed_page_renders_the_article(page: Any, url: str, site: Path, tmp_path: Path) -> None:  # noqa: F811
    image = picture(1200, 800)
    page.route("https://images.example/**", lambda route: route.fulfill(body=image, content_type="image/png"))
    response = page.goto(f"{url}/article/{SEED}")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Fiverr CEO warns staff about AI"
    assert page.locator("section.paragraph").count() == 7
    assert page.locator("#paragraph-2 .quote").inner_text() == "AI is coming for everyone’s jobs, including mine"
    assert page.locator("#paragraph-2 .said").inner_text() == "Quote 1: said by Micha Kaufman (rule pronoun)"
    assert page.locator(".sources li").count() == 7
    assert page.locator("#source-1").inner_text() == "Kaufman's memo to Fiverr staff, Business Insider, 8 April 2025"
    assert (
        page.locator(".byline")
        .inner_text()
        .startswith("By Jane Doe, Micha Kaufman · The Daily Example · from Noah Wire Services")
    )
    assert page.locator("figure.lead img").get_attribute("alt") == "Micha Kaufman speaking on a stage"
    assert page.evaluate("() => document.querySelector('figure.lead img').naturalWidth") == 1200
    assert page.locator("figure.lead figcaption").inner_text().startswith("Micha Kaufman, Fiverr's chief executive.")
    assert page.evaluate("() => document.scripts.length") == 1
    assert embedded_jsonld(page) == [json.loads((site / f"article/{SEED}.jsonld").read_text(encoding="utf-8"))]
    shot = page.screenshot(full_page=False)
    (tmp_path / "seed.png").write_bytes(shot)
    target = os.environ.get("NEWSLD_SCREENSHOT")
    if target:
        Path(target).write_bytes(shot)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000


def axe_source() -> str:
    """axe-core's script, installed by .ci/axe-setup (npm) outside the repository."""
    default = Path(os.environ.get("TMPDIR", "/tmp")) / "newsld-axe/node_modules/axe-core/axe.min.js"
    path = Path(os.environ.get("NEWSLD_AXE") or default)
    if not path.is_file():
        required(f"axe-core is not installed ({path}): AXE=$(.ci/axe-setup /tmp/newsld-axe); export NEWSLD_AXE=$AXE")
    return path.read_text(encoding="utf-8")


AUDITED = [f"/article/{SEED}", "/article/hostile", "/person/micha-kaufman", "/organization/the-daily-example", "/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(browser: Any, url: str, scheme: str) -> None:
    """Deque's axe-core, injected into each kind of page (WCAG 2.1 A/AA and best practices), in the
    light and the dark colour scheme: no violation of serious or critical impact."""
    source = axe_source()
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, color_scheme=scheme)
    context.route(OFFLINE, lambda route: route.abort())
    page = context.new_page()
    try:
        found: dict[str, list[str]] = {}
        for path in AUDITED:
            page.goto(f"{url}{path}")
            page.add_script_tag(content=source)
            results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            assert results["testEngine"]["name"] == "axe-core"
            serious = [
                f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                for v in results["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if serious:
                found[path] = serious
        assert found == {}
    finally:
        context.close()


def test_the_audit_can_fail(browser: Any) -> None:
    """Negative control: axe reports an image without alt text and unreadable text as serious or critical."""
    page = browser.new_page()
    try:
        page.set_content(
            '<!doctype html><html lang="en"><title>x</title><main><img src="data:,">'
            '<p style="color:#eee;background:#fff">faint</p></main></html>'
        )
        page.add_script_tag(content=axe_source())
        results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        ids = {v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")}
        assert {"image-alt", "color-contrast"} <= ids
    finally:
        page.close()


def test_fragments_land_on_their_element(page: Any, url: str) -> None:
    page.goto(f"{url}/article/{SEED}#quote-2")
    assert page.evaluate("() => document.querySelector(':target')?.id") == "quote-2"
    page.goto(f"{url}/person/micha-kaufman")  # 303 to the page
    assert page.url == f"{url}/person/micha-kaufman.html"
    page.locator("a", has_text="Fiverr CEO warns staff about AI").first.click()
    assert page.url == f"{url}/article/{SEED}.html#quote-1"
    assert page.evaluate("() => document.querySelector(':target')?.id") == "quote-1"


def test_hostile_text_shows_as_text_and_runs_nothing(page: Any, url: str) -> None:
    page.goto(f"{url}/article/hostile")
    first = page.locator("#paragraph-1 p").first.inner_text()
    assert "</script><script>alert(1)</script>" in first
    assert "<img src=x onerror=alert(2)>" in first
    assert "\u202eevil\u202c" in page.locator("#paragraph-1").text_content()
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => document.querySelectorAll('img, b, iframe, object').length") == 0
    assert page.dialogs == []
    [document] = embedded_jsonld(page)
    assert "</script><script>alert(1)</script>" in document["articleBody"]


def test_the_dialog_detector_can_fire(page: Any, url: str) -> None:
    """Negative control: unescaped JSON in a script element does run, and the detector sees it."""
    body = json.dumps({"text": "</script><script>alert(1)</script>"})
    page.set_content(f'<script type="application/ld+json">{body}</script>')
    assert page.dialogs == ["1"]


def test_every_internal_link_resolves_in_the_browser(page: Any, url: str) -> None:
    """Follow every internal link from the index: pages load in the browser, data files answer 200,
    and every #fragment names an element of its page."""
    seen: set[str] = set()
    pending = [f"{url}/"]
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    while pending:
        address = pending.pop()
        if address in seen:
            continue
        seen.add(address)
        answer = page.request.get(address, max_redirects=0 if address.endswith(".html") else 5)
        assert answer.status == 200, address
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        response = page.goto(address)
        assert response is not None and response.status == 200, address
        ids[page.url.partition("#")[0]] = set(
            page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
        )
        for link in page.evaluate("() => [...document.querySelectorAll('a[href], link[href]')].map(a => a.href)"):
            target, _, fragment = link.partition("#")
            if not target.startswith(url):
                continue  # a source's own URL: not ours to resolve, and the browser is offline
            pending.append(target)
            if fragment:
                fragments.append((address, target, fragment))
    assert len(ids) > 8 and len(seen) > 25
    for origin, target, fragment in fragments:
        assert fragment in ids.get(target, set()), f"{origin} links to {target}#{fragment}: no such element"
    assert page.dialogs == []

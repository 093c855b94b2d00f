"""Browser test helpers: the site built and served for a local origin, a tab made like new, and
probes that return readable findings (empty = fine), so the tests can assert "no findings"
on the real site and "these findings" on a copy with planted defects (test_probes.py).
The Chromium set-up itself is harness/chromium.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError

from harness.building import build
from helpsite.built_site import built_pages, counterpart, rel_path
from harness.chromium import DESKTOP
from helpsite.project import PROJECT, languages
from harness.ports import free_port
from helpsite.serving import serve

MOBILE = {"width": 375, "height": 812}
# Material's search (tooling notes): the field, and the links of the result list.
SEARCH_INPUT = "input.md-search__input"
RESULT_LINKS = "li.md-search-result__item > a.md-search-result__link"
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Tagged best-practice, not WCAG, but the one rule the theme fails without our fix
# (overrides/main.html names the search dialog); Lighthouse counts it too.
EXTRA_AXE_RULES = ["aria-dialog-name"]

# Final states only: the focus and visibility checks must not see half-finished animations.
NO_ANIMATIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@dataclass
class SitePage:
    """A content page of the built site (help-ID redirect pages are not content pages)."""
    path: str  # relative to the site root, e.g. "en/install.html"
    lang: str
    title: str  # the page's h1

    @property
    def is_not_found_page(self) -> bool:
        return self.path.rsplit("/", 1)[-1] == "404.html"

    def counterpart(self, lang: str) -> str:
        """This page in another language."""
        return counterpart(self.path, lang, languages())


def site_pages(site: Path) -> list[SitePage]:
    pages = []
    for file in built_pages(site):
        doc = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        if doc.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
            continue  # go/ redirect pages: tested with the help IDs
        h1 = doc.find("h1")
        for permalink in h1.select(".headerlink") if h1 else []:
            permalink.decompose()
        title = h1.get_text(" ", strip=True) if h1 else ""
        path = rel_path(file, site)
        pages.append(SitePage(path, languages().of_path(path), title))
    return pages


def one_page_of_each_kind(pages: list[SitePage]) -> list[SitePage]:
    """The start page, a content page and the not-found page, in every language: the pages
    differ by template, not by the content of the content pages."""
    kinds = {}
    for page in pages:
        name = page.path.rsplit("/", 1)[-1]
        kinds.setdefault((page.lang, name if name in ("index.html", "404.html") else "content"), page)
    return list(kinds.values())


def every_page_of_one_language(pages: list[SitePage]) -> list[SitePage]:
    """Every page of the default language, and one page of each kind in the others: the
    languages' pages share templates and styles, and checks/parity.py keeps their structure the
    same (headings, their IDs and order, help IDs)."""
    default = languages().default
    return [page for page in pages if page.lang == default] + [
        page for page in one_page_of_each_kind(pages) if page.lang != default]


@dataclass
class ServedSite:
    """A built site served on 127.0.0.1 and its content pages."""
    root: Path
    origin: str
    pages: list[SitePage]

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"

    def page(self, path: str) -> SitePage:
        for page in self.pages:
            if page.path == path:
                return page
        raise AssertionError(f"{path} is not a content page of the built site {self.root}")


def build_and_serve(dest: Path):
    """Build the project for a free local port and serve it there."""
    port = free_port()
    build(PROJECT, dest, site_url=f"http://127.0.0.1:{port}/")
    return serve(dest, port)


@dataclass
class PageLog:
    """Requests, console errors and script errors of one tab, from the moment it is attached."""
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page) -> PageLog:
        log = cls()
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and log.errors.append(
            f"console: {msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda error: log.errors.append(f"script error: {error}"))
        return log

    def clear(self) -> None:
        self.requests.clear()
        self.errors.clear()


def fresh_tab(context, shared: dict):
    """The tab in shared["page"] as a new one is: blank (the last page stops loading, so its
    late requests do not land in the log), desktop size, screen media, no routes, no cookies,
    an empty log; a new tab if there is none or it was closed or crashed. A new tab and its
    first page cost about twice the CPU of a page load in an open tab."""
    page = shared.get("page")
    if page is not None and not page.is_closed():
        try:
            page.goto("about:blank")
        except PlaywrightError:  # crashed
            page.close()
    if page is None or page.is_closed():
        page = shared["page"] = context.new_page()
        page.log = PageLog.attach(page)
    page.unroute_all(behavior="ignoreErrors")
    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="null")
    context.clear_cookies()
    page.log.clear()
    return page


def foreign_requests(log: PageLog, origin: str) -> list[str]:
    """Requests to anything but the local server (data: and blob: URLs never leave the browser)."""
    local = urlsplit(origin).netloc
    return [url for url in log.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local]


def axe_violations(page, within: str | None = None) -> list[str]:
    """WCAG 2.2 A/AA violations of the page as it is now, or of the elements matching the CSS
    selector `within` and what they hold: 'rule (impact) at selector: help'."""
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": True} for rule in EXTRA_AXE_RULES},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, context=within, options=options).response
    return [
        f"{violation['id']} ({violation['impact']}) at {' '.join(map(str, node['target']))}: "
        f"{violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const overflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
  if (overflow <= 0) return [];
  // Inside a box that scrolls or clips on its own (tables, code) is fine; <html> clips too.
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true; } return false; };
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join(''));
  return [`${overflow}px wider than the screen` + (wide.length ? `; too wide: ${wide.join(', ')}` : '')];
}"""


def sideways_scrolling(page) -> list[str]:
    """Whether the page can be scrolled sideways, naming the elements that stick out."""
    return page.evaluate(SIDEWAYS)


NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const describe = e => e.tagName.toLowerCase()
    + [...e.classList].filter(c => c !== 'focus-visible').map(c => '.' + c).join('');
  const name = describe(el) + (el.id ? '#' + el.id : '')
    + (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '');
  // Same element in the same kind of container: same CSS, so the same focus indicator.
  const kind = [el, el.parentElement, el.parentElement?.parentElement].filter(Boolean).map(describe).join(' < ');
  return {name, kind, x: r.x, y: r.y, width: r.width, height: r.height, scrollX, scrollY};
}"""


def on_screen_clip(stop, viewport, margin: int = 3) -> dict | None:
    """The focused element's box plus a margin for outlines, cut to the viewport; None if off screen."""
    left, top = max(stop["x"] - margin, 0), max(stop["y"] - margin, 0)
    right = min(stop["x"] + stop["width"] + margin, viewport["width"])
    bottom = min(stop["y"] + stop["height"] + margin, viewport["height"])
    if min(stop["width"], stop["height"], right - left - margin, bottom - top - margin) < 1:
        return None
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


# A Tab key press as one message to the browser: focus moves on key down. Playwright's
# keyboard.press sends key down and key up and waits for each: 10 ms of CPU a stop, this 7.
TAB_DOWN = {"type": "rawKeyDown", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}


def focus_stops_without_visible_focus(page, kinds: set | None = None, max_stops: int = 400) -> list[str]:
    """Tab through the page; every focus stop must be on screen and look different when focused.

    Screenshots each stop's surroundings while it has focus; after the walk (focus has left
    the page) it scrolls back to each stop and compares. Any indicator counts: outline, shadow,
    background, the search bar opening. Screenshots are compared once per kind of stop (element
    and its two parents' tags and classes; pass one `kinds` set for several pages to skip kinds
    already seen); every stop is checked for being on screen.
    """
    page.add_style_tag(content=NO_ANIMATIONS)
    keys = page.context.new_cdp_session(page)
    kinds = set() if kinds is None else kinds
    findings, stops, names = [], [], []
    for _ in range(max_stops):
        keys.send("Input.dispatchKeyEvent", TAB_DOWN)
        stop = page.evaluate(FOCUSED)
        if stop is None or (names and stop["name"] == names[0]):
            break  # focus left the page or came round again
        names.append(stop["name"])
        clip = on_screen_clip(stop, page.viewport_size)
        if clip is None or stop["kind"] not in kinds:
            page.evaluate(NEXT_FRAME)  # Material reacts to focus in a later frame (search opens)
            stop = page.evaluate(FOCUSED)
            clip = on_screen_clip(stop, page.viewport_size)
        if clip is None:
            findings.append(f"{stop['name']}: focused but not on screen "
                            f"({stop['width']:.0f}x{stop['height']:.0f} at {stop['x']:.0f},{stop['y']:.0f})")
        elif stop["kind"] not in kinds:
            kinds.add(stop["kind"])
            stops.append((stop, clip, page.screenshot(clip=clip)))
    keys.detach()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for stop, clip, focused in stops:
        page.evaluate(f"window.scrollTo({stop['scrollX']}, {stop['scrollY']})")
        if page.screenshot(clip=clip) == focused:
            findings.append(f"{stop['name']}: no visible change when focused")
    return findings


def wait_until_results_settle(tab, quiet_ms=200, timeout_ms=5000):
    """Results for a partial word can re-render after the last key, replacing the hit a test
    reads, focuses or clicks (seen on a slow CI machine); wait until the list is quiet."""
    tab.wait_for_function(
        """([quiet, selector]) => {
             const markup = document.querySelector(selector)?.innerHTML ?? '';
             const now = performance.now();
             if (window.__lastResults !== markup) { window.__lastResults = markup; window.__since = now; }
             return now - window.__since >= quiet;
           }""",
        arg=[quiet_ms, "ol.md-search-result__list"], polling=50, timeout=timeout_ms)


# What a site can keep in the browser besides cookies, read in the page's origin.
STORED = """async () => {
  const found = [];
  for (const [name, store] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]])
    for (let i = 0; i < store.length; i++) found.push(`${name}: ${store.key(i)}`);
  for (const db of await indexedDB.databases()) found.push(`IndexedDB: ${db.name}`);
  if (self.caches) for (const cache of await caches.keys()) found.push(`Cache Storage: ${cache}`);
  return found;
}"""
FORGET = """async () => {
  localStorage.clear();
  sessionStorage.clear();
  for (const db of await indexedDB.databases()) indexedDB.deleteDatabase(db.name);
  if (self.caches) for (const cache of await caches.keys()) await caches.delete(cache);
}"""


def stored_data(page) -> list[str]:
    """What the site keeps in this browser: cookies, localStorage, sessionStorage, IndexedDB and
    Cache Storage of the page's origin ('kind: name' each; empty = nothing)."""
    return ([f"cookie: {cookie['name']}" for cookie in page.context.cookies()] + page.evaluate(STORED))


def forget_stored_data(page) -> None:
    """Empty the page's origin's storage and the context's cookies (what stored_data reads)."""
    page.evaluate(FORGET)
    page.context.clear_cookies()

"""Each page's last touches, written into the page read once (helpsite/html_page.py):

1. Search in the page's language. Material's search loads search/search_index.json next to
   `base` in the page's __config data block; pages below a language root (en/) get that root
   as base, so they load their language's index (helpsite/pipeline/search_indexes.py).
2. Absolute hreflang links. The generator writes each page's language links relative to the
   page, which is right for the language switch; search engines want them absolute, plus an
   x-default (the default language's page). Only the <link> elements in the head change; the
   offline bundle has no address, so its links stay relative.
3. Links to a renamed asset (Material's stylesheet, named by its content hash) follow it.

None of this changes a script, an event handler or a style: the page-security pass has read
the page before and stays true of it.
"""

from __future__ import annotations

import json
import posixpath
from urllib.parse import urljoin, urlsplit

from helpsite.html_page import HtmlPage, splice
from helpsite.pipeline.site import Settings, Site


def site_path(page: str, href: str, base_path: str) -> str | None:
    """The path below the site root a page's link leads to; None for another site's address."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if path.startswith("/"):
        return path[len(base_path):] if path.startswith(base_path) else None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def search_base_edit(page: HtmlPage, lang_root: str) -> list[tuple[int, int, str]]:
    if not lang_root:
        return []
    config = page.script_with_id("__config")
    if config is None:
        return []
    app = json.loads(config.text)
    # Material resolves "search/search_index.json" against `base` with new URL(); "../en"
    # (no slash) would resolve it at the site root.
    app["base"] = posixpath.join(app["base"], lang_root)
    return [(config.text_start, config.text_end, json.dumps(app, separators=(",", ":")))]


def hreflang_edits(page: HtmlPage, path: str, settings: Settings, base_path: str) -> list[tuple[int, int, str]]:
    links = []
    for tag in page.tags_named("link"):
        target = site_path(path, tag.get("href") or "", base_path)
        if tag.get("rel") == "alternate" and tag.get("hreflang") and target is not None:
            links.append((tag, urljoin(settings.site_url, target)))
    edits = [(tag.start, tag.end, tag.with_attrs({"href": address})) for tag, address in links]
    default = [(tag, address) for tag, address in links if tag.get("hreflang") == settings.langs.default]
    if default:
        tag, address = default[0]
        last = edits.pop()
        edits.append((last[0], last[1], last[2] + tag.with_attrs({"href": address, "hreflang": "x-default"})))
    return edits


def renamed_link_edits(page: HtmlPage, path: str, renamed: dict[str, str], base_path: str) -> list[tuple[int, int, str]]:
    edits = []
    for tag in page.tags_named("link") + page.tags_named("script"):
        attribute = "href" if tag.name == "link" else "src"
        href = tag.get(attribute)
        target = site_path(path, href, base_path) if href else None
        if target in renamed:
            new_name = posixpath.basename(renamed[target])
            edits.append((tag.start, tag.end, tag.with_attrs({attribute: posixpath.join(posixpath.dirname(href), new_name)})))
    return edits


def finish_pages(site: Site, settings: Settings) -> None:
    base_path = urlsplit(settings.site_url).path or "/"
    for path in site.files("*.html"):
        page = site.page(path)
        lang_root = settings.langs.root(settings.langs.of_path(path))
        edits = search_base_edit(page, lang_root) + renamed_link_edits(page, path, site.renamed, base_path)
        if not settings.offline:
            edits += hreflang_edits(page, path, settings, base_path)
        if edits:
            site.write(path, splice(page.text, edits))

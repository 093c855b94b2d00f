"""MkDocs hook: puts right what a plain Material + static-i18n build gets wrong.

1. Search per language. static-i18n merges both languages into search/search_index.json;
   after its post-build we split it into search/ (German) and en/search/ (English), each with
   its own `lang`, and English pages load theirs (`base` in Material's __config points at en/).
2. hreflang. static-i18n gives each page its language links relative to the site; search
   engines want absolute ones plus x-default. We make config.extra.alternate absolute, so
   Material writes absolute hreflang links; the language switch (overrides/partials/
   alternate.html) turns them back into relative links, so a local or staging copy never
   sends readers to the production host.
3. 404 page per language: each language build renders 404.html; the English one goes to
   en/404.html instead of overwriting the German one.
4. sitemap.xml per language root: Material fetches sitemap.xml next to every alternate link.
5. No source maps in the published site.
6. Offline help bundle (Material's offline plugin enabled, OFFLINE=true; see scripts/dist.py):
   - search from file:// reads search/search_index.js, which the plugin writes from the merged
     index; we write it per language from the split indexes instead;
   - the plugin loads the iframe-worker shim (search's Worker from file://) from a CDN; we
     ship node_modules/iframe-worker/shim/index.js as assets/javascripts/iframe-worker-shim.js;
   - the language switch keeps relative links (absolute ones would make the help contact the
     production host), and the head has no hreflang links at all: they are for search engines,
     and Material fetches sitemap.xml next to each one, which fails from file://.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project's package, helpsite/
from helpsite.project import languages  # noqa: E402

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NOT_FOUND = "404.html"
HEAD_HREFLANG = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"
OFFLINE_SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"


def i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def offline_build(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def language_roots(config: MkDocsConfig) -> dict[str, str]:
    """Language → its root path below the site root ('' for the default language)."""
    return languages(Path(config.config_file_path).parent).roots()


def search_base(output: str, lang_root: str, where: str) -> str:
    """Point Material's `base` at the language root, so search loads that language's index."""
    match = CONFIG_SCRIPT.search(output)
    if not match:
        raise PluginError(f"{where}: Material's __config script not found; hooks/i18n_output.py needs updating.")
    if not lang_root:
        return output
    app = json.loads(match.group(2))
    # Keep the trailing slash: Material resolves "search/search_index.json" and result links
    # against `base` with new URL(), and "../en" (no slash) resolves them at the site root.
    app["base"] = posixpath.join(app["base"], lang_root)
    return output[: match.start(2)] + json.dumps(app, separators=(",", ":")) + output[match.end(2):]


def absolute_alternates(config: MkDocsConfig) -> None:
    """Make this page's language links absolute and add x-default (the default language's page).

    config.extra.alternate is the attribute static-i18n sets per page; Material writes it into
    the head as hreflang links, and our language switch makes each link relative again."""
    if offline_build(config):
        return  # file:// has no host: the links stay relative to the bundle
    base = urlsplit(config.site_url).path
    links = []
    for alt in config.extra.alternate:
        path = alt["link"]
        path = path[len(base):] if path.startswith(base) else path.lstrip("/")
        links.append(dict(alt, link=urljoin(config.site_url, path)))
    default = languages(Path(config.config_file_path).parent).default
    links += [dict(alt, lang="x-default") for alt in links if alt["lang"] == default]
    config.extra.alternate = links  # attribute, as static-i18n sets it


@event_priority(-50)  # after Material's offline plugin has added its CDN polyfill
def on_config(config: MkDocsConfig):
    if offline_build(config):
        config.extra["polyfills"] = [
            OFFLINE_SHIM if "iframe-worker" in str(script) else script
            for script in config.extra.get("polyfills", [])
        ]
    return config


@event_priority(-50)  # after static-i18n has set this page's language links (priority 50)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    absolute_alternates(config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig):
    if offline_build(config):
        output = HEAD_HREFLANG.sub("", output)  # the switch's links are <a>, not <link>: they stay
    return search_base(output, config.extra["lang_root"], f"docs/{page.file.src_uri}")


def on_template_context(context, template_name: str, config: MkDocsConfig):
    if template_name == NOT_FOUND:
        # static-i18n leaves the links of the last page rendered; the switch of a 404 page
        # leads to the other language's 404 page.
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        plugin = i18n(config)
        config.extra.alternate = [  # attribute, as static-i18n sets it
            {
                "name": plugin.get_language_config(lang).name,
                "link": f"{base}/{root}{NOT_FOUND}",
                "lang": lang,
            }
            for lang, root in language_roots(config).items()
        ]
        absolute_alternates(config)
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig):
    if template_name != NOT_FOUND:
        return output
    lang_root = config.extra["lang_root"]
    output = search_base(output, lang_root, NOT_FOUND)
    if not lang_root:
        return output
    target = Path(config.site_dir) / lang_root / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # empty output: MkDocs skips writing site/404.html, which stays German


def split_search_index(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    merged_path = site / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    roots = language_roots(config)
    foreign = tuple(root for root in roots.values() if root)
    for lang, root in roots.items():
        if root:
            docs = [
                dict(doc, location=doc["location"][len(root):])
                for doc in merged["docs"]
                if doc["location"].startswith(root)
            ]
        else:
            docs = [doc for doc in merged["docs"] if not doc["location"].startswith(foreign)]
        index = {"config": dict(merged["config"], lang=[lang]), "docs": docs}
        target = site / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        if offline_build(config):  # what Material's search reads from file://
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")


def copy_offline_shim(config: MkDocsConfig) -> None:
    source = Path(config.config_file_path).parent / OFFLINE_SHIM_SOURCE
    if not source.exists():
        raise PluginError(f"{OFFLINE_SHIM_SOURCE} missing: the offline build ships it for search "
                          "from file://. Run `npm ci` (make dist does).")
    target = Path(config.site_dir) / OFFLINE_SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())


def write_language_sitemaps(config: MkDocsConfig) -> None:
    """en/sitemap.xml lists the English pages (with their alternates), as the protocol wants."""
    site = Path(config.site_dir)
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    for lang, root in language_roots(config).items():
        if not root:
            continue
        tree = ElementTree.parse(site / "sitemap.xml")
        urlset = tree.getroot()
        prefix = urljoin(config.site_url, root)
        for url in list(urlset):
            loc = url.find(f"{{{SITEMAP_NS}}}loc")
            if loc is None or not loc.text.startswith(prefix):
                urlset.remove(url)
        tree.write(site / root / "sitemap.xml", encoding="utf-8", xml_declaration=True)


def remove_source_maps(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    for script in (site / "assets").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        stripped = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
        if stripped != text:
            script.write_text(stripped, encoding="utf-8")


@event_priority(-110)  # after static-i18n (-100) has built every language and merged the index
def on_post_build(config: MkDocsConfig):
    if i18n(config).building:
        return  # a nested language build: wait for the outer one to finish
    split_search_index(config)
    write_language_sitemaps(config)
    remove_source_maps(config)
    if offline_build(config):
        copy_offline_shim(config)

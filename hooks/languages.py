"""MkDocs hook: what each language's build renders besides its pages.

static-i18n builds every language into the same folder, one build after the other, so each
build would write the theme's 404.html and sitemap.xml over the last one's. Here, by template
context only (nothing is written but what MkDocs renders):

- A 404 page per language. The default language's build renders 404.html; each other build
  renders <root>404.html (en/404.html) from the same template instead, with the absolute base
  an error page needs (MkDocs gives it to a top-level 404.html only) and a language switch
  that leads to the other languages' 404 pages. The web server sends misses below /en/ to it.
- A sitemap per language root. sitemap.xml lists every language (static-i18n's template, from
  the last build); each other language's build also renders <root>sitemap.xml with its own
  pages, from static-i18n's alternates, because Material fetches sitemap.xml next to each
  language link and the protocol wants a sitemap to list the pages below it.
- The offline bundle has neither (no server sends a 404 page; nothing reads a sitemap from
  file://): they render empty, which MkDocs does not write. Its search Worker shim is the local
  copy (helpsite/pipeline/offline.py adds the file), not Material's CDN address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpsite.built_site import NOT_FOUND
from helpsite.generator import project_of
from helpsite.pipeline.offline import OFFLINE_SHIM
from helpsite.project import languages

SITEMAP = "sitemap.xml"


def offline_build(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-110)  # after static-i18n (-100) has set this build's language, and after the offline plugin
def on_config(config: MkDocsConfig):
    langs = languages(project_of(config))
    root = langs.root(config.theme.get("language") or langs.default)
    templates = config.theme.static_templates  # one config object serves every language's build
    templates -= {f"{langs.root(lang)}{name}" for lang in langs.codes for name in (NOT_FOUND, SITEMAP)}
    templates |= {f"{root}{NOT_FOUND}", SITEMAP} | ({f"{root}{SITEMAP}"} if root else set())
    if offline_build(config):
        config.extra["polyfills"] = [OFFLINE_SHIM if "iframe-worker" in str(script) else script
                                     for script in config.extra.get("polyfills", [])]
    return config


def on_env(env: jinja2.Environment, config: MkDocsConfig, files):
    """en/404.html and en/sitemap.xml are the theme's 404.html and sitemap.xml."""
    langs = languages(project_of(config))
    roots = {root.rstrip("/"): env.loader for root in langs.roots().values() if root}
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(roots)])
    return env


def on_template_context(context, template_name: str, config: MkDocsConfig):
    langs = languages(project_of(config))
    roots = langs.roots()
    base = urlsplit(config.site_url or "/").path
    if template_name in {f"{root}{NOT_FOUND}" for root in roots.values()}:
        context["base_url"] = base  # as MkDocs sets it for a top-level error page
        plugin = config.plugins["i18n"]
        config.extra.alternate = [  # an attribute, as static-i18n sets it
            {"name": plugin.get_language_config(lang).name, "link": f"{base}{root}{NOT_FOUND}", "lang": lang}
            for lang, root in roots.items()]
    for lang, root in roots.items():
        if root and template_name == f"{root}{SITEMAP}":
            context["i18n_alternates"] = {lang: context["i18n_alternates"][lang]}
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig):
    if offline_build(config) and template_name.endswith((NOT_FOUND, SITEMAP)):
        return ""  # not written
    return output

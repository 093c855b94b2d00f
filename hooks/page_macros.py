"""Macros for pages (mkdocs-macros-plugin module): facts come from data/facts.yml only.

In a page:  {{ fact("support.email") }}, {{ email_link(subject="...") }}, {{ phone_link() }},
            {{ fact_link("legal.imprint_url", "Impressum") }}, {{ fact_host("remote_support.download_url") }},
            {% if has_fact("remote_support.download_url") %} ... {% endif %}

A page just uses a fact. Where the company has not confirmed it yet, previews, `make serve` and
plain builds show an editor's mark in its place (helpsite/marks.py); a release build
(RELEASE=true, `make dist`) stops with the page and the fact named instead.

Self-contained: it reads the facts itself and takes the language from the page's file name
(install.en.md), so pages render the same whether or not the build hooks ran before. It uses
only what mkdocs-macros and Zensical's macros extension both offer (env.project_dir, the
configuration's `extra`, the page's source path), so the pages' facts survive a move to
Zensical (README, "The next engine").
"""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from helpsite import confirmation, facts as site_facts, marks
from helpsite.project import languages, source_language


def source_path(page) -> str:
    """The page's Markdown file below docs/ (MkDocs: page.file.src_uri; Zensical: page.path)."""
    return getattr(getattr(page, "file", None), "src_uri", None) or page.path


def define_env(env):
    project = Path(env.project_dir)
    langs = languages(project)
    all_facts = site_facts.load_facts(project)
    wording = site_facts.load_ui_text(project)
    release = bool((env.conf.get("extra") or {}).get("release"))

    def where() -> str:
        page = env.page
        return f"docs/{source_path(page)}" if page else "a page"

    def lang() -> str:
        page = env.page
        return (source_language(Path(source_path(page)).name, langs) if page else None) or langs.default

    localised = functools.cache(lambda code: site_facts.localise(all_facts, code, langs))
    states = confirmation.fact_states(all_facts, langs.codes)  # the facts of this build, read once
    open_label = functools.cache(lambda key, code: marks.open_label(all_facts, key, code, langs.codes, states))

    def value(key: str):
        try:
            return site_facts.lookup(localised(lang()), key)
        except KeyError:
            raise KeyError(f"{where()}: no fact '{key}' in {site_facts.FACTS}")

    def mark(key: str, shown=None) -> str | None:
        """The editor's mark when key is not confirmed yet (None when it is)."""
        label = open_label(key, lang())
        if label is None:
            return None
        if release:
            raise ValueError(
                f"{where()}: fact '{key}' ({label}) is not confirmed yet, and a release shows confirmed "
                f"facts only. Confirm it in {site_facts.FACTS} (make review lists what is open), or "
                "build a preview (make dist-preview).")
        return marks.mark_html(key, label, wording[lang()][marks.WORDING_KEY], shown)

    @env.macro
    def has_fact(key: str) -> bool:
        """True when the fact has a value (confirmed or not)."""
        return value(key) is not None

    @env.macro
    def fact(key: str):
        """The fact's value; an editor's mark while the company has not confirmed it."""
        found = value(key)
        return mark(key, found if not isinstance(found, dict) else None) or found

    @env.macro
    def fact_link(key: str, text: str) -> str:
        """text linked to the address in fact key; the mark after it while it is not confirmed."""
        url = value(key)
        link = f'<a href="{escape(str(url))}">{text}</a>' if url else text
        flag = mark(key)
        return f"{link} {flag}" if flag else link

    @env.macro
    def fact_host(key: str) -> str:
        """The host name of the address in fact key (download.example.com), marked while open."""
        url = value(key)
        host = urlsplit(str(url)).hostname if url else None
        return mark(key, host) or escape(host or "")

    @env.macro
    def email_link(subject: str | None = None) -> str:
        return mark("support.email") or site_facts.email_link(localised(lang()), subject)

    @env.macro
    def phone_link() -> str:
        return mark("support.phone") or site_facts.phone_link(localised(lang()))

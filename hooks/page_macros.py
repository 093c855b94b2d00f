"""Macros for pages (mkdocs-macros-plugin module): facts come from data/facts.yml only.

In a page:  {{ fact("support.email") }}, {{ email_link(subject="...") }}, {{ phone_link() }},
            {% if has_fact("remote_support.download_url") %} ... {% endif %}

Self-contained: it reads the facts itself and takes the language from the page's file name
(install.en.md), so pages render the same whether or not the build hooks ran before. It uses
only what mkdocs-macros and Zensical's macros extension both offer (env.project_dir, the
page's source path), so the pages' facts survive a move to Zensical (README, "The next engine").
"""

from __future__ import annotations

from pathlib import Path

from helpsite import facts as site_facts
from helpsite.project import languages, source_language


def source_path(page) -> str:
    """The page's Markdown file below docs/ (MkDocs: page.file.src_uri; Zensical: page.path)."""
    return getattr(getattr(page, "file", None), "src_uri", None) or page.path


def define_env(env):
    project = Path(env.project_dir)
    langs = languages(project)
    all_facts = site_facts.load_facts(project)

    def where() -> str:
        page = env.page
        return f"docs/{source_path(page)}" if page else "a page"

    def facts() -> dict:
        page = env.page
        lang = (source_language(Path(source_path(page)).name, langs) if page else None) or langs.default
        return site_facts.localise(all_facts, lang, langs)

    def value(key: str):
        try:
            return site_facts.lookup(facts(), key)
        except KeyError:
            raise KeyError(f"{where()}: no fact '{key}' in data/facts.yml")

    @env.macro
    def has_fact(key: str) -> bool:
        """True when the company has confirmed a value (the fact is not null)."""
        return value(key) is not None

    @env.macro
    def fact(key: str):
        found = value(key)
        if found is None:
            raise ValueError(f"{where()}: fact '{key}' has no confirmed value yet; wrap its use in "
                             f'{{% if has_fact("{key}") %}} ... {{% endif %}}')
        return found

    @env.macro
    def email_link(subject: str | None = None) -> str:
        return site_facts.email_link(facts(), subject)

    @env.macro
    def phone_link() -> str:
        return site_facts.phone_link(facts())

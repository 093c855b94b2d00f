"""Macros for pages (mkdocs-macros-plugin module): facts come from data/facts.yml only.

In a page:  {{ fact("support.email") }}, {{ email_link(subject="...") }}, {{ phone_link() }},
            {% if has_fact("remote_support.download_url") %} ... {% endif %}
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))  # share the lookup with the site_data hook
from site_data import lookup  # noqa: E402


def define_env(env):
    def facts() -> dict:
        # Read at call time: hooks/site_data.py sets the facts for the language being built.
        return env.conf.extra["facts"]

    def where() -> str:
        page = env.page
        return f"docs/{page.file.src_uri}" if page else "a page"

    @env.macro
    def has_fact(key: str) -> bool:
        """True when the company has confirmed a value (the fact is not null)."""
        try:
            return lookup(facts(), key) is not None
        except KeyError:
            raise KeyError(f"{where()}: no fact '{key}' in data/facts.yml")

    @env.macro
    def fact(key: str):
        try:
            value = lookup(facts(), key)
        except KeyError:
            raise KeyError(f"{where()}: no fact '{key}' in data/facts.yml")
        if value is None:
            raise ValueError(
                f"{where()}: fact '{key}' has no confirmed value yet; wrap its use in "
                f'{{% if has_fact("{key}") %}} ... {{% endif %}}'
            )
        return value

    @env.macro
    def email_link(subject: str | None = None) -> str:
        email = fact("support.email")
        href = f"mailto:{email}"
        if subject:
            href += "?subject=" + quote(subject)
        return f'<a href="{escape(href)}">{escape(email)}</a>'

    @env.macro
    def phone_link() -> str:
        phone = fact("support.phone")
        return f'<a href="tel:{escape(phone["tel"])}">{escape(phone["display"])}</a>'

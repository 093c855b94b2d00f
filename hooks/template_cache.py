"""MkDocs hook: the theme's templates compiled once, not in every build.

MkDocs gives every build a fresh Jinja environment, and static-i18n builds each language
with one more, so Material's ~90 templates were compiled again and again: a quarter of a
build's time, and the tests build the site dozens of times. Jinja's own bytecode cache keeps
the compiled templates in Jinja's default folder (private to the user, in the system's temp
directory); a template whose source changed is compiled anew, as Jinja checks its checksum.
Only speed depends on this hook.
"""

from __future__ import annotations

import hashlib

import jinja2


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """One entry per template name: copies of the project (the tests build many) replace
    the entry instead of adding one per copy; the source checksum keeps each entry honest."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()


CACHE = TemplateCache(pattern="scanprix-support-template-%s.cache")


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    env.bytecode_cache = CACHE
    return env

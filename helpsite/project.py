"""The project's location, its MkDocs configuration and its languages.

The languages are defined once, in the i18n plugin's `languages:` in mkdocs.yml; everything
else (hooks, checks, scripts, tests) reads them from there through `Languages`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

PROJECT = Path(__file__).resolve().parents[1]


def mkdocs_config(project: Path = PROJECT) -> dict:
    """mkdocs.yml as MkDocs reads it (!ENV tags resolved), without validating it."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def plugin_config(config: dict, name: str) -> dict:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    raise KeyError(f"mkdocs.yml: plugin '{name}' is not configured")


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one at the site root, each other one under '<code>/'."""

    codes: tuple[str, ...]  # the default language first
    names: dict[str, str]

    @classmethod
    def from_entries(cls, entries) -> Languages:
        """From the i18n plugin's language entries (dicts from mkdocs.yml or its config objects)."""
        get = (lambda entry, key: entry.get(key)) if entries and isinstance(entries[0], dict) \
            else (lambda entry, key: getattr(entry, key, None))
        built = [entry for entry in entries if get(entry, "build") is not False]
        default = [get(entry, "locale") for entry in built if get(entry, "default")]
        if len(default) != 1:
            raise ValueError("mkdocs.yml: the i18n plugin needs exactly one default language")
        codes = tuple(default + [get(e, "locale") for e in built if get(e, "locale") != default[0]])
        return cls(codes, {get(e, "locale"): get(e, "name") or get(e, "locale") for e in built})

    @property
    def default(self) -> str:
        return self.codes[0]

    def root(self, lang: str) -> str:
        """The language's folder below the site root: '' for the default language, 'en/' else."""
        return "" if lang == self.default else f"{lang}/"

    def roots(self) -> dict[str, str]:
        return {lang: self.root(lang) for lang in self.codes}

    def of_path(self, rel: str) -> str:
        """Language of a path below the site root ('en/install.html' -> 'en')."""
        first = rel.split("/", 1)[0]
        return first if first in self.codes and first != self.default and "/" in rel else self.default

    def below_root(self, rel: str) -> str:
        """'en/install.html' -> 'install.html' (the same page in every language)."""
        root = self.root(self.of_path(rel))
        return rel[len(root):]

    def others(self, lang: str) -> tuple[str, ...]:
        return tuple(code for code in self.codes if code != lang)


@functools.cache
def _languages_of(project: Path) -> Languages:
    return Languages.from_entries(plugin_config(mkdocs_config(project), "i18n")["languages"])


def languages(project: Path = PROJECT) -> Languages:
    """The languages of a project, from its mkdocs.yml."""
    return _languages_of(Path(project).resolve())


# docs/<name>.<lang>.md: the suffix layout of mkdocs-static-i18n.
SOURCE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z_]+)\.md$")


def source_language(name: str, langs: Languages) -> str | None:
    """Language of a docs file name ('install.en.md' -> 'en'), None if it has no known suffix."""
    match = SOURCE_NAME.match(name)
    return match["lang"] if match and match["lang"] in langs.codes else None


class InputError(PluginError):
    """An author's input is wrong. The message names the file and says what to fix; raised in a
    build, it stops the build with that message."""

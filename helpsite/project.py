"""The project's location, its mkdocs.yml and its languages.

The languages are defined once, in the i18n plugin's `languages:` in mkdocs.yml; everything
else (hooks, the pipeline, checks, scripts, tests) reads them from there through `Languages`.
mkdocs.yml is read here without MkDocs, so that the post-build pipeline and the release scripts
work without it (helpsite/pipeline follows any generator).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]

# libyaml's parser where PyYAML has it (it has on these machines): a build reads the project's
# YAML files a few dozen times, and the pure-Python parser took a sixth of a build.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str):
    """YAML text read safely (no Python objects), with libyaml where it is installed."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506  (a safe loader)


class _MkDocsYamlLoader(SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV NAME` and `!ENV [NAME, ..., default]` take the first
    variable that is set, else the default (read as YAML, as MkDocs' pyyaml-env-tag does);
    Python tags (!!python/name:...) are MkDocs' business and read as None here."""

    environ: Mapping[str, str] = os.environ


def _env_tag(loader: _MkDocsYamlLoader, node: yaml.Node):
    names = ([loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode)
             else [loader.construct_object(item) for item in node.value])
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if name in loader.environ:
            return load_yaml_text(loader.environ[name])
    return default


_MkDocsYamlLoader.add_constructor("!ENV", _env_tag)
_MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config(project: Path = PROJECT, environ: Mapping[str, str] | None = None) -> dict:
    """mkdocs.yml with !ENV tags resolved from environ (default: this process's environment),
    not validated. environ={} gives the defaults the file states."""
    loader = type("Loader", (_MkDocsYamlLoader,), {"environ": os.environ if environ is None else environ})
    return yaml.load((Path(project) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


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


class InputError(Exception):
    """An author's input is wrong. The message names the file and says what to fix; raised in a
    build, it stops the build with that message (hooks/ hand it to MkDocs as a PluginError)."""

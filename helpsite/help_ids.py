"""The help-ID registry: the addresses the ScanPrix program opens from its Help menu.

data/help-ids.yml maps an ID to a page and optional anchor; a retired ID names its
replacement and keeps leading there. IDs are never deleted: every ID ever published is listed
in data/help-ids-published.txt. The post-build pipeline writes a redirect page per ID and
language and the published map help-ids.json (helpsite/pipeline/help_id_pages.py); the nginx
configuration redirects the same addresses itself (scripts/nginx_config.py).

Any problem in the registry stops the build, naming the registry line: a duplicate ID, an
unknown page, an anchor missing from the built page, a retired ID without a valid replacement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpsite.project import InputError, SafeLoader, languages

REGISTRY = Path("data") / "help-ids.yml"
PUBLISHED = Path("data") / "help-ids-published.txt"
ID_FORMAT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TARGET_FORMAT = re.compile(r"^(?P<page>[a-z0-9][a-z0-9/_-]*\.md)(#(?P<anchor>[A-Za-z0-9_-]+))?$")


@dataclass
class HelpId:
    id: str
    line: int
    page: str = ""  # docs page without language suffix, e.g. "install.md"
    anchor: str = ""
    replaced_by: str = ""

    def where(self) -> str:
        return f"{REGISTRY} line {self.line} ('{self.id}')"


class RegistryLoader(SafeLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys (PyYAML keeps the last)."""


def construct_mapping(loader: RegistryLoader, node: yaml.MappingNode):
    seen: dict[str, int] = {}
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise InputError(
                f"{REGISTRY} line {line}: help ID '{key}' is already defined on line {seen[key]}; "
                "an ID maps to one target: remove or rename the second entry."
            )
        seen[key] = line
        mapping[key] = (line, loader.construct_object(value_node, deep=True))
    return mapping


RegistryLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def load_registry(project: Path, docs_dir: Path | None = None) -> dict[str, HelpId]:
    """data/help-ids.yml of a project, checked; InputError names the line of a problem."""
    docs_dir = docs_dir or project / "docs"
    path = project / REGISTRY
    try:
        top = yaml.load(path.read_text(encoding="utf-8"), Loader=RegistryLoader)
    except yaml.YAMLError as err:
        raise InputError(f"{REGISTRY}: not valid YAML: {err}")
    if not isinstance(top, dict) or "ids" not in top:
        raise InputError(f"{REGISTRY}: expected a top-level 'ids:' mapping.")
    registry: dict[str, HelpId] = {}
    for help_id, (line, value) in top["ids"][1].items():
        entry = HelpId(help_id, line)
        if not isinstance(help_id, str) or not ID_FORMAT.match(help_id):
            raise InputError(f"{entry.where()}: IDs are lower-case words joined by '-'.")
        if isinstance(value, str):
            match = TARGET_FORMAT.match(value)
            if not match:
                raise InputError(f"{entry.where()}: target '{value}' is not 'page.md' or 'page.md#anchor'.")
            entry.page, entry.anchor = match["page"], match["anchor"] or ""
            # A page present in one language only is a missing translation; site_data.py
            # names that file, so only a page absent in both languages is this file's error.
            sources = [docs_dir / entry.page.replace(".md", f".{lang}.md") for lang in languages(project).codes]
            if not any(source.exists() for source in sources):
                raise InputError(
                    f"{entry.where()}: page docs/{sources[0].name} does not exist. If the page was "
                    "renamed or removed, point the ID at the page that now answers it."
                )
        elif isinstance(value, dict) and set(value) == {"replaced_by"}:
            entry.replaced_by = value["replaced_by"][1]  # (line, value) from the loader
        else:
            raise InputError(
                f"{entry.where()}: write 'id: page.md#anchor', or for a retired ID "
                "'id: {replaced_by: other-id}'. IDs are never deleted."
            )
        registry[help_id] = entry
    for entry in registry.values():
        resolve(entry, registry)
    check_published(project, registry)
    return registry


def check_published(project: Path, registry: dict[str, HelpId]) -> None:
    """Every ID ever published stays; every new ID is recorded as published."""
    lines = (project / PUBLISHED).read_text(encoding="utf-8").splitlines()
    published = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    for help_id in sorted(published - set(registry)):
        raise InputError(
            f"{REGISTRY}: help ID '{help_id}' was published ({PUBLISHED}) and is missing. Installed "
            f"copies of ScanPrix still open it: put it back, as '{help_id}: page.md#anchor' or, if "
            f"retired, '{help_id}: {{replaced_by: other-id}}'."
        )
    for help_id in sorted(set(registry) - published):
        raise InputError(
            f"{registry[help_id].where()}: new help ID; add the line '{help_id}' to {PUBLISHED} "
            "(the record of every ID ever published) in the same commit."
        )


def resolve(entry: HelpId, registry: dict[str, HelpId]) -> HelpId:
    """The active entry a (possibly retired) ID leads to."""
    seen = [entry.id]
    while entry.replaced_by:
        if entry.replaced_by not in registry:
            raise InputError(f"{entry.where()}: replaced_by '{entry.replaced_by}' is not a help ID.")
        entry = registry[entry.replaced_by]
        if entry.id in seen:
            raise InputError(f"{registry[seen[0]].where()}: replacements go round in a circle: {' -> '.join(seen)}.")
        seen.append(entry.id)
    return entry


def target_path(entry: HelpId, lang_root: str) -> str:
    """Target below the site root, e.g. 'en/install.html#update'."""
    path = lang_root + entry.page[: -len(".md")] + ".html"
    return f"{path}#{entry.anchor}" if entry.anchor else path

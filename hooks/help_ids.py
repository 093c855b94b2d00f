"""MkDocs hook: help IDs, the addresses the ScanPrix program opens from its Help menu.

data/help-ids.yml maps an ID to a page and optional anchor; each language build writes
`<lang root>go/<id>/index.html`, a redirect that works without JavaScript and from file://
(meta refresh and a visible link, both relative). A retired ID names its replacement and
keeps redirecting there. The last build writes help-ids.json, the published map.

Any problem in the registry stops the build, naming the registry line: a duplicate ID, an
unknown page, an anchor missing from the built page, a retired ID without a valid replacement.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project's package, helpsite/
from helpsite.project import languages  # noqa: E402

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


class RegistryLoader(yaml.SafeLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys (PyYAML keeps the last)."""


def construct_mapping(loader: RegistryLoader, node: yaml.MappingNode):
    seen: dict[str, int] = {}
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise PluginError(
                f"{REGISTRY} line {line}: help ID '{key}' is already defined on line {seen[key]}; "
                "an ID maps to one target: remove or rename the second entry."
            )
        seen[key] = line
        mapping[key] = (line, loader.construct_object(value_node, deep=True))
    return mapping


RegistryLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def load_registry(project: Path, docs_dir: Path) -> dict[str, HelpId]:
    path = project / REGISTRY
    try:
        top = yaml.load(path.read_text(encoding="utf-8"), Loader=RegistryLoader)
    except yaml.YAMLError as err:
        raise PluginError(f"{REGISTRY}: not valid YAML: {err}")
    if not isinstance(top, dict) or "ids" not in top:
        raise PluginError(f"{REGISTRY}: expected a top-level 'ids:' mapping.")
    registry: dict[str, HelpId] = {}
    for help_id, (line, value) in top["ids"][1].items():
        entry = HelpId(help_id, line)
        if not isinstance(help_id, str) or not ID_FORMAT.match(help_id):
            raise PluginError(f"{entry.where()}: IDs are lower-case words joined by '-'.")
        if isinstance(value, str):
            match = TARGET_FORMAT.match(value)
            if not match:
                raise PluginError(f"{entry.where()}: target '{value}' is not 'page.md' or 'page.md#anchor'.")
            entry.page, entry.anchor = match["page"], match["anchor"] or ""
            # A page present in one language only is a missing translation; site_data.py
            # names that file, so only a page absent in both languages is this file's error.
            sources = [docs_dir / entry.page.replace(".md", f".{lang}.md") for lang in languages(project).codes]
            if not any(source.exists() for source in sources):
                raise PluginError(
                    f"{entry.where()}: page docs/{sources[0].name} does not exist. If the page was "
                    "renamed or removed, point the ID at the page that now answers it."
                )
        elif isinstance(value, dict) and set(value) == {"replaced_by"}:
            entry.replaced_by = value["replaced_by"][1]  # (line, value) from the loader
        else:
            raise PluginError(
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
        raise PluginError(
            f"{REGISTRY}: help ID '{help_id}' was published ({PUBLISHED}) and is missing. Installed "
            f"copies of ScanPrix still open it: put it back, as '{help_id}: page.md#anchor' or, if "
            f"retired, '{help_id}: {{replaced_by: other-id}}'."
        )
    for help_id in sorted(set(registry) - published):
        raise PluginError(
            f"{registry[help_id].where()}: new help ID; add the line '{help_id}' to {PUBLISHED} "
            "(the record of every ID ever published) in the same commit."
        )


def resolve(entry: HelpId, registry: dict[str, HelpId]) -> HelpId:
    """The active entry a (possibly retired) ID leads to."""
    seen = [entry.id]
    while entry.replaced_by:
        if entry.replaced_by not in registry:
            raise PluginError(f"{entry.where()}: replaced_by '{entry.replaced_by}' is not a help ID.")
        entry = registry[entry.replaced_by]
        if entry.id in seen:
            raise PluginError(f"{registry[seen[0]].where()}: replacements go round in a circle: {' -> '.join(seen)}.")
        seen.append(entry.id)
    return entry


def target_path(entry: HelpId, lang_root: str) -> str:
    """Target below the site root, e.g. 'en/install.html#update'."""
    path = lang_root + entry.page[: -len(".md")] + ".html"
    return f"{path}#{entry.anchor}" if entry.anchor else path


def redirect_page(help_id: str, target: str, lang: str, ui: dict, site_url: str, title: str,
                  preview: bool = False) -> str:
    here = posixpath.dirname(target.split("#")[0])  # language root of the target
    relative = posixpath.relpath(target.split("#")[0], posixpath.join(here, "go", help_id))
    if "#" in target:
        relative += "#" + target.split("#", 1)[1]
    href = escape(relative)
    canonical = escape(urljoin(site_url, target))
    # A preview build (mkdocs.yml extra.preview) says so here too, as on every other page.
    notice = (f'<p><strong>{escape(ui["preview_label"])}:</strong> {escape(ui["preview_notice"])}</p>\n'
              if preview else "")
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(ui["redirect_title"])}: {escape(title)}</title>
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
{notice}<p><a href="{href}">{escape(ui["redirect_link"])}: {escape(title)}</a></p>
</body>
</html>
"""


class State:
    registry: dict[str, HelpId] = {}
    heading_ids: dict[str, set[str]] = {}  # built page path -> the IDs of its headings
    titles: dict[str, str] = {}  # built page path -> page title


@event_priority(-120)  # after site_data has set the language of this build
def on_config(config: MkDocsConfig):
    State.registry = load_registry(Path(config.config_file_path).parent, Path(config.docs_dir))
    State.heading_ids = {}
    State.titles = {}
    return config


def toc_ids(items) -> set[str]:
    """The heading IDs of a page's table of contents, at every level."""
    return {item.id for item in items} | {i for item in items for i in toc_ids(item.children)}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files):
    State.heading_ids[page.file.dest_uri] = toc_ids(page.toc)
    State.titles[page.file.dest_uri] = page.title or ""
    return html


@event_priority(10)  # before static-i18n's post-build (-100) starts the next language's build
def on_post_build(config: MkDocsConfig):
    lang, lang_root = config.extra["lang"], config.extra["lang_root"]
    site = Path(config.site_dir)
    for entry in State.registry.values():
        active = resolve(entry, State.registry)
        target = target_path(active, lang_root)
        page_path, _, anchor = target.partition("#")
        if page_path not in State.heading_ids:
            raise PluginError(f"{entry.where()}: {page_path} was not built.")
        if anchor and anchor not in State.heading_ids[page_path]:
            raise PluginError(
                f"{active.where()}: docs/{active.page.replace('.md', f'.{lang}.md')} has no heading "
                f"with ID '{anchor}'. Restore the heading ID ({{#{anchor}}}) or point the help ID at "
                "the section that now answers it."
            )
        html = redirect_page(entry.id, target, lang, config.extra["ui"], config.site_url,
                             State.titles[page_path], preview=bool(config.extra.get("preview")))
        out = site / lang_root / "go" / entry.id / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    if not lang_root:
        write_published_map(config, site)


def write_published_map(config: MkDocsConfig, site: Path) -> None:
    """help-ids.json: ID -> address per language, for the program's developers and their tests."""
    roots = languages(Path(config.config_file_path).parent).roots()
    ids = {}
    for help_id, entry in sorted(State.registry.items()):
        active = resolve(entry, State.registry)
        ids[help_id] = {
            lang: {
                "address": urljoin(config.site_url, f"{root}go/{help_id}/"),
                "target": urljoin(config.site_url, target_path(active, root)),
            }
            for lang, root in roots.items()
        }
        if entry.replaced_by:
            ids[help_id]["replaced_by"] = active.id
    (site / "help-ids.json").write_text(
        json.dumps({"ids": ids}, ensure_ascii=False, indent=1), encoding="utf-8"
    )

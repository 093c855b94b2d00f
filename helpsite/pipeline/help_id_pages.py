"""Help-ID pages: `<language root>go/<id>/index.html` for every ID of data/help-ids.yml, and
help-ids.json, the published map.

A redirect page works without JavaScript and from file:// (meta refresh and a visible link,
both relative). A retired ID leads where its replacement leads. A target page that was not
built, or lacks the heading the ID names, stops the build naming the registry line
(helpsite/help_ids.py). The web server answers the same addresses with one redirect itself
(scripts/nginx_config.py); these pages serve file:// and any other host.
"""

from __future__ import annotations

import json
import posixpath
from html import escape
from urllib.parse import urljoin

from helpsite import help_ids
from helpsite.facts import load_ui_text
from helpsite.pipeline.site import Settings, Site
from helpsite.project import InputError

MAP = "help-ids.json"


def redirect_page(help_id: str, target: str, lang: str, ui: dict, site_url: str, title: str,
                  preview: bool = False) -> str:
    here = posixpath.dirname(target.split("#")[0])  # language root of the target
    relative = posixpath.relpath(target.split("#")[0], posixpath.join(here, "go", help_id))
    if "#" in target:
        relative += "#" + target.split("#", 1)[1]
    href = escape(relative)
    canonical = escape(urljoin(site_url, target))
    # A preview build says so here too, as on every other page.
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


def page_title(site: Site, path: str, site_name: str) -> str:
    """The page's own title: its <title> without the site name the theme appends."""
    title = " ".join(site.page(path).title.split())
    return title if title == site_name else title.removesuffix(f" - {site_name}")


def write_help_id_pages(site: Site, settings: Settings) -> None:
    registry = help_ids.load_registry(settings.project)
    ui_text = load_ui_text(settings.project)
    for lang, root in settings.langs.roots().items():
        for entry in registry.values():
            active = help_ids.resolve(entry, registry)
            target = help_ids.target_path(active, root)
            page, _, anchor = target.partition("#")
            if not site.exists(page):
                raise InputError(f"{entry.where()}: {page} was not built.")
            if anchor and anchor not in site.page(page).heading_ids:
                raise InputError(
                    f"{active.where()}: docs/{active.page.replace('.md', f'.{lang}.md')} has no heading "
                    f"with ID '{anchor}'. Restore the heading ID ({{#{anchor}}}) or point the help ID at "
                    "the section that now answers it.")
            title = page_title(site, page, settings.site_names[lang])
            site.write(f"{root}go/{entry.id}/index.html",
                       redirect_page(entry.id, target, lang, ui_text[lang], settings.site_url, title,
                                     preview=settings.preview))
    site.write(MAP, published_map(registry, settings))


def published_map(registry: dict, settings: Settings) -> str:
    """help-ids.json: ID -> address per language, for the program's developers and their tests."""
    ids = {}
    for help_id, entry in sorted(registry.items()):
        active = help_ids.resolve(entry, registry)
        ids[help_id] = {
            lang: {"address": urljoin(settings.site_url, f"{root}go/{help_id}/"),
                   "target": urljoin(settings.site_url, help_ids.target_path(active, root))}
            for lang, root in settings.langs.roots().items()}
        if entry.replaced_by:
            ids[help_id]["replaced_by"] = active.id
    return json.dumps({"ids": ids}, ensure_ascii=False, indent=1)

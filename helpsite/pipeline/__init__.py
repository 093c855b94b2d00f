"""The post-build pipeline: from what the generator rendered to the site that is published.

    mkdocs build  ->  rendered folder  ->  STEPS, in this order  ->  site/

The generator renders the pages (MkDocs with its hooks: facts, front matter and translation
rules, heading IDs, template context). Everything that works on the rendered site runs here,
in one place and a fixed order, on the site held in memory (pipeline/site.py); at the end each
file of the published site is written once, and no step rewrites what another step wrote.
Nothing here imports MkDocs: the same steps can follow another generator
(`python -m helpsite.pipeline RENDERED SITE`; README, "The next engine").
"""

from __future__ import annotations

from pathlib import Path

from helpsite.pipeline.assets import minify_own_assets, reduce_material_stylesheet
from helpsite.pipeline.help_id_pages import write_help_id_pages
from helpsite.pipeline.offline import add_worker_shim
from helpsite.pipeline.pages import finish_pages
from helpsite.pipeline.search_indexes import split_search_index
from helpsite.pipeline.security import check_page_security
from helpsite.pipeline.site import Settings, Site
from helpsite.pipeline.source_maps import drop_source_maps

STEPS = (
    drop_source_maps,            # Material's .map files and the comments pointing at them
    split_search_index,          # one index per language, with keywords and compound parts
    write_help_id_pages,         # go/<id>/index.html per language, help-ids.json
    add_worker_shim,             # offline bundle only: search's Worker from file://
    minify_own_assets,           # docs/assets' script and stylesheet, minified
    reduce_material_stylesheet,  # only the rules the pages use, named by its content hash
    check_page_security,         # what the CSP blocks stops the build; the known scripts' hashes
    finish_pages,                # per page: its language's search, absolute hreflang, renamed links
)

__all__ = ["STEPS", "Settings", "Site", "run"]


def run(rendered: Path, target: Path, settings: Settings) -> Site:
    """Run every step on the rendered folder and write the result to target (emptied first)."""
    site = Site(rendered)
    for step in STEPS:
        step(site, settings)
    site.save(target)
    return site

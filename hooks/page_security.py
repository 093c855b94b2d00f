"""MkDocs hook: the build stops on a page that would run what the site's templates do not.

Each built page may run the inline scripts of Material's templates and of overrides/ (known by
where they come from: helpsite/page_security.py) and the site's own script files, nothing else.
A script in a page's Markdown, HTML or front matter, an inline event handler, a javascript:
link, a script from another host, a style attribute or a <style> element stops the build,
naming the file to edit and what to do. The Content-Security-Policy (scripts/nginx_config.py)
allows exactly the known scripts, so such a page would be broken, or an attack, on the server.

Covers every page (its own text: on_page_content; the whole page: on_post_page), the 404 pages (on_post_template) and the help-ID redirect
pages that hooks/help_ids.py writes (on_post_build).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project's package, helpsite/
from helpsite import page_security  # noqa: E402
from helpsite.built_site import NOT_FOUND  # noqa: E402


def project_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def texts(value):
    """Every string in a page's front matter (title, description, nested values)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)


@event_priority(-200)  # last: the page's text as the templates will get it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files):
    """The page's own text (Markdown, HTML, front matter): no inline script there is a template's.

    Runs for every page before any template is rendered, so a script in a page's title is
    named in that page, not in the first page whose navigation shows the title."""
    known = page_security.known_scripts(project_of(config))
    for text in [html or "", *texts(page.meta)]:
        page_security.refuse(page_security.analyse(text, known, page_text=True).problems,
                             f"docs/{page.file.src_uri}")
    return html


@event_priority(-200)  # last: the page as it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig):
    known = page_security.known_scripts(project_of(config))
    page_security.refuse(page_security.analyse(output, known).problems, f"docs/{page.file.src_uri}")
    return output


@event_priority(50)  # before hooks/i18n_output.py writes en/404.html itself and empties the output
def on_post_template(output: str, template_name: str, config: MkDocsConfig):
    if template_name.endswith(".html") and output:
        where = f"overrides/{NOT_FOUND}" if template_name == NOT_FOUND else f"template {template_name}"
        known = page_security.known_scripts(project_of(config))
        page_security.refuse(page_security.analyse(output, known).problems, f"{where} (built {template_name})")
    return output


@event_priority(5)  # after hooks/help_ids.py (10) has written this language's redirect pages
def on_post_build(config: MkDocsConfig):
    known = page_security.known_scripts(project_of(config))
    site = Path(config.site_dir)
    for page in sorted((site / config.extra["lang_root"] / "go").glob("*/index.html")):
        where = f"data/help-ids.yml (built {page.relative_to(site).as_posix()}, written by hooks/help_ids.py)"
        page_security.refuse(page_security.analyse(page.read_text(encoding="utf-8"), known).problems, where)

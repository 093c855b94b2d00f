"""MkDocs hook: the editor's view of previews and `make serve` (helpsite/review_page.py).

- `make serve` (mkdocs serve) is told apart from a build by MkDocs' startup event.
- A preview (PREVIEW=true) or `make serve` shows the preview notice with a link to the review
  page (config.extra.editor_view, overrides/main.html) and gets review.html, in the default
  language's build only, generated from the project's files at each build, so an edit in data/
  or docs/ shows at the next reload. Releases and plain builds have neither.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from helpsite import review_page
from helpsite.generator import project_of
from helpsite.project import languages

SERVING = False  # `mkdocs serve`: MkDocs' startup event says so before the first build


def on_startup(*, command: str, dirty: bool) -> None:
    global SERVING
    SERVING = command == "serve"


@event_priority(-115)  # after site_data (-110) has set this build's language
def on_config(config: MkDocsConfig):
    config.extra[review_page.EDITOR_VIEW] = review_page.editor_view(config.extra, SERVING)
    return config


@event_priority(-110)  # after static-i18n (-100): the page is the default language's only
def on_files(files: Files, config: MkDocsConfig):
    project = project_of(config)
    if config.extra[review_page.EDITOR_VIEW] and config.extra["lang"] == languages(project).default:
        files.append(File.generated(config, review_page.SOURCE_URI, content=review_page.markdown(project),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if page.file.src_uri == review_page.SOURCE_URI:
        config.extra.alternate = []  # one language: no language switch, no hreflang links
    return context

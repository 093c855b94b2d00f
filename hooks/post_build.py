"""MkDocs hook: MkDocs renders into a folder of its own; the post-build pipeline
(helpsite/pipeline) turns that into the published site in MkDocs' site_dir, writing each file
once. This file only connects the two; the pipeline itself knows nothing of MkDocs.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpsite import pipeline
from helpsite.generator import project_of, reported


class Build:
    site: Path | None = None  # where the published site goes: MkDocs' site_dir
    rendered: Path | None = None  # where MkDocs renders instead


def nested(config: MkDocsConfig) -> bool:
    """A build static-i18n runs for another language inside the first one's post-build."""
    return config.plugins["i18n"].building


@event_priority(100)
def on_config(config: MkDocsConfig):
    if not nested(config):  # the language builds share the first one's folders
        Build.site = Path(config.site_dir)
        Build.rendered = Path(tempfile.mkdtemp(prefix="helpsite-rendered-"))
        config.site_dir = str(Build.rendered)
    return config


@event_priority(-200)  # after static-i18n (-100) has built every language into the rendered folder
@reported
def on_post_build(config: MkDocsConfig):
    if nested(config):
        return
    try:
        pipeline.run(Build.rendered, Build.site, pipeline.Settings.of_project(project_of(config)))
    finally:
        shutil.rmtree(Build.rendered, ignore_errors=True)


def on_build_error(error):
    if Build.rendered:
        shutil.rmtree(Build.rendered, ignore_errors=True)

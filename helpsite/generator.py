"""What ties the project to its generator, MkDocs: the command that builds the site, and what
the hooks (hooks/) share. The post-build pipeline (helpsite/pipeline) does not import this.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from helpsite.project import InputError

# The venv's mkdocs, beside the Python that runs this.
MKDOCS = Path(sys.executable).with_name("mkdocs")


def project_of(config) -> Path:
    """The project a MkDocs configuration belongs to (the folder of its mkdocs.yml)."""
    return Path(config.config_file_path).parent


def reported(event):
    """A hook event whose InputError stops the build with the message alone, as MkDocs shows a
    plugin's error (no traceback): the message names the file and what to fix."""

    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except InputError as err:
            from mkdocs.exceptions import PluginError

            raise PluginError(str(err)) from None

    return run

"""No source maps in the published site: Material's .map files go, and so do the comments
in its scripts that point at them."""

from __future__ import annotations

import re

from helpsite.pipeline.site import Settings, Site

MAP_COMMENT = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def drop_source_maps(site: Site, settings: Settings) -> None:
    for path in site.files("*.map"):
        site.remove(path)
    for path in site.files("assets/*.js"):
        text = site.read_text(path)
        stripped = MAP_COMMENT.sub("\n", text)
        if stripped != text:
            site.write(path, stripped)

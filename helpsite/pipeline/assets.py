"""Smaller assets for a lighter first load.

1. The site's own scripts and stylesheets (every .js and .css from docs/) minified with jsmin
   and csscompressor, the minifiers of mkdocs-minify-plugin (whose own file minifying renames
   the files and breaks with static-i18n's second build). The sources keep their comments.
   jsmin 3.0.1 drops the spaces inside template literals: the site's scripts use none.
2. Material's stylesheet reduced to the rules this site uses. Material ships one stylesheet for
   every feature and Markdown extension (22.8 KB gzip, a third of a page's first load).
   PurgeCSS (npm, package.json) keeps the rules whose selectors occur in the rendered pages or
   in the scripts that set classes at run time (Material's bundle, assets/javascripts/), and
   drops the CSS variables, keyframes and fonts nothing uses. The result is named by its own
   content hash (main.<hash>.min.css), so the web server may let browsers keep it for a year;
   the pages' links follow the new name (helpsite/pipeline/pages.py).
"""

from __future__ import annotations

import hashlib
import posixpath
import subprocess
import tempfile
from pathlib import Path

import csscompressor
import jsmin

from helpsite.pipeline.site import Settings, Site
from helpsite.project import InputError

PURGECSS = Path("node_modules") / ".bin" / "purgecss"
MINIFIERS = {".js": jsmin.jsmin, ".css": csscompressor.compress}
MATERIAL_STYLESHEET = "assets/stylesheets/main.*.min.css"


def minify_own_assets(site: Site, settings: Settings) -> None:
    docs = settings.project / "docs"
    for path in site.files():
        minify = MINIFIERS.get(posixpath.splitext(path)[1])
        if minify and (docs / path).is_file():  # the site's own, not the theme's
            site.write(path, minify(site.read_text(path)))


def fingerprinted(path: str, content: bytes) -> str:
    """assets/stylesheets/main.57a0d79d.min.css -> ...main.<first 8 hex digits of SHA-256>.min.css"""
    folder, name = posixpath.split(path)
    stem = name.split(".", 1)[0]
    return posixpath.join(folder, f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}.min.css")


def reduce_material_stylesheet(site: Site, settings: Settings) -> None:
    purgecss = settings.project / PURGECSS
    if not purgecss.exists():
        raise InputError(f"{PURGECSS} missing: the build reduces Material's stylesheet with it. "
                         "Run `npm ci` (make build does).")
    stylesheets = site.files(MATERIAL_STYLESHEET)
    if len(stylesheets) != 1:
        raise InputError(f"assets/stylesheets: expected one Material stylesheet main.*.min.css, found "
                         f"{len(stylesheets)}; helpsite/pipeline/assets.py needs updating.")
    [path] = stylesheets
    rendered = site.rendered
    with tempfile.TemporaryDirectory(prefix="purgecss-") as output:
        # The selectors come from the pages and scripts as the generator rendered them: no
        # step of the pipeline adds a class.
        result = subprocess.run(
            [str(purgecss), "--css", str(rendered / path),
             "--content", str(rendered / "**" / "*.html"), str(rendered / "assets" / "javascripts" / "*.js"),
             "--output", output, "--variables", "--keyframes", "--font-face"],
            capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise InputError(f"PurgeCSS failed on {path}:\n{result.stderr[-2000:]}")
        reduced = (Path(output) / posixpath.basename(path)).read_bytes()
    site.rename(path, fingerprinted(path, reduced), reduced)

"""MkDocs hook: smaller assets for a lighter first load (the budget of issue 12).

1. Material's stylesheet reduced to the rules this site uses. Material ships one stylesheet for every feature and Markdown extension (22.8 KB gzip, a third
of a page's first load). Once every language is built, PurgeCSS (npm, package.json) keeps the
rules whose selectors occur in the built pages or in the scripts that set classes at run time
(Material's bundle, assets/javascripts/), and drops the CSS variables, keyframes and fonts that
nothing uses. The file keeps Material's name, so deploy/nginx does not cache stylesheets as
immutable. Needs node_modules (`make build` installs it).
2. The site's own script and stylesheet (docs/assets/) minified in place with jsmin and
   csscompressor, the minifiers of mkdocs-minify-plugin, whose own file minifying renames the
   files and breaks with static-i18n's second build. The sources keep their comments.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import csscompressor
import jsmin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PURGECSS = Path("node_modules") / ".bin" / "purgecss"
OWN_ASSETS = {"assets/javascripts/search.js": jsmin.jsmin, "assets/javascripts/search-forgiving.js": jsmin.jsmin,
              "assets/stylesheets/site.css": csscompressor.compress}


@event_priority(-120)  # after static-i18n (-100) has built every language into site_dir
def on_post_build(config: MkDocsConfig):
    if config.plugins["i18n"].building:
        return  # a nested language build: the outer one purges once, over all pages
    project = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    stylesheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if not (project / PURGECSS).exists():
        raise PluginError(f"{PURGECSS} missing: the build reduces Material's stylesheet with it. "
                          "Run `npm ci` (make build does).")
    if len(stylesheets) != 1:
        raise PluginError(f"{site}/assets/stylesheets: expected one Material stylesheet main.*.min.css, "
                          f"found {len(stylesheets)}; hooks/smaller_assets.py needs updating.")
    result = subprocess.run(
        [str(project / PURGECSS), "--css", str(stylesheets[0]),
         "--content", str(site / "**" / "*.html"), str(site / "assets" / "javascripts" / "*.js"),
         "--output", str(stylesheets[0].parent), "--variables", "--keyframes", "--font-face"],
        capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise PluginError(f"PurgeCSS failed on {stylesheets[0]}:\n{result.stderr[-2000:]}")
    for path, minify in OWN_ASSETS.items():
        asset = site / path
        asset.write_text(minify(asset.read_text(encoding="utf-8")), encoding="utf-8")

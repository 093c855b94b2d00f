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
   PurgeCSS keeps a rule when its selector's words occur among the words of the content (its
   default extractor: runs of letters, digits, _ and -); which variables, keyframes and fonts
   stay then follows from the rules kept. So its result depends on the stylesheet and on which
   of the words of its selectors the content has, nothing more: that is the key under which a
   result is kept in a cache in the system's temporary folder, and a build whose pages use the
   same selector words does not start Node again (half a second). Selector words, not all the
   stylesheet's words: a copy of the project has other dates and times in its pages ("08",
   "36"), which occur in the stylesheet's values, not in its selectors.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import subprocess
import tempfile
from pathlib import Path

import csscompressor
import jsmin
import tinycss2

from helpsite.cache_files import write_whole
from helpsite.pipeline.site import Settings, Site
from helpsite.project import InputError

PURGECSS = Path("node_modules") / ".bin" / "purgecss"
MINIFIERS = {".js": jsmin.jsmin, ".css": csscompressor.compress}
MATERIAL_STYLESHEET = "assets/stylesheets/main.*.min.css"
PURGECSS_OPTIONS = ["--variables", "--keyframes", "--font-face"]
WORD = re.compile(rb"[A-Za-z0-9_-]+")  # PurgeCSS's default extractor
CACHE = Path(tempfile.gettempdir()) / "scanprix-support-purgecss"


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


def selector_words(css: bytes) -> set[bytes]:
    """The words of every selector of the stylesheet, inside @media and other blocks too (read
    with tinycss2); the words of declarations (values, variables) are not among them."""
    words: set[bytes] = set()

    def read(rules) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                words.update(WORD.findall(tinycss2.serialize(rule.prelude).encode()))
            elif rule.type == "at-rule" and rule.content is not None:
                read(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True))

    read(tinycss2.parse_stylesheet_bytes(css, skip_comments=True, skip_whitespace=True)[0])
    return words


def cached_selector_words(css: bytes, digest: str) -> set[bytes]:
    """selector_words, kept in the cache under the stylesheet's hash (a tenth of a second to read)."""
    path = CACHE / f"{digest}.selector-words.json"
    if path.exists():
        return {word.encode() for word in json.loads(path.read_text(encoding="ascii"))}
    words = selector_words(css)
    write_whole(path, json.dumps(sorted(word.decode() for word in words)).encode())
    return words


def purgecss_key(project: Path, stylesheet: Path, content: list[Path]) -> str:
    """What decides PurgeCSS's result: its version and options, the stylesheet, and which of the
    words of its selectors the content has."""
    css = stylesheet.read_bytes()
    key = hashlib.sha256(css)
    wanted = cached_selector_words(css, key.hexdigest())
    used: set[bytes] = set()
    for path in content:
        used |= wanted.intersection(WORD.findall(path.read_bytes()))
    version = json.loads((project / "node_modules" / "purgecss" / "package.json").read_text())["version"]
    key.update(json.dumps([version, PURGECSS_OPTIONS]).encode())
    key.update(b"\0".join(sorted(used)))
    return key.hexdigest()


def purgecss(project: Path, stylesheet: Path, content_globs: list[Path]) -> bytes:
    """PurgeCSS's reduced stylesheet (npm, package.json); raises InputError when it fails."""
    with tempfile.TemporaryDirectory(prefix="purgecss-") as output:
        result = subprocess.run(
            [str(project / PURGECSS), "--css", str(stylesheet), "--content", *map(str, content_globs),
             "--output", output, *PURGECSS_OPTIONS],
            capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise InputError(f"PurgeCSS failed on {stylesheet.name}:\n{result.stderr[-2000:]}")
        return (Path(output) / stylesheet.name).read_bytes()


def reduce_material_stylesheet(site: Site, settings: Settings) -> None:
    if not (settings.project / PURGECSS).exists():
        raise InputError(f"{PURGECSS} missing: the build reduces Material's stylesheet with it. "
                         "Run `npm ci` (make build does).")
    stylesheets = site.files(MATERIAL_STYLESHEET)
    if len(stylesheets) != 1:
        raise InputError(f"assets/stylesheets: expected one Material stylesheet main.*.min.css, found "
                         f"{len(stylesheets)}; helpsite/pipeline/assets.py needs updating.")
    [path] = stylesheets
    rendered = site.rendered
    # The words come from the pages and scripts as the generator rendered them: no step of the
    # pipeline adds a class.
    scripts = rendered / "assets" / "javascripts"
    content = sorted(rendered.rglob("*.html")) + sorted(scripts.glob("*.js"))
    cached = CACHE / f"{purgecss_key(settings.project, rendered / path, content)}.css"
    if cached.exists():
        reduced = cached.read_bytes()
    else:
        reduced = purgecss(settings.project, rendered / path, [rendered / "**" / "*.html", scripts / "*.js"])
        write_whole(cached, reduced)
    site.rename(path, fingerprinted(path, reduced), reduced)

"""Nothing on the built site loads from another host.

A page may link to other sites (<a href>), but everything it loads comes from the site itself:
other hosts would learn who reads which help page, the offline help would go to the network,
and the Content-Security-Policy blocks them anyway. Looks at every built page:

- img and source (src, srcset), script src, link href of the kinds that load (stylesheet,
  icon, preload, modulepreload, manifest, prefetch, preconnect, dns-prefetch),
- iframe, frame, embed, object, video, audio, track (src, data, poster), SVG image/use href,
- url(...) and @import in <style> elements and style attributes,

and url(...) and @import in the site's stylesheets. An address with a host or a scheme other
than data: is from another host.
"""

from __future__ import annotations

import re
from pathlib import Path

from checks import PROJECT, Finding, soup
from helpsite.built_site import built_pages, rel_path, source_of
from helpsite.project import languages

LOADING_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                 "modulepreload", "manifest", "prefetch", "prerender", "preconnect", "dns-prefetch"}
EMBEDDED = {"iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
            "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
            "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
            "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href")}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
FIX = ("Fix: copy the file under docs/assets/ and refer to it by a relative address (or remove "
       "it); the site loads nothing from other hosts.")


def from_other_host(url: str) -> bool:
    """An address with a host (https://x, //x) or a scheme other than data:."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    if cleaned.startswith("//"):
        return True
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return bool(scheme) and scheme.group(1).lower() != "data"


def srcset_urls(srcset: str) -> list[str]:
    """The addresses of a srcset ("a.png 1x, b.png 2x")."""
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.split()]


def css_urls(css: str) -> list[str]:
    css = CSS_COMMENT.sub("", css)
    return [next(g for g in match.groups() if g is not None)
            for pattern in (CSS_URL, CSS_IMPORT) for match in pattern.finditer(css)]


def page_resources(page: Path):
    """(what, address) for everything the page loads."""
    document = soup(page)
    for tag in document.find_all(list(EMBEDDED)):
        for attr in EMBEDDED[tag.name]:
            value = tag.get(attr)
            if not value:
                continue
            urls = srcset_urls(value) if attr == "srcset" else [value]
            yield from ((f"<{tag.name} {attr}>", url) for url in urls)
    for tag in document.find_all("link", href=True):
        rel = {kind.lower() for kind in tag.get("rel", [])}
        if rel & LOADING_LINKS:
            yield f"<link rel=\"{' '.join(sorted(rel))}\">", tag["href"]
    for style in document.find_all("style"):
        yield from (("<style> element", url) for url in css_urls(style.get_text()))
    for tag in document.find_all(style=True):
        yield from ((f"style attribute of <{tag.name}>", url) for url in css_urls(tag["style"]))


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    langs, findings = languages(project), []
    for page in built_pages(site):
        rel = rel_path(page, site)
        for what, url in page_resources(page):
            if from_other_host(url):
                findings.append(Finding(source_of(rel, langs), (
                    f"{what} loads '{url}' from another host (built page {rel}). {FIX}")))
    for stylesheet in sorted(site.rglob("*.css")):
        rel = rel_path(stylesheet, site)
        source = f"docs/{rel}" if (project / "docs" / rel).exists() else f"site/{rel}"
        for url in css_urls(stylesheet.read_text(encoding="utf-8")):
            if from_other_host(url):
                findings.append(Finding(source, f"stylesheet {rel} loads '{url}' from another host. {FIX}"))
    return findings

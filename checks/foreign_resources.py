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

from pathlib import Path

import tinycss2

from checks import PROJECT, Finding, soup
from helpsite.addresses import leaves_site, scheme
from helpsite.built_site import built_pages, rel_path, source_of
from helpsite.project import languages

LOADING_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                 "modulepreload", "manifest", "prefetch", "prerender", "preconnect", "dns-prefetch"}
EMBEDDED = {"iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
            "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
            "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
            "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href")}
FIX = ("Fix: copy the file under docs/assets/ and refer to it by a relative address (or remove "
       "it); the site loads nothing from other hosts.")


def from_other_host(url: str) -> bool:
    """An address that leaves the site (helpsite/addresses.py), other than inline data:."""
    return leaves_site(url) and scheme(url) != "data"


def srcset_urls(srcset: str) -> list[str]:
    """The addresses of a srcset ("a.png 1x, b.png 2x")."""
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.split()]


def _token_urls(tokens, at_import: bool = False):
    """The addresses in CSS tokens: url(x), url("x"), and the string of an @import."""
    for token in tokens or ():
        if token.type == "url":
            yield token.value
        elif token.type == "function" and token.lower_name == "url":
            yield from (arg.value for arg in token.arguments if arg.type == "string")
        elif token.type == "string" and at_import:
            yield token.value
        elif token.type == "at-rule":
            yield from _token_urls(token.prelude, at_import=token.lower_at_keyword == "import")
            yield from _token_urls(token.content)
        elif token.type == "qualified-rule":
            yield from _token_urls(token.prelude)
            yield from _token_urls(token.content)
        elif token.type in ("function", "() block", "[] block", "{} block"):
            yield from _token_urls(token.arguments if token.type == "function" else token.content)


def css_urls(css: str, declarations: bool = False) -> list[str]:
    """Every address a stylesheet (or, with declarations, a style attribute) loads, read with tinycss2."""
    tokens = (tinycss2.parse_component_value_list(css, skip_comments=True) if declarations
              else tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return list(_token_urls(tokens))


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
        yield from ((f"style attribute of <{tag.name}>", url) for url in css_urls(tag["style"], declarations=True))


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

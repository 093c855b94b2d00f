"""The page-security pass: every page of the site, read once, against the
Content-Security-Policy (helpsite/page_security.py).

A page that would run what the site's templates do not (an inline script of its own, an event
handler, a javascript: link, a script from another host, inline style) stops the build, naming
the file to edit. The hashes of the known inline scripts, as the pages contain them, go into
.content-security-policy.json, from which scripts/nginx_config.py writes the policy; nginx
never serves that file (it serves no dotfile), and the offline bundle, which no server sends,
has none.
"""

from __future__ import annotations

import json

from helpsite import page_security
from helpsite.built_site import source_of
from helpsite.pipeline.site import Settings, Site
from helpsite.project import InputError

POLICY_HASHES = ".content-security-policy.json"


def where(path: str, settings: Settings) -> str:
    """The file to edit for a built page: the page's source, else the source and the built page."""
    source = source_of(path, settings.langs)
    return source if source.startswith("docs/") else f"{source} (built {path})"


def check_page_security(site: Site, settings: Settings) -> None:
    known = page_security.known_scripts(settings.project)
    hashes, problems = set(), []
    for path in site.files("*.html"):
        report = page_security.analyse(site.page(path), known)
        problems += [f"{where(path, settings)}: {problem}" for problem in report.problems]
        hashes.update(page_security.csp_hash(text) for text, _origin in report.scripts)
    if problems:
        raise InputError("\n".join(dict.fromkeys(problems)))
    if not settings.offline:
        site.write(POLICY_HASHES, json.dumps({"script-src": sorted(hashes)}, indent=1))


def script_hashes(site_dir) -> list[str]:
    """The hashes a built site's policy allows (what check_page_security wrote)."""
    path = site_dir / POLICY_HASHES
    if not path.exists():
        raise InputError(f"{path}: missing; build the site (make build) before writing its nginx configuration.")
    return json.loads(path.read_text(encoding="utf-8"))["script-src"]

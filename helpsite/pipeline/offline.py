"""The offline help bundle (OFFLINE=true, scripts/dist.py) opens from file://, where Material's
search runs its Worker through the iframe-worker shim. Material's offline plugin loads the shim
from a CDN; hooks/languages.py points it at assets/javascripts/iframe-worker-shim.js, which this
step adds from node_modules (package.json)."""

from __future__ import annotations

from pathlib import Path

from helpsite.pipeline.site import Settings, Site
from helpsite.project import InputError

OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"
OFFLINE_SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"


def add_worker_shim(site: Site, settings: Settings) -> None:
    if not settings.offline:
        return
    source = settings.project / OFFLINE_SHIM_SOURCE
    if not source.exists():
        raise InputError(f"{OFFLINE_SHIM_SOURCE} missing: the offline build ships it for search "
                         "from file://. Run `npm ci` (make dist does).")
    site.write(OFFLINE_SHIM, source.read_bytes())

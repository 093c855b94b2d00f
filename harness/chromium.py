"""Debian's Chromium for Playwright: where it is and the flags that keep it off the network.

The tests drive Chromium's headless shell (Debian package chromium-headless-shell, built from
the same Chromium source): the browser Playwright itself uses for headless runs, with the same
Blink, at about a third less CPU than full Chromium in headless mode. The benchmark (make bench)
drives the full browser, as a reader's: the headless shell, for one, asks for no favicon.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or "/usr/lib/chromium/chromium-headless-shell")
FULL_CHROMIUM = Path(os.environ.get("FULL_CHROMIUM_PATH") or "/usr/lib/chromium/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Chromium contacts Google hosts whatever the flags; only loopback resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 800}


def launch(playwright, profile_dir: Path, executable: Path = CHROMIUM, **options):
    """Chromium with a fresh profile (Playwright takes a profile folder only this way)."""
    options.setdefault("viewport", DESKTOP)
    return playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=str(executable), args=CHROMIUM_FLAGS, **options)

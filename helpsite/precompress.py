"""Precompressed copies of what a first page view loads, for nginx's gzip_static.

The pages and the site's top-level scripts and stylesheets get a .gz beside them, compressed
with Zopfli: the gzip format every browser reads, about 3 % smaller than gzip -9, too slow for
each request but quick once per release (scripts/dist.py). nginx sends the .gz where the
browser accepts gzip and compresses everything else on the fly (deploy/nginx/site.conf.in);
`make bench` serves them the same way. Material's 60 lunr language files and the search
worker are left to nginx: Zopfli takes seconds on them and no first view loads them.
"""

from __future__ import annotations

import os
from pathlib import Path

import zopfli.gzip

FIRST_VIEW = ("**/*.html", "assets/javascripts/*.js", "assets/stylesheets/*.css", "assets/*.svg")
MIN_SIZE = 256  # as nginx's gzip_min_length: smaller files are sent as they are
# Zopfli's default 15 iterations gain 0.1 % on Material's bundle and take seven times longer;
# its block splitting gains 0.5 % over these files and takes twelve times longer (4 s a release).
ZOPFLI_OPTIONS = {"numiterations": 1, "blocksplitting": False}


def precompress(site: Path) -> int:
    """Write <file>.gz beside each file a first view loads; the number written."""
    written = 0
    for path in sorted({path for pattern in FIRST_VIEW for path in site.glob(pattern)}):
        if not path.is_file() or path.stat().st_size < MIN_SIZE or "go" in path.relative_to(site).parts:
            continue  # help-ID redirect pages (go/) are a few hundred bytes
        target = path.with_name(path.name + ".gz")
        target.write_bytes(zopfli.gzip.compress(path.read_bytes(), **ZOPFLI_OPTIONS))
        stat = path.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same Last-Modified as the file
        written += 1
    return written

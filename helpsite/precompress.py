"""Precompressed copies of a built site's text files, for nginx's gzip_static.

Every text file gets a .gz beside it, compressed with Zopfli: the gzip format every browser
reads, about 5 % smaller than gzip -9, too slow for each request but quick once per release
(scripts/dist.py). nginx sends the .gz where the browser accepts gzip
(deploy/nginx/site.conf.in); `make bench` serves them the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

import zopfli.gzip

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
MIN_SIZE = 256  # as nginx's gzip_min_length: smaller files are sent as they are


def precompress(site: Path) -> int:
    """Write <file>.gz beside every text file of the site; the number written."""
    written = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size < MIN_SIZE:
            continue
        target = path.with_name(path.name + ".gz")
        target.write_bytes(zopfli.gzip.compress(path.read_bytes()))
        stat = path.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same Last-Modified as the file
        written += 1
    return written

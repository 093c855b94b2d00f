"""Where an address in a page leads: to the site itself, or away from it.

One rule for the page-security pass (a script's src), the foreign-resources check (what a page
loads) and the external-link check: an address leaves the site when, read as a browser reads
it (tabs and line breaks dropped, control characters and spaces at either end too, backslashes
as slashes), it has a scheme (https:, data:,
javascript:) or a host (//cdn.example); a relative or root-relative address stays on the site.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_IGNORED = re.compile(r"[\t\n\r]")
_TRIMMED = "".join(map(chr, range(0x21)))  # C0 controls and space


def as_browser_reads(url: str) -> str:
    return _IGNORED.sub("", url).strip(_TRIMMED).replace("\\", "/")


def scheme(url: str) -> str:
    """The address's scheme in lower case ('' for none)."""
    return urlsplit(as_browser_reads(url)).scheme.lower()


def leaves_site(url: str) -> bool:
    cleaned = as_browser_reads(url)
    parts = urlsplit(cleaned)
    return bool(parts.scheme or parts.netloc or cleaned.startswith("//"))


def stays_on_site(url: str) -> bool:
    """A relative or root-relative address of a file of this site ('' is no address)."""
    return bool(as_browser_reads(url)) and not leaves_site(url)

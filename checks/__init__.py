"""Link and content checks on the built site.

Each module has a `check(site, project)` function that returns a list of `Finding`s;
`python -m checks` runs them all. A finding names the file to edit (the source Markdown
where there is one, else the built page) and says what to fix. Paths, languages and the
source file of a built page come from the project's package, helpsite/.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from helpsite.project import PROJECT  # noqa: F401  (the default project of every check)


@dataclass(frozen=True)
class Finding:
    file: str  # path to edit, relative to the project (or the built site)
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def source_pages(project: Path) -> list[Path]:
    """Every Markdown page under docs/."""
    return sorted((project / "docs").rglob("*.md"))


_parsing = threading.Lock()
_parsed: OrderedDict[bytes, BeautifulSoup] = OrderedDict()  # by content; a site takes about 10 MB
_PARSED_KEPT = 512


def soup(page: Path) -> BeautifulSoup:
    """The built page, parsed once for all checks (they run side by side over the same pages);
    shared, so callers must not change it (copy.copy a part to edit it). Known by its content,
    not its file time, which a test's rewrite within the same clock tick would not change."""
    data = page.read_bytes()
    key = hashlib.sha1(data).digest()
    with _parsing:  # one parse per page even when several checks ask at once
        if key in _parsed:
            _parsed.move_to_end(key)
        else:
            _parsed[key] = BeautifulSoup(data.decode("utf-8"), "lxml")
            if len(_parsed) > _PARSED_KEPT:
                _parsed.popitem(last=False)
        return _parsed[key]


def rel(path: Path, project: Path) -> str:
    """A path for messages: relative to the project when inside it."""
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)

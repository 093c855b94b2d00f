"""Cache files (.cache/, PurgeCSS's results in the system's temporary folder) are written whole
or not at all: builds, checks and test workers may write the same one at the same time."""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write data to a file of this process's own beside path, then rename it to path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)

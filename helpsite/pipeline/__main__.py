"""python -m helpsite.pipeline RENDERED SITE [--project DIR]: the pipeline after any generator.

RENDERED is the generator's output (it is consumed: files no step changed are moved, not
copied); SITE is where the published site is written. Settings come from the project's
mkdocs.yml and the environment (SITE_URL, OFFLINE, PREVIEW), as the build reads them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpsite.pipeline import Settings, run
from helpsite.project import PROJECT, InputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rendered", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--project", type=Path, default=PROJECT)
    args = parser.parse_args(argv)
    try:
        run(args.rendered, args.site, Settings.of_project(args.project))
    except InputError as err:
        print(f"pipeline: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

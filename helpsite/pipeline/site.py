"""The site on its way from the generator's output to the published folder.

`Site` is the rendered folder as the steps before have changed it, held in memory: a step
reads a file, writes a new version or removes it, and nothing reaches the published folder
until `save`, which writes every file once (a file no step changed is moved there as the
generator wrote it). `Settings` are what the steps need to know of the project, read from its
mkdocs.yml without MkDocs.
"""

from __future__ import annotations

import fnmatch
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from helpsite.html_page import HtmlPage, read_page
from helpsite.project import Languages, languages, mkdocs_config, plugin_config


@dataclass(frozen=True)
class Settings:
    project: Path  # the project's folder: data/, docs/, node_modules/
    langs: Languages
    site_url: str
    site_names: dict[str, str]  # language -> the site's name in it (the end of each page title)
    offline: bool  # the offline help bundle (file://): no server, no search engines
    preview: bool  # a preview build (make dist-preview): the help-ID pages carry its notice too

    @classmethod
    def of_project(cls, project: Path, environ: Mapping[str, str] | None = None) -> Settings:
        """From the project's mkdocs.yml, with SITE_URL, OFFLINE and PREVIEW as the build saw them."""
        config = mkdocs_config(project, environ)
        langs = languages(project)
        entries = {entry["locale"]: entry for entry in plugin_config(config, "i18n")["languages"]}
        try:
            offline = bool(plugin_config(config, "offline").get("enabled", True))
        except KeyError:
            offline = False
        return cls(
            project=Path(project),
            langs=langs,
            site_url=config.get("site_url") or "/",
            site_names={lang: entries[lang].get("site_name") or config["site_name"] for lang in langs.codes},
            offline=offline,
            preview=bool((config.get("extra") or {}).get("preview")),
        )


class Site:
    """The rendered folder and the steps' changes to it, in memory until `save`."""

    def __init__(self, rendered: Path):
        self.rendered = rendered
        # path below the site root -> the new content, or None: as the generator wrote it
        self._files: dict[str, bytes | None] = {
            path.relative_to(rendered).as_posix(): None
            for path in sorted(rendered.rglob("*")) if path.is_file()}
        self._pages: dict[str, HtmlPage] = {}
        self.renamed: dict[str, str] = {}  # old path -> new path, for the steps that follow links

    def files(self, pattern: str = "*") -> list[str]:
        """Paths below the site root matching a glob pattern ('**' not needed: '*' spans '/')."""
        return [path for path in self._files if fnmatch.fnmatch(path, pattern)]

    def exists(self, path: str) -> bool:
        return path in self._files

    def read_bytes(self, path: str) -> bytes:
        content = self._files[path]
        return (self.rendered / path).read_bytes() if content is None else content

    def read_text(self, path: str) -> str:
        return self.read_bytes(path).decode("utf-8")

    def write(self, path: str, content: str | bytes) -> None:
        self._files[path] = content.encode("utf-8") if isinstance(content, str) else content
        self._pages.pop(path, None)

    def remove(self, path: str) -> None:
        del self._files[path]
        self._pages.pop(path, None)

    def rename(self, old: str, new: str, content: str | bytes) -> None:
        """The file at `old` is now at `new`, with this content; links to it follow (pages step)."""
        self.remove(old)
        self.write(new, content)
        self.renamed[old] = new

    def page(self, path: str) -> HtmlPage:
        """The page read with the HTML parser, once per content (steps share it)."""
        if path not in self._pages:
            self._pages[path] = read_page(self.read_text(path))
        return self._pages[path]

    def save(self, target: Path) -> int:
        """Empty target and put every file there once; the number of files written."""
        target.mkdir(parents=True, exist_ok=True)
        for entry in target.iterdir():  # the folder itself stays: `mkdocs serve` serves it
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        written = 0
        for path, content in self._files.items():
            destination = target / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            if content is None:
                shutil.move(self.rendered / path, destination)  # a rename on the same file system
            else:
                destination.write_bytes(content)
                written += 1
        return written

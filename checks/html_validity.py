"""Every built page is valid HTML: the Nu HTML Checker (vnu-jar) reports no errors.

vnu runs once over all new or changed pages (one Java start-up; see validate()). Exactly one
message is filtered, for the two elements Material writes on every page (see MATERIAL_TOGGLE).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from checks import PROJECT, Finding
from helpsite.built_site import built_pages, rel_path, source_of
from helpsite.cache_files import write_whole
from helpsite.project import languages

VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CACHE = PROJECT / ".cache" / "vnu.json"
CACHE_SIZE = 1000  # pages kept

# Material 9.8 writes <input class="md-toggle" type="checkbox" autocomplete="off"> for the
# navigation drawer and the search toggle. autocomplete="off" on a checkbox is not allowed by
# HTML, but it stops Firefox from restoring the toggles' state on reload (a Material fix), and
# the templates (partials) that write it are Material's own. Only these two inputs are excused.
AUTOCOMPLETE_MESSAGE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”."
)
MATERIAL_TOGGLES = {"drawer", "search"}


def is_material_toggle(message: dict) -> bool:
    """The message is about Material's drawer or search toggle (read from vnu's extract with a
    parser: the page may be minified, attribute quotes and all)."""
    if message.get("message") != AUTOCOMPLETE_MESSAGE:
        return False
    extract = message.get("extract", "")
    position = message.get("hiliteStart", 0)
    inputs = [tag for tag in BeautifulSoup(extract, "html.parser").find_all("input")
              if tag.get("data-md-toggle") in MATERIAL_TOGGLES and tag.get("class") == ["md-toggle"]
              and tag.get("type") == "checkbox" and tag.get("id") == f"__{tag.get('data-md-toggle')}"]
    # The highlighted part of the extract is the offending element; it must be one of these.
    highlighted = extract[position:position + message.get("hiliteLength", len(extract))]
    return any(f"__{tag['data-md-toggle']}" in highlighted for tag in inputs)


def run_vnu(pages: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        raise RuntimeError(f"the HTML check needs java and {VNU_JAR.relative_to(PROJECT)}: run `make check` "
                           "(installs node_modules; java: apt-get install default-jre-headless)")
    # A run of a few seconds: the quick JIT compiler alone halves the CPU time (vnu then needs
    # a larger thread stack than the default, or it stops with a StackOverflowError).
    jvm = ["-XX:TieredStopAtLevel=1", "-Xss4m"]
    result = subprocess.run([java, *jvm, "-jar", str(VNU_JAR), "--format", "json", "--stdout",
                             "--exit-zero-always", *map(str, pages)], capture_output=True, text=True, timeout=300)
    try:
        return json.loads(result.stdout)["messages"]
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu did not run:\n{result.stderr[-2000:]}")


def validate(pages: list[Path]) -> dict[Path, list[dict]]:
    """vnu's messages for each page. A page with the same bytes as one validated before (by the
    same vnu) takes its messages from .cache/vnu.json: unchanged pages cost nothing."""
    version = f"{VNU_JAR.stat().st_size}-{VNU_JAR.stat().st_mtime_ns}" if VNU_JAR.exists() else ""
    try:
        cache = json.loads(CACHE.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        cache = {}
    if cache.get("vnu") != version:
        cache = {"vnu": version, "pages": {}}
    digests = {page: hashlib.sha256(page.read_bytes()).hexdigest() for page in pages}
    new = [page for page in pages if digests[page] not in cache["pages"]]
    if new:
        results: dict[Path, list[dict]] = {page: [] for page in new}
        for message in run_vnu(new):
            page = Path(unquote(urlsplit(message.get("url", "")).path))
            if page not in results:
                raise RuntimeError(f"vnu: {message.get('message')}")
            results[page].append(message)
        for page, messages in results.items():
            cache["pages"][digests[page]] = messages
    found = {page: cache["pages"][digests[page]] for page in pages}
    if new:
        # This run's pages last, so that the oldest others make room (a full cache once dropped
        # pages this run had just found in it).
        used = {digest: cache["pages"].pop(digest) for digest in dict.fromkeys(digests.values())}
        cache["pages"] = dict(list({**cache["pages"], **used}.items())[-CACHE_SIZE:])
        write_whole(CACHE, json.dumps(cache).encode("utf-8"))
    return found


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    site = site.resolve()
    findings, langs = [], languages(project)
    for page, messages in validate(built_pages(site)).items():
        rel = rel_path(page, site)
        for message in messages:
            if message["type"] not in ("error", "non-document-error") or is_material_toggle(message):
                continue
            extract = " ".join(message.get("extract", "").split())
            findings.append(Finding(source_of(rel, langs), (
                f"invalid HTML (built page {rel}, line {message.get('lastLine', '?')}): "
                f"{message['message']} In: {extract!r}. Fix the Markdown or raw HTML that "
                "produces it (or the template under overrides/)."
            )))
    return findings

"""What a built page may run: the inline scripts of the site's templates, nothing else.

The site's Content-Security-Policy (scripts/nginx_config.py) allows scripts from the site itself
and, by their SHA-256 hashes, the *known* inline scripts. A script is known by where it comes
from: a `<script>` without `src` in Material's installed templates (material/templates/**/*.html)
or in this site's templates (overrides/**/*.html). Each such template script becomes a pattern:
its text literally, with every Jinja tag ({{ ... }}, {% ... %}) a narrow wildcard:

- inside a JavaScript string literal ("{{ base_url }}") it matches a value that cannot leave the
  string: no quote, backslash, angle bracket, whitespace, ';', parenthesis or brace;
- outside a string it matches a bare value (a number, a name, true/false): letters, digits, . $ + -.

A template script with fewer than MIN_LITERAL characters of literal text is not known at all:
its pattern would match too much. A page that renders it fails, and the fix is a template
script with more fixed text.

A page's inline script that matches no template script is unknown; so is any inline script in a
page's own text (its Markdown or HTML, inside Material's content element), even a copy of a
template's: the page's text is not a template. Data blocks (type application/json, application/ld+json, e.g. Material's __config)
are data, not scripts. Also refused, because the policy blocks them and no hash can allow them:
inline event handlers (on...=), javascript: addresses, `<script src>` to anything but the
site's own files (a relative or root-relative address), style attributes and <style> elements.

The post-build pipeline (helpsite/pipeline/security.py) reads every built page once: it stops the
build on a page with any of these, naming the page's source, and writes the hashes of the known
scripts that the nginx configuration's policy lists (scripts/nginx_config.py).
Only the standard library: the build needs nothing else.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpsite.addresses import scheme, stays_on_site
from helpsite.html_page import HtmlPage, Script, read_page
from helpsite.project import PROJECT, InputError

MIN_LITERAL = 24  # characters of fixed text (whitespace not counted) a template script needs
DATA_TYPES = {"application/json", "application/ld+json"}  # <script type=...> the browser never runs
# Attributes whose value the browser follows as an address (javascript: runs there).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "cite",
                  "background", "srcset", "ping"}
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
STRING_VALUE = r"[^\"'`\\<>\s;(){}]{0,500}"
BARE_VALUE = r"[\w.$+\-]{0,100}"
FIX_SCRIPT = ("Move the script or style into a file under docs/assets/ or overrides/: a script "
              "file under docs/assets/javascripts/ listed in extra_javascript in mkdocs.yml, or an "
              "inline script in a template under overrides/ (the Content-Security-Policy then "
              "lists its hash).")
FIX_STYLE = ("Move the script or style into a file under docs/assets/ or overrides/: the rule "
             "into docs/assets/stylesheets/site.css, with a class on the element if needed.")
FIX_REMOTE = ("Copy the script into docs/assets/javascripts/ and load it from there (extra_javascript "
              "in mkdocs.yml), or remove it: the site runs nothing from other hosts.")


# --- The known scripts -------------------------------------------------------------------

@dataclass(frozen=True)
class KnownScript:
    origin: str  # the template, e.g. "material/templates/partials/javascripts/base.html"
    text: str  # the script as written in the template
    pattern: re.Pattern


def _literal(text: str) -> str:
    return "".join(r"\s*" if part.isspace() else re.escape(part) for part in re.split(r"(\s+)", text) if part)


def _quote_after(text: str, quote: str | None) -> str | None:
    """The string literal open after text, given the one open before it (None: outside)."""
    escaped = False
    for char in text:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
    return quote


def script_pattern(text: str) -> tuple[re.Pattern, int]:
    """A template script's pattern and how many characters of literal text it has."""
    regex, literal, quote, position = [], 0, None, 0
    text = text.strip()
    for tag in JINJA_TAG.finditer(text):
        fixed = text[position:tag.start()]
        regex.append(_literal(fixed))
        literal += len("".join(fixed.split()))
        quote = _quote_after(fixed, quote)
        if not tag.group().startswith("{#"):  # a comment renders nothing
            regex.append(STRING_VALUE if quote else BARE_VALUE)
        position = tag.end()
    fixed = text[position:]
    regex.append(_literal(fixed))
    literal += len("".join(fixed.split()))
    return re.compile("".join(regex), re.S), literal


def runs(script: Script) -> bool:
    """False for data blocks (JSON), which the browser never runs."""
    kind = (script.attrs.get("type") or "").split(";")[0].strip().lower()
    return kind not in DATA_TYPES


def template_scripts(template: str) -> list[str]:
    """The text of every inline script (no src, not a data block) of a template."""
    return [script.text for script in read_page(template).scripts if runs(script) and not script.src]


def _scripts_of(origin: str, path: Path) -> list[KnownScript]:
    """The known scripts of one template: those with enough fixed text to be a narrow pattern."""
    known = []
    for text in template_scripts(path.read_text(encoding="utf-8")):
        pattern, literal = script_pattern(text)
        if literal >= MIN_LITERAL:
            known.append(KnownScript(origin, text.strip(), pattern))
    return known


@functools.cache
def material_scripts() -> tuple[KnownScript, ...]:
    """The inline scripts of the installed Material's templates (the same for every project)."""
    # The installed theme's folder, found without importing it (it would import MkDocs).
    material_dir = Path(importlib.util.find_spec("material").origin).resolve().parent
    return tuple(script for path in sorted((material_dir / "templates").rglob("*.html"))
                 for script in _scripts_of(f"material/{path.relative_to(material_dir).as_posix()}", path))


@functools.lru_cache(maxsize=8)
def _override_scripts(project: Path, _overrides_state: tuple) -> tuple[KnownScript, ...]:
    return tuple(script for path in sorted((project / "overrides").rglob("*.html"))
                 for script in _scripts_of(path.relative_to(project).as_posix(), path))


def known_scripts(project: Path = PROJECT) -> tuple[KnownScript, ...]:
    """Every inline script of Material's templates and of the project's overrides/.

    Read again when a file under overrides/ changes (`mkdocs serve` rebuilds in one process)."""
    project = Path(project).resolve()
    state = tuple((str(p), p.stat().st_mtime_ns) for p in sorted((project / "overrides").rglob("*.html")))
    return material_scripts() + _override_scripts(project, state)


def origin_of(text: str, known: tuple[KnownScript, ...]) -> str | None:
    """The template an inline script of a built page comes from; None when it is unknown."""
    stripped = text.strip()
    return next((script.origin for script in known if script.pattern.fullmatch(stripped)), None)


def csp_hash(text: str) -> str:
    """The CSP source expression that allows this inline script: 'sha256-...'."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


# --- Judging a page ----------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    what: str  # what the page has, e.g. "an inline event handler (onclick=...) on <button>"
    fix: str

    def __str__(self) -> str:
        return f"{self.what}; the Content-Security-Policy blocks it. {self.fix}"


@dataclass
class PageReport:
    scripts: list[tuple[str, str]] = field(default_factory=list)  # (text, origin) of known inline scripts
    problems: list[Problem] = field(default_factory=list)


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "..."


def _javascript_url(value: str) -> bool:
    return scheme(value) in ("javascript", "vbscript")


def analyse(page: HtmlPage | str, known: tuple[KnownScript, ...] | None = None) -> PageReport:
    """The known inline scripts of a page and everything the policy would block.

    page: a built page (read with helpsite.html_page.read_page, or its text); known: the known
    scripts (default: this project's). No inline script inside the page's own text is known.
    """
    page = read_page(page) if isinstance(page, str) else page
    known = known_scripts() if known is None else known
    report = PageReport()
    for script in page.scripts:
        src = script.src
        if src is not None:
            if not stays_on_site(src):
                report.problems.append(Problem(
                    f"a script from another address (<script src=\"{_excerpt(src)}\">)", FIX_REMOTE))
            continue
        if not runs(script):
            continue
        origin = None if script.in_content else origin_of(script.text, known)
        if origin:
            report.scripts.append((script.text, origin))
        elif script.in_content:
            report.problems.append(Problem(
                f"an inline script in the page's text (<script>{_excerpt(script.text)}</script>)", FIX_SCRIPT))
        else:
            report.problems.append(Problem(
                f"an inline script that is in none of Material's or overrides/' templates "
                f"(<script>{_excerpt(script.text)}</script>)", FIX_SCRIPT))
    for tag in page.tags:
        for name, value in tag.attrs:
            if name.startswith("on") and len(name) > 2:
                report.problems.append(Problem(
                    f"an inline event handler ({name}=...) on <{tag.name}>", FIX_SCRIPT))
            elif name in URL_ATTRIBUTES and value and _javascript_url(value):
                report.problems.append(Problem(
                    f"a javascript: link (<{tag.name} {name}=\"{_excerpt(value)}\">)", FIX_SCRIPT))
            elif name == "style":
                report.problems.append(Problem(f"a style attribute on <{tag.name}>", FIX_STYLE))
    if page.style_elements:
        report.problems.append(Problem("a <style> element", FIX_STYLE))
    return report


def refuse(problems: list[Problem], where: str) -> None:
    """InputError naming `where` (the file to edit) and every problem, if there is one."""
    if problems:
        unique = list(dict.fromkeys(str(problem) for problem in problems))
        raise InputError("\n".join(f"{where}: {problem}" for problem in unique))

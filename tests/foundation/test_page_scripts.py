"""A page runs only the inline scripts of the site's templates (helpsite/page_security.py):
anything else in a page stops the build (the pipeline's security pass), naming the file to edit
and what to do."""

from __future__ import annotations

import re
import shutil

import pytest

from helpsite import page_security
from harness.building import build, copy_project
from helpsite.project import InputError

KNOWN = page_security.known_scripts()
TABS = ('var target=document.getElementById(location.hash.slice(1));'
        'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))')
SCOPE_TAIL = (',location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
              '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
              '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
              'JSON.stringify(_))}catch(e){}}')


def problems(html: str) -> list[str]:
    return [str(problem) for problem in page_security.analyse(html, KNOWN).problems]


def in_page_text(html: str) -> str:
    """html inside Material's content element, where a page's own text is rendered."""
    return f'<article class="md-content__inner md-typeset">{html}</article>'


def test_known_scripts_come_from_materials_templates_and_overrides():
    origins = {script.origin for script in KNOWN}
    assert {"material/templates/partials/javascripts/base.html",
            "material/templates/partials/javascripts/content.html"} <= origins, origins
    assert all(origin.startswith(("material/templates/", "overrides/")) for origin in origins)


def test_template_scripts_match_with_their_values_and_nothing_else():
    assert page_security.origin_of(TABS, KNOWN) == "material/templates/partials/javascripts/content.html"
    for base in ("/", ".", "..", "../.."):
        scope = f'__md_scope=new URL("{base}"{SCOPE_TAIL}'
        assert page_security.origin_of(scope, KNOWN) == "material/templates/partials/javascripts/base.html"
    forged = f'__md_scope=new URL("");alert(document.cookie);(""{SCOPE_TAIL}'
    assert page_security.origin_of(forged, KNOWN) is None
    assert page_security.origin_of(TABS + ";alert(1)", KNOWN) is None


def test_a_template_script_without_enough_fixed_text_is_no_pattern():
    _pattern, literal = page_security.script_pattern("{{ config.extra.code }}")
    assert literal < page_security.MIN_LITERAL
    pattern, literal = page_security.script_pattern('var lang="{{ lang }}";document.documentElement.dataset.x=lang')
    assert literal >= page_security.MIN_LITERAL
    assert pattern.fullmatch('var lang="de";document.documentElement.dataset.x=lang')
    assert not pattern.fullmatch('var lang="";alert(1);"";document.documentElement.dataset.x=lang')


def test_data_blocks_and_own_script_files_are_allowed():
    assert problems('<script id="__config" type="application/json">{"base": "."}</script>') == []
    for src in ("assets/javascripts/site.js", "../assets/javascripts/site.js", "/assets/javascripts/site.js"):
        assert problems(f'<script src="{src}"></script>') == [], src
    assert problems(f"<script>{TABS}</script>") == []


@pytest.mark.parametrize("html, what", [
    ("<script>alert('planted')</script>", "an inline script that is in none of Material's or overrides/' templates"),
    ("<script type=module>alert(1)</script>", "an inline script that is in none of"),
    ("<script/>alert(1)</script>", "an inline script that is in none of"),  # no self-closing script in HTML
    ('<img src="x.png" alt="x" onerror="alert(1)">', "an inline event handler (onerror=...) on <img>"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "a javascript: link"),
    ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: link"),
    ('<script src="https://cdn.example.com/x.js"></script>', "a script from another address"),
    ('<script src="//cdn.example.com/x.js"></script>', "a script from another address"),
    ('<script src="/\\cdn.example.com/x.js"></script>', "a script from another address"),
    ('<script src="data:text/javascript,alert(1)"></script>', "a script from another address"),
    ('<svg><script href="https://cdn.example.com/x.js"></script></svg>', "a script from another address"),
    ('<p style="color:red">x</p>', "a style attribute on <p>"),
    ("<style>p{color:red}</style>", "a <style> element"),
])
def test_what_the_policy_blocks_is_named_with_the_fix(html, what):
    found = problems(html)
    assert len(found) == 1 and what in found[0], found
    assert "Copy the script into docs/assets/" in found[0] or "Move the script or style into a file" in found[0]


def test_no_inline_script_in_a_pages_own_text_is_known():
    """A copy of a template's script in a page is still the page's script."""
    assert "an inline script in the page's text" in problems(in_page_text(f"<p>x</p><script>{TABS}</script>"))[0]
    assert problems(in_page_text("<p>x</p>") + f"<script>{TABS}</script>") == []


# --- The build ---------------------------------------------------------------------------

def append(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: '{old}' not found; update the planted defect"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PLANTED = {
    "inline script": ("docs/install.de.md", lambda p: append(p, "\n<script>alert('planted')</script>\n"),
                      "docs/install.de.md: an inline script in the page's text (<script>alert('planted')</script>)"),
    "script from another host": (
        "docs/install.en.md", lambda p: append(p, '\n<script src="https://cdn.example.com/widget.js"></script>\n'),
        'docs/install.en.md: a script from another address (<script src="https://cdn.example.com/widget.js">)'),
    "copy of Material's script": ("docs/index.de.md", lambda p: append(p, f"\n<script>{TABS}</script>\n"),
                                  "docs/index.de.md: an inline script in the page's text"),
    # The title is written into the page's head by the templates, so the script is not in the
    # page's text there, and in none of the templates either.
    "script in the title": ("docs/contact.de.md",
                            lambda p: replace(p, "title: ", "title: 'Kontakt</title><script>alert(1)</script><title>'  # "),
                            "docs/contact.de.md: an inline script that is in none of Material's or overrides/' "
                            "templates (<script>alert(1)</script>)"),
    "event handler on the 404 page": ("overrides/404.html", lambda p: replace(p, "<h1>", '<h1 onclick="go()">'),
                                      "overrides/404.html (built 404.html): an inline event handler (onclick=...) on <h1>"),
}


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory):
    """One build of a copy with every defect of PLANTED (each in its own file): the security
    pass reads every page before it stops, so it names each of them."""
    project = copy_project(tmp_path_factory.mktemp("planted") / "p")
    for file, plant, _message in PLANTED.values():
        plant(project / file)
    return build(project, project / "site", check=False)


@pytest.mark.parametrize("defect", PLANTED)
def test_a_planted_script_stops_the_build_naming_the_file(defect, planted_build):
    _file, _plant, message = PLANTED[defect]
    assert planted_build.returncode != 0, "the build accepted the planted scripts"
    assert message in planted_build.stdout, planted_build.stdout[-3000:]
    assert re.search(r"Move the script or style into a file under docs/assets/ or overrides/|"
                     r"Copy the script into docs/assets/javascripts/", planted_build.stdout)


def test_the_security_pass_checks_the_pages_the_pipeline_writes(tmp_path, monkeypatch):
    """The help-ID redirect pages come from the pipeline itself, not the generator: the pass
    after it reads them too and names the registry as the file to edit."""
    from helpsite import pipeline
    from helpsite.pipeline import help_id_pages

    project = copy_project(tmp_path / "p")
    build(project, tmp_path / "site")
    rendered = tmp_path / "rendered"  # the built pages stand in for the generator's
    shutil.copytree(tmp_path / "site", rendered, ignore=shutil.ignore_patterns("go", "help-ids.json"))
    (rendered / "search" / "search_index.json").write_text(
        (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"), encoding="utf-8")
    original = help_id_pages.redirect_page
    monkeypatch.setattr(help_id_pages, "redirect_page",
                        lambda *args, **kwargs: original(*args, **kwargs).replace("<body>", '<body onload="go()">'))
    with pytest.raises(InputError) as error:
        pipeline.run(rendered, tmp_path / "out", pipeline.Settings.of_project(project))
    assert re.search(r"data/help-ids\.yml \(built go/[a-z0-9-]+/index\.html\): "
                     r"an inline event handler \(onload=\.\.\.\) on <body>", str(error.value)), str(error.value)

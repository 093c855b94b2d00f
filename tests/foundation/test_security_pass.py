"""The pipeline's security pass reads every built page once: what the Content-Security-Policy
would block stops the build naming the file to edit; the known scripts' hashes go into the
site's .content-security-policy.json for the nginx configuration (helpsite/pipeline/security.py)."""

from __future__ import annotations

import json
import shutil

import pytest

from helpsite import page_security
from helpsite.pipeline import Settings, Site
from helpsite.pipeline.security import POLICY_HASHES, check_page_security
from helpsite.project import PROJECT, InputError


def plant(site, rel: str, html: str, before: str = "</article>"):
    page = site / rel
    text = page.read_text(encoding="utf-8")
    assert before in text, f"{rel}: '{before}' not found; update the planted defect"
    page.write_text(text.replace(before, html + before, 1), encoding="utf-8")
    return page


def security_pass(site, project=PROJECT) -> list[str]:
    """Run the pass on a built site (standing in for the generator's output); the hashes it lists."""
    state = Site(site)
    check_page_security(state, Settings.of_project(project))
    return json.loads(state.read_text(POLICY_HASHES))["script-src"]


@pytest.fixture
def site(site_dir, tmp_path):
    return shutil.copytree(site_dir, tmp_path / "site")


def test_the_clean_site_passes_and_its_hashes_are_the_ones_published(site, site_dir):
    listed = json.loads((site_dir / POLICY_HASHES).read_text(encoding="utf-8"))["script-src"]
    assert security_pass(site) == listed and listed


def test_a_planted_page_script_stops_the_build_naming_the_page(site):
    plant(site, "install.html", "<script>console.log('planted')</script>")
    with pytest.raises(InputError) as error:
        security_pass(site)
    message = str(error.value)
    assert "docs/install.de.md: an inline script in the page's text" in message
    assert "console.log('planted')" in message and "Move the script or style into a file" in message


def test_an_unknown_script_outside_the_text_is_named_too(site):
    plant(site, "install.html", "<script>console.log('planted')</script>", before="</body>")
    with pytest.raises(InputError, match="docs/install.de.md: an inline script that is in none of Material's "
                                         "or overrides/' templates"):
        security_pass(site)


def test_a_copy_of_a_template_script_with_other_values_is_refused(site):
    """The storage-scope script with code where Material writes the base address."""
    page = (site / "en" / "install.html").read_text(encoding="utf-8")
    start = page.index("__md_scope=new URL(")
    scope = page[start:page.index("</script>", start)]
    at = scope.index('URL("') + len('URL("')
    forged = scope[:at] + '");alert(1);("' + scope[scope.index('"', at):]
    plant(site, "en/install.html", f"<script>{forged}</script>", before="</body>")
    with pytest.raises(InputError, match="in none of Material's or overrides/' templates"):
        security_pass(site)


def test_a_script_from_another_host_stops_the_build(site):
    plant(site, "en/contact.html", '<script src="https://cdn.example.com/widget.js"></script>')
    with pytest.raises(InputError) as error:
        security_pass(site)
    assert ('docs/contact.en.md: a script from another address (<script src="https://cdn.example.com/widget.js">)'
            in str(error.value))


def test_the_sites_own_script_files_need_no_hash(site, site_dir):
    clean = security_pass(shutil.copytree(site_dir, site.parent / "clean"))
    plant(site, "en/contact.html", '<script src="../assets/javascripts/site.js"></script>', before="</body>")
    plant(site, "404.html", '<script src="/assets/javascripts/site.js"></script>', before="</body>")
    assert security_pass(site) == clean


def test_an_inline_script_of_overrides_gets_its_hash(site, tmp_path):
    """Known by origin: a script in a template under overrides/ (here of a stand-in project)."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    script = "document.documentElement.dataset.site = '{{ config.extra.lang }}-scanprix'"
    (project / "overrides" / "partials" / "site-script.html").write_text(f"<script>{script}</script>\n",
                                                                         encoding="utf-8")
    rendered = script.replace("{{ config.extra.lang }}", "en")
    plant(site, "en/install.html", f"<script>{rendered}</script>", before="</body>")
    assert page_security.csp_hash(rendered) in security_pass(site, project)
    with pytest.raises(InputError):  # the real project has no such template
        security_pass(site)


@pytest.mark.parametrize("planted, what", [
    ('<button onclick="go()">x</button>', "inline event handler"),
    ('<p style="color:red">x</p>', "style attribute"),
    ("<style>p{color:red}</style>", "<style> element"),
    ('<a href="javascript:go()">x</a>', "javascript: link"),
])
def test_what_no_hash_can_allow_stops_the_build_naming_the_page(site, planted, what):
    plant(site, "en/contact.html", planted)
    with pytest.raises(InputError) as error:
        security_pass(site)
    message = str(error.value)
    assert "docs/contact.en.md:" in message and what in message and "Move the script or style into a file" in message


def test_the_offline_bundle_gets_no_policy_file(site):
    from dataclasses import replace

    state = Site(site)
    state.remove(POLICY_HASHES)
    check_page_security(state, replace(Settings.of_project(PROJECT), offline=True))
    assert not state.exists(POLICY_HASHES)

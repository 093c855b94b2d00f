"""The generated nginx configuration: CSP hashes of the known inline scripts (Material's and
overrides/' templates) only, refusals naming the page, nginx -t for both variants."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from helpsite import page_security
from helpsite.built_site import built_pages
from helpsite.project import PROJECT
from scripts import nginx_config


def inline_scripts_by_parsing(site_dir) -> dict[str, str]:
    """Every inline script of the built pages found by an HTML parser: hash (as the browser
    computes it) -> text."""
    found = {}
    for page in built_pages(site_dir):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            if script.get("src") or script.get("type", "text/javascript") != "text/javascript":
                continue
            digest = hashlib.sha256(script.string.encode("utf-8")).digest()
            found[f"'sha256-{base64.b64encode(digest).decode()}'"] = script.string
    return found


def script_src(policy: str) -> list[str]:
    directive = next(d for d in policy.split("; ") if d.startswith("script-src "))
    return directive.split()[1:]


def plant(site, rel: str, html: str, before: str = "</article>"):
    page = site / rel
    text = page.read_text(encoding="utf-8")
    assert before in text, f"{rel}: '{before}' not found; update the planted defect"
    page.write_text(text.replace(before, html + before, 1), encoding="utf-8")
    return page


def test_csp_allows_exactly_the_inline_scripts_of_the_clean_build(site_dir):
    policy = nginx_config.content_security_policy(site_dir)
    sources = script_src(policy)
    assert sources[0] == "'self'"
    expected = inline_scripts_by_parsing(site_dir)
    assert expected, "no inline scripts found: has Material changed its templates?"
    assert set(sources[1:]) == set(expected)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'none'", "img-src 'self' data:", "frame-ancestors 'none'",
                      "object-src 'none'", "base-uri 'none'", "form-action 'none'"):
        assert directive in policy.split("; "), directive


def test_csp_hashes_no_more_scripts_than_the_theme_and_overrides_produce(site_dir):
    """Each hash is a template script of Material or overrides/. A template script without Jinja
    has one text, hence one hash; one with Jinja (the storage scope: the page's base address)
    at most one per folder depth of the site, plus the 404 pages' root-relative one."""
    scripts = inline_scripts_by_parsing(site_dir)
    known = page_security.known_scripts()
    hashes_of: dict[page_security.KnownScript, set[str]] = {}
    for digest in script_src(nginx_config.content_security_policy(site_dir))[1:]:
        template = next((k for k in known if k.pattern.fullmatch(scripts[digest].strip())), None)
        assert template, f"{digest} allows a script of no template: {scripts[digest][:80]}"
        assert template.origin.startswith(("material/templates/", "overrides/")), template.origin
        hashes_of.setdefault(template, set()).add(digest)
    depths = {len(page.relative_to(site_dir).parts) for page in built_pages(site_dir)}
    for template, digests in hashes_of.items():
        if "{{" in template.text or "{%" in template.text:
            assert len(digests) <= len(depths) + 1, (template.origin, digests)
        else:
            assert digests == {page_security.csp_hash(template.text)}, template.origin


def test_a_planted_page_script_stops_the_generator_naming_the_page(site_dir, tmp_path):
    site = shutil.copytree(site_dir, tmp_path / "site")
    page = plant(site, "install.html", "<script>console.log('planted')</script>")
    with pytest.raises(nginx_config.ConfigError) as error:
        nginx_config.content_security_policy(site)
    message = str(error.value)
    assert f"{page} (source: docs/install.de.md)" in message
    assert "an inline script that is in none of Material's or overrides/' templates" in message
    assert "console.log('planted')" in message and "Move the script or style into a file" in message


def test_a_copy_of_a_template_script_with_other_values_is_refused(site_dir, tmp_path):
    """The storage-scope script with code where Material writes the base address."""
    site = shutil.copytree(site_dir, tmp_path / "site")
    scope = next(text for text in inline_scripts_by_parsing(site_dir).values() if text.startswith("__md_scope="))
    start = scope.index('URL("') + len('URL("')
    forged = scope[:start] + '");alert(1);("' + scope[scope.index('"', start):]
    plant(site, "en/install.html", f"<script>{forged}</script>")
    with pytest.raises(nginx_config.ConfigError, match="in none of Material's or overrides/' templates"):
        nginx_config.content_security_policy(site)


def test_a_script_from_another_host_stops_the_generator(site_dir, tmp_path):
    site = shutil.copytree(site_dir, tmp_path / "site")
    page = plant(site, "en/contact.html", '<script src="https://cdn.example.com/widget.js"></script>')
    with pytest.raises(nginx_config.ConfigError) as error:
        nginx_config.content_security_policy(site)
    assert f"{page} (source: docs/contact.en.md)" in str(error.value)
    assert 'a script from another address (<script src="https://cdn.example.com/widget.js">)' in str(error.value)


def test_the_sites_own_script_files_need_no_hash(site_dir, tmp_path):
    site = shutil.copytree(site_dir, tmp_path / "site")
    plant(site, "en/contact.html", '<script src="../assets/javascripts/site.js"></script>', before="</body>")
    plant(site, "404.html", '<script src="/assets/javascripts/site.js"></script>', before="</body>")
    assert script_src(nginx_config.content_security_policy(site)) == \
        script_src(nginx_config.content_security_policy(site_dir))


def test_an_inline_script_of_overrides_gets_its_hash(site_dir, tmp_path):
    """Known by origin: a script in a template under overrides/ (here of a stand-in project)."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    script = "document.documentElement.dataset.site = '{{ config.extra.lang }}-scanprix'"
    (project / "overrides" / "partials" / "site-script.html").write_text(f"<script>{script}</script>\n",
                                                                         encoding="utf-8")
    site = shutil.copytree(site_dir, tmp_path / "site")
    rendered = script.replace("{{ config.extra.lang }}", "en")
    plant(site, "en/install.html", f"<script>{rendered}</script>", before="</body>")
    assert page_security.csp_hash(rendered) in nginx_config.script_hashes(site, project)
    with pytest.raises(nginx_config.ConfigError):  # the real project has no such template
        nginx_config.script_hashes(site)


@pytest.mark.parametrize("planted, what", [
    ('<button onclick="go()">x</button>', "inline event handler"),
    ('<p style="color:red">x</p>', "style attribute"),
    ("<style>p{color:red}</style>", "<style> element"),
    ('<a href="javascript:go()">x</a>', "javascript: link"),
])
def test_what_no_hash_can_allow_stops_the_generator_naming_the_page(site_dir, tmp_path, planted, what):
    site = shutil.copytree(site_dir, tmp_path / "site")
    page = site / "en" / "contact.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", planted + "</article>"),
                    encoding="utf-8")
    with pytest.raises(nginx_config.ConfigError) as error:
        nginx_config.write_config(site, tmp_path / "conf")
    message = str(error.value)
    assert str(page) in message and what in message and "Move the script or style into a file" in message


def test_generator_refuses_a_folder_without_a_built_site(tmp_path):
    assert nginx_config.main(["--site", str(tmp_path), "--out", str(tmp_path / "conf")]) == 1


@pytest.mark.server
def test_both_variants_pass_nginx_t(site_dir, tmp_path, nginx_binary, openssl_binary):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl_binary, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    for variant, tls in (("http", {}), ("https", {"tls_cert": str(cert), "tls_key": str(key)})):
        prefix = tmp_path / variant
        conf = nginx_config.write_config(site_dir, prefix / "conf", listen="127.0.0.1:8080",
                                         http_listen="127.0.0.1:8081", standalone_prefix=prefix, **tls)
        result = subprocess.run([nginx_binary, "-t", "-p", str(prefix), "-e", str(prefix / "error.log"),
                                 "-c", str(conf)], capture_output=True, text=True)
        assert result.returncode == 0, f"{variant}: {result.stderr}"
        headers = (prefix / "conf" / "security-headers.conf").read_text(encoding="utf-8")
        assert ("add_header Strict-Transport-Security" in headers) == bool(tls), variant

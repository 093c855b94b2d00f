"""The generated nginx configuration: CSP hashes of the known inline scripts (Material's and
overrides/' templates) only, as the build's security pass listed them; a 404 location per
language; one redirect per help-ID address; nginx -t for both variants."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from helpsite import page_security
from helpsite.built_site import built_pages
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


def test_generator_refuses_a_folder_without_a_built_site(tmp_path):
    assert nginx_config.main(["--site", str(tmp_path), "--out", str(tmp_path / "conf")]) == 1


def test_generator_refuses_a_site_without_the_security_pass_hashes(site_dir, tmp_path):
    site = shutil.copytree(site_dir, tmp_path / "site")
    (site / ".content-security-policy.json").unlink()
    with pytest.raises(nginx_config.ConfigError, match="content-security-policy.json: missing"):
        nginx_config.content_security_policy(site)


def test_a_404_location_for_each_language_root_of_mkdocs_yml(site_dir, tmp_path, langs):
    nginx_config.write_config(site_dir, tmp_path / "conf")
    site_conf = (tmp_path / "conf" / "site.conf").read_text(encoding="utf-8")
    for root in langs.roots().values():
        assert f"error_page 404 /{root}404.html;" in site_conf, root


def test_one_redirect_per_help_id_address(site_dir, tmp_path, langs):
    import json

    nginx_config.write_config(site_dir, tmp_path / "conf")
    redirects = (tmp_path / "conf" / "help-ids.conf").read_text(encoding="utf-8")
    published = json.loads((site_dir / "help-ids.json").read_text(encoding="utf-8"))["ids"]
    for help_id, entry in published.items():
        for lang, root in langs.roots().items():
            target = entry[lang]["target"].split("/", 3)[3]  # below the host
            for address in (f"/{root}go/{help_id}/", f"/{root}go/{help_id}"):
                assert f'location = {address} {{ return 302 "/{target}"; }}' in redirects, address


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

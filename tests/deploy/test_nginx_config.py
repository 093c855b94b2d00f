"""The generated nginx configuration: CSP hashes from the build, refusals, nginx -t for both variants."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from scripts import nginx_config
from helpsite.built_site import built_pages


def hashes_by_parsing(site_dir):
    """Inline scripts found by an HTML parser, hashed as the browser does."""
    found = set()
    for page in built_pages(site_dir):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            if script.get("src") or script.get("type", "text/javascript") != "text/javascript":
                continue
            digest = hashlib.sha256(script.string.encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def script_src(policy: str) -> list[str]:
    directive = next(d for d in policy.split("; ") if d.startswith("script-src "))
    return directive.split()[1:]


def test_csp_allows_exactly_the_inline_scripts_of_the_build(site_dir):
    policy = nginx_config.content_security_policy(site_dir)
    sources = script_src(policy)
    assert sources[0] == "'self'"
    expected = hashes_by_parsing(site_dir)
    assert expected, "no inline scripts found: has Material changed its templates?"
    assert set(sources[1:]) == expected
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'none'", "img-src 'self' data:", "frame-ancestors 'none'",
                      "object-src 'none'", "base-uri 'none'", "form-action 'none'"):
        assert directive in policy.split("; "), directive


def test_a_new_inline_script_gets_its_hash(site_dir, tmp_path):
    site = shutil.copytree(site_dir, tmp_path / "site")
    page = site / "install.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>console.log('planted')</script></body>"), encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(b"console.log('planted')").digest()).decode()
    assert f"'sha256-{digest}'" in script_src(nginx_config.content_security_policy(site))


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

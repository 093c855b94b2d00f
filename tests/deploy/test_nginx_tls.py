"""The HTTPS variant (production): HSTS on every response, plain HTTP only redirects."""

from __future__ import annotations

import http.client
import ssl
import subprocess

import pytest

from harness.ports import free_ports

pytestmark = pytest.mark.server


def fetch(connection, path):
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}


def test_https_sends_hsts_and_plain_http_redirects_to_https(nginx_site, start_nginx, openssl_binary, tmp_path):
    """Served from the plain-HTTP test's build: these headers do not depend on the site's address."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl_binary, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    https_port, http_port = free_ports(2)
    _, site_dir, _ = nginx_site
    tls = ssl.create_default_context(cafile=str(cert))
    with start_nginx(site_dir, tmp_path, https_port, listen=f"127.0.0.1:{https_port}",
                     http_listen=f"127.0.0.1:{http_port}", tls_cert=str(cert), tls_key=str(key)):
        for path, status in (("/install.html", 200), ("/en/no-such-page.html", 404),
                             ("/assets/stylesheets/site.css", 200)):
            got, headers = fetch(http.client.HTTPSConnection("127.0.0.1", https_port, context=tls), path)
            assert got == status, path
            assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains", path
            assert "content-security-policy" in headers, path
        status, headers = fetch(http.client.HTTPConnection("127.0.0.1", http_port), "/en/install.html?x=1")
        # $host has no port: in production HTTPS is on 443.
        assert (status, headers["location"]) == (301, "https://127.0.0.1/en/install.html?x=1")

"""Write the nginx configuration for one build of the site (fills in deploy/nginx/*.in).

The Content-Security-Policy allows the site's own files and, by their SHA-256 hashes, the
known inline scripts: those of Material's templates and of overrides/ (helpsite/page_security.py),
as the built pages contain them (one varies with the page's depth). A page with any other
inline script, or anything else the policy would block, stops the generator. Generate the
configuration from the build you publish (scripts/dist.py puts both in one archive).

    python scripts/nginx_config.py --site site --out /tmp/nginx --server-name support.scanprix.de \
        --root /srv/scanprix-support/current/site --conf-dir /srv/scanprix-support/current/nginx \
        --tls-cert /etc/ssl/certs/x.pem --tls-key /etc/ssl/private/x.key

Writes scanprix-support.conf (server blocks, for /etc/nginx/sites-enabled/), site.conf and
security-headers.conf (included by it); with --standalone-prefix also nginx.conf, a complete
configuration for running nginx as an ordinary process (tests, local try-outs).
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project's package, helpsite/
from helpsite import page_security  # noqa: E402
from helpsite.built_site import built_pages, rel_path, source_of  # noqa: E402
from helpsite.project import PROJECT, languages  # noqa: E402

TEMPLATES = Path(__file__).resolve().parents[1] / "deploy" / "nginx"
MAIN_FILE = "scanprix-support.conf"
HSTS = (
    "# HTTPS only: browsers use nothing but HTTPS for this host for a year. Start with a\n"
    "# short max-age (300) on a new host; never add `preload` without a plan for all subdomains.\n"
    'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;'
)
NO_HSTS = "# Strict-Transport-Security: only in the HTTPS configuration (--tls-cert/--tls-key)."
# Previews (scripts/dist.py --preview): search engines must not index a staging address.
NOINDEX = ("# Preview of unconfirmed content: search engines keep it out of their index.\n"
           'add_header X-Robots-Tag "noindex" always;')
INDEX = "# X-Robots-Tag noindex: only in a preview's configuration (--noindex)."
# Previews: unconfirmed content for the company's reviewers only. Every path asks for a user and
# password from the publisher's credentials file (htpasswd format); noindex alone is no access control.
AUTH = ('# Preview: only the company\'s reviewers may read it (credentials: {path}).\n'
        'auth_basic "ScanPrix Hilfe (Vorschau)";\nauth_basic_user_file {path};')
NO_AUTH = "# HTTP basic authentication: only in a preview's configuration (--auth-user-file)."


class ConfigError(Exception):
    pass


def script_hashes(site_dir: Path, project: Path = PROJECT) -> list[str]:
    """CSP source expressions for the known inline scripts of the built site.

    Known: the inline scripts of Material's templates and of overrides/ (helpsite/page_security.py),
    read with an HTML parser. A page with anything else the policy would block (an unknown inline
    script, an event handler, a javascript: link, a script from another host, inline style) stops
    the generator, naming the page: the build refuses such pages, so the site was changed after it."""
    known = page_security.known_scripts(project)
    langs = languages(project)
    hashes, problems = set(), []
    for page in built_pages(site_dir):
        report = page_security.analyse(page.read_text(encoding="utf-8"), known)
        source = source_of(rel_path(page, site_dir), langs)
        problems += [f"{page} (source: {source}): {problem}" for problem in report.problems]
        hashes.update(page_security.csp_hash(text) for text, _origin in report.scripts)
    if problems:
        raise ConfigError("\n".join(dict.fromkeys(problems)))
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    if not (site_dir / "index.html").exists():
        raise ConfigError(f"{site_dir}: no built site (index.html missing); build it first.")
    directives = [
        "default-src 'none'",
        " ".join(["script-src 'self'", *script_hashes(site_dir)]),
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",  # search index, sitemaps
        "worker-src 'self'",  # search worker
        "base-uri 'none'",
        "form-action 'none'",  # the search form is never submitted
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
    return "; ".join(directives)


def fill(template: str, values: dict[str, str]) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    leftover = re.findall(r"@@[A-Z_]+@@", text)
    if leftover:
        raise ConfigError(f"deploy/nginx/{template}: no value for {', '.join(sorted(set(leftover)))}")
    return text


def write_config(site_dir: Path, out_dir: Path, *, root: Path | str | None = None,
                 conf_dir: Path | str | None = None, listen: str = "80",
                 server_name: str = "_", tls_cert: str | None = None, tls_key: str | None = None,
                 http_listen: str = "80", standalone_prefix: Path | None = None,
                 mime_types: str = "/etc/nginx/mime.types",
                 noindex: bool = False, auth_user_file: str | None = None) -> Path:
    """Write the configuration files into out_dir; returns the file to hand to nginx.

    auth_user_file: a preview's credentials file on the server; every path then asks for them."""
    if bool(tls_cert) != bool(tls_key):
        raise ConfigError("HTTPS needs both --tls-cert and --tls-key.")
    if auth_user_file is not None and not Path(auth_user_file).is_absolute():
        raise ConfigError(f"the credentials file '{auth_user_file}' must be an absolute path on the server.")
    out_dir.mkdir(parents=True, exist_ok=True)
    conf_dir = str(conf_dir or out_dir.resolve())
    values = {
        "ROOT": str(root or site_dir.resolve()),
        "CONF_DIR": conf_dir,
        "CSP": content_security_policy(site_dir),
        "HSTS": HSTS if tls_cert else NO_HSTS,
        "LISTEN": listen,
        "HTTP_LISTEN": http_listen,
        "SERVER_NAME": server_name,
        "TLS_CERT": str(tls_cert or ""),
        "TLS_KEY": str(tls_key or ""),
        "ROBOTS": NOINDEX if noindex else INDEX,
        "AUTH": AUTH.format(path=auth_user_file) if auth_user_file else NO_AUTH,
    }
    (out_dir / "site.conf").write_text(fill("site.conf.in", values), encoding="utf-8")
    (out_dir / "security-headers.conf").write_text(fill("security-headers.conf.in", values), encoding="utf-8")
    server = "https.conf.in" if tls_cert else "http.conf.in"
    (out_dir / MAIN_FILE).write_text(fill(server, values), encoding="utf-8")
    if standalone_prefix is None:
        return out_dir / MAIN_FILE
    # The master process of a root nginx hands requests to workers of `user` (default
    # nobody), which could not read a site in a private temporary folder.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else "# (not root: workers run as this user)"
    standalone = fill("standalone.conf.in", dict(values, PREFIX=str(standalone_prefix),
                                                 MIME_TYPES=mime_types, USER=user))
    (out_dir / "nginx.conf").write_text(standalone, encoding="utf-8")
    return out_dir / "nginx.conf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the configuration files")
    parser.add_argument("--root", help="where the site lies on the server (default: --site)")
    parser.add_argument("--conf-dir", help="where these files lie on the server (default: --out)")
    parser.add_argument("--server-name", default="_", help="host name, e.g. support.scanprix.de")
    parser.add_argument("--listen", help="address:port or port (default: 80, with TLS 443)")
    parser.add_argument("--tls-cert", help="certificate chain (PEM): writes the HTTPS variant with HSTS")
    parser.add_argument("--tls-key", help="private key of the certificate (PEM)")
    parser.add_argument("--standalone-prefix", type=Path,
                        help="also write nginx.conf for `nginx -p PREFIX` (pid, logs, temp files there)")
    parser.add_argument("--noindex", action="store_true",
                        help="send X-Robots-Tag: noindex on every response (a preview's configuration)")
    parser.add_argument("--auth-user-file",
                        help="a preview's credentials file (htpasswd) on the server: every path asks for them")
    args = parser.parse_args(argv)
    try:
        path = write_config(
            args.site, args.out, root=args.root, conf_dir=args.conf_dir,
            listen=args.listen or ("443" if args.tls_cert else "80"), server_name=args.server_name,
            tls_cert=args.tls_cert, tls_key=args.tls_key, standalone_prefix=args.standalone_prefix,
            noindex=args.noindex, auth_user_file=args.auth_user_file,
        )
    except ConfigError as err:
        print(f"nginx_config: {err}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

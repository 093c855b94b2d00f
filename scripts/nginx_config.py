"""Write the nginx configuration for one build of the site (fills in deploy/nginx/*.in).

The Content-Security-Policy allows the site's own files and, by their SHA-256 hashes, the
known inline scripts: those of Material's templates and of overrides/, as the built pages
contain them (one varies with the page's depth). The build's page-security pass has checked
every page and listed those hashes in the site's .content-security-policy.json
(helpsite/pipeline/security.py); this reads them from there. The languages (a 404 page per
language root) and the help IDs (one redirect per address, from the site's help-ids.json) come
from the build too. Generate the configuration from the build you publish (scripts/dist.py puts
both in one archive).

    python scripts/nginx_config.py --site site --out /tmp/nginx --server-name support.scanprix.de \
        --root /srv/scanprix-support/current/site --conf-dir /srv/scanprix-support/current/nginx \
        --tls-cert /etc/ssl/certs/x.pem --tls-key /etc/ssl/private/x.key

Writes scanprix-support.conf (server blocks, for /etc/nginx/sites-enabled/), site.conf,
security-headers.conf and client-limits.conf (included by it); with --standalone-prefix also
nginx.conf, a complete configuration for running nginx as an ordinary process (tests, local
try-outs).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import string
import sys
from pathlib import Path
from urllib.parse import urlsplit

from helpsite.built_site import NOT_FOUND
from helpsite.pipeline.help_id_pages import MAP as HELP_ID_MAP
from helpsite.pipeline.security import script_hashes
from helpsite.project import PROJECT, InputError, Languages, languages

TEMPLATES = PROJECT / "deploy" / "nginx"
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
PROTECTED_HELP_IDS = ("# A preview asks for a password on every path, and nginx would answer a redirect here\n"
                      "# before asking: its help IDs go through the redirect pages under go/ instead.\n")


class ConfigError(Exception):
    pass


class NginxTemplate(string.Template):
    """deploy/nginx/*.in: @@KEY@@ placeholders, so that nginx's own $variables stay as written."""

    delimiter = "@@"
    pattern = r"@@(?:(?P<escaped>@@)|(?P<named>[A-Z_]+)@@|(?P<braced>(?!x)x)|(?P<invalid>))"


def content_security_policy(site_dir: Path) -> str:
    if not (site_dir / "index.html").exists():
        raise ConfigError(f"{site_dir}: no built site (index.html missing); build it first.")
    try:
        hashes = script_hashes(site_dir)
    except InputError as err:
        raise ConfigError(str(err))
    directives = [
        "default-src 'none'",
        " ".join(["script-src 'self'", *hashes]),
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


def language_locations(langs: Languages) -> str:
    """A location per language root below the site root: misses there get that language's 404 page."""
    blocks = [f"location /{root} {{\n    error_page 403 =404 /{root}{NOT_FOUND};\n"
              f"    error_page 404 /{root}{NOT_FOUND};\n}}" for root in langs.roots().values() if root]
    return "\n\n".join(blocks)


def help_id_redirects(site_dir: Path, langs: Languages) -> str:
    """One exact location per help-ID address, with and without its trailing slash, that sends
    the program straight to the target page (the site's help-ids.json, written by the build)."""
    path = site_dir / HELP_ID_MAP
    if not path.exists():
        raise ConfigError(f"{path}: missing; build the site before writing its nginx configuration.")
    lines = ["# Generated by scripts/nginx_config.py from help-ids.json: /go/<id> and /go/<id>/ of every",
             "# language lead straight to the target (302: a later release may send an ID elsewhere)."]
    for help_id, entry in sorted(json.loads(path.read_text(encoding="utf-8"))["ids"].items()):
        for lang, root in langs.roots().items():
            address, target = urlsplit(entry[lang]["address"]), urlsplit(entry[lang]["target"])
            # The addresses below the site's folder on its host, as nginx serves the folder.
            below = f"{root}go/{help_id}/"
            site_path = address.path[: -len(below)]
            destination = "/" + target.path[len(site_path):] + (f"#{target.fragment}" if target.fragment else "")
            for form in (f"/{below}", f"/{below}".rstrip("/")):
                lines.append(f'location = {form} {{ return 302 "{destination}"; }}')
    return "\n".join(lines) + "\n"


def fill(template: str, values: dict[str, str]) -> str:
    text = NginxTemplate((TEMPLATES / template).read_text(encoding="utf-8"))
    missing = sorted(set(text.get_identifiers()) - set(values))
    if missing:
        raise ConfigError(f"deploy/nginx/{template}: no value for {', '.join(f'@@{key}@@' for key in missing)}")
    return text.substitute(values)


def write_config(site_dir: Path, out_dir: Path, *, root: Path | str | None = None,
                 conf_dir: Path | str | None = None, listen: str = "80",
                 server_name: str = "_", tls_cert: str | None = None, tls_key: str | None = None,
                 http_listen: str = "80", standalone_prefix: Path | None = None,
                 mime_types: str = "/etc/nginx/mime.types",
                 noindex: bool = False, auth_user_file: str | None = None, project: Path = PROJECT) -> Path:
    """Write the configuration files into out_dir; returns the file to hand to nginx.

    auth_user_file: a preview's credentials file on the server; every path then asks for them.
    project: the project whose site this is (its mkdocs.yml names the languages)."""
    if bool(tls_cert) != bool(tls_key):
        raise ConfigError("HTTPS needs both --tls-cert and --tls-key.")
    if auth_user_file is not None and not Path(auth_user_file).is_absolute():
        raise ConfigError(f"the credentials file '{auth_user_file}' must be an absolute path on the server.")
    langs = languages(project)
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
        "LANGUAGE_LOCATIONS": language_locations(langs),
        "AUTH": AUTH.format(path=auth_user_file) if auth_user_file else NO_AUTH,
    }
    # A `return` answers before nginx asks for the password: behind one, the help IDs take
    # their redirect pages (two hops), which ask for it like every other page.
    redirects = PROTECTED_HELP_IDS if auth_user_file else help_id_redirects(site_dir, langs)
    (out_dir / "help-ids.conf").write_text(redirects, encoding="utf-8")
    (out_dir / "site.conf").write_text(fill("site.conf.in", values), encoding="utf-8")
    (out_dir / "security-headers.conf").write_text(fill("security-headers.conf.in", values), encoding="utf-8")
    (out_dir / "client-limits.conf").write_text(fill("client-limits.conf.in", values), encoding="utf-8")
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
    parser.add_argument("--project", type=Path, default=Path.cwd(),
                        help="the project the site was built from (default: this folder)")
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
            noindex=args.noindex, auth_user_file=args.auth_user_file, project=args.project,
        )
    except ConfigError as err:
        print(f"nginx_config: {err}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

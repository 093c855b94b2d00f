"""make dist: the web-server archive and the offline help ZIP, both named with the version.

`make dist` builds a release and refuses, exit status 1, while anything is unconfirmed: it
lists every blocker (helpsite/release.py: facts without a value or listed as unconfirmed,
pages whose review status is not confirmed, SITE_URL not set) and builds nothing.
`make dist-preview` (--preview) builds the same archives for a staging address whatever is
unconfirmed: every page shows a preview notice (with a link to the review page of open items)
and carries <meta name="robots" content="noindex">, open facts show as editor's marks, the nginx
configuration sends X-Robots-Tag: noindex and asks for a user and password on every path (the
credentials file named by PREVIEW_HTPASSWD), and the file names end in -preview.

dist/scanprix-support-site-<version>.tar.gz
    scanprix-support-site-<version>/site/    the built site (SITE_URL decides its address)
    scanprix-support-site-<version>/nginx/   its nginx configuration (CSP hashes of this build),
                                             for unpacking to DEPLOY_DIR (default below)
dist/scanprix-help-offline-<version>.zip
    scanprix-help/                           the same pages built with Material's offline plugin:
                                             opens from file://, search included; no 404 pages
                                             and no sitemaps (nothing serves or reads them there)

A preview's files are named <version>-preview (scanprix-support-site-<version>-preview.tar.gz, ...).

<version> is `git describe --tags --dirty`, or without tags the date of the last commit and
its short hash (20261125-c54889a, "-dirty" with uncommitted changes). Both archives carry the
last commit's time, so one commit gives the same files.

Environment: SITE_URL (site address, required: the release's confirmed address, or a preview's
staging address), PREVIEW_HTPASSWD (a preview only, required: absolute path of the credentials
file on the staging server, htpasswd format), DEPLOY_DIR (where the release is unpacked on the server, default
/srv/scanprix-support/current), TLS_CERT / TLS_KEY (HTTPS certificate paths on the server).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from helpsite import release as gate
from helpsite.generator import MKDOCS
from helpsite.precompress import precompress
from helpsite.project import mkdocs_config
from scripts import nginx_config

DEFAULT_DEPLOY_DIR = "/srv/scanprix-support/current"
DEFAULT_TLS_CERT = "/etc/ssl/certs/scanprix-support.pem"
DEFAULT_TLS_KEY = "/etc/ssl/private/scanprix-support.key"
OFFLINE_FOLDER = "scanprix-help"
PREVIEW_SUFFIX = "-preview"
# The project released: the folder `make dist` runs in (as mkdocs, which reads its mkdocs.yml).
PROJECT = Path.cwd()
HTPASSWD_VARIABLE = "PREVIEW_HTPASSWD"


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(PROJECT), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def version() -> str:
    try:
        return git("describe", "--tags", "--dirty")
    except subprocess.CalledProcessError:  # no tag yet
        stamp = git("log", "-1", "--format=%cd", "--date=format:%Y%m%d")
        dirty = "-dirty" if git("status", "--porcelain", "--untracked-files=no") else ""
        return f"{stamp}-{git('rev-parse', '--short', 'HEAD')}{dirty}"


def commit_time() -> int:
    return int(git("log", "-1", "--format=%ct"))


def site_url() -> str:
    return mkdocs_config(PROJECT)["site_url"]  # !ENV [SITE_URL, ...] resolved as the build does


def build(site_dir: Path, offline: bool, preview: bool) -> None:
    # A release never inherits PREVIEW, and its pages refuse any fact still open (RELEASE).
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", OFFLINE="true" if offline else "false",
               PREVIEW="true" if preview else "false", RELEASE="false" if preview else "true")
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(site_dir)], cwd=PROJECT,
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"dist: the {'offline' if offline else 'web'} build failed:\n"
                 f"{(result.stdout + result.stderr)[-4000:]}")


def files_below(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def write_tar(target: Path, folder: Path, top: str, mtime: int) -> None:
    with tarfile.open(target, "w:gz") as archive:
        for path in files_below(folder):
            info = tarfile.TarInfo(f"{top}/{path.relative_to(folder).as_posix()}")
            info.size, info.mtime, info.mode = path.stat().st_size, mtime, 0o644
            with path.open("rb") as data:
                archive.addfile(info, data)


def write_zip(target: Path, folder: Path, top: str, mtime: int) -> None:
    stamp = time.gmtime(mtime)[:6]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files_below(folder):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def web_release(work: Path, name: str, preview: bool = False) -> Path:
    """site/ and nginx/ of one release, ready to unpack to DEPLOY_DIR."""
    release = work / name
    build(release / "site", offline=False, preview=preview)
    url = urlsplit(site_url())
    deploy_dir = os.environ.get("DEPLOY_DIR", DEFAULT_DEPLOY_DIR).rstrip("/")
    https = url.scheme == "https"
    nginx_config.write_config(
        release / "site", release / "nginx",
        root=f"{deploy_dir}/site", conf_dir=f"{deploy_dir}/nginx",
        server_name=url.hostname or "_",
        listen=str(url.port or (443 if https else 80)),
        tls_cert=os.environ.get("TLS_CERT", DEFAULT_TLS_CERT) if https else None,
        tls_key=os.environ.get("TLS_KEY", DEFAULT_TLS_KEY) if https else None,
        noindex=preview, project=PROJECT,
        auth_user_file=os.environ[HTPASSWD_VARIABLE].strip() if preview else None,
    )
    precompress(release / "site")  # .gz copies for nginx's gzip_static
    return release


def offline_bundle(work: Path, preview: bool = False) -> Path:
    """The offline build has no 404 pages and no sitemaps (hooks/languages.py)."""
    folder = work / OFFLINE_FOLDER
    build(folder, offline=True, preview=preview)
    return folder


def refuse_release(blockers: list[gate.Blocker]) -> int:
    print(f"dist: not ready for a release: {len(blockers)} item(s) are not confirmed. Nothing was built.",
          file=sys.stderr)
    for blocker in blockers:
        print(f"- {blocker}", file=sys.stderr)
    print("Resolve each one (`make review` shows the notes), then run `make dist` again. For a "
          "staging address, `SITE_URL=https://<staging host>/ make dist-preview` builds a preview "
          "that says so and keeps search engines out.", file=sys.stderr)
    return 1


def preview_refusal() -> str | None:
    """Why a preview cannot be built: it needs its own (staging) address."""
    staging = os.environ.get(gate.SITE_URL_VARIABLE, "").strip()
    production = gate.default_site_url(PROJECT)
    if not staging:
        return ("dist: a preview needs the address it will be served at: "
                "SITE_URL=https://<staging host>/ make dist-preview")
    if production and urlsplit(staging).hostname == urlsplit(production).hostname:
        return (f"dist: SITE_URL {staging} is the production host of mkdocs.yml; a preview belongs "
                "on a staging address (SITE_URL=https://<staging host>/ make dist-preview).")
    htpasswd = os.environ.get(HTPASSWD_VARIABLE, "").strip()
    if not htpasswd.startswith("/"):
        return (f"dist: a preview is for the company's reviewers only: name the credentials file on the "
                f"staging server, {HTPASSWD_VARIABLE}=/etc/nginx/<name>.htpasswd make dist-preview "
                f"(an absolute path{'; got ' + repr(htpasswd) if htpasswd else ''}). Its nginx "
                "configuration then asks for a user and password on every path (deploy/README.md).")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the web-server archive and the offline help ZIP.")
    parser.add_argument("--out", type=Path, default=PROJECT / "dist", help="output folder (default: dist)")
    parser.add_argument("--version", help="version in the file names (default: from git)")
    parser.add_argument("--preview", action="store_true",
                        help="a preview for a staging address: builds with unconfirmed items, marks every "
                             "page as a preview, noindex for search engines, -preview in the file names")
    args = parser.parse_args(argv)
    blockers = gate.blockers(PROJECT)
    if args.preview:
        refusal = preview_refusal()
        if refusal:
            print(refusal, file=sys.stderr)
            return 1
        if blockers:
            print(f"dist: preview with {len(blockers)} unconfirmed item(s) (make review); "
                  "not for publishing as a release.", file=sys.stderr)
    elif blockers:
        return refuse_release(blockers)
    release_version = args.version or version()
    suffix = PREVIEW_SUFFIX if args.preview else ""
    mtime = commit_time()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scanprix-dist-") as tmp:
        work = Path(tmp)
        name = f"scanprix-support-site-{release_version}{suffix}"
        web = args.out / f"{name}.tar.gz"
        write_tar(web, web_release(work, name, preview=args.preview), name, mtime)
        offline = args.out / f"scanprix-help-offline-{release_version}{suffix}.zip"
        write_zip(offline, offline_bundle(work, preview=args.preview), OFFLINE_FOLDER, mtime)
    print(web)
    print(offline)
    return 0


if __name__ == "__main__":
    sys.exit(main())

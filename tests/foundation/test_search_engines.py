"""html lang, absolute canonical, absolute hreflang alternates with x-default, site_url setting."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from harness.building import build
from helpsite.built_site import counterpart, rel_path
from helpsite.project import PROJECT, languages
from helpsite.release import default_site_url

SITE_URL_DEFAULT = default_site_url()
LANGS = languages()


def head_links(page):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    canonical = soup.find("link", rel="canonical")
    alternates = {l["hreflang"]: l["href"] for l in soup.find_all("link", rel="alternate", hreflang=True)}
    return canonical["href"] if canonical else None, alternates


def articles(site_dir):
    return [p for p in site_dir.rglob("*.html") if p.name != "404.html" and "/go/" not in p.as_posix()]


def check_site(site_dir, site_url):
    for page in articles(site_dir):
        rel = page.relative_to(site_dir).as_posix()
        canonical, alternates = head_links(page)
        assert canonical == site_url + rel, f"{rel}: canonical {canonical}"
        assert set(alternates) == {*LANGS.codes, "x-default"}, f"{rel}: hreflang {sorted(alternates)}"
        for lang in LANGS.codes:
            assert alternates[lang] == site_url + counterpart(rel, lang, LANGS), rel
        assert alternates["x-default"] == alternates[LANGS.default], rel


def test_canonical_and_hreflang_are_absolute_with_x_default(site_dir):
    check_site(site_dir, SITE_URL_DEFAULT)


def test_site_url_is_one_setting_overridable_for_staging(tmp_path):
    staging = "http://staging.test:8080/help/"
    build(PROJECT, tmp_path / "site", site_url=staging)
    check_site(tmp_path / "site", staging)


def test_site_url_default_is_on_the_review_list(facts):
    # The source does not state the site's address; the review list (make review, the review page) has it.
    from helpsite.review_items import SETTING, review_items

    assert any(item.kind == SETTING and item.name == "site_url" for item in review_items())


def test_language_switch_stays_relative(site_dir):
    """A local or staging copy must not send readers to the production host."""
    for page in articles(site_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for link in soup.select("a.md-select__link"):
            assert not link["href"].startswith("http"), f"{page}: {link['href']}"


def test_language_roots_have_a_sitemap(site_dir):
    # Material fetches sitemap.xml next to each language link; a missing one is a 404 on every page.
    assert (site_dir / "sitemap.xml").exists()
    en = (site_dir / "en" / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", en)
    assert locs and all(loc.startswith(SITE_URL_DEFAULT + "en/") for loc in locs)


def test_every_page_title_names_the_page_and_the_site_once(site_dir):
    for page in articles(site_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        title = soup.title.get_text()
        site_name = "ScanPrix Help" if LANGS.of_path(rel_path(page, site_dir)) == "en" else "ScanPrix Hilfe"
        rel = page.relative_to(site_dir).as_posix()
        assert title.count(site_name) == 1, f"{rel}: <title>{title}</title> should name the site once"

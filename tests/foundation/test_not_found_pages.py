"""A 404 page per language, with search and links to the main sections."""

from __future__ import annotations

from bs4 import BeautifulSoup

from helpsite.serving import serve

SECTIONS = ("index", "install", "price-lists", "contact", "remote-support", "privacy")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_root_404_is_german_and_en_404_is_english(site_dir):
    assert soup(site_dir / "404.html").html["lang"] == "de"
    assert soup(site_dir / "en" / "404.html").html["lang"] == "en"
    assert "Seite nicht gefunden" in soup(site_dir / "404.html").h1.get_text()
    assert "Page not found" in soup(site_dir / "en" / "404.html").h1.get_text()


def test_404_pages_have_search_and_link_every_section(site_dir):
    for page, prefix in ((site_dir / "404.html", "/"), (site_dir / "en" / "404.html", "/en/")):
        doc = soup(page)
        assert doc.select_one("form[name=search] input.md-search__input"), f"{page}: no search"
        content = doc.select_one("article.md-content__inner")
        hrefs = {a["href"] for a in content.find_all("a", href=True)}
        for section in SECTIONS:
            assert f"{prefix}{section}.html" in hrefs, f"{page}: no link to {section}"
        assert doc.find("meta", attrs={"name": "robots", "content": "noindex"}), page


def test_404_pages_load_their_languages_search_index(site_dir):
    import json

    for page, base in ((site_dir / "404.html", "/"), (site_dir / "en" / "404.html", "/en/")):
        config = json.loads(soup(page).find("script", id="__config").string)
        assert config["base"] == base, page


def test_misses_under_en_get_the_english_404(site_dir):
    import urllib.error
    import urllib.request

    with serve(site_dir) as origin:
        for path, lang in (("/no-such-page.html", "de"), ("/en/no-such-page.html", "en")):
            try:
                urllib.request.urlopen(origin + path)
            except urllib.error.HTTPError as err:
                assert err.code == 404
                assert f'<html lang="{lang}"' in err.read().decode()
            else:
                raise AssertionError(f"{path} did not answer 404")

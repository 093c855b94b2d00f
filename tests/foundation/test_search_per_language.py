"""One search index per language, loaded by that language's pages, no stemmer."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from helpsite.built_site import built_pages
from helpsite.built_site import rel_path


def load_index(path):
    return json.loads(path.read_text(encoding="utf-8"))


def page_config(page):
    script = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find("script", id="__config")
    return json.loads(script.string)


def test_each_language_has_its_own_index_with_its_own_language(site_dir, langs):
    for lang, root in langs.roots().items():
        index = load_index(site_dir / root / "search" / "search_index.json")
        assert index["config"]["lang"] == [lang]
        # Prefix queries skip lunr's pipeline: a stemmer there would lose hits.
        assert "stemmer" not in index["config"]["pipeline"]


def test_no_entry_of_one_language_in_the_others_index(site_dir, langs):
    for lang, lang_root in langs.roots().items():
        index_path = site_dir / lang_root / "search" / "search_index.json"
        root = index_path.parent.parent
        docs = load_index(index_path)["docs"]
        assert docs, f"{index_path} is empty"
        for doc in docs:
            target = root / doc["location"].split("#")[0]
            assert target.exists(), f"{index_path}: {doc['location']} does not exist"
            assert langs.of_path(rel_path(target, site_dir)) == lang, f"{index_path}: {doc['location']}"


def test_every_page_of_a_language_is_in_its_index(site_dir, langs):
    for lang, lang_root in langs.roots().items():
        root = site_dir / lang_root
        locations = {d["location"].split("#")[0]
                     for d in load_index(root / "search" / "search_index.json")["docs"]}
        for page in root.glob("*.html"):
            if page.name != "404.html":
                assert page.name in locations, f"{page} missing from the {lang} search index"


def test_pages_load_the_index_of_their_language(site_dir, langs):
    origin = "http://site.test/"
    for page in built_pages(site_dir):
        if "/go/" in page.as_posix():
            continue
        here = page.relative_to(site_dir).as_posix()
        # Resolved as Material's JavaScript does: new URL("search/search_index.json",
        # new URL(config.base, location)); a base without its trailing slash misses a level.
        base = urljoin(origin + here, page_config(page)["base"])
        index_url = urljoin(base, "search/search_index.json")
        assert index_url.startswith(origin), f"{here}: search index {index_url} is outside the site"
        index = site_dir / index_url[len(origin):]
        assert index.exists(), f"{here}: base resolves to {index_url}, which does not exist"
        assert load_index(index)["config"]["lang"] == [langs.of_path(here)], (
            f"{here}: loads {index_url}, an index of another language")

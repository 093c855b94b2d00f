"""Contact data comes from data/facts.yml: the contact box on every page, and a change there shows."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from harness.building import build, copy_project
from helpsite.built_site import built_pages


def contact_box(page):
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("aside.sp-contact")


def articles(site_dir):
    return [p for p in built_pages(site_dir) if "/go/" not in p.as_posix()]


def test_every_page_shows_the_contact_box_from_the_facts(site_dir, facts):
    email = facts["support"]["email"]
    phone = facts["support"]["phone"]
    for page in articles(site_dir):
        box = contact_box(page)
        assert box is not None, f"{page.relative_to(site_dir)}: no contact box"
        hrefs = {a["href"] for a in box.find_all("a")}
        assert f"mailto:{email}" in hrefs, page
        assert f"tel:{phone['tel']}" in hrefs, page
        assert phone["display"] in box.get_text(), page
        remote = [h for h in hrefs if h.endswith("remote-support.html")]
        assert remote, f"{page}: contact box has no remote support link"


@pytest.fixture(scope="module")
def changed_facts_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("facts"))
    path = project / "data" / "facts.yml"
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))
    facts["support"]["email"] = "hilfe@example.test"
    facts["support"]["phone"] = {"display": "+49 30 1234567", "tel": "+49301234567"}
    path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    build(project, project / "site")
    return project / "site"


def test_changing_the_facts_file_changes_every_page(changed_facts_site):
    for page in articles(changed_facts_site):
        text = page.read_text(encoding="utf-8")
        assert "hilfe@example.test" in text, page
        assert "tel:+49301234567" in text, page
        assert "support@scanprix.de" not in text, f"{page}: old address left in the page"


def build_after_edit(tmp_path, file, edit):
    """Build a copy of the project whose `file` went through `edit`; the build must fail."""
    project = copy_project(tmp_path / "p")
    path = project / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project, project / "site", check=False)
    assert result.returncode != 0, f"the build accepted the edited {file}"
    return result.stdout


def test_facts_with_a_phone_mismatch_stop_the_build(tmp_path):
    out = build_after_edit(tmp_path, "data/facts.yml",
                           lambda t: t.replace('tel: "+49772491151"', 'tel: "+49772491115"'))
    assert "support.phone.tel" in out and "data/facts.yml" in out


def test_unlisted_missing_fact_stops_the_build(tmp_path):
    out = build_after_edit(tmp_path, "data/facts.yml",
                           lambda t: t.replace("  opening_hours: null\n", "  opening_hours: null\n  fax: null\n"))
    assert "'support.fax' has no value" in out


def test_unknown_fact_in_a_page_stops_the_build_naming_the_page(tmp_path):
    out = build_after_edit(tmp_path, "docs/contact.en.md", lambda t: t + '\n{{ fact("support.fax") }}\n')
    assert "docs/contact.en.md: no fact 'support.fax'" in out


def test_bad_front_matter_stops_the_build_naming_the_page(tmp_path):
    out = build_after_edit(tmp_path, "docs/install.de.md", lambda t: t.replace(
        "description: \"", "description: Hinweis: ", 1).replace('."\n', ".\n", 1))
    assert "docs/install.de.md: front matter is not valid YAML" in out

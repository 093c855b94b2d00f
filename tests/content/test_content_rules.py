"""What the content issue promises readers: the four top tasks one click from the start page,
a full FAQ whose answers help instead of deferring, the privacy notice before the
remote-support download, a privacy policy with every Art. 13 GDPR item, feedback and date on
every article, formal German, and a review status on every page."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from checks.facts import FILE_SIZE
from harness.building import build, copy_project
from helpsite.confirmation import fact_states
from helpsite.project import PROJECT, languages

LANG_ROOTS = languages().roots()
TOP_TASKS = ("install.html", "price-lists.html", "contact.html", "remote-support.html")


def soup_of(site_dir, path):
    doc = BeautifulSoup((site_dir / path).read_text(encoding="utf-8"), "lxml")
    for permalink in doc.select(".headerlink"):
        permalink.decompose()
    return doc


def article(site_dir, path):
    return soup_of(site_dir, path).select_one("article.md-content__inner")


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_start_page_links_to_the_four_top_tasks_in_its_own_language(site_dir, lang):
    content = article(site_dir, f"{LANG_ROOTS[lang]}index.html")
    cards = content.select(".grid.cards a[href]")
    assert [a["href"] for a in cards] == list(TOP_TASKS), (
        f"{lang} start page: the cards should lead to {TOP_TASKS}")


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_start_page_cards_carry_the_titles_of_their_pages(site_dir, lang):
    for card in article(site_dir, f"{LANG_ROOTS[lang]}index.html").select(".grid.cards a[href]"):
        title = soup_of(site_dir, LANG_ROOTS[lang] + card["href"]).find("h1").get_text().strip()
        assert card.get_text().strip() == title, f"{lang} start page: card '{card.get_text()}' leads to '{title}'"


def test_faq_questions_and_groups_have_the_same_ids_in_both_languages(site_dir):
    """No minimum number of questions (issue 22: fewer true answers beat more generic ones)."""
    heading_ids = {}
    for lang, root in LANG_ROOTS.items():
        content = article(site_dir, f"{root}price-lists.html")
        assert content.select("h2[id]") and content.select("h3[id]"), f"{lang} FAQ: no groups or questions"
        heading_ids[lang] = [h["id"] for h in content.select("h2[id], h3[id]")]
    assert heading_ids["de"] == heading_ids["en"], "the FAQ's groups and questions differ by language"


# An answer that refers to the page itself and says it does not describe something
# ("Ob ScanPrix ..., beschreibt diese Seite nicht.", "This page does not say whether ...").
DEFERRING = re.compile(
    r"\b(?:diese|dieser|this)\s+(?:hilfe)?(?:seite|help page|page)\b[^.!?]*\b(?:nicht|keine?\w*|not)\b",
    re.IGNORECASE)


def faq_answers(content):
    """{question ID: text of its answer}: everything between an h3 and the next h2 or h3."""
    answers = {}
    for question in content.select("h3[id]"):
        parts = []
        for sibling in question.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            parts.append(sibling.get_text(" "))
        answers[question["id"]] = " ".join(parts)
    return answers


def deferring_answers(content):
    return {qid: match.group() for qid, text in faq_answers(content).items()
            if (match := DEFERRING.search(text))}


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_no_faq_answer_only_says_the_page_does_not_describe_it(site_dir, lang):
    content = article(site_dir, f"{LANG_ROOTS[lang]}price-lists.html")
    assert faq_answers(content), f"{lang} FAQ: no answers found"
    assert not deferring_answers(content), (
        f"{lang} FAQ: answers that defer instead of helping: {deferring_answers(content)}; "
        "give the reader something to do, or merge them into the answer on what support shows")


PLANTED_DEFERRALS = {
    "de": "Ob ScanPrix Preise aus einer Datei übernehmen kann, beschreibt diese Seite nicht.",
    "en": "This page does not say whether ScanPrix can import prices from a file.",
}


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_a_planted_deferring_answer_is_found(site_dir, lang):
    content = article(site_dir, f"{LANG_ROOTS[lang]}price-lists.html")
    planted = BeautifulSoup(f'<h3 id="planted">?</h3><p>{PLANTED_DEFERRALS[lang]} '
                            "Fragen Sie den Support. Ask support.</p>", "lxml")
    content.append(planted.h3)
    content.append(planted.p)
    assert set(deferring_answers(content)) == {"planted"}


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_remote_support_privacy_notice_comes_before_download_and_steps(site_dir, lang):
    content = article(site_dir, f"{LANG_ROOTS[lang]}remote-support.html")
    order = [h["id"] for h in content.select("h2[id]")]
    assert order.index("privacy-notice") < order.index("download") < order.index("start"), order
    steps = content.find(id="start").find_next("ol")
    assert steps and len(steps.find_all("li", recursive=False)) >= 4, "the steps are a numbered list"


def position(content, element):
    """Place of element in the document order of content."""
    return next(i for i, node in enumerate(content.descendants) if node is element)


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_download_link_to_the_facts_address_comes_after_the_privacy_notice(site_dir, facts, lang):
    url = facts["remote_support"]["download_url"]
    if url is None:
        pytest.skip("remote_support.download_url is null: the page offers no download")
    content = article(site_dir, f"{LANG_ROOTS[lang]}remote-support.html")
    links = content.find_all("a", href=url)
    assert links, f"{lang} remote support: no link to {url}"
    notice = position(content, content.find(id="privacy-notice"))
    for link in links:
        assert position(content, link) > notice, f"{lang}: download link before the privacy notice"
        assert link.find_previous("h2")["id"] == "download", f"{lang}: link outside #download"
    # The source's size is the company's own module; the link leads to the vendor's file.
    sizes = [FILE_SIZE.search(link.parent.get_text(" ")) for link in links]
    assert not any(sizes), f"{lang}: a file size next to the download link: {sizes}"


# The privacy policy (Art. 13 GDPR): each processing section labels its items with a class
# ("**Zweck:** ...\n{: .art13-purpose }"), so that the test reads them in both languages.
PROCESSINGS = ("website", "contact", "remote-support")
ART13_ITEMS = ("art13-purpose", "art13-legal-basis", "art13-recipients", "art13-third-country",
               "art13-storage", "art13-obligation")
PRIVACY_SECTIONS = ("controller", "website", "local-storage", "contact", "remote-support",
                    "automated-decisions", "your-rights", "right-to-object", "supervisory-authority")
# Company-specific values behind an item: the item shows the value, or (while the company has not
# confirmed it) the editor's mark in its place.
ITEM_FACTS = {
    ("website", "art13-recipients"): "privacy.hosting_provider",
    ("website", "art13-third-country"): "privacy.hosting_third_country",
    ("website", "art13-storage"): "privacy.server_log_retention",
    ("contact", "art13-recipients"): "privacy.email_provider",
    ("contact", "art13-third-country"): "privacy.email_third_country",
    ("contact", "art13-storage"): "privacy.support_request_retention",
    ("remote-support", "art13-recipients"): "remote_support.vendor",
    ("remote-support", "art13-third-country"): "privacy.remote_support_third_country",
    ("remote-support", "art13-storage"): "privacy.recording_retention",
}


def section(content, heading_id):
    """The elements from the h2 with heading_id up to the next h2."""
    heading = content.find(id=heading_id)
    assert heading is not None and heading.name == "h2", f"no section #{heading_id}"
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        elements.append(sibling)
    return elements


def labelled_items(elements):
    """{item class: (its text, its elements)}: a labelled paragraph plus a list right after it."""
    items = {}
    for element in elements:
        for item in [c for c in element.get("class", []) if c.startswith("art13-")]:
            parts = [element]
            following = element.find_next_sibling()
            if following is not None and following.name in ("ul", "ol"):
                parts.append(following)
            text = " ".join(part.get_text(" ", strip=True) for part in parts)
            items[item] = (text, BeautifulSoup("".join(map(str, parts)), "lxml"))
    return items


def shows_fact(element, facts, key, lang) -> bool:
    """The element shows the fact's value, or the editor's mark while the fact is open."""
    state = fact_states(facts, tuple(LANG_ROOTS))[key]
    if state.is_open:
        return bool(element.select(f'mark.sp-unconfirmed[data-fact="{key}"]'))
    value = facts
    for part in key.split("."):
        value = value[part]
    return (value[lang] if isinstance(value, dict) else value) in element.get_text(" ")


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_privacy_policy_has_every_art_13_item_for_each_processing(site_dir, facts, lang):
    content = article(site_dir, f"{LANG_ROOTS[lang]}privacy.html")
    for heading_id in PRIVACY_SECTIONS:
        assert content.find(id=heading_id), f"{lang} privacy policy: no section #{heading_id}"
    for processing in PROCESSINGS:
        items = labelled_items(section(content, processing))
        missing = [item for item in ART13_ITEMS if item not in items]
        assert not missing, f"{lang} privacy policy #{processing}: no {missing}"
        for item, (text, _element) in items.items():
            label_only = text.endswith(":") or len(text.split()) < 4
            assert not label_only, f"{lang} #{processing} .{item} has a label but no content: {text!r}"
        for (where, item), key in ITEM_FACTS.items():
            if where == processing:
                assert shows_fact(items[item][1], facts, key, lang), (
                    f"{lang} #{processing} .{item}: shows neither {key} nor its editor's mark")


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_privacy_policy_shows_the_controller_or_the_marks_of_what_is_open(site_dir, facts, lang):
    controller = BeautifulSoup("".join(str(e) for e in section(
        article(site_dir, f"{LANG_ROOTS[lang]}privacy.html"), "controller")), "lxml")
    for key in ("company.legal_name", "company.postal_address", "legal.data_protection_officer"):
        assert shows_fact(controller, facts, key, lang), f"{lang} #controller: {key} neither shown nor marked"


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_right_to_object_is_a_heading_of_its_own_with_a_help_id(site_dir, lang):
    content = article(site_dir, f"{LANG_ROOTS[lang]}privacy.html")
    heading = content.find(id="right-to-object")
    assert heading is not None and heading.name in ("h2", "h3"), f"{lang}: no heading #right-to-object"
    text = " ".join(e.get_text(" ") for e in section(content, "right-to-object"))
    assert re.search(r"Art\. 21\b", text), f"{lang} #right-to-object does not cite Art. 21"
    registry = yaml.safe_load((PROJECT / "data" / "help-ids.yml").read_text(encoding="utf-8"))["ids"]
    assert registry.get("privacy-right-to-object") == "privacy.md#right-to-object"


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_every_article_has_a_feedback_link_with_its_title_and_a_git_date(site_dir, lang):
    for page in TOP_TASKS + ("index.html", "privacy.html"):
        doc = soup_of(site_dir, LANG_ROOTS[lang] + page)
        h1 = doc.find("h1").get_text().strip()
        feedback = [a for a in doc.select('a[href^="mailto:"]') if "subject=" in a["href"]
                    and h1 in parse_qs(urlsplit(a["href"]).query)["subject"][0]]
        assert feedback, f"{lang}/{page}: no feedback mailto: link with the title '{h1}' as subject"
        date = doc.select_one(".git-revision-date-localized-plugin")
        assert date and re.search(r"\d", date.get_text()), f"{lang}/{page}: no last-updated date"


def test_dates_are_localised_per_language(site_dir):
    de = soup_of(site_dir, "install.html").select_one(".git-revision-date-localized-plugin").get_text()
    en = soup_of(site_dir, "en/install.html").select_one(".git-revision-date-localized-plugin").get_text()
    assert de != en, f"German and English dates read the same: {de!r}"


INFORMAL = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure)\b", re.I)


def test_german_pages_address_the_reader_formally():
    for page in sorted((PROJECT / "docs").glob("*.de.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            match = INFORMAL.search(line)
            assert not match, f"docs/{page.name} line {number}: '{match.group()}': use the formal 'Sie'"


def test_page_without_review_status_fails_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "contact.en.md"
    page.write_text(re.sub(r"\nreview:\n(  .*\n)+", "\n", page.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    result = build(project, project / "site", check=False)
    assert result.returncode != 0
    assert "docs/contact.en.md" in result.stdout and "review:" in result.stdout


def test_review_list_names_every_unconfirmed_fact_and_page_to_review():
    out = subprocess.run([sys.executable, "-m", "scripts.review"], cwd=PROJECT,
                         capture_output=True, text=True, check=True).stdout
    facts = yaml.safe_load((PROJECT / "data" / "facts.yml").read_text(encoding="utf-8"))
    for key in facts["unconfirmed"]:
        assert f"data/facts.yml {key}:" in out, key
    for page in sorted((PROJECT / "docs").glob("*.md")):
        if "status: needs-review" in page.read_text(encoding="utf-8"):
            assert f"docs/{page.name}:" in out, page.name
    assert "site_url" in out

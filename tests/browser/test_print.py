"""Printing (issue 15): every page, in every language, prints its content only (no header,
menus, search, language switch, footer navigation, back-to-top button or feedback links);
links in the text show their address; the privacy notice keeps its frame; no heading is left
alone at the foot of a printed page. Chromium's print emulation for every page, and a real PDF
of the installation page (tagged, so its structure says which page each heading and block is
on). For a person to look at: test-output/screenshots/<lang>-install-print.pdf and
<lang>-remote-support-print.png."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from harness.probes import every_page_of_one_language
from helpsite.project import languages

pytestmark = pytest.mark.browser

LANGS = languages().codes
A4_WIDTH = {"width": 794, "height": 1123}  # A4 at 96 dpi

NOT_PRINTED = {
    "header": ".md-header",
    "menus": ".md-sidebar, .md-tabs",
    "search": ".md-search, .sp-search-entry",
    "language switch": ".md-select",
    "footer navigation": ".md-footer",
    "back-to-top button": ".md-top",
    "feedback and legal links": ".sp-page-footer",
}
SHOWN = """sel => [...document.querySelectorAll(sel)].filter(el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; }).length"""
# Links in the text whose address the printout must show (mailto:/tel: links show it as text,
# links within the page have none).
LINK_ADDRESSES = """() => [...document.querySelectorAll('article a[href]')]
  .filter(a => !/^(#|mailto:|tel:)/.test(a.getAttribute('href')) && a.getClientRects().length)
  .map(a => ({href: a.href, printed: getComputedStyle(a, '::after').content}))"""
FRAME = """el => { const s = getComputedStyle(el);
  return {width: parseFloat(s.borderLeftWidth) + parseFloat(s.borderTopWidth), style: s.borderTopStyle,
          colour: s.borderTopColor, adjust: s.printColorAdjust || s.webkitPrintColorAdjust}; }"""


def open_printed(tab, site, path, viewport=None):
    tab.emulate_media(media="print")
    if viewport:
        tab.set_viewport_size(viewport)
    tab.goto(site.url(path))
    tab.locator("article h1").wait_for()


def test_every_page_prints_its_content_only(site, tab):
    """What prints is the templates' and site.css's doing: every page of one language, and a page
    of each kind in the others (probes.every_page_of_one_language)."""
    problems = []
    for page in every_page_of_one_language(site.pages):
        open_printed(tab, site, page.path)
        problems += [f"{page.path}: the printout shows the {name} ({selector})"
                     for name, selector in NOT_PRINTED.items() if tab.evaluate(SHOWN, selector)]
        if not tab.evaluate(SHOWN, "article h1"):
            problems.append(f"{page.path}: the printout has no heading")
    assert not problems, "Fix the print rules in docs/assets/stylesheets/site.css:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_printed_links_show_their_address(site, tab, lang):
    problems = []
    for name in ("install.html", "remote-support.html", "index.html"):
        path = languages().root(lang) + name
        open_printed(tab, site, path)
        links = tab.evaluate(LINK_ADDRESSES)
        assert links, f"{path}: no links in the text"
        problems += [f"{path}: link to {link['href']} prints {link['printed']}"
                     for link in links if link["href"] not in link["printed"]]
        tab.emulate_media(media="screen")
        on_screen = [link for link in tab.evaluate(LINK_ADDRESSES) if link["printed"] not in ("none", "normal")]
        problems += [f"{path}: the address of {link['href']} shows on screen too" for link in on_screen]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_printed_privacy_notice_keeps_its_frame(site, tab, screenshot_dir, lang):
    path = languages().root(lang) + "remote-support.html"
    open_printed(tab, site, path, A4_WIDTH)
    notice = tab.locator("#privacy-notice ~ .admonition").first
    frame = notice.evaluate(FRAME)
    target = screenshot_dir / f"{lang}-remote-support-print.png"
    tab.screenshot(path=target, full_page=True)
    assert frame["width"] > 0 and frame["style"] == "solid" and frame["colour"] != "rgba(0, 0, 0, 0)", (
        f"{path}: the privacy notice prints without its frame: {frame}")
    assert frame["adjust"] == "exact", f"{path}: the notice's tinted title and icon would not print: {frame}"


# --- The PDF: what Chromium really prints -------------------------------------------------------

def pdf_structure(pdf: bytes):
    """(blocks, page order): each structure element of the tagged PDF as {type, pages, kids},
    read with pypdf, and the pages' object numbers in order."""
    reader = PdfReader(io.BytesIO(pdf))
    order = [page.indirect_reference.idnum for page in reader.pages]
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF has no structure tree (tagged PDF): cannot tell what is on which page"
    elements: dict[int, dict] = {}  # id -> {type, own pages, kids}

    def visit(node) -> int:
        key = node.idnum if isinstance(node, IndirectObject) else id(node)
        element = node.get_object()
        if key in elements:
            return key
        elements[key] = entry = {"type": str(element.get("/S", "/StructTreeRoot")).lstrip("/"), "own": set(), "kids": []}
        if "/Pg" in element:
            entry["own"].add(element.raw_get("/Pg").idnum)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
            target = kid.get_object() if isinstance(kid, (IndirectObject, DictionaryObject)) else None
            if isinstance(target, DictionaryObject) and "/S" in target:
                entry["kids"].append(visit(kid))
            elif isinstance(target, DictionaryObject) and "/Pg" in target:  # marked content elsewhere
                entry["own"].add(target.raw_get("/Pg").idnum)
        return key

    visit(root.raw_get("/StructTreeRoot"))

    def pages(key, seen=()) -> set[int]:
        found = set(elements[key]["own"])
        for kid in elements[key]["kids"]:
            if kid not in seen:
                found |= pages(kid, (*seen, key))
        return found

    blocks = {key: {"type": entry["type"], "pages": sorted(pages(key), key=order.index), "kids": entry["kids"]}
              for key, entry in elements.items()}
    return blocks, order


def lone_headings(pdf: bytes) -> list[str]:
    """Headings whose next block starts on a later page: alone at the foot of their page."""
    blocks, order = pdf_structure(pdf)
    findings = []
    for n, block in blocks.items():
        siblings = block["kids"]
        for heading, following in zip(siblings, siblings[1:]):
            h, f = blocks[heading], blocks[following]
            if re.fullmatch(r"H[1-6]", h["type"]) and h["pages"] and f["pages"] \
                    and order.index(f["pages"][0]) > order.index(h["pages"][-1]):
                findings.append(f"{h['type']} at the foot of page {order.index(h['pages'][-1]) + 1}, "
                                f"its {f['type']} starts on page {order.index(f['pages'][0]) + 1}")
    first = [b for b in blocks.values() if b["type"] == "H1"]
    if not first or order.index(first[0]["pages"][0]) != 0:
        findings.append("the page's heading (H1) is not on the first page")
    return findings


def pdf_links(pdf: bytes) -> set[str]:
    """The addresses of the PDF's link annotations."""
    return {str(annotation.get_object()["/A"]["/URI"])
            for page in PdfReader(io.BytesIO(pdf)).pages for annotation in page.get("/Annots") or []
            if "/URI" in annotation.get_object().get("/A", {})}


def content_links(tab) -> set[str]:
    return set(tab.evaluate("[...document.querySelectorAll('article a[href]')]"
                            ".filter(a => a.getClientRects().length).map(a => a.href)"))


def print_pdf(tab, site, path):
    tab.emulate_media(media="print")  # as page.pdf() does, unless told "screen"
    tab.goto(site.url(path))
    tab.locator("article h1").wait_for()
    return tab.pdf(format="A4", outline=True, tagged=True)


def foreign_links(tab, pdf):
    """Links in the PDF that are not links of the page's text (header, menus, footer ...)."""
    allowed = content_links(tab) | {urljoin(tab.url, "#")}
    return sorted(link for link in pdf_links(pdf) if link.split("#")[0] not in
                  {a.split("#")[0] for a in allowed})


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_of_the_installation_page_has_content_only_and_no_lone_heading(site, tab, screenshot_dir, lang):
    path = languages().root(lang) + "install.html"
    pdf = print_pdf(tab, site, path)
    target = screenshot_dir / f"{lang}-install-print.pdf"
    target.write_bytes(pdf)
    assert pdf_links(pdf), f"{target}: no links in the PDF"
    assert not foreign_links(tab, pdf), f"{target} links to what is not in the text: {foreign_links(tab, pdf)}"
    assert not lone_headings(pdf), f"{target}: {lone_headings(pdf)}"


def test_pdf_checks_find_a_printed_header_and_a_lone_heading(site, tab):
    """The two PDF checks above on a printout with planted defects: they must report them."""
    tab.emulate_media(media="print")
    tab.goto(site.url("install.html"))
    tab.add_style_tag(content="@media print { .md-header { display: block !important; } "
                              ".md-typeset h2 { break-after: page !important; } }")
    pdf = tab.pdf(format="A4", outline=True, tagged=True)
    assert foreign_links(tab, pdf), "a printed header (logo, language switch) was not found"
    assert any(finding.startswith("H2 at the foot") for finding in lone_headings(pdf)), lone_headings(pdf)

"""axe-core with the WCAG 2.2 A and AA rules, both languages, desktop and phone."""

from __future__ import annotations

import pytest

from harness.probes import VIEWPORTS, axe_violations, every_page_of_one_language, one_page_of_each_kind

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_accessibility_violations_on_any_page(site, tab, viewport):
    """On a desktop every page of one language and a page of each kind in the others
    (probes.every_page_of_one_language: the languages' pages share templates and styles, and
    the checks keep their structure, IDs and alt texts in step on every page); on a phone one
    page of each kind (what changes at 375 px is the template's layout, not the content)."""
    tab.set_viewport_size(VIEWPORTS[viewport])
    violations = []
    pages = every_page_of_one_language(site.pages) if viewport == "desktop" else one_page_of_each_kind(site.pages)
    for page in pages:
        tab.goto(site.url(page.path), wait_until="load")
        violations += [f"{page.path} ({viewport}): {violation}" for violation in axe_violations(tab)]
    assert not violations, (
        "axe-core violations (rule (impact) at selector); fix the page, or the theme layer in "
        "overrides/ or docs/assets/stylesheets/site.css:\n" + "\n".join(violations))

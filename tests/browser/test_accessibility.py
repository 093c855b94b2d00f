"""axe-core with the WCAG 2.2 A and AA rules on every page, both languages, desktop and phone."""

from __future__ import annotations

import pytest

from browser.probes import VIEWPORTS, axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_accessibility_violations_on_any_page(site, tab, viewport):
    tab.set_viewport_size(VIEWPORTS[viewport])
    violations = []
    for page in site.pages:
        tab.goto(site.url(page.path), wait_until="load")
        violations += [f"{page.path} ({viewport}): {violation}" for violation in axe_violations(tab)]
    assert not violations, (
        "axe-core violations (rule (impact) at selector); fix the page, or the theme layer in "
        "overrides/ or docs/assets/stylesheets/site.css:\n" + "\n".join(violations))

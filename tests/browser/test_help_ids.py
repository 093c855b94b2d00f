"""Help IDs the ScanPrix program opens land on their target in a real browser: an ID that opens
a page, one that opens a heading, and a retired one of each (tests/conftest.py); every ID is
checked in the files (tests/help_ids) and over HTTP (tests/deploy/test_nginx_http.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_help_ids_land_on_their_target_in_every_language(site, tab, help_id_sample):
    published = help_id_sample(site.root)
    assert len(published) == 4, f"expected an ID of each kind in help-ids.json, found {sorted(published)}"
    problems = []
    for help_id, languages in sorted(published.items()):
        for lang, entry in languages.items():
            if not isinstance(entry, dict):
                continue  # replaced_by
            tab.goto(entry["address"])
            # The redirect is a meta refresh: wait until the browser has left the /go/ page.
            tab.wait_for_url(lambda url: "/go/" not in url, timeout=5000)
            anchor = entry["target"].partition("#")[2]
            landed = {
                "url": tab.url,
                "lang": tab.evaluate("document.documentElement.lang"),
                "anchor": not anchor or tab.evaluate("id => !!document.getElementById(id)", anchor),
            }
            if landed != {"url": entry["target"], "lang": lang, "anchor": True}:
                problems.append(f"{entry['address']}: landed {landed}, expected {entry['target']}")
    assert not problems, "help-ID addresses that do not land on their target:\n" + "\n".join(problems)

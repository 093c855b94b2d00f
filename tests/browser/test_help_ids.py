"""Every help ID the ScanPrix program may open lands on its target in a real browser."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def test_every_help_id_lands_on_its_target_in_both_languages(site, tab):
    published = json.loads((site.root / "help-ids.json").read_text(encoding="utf-8"))["ids"]
    assert published, "help-ids.json lists no IDs"
    problems = []
    for help_id, languages in sorted(published.items()):
        for lang, entry in languages.items():
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

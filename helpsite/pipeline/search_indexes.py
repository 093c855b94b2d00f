"""One search index per language.

static-i18n merges every language's pages into search/search_index.json. Each language gets its
own index under its root (search/ for German, en/search/ for English), with its own `lang`,
the pages' keywords and, in German, the parts of compounds (helpsite/search_terms.py). In the
offline bundle each index is also written as search_index.js, what Material's search loads
from file:// (its offline plugin writes one of the merged index; ours takes its place).
"""

from __future__ import annotations

import json

from helpsite.pipeline.site import Settings, Site
from helpsite.search_terms import CompoundSplitter, enrich_index

MERGED = "search/search_index.json"


def split_search_index(site: Site, settings: Settings) -> None:
    merged = json.loads(site.read_text(MERGED))
    roots = settings.langs.roots()
    foreign = tuple(root for root in roots.values() if root)
    splitter = CompoundSplitter(settings.project)
    for lang, root in roots.items():
        if root:
            docs = [dict(doc, location=doc["location"][len(root):])
                    for doc in merged["docs"] if doc["location"].startswith(root)]
        else:
            docs = [doc for doc in merged["docs"] if not doc["location"].startswith(foreign)]
        index = enrich_index({"config": dict(merged["config"], lang=[lang]), "docs": docs},
                             lang, settings.project, splitter)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        site.write(f"{root}{MERGED}", text)
        if settings.offline:
            site.write(f"{root}search/search_index.js", f"var __index = {text}")
    splitter.save()

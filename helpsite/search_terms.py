"""Words the search index adds to what Material's search plugin writes.

- Keywords: each page's front matter `keywords`, the words customers use for what the page
  answers ("Hotline", "Update", "Virenscanner"). They go into a field of their own, so they
  rank high without padding the visible text or the result previews.
- German compounds: Material's search matches the start of a word only ("Sicherung*" does not
  find "Datensicherung"). For German text we add the parts of compound nouns ("Daten",
  "Sicherung") and resolve elided compounds ("Wartungs- und Supportgebühren" is also
  "Wartungsgebühren"). The parts come from CharSplit (PyPI `compound-split`), an n-gram model
  trained on German text: no hand-made word list, and it keeps the inflected surface forms
  ("Gebühren"), which is what a prefix search needs. English is left as it is.
- Keywords run together, both languages: customers write "Email" for "E-Mail" and "pricelist"
  for "price list". Material's search splits "E-Mail" into "e" and "mail" and finds words by
  their start only, so neither finds the page. Keyword phrases of two words and hyphenated
  keywords go in run together too ("pricelist", "helpdesk", "email"); the keywords are the
  customers' words for the page, so the text's own hyphenated words are left out (joined,
  "email" of a passing "E-Mail" listed the privacy notice above the contact page). Split
  words ("Preis liste", "E Mail") need nothing: they are compound parts and hyphenated halves.
  Typos and umlauts written out are forgiven when the reader searches
  (docs/assets/javascripts/search-forgiving.js), so the index does not grow for them.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from helpsite.cache_files import write_whole
from helpsite.project import PROJECT

LETTERS = r"[^\W\d_]"
# A capitalised word long enough to be a compound noun ("Datensicherung", not "Support").
COMPOUND_CANDIDATE = re.compile(rf"\b[A-ZÄÖÜ]{LETTERS}{{7,}}\b")
# "Wartungs- und Supportgebühren", "Installations-, Update- oder Supportfragen"
ELISION = re.compile(rf"((?:\b{LETTERS}+-,?\s+(?:(?:und|oder|bzw\.|sowie)\s+)?)+)({LETTERS}{{4,}})")
MIN_SCORE = 0.6  # CharSplit's confidence below which a word is left whole (tried on these pages)
MIN_PART = 4  # "Auf", "Ein", "Aus" are prefixes, not words a customer searches for
CACHE = Path(".cache") / "compound-splits.json"


class CompoundSplitter:
    """CharSplit with an on-disk cache: its model takes seconds to load, so it is loaded only
    for words not split before (the cache lives in .cache/, like the checks' caches)."""

    def __init__(self, project: Path = PROJECT):
        self.path = project / CACHE
        try:
            self.cache: dict[str, list[str]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            self.cache = {}
        self.changed = False

    def split(self, word: str) -> list[str]:
        """[modifier, head] of a compound ('Datensicherung' -> ['Daten', 'Sicherung']), or []."""
        if word not in self.cache:
            from compound_split import char_split  # slow to load: only on a cache miss

            score, modifier, head = char_split.split_compound(word)[0]
            whole = score >= MIN_SCORE and min(len(modifier), len(head)) >= MIN_PART
            self.cache[word] = [modifier, head] if whole else []
            self.changed = True
        return self.cache[word]

    def parts(self, word: str) -> list[str]:
        """Every part of a compound, split again as long as the splitter is confident."""
        split = self.split(word)
        if not split:
            return []
        return [part for piece in split for part in [piece, *self.parts(piece)]]

    def save(self) -> None:
        if self.changed:
            write_whole(self.path, json.dumps(self.cache, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            self.changed = False


class _TextOf(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html: str) -> str:
    """The text of an index entry's HTML (the build has no BeautifulSoup: that is for the tests)."""
    return " ".join(_TextOf(html).parts)


def elided_compounds(text: str, splitter: CompoundSplitter) -> list[str]:
    """'Wartungs- und Supportgebühren' -> ['Wartungsgebühren'] (the head of the last word)."""
    found = []
    for match in ELISION.finditer(text):
        modifiers = re.findall(rf"({LETTERS}+)-", match.group(1))
        split = splitter.split(match.group(2))
        if split:
            found += [modifier + split[1].lower() for modifier in modifiers]
    return found


def german_terms(text: str, splitter: CompoundSplitter) -> list[str]:
    """Extra words for German text: elided compounds resolved, and the parts of compounds."""
    terms = elided_compounds(text, splitter)
    for word in [*COMPOUND_CANDIDATE.findall(text), *terms]:
        terms += splitter.parts(word)
    return list(dict.fromkeys(terms))  # each once, in order


# "E-Mail", "DS-GVO", "Remote-Support": words joined by hyphens, letters only.
HYPHENATED = re.compile(rf"(?<![-\w]){LETTERS}+(?:-{LETTERS}+)+(?![-\w])")
# A keyword phrase of two words ("price list", "Bildschirm teilen"), letters only. Not after a
# short word ("wie lange", "my data"): Material's prefix search for it ("wie*") would match the
# phrase run together, and list the page for every question starting with "wie".
TWO_WORDS = re.compile(rf"^{LETTERS}{{4,}} {LETTERS}+$")


def joined_keywords(keywords: list[str]) -> list[str]:
    """Keyword phrases of two words and hyphenated keywords run together: 'price list' -> 'pricelist'."""
    phrases = [keyword for keyword in keywords if TWO_WORDS.match(keyword) or HYPHENATED.fullmatch(keyword)]
    return [joined for joined in dict.fromkeys(re.sub(r"[- ]", "", phrase).lower() for phrase in phrases)
            if joined not in {keyword.lower() for keyword in keywords}]


# Languages whose compounds are split (CharSplit's German model).
COMPOUND_LANGUAGES = {"de"}
# lunr fields added to Material's (title 1000, text 1, tags 1000000). Keywords weigh a third of a title
# (measured with the customer questions, scripts/bench.py): the page whose topic the customer
# names comes before pages that mention the word in passing.
# Compound parts and words run together weigh like words of the text they come from, a little more
# than the text itself. Keyword phrases run together go there too, not with the keywords: there,
# "supportfee" and "supportrequest" made every query for "support*" count the keyword again
# (measured: "support connect to my computer" ranked the contact page above remote support).
EXTRA_FIELDS = {"keywords": {"boost": 300.0}, "parts": {"boost": 2.0}}


def page_keywords(project: Path, page: str, lang: str) -> list[str]:
    """The front matter keywords of a built page's source ('install.html' -> docs/install.<lang>.md)."""
    from helpsite import front_matter

    source = project / "docs" / f"{(page or 'index.html')[:-len('.html')]}.{lang}.md"
    return front_matter.read(source).get("keywords") or [] if source.exists() else []


def enrich_index(index: dict, lang: str, project: Path, splitter: CompoundSplitter) -> dict:
    """Material's search index for one language, with keywords, compound parts and words run
    together added."""
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        keywords = [] if anchor else page_keywords(project, page, lang)
        if keywords:
            doc["keywords"] = " ".join(keywords)
        compounds = (german_terms(f"{doc['title']} {plain_text(doc['text'])}", splitter)
                     if lang in COMPOUND_LANGUAGES else [])
        terms = list(dict.fromkeys([*compounds, *joined_keywords(keywords)]))
        if terms:
            doc["parts"] = " ".join(terms)
    index["config"]["fields"] = {**index["config"]["fields"], **EXTRA_FIELDS}
    return index

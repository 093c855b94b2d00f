"""MkDocs hook: the site's data (facts, template wording) and the authors' input rules.

- Loads data/facts.yml and data/ui-text.yml into `config.extra` for the language being
  built, so templates and the `fact()` macro read one source.
- Stops the build, naming the file, when an author's input is wrong: a page without its
  translation, a page without the language suffix, bad front matter.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
DESCRIPTION_MAX = 160
REVIEW_STATUSES = ("confirmed", "needs-review")
PAGE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PluginError(f"{path}: file missing; the site takes its facts and wording from it.")
    except yaml.YAMLError as err:
        raise PluginError(f"{path}: not valid YAML: {err}")
    if not isinstance(data, dict):
        raise PluginError(f"{path}: expected a mapping at the top level.")
    return data


def localise(value, lang: str, where: str):
    """Resolve {de: ..., en: ...} mappings to the language being built, recursively."""
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return value[lang]
        if set(value) & set(LANGUAGES):
            missing = set(LANGUAGES) - set(value)
            raise PluginError(
                f"data/facts.yml: '{where}' has wording for some languages only; "
                f"add {', '.join(sorted(missing))}."
            )
        return {k: localise(v, lang, f"{where}.{k}" if where else k) for k, v in value.items()}
    return value


def lookup(facts: dict, key: str):
    """Value at a dotted key such as 'support.phone.tel'; KeyError names the missing part."""
    value = facts
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(key)
        value = value[part]
    return value


def check_facts(facts: dict, path: Path) -> None:
    unconfirmed = facts.get("unconfirmed") or {}
    for key in unconfirmed:
        try:
            lookup(facts, key)
        except KeyError:
            raise PluginError(f"{path}: 'unconfirmed' lists '{key}', which is not a fact in the file.")

    def walk(value, where):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{where}.{k}" if where else k)
        elif value is None and where not in unconfirmed:
            raise PluginError(
                f"{path}: '{where}' has no value; list it under 'unconfirmed' so that the "
                "company confirms it, or give it a value from the source."
            )

    walk({k: v for k, v in facts.items() if k != "unconfirmed"}, "")

    email = lookup(facts, "support.email")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", str(email)):
        raise PluginError(f"{path}: support.email '{email}' is not an e-mail address.")
    phone = lookup(facts, "support.phone")
    digits = re.sub(r"\D", "", str(phone["display"]))
    if not re.fullmatch(r"\+\d{6,15}", str(phone["tel"])) or phone["tel"].lstrip("+") != digits:
        raise PluginError(
            f"{path}: support.phone.tel '{phone['tel']}' must be '+' and the digits of "
            f"support.phone.display '{phone['display']}'."
        )


def check_ui_text(ui_text: dict, path: Path) -> None:
    for lang in LANGUAGES:
        if lang not in ui_text:
            raise PluginError(f"{path}: wording for '{lang}' is missing.")
    keys = {lang: set(ui_text[lang]) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for other in LANGUAGES:
            missing = keys[other] - keys[lang]
            if missing:
                raise PluginError(
                    f"{path}: '{lang}' lacks {', '.join(sorted(missing))} (present in '{other}')."
                )


@event_priority(-110)  # after static-i18n (-100) has set theme.language for this build
def on_config(config: MkDocsConfig):
    root = project_dir(config)
    facts_path = root / "data" / "facts.yml"
    ui_path = root / "data" / "ui-text.yml"
    facts = load_yaml(facts_path)
    check_facts(facts, facts_path)
    ui_text = load_yaml(ui_path)
    check_ui_text(ui_text, ui_path)

    lang = config.theme.get("language") or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise PluginError(f"mkdocs.yml: language '{lang}' is not one of {LANGUAGES}.")
    config.extra["facts"] = localise(facts, lang, "")
    config.extra["facts_source"] = facts  # both languages, for checks that compare them
    config.extra["ui"] = ui_text[lang]
    config.extra["lang"] = lang
    # Path of this language's root below the site root: "" for German, "en/" for English.
    config.extra["lang_root"] = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return config


def check_translations(files: Files, docs_dir: str) -> None:
    pages: dict[str, set[str]] = {}
    for file in files.documentation_pages():
        name = Path(file.src_uri)
        match = PAGE_NAME.match(name.name)
        if not match or match["lang"] not in LANGUAGES:
            raise PluginError(
                f"docs/{file.src_uri}: page names end in .de.md or .en.md "
                f"(rename it, and write the other language's file next to it)."
            )
        stem = str(name.with_name(match["stem"]))
        pages.setdefault(stem, set()).add(match["lang"])
    for stem, langs in sorted(pages.items()):
        for lang in LANGUAGES:
            if lang not in langs:
                have = sorted(langs)[0]
                raise PluginError(
                    f"docs/{stem}.{lang}.md is missing: every page exists in German and English. "
                    f"Translate docs/{stem}.{have}.md into that file."
                )


@event_priority(100)  # before static-i18n rearranges the files
def on_files(files: Files, config: MkDocsConfig):
    check_translations(files, config.docs_dir)
    return files


def check_front_matter(page: Page, markdown: str) -> None:
    where = f"docs/{page.file.src_uri}"
    meta = page.meta
    if markdown.lstrip().startswith("---") and "title" not in meta:
        # MkDocs silently ignores front matter it cannot parse.
        raise PluginError(
            f"{where}: front matter is not valid YAML (a value with ': ' needs quotes)."
        )
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise PluginError(f"{where}: front matter needs 'title: ...' (the page title).")
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise PluginError(
            f"{where}: front matter needs 'description: ...' (one sentence for search engines)."
        )
    if len(description) > DESCRIPTION_MAX:
        raise PluginError(
            f"{where}: description has {len(description)} characters; shorten it to at most "
            f"{DESCRIPTION_MAX}."
        )
    review = meta.get("review")
    if not isinstance(review, dict) or review.get("status") not in REVIEW_STATUSES:
        raise PluginError(
            f"{where}: front matter needs 'review:' with 'status: confirmed' or "
            "'status: needs-review' and, for needs-review, 'notes:' listing what the company "
            "has to confirm."
        )
    notes = review.get("notes") or []
    if review["status"] == "needs-review" and not notes:
        raise PluginError(f"{where}: review status is needs-review but 'notes:' is empty.")
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise PluginError(f"{where}: review notes must be a list of sentences.")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files):
    check_front_matter(page, markdown)
    return markdown

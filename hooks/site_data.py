"""MkDocs hook: the site's data for the templates, and the authors' input rules.

- Puts data/facts.yml and data/ui-text.yml into `config.extra` for the language being built,
  so the templates read the one source (pages use the macros of hooks/page_macros.py), the
  editor's marks of the facts not confirmed yet (`config.extra.marks`; none in a release), and
  gives the templates the support's e-mail and phone links (email_link, phone_link), the same
  markup the pages' macros write.
- Stops the build, naming the file, when an author's input is wrong: a page without its
  translation, a page without a language suffix, bad front matter, bad facts, a problem in the
  help-ID registry (helpsite/), before any page is rendered. (Whether each help ID's heading
  exists is known only of the built page: the post-build pipeline checks that.)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpsite import facts as site_facts, front_matter, help_ids, marks
from helpsite.generator import project_of, reported
from helpsite.project import SOURCE_NAME, InputError, languages


@event_priority(-110)  # after static-i18n (-100) has set theme.language for this build
@reported
def on_config(config: MkDocsConfig):
    project = project_of(config)
    langs = languages(project)
    facts = site_facts.load_facts(project)
    ui_text = site_facts.load_ui_text(project)
    help_ids.load_registry(project)
    lang = config.theme.get("language") or langs.default
    if lang not in langs.codes:
        raise InputError(f"mkdocs.yml: theme language '{lang}' is not one of the i18n languages {langs.codes}.")
    config.extra["facts"] = site_facts.localise(facts, lang, langs)
    config.extra["ui"] = ui_text[lang]
    if config.extra.get("release") and config.extra.get("preview"):
        raise InputError("RELEASE=true and PREVIEW=true: a build is a release or a preview, not both.")
    config.extra["marks"] = {} if config.extra.get("release") else marks.template_marks(
        facts, lang, langs.codes, ui_text[lang][marks.WORDING_KEY])
    config.extra["lang"] = lang
    config.extra["lang_root"] = langs.root(lang)  # "" for the default language, "en/" for English
    return config


def on_env(env, config: MkDocsConfig, files: Files):
    facts = config.extra["facts"]
    env.globals["email_link"] = lambda subject=None, text=None: site_facts.email_link(facts, subject, text)
    env.globals["phone_link"] = lambda: site_facts.phone_link(facts)
    return env


def check_translations(files: Files, langs) -> None:
    pages: dict[str, set[str]] = {}
    suffixes = " or ".join(f".{lang}.md" for lang in langs.codes)
    for file in files.documentation_pages():
        name = Path(file.src_uri)
        match = SOURCE_NAME.match(name.name)
        if not match or match["lang"] not in langs.codes:
            raise InputError(f"docs/{file.src_uri}: page names end in {suffixes} (rename it, and write "
                             "the other languages' files next to it).")
        pages.setdefault(str(name.with_name(match["stem"])), set()).add(match["lang"])
    for stem, have in sorted(pages.items()):
        for lang in langs.codes:
            if lang not in have:
                raise InputError(f"docs/{stem}.{lang}.md is missing: every page exists in every language "
                                 f"({', '.join(langs.codes)}). Translate docs/{stem}.{sorted(have)[0]}.md into that file.")


@event_priority(100)  # before static-i18n rearranges the files
@reported
def on_files(files: Files, config: MkDocsConfig):
    check_translations(files, languages(project_of(config)))
    return files


@reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files):
    if page.file.generated_by:  # the review page (hooks/review_page.py): not an author's page
        return markdown
    front_matter.check(page.meta, markdown, f"docs/{page.file.src_uri}")
    return markdown

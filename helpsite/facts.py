"""data/facts.yml (every fact the site states) and data/ui-text.yml (the templates' wording).

A value that reads differently per language is a mapping with one key per language. Every fact
is named in one of the lists `source`, `confirmed` (who and when) or `unconfirmed`
(helpsite/confirmation.py); a fact the source does not state is null and listed under `unconfirmed`.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import quote

import yaml

from helpsite.confirmation import FACT_LISTS, fact_list_problems
from helpsite.confirmation import fact_value as lookup  # noqa: F401  (value at a dotted key: hooks/page_macros.py)
from helpsite.project import PROJECT, InputError, Languages, languages, load_yaml_text

FACTS = Path("data") / "facts.yml"
UI_TEXT = Path("data") / "ui-text.yml"


def load_yaml(path: Path) -> dict:
    try:
        data = load_yaml_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: file missing; the site takes its facts and wording from it.")
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML: {err}")
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping at the top level.")
    return data


def load_facts(project: Path = PROJECT) -> dict:
    """data/facts.yml, checked (see check_facts), with the values of every language."""
    facts = load_yaml(project / FACTS)
    check_facts(facts, languages(project))
    return facts


def load_ui_text(project: Path = PROJECT) -> dict:
    ui_text = load_yaml(project / UI_TEXT)
    check_ui_text(ui_text, languages(project))
    return ui_text


def localise(value, lang: str, langs: Languages, where: str = ""):
    """Resolve {de: ..., en: ...} mappings to one language, recursively."""
    if isinstance(value, dict):
        keys = set(value)
        if keys == set(langs.codes):
            return value[lang]
        if keys & set(langs.codes):
            missing = sorted(set(langs.codes) - keys)
            raise InputError(f"{FACTS}: '{where}' has wording for some languages only; add {', '.join(missing)}.")
        return {k: localise(v, lang, langs, f"{where}.{k}" if where else k) for k, v in value.items()}
    return value


def null_facts(facts: dict) -> list[str]:
    """Dotted keys of the facts without a value (per-language mappings count as one fact)."""
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else key)
        elif value is None:
            found.append(where)

    walk({k: v for k, v in facts.items() if k not in FACT_LISTS}, "")
    return found


def check_facts(facts: dict, langs: Languages) -> None:
    """The build's rules for data/facts.yml; InputError names what is wrong."""
    for _where, problem in fact_list_problems(facts, langs.codes):
        raise InputError(f"{FACTS}: {problem}")
    for lang in langs.codes:
        localise(facts, lang, langs)  # every per-language value has every language

    email = lookup(facts, "support.email")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", str(email)):
        raise InputError(f"{FACTS}: support.email '{email}' is not an e-mail address.")
    phone = lookup(facts, "support.phone")
    digits = re.sub(r"\D", "", str(phone["display"]))
    if not re.fullmatch(r"\+\d{6,15}", str(phone["tel"])) or phone["tel"].lstrip("+") != digits:
        raise InputError(f"{FACTS}: support.phone.tel '{phone['tel']}' must be '+' and the digits of "
                         f"support.phone.display '{phone['display']}'.")


def check_ui_text(ui_text: dict, langs: Languages) -> None:
    for lang in langs.codes:
        if lang not in ui_text:
            raise InputError(f"{UI_TEXT}: wording for '{lang}' is missing.")
    for lang in langs.codes:
        for other in langs.codes:
            missing = set(ui_text[other]) - set(ui_text[lang])
            if missing:
                raise InputError(f"{UI_TEXT}: '{lang}' lacks {', '.join(sorted(missing))} (present in '{other}').")


# --- Contact links: the one markup of the support e-mail and phone, for pages (hooks/page_macros.py)
# and templates (overrides/, as Jinja globals from hooks/site_data.py).

def email_link(facts: dict, subject: str | None = None, text: str | None = None) -> str:
    """<a href="mailto:..."> to the support address; text defaults to the address."""
    email = lookup(facts, "support.email")
    href = f"mailto:{email}" + (f"?subject={quote(subject)}" if subject else "")
    return f'<a href="{escape(href)}">{escape(text or email)}</a>'


def phone_link(facts: dict) -> str:
    """<a href="tel:..."> to the support phone, shown as the source writes the number."""
    phone = lookup(facts, "support.phone")
    return f'<a href="tel:{escape(phone["tel"])}">{escape(phone["display"])}</a>'

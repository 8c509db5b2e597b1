"""The language of a web request, and the templates that speak it.

A request is answered in the language of its ``?lang=`` parameter (remembered in a cookie),
else of that cookie, else the best match of the browser's ``Accept-Language`` header, else
English. Each language has its own Jinja environment with ``jinja2.ext.i18n`` and the
formatting filters of :func:`whoknows.i18n.install_jinja`, plus the words of the pages: roles,
claim states, holder states, milestone statuses and stances.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from whoknows.i18n import LANGUAGES, N_, Translator, install_jinja, negotiate, translator
from whoknows.report import words
from whoknows.text import safe_url
from whoknows.vocab import (
    AUDIT_WORDS,
    CREDIT_WORDS,
    GROUP_WORDS,
    JOB_WORDS,
    KIND_WORDS,
    ROLE_WORDS,
    UserRole,
    job_lines,
    lacked_words,
)

if TYPE_CHECKING:
    from whoknows.services.results import FeatureValue

COOKIE = "whoknows_lang"
COOKIE_DAYS = 365
TEMPLATE_DIR = Path(__file__).parent / "templates"
# each language named in itself, for the language switch
NAMES = {"en": "English", "fr": "Français"}
ROLES: dict[str, str] = {
    UserRole.ADMIN: N_("admin"),
    UserRole.CONSULTANT: N_("consultant"),
    UserRole.VIEWER: N_("viewer"),
    UserRole.SELF: N_("self"),
}


def chosen(request: Request) -> str:
    """The language of ``request``: ?lang=, the cookie, Accept-Language, English."""
    for asked in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if asked in LANGUAGES:
            return str(asked)
    return negotiate(request.headers.get("accept-language"))


def translation(request: Request) -> Translator:
    """The translator of the request's language, looked up once per request."""
    if hasattr(request.state, "translator"):
        found: Translator = request.state.translator
        return found
    found = request.state.translator = translator(chosen(request))
    return found


def remember(request: Request, response: Response) -> None:
    """Keep a language picked with ?lang= for the next pages."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE, str(asked), max_age=COOKIE_DAYS * 86400, samesite="lax", httponly=True
        )


def switches(request: Request) -> list[tuple[str, str, str]]:
    """(code, name, link) of the other languages: this page with ?lang= set."""
    current = translation(request).lang
    found = []
    for code in LANGUAGES:
        if code != current:
            query = request.url.include_query_params(lang=code).query
            found.append((code, NAMES[code], f"{request.url.path}?{query}"))
    return found


def _words(environment: Environment, t: Translator) -> None:
    def word(table: dict[str, str]) -> object:
        return lambda value: t.gettext(table[value]) if value in table else value

    def head_count(value: str) -> str:
        """An aggregate's count of people: "12" or "fewer than 5" (services/aggregates.py)."""
        if value.isdigit():
            return words.people(t, int(value))
        k = value.removeprefix("fewer than ")
        return t.gettext("fewer than %(k)s people") % {"k": k}

    def feature_rows(features: list[FeatureValue]) -> Markup:
        """A score's feature table rows, made in one pass (260 a search page: a fifth of its
        rendering when the template formatted each value)."""
        number = t.format_number
        return Markup(
            "".join(
                [
                    f"<tr><th>{escape(f.name)}</th><td>{escape(number(f.value, 3))}</td></tr>"
                    for f in features
                ]
            )
        )

    environment.filters.update(
        feature_rows=feature_rows,
        head_count=head_count,
        groups_not_shown=lambda value: _groups_not_shown(t, value),
        role=word(ROLES),
        part=word(ROLE_WORDS),  # a person's part in an item: "answered", "a répondu"
        kind=word(KIND_WORDS),  # a kind of item: "answer", "réponse"
        credit=word(CREDIT_WORDS),  # how a document's writer was known
        group=word(GROUP_WORDS),  # a department or location: "unknown", "inconnu"
        audit_action=word(AUDIT_WORDS),
        job_word=lambda value: t.pgettext("job", value) if value in JOB_WORDS else value,
        job_lines=lambda value: job_lines(t, str(value)),
        claim_state=lambda value: words.claim_state(t, value),
        status=lambda value: words.status(t, value),
        stance=lambda value: words.stance(t, value),
        safe_url=safe_url,  # every URL from data passes the allow-list
        joined=_joined,
    )
    environment.globals.update(
        measured=lambda m: words.measured(t, m.kind, m.value, m.target),
        # a milestone's criterion; ``topic``: its skill as the page names it
        criterion=lambda m, topic=None: words.criterion(t, m.kind, m.target, topic or m.skill),
        people=lambda count: words.people(t, count),
        lacked=lambda missing: lacked_words(t, missing),  # ("their evidence lacks: oss and vat")
        person_state=lambda active, left: words.person_state(t, active, left),
    )


def _groups_not_shown(t: Translator, value: str) -> str:
    """How many smaller groups an aggregate leaves out: "7" or "fewer than 5" (one group
    alone is never told: services/aggregates.py)."""
    if value.isdigit():
        count = int(value)
        return t.ngettext(
            "%(num)s smaller group is not shown.", "%(num)s smaller groups are not shown.", count
        ) % {"num": t.format_number(count)}
    k = value.removeprefix("fewer than ")
    return t.gettext("Smaller groups are not shown (fewer than %(k)s of them).") % {"k": k}


def _joined(values: list[str | None], separator: str) -> str:
    """The values that are set, joined: a title and a department, "Engineer, Platform"."""
    return separator.join(value for value in values if value)


@cache
def templates(lang: str) -> Jinja2Templates:
    """The page templates in one language."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # the templates ship with the package: no stat() per render
    )
    environment.policies["ext.i18n.trimmed"] = True  # as the catalogue extracts them
    t = translator(lang)
    install_jinja(environment, t)
    _words(environment, t)
    return Jinja2Templates(env=environment)

"""What kind of page a document or a wiki page is, where its kind says that its writers did
not write what they know. Two strengths:

- a kind that leaves no doubt gives the writers another part: a page of links, one collected
  from elsewhere or a publisher's page pasted in (so titled, "Ingress | Kubernetes" with its
  documentation notice, "(documentation ABB)", "Extrait du manuel …") passes others' writing
  on; a roadmap, a hiring plan, a budget, an agenda, a note de cadrage or a decision log that
  tells nothing to act on names subjects without telling them (``adviser``); a page of its
  writer's own questions asks; a template is a form to fill;
- a kind that may also be an expert's (a meeting's record, a status report, a glossary, a
  "plan for 2025", a reminder) keeps its writers as authors at :data:`OVERVIEW_WEIGHT`, and
  only when it tells nothing to act on: a design review's notes that give the settings stay
  their writer's (an attacker's "Meeting notes: orders consumer design review" had made its
  expert vanish), a scribe's notes weigh little.

The docs and Confluence connectors read every page by these rules; mail and chat read a
message's subject or opening label by :func:`reminds` (first messages and replies alike)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from whoknows.ingest._digests import digest
from whoknows.ingest._events import announces_event
from whoknows.ingest._markup import html_links_only
from whoknows.ingest._minutes import kept_by_a_scribe, minutes, records_others
from whoknows.ingest._owner_tables import tracks_others
from whoknows.ingest._quoted import copy_declared
from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._title_genres import glossary, may_plan, plans, reviews
from whoknows.ingest._vague import names_something
from whoknows.records import Contribution, ItemRecord
from whoknows.vocab import ContributionRole

_WORD = re.compile(r"\w+")

# a page that says its content is others' ("Answers collected from Slack for the support
# team", "Réponses reprises du canal #infra")
_COLLECTED = re.compile(
    r"^\W*(?:[^.:\n]{0,40}:\s*)?(?:[\w-]+ ){0,2}(?:answers?|replies|questions?|messages?|"
    r"threads?|tips|snippets|notes|réponses?|astuces|échanges)(?: [\w-]+){0,3} (?:collected|"
    r"compiled|copied|pasted|gathered|reposted|taken|reprises?|recopiées?|collectées?|"
    r"copiées?|compilées?|rassemblées?) (?:here )?(?:from|depuis|de|du|des)\b|"
    r"^\W*(?:reposted|copied|pasted|taken|repris|recopié|copié)e?s? (?:here )?"
    r"(?:from|de|du|depuis)\b|^\W*extrait (?:du|d['’]un|de la|d['’]une) (?:fil|canal|thread|"
    r"discussion|conversation|échange)\b|"
    r"^\W*source\s*:\s*(?:slack|teams|stack ?overflow|#|le canal|the channel|mattermost)",
    re.IGNORECASE,
)


def collected(text: str) -> bool:
    """Whether a page says its content was collected from elsewhere (``_COLLECTED``)."""
    return _COLLECTED.match(text) is not None


# a publisher's page pasted in, so titled ("Codes défaut ACS880 (documentation ABB)",
# "Diagnostic S7-1500 (extrait documentation Siemens)", "(Kafka documentation)"), opening so
# ("Extrait du manuel système SIMATIC", "Excerpt from the Kafka documentation"), or a web
# page's title ("Consumer Configs | Apache Kafka") over a documentation's notice in its last
# lines ("Copyright © 2024 The Kubernetes Authors", "Documentation distributed under CC BY");
# a runbook that cites a manual or quotes a licence in its body is its writer's
_PUBLISHED_TITLE = re.compile(
    r"\((?:extrait (?:de (?:la )?)?)?(?:documentation|manuel|manual) (?-i:[A-Z])\w*\)|"
    r"\((?-i:[A-Z])\w* (?:documentation|manual)\)|\((?:extrait|excerpt)\b|"
    # a documentation site's page title ("Consumer configs | Acme Docs")
    r"\|\s*(?:[\w.&-]+\s+){0,3}(?:docs|documentation|manual|help center|knowledge base)\s*$",
    re.IGNORECASE,
)
_EXCERPT_OPENING = re.compile(
    r"^\W*(?:extrait|excerpt|extract) (?:de la |du |d['’]un |from the |of the |from )?"
    r"(?:documentation|doc|manuel|manual|notice|datasheet|fiche technique|guide)\b",
    re.IGNORECASE,
)
_WEB_TITLE = re.compile(r"\S\s+\|\s+(?:[\w.-]+\s*){1,4}$")
# a title that says its page comes from elsewhere: over a publisher's notice, theirs
# ("Schöck Isokorb® – documentation technique", "Eurocode 2 – extrait §8.4 …")
_SOURCED_TITLE = re.compile(
    r"[®™]|\b(?:extrait|excerpt|datasheet|fiche technique|notice (?:de pose|d['’]utilisation))\b",
    re.IGNORECASE,
)
# a notice that the page reproduces another's text ("NF EN 1992-1-1:2005 – reproduit à des
# fins de formation interne", "Reproduced with permission of ASTM")
_REPRODUCED = re.compile(  # (a text's: a standard's, a publisher's; not "photos reproduites …")
    r"\b(?:NF|EN|ISO|IEC|DTU|ASTM|AFNOR|norme|standard|texte|text|extrait|excerpt)\b[^\n]{0,60}?"
    r"\breprodu(?:it|ite|its|ites|ced)\b[^\n]{0,40}?\b(?:[àa] des fins|avec (?:l['’])?"
    r"autorisation|pour (?:usage|un usage|la formation)|for (?:internal|training|educational)|"
    r"with (?:the )?(?:kind )?permission|by permission)",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)[^.\n]{0,80}?\b(?:authors|contributors|foundation|"
    r"global development group)\b|(?:©|\(c\)|\bcopyright\b)[^\n]{0,80}?\b(?:all rights "
    r"reserved|tous droits r[ée]serv[ée]s|alle rechte vorbehalten)\b|"
    r"\bdocumentation (?:is )?(?:distributed|licensed|available|published) under\b|"
    r"\blicensed under (?:the )?(?:apache license|creative commons|cc[ -]by)|"
    r"\b(?:sous|under) (?:la )?licen[cs]e (?:creative commons|cc[ -]by|apache)\b|"
    r"\bcc[ -]by(?:-(?:sa|nc|nd))*\s+[1-4]\.0\b",
    re.IGNORECASE,
)
NOTICE_LINES = 3  # (a footer: the page's last lines)


def published_elsewhere(title: str, text: str) -> bool:
    """Whether a page is a publisher's, pasted in (see ``_PUBLISHED_TITLE``): its poster
    passed it on (a fresh evaluator's colleague who pasted Kubernetes' and Kafka's pages
    into the wiki was third for TLS certificates and on-call)."""
    lines = [line for line in text.splitlines() if line.strip()]
    footer = "\n".join(lines[-NOTICE_LINES:])
    return bool(
        _PUBLISHED_TITLE.search(title)
        or (lines and (_EXCERPT_OPENING.match(lines[0]) or copy_declared(lines[0], text)))
        or ((_WEB_TITLE.search(title) or _SOURCED_TITLE.search(title)) and _NOTICE.search(footer))
        or _REPRODUCED.search(footer)
    )


# a template: placeholders to fill ("ADR NNNN: <title>", "<What is the issue …?>", "[À
# compléter]", "JJ/MM/AAAA"), so many that they hold a quarter of its words at least (a
# runbook's "kubectl logs <pod> -n <namespace>" is no template); or so titled ("Postmortem
# template", "Trame de post-mortem"; not "Use one Jinja template per invoice layout" nor
# "Modèle de données", a data model)
_PLACEHOLDER = re.compile(
    r"<(?![/?!])[^<>\n=/]{2,}>|\bN{3,}\b|\bX{3,}\b|\{\{[^}]*\}\}|\[(?:à compléter|a completer|"
    r"to be completed|to complete|tbd|todo|your [^\]]{1,30}|votre [^\]]{1,30})\]|\b(?:JJ/MM/AAAA|"
    r"DD/MM/YYYY|YYYY-MM-DD|MM/DD/YYYY|AAAA-MM-JJ)\b",
    re.IGNORECASE,
)
_TEMPLATE_TITLE = re.compile(
    r"^\W*(?:template|gabarit|boilerplate)\b|"
    r"^\W*trame (?:de |d['’])(?:compte[- ]rendu|post-?mortem|runbook|r[ée]union|rapport|"
    r"note|fiche|proc[ée]dure|page|document)\b|^\W*(?:[\w-]+\s+){0,2}(?:page|document|runbook|"
    r"post-?mortem|adr|notes?|rfc|form|checklist) (?:template|gabarit)\W*$|"
    r"^\W*mod[èe]le (?:de |d['’])(?:compte[- ]rendu|post-mortem|postmortem|runbook|adr|rapport|"
    r"fiche|page|document|courriel|mail)\b",
    re.IGNORECASE,
)
TEMPLATE_PLACEHOLDERS = 3
TEMPLATE_SHARE = 0.25  # of a document's words inside its placeholders
# a field left blank: a label, a colon, then a blank or a choice to tick ("Limite critique :
# ____________", "Date : ___/___/____", "CCP : oui / non"); not a table of contents' "3.
# Pasteurisation ........ 3", a decision tree's "… ? oui / non" nor "use ____private names"
_FIELD = re.compile(
    r"[^\W\d_][^:：_\n]{0,60}?[:：]\s*(?:(?:_{3,}[/ ]*)+|\.{8,}|…{3,}|"
    r"(?:oui|yes)\s*/\s*(?:non|no)\b)",
    re.IGNORECASE,
)
# (a choice alone is no form: "PermitRootLogin : yes / no → no")
_LEFT_BLANK = re.compile(r"_{3}|\.{8}|…{3}")
FORM_FIELDS = 3  # fields left blank of a form, at least
FORM_WORDS = 2  # words besides its fields' labels, at most, per field


def template(title: str, text: str) -> bool:
    """Whether a document (its ``title`` and ``text``) is a template to fill: so titled
    ("Runbook template", "Modèle de compte rendu"), mostly placeholders ("ADR NNNN: <title>",
    "<What is the issue?>"), or mostly fields left blank ("Danger : ____", a form: few words
    besides their labels)."""
    placeholders = _PLACEHOLDER.findall(f"{title}\n{text}")
    held = sum(len(_WORD.findall(placeholder)) for placeholder in placeholders)
    words = len(_WORD.findall(f"{title}\n{text}"))
    found = _FIELD.findall(text)
    fields, blanks = len(found), sum(1 for field in found if _LEFT_BLANK.search(field))
    besides = len(_WORD.findall(_FIELD.sub(" ", text)))
    return (
        bool(_TEMPLATE_TITLE.search(title))
        or (len(placeholders) >= TEMPLATE_PLACEHOLDERS and held >= TEMPLATE_SHARE * words)
        or (blanks >= FORM_FIELDS and besides <= FORM_WORDS * fields)
    )


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
QUESTIONS = 3
QUESTIONS_SHARE = 0.6  # (a FAQ, a question then its answer, is half questions)


def mostly_questions(text: str) -> bool:
    """Whether a page is its writer's questions ("Mes questions en suspens": three or more,
    and most of its sentences, naming no setting and telling nothing to do): it asks, as a
    thread's opener does; a triage checklist of questions with what to check is no such."""
    sentences = [s for s in _SENTENCE.split(text) if _WORD.search(s)]
    asked = sum(1 for s in sentences if s.rstrip().endswith("?"))
    return asked >= QUESTIONS and asked >= QUESTIONS_SHARE * len(sentences) and not _tells(text)


OVERVIEW_WEIGHT = 0.3  # (a page that may tell or only name: its writers' weight, at most)


@dataclass(frozen=True)
class Kind:
    """The part a page's kind gives its writers: another ``role`` (None: they stay authors),
    or their contribution's ``weight`` at most."""

    role: ContributionRole | None = None
    weight: float = 1.0


def page_kind(
    title: str, text: str, *, links: bool = False, writers: tuple[str, ...] = ()
) -> Kind | None:
    """What a page's kind says of its writers, None for a page its writers wrote: ``editor``
    of a template; ``referrer`` of a page of links (``links``), of one collected from
    elsewhere or of a publisher's page pasted in; ``asker`` of a page of questions;
    ``adviser`` of a plan; authors at :data:`OVERVIEW_WEIGHT` of a page that may tell or only
    name (a meeting's record, a status report, a glossary, a reminder) and tells nothing to
    act on."""
    if template(title, text):
        return Kind(ContributionRole.EDITOR)
    if links or collected(text) or published_elsewhere(title, text):
        return Kind(ContributionRole.REFERRER)
    if mostly_questions(text):
        return Kind(ContributionRole.ASKER)
    if plans(title) and not _tells(text):  # (a charter that gives the settings is a design)
        return Kind(ContributionRole.ADVISER)
    if announces_event(title, text):  # (a training's page: its programme is its trainer's)
        return Kind(ContributionRole.ADVISER)
    overview = may_plan(title) or glossary(title) or minutes(title, text)
    reviewed = reviews(title) and not (instructs(text) or explains(text))
    if (
        (overview and not _tells(text))
        or reviewed
        or reminds(title, text)
        or records_others(title, text, writers)
        or tracks_others(text, writers)
        or kept_by_a_scribe(title, text, writers)
    ):
        return Kind(weight=OVERVIEW_WEIGHT)
    return None


def _tells(text: str) -> bool:
    """Whether a text tells something to act on: a step, a cause, a setting (a design review's
    notes that say "cooperative-sticky, max.poll.interval.ms at 600000" are their writer's);
    not that something was fixed or shipped (a CTO's weekly update: "root cause found and
    fixed by Camille", "migrated to the new Stripe API version")."""
    return instructs(text) or explains(text) or names_something(text)


def as_written(kind: Kind | None, contributions: list[Contribution]) -> list[Contribution]:
    """The writers' contributions as the page's ``kind`` reads them."""
    if kind is None:
        return contributions
    return [
        replace(c, role=kind.role or c.role, weight=min(c.weight, kind.weight))
        if c.role == ContributionRole.AUTHOR
        else c
        for c in contributions
    ]


def passed_on(roles: list[Contribution], markup: str, text: str) -> list[Contribution]:
    """A page's roles, its authors referrers when it is a page of links (read from its storage
    or HTML ``markup``, which its collection no longer has); the rest of its kind is read
    with its collection (:func:`as_its_kind`), once the boilerplate is gone."""
    if not (markup and html_links_only(markup, text)):
        return roles
    return as_written(Kind(ContributionRole.REFERRER), roles)


def as_its_kind(record: ItemRecord) -> tuple[ItemRecord, Kind | None]:
    """A page and what its kind says of its writers (:func:`page_kind`; None: as written),
    once its collection's boilerplate is gone (a notice on every page is the house's own)."""
    writers = tuple(
        c.person.name or (c.person.email or "").split("@")[0].replace(".", " ")
        for c in record.contributions
        if c.role == ContributionRole.AUTHOR
    )
    kind = page_kind(record.title or "", record.text, writers=writers)
    if kind is None:
        return record, None
    return replace(record, contributions=as_written(kind, record.contributions)), kind


# a mail that reminds or frames ("Relance : contrôle US", "Rappel : audit IATF", "Friendly
# reminder: timesheets", "Note de cadrage – GMAO"): what it names is to be done by others
_REMINDER_SUBJECT = re.compile(
    r"^\W*(?:(?:re|tr|fw|fwd)\s*:\s*)*(?:(?:petite? |nouvelle |derni[eè]re )?(?:relance|rappel)|"
    r"(?:[\w-]+ )?reminder|heads[- ]up|fyi|pour info(?:rmation)?)\b(?:[^:\n]{0,30}\s:|\s*[:–—-]|"
    r"\s+n°|\s*$)",
    re.IGNORECASE,
)


REMINDER_WORDS = 80  # (a reminder that says this much explains: "Rappel : procédure …")
_LABEL = re.compile(r"^\W*([^:\n]{3,40}?)\s*:\s")


def reminds(subject: str, text: str) -> bool:
    """Whether a first message reminds or frames (by its subject or the label it opens with:
    a reminder, a chase, a plan's or a meeting's record's title) and tells nothing to act on (no
    step, fix or identifier, in fewer than :data:`REMINDER_WORDS` words: an expert's "Rappel :
    procédure de consignation. 1. Couper Q1 …" teaches); a periodic digest (:func:`digest`)
    frames whatever figures its entries hold."""
    if digest(subject, text):
        return True
    label = _LABEL.match(text)  # ("Note de cadrage : …", "Rappel : …" opening a message)
    said = [subject, label.group(1) if label else ""]
    if not any(_REMINDER_SUBJECT.search(s) or plans(s) or minutes(s, "") for s in said if s):
        return False
    return len(_WORD.findall(text)) < REMINDER_WORDS and not _tells(text)


def frames_others(subject: str, text: str, writer: str) -> bool:
    """Whether a message reminds or frames (:func:`reminds`), or records a meeting: one that
    says what others do (:func:`whoknows.ingest._minutes.records_others`), or tells nothing
    to act on, as a page's record."""
    return (
        reminds(subject, text)
        or records_others(subject, text, (writer,))
        or (minutes(subject, text) and not _tells(text))  # ("PV CPPT", mailed by its scribe)
    )

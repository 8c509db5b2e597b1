"""What kind of page a document or a wiki page is, where its kind says that its writers did
not write what they know: a page of links or one collected from elsewhere passes others'
writing on, and so does a publisher's page pasted in ("Ingress | Kubernetes", "Copyright ©
2024 The Kubernetes Authors"); a roadmap, a hiring plan or a glossary names subjects without
telling them; a template is a form to fill. The docs and Confluence connectors read every
page by these rules."""

from __future__ import annotations

import re
from dataclasses import replace

from whoknows.ingest._markup import html_links_only
from whoknows.ingest._requests import instructs, offers_fix
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


# a publisher's page pasted in: the notice of a project's or a foundation's documentation
# ("Copyright © 2024 The Kubernetes Authors", "© 2017-2024 The Apache Software Foundation",
# "Documentation distributed under CC BY 4.0", "sous licence Creative Commons"); a company's own
# footer ("© 2024 Acme SA. Tous droits réservés") is no publisher's, and a notice that the
# collection repeats on half its pages is its own boilerplate, gone before this is read
_PUBLISHED = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)[^.\n]{0,80}?\b(?:authors|contributors|foundation|"
    r"global development group|project authors)\b|"
    r"\bdocumentation (?:is )?(?:distributed|licensed|available|published) under\b|"
    r"\blicensed under (?:the )?(?:apache license|creative commons|cc[ -]by)|"
    r"\b(?:sous|under) (?:la )?licen[cs]e (?:creative commons|cc[ -]by|apache)\b|"
    r"\bcc[ -]by(?:-(?:sa|nc|nd))*\s+[1-4]\.0\b|"
    # a vendor's manual, so said ("Codes défaut ACS880 (documentation ABB)", "Extrait du
    # manuel système SIMATIC S7-1500", "Excerpt from the Kafka documentation")
    r"\b(?:extrait|excerpt|extract|copied) (?:de la |du |d['’]un |from the |of the |from )?"
    r"(?:documentation|doc|manuel|manual|notice|datasheet|fiche technique|guide)\b|"
    r"\((?:extrait (?:de (?:la )?)?)?(?:documentation|manuel|manual) (?-i:[A-Z])\w*\)|"
    r"\((?-i:[A-Z])\w* (?:documentation|manual)\)",
    re.IGNORECASE,
)


def published_elsewhere(text: str) -> bool:
    """Whether a page carries a published documentation's notice (``_PUBLISHED``): its
    poster pasted it in, and passed it on (a fresh evaluator's colleague who pasted
    Kubernetes' and Kafka's pages into the wiki was third for TLS certificates and on-call)."""
    return _PUBLISHED.search(text) is not None


# a page that plans rather than tells: a roadmap, OKRs, a company's strategy or vision ("Product
# roadmap Q2", "Stratégie technique 2026"); not a subject's strategy ("Backup strategy")
_PLANNING = re.compile(
    r"\b(?:road ?map|feuille de route|okrs?|objectives and key results|(?:technical|technology|"
    r"product|engineering|tech|company|it) strategy|strat[ée]gie (?:technique|produit|"
    r"d['’]entreprise|informatique|si|it)|vision \d{4}|(?:quarterly|annual) (?:goals|priorities|"
    r"plan)|priorit(?:ies|[ée]s) (?:q[1-4] )?\d{4}|plan (?:for|de) (?:q[1-4]|\d{4}))\b|"
    # a team's principles, its values ("Engineering principles", "Principes d'architecture");
    # not a subject's ("Design principles of the ledger service")
    r"^\W*(?:our\s+)?(?:engineering|architecture|design|team|tech(?:nical|nology)?|coding)\s+"
    r"principles\b(?!\s+(?:of|for)\b)|^\W*(?:nos\s+)?principes\s+(?:d['’]ing[ée]nierie|"
    r"d['’]architecture|de conception|techniques)\b(?!\s+(?:du|de la|des)\b)|"
    # whom to hire or train, what to spend, what a meeting will discuss: the skills and
    # subjects it names are wanted, not held ("Hiring plan 2024: two SREs, one with Kubernetes")
    r"\b(?:hiring|recruiting|recruitment|staffing|headcount|onboarding) plans?\b|"
    r"\btraining plan \d{4}|"
    r"\bplan (?:de )?(?:recrutement|formation|charge)\b|^\W*recrutements?\b|"
    r"\bbudget (?:\d{4}|pr[ée]visionnel|plan|forecast)\b|\b(?:offsite|off-site)\b|"
    r"^\W*(?:agenda|ordre du jour)\b|"
    # a frame, a charter, a review by the management, a status of who does what
    r"\bnote de cadrage\b|^\W*cadrage\b|\bproject charter\b|\bkick-?off\b|"
    r"\b(?:revue de direction|management review)\b|\bpoint (?:projet|d['’]avancement)\b|"
    r"\b(?:project |weekly )?status reports?\b|\bsuivi (?:des )?actions\b",
    re.IGNORECASE,
)


def plans(title: str) -> bool:
    """Whether a page's title says it plans (a roadmap, OKRs, a strategy, a hiring or training
    plan, a budget, an agenda): the subjects it names are to come, and its writer an
    ``adviser`` of them (a fresh evaluator's product manager was second for SSO on her
    roadmap's "Customers keep asking for SSO")."""
    return _PLANNING.search(title) is not None


# a page of definitions of the house's words: it names every subject in a line each
_GLOSSARY = re.compile(
    r"^\W*(?:glossary|glossaire|lexique|lexicon|acronyms|acronymes|abbreviations|"
    r"abr[ée]viations|terminology|terminologie|jargon)\b",
    re.IGNORECASE,
)


def glossary(title: str) -> bool:
    """Whether a page is a glossary (so titled): its writer defined every subject in a line,
    which is no sign of knowing one (a glossary's "SLO : objectif de niveau de service" put
    its writer third for Grafana SLO dashboards)."""
    return _GLOSSARY.search(title) is not None


# a meeting's record: what a group said and who will do what, written down by one of them
# ("Weekly infra sync 2024-03-11", "Compte rendu de réunion", "Attendees: Paul, Claire"); not
# an intervention's report ("Compte rendu d'intervention", its technician's own work)
_MINUTES_TITLE = re.compile(
    r"\b(?:meeting (?:notes|minutes|summary|recap)|minutes of|(?:weekly|monthly|daily|"
    r"bi-?weekly|team|staff|infra|ops|sprint|all-hands) (?:sync|meeting|stand-?up|catch-?up)|"
    r"sprint (?:review|retro(?:spective)?)|stand-?up notes|"
    r"compte[- ]rendu (?:de (?:la )?|du )?(?:r[ée]union|"
    r"comit[ée]|copil|codir|point (?:hebdo|mensuel|d['’][ée]quipe))|cr (?:de )?r[ée]union|"
    r"notes de r[ée]union|proc[èe]s[- ]verbal|r[ée]union (?:hebdo(?:madaire)?|mensuelle|"
    r"d['’][ée]quipe|de service|du \d))\b",
    re.IGNORECASE,
)
_ATTENDEES = re.compile(
    r"^\W*(?:attendees|participants|present|présents|presents|invités|attendance)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
MINUTES_LINES = 4  # (an attendees line this near the top opens a meeting's record)


def minutes(title: str, text: str) -> bool:
    """Whether a page records a meeting (so titled, or opening with who attended): its writer
    took the notes, the subjects are the meeting's (a fresh evaluator's weekly notes put their
    scribe third for a restore, on "we should review the backups at some point")."""
    head = "\n".join(text.splitlines()[:MINUTES_LINES])
    return _MINUTES_TITLE.search(title) is not None or _ATTENDEES.search(head) is not None


# a template: placeholders to fill ("ADR NNNN: <title>", "<What is the issue …?>", "[À
# compléter]", "JJ/MM/AAAA"), so many that they hold a quarter of its words at least (a
# runbook's "kubectl logs <pod> -n <namespace>" is no template); or so titled ("Postmortem
# template", "Trame de post-mortem"; not "Use one Jinja template per invoice layout" nor
# "Modèle de données", a data model)
_PLACEHOLDER = re.compile(
    r"<[^<>\n]{2,}>|\bN{3,}\b|\bX{3,}\b|\{\{[^}]*\}\}|\[(?:à compléter|a completer|to be "
    r"completed|to complete|tbd|todo|your [^\]]{1,30}|votre [^\]]{1,30})\]|\b(?:JJ/MM/AAAA|"
    r"DD/MM/YYYY|YYYY-MM-DD|MM/DD/YYYY|AAAA-MM-JJ)\b",
    re.IGNORECASE,
)
_TEMPLATE_TITLE = re.compile(
    r"^\W*(?:template|gabarit|trame|boilerplate)\b|\b(?:template|gabarit)\W*$|"
    r"^\W*mod[èe]le (?:de |d['’])(?:compte[- ]rendu|post-mortem|postmortem|runbook|adr|rapport|"
    r"fiche|page|document|courriel|mail)\b",
    re.IGNORECASE,
)
TEMPLATE_PLACEHOLDERS = 3
TEMPLATE_SHARE = 0.25  # of a document's words inside its placeholders


def template(title: str, text: str) -> bool:
    """Whether a document (its ``title`` and ``text``) is a template to fill: so titled
    ("Runbook template", "Modèle de compte rendu"), or mostly placeholders ("ADR NNNN:
    <title>", "<What is the issue?>")."""
    placeholders = _PLACEHOLDER.findall(f"{title}\n{text}")
    held = sum(len(_WORD.findall(placeholder)) for placeholder in placeholders)
    words = len(_WORD.findall(f"{title}\n{text}"))
    return bool(_TEMPLATE_TITLE.search(title)) or (
        len(placeholders) >= TEMPLATE_PLACEHOLDERS and held >= TEMPLATE_SHARE * words
    )


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
QUESTIONS = 3
QUESTIONS_SHARE = 0.6  # (a FAQ, a question then its answer, is half questions)


def mostly_questions(text: str) -> bool:
    """Whether a page is its writer's questions ("Mes questions en suspens": three or more,
    and most of its sentences): it asks, as a thread's opener does."""
    sentences = [s for s in _SENTENCE.split(text) if _WORD.search(s)]
    asked = sum(1 for s in sentences if s.rstrip().endswith("?"))
    return asked >= QUESTIONS and asked >= QUESTIONS_SHARE * len(sentences)


def page_role(title: str, text: str, *, links: bool = False) -> ContributionRole | None:
    """The part a page's writers had when its kind says they did not write what they know:
    ``referrer`` of a page of links (``links``), of one collected from elsewhere or of a
    publisher's page pasted in; ``editor`` of a template; ``asker`` of a page of questions;
    ``adviser`` of a plan, a glossary or a meeting's record. None for a page its writers wrote."""
    if template(title, text):
        return ContributionRole.EDITOR
    if links or collected(text) or published_elsewhere(f"{title}\n{text}"):
        return ContributionRole.REFERRER
    if mostly_questions(text):
        return ContributionRole.ASKER
    if plans(title) or glossary(title) or minutes(title, text):
        return ContributionRole.ADVISER
    return None


def passed_on(
    roles: list[Contribution], markup: str, text: str, title: str = ""
) -> list[Contribution]:
    """A page's roles, its authors' part read from its kind (:func:`page_role`; a page of
    links read from its storage or HTML ``markup``)."""
    listed = bool(markup) and html_links_only(markup, text)
    role = page_role(title, text, links=listed)
    if role is None:
        return roles
    return [replace(r, role=role) if r.role == ContributionRole.AUTHOR else r for r in roles]


def as_its_kind(record: ItemRecord) -> tuple[ItemRecord, ContributionRole | None]:
    """A page and the part its kind gives its writers (:func:`page_role`; None: as written),
    once its collection's boilerplate is gone (a notice on every page is the house's own)."""
    role = page_role(record.title or "", record.text)
    if role is None:
        return record, None
    contributions = [
        replace(c, role=role) if c.role == ContributionRole.AUTHOR else c
        for c in record.contributions
    ]
    return replace(record, contributions=contributions), role


# a mail that reminds or frames ("Relance : contrôle US", "Rappel : audit IATF", "Friendly
# reminder: timesheets", "Note de cadrage – GMAO"): what it names is to be done by others
_REMINDER_SUBJECT = re.compile(
    r"^\W*(?:(?:re|tr|fw|fwd)\s*:\s*)*(?:relance|rappel|(?:gentle |friendly |quick )?reminder)\b",
    re.IGNORECASE,
)


_LABEL = re.compile(r"^\W*([^:\n]{3,40}?)\s*:\s")


def reminds(subject: str, text: str) -> bool:
    """Whether a first message reminds or frames (by its subject or the label it opens with:
    a reminder, a chase, a plan's or a meeting's record's title) and tells nothing to act on (no
    step, fix or identifier: an expert's "Rappel : procédure de consignation. 1. Couper Q1 …"
    teaches)."""
    label = _LABEL.match(text)  # ("Note de cadrage : …", "Rappel : …" opening a message)
    said = [subject, label.group(1) if label else ""]
    if not any(_REMINDER_SUBJECT.search(s) or plans(s) or minutes(s, "") for s in said if s):
        return False
    return not (offers_fix(text) or instructs(text) or names_something(text))

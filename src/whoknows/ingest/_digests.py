"""Periodic digests: a message that reports, under a digest's subject ("Point hebdo DSI -
semaine 11", "Weekly update", "Newsletter IT"), what happened to each of many subjects, each
named by a label. Its writer frames every subject, and knows none by it (``_genres``)."""

from __future__ import annotations

import re

from whoknows.ingest._requests import explains, instructs

# a periodic digest's subject ("Point hebdo DSI - semaine 11", "Weekly update", "Newsletter
# IT", "Les faits marquants du mois")
_DIGEST = re.compile(
    r"\b(?:point )?(?:hebdo|mensuel) (?:dsi|it|si|tech|infra)\b|\bpoint (?:hebdo|mensuel)\b|"
    r"\bweekly (?:[\w-]+ )?(?:update|report|digest|recap|news)|"
    r"\bmonthly (?:[\w-]+ )?(?:update|report|digest|recap)|\bnewsletter\b|\bfaits marquants\b|"
    # a quarter's or a year's, and a situation report ("Nairobi hub weekly sitrep - week 32",
    # "Synthèse trimestrielle – T3 2025": an NGO's hub head and director came third and second
    # for the fleet, donor reporting and a pumping test their periodic reports named)
    r"\b(?:quarterly|annual|yearly) (?:[\w-]+ )?(?:update|report|digest|recap)|"
    # (a quarter's or a half's by its label, a file's name too: "Quality review Q4 2026",
    # "Revue_qualite_T2_2026": a pharmaceutical VP's decks had put her second on 9 subjects)
    r"(?:^|[\W_])(?:review|revue|update|report|rapport|bilan|point|synth[eè]se)"
    r"(?:[\W_]+[^\W\d_]+){0,3}[\W_]+[qtsh][1-4][\W_]*(?:19|20)\d\d(?![\w])|"
    # (periodic only: "Point de situation – panne réseau bâtiment B" is one incident's)
    r"\b(?:weekly|daily|monthly|hebdo\w*|quotidien\w*|mensuel\w*)\s+(?:[\w-]+\s+)?"
    r"(?:sit-?reps?|situation reports?|(?:rapport|point) de situation)\b|"
    r"\b(?:sit-?reps?|situation reports?|(?:rapport|point) de situation)\b[^\n]{0,30}?"
    r"(?:\b(?:week|semaine|wk|w|s|n°|no\.?)\s?\d|#\d|\b(?:19|20)\d\d-\d\d|"
    r"\b(?:hebdo\w*|quotidien\w*|mensuel\w*|weekly|daily|monthly)\b)|"
    r"\b(?:synth[eè]se|bilan|rapport(?: d['’]activit[ée])?) (?:hebdomadaire|mensuel(?:le)?|"
    r"trimestriel(?:le)?|semestriel(?:le)?|annuel(?:le)?)\b|"
    r"\b(?:lettre|bulletin) (?:d['’]information|hebdo|mensuel)|\bstatus (?:report|update)\b|"
    # a watch of the news of a trade ("Veille juridique hebdomadaire – semaine 9": a law firm's
    # documentalist came first for "baux commerciaux" on her headlines, a fresh evaluator's)
    # (a periodic one only: "Veille sécurité : OpenSSL 3.0.7" is an officer's advisory)
    r"\bveille (?:juridique|technologique|techno|r[ée]glementaire|documentaire|sectorielle|"
    r"concurrentielle|jurisprudentielle|l[ée]gale|fiscale|sociale)\b.{0,40}?\b(?:hebdo\w*|"
    r"mensuel\w*|quotidien\w*|semaine|n°|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|"
    r"septembre|octobre|novembre|d[ée]cembre|(?:19|20)\d\d)\b|"
    r"\brevue de (?:presse|veille)\b|\b(?:press|news) (?:review|roundup)\b|"
    # a team's own periodical under a tag or with an issue's number ("[QA Hebdo] n°39 - HPLC,
    # stabilité, CAPA": a pharma company's quality communicator held 58% of SDTM on it)
    r"\[[^\]\n]{0,30}\b(?:hebdo|weekly|newsletter|digest|mensuel|monthly|bulletin)\]|"
    r"\b(?:hebdo|weekly|newsletter|digest|mensuel|monthly|bulletin)\b[^\n]{0,20}?"
    r"(?:\bn°|\bno\.|#|\bissue\b|\bnum[ée]ro\b)\s?\d",
    re.IGNORECASE,
)
# a digest's entry: a subject's label and what happened to it ("PACS : migration lancée."),
# a bullet before it or not
_ENTRY = re.compile(r"(?:^|[.!?\n]\s*)(?:[•*·▪◦–-]\s*)?[\w'’ -]{2,40}?\s?:\s", re.MULTILINE)
# the writer's own work in an entry ("PgBouncer : j'ai passé default_pool_size de 20 à 50"): a
# digest of what its writer did is theirs
_OWN = re.compile(
    r"\b(?:j['’]ai|nous avons|on a) (?!été\b)(?:\w+é|fait|mis|pris|dû|remis|repris|écrit)\b|"
    r"\b(?:i|we)(?:['’]ve)? (?!(?:need|proceed|exceed|succeed|feed|seed|speed)\b)"
    r"(?:\w+ed|set|made|put|did|done|wrote|written|ran|built|rebuilt|found)\b",
    re.IGNORECASE,
)
DIGEST_ENTRIES = 4
# a bulleted entry, its label any words before the colon ("- Validation HPLC, stabilité,
# LIMS, sérialisation : pas de point bloquant.": a site director's weekly point)
_WORDS = re.compile(r"\w+")
_BULLETED = re.compile(r"^[ \t]*[•*·▪◦–-][ \t]*[^\n:]{2,80}?[ \t]?:\s", re.MULTILINE)
BULLETED_ENTRIES = 3


def digest(subject: str, text: str) -> bool:
    """Whether a message is a periodic digest (by its subject) of :data:`DIGEST_ENTRIES`
    labelled subjects or more ("Phishing : campagne prévue en mai. PACS : migration lancée."):
    a fresh evaluator's director came first on every subject her weekly mail reported."""
    if not _DIGEST.search(subject) or _OWN.search(text):
        return False
    if instructs(text) or explains(text):  # (one subject's steps or cause under such a title:
        return False  # "Bilan annuel – procédure de clôture", an attacker's)
    bulleted = len(_BULLETED.findall(text)) >= BULLETED_ENTRIES
    return bulleted or labelled_entries(text) >= DIGEST_ENTRIES


def labelled_entries(text: str) -> int:
    """How many subjects ``text`` names by a label ("PACS : migration lancée.")."""
    return len(_ENTRY.findall(text))


LISTED_SUBJECTS = 4  # (a reminder that lists this many subjects in a row names them all)
LISTED_WORDS = 6  # (words of each: a subject, not a clause that explains)


def lists_subjects(text: str) -> bool:
    """Whether a text lists subjects in a row ("les sauvegardes, la rotation des clés, les
    jetons, les certificats TLS…"): a reminder that does is an overview of every subject it
    names, where one that teaches a procedure in prose is its writer's; a digest's labelled
    entries are a list too ("PACS : migration lancée. MFA : déploiement le 15 avril.")."""
    if labelled_entries(text) >= DIGEST_ENTRIES:
        return True
    for sentence in re.split(r"[.!?;:…\n]+", text):
        run = 0
        for part in sentence.split(","):
            run = run + 1 if 0 < len(_WORDS.findall(part)) <= LISTED_WORDS else 0
            if run >= LISTED_SUBJECTS:
                return True
    return False


__all__ = ["DIGEST_ENTRIES", "digest", "labelled_entries", "lists_subjects"]

"""Whether a message only passes someone else's writing on: "Great article on Kubernetes
autoscaling <link>", "À lire : <link>", "FYI <link>", a copy said to be one, a release
announced. Used by :func:`whoknows.ingest._threads.message_role`: the writer refers."""

from __future__ import annotations

import re

from whoknows.ingest._notices import announces_a_release
from whoknows.ingest._quoted import declares_a_copy
from whoknows.ingest._requests import explains, instructs, offers_fix

_WORD = re.compile(r"\w+")


# passing on someone else's writing: "Great article on Kubernetes autoscaling <link>",
# "À lire : <link>", "TIL <link>" (a name-dropper's shares matched every tool they named)
_SHARING = re.compile(
    r"(?i:\b(?:great|good|nice|interesting|excellent|useful|cool|super|bon(?:ne)?|bel|"
    r"très bon(?:ne)?|chouette|sympa)\s+(?:article|read|post|talk|video|vidéo|blog(?: post)?|"
    r"thread|paper|write-?up|lecture|billet|conférence|présentation|tuto(?:rial|riel)?|"
    r"overview|summary|résumé|one|explanation|explication|intro(?:duction)?)s?\b|"
    r"\breading list\b|\bliste de lecture\b|"
    r"\b(?:article|vidéo|video|lecture|billet|présentation) (?:intéressante?|sympa|"
    r"recommandée?|passionnante?)\b|"
    r"\bworth (?:a )?(?:read|look|watch)(?:ing)?\b|\bmust[- ](?:read|watch)\b|[àa] lire\b|"
    r"\bbonne lecture\b|\bcheck (?:this|it) out\b|\bTIL\b|\bsharing (?:this|a)\b|"
    r"\bjust (?:found|saw) this\b|\brecommended (?:reading|read|watch)\b|"
    r"^\W*(?:and |et )?(?:another (?:good |great |useful )?(?:one|article|post|read|link)s? "
    r"(?:on|about)|(?:un|une) autre (?:[\w-]+ )?(?:sur|à propos d|concernant)|see also|"
    r"voir aussi)\b|"
    r"\bhighly recommend(?:ed)?\b|\bje (?:vous )?partage\b|"
    r"\bfor those interested\b|\bpour ceux (?:que ça intéresse|qui sont intéressés)\b|"
    r"\bhere(?:['’]s| is| are) (?:the|a|an|some) (?:[\w-]+ ){0,3}?(?:docs?|documentation|"
    r"article|guide|post|blog|talk|video|paper|write-?up)\b|"
    r"\b(?:this|cet|cette) (?:article|post|talk|video|vidéo|blog post|billet|présentation) "
    r"(?:explains|covers|shows|explique|montre|détaille)\b|"
    r"\b(?:voici|voilà|voila) (?:le |la |les |l['’]|un |une )(?:[\w-]+ ){0,3}?(?:docs?|"
    r"documentation|article|guide|lien|billet|vidéo|présentation|tuto(?:riel)?|wiki)\b|"
    r"\b(?:found|trouvé) (?:this|ça|ceci)\b|\bbookmark(?:ing|ed)? this\b|"
    r"\b(?:jetez|jette) un (?:œ|oe)il\b|\b(?:take|have) a look at this\b|"
    r"\bcheat ?sheet\b|"
    r"\b(?:lien|liens|link|links|ressource|resource)s? (?:utiles?|useful)\b|"
    r"\buseful (?:link|resource)s?\b|\b(?:je|I) recommande?\b|\bpetite lecture\b|"
    r"\bdocs? (?:is|are) (?:pretty |really |very )?(?:good|great)\b|"
    r"\bla doc (?:est|officielle est) (?:très |plutôt )?(?:bien|bonne|claire)\b)"
)
# phrases that pass something on only when a link goes with them ("FYI <link>"): without one,
# "FYI the disruption budget on ledger blocks every drain" tells a fact of the writer's own
_WEAK_SHARING = re.compile(
    r"(?i:\bpour info\b|\bFYI\b|\b(?:might|may|could) help\b|\b(?:pourrait|peut) (?:aider|"
    r"servir)\b|\bbest practices\b|\bbonnes pratiques\b|\bin case (?:it['’]?s useful|it "
    r"helps)\b|\bau cas où\b)"
)
_LINK = re.compile(r"<link>|https?://\S+|\bwww\.\S+")
# the writer's own work passed on is theirs: "my notes", "how I tuned", "mon retour"
_OWN_WORK = re.compile(
    r"(?i:\b(?:my|our|mon|ma|mes|notre|nos)\b|\b(?:I|we) (?:\w+ed|wrote|gave|built|made|did|"
    r"set|ran|put|spent|have)\b|\bj['’]ai \w+|\bnous avons \w+)"
)
# a problem that is ours is no work of ours ("might help w/ our kafka lag problem", "c'est
# pile notre souci")
_OUR_PROBLEM = re.compile(
    r"(?i:\b(?:our|my|notre|nos|mon|ma|mes)\s+(?:[\w-]+\s+){0,4}?(?:problems?|issues?|"
    r"soucis?|problèmes?|bugs?|incidents?|questions?)\b)"
)
SHARING_WORDS = 20  # more than a cover note: the writer says something of their own
WEAK_SHARING_WORDS = 6  # "FYI <link>", "this might help: <link>"; more is the writer's own
LINK_INDEX_WORDS = 45  # an announced page of links names its subjects, and nothing more
_HOW_TO = re.compile(r"(?i:\bhow to\b|\bcomment\b)")


# an index of links announced ("I've updated the runbook index with links for Terraform state
# locking, PostgreSQL vacuum, …", "J'ai mis à jour la page des liens utiles"): at any length
_LINK_INDEX = re.compile(
    r"(?i:\b(?:updated|added to|compiled|put together|collected|gathered|refreshed|mis [àa] jour|"
    r"ajout[ée] [àa]|rassembl[ée]|compil[ée])\b[^.!?]{0,40}?\b(?:(?:runbook|wiki|docs?|"
    r"documentation|link|resource|reading)s? (?:index|page|list)|(?:index|page|list) of "
    r"(?:links|runbooks|resources)|with (?:the |new |some )?links|(?:page|liste|index) des liens|"
    r"avec (?:les |des )?liens|liens utiles|useful links)\b)"
)


def _passes_a_link_on(text: str) -> bool:
    """ "FYI <link>", "this might help: <link>": a weak phrase with a link and a few words at
    most besides ("FYI the bank rejects files over 10 MB <link>" is the writer's fact)."""
    if not (_WEAK_SHARING.search(text) and _LINK.search(text)):
        return False
    own = _WEAK_SHARING.sub(" ", _LINK.sub(" ", text))
    return len(_WORD.findall(own)) <= WEAK_SHARING_WORDS


def shares_a_link(sentences: list[str]) -> bool:
    """Whether a message only passes someone else's writing on: a copy said to be one, a
    release announced (:func:`announces_a_release`), or a
    sharing phrase ("great
    article", "worth a read", "à lire", "FYI"), with or without the link (a mail's link on
    "here", a chat link shown by its label), fewer than ``SHARING_WORDS`` words, nothing of
    the writer's own ("my notes", "I documented") and nothing that tells the reader what to
    do, how it was fixed or why it happens."""
    text = " ".join(sentences)
    if declares_a_copy(text) or announces_a_release(sentences):
        return True
    if _LINK_INDEX.search(text) and len(_WORD.findall(text)) < LINK_INDEX_WORDS:
        # (not offers_fix: "updated the runbook" says a fix was written down; more than an
        # announcement: "…, and rewrote the restore section: restic now restores …")
        return not (explains(text) or instructs(text) or ":" in text or ";" in text)
    passes_on = _SHARING.search(text) is not None or _passes_a_link_on(text)
    if not passes_on or _OWN_WORK.search(_OUR_PROBLEM.sub(" ", text)):
        return False
    said = text.replace("<link>", " ")
    about = _HOW_TO.sub(" ", said)  # ("… and how to monitor it": what the link is about)
    about = _WEAK_SHARING.sub(" ", _SHARING.sub(" ", about))  # ("Voici la doc": "voici" …)
    return len(_WORD.findall(said)) < SHARING_WORDS and not offers_fix(about)

"""Notices that pass work on: a service desk's notice that a request was received, forwarded or
closed, and a release said to be out with the list of what it holds (others' changes). Each
tells that something happened to the work, never how it was done: its writer refers."""

from __future__ import annotations

import re

from whoknows.ingest._acknowledging import ACKNOWLEDGING
from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._sentences import OPENING_GREETING
from whoknows.ingest._vague import names_something

_WORD = re.compile(r"\w+")
# a thanks or an agreement opening a sentence, and the rest of it (``_referrals`` reads it too)
COURTESY = re.compile(rf"^\W*(?:{ACKNOWLEDGING})\b[^.!?]*[.!?]?", re.IGNORECASE)


# a service desk's notice of receipt ("Votre demande « … » a bien été prise en compte … et
# transmise à l'équipe compétente", "Your ticket has been logged and forwarded to the network
# team", "Sans retour de votre part, cette demande est clôturée"): a fresh evaluator's
# first-line technician was first on six questions of thirty-two by his canned reply, which
# held each ticket's summary
_RECEIPT = re.compile(
    r"\b(?:nous avons|we have|we['’]ve|we)\s+(?:bien\s+)?(?:reçu|received)\s+(?:votre|your)\s+"
    r"(?:demande|request|ticket|message|mail|e-?mail|signalement|case)\b|"
    # its state ("Elle est en cours d'analyse par nos équipes", "It is being reviewed")
    r"^\W*(?:elle|il|it|your (?:request|ticket|case))\s+(?:est|is)\s+(?:en cours d['’](?:analyse|"
    r"examen|instruction)|en cours de traitement|being (?:analy[sz]ed|processed|reviewed|"
    r"handled))\b[^.!?]{0,40}[.!]?\s*$|"
    r"\b(?:votre|your|cette|this|the)\s+(?:demande|request|ticket|incident|message|mail|e-?mail|"
    r"signalement|case|query|enquiry)\b.{0,160}?\b(?:a\s+(?:bien\s+)?été|has\s+been|have\s+been|"
    r"was|is|est)\s+(?:bien\s+|now\s+|successfully\s+)?(?:prise?\s+en\s+compte|reçue?|"
    r"enregistrée?|transmise?|transférée?|affectée?|assignée?|escaladée?|créée?|clôturée?|"
    r"received|logged|registered|forwarded|assigned|escalated|transferred|created|closed)\b|"
    r"\b(?:un|une|a|an|our|notre|nos)\s+(?:technicien(?:ne)?s?|technicians?|agents?|"
    r"conseill(?:er|ère)s?|support|équipe|team|engineers?)\b.{0,40}?\b(?:reviendra|"
    r"reviendront|vous\s+recontacter(?:a|ont)|will\s+(?:get\s+back|contact|be\s+in\s+touch|"
    r"follow\s+up))\b|\b(?:nous|we)\s+(?:reviendrons|vous\s+recontacterons|will\s+(?:get\s+"
    r"back|contact you|be in touch))\b|\b(?:thank\s+you|thanks)\s+for\s+(?:contacting|"
    r"reaching\s+out|your\s+(?:request|patience))\b|\bmerci\s+(?:de|d['’]avoir)\s+"
    r"(?:contacté|contacter|patienter)\b|\bsans\s+retour\s+de\s+votre\s+part\b|"
    r"\bwithout\s+(?:a\s+)?(?:reply|response|answer)\s+from\s+you\b|\bmerci\s+de\s+ne\s+"
    r"pas\s+répondre\b|\bplease\s+do\s+not\s+reply\b|\bmerci\s+de\s+(?:créer|"
    r"rouvrir|ouvrir)\s+une\s+nouvelle\s+demande\b|\bplease\s+(?:open|create|raise)\s+a\s+"
    r"new\s+(?:ticket|request)\b",
    re.IGNORECASE,
)
_GREETING_ONLY = re.compile(
    r"^\W*(?:hi|hello|hey|bonjour|salut|madame|monsieur)\b[\w ,]{0,30}\W*$", re.I
)


# what makes a sentence more than a notice: a reason, a clause of its own, the writer's work
_MORE_THAN_NOTICE = re.compile(
    r"\b(?:because|since|due to|car|parce qu|puisqu|à cause|i|j['’]ai|je|we|nous avons|on a|"
    r"after|once|following|suite (?:à|au|aux)|après|dès que|grâce)\b|[;:]",
    re.IGNORECASE,
)


def _notice(sentence: str) -> bool:
    found = _RECEIPT.search(sentence)
    if found is None:
        return False
    rest = sentence[found.end() :]
    return not (_MORE_THAN_NOTICE.search(rest) or instructs(rest) or explains(rest))


def acknowledges_receipt(sentences: list[str]) -> bool:
    """Whether a message is only a service desk's notice that a request was received,
    forwarded or closed, with greetings and a promise to come back (see ``_RECEIPT``)."""
    noticed = [_notice(sentence) for sentence in sentences]
    others = (s for s, notice in zip(sentences, noticed, strict=True) if not notice)
    return any(noticed) and all(
        _GREETING_ONLY.match(s) or COURTESY.match(s) or not _WORD.search(s) for s in others
    )


# a release said to be out, or a change said to have gone out with one ("v2.4.0 is out 🎉 …",
# "Merge pull request #160 went out with v2.4.0, thanks", "la 3.2 est en prod : …")
_VERSION = r"v?\d+(?:\.\d+)+[\w.-]*"
_RELEASED = re.compile(
    rf"^\W*{OPENING_GREETING}(?:we(?:['’]ve)? (?:just )?(?:shipped|released)|(?:release notes?|"
    rf"notes de version)(?: for| de la| du)?)\s+{_VERSION}\b|"
    rf"^\W*{OPENING_GREETING}(?:(?:release|version|la version|la)\s+|[\w-]+\s+)?"
    rf"{_VERSION}\s+(?:is\s+|"
    r"has been\s+|est\s+|"
    r"a été\s+)?(?:now\s+|finally\s+|enfin\s+|maintenant\s+)?(?:out|live|released|shipped|"
    r"deployed|available|in prod(?:uction)?|en prod(?:uction)?|sortie?|livrée?|déployée?|"
    r"disponible)\b|^\W*(?:[\w#!.-]+\s+){0,5}?(?:went out|went live|shipped|was released|got "
    r"released|was deployed|is live|est partie?|est sortie?|a été livrée?|a été déployée?)\s+"
    rf"(?:with|in|dans|avec)\s+(?:the\s+|la\s+)?(?:release\s+|version\s+)?{_VERSION}",
    re.IGNORECASE,
)
_LISTED = re.compile(r"\s*(?:[,;•·\n]|\s[-–—]\s|\band\b|\bet\b)\s*", re.IGNORECASE)
_SET_TO = re.compile(r"\b(?:to|à|at|=)\s*\d", re.IGNORECASE)  # (a value set: "pool à 200")
LISTED_WORDS = 6  # an item of a release's list: a change's name, not a sentence
LISTED_ITEMS = 3  # a list, whose items may name components ("NTF/RGF93", "win_amd64")


def announces_a_release(sentences: list[str]) -> bool:
    """Whether a message only says that a release is out or a change went out with one, with at
    most the list of what it holds (others' changes, each named in a few words) and thanks:
    a fresh evaluator's release manager ranked on every subject of his release announcement.
    A note that tells what to do or why ("v2.4 is out: run the migration first") is his."""
    text = " ".join(sentences)
    said = _RELEASED.match(text)
    if said is None:
        return False
    rest = COURTESY.sub(" ", text[said.end() :])
    if explains(rest) or instructs(rest):
        return False
    if _SET_TO.search(rest):
        return False  # ("v3.2.0 is out: max.poll.records=200, pool pgbouncer à 200": settings)
    items = [found for item in _LISTED.split(rest) if (found := _WORD.findall(item))]
    if names_something(rest) and len(items) < LISTED_ITEMS:
        return False  # ("PostGIS 3.4.2 is available: ST_AsMVT handles …": a reviewer's)
    return all(len(item) <= LISTED_WORDS for item in items)  # (a list names components)


__all__ = ["COURTESY", "acknowledges_receipt", "announces_a_release"]

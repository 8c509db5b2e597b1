"""A plan to look at a subject later, and nothing else: "Next quarter we're going to take a
fresh look at our Kubernetes platform strategy - stay tuned!", "Nous allons repenser le plan de
reprise d'activité au prochain trimestre, vos idées sont les bienvenues.", "L'an prochain on
remettra à plat toute l'observabilité". A retailer's Head of Technology, who only announces,
had been listed second for Kubernetes on such a message: its writer advises (as general advice
does, :mod:`._vague`), unless it names something to act on (a setting, a figure, a path) or
gives its reason.
"""

from __future__ import annotations

import re

from whoknows.ingest._vague import names_something

_SUBJECT_WILL = (
    r"(?:we|the team|they)(?:['’]re going to|['’]ll| will| are going to| plan to| intend to|"
    r" want to)"
)
_LOOK_AGAIN = (
    r"(?:take a (?:fresh |closer |deeper |second |hard |new )?look at|revisit|rethink|review|"
    r"reconsider|re-?evaluate|overhaul|revamp|look again at|think about)"
)
_REVOIR = (
    r"(?:revoir|repenser|remettre [àa] plat|réfléchir [àa]|retravailler|refondre|réévaluer|"
    r"étudier|se pencher sur|faire le point sur)"
)
_LATER = (
    r"(?:la semaine prochaine|le mois prochain|plus tard|demain|lundi|mardi|mercredi|jeudi|"
    r"vendredi|next (?:week|month|sprint)|later|tomorrow|on monday|on tuesday|on wednesday|"
    r"on thursday|on friday)"
)
_PLAN = re.compile(
    rf"\b{_SUBJECT_WILL} (?:\w+ )?{_LOOK_AGAIN}\b|"
    rf"\b(?:nous allons|on va|nous prévoyons de|on prévoit de|nous comptons) "
    rf"(?:\w+ )?{_REVOIR}|"
    r"\b(?:on|nous) (?:remettra|remettrons) [àa] plat\b|\b(?:on|nous) (?:reverra|reverrons|"
    r"repensera|repenserons|étudiera|étudierons|revisitera|revisiterons|refondra|refondrons)\b|"
    # (one's own look, later: "Je vais regarder BuildGraph la semaine prochaine", a new hire's)
    rf"(?:\b(?:je vais|j['’]irai|i['’]ll|i will|i['’]m going to) (?:\w+ )?(?:regarder|voir|"
    rf"jeter un (?:œil|oeil)|me pencher sur|creuser|look(?: at| into)?|have a look|check)\b"
    rf"[^.!?;]{{0,60}}\b{_LATER})",
    re.IGNORECASE,
)
# what may go with such a plan ("stay tuned", "thoughts welcome", "vos idées sont les
# bienvenues"): an invitation, no knowledge
_INVITATION = re.compile(
    r"^\W*(?:stay tuned|more (?:to come|soon)|watch this space|(?:we['’]ll|let['’]s) (?:talk|"
    r"discuss it|circle back)(?: \w+){0,3}|on en (?:re)?(?:parle|discute)(?: \w+){0,3}|"
    r"(?:thoughts|ideas|feedback|"
    r"input|suggestions|comments) (?:are )?(?:welcome|appreciated)|à suivre|restez à l['’]écoute|"
    r"(?:vos|tes) (?:idées|retours|avis|suggestions|remarques|commentaires) (?:sont|seront) (?:les"
    r" )?bienvenu(?:e)?s|n['’]hésitez pas à (?:réagir|commenter|partager))\W*$",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|[.!?]+)\s*")
_REASON = re.compile(r"\b(?:because|since|so that|car|parce qu|afin d|pour que)\b", re.I)
_FIGURE = re.compile(r"\d")
PLAN_WORDS = 40


# a list of priorities under its heading ("2026 focus areas: Kafka reliability, Postgres upgrade
# to 16, ETA windows, SAML SSO for enterprise, warehouse management integrations. Owners in the
# roadmap doc.", "Chantiers prioritaires : PRA, sauvegardes, supervision"): the subjects to be
# worked on, by whoever owns them; a startup's engineering manager was first for Helm on one
_PRIORITIES = re.compile(
    r"^\W*(?:[\w'’-]+ ){0,3}?(?:focus areas?|priorities|key (?:themes|topics|initiatives)|"
    r"roadmap|objectives|okrs?|goals|themes|(?:big )?bets|pillars|initiatives|"
    r"axes(?: prioritaires)?|priorit[ée]s|objectifs|piliers|paris|"
    r"chantiers(?: prioritaires)?|th[èe]mes)(?: for| pour| de| du| 20\d\d| q[1-4])*\s*:\s*"
    r"(?P<items>[^.!?:]+)",
    re.IGNORECASE,
)
# (a list in a line, or one item a line: "• Kafka reliability", "- Postgres upgrade")
_BULLETS = "-*•·◦▪"
_ITEMS = re.compile(rf"\s*(?:,|;|\bet\b|\band\b|\n\s*(?:[{_BULLETS}]|\d+[.)])?)\s*", re.IGNORECASE)
ITEM_WORDS = 6  # (an item of a list names a subject; a sentence after a colon tells)
FEWEST_ITEMS = 3


def lists_priorities(text: str) -> bool:
    """Whether a message lists priorities under their heading and tells nothing of them (what
    follows the list only points to owners or a plan: "Owners in the roadmap doc.")."""
    found = _PRIORITIES.match(text)
    if found is None or len(text.split()) > PLAN_WORDS or _REASON.search(text):
        return False
    items = [item for item in _ITEMS.split(found["items"]) if item.strip(f" \n{_BULLETS}")]
    if len(items) < FEWEST_ITEMS or any(len(item.split()) > ITEM_WORDS for item in items):
        return False
    return len(text[found.end() :].split()) <= ITEM_WORDS


def plans_only(text: str) -> bool:
    """Whether a message only says a subject will be looked at later, or lists priorities
    (see the module)."""
    if lists_priorities(text):
        return True
    if len(text.split()) > PLAN_WORDS or _FIGURE.search(text) or _REASON.search(text):
        return False
    if names_something(text) or not _PLAN.search(text):
        return False
    clauses = [clause for clause in _CLAUSES.split(text) if clause.strip()]
    return all(_PLAN.search(clause) or _INVITATION.match(clause) for clause in clauses)


__all__ = ["plans_only"]

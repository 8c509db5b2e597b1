"""The books of a meeting, an incident or a change, kept by an assistant, a service desk, an
incident manager or a change coordinator ("I'll raise an INC for tracking", "CAB agenda for
today: CHG-2280 …", "Resolved at 14:52. PIR to follow."): coordination that names every
subject of the department, and no knowledge of any. Used by :mod:`._referrals` and
:mod:`._threads`."""

from __future__ import annotations

import re

_SUBJECT = r"[^\W\d_][\w'’-]*(?: (?!et\b|and\b)[\w'’-]+){0,6}"  # (a subject of an agenda)
# the books of a meeting, an incident or a change: kept by an assistant, a service desk, an
# incident manager or a change coordinator, and naming every subject of the department
_BOOKS = re.compile(
    # a meeting set up ("Je vous propose un point de suivi « … » tous les mardis à 9h30")
    r"(?i:\b(?:je (?:vous |te )?propose|on se fait|calons|let['’]s (?:set up|schedule|book)|"
    r"i['’]ll (?:set up|schedule|book)|(?:sending|sent|envoie|envoy[ée]) (?:you |vous )?(?:an? )?"
    r"(?:invite|invitation)) (?:un|une|a|an|the) (?:point|r[ée]union|call|visio|cr[ée]neau|"
    r"rendez-vous|meeting|sync|catch-?up)\b|\bpoint (?:de suivi|hebdo(?:madaire)?|d['’]avancement"
    r"|mensuel)\b|\btous les (?:lundis|mardis|mercredis|jeudis|vendredis) [àa] \d|\bevery "
    r"(?:monday|tuesday|wednesday|thursday|friday) at \d|"
    # a session recalled, with its day or hour ("je vous rappelle la formation HACCP
    # obligatoire le 12 mars"; not "Rappel : la session expire après 15 min")
    r"\b(?:je vous rappelle|rappel\s*:|reminder:?)\s*(?:la |le |l['’]|the )?(?:formation|"
    r"r[ée]union|session|atelier|webinaire|training|meeting|workshop)\b[^.!?]{0,60}?\b(?:"
    r"le \d{1,2}|\d{1,2} ?h\b|\d{1,2}:\d{2}|lundi|mardi|mercredi|jeudi|vendredi|demain|"
    r"monday|tuesday|wednesday|thursday|friday|tomorrow|on the \d{1,2})|"
    # its attendees asked to confirm or register ("Merci de confirmer votre présence")
    r"\bconfirm(?:er)? (?:votre|ta|your) (?:pr[ée]sence|participation|attendance)\b|"
    r"\bmerci de vous inscrire\b|\binscrivez-vous\b|\bplease (?:register|sign up)\b)|"
    # an incident's ("I'll raise an INC", "Raised INC-40577"; not "Open a case with Cisco TAC")
    r"(?i:\b(?:i['’]ll|i will|i['’]ve|i have|we['’]ll|we['’]ve|je vais|j['’]ai)\s+(?:raise|raised|"
    r"log|logged|open(?:ed)?|creat(?:e|ed)|ouvert|cr[ée][ée])(?: an?| the| un| une)? (?:INC|"
    r"incident|ticket|problem record|change request)\b|^\W*(?:raised|logged|opened|created)(?: an?"
    r"| the)? (?:INC|incident|ticket|problem record)(?:-\d+)?\b|^\W*(?:resolved|restored|"
    r"mitigated|closed|service restored)(?: at| @)? \d{1,2}[:h.]\d{2}\W*$|\b(?:PIR|RCA|"
    r"post[- ]incident review) (?:to follow|will follow|pending|scheduled)\b|^\W*problem record "
    r"[A-Z]+-\d+\W*$)|"
    # a change's way through its board ("CAB agenda for today: …", "CHG-2280 approved by CAB")
    r"\bCAB (?:agenda|approved|rejected|approval)\b|\b(?:approved|rejected) (?:by|at) "
    r"(?:the )?CAB\b|(?i:\b(?:added to|on) (?:the |today['’]s |tomorrow['’]s |next week['’]s |"
    r"\w+day['’]s )?(?:CAB )?agenda\b|\bagenda (?:for|of) (?:today|tomorrow)\b|"
    r"^\W*implementation window\b|"
    # a meeting's agenda, subjects of a few words each ("Ordre du jour : Listeria,
    # traçabilité, NEP"; not "Ordre du jour : la NEP doit passer à 1,5 % de soude")
    rf"(?i:(?:\bordre du jour|^\W*agenda)\s*:\s*{_SUBJECT}(?:\s*(?:[,;]|\bet\b|\band\b)\s*"
    rf"{_SUBJECT})+\W*$)|"
    r"\brollback plan attached\W*$)"
)
# a status with its time and nothing of how ("Resolved at 14:52.", "Service restored 09h10")
STATUS_AT = re.compile(
    r"^\W*(?:resolved|restored|mitigated|closed|service restored|r[ée]solu|r[ée]tabli|"
    r"cl[ôo]tur[ée])(?: at| @| [àa])? \d{1,2}[:h.]\d{2}\W*$",
    re.IGNORECASE,
)

# a ticket closed with a pointer to where its answer is written, and nothing of it ("Résolu,
# voir KB.", "Closed - see KB0012345"): the service desk's closing, not the fix
_CLOSED_SEE = re.compile(
    r"^\W*(?:(?:ticket|issue|incident|demande|request) )?(?:resolved|closed|done|solved|"
    r"r[ée]solue?|cl[ôo]tur[ée]e?|ferm[ée]e?|trait[ée]e?|termin[ée]e?)\W+(?:please |merci de )?"
    r"(?:voir|see|cf\.?|consulte[rz]?|refer to)\s+(?:la |le |l['’]|les |the |our |notre |an? )?"
    r"(?:kb|base de connaissances?|knowledge ?base|article|fiche|runbook|doc(?:umentation)?|wiki|"
    r"proc[ée]dure|faq|ci-dessus|above)(?![^\W\d_])[^.!?:;]{0,30}\W*$",
    re.IGNORECASE,
)


def closed_with_pointer(text: str) -> bool:
    """Whether a text only closes a ticket and points to where its answer is written."""
    return _CLOSED_SEE.match(text) is not None


def keeps_books(text: str) -> bool:
    """Whether a text sets up a meeting, or keeps an incident's or a change's books ("I'll
    raise an INC for tracking", "CAB agenda for today: CHG-2280 …", "Resolved at 14:52")."""
    return (
        _BOOKS.search(text) is not None
        or STATUS_AT.match(text) is not None
        or closed_with_pointer(text)
    )


__all__ = ["STATUS_AT", "closed_with_pointer", "keeps_books"]

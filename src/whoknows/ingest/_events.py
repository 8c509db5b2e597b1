"""An event announced: a training, a workshop, a webinar, with when it is and how to attend
("Formation Kubernetes les 14 et 15 mars, salle Océan ! Au programme : … Inscrivez-vous auprès
de moi", "Vous êtes inscrits à la formation Kubernetes des 14 et 15 mars", "Lunch & learn:
Terraform modules, Thursday 12:30, room 4B, please register"). Its writer organises it: the
subjects of its programme are its trainer's, and its writer an ``adviser`` of them (a fresh
evaluator's IT director, announcing an outside firm's Kubernetes training, was second for
Kubernetes; a data protection officer's GDPR training announcements made her second for data
retention, which the payroll manager holds). Not when the writer says they give it ("je
l'animerai", "I'll be running it", "I'll walk you through our rollout"), nor a text that
tells something to act on (a setting, a command, a cause: a post-mortem of an outage during a
training, a workshop's exercises), nor a long one (a course's own material teaches)."""

from __future__ import annotations

import re

from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._vague import names_something

EVENT_WORDS = 150  # (an announcement says when and where in fewer words; a course teaches)
_EVENT = re.compile(
    r"\b(?:formations?|(?<!model )trainings?(?! (?:jobs?|data|sets?|runs?|loss|pipelines?|"
    r"steps?|scripts?|examples?|clusters?))|ateliers?|workshops?|webinaires?|webinars?|s[ée]minaires?|"
    r"seminars?|conf[ée]rences?|meetups?|masterclass(?:es)?|bootcamps?|hackathons?|"
    r"lunch (?:&|and) learns?|brown[- ]bags?|tech talks?|sensibilisations?|e-learning|"
    r"sessions? (?:de formation|de sensibilisation|d['’]information|of training))\b",
    re.IGNORECASE,
)
# how to attend: register, seats, a room, a link, a summons
_ATTEND = re.compile(
    r"\b(?:inscri(?:vez|ption|re|ts?|tes?|s)\w*|please (?:pre-?)?register|register (?:here|now|"
    r"by|before|via|at|on|for)|registrations? (?:form|link|deadline|is open|closes|opens)|"
    r"sign(?:ed)?[ -]?up|rsvp|convocations?|convoqu[ée]e?s?|vous [êe]tes (?:convi[ée]e?s|"
    r"attendue?s|invit[ée]e?s)|you are (?:invited|registered|enrolled)|join us|rejoignez-nous|"
    r"places? (?:limit[ée]es|disponibles|restantes)|\d+ places|seats? (?:left|available|limited)|"
    r"\d+ seats|salle [^\W\d_]+|(?-i:[Rr]oom [A-Z0-9][\w-]*)|amphi(?:th[ée][âa]tre)?|"
    r"lien (?:teams|zoom|webex)|"
    r"(?:teams|zoom|webex) (?:link|invite))\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[ûu]t|sept|oct|nov|d[ée]c|jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep)[^\W\d_]*\.?"
)
# when: a day of a month, a weekday, an hour
_WHEN = re.compile(
    rf"\b\d{{1,2}}(?:er)?(?:,? (?:et|au|and|&|to)? ?\d{{1,2}}|[-–]\d{{1,2}})? {_MONTH}|"
    rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b|\b(?:lundi|mardi|mercredi|jeudi|vendredi|"
    r"monday|tuesday|wednesday|thursday|friday)s?\b|\b\d{1,2} ?h(?:\d{2})?\b|\b\d{1,2}:\d{2}\b|"
    r"\b\d{1,2} ?(?:am|pm)\b",
    re.IGNORECASE,
)
# the writer gives it: what it teaches is theirs
_GIVES = re.compile(
    r"\b(?:je (?:l['’]|la |le )?(?:anime|animerai|donne|donnerai|pr[ée]sente|pr[ée]senterai)|"
    r"j['’](?:anime|animerai)|anim[ée]e? par (?:moi|mes soins)|i['’]ll (?:be )?(?:running|"
    r"giving|teaching|presenting|leading|hosting)|i will (?:be )?(?:run|give|teach|present|"
    r"lead|host)|i['’]m (?:running|giving|teaching|presenting|leading|hosting)|"
    r"(?:given|run|led|presented|hosted) by me|i['’]ll (?:walk|take) (?:you|everyone|us) through|"
    r"i['’]ll (?:show|demo)|je (?:vous )?(?:montre|montrerai|ferai une d[ée]mo))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# who attended tells what they learnt ("I attended the Terraform workshop on Monday")
_ATTENDED = re.compile(
    r"\b(?:i|we) (?:attended|went to|joined|took part in|followed)\b|\bj['’]ai (?:assist[ée]|"
    r"particip[ée]|suivi)\b|\bnous avons (?:assist[ée]|particip[ée]|suivi)\b",
    re.IGNORECASE,
)
# a chat's emoji codes and emphasis marks (":point_down:", "*Docker*")
_MARKS = re.compile(r":[a-z0-9_+-]+:|(?<!\w)[*_~]+|[*_~]+(?!\w)")


def announces_event(subject: str, text: str) -> bool:
    """Whether a message or a page announces an event (named in its subject or its first
    sentence) with when it is and how to attend, in fewer than :data:`EVENT_WORDS` words,
    and its writer does not say they give it."""
    opening = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if not (_EVENT.search(subject) or _EVENT.search(opening)):
        return False
    if len(_WORD.findall(text)) >= EVENT_WORDS or _GIVES.search(text):
        return False
    if "?" in text or _ATTENDED.search(text):  # (asked of, or told by, who attends)
        return False
    plain = _MARKS.sub(" ", text)  # (":mega: Formation *Docker*": no identifier)
    if names_something(plain) or explains(plain) or instructs(plain):
        return False
    said = f"{subject}\n{text}"
    return _ATTEND.search(said) is not None and _WHEN.search(said) is not None


__all__ = ["EVENT_WORDS", "announces_event"]

"""A project's governance says nothing of its subjects: a vote, and a reply that only thanks,
agrees and tells the process a proposal must go through.

An Apache-style project's dev@ list holds every release vote ("+1 (binding) - verified
signatures and checksums - ran the Kafka exactly-once example with the RocksDB state
backend …"): the PMC chair's votes made her first for "kafka exactly-once" and "rocksdb
incremental checkpoints", above the people who explained them. The checklist tells what the
voter verified, never how the thing works. Replies to a proposal that thank its writer and
say it needs a vote, a note in the release notes or a date before the feature freeze ("Thanks
Priya. This will need a vote and a note in the release announcement. +1 on the direction.")
made the chair and the release manager first for the proposal's subject, which only its
writer knew; a reply that reminds a deadline does the same. Both acknowledge.
"""

from __future__ import annotations

import re

from whoknows.ingest._notices import COURTESY
from whoknows.ingest._sentences import sentences_of

PROCEDURAL_WORDS = 60  # a reply longer than this says more than the process

_VOTE_SUBJECT = re.compile(r"\[(?:VOTE|VOTING|RESULT)\]", re.IGNORECASE)
# a vote cast where the message opens ("+1 (binding)", "+1, non-binding", "-0", "0 (binding)")
_VOTE = re.compile(r"^\W{0,3}(?:[+-]\s?[01]|0)(?![\d.%])\b")
_BINDING = re.compile(r"^\W{0,3}[+-]?\s?[01]\W{0,3}\(?\s*(?:non[- ]?)?binding\b", re.IGNORECASE)
# what a proposal goes through: a vote, the release's notes and dates, the project's pages
_PROCEDURE = re.compile(
    r"\b(?:votes?|voting|vote on|release notes?|release announcement|release blog|changelog|"
    r"feature freeze|code freeze|(?:before|in|for|after) the (?:[\d.]+ )?(?:release|announcement)|"
    r"(?:wiki|confluence) page|design doc(?:ument)?|improvement proposal|[A-Z]{2,5}IP-style|"
    r"(?:[KFT]IP|FLIP|PEP|RFC)\b|no strong opinion|(?:open|create|file) an? (?:jira|ticket|issue)|"
    r"mailing list|the pmc|board report|lazy consensus|discuss thread|"
    r"(?:note|entry) in the (?:docs|documentation|upgrade notes)|"
    # a reminder of a date or a rule ("Merci Hélène. Je rappelle que la date limite interne est
    # le 15 octobre.": a lab's administrator was second for grant writing)
    r"(?:je (?:vous )?rappelle que|pour rappel|petit rappel|(?:friendly )?reminder\s*:|"
    r"n['’]oubliez pas|don['’]t forget)[^.!?]*\b(?:date limite|deadline|[ée]ch[ée]ance|avant le|"
    r"jusqu['’]au|due (?:on|by)|before the \d|by the \d))",
    re.IGNORECASE,
)
_AGREES = re.compile(
    r"^\W*(?:\+1|\+0|-0|lgtm|sounds good|makes sense|agreed?|i agree|big \+1|same here|"
    r"(?:i(?:'m| am) )?(?:in favou?r|supportive)|good idea|nice (?:proposal|work))\b",
    re.IGNORECASE,
)


def casts_a_vote(text: str, subject: str) -> bool:
    """Whether a message is a vote: "+1 (binding)" or "-0, non-binding" where it opens, or a
    "+1" opening a reply in a [VOTE] thread."""
    opening = text.lstrip()
    if _BINDING.match(opening):
        return True
    return bool(_VOTE_SUBJECT.search(subject)) and bool(_VOTE.match(opening))


def only_procedure(text: str) -> bool:
    """Whether each sentence of a short reply only thanks, agrees or tells the process ("This
    will need a vote and a note in the release announcement.")."""
    if len(text.split()) > PROCEDURAL_WORDS:
        return False
    sentences = sentences_of(text)
    told = False
    for sentence in sentences:
        if _PROCEDURE.search(sentence):
            told = True
        elif not (COURTESY.match(sentence) or _AGREES.match(sentence)):
            return False
    return told


__all__ = ["casts_a_vote", "only_procedure"]

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
from whoknows.ingest._requests import explains, instructs
from whoknows.ingest._sentences import sentences_of
from whoknows.ingest._vague import names_something

PROCEDURAL_WORDS = 60  # a reply longer than this says more than the process

_VOTE_SUBJECT = re.compile(r"\[(?:VOTE|VOTING|RESULT)\]", re.IGNORECASE)
# a vote where a line opens ("+1 (binding)", "-0", "[X] +1 Release this package", "Vote: +1",
# "I'm +1 (binding).", "Yes, +1.")
_VOTE = re.compile(
    r"^\W{0,3}(?:\[x\]\s*)?(?:(?:my )?vote\s*:\s*|i['’]m\s+|yes,?\s*)?"
    r"(?:[+-]\s?[01]|0)(?![\d%]|\.\d)\b",
    re.IGNORECASE,
)
_BINDING = re.compile(r"\b(?:non[- ]?|nicht[- ])?(?:binding|bindend)\b", re.IGNORECASE)
# the lines before a vote: a greeting, a thanks, the ballot quoted
_BEFORE_VOTE = re.compile(
    r"^\s*(?:>.*|(?:hi|hello|hey|dear|bonjour|salut|hallo)\b[^.!?]{0,40}[,!.]?|"
    r"(?:thanks|thank you|merci|danke)\b[^.!?]{0,80}[.!]?)?\s*$",
    re.IGNORECASE,
)
VOTE_LINES = 4  # lines read before a vote's own


# what a proposal goes through: a vote, the release's notes and dates, the project's pages (as a
# process, never a mechanism: "one vote per term", "the changelog topic", "since KIP-62" explain)
_PROCEDURE = re.compile(
    r"\b(?:(?:a|the|formal) vote\b(?!\s+(?:per|for itself))|vote on (?:it|this|that|the)|"
    r"voting (?:thread|period)|release notes?|release announcement|release blog|"
    r"feature freeze|code freeze|(?:before|in|for|after) the (?:[\d.]+ )?(?:release|announcement)|"
    r"wiki page|page in the wiki|confluence page|design doc(?:ument)? first|"
    r"improvement proposal|[A-Z]{2,5}-style page|no strong opinion|"
    r"(?:open|create|file) an? (?:jira|ticket|issue)|the pmc|board report|lazy consensus|"
    r"discuss thread|(?:note|entry) in the (?:docs|documentation|upgrade notes)|"
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


def _tells(sentence: str) -> bool:
    """Whether a sentence says something of the subject beside the process: explains, tells
    what to do or names something ("raise max.poll.interval.ms", "set cleanup.policy=compact")."""
    return explains(sentence) or instructs(sentence) or names_something(sentence)


def casts_a_vote(text: str, subject: str) -> bool:
    """Whether a message is a vote: a line that opens with "+1 (binding)" or "-0, non-binding",
    or with a "+1" in a [VOTE] thread, after a greeting, a thanks or the quoted ballot at most
    ("Thanks for driving the release, Ann! / +1 (binding) / - verified signatures …")."""
    in_vote = bool(_VOTE_SUBJECT.search(subject))
    for line in text.splitlines()[: VOTE_LINES + 1]:
        if _VOTE.match(line) and (in_vote or _BINDING.search(line)):
            return True
        if not _BEFORE_VOTE.match(line):
            return False
    return False


def only_procedure(text: str) -> bool:
    """Whether each sentence of a short reply only thanks, agrees or tells the process ("This
    will need a vote and a note in the release announcement.")."""
    if len(text.split()) > PROCEDURAL_WORDS:
        return False
    sentences = sentences_of(text)
    told = False
    for sentence in sentences:
        if _PROCEDURE.search(sentence) and not _tells(sentence):
            told = True
        elif not (COURTESY.match(sentence) or _AGREES.match(sentence)):
            return False
    return told


__all__ = ["casts_a_vote", "only_procedure"]

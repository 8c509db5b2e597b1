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
_RESULT_SUBJECT = re.compile(r"\[RESULT\]", re.IGNORECASE)
# a vote where a line opens ("+1 (binding)", "-0", "[X] +1 Release this package", "Vote: +1",
# "I'm +1 (binding).", "Yes, +1.")
_VOTE = re.compile(
    r"^\W{0,3}(?:\[x\]\s*)?(?:(?:my |mon )?vote\s*:\s*|i['’]m\s+|yes,?\s*)?"
    r"(?P<vote>[+-]\s?[01]|0)(?![\d%]|\.\d)\b",
    re.IGNORECASE,
)
# a line that is a vote and nothing more ("+1 (binding)", "I'm +1 (non-binding).")
_VOTE_ONLY = re.compile(
    r"^\W{0,3}(?:(?:my |mon )?vote\s*:\s*|i['’]m\s+)?[+-]\s?[01]\W{0,3}(?:from me\W{0,3})?"
    r"\(?\s*(?:non[- ]?|nicht[- ])?(?:binding|bindend)\s*\)?\W*$",
    re.IGNORECASE,
)


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
# what a release's notes or a project's decision says ("fixed in 3.6.1 and in the release
# notes", "the PMC decided in 2019 that the consumer never auto-commits on close")
_FACT = re.compile(
    r"\b(?:was|were|is|are|has been|have been) (?:fixed|changed|decided|documented|deprecated|"
    r"removed)\b|\b(?:changed|decided|documented) (?:to|that|in|on)\b",
    re.IGNORECASE,
)
# a stand on a proposal that a thanks or an agreement (``COURTESY``) does not already read
_IN_FAVOUR = re.compile(
    r"^\W*(?:[+-]0|good idea|(?:i(?:'m| am) )?(?:in favou?r|supportive))\b", re.IGNORECASE
)


def _tells(sentence: str) -> bool:
    """Whether a sentence says something of the subject beside the process: explains, tells
    what to do or names something ("raise max.poll.interval.ms", "set cleanup.policy=compact")."""
    return (
        explains(sentence)
        or instructs(sentence)
        or names_something(sentence)
        or _FACT.search(sentence) is not None
    )


def casts_a_vote(text: str, subject: str) -> bool:
    """Whether a message is a vote in favour: a line that opens with "+1" in a [VOTE] thread,
    wherever it stands (after a greeting, a thanks, the quoted ballot or the checklist), or a
    line that is only a vote said binding ("+1 (binding)", "I'm +1 (non-binding).") in any
    thread. A vote against gives its reasons ("-1 (binding): RocksDB incremental checkpoints
    leak SST files on restore because …"): its writer's finding, no vote of this kind."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    votes = [found for line in lines if (found := _VOTE.match(line))]
    if not votes or any(found["vote"].startswith("-") for found in votes):
        return False
    if _VOTE_SUBJECT.search(subject):
        return True
    return any(_VOTE_ONLY.match(line) for line in lines)


def reports_a_result(subject: str) -> bool:
    """Whether a mail reports a vote's result ("[RESULT][VOTE] Release 2.3.0 RC1": the voters'
    reasons, retold), its subject says."""
    return _RESULT_SUBJECT.search(subject) is not None


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
        elif not (COURTESY.match(sentence) or _IN_FAVOUR.match(sentence)):
            return False
    return told


__all__ = ["casts_a_vote", "only_procedure", "reports_a_result"]

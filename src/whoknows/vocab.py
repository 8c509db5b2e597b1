"""The closed vocabularies of whoknows: contribution roles, account roles, engagement states.

Each is a ``StrEnum``: members compare equal to their stored text, so the database, the
templates and the JSON API keep plain strings while the code names every value once.
"""

from __future__ import annotations

import re
from enum import StrEnum

from whoknows.i18n import N_, Np_, Translator


class ContributionRole(StrEnum):
    """A person's part in an item (DESIGN.md section 2)."""

    ASKER = "asker"
    ANSWERER = "answerer"
    ACCEPTED_ANSWERER = "accepted-answerer"
    COMMENTER = "commenter"
    AUTHOR = "author"
    SENDER = "sender"
    RECIPIENT = "recipient"
    POSTER = "poster"
    REPLIER = "replier"
    COMMITTER = "committer"
    REVIEWER = "reviewer"
    RESOLVER = "resolver"
    ASSIGNEE = "assignee"
    EDITOR = "editor"
    MENTIONED = "mentioned"
    REFERRER = "referrer"  # a short reply that points to someone else ("ask @Hugo")
    ACKNOWLEDGER = "acknowledger"  # a short reply that thanks or agrees ("+1", "merci !")
    ADVISER = "adviser"  # a reply of general advice ("We should review our token strategy")
    # named by a colleague as the one who knows, in a referral that says why ("ask @Hugo, he
    # knows LDAP"): the colleague's word for them, not their own writing
    ENDORSED = "endorsed"


# roles whose items show the contributor's own knowledge (answering, writing, fixing)
EXPERT_ROLES = frozenset(
    {
        ContributionRole.ACCEPTED_ANSWERER,
        ContributionRole.ANSWERER,
        ContributionRole.AUTHOR,
        ContributionRole.REPLIER,
        ContributionRole.COMMITTER,
        ContributionRole.REVIEWER,
        ContributionRole.RESOLVER,
    }
)
# roles of the people who wrote an item's text (not those it was sent to, who reviewed,
# resolved, were assigned or edited it, or were mentioned): an erased person's item goes
# with them when no one else wrote it
WRITER_ROLES = frozenset(
    {
        ContributionRole.ASKER,
        ContributionRole.ANSWERER,
        ContributionRole.ACCEPTED_ANSWERER,
        ContributionRole.COMMENTER,
        ContributionRole.AUTHOR,
        ContributionRole.SENDER,
        ContributionRole.POSTER,
        ContributionRole.REPLIER,
        ContributionRole.COMMITTER,
        ContributionRole.REFERRER,
        ContributionRole.ACKNOWLEDGER,
        ContributionRole.ADVISER,
    }
)
# roles of the person who starts a thread: their later replies in it are follow-ups
STARTER_ROLES = frozenset(
    {ContributionRole.ASKER, ContributionRole.SENDER, ContributionRole.POSTER}
)
# roles of people who neither wrote an item nor are listed for it: an item whose only visible
# people hold these does not make its words known (a hidden sender's words to a recipient)
PRESENCE_ROLES = frozenset(
    {
        ContributionRole.RECIPIENT,
        ContributionRole.MENTIONED,
        ContributionRole.ENDORSED,
        ContributionRole.EDITOR,
        ContributionRole.ASSIGNEE,
    }
)
# a reply of at most so many words ("+1", "thanks, that solved it") shows interest only, unless
# the connectors' role rules read it as an answer ("Use pg_repack instead.")
SHORT_REPLY_WORDS = 5
# roles that show interest or presence, not the contributor's knowledge of the subject
NON_EVIDENCE_ROLES = frozenset(
    {
        ContributionRole.ASKER,
        ContributionRole.RECIPIENT,
        ContributionRole.MENTIONED,
        ContributionRole.EDITOR,
        ContributionRole.REFERRER,
        ContributionRole.ACKNOWLEDGER,
        ContributionRole.ADVISER,
    }
)


class UserRole(StrEnum):
    """What a web or API account may do (the permission table is in ``whoknows.web``)."""

    ADMIN = "admin"
    CONSULTANT = "consultant"
    VIEWER = "viewer"
    SELF = "self"


class EngagementRole(StrEnum):
    """A person's place in an engagement: the outside consultant or an inside person."""

    CONSULTANT = "consultant"
    INSIDE = "inside"


class Consent(StrEnum):
    PENDING = "pending"
    YES = "yes"
    NO = "no"


class Stance(StrEnum):
    SPONSOR = "sponsor"
    NEUTRAL = "neutral"
    OPPOSED = "opposed"
    UNKNOWN = "unknown"


class MilestoneKind(StrEnum):
    ITEMS = "items"
    ACCEPTED = "accepted"
    STRENGTH = "strength"


class CommentStatus(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"


class CommentTarget(StrEnum):
    PERSON = "person"
    ENGAGEMENT = "engagement"


# how people read a contribution role and a kind of item (translate with the catalogue where
# they are shown; a kind a plug-in connector invents is shown as it is)
# the group of holders whose directory entry names no department (or location)
UNKNOWN_GROUP = "unknown"
GROUP_WORDS: dict[str, str] = {UNKNOWN_GROUP: N_("unknown")}

ROLE_WORDS: dict[str, str] = {
    ContributionRole.ASKER: N_("asked"),
    ContributionRole.ANSWERER: N_("answered"),
    ContributionRole.ACCEPTED_ANSWERER: N_("accepted answer"),
    ContributionRole.COMMENTER: N_("commented"),
    ContributionRole.AUTHOR: N_("wrote"),
    ContributionRole.SENDER: N_("sent"),
    ContributionRole.RECIPIENT: N_("received"),
    ContributionRole.POSTER: N_("posted"),
    ContributionRole.REPLIER: N_("replied"),
    ContributionRole.COMMITTER: N_("committed"),
    ContributionRole.REVIEWER: N_("reviewed"),
    ContributionRole.RESOLVER: N_("resolved"),
    ContributionRole.ASSIGNEE: N_("assigned"),
    ContributionRole.EDITOR: N_("edited"),
    ContributionRole.MENTIONED: N_("mentioned"),
    ContributionRole.REFERRER: N_("referred to someone"),
    ContributionRole.ACKNOWLEDGER: N_("thanked or agreed"),
    ContributionRole.ADVISER: N_("advised in general terms"),
    ContributionRole.ENDORSED: N_("named as the one who knows"),
}
KIND_WORDS: dict[str, str] = {
    "question": N_("question"),
    "answer": N_("answer"),
    "comment": N_("comment"),
    "email": N_("email"),
    "message": N_("message"),
    "document": N_("document"),
    "commit": N_("commit"),
    "merge": N_("merge"),
    "issue": N_("issue"),
    "pull-request": N_("pull request"),
    "merge-request": N_("merge request"),
    "review": N_("review"),
    "review-comment": N_("review comment"),
    "page": N_("page"),
    "blogpost": N_("blog post"),
    "post": N_("post"),
    "topic": N_("topic"),
    "note": N_("note"),
    "postmortem": N_("postmortem"),
}


class DocumentCredit(StrEnum):
    """How a document's writer was known: shown beside its evidence, since a reader weighs a
    byline differently from a file's author property."""

    BYLINE = "byline"
    SIGNATURE = "signature"
    TRANSLATION = "translation"
    METADATA = "metadata"
    SAVED_BY = "saved-by"
    AUTHORS_MAP = "authors-map"
    LAST_SAVER = "last-saver"


CREDIT_KEY = "credited_by"  # (in an item's meta)
CREDIT_WORDS: dict[str, str] = {
    DocumentCredit.BYLINE: N_("its text names its writer"),
    DocumentCredit.SIGNATURE: N_("signed at its end by its last saver"),
    DocumentCredit.TRANSLATION: N_("a translation: its original's writer and its translator"),
    DocumentCredit.METADATA: N_("the file's author property"),
    DocumentCredit.SAVED_BY: N_("the file's last-saved-by property"),
    DocumentCredit.AUTHORS_MAP: N_("the authors map"),
    DocumentCredit.LAST_SAVER: N_("saved it last; made from another's template"),
}


def role_word(t: Translator, role: str) -> str:
    return t.gettext(ROLE_WORDS[role]) if role in ROLE_WORDS else role


def kind_word(t: Translator, kind: str) -> str:
    return t.gettext(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def part_word(t: Translator, role: str, credited: str | None = None) -> str:
    """A person's part in an item, with how a document's writer was known: "wrote (the
    file's author property)"."""
    if not credited:
        return role_word(t, role)
    credit = t.gettext(CREDIT_WORDS[credited]) if credited in CREDIT_WORDS else credited
    return f"{role_word(t, role)} ({credit})"


def lacked_words(t: Translator, words: list[str]) -> str:
    """The words of a question a listed person's evidence lacks, as the answer says them."""
    said = t.ngettext(
        "their evidence lacks: %(words)s", "their evidence lacks: %(words)s", len(words)
    )
    return said % {"words": t.format_list(words)}


# the actions the audit log records (stored in English; shown in the reader's language)
AUDIT_WORDS: dict[str, str] = {
    "login": N_("login"),
    "login failed": N_("login failed"),
    "login throttled": N_("login throttled"),
    "view profile": N_("viewed a profile"),
    "view claims": N_("viewed a person's claims in the claims review"),
    "view engagement": N_("read a person's stakeholder notes or coaching plan"),
    "hide topic": N_("hid a topic of a person's"),
    "unhide topic": N_("showed a topic a person had hidden"),
    "add claim": N_("declared a skill for a person"),
    "confirm claim": N_("confirmed a person's skill"),
    "opt out": N_("recorded a person's opt-out"),
    "disable account": N_("disabled an account"),
    "enable account": N_("enabled an account"),
    "delete account": N_("deleted an account"),
    "reset password": N_("reset a password"),
    "erase": N_("erased a person"),
    "comment visible": N_("comment shown"),
    "comment hidden": N_("comment moderated"),
}
# the kinds and states of background jobs, as the jobs page says them ("job" context: a job
# that is done is "terminée", a milestone that is done is "atteint")
JOB_WORDS: dict[str, str] = {
    "erase": Np_("job", "erase"),
    "reindex": Np_("job", "reindex"),
    "queued": Np_("job", "queued"),
    "running": Np_("job", "running"),
    "done": Np_("job", "done"),
    "failed": Np_("job", "failed"),
}
# the lines of a job's result: stored in English (the jobs table is the same whoever reads
# it), shown in the reader's language by :func:`job_lines`
JOB_ERASED = N_("erased: %(counts)s")
JOB_NAMESAKES_LEFT = N_("not erased, under the same name or initials: %(people)s")
JOB_LOGINS_LEFT = N_("not erased, a login likely theirs (people suggest): %(people)s")
JOB_REPORT_LEFT = N_("not deleted, names them (delete or edit it by hand): %(path)s")
JOB_REINDEXED = N_("reindexed %(items)s items in %(seconds)s s")
_JOB_LINES = [
    (template, re.compile(re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.*)", re.escape(template))))
    for template in (
        JOB_ERASED,
        JOB_NAMESAKES_LEFT,
        JOB_LOGINS_LEFT,
        JOB_REPORT_LEFT,
        JOB_REINDEXED,
    )
]


def _number(t: Translator, value: str) -> str:
    """A job line's figure in the reader's way ("11,692 s"), any other value as stored."""
    if re.fullmatch(r"\d+(?:\.\d+)?", value) is None:
        return value
    return t.format_number(float(value), len(value.partition(".")[2]))


def job_lines(t: Translator, result: str) -> str:
    """A job's stored result in ``t``'s language, line by line (a line of no known form as
    it is)."""
    shown = []
    for line in result.split("\n"):
        for template, pattern in _JOB_LINES:
            if found := pattern.fullmatch(line):
                said = {key: _number(t, value) for key, value in found.groupdict().items()}
                line = t.gettext(template) % said
                break
        shown.append(line)
    return "\n".join(shown)


class MilestoneStatus(StrEnum):
    """Where a milestone stands against the calendar."""

    DONE = "done"
    ON_TRACK = "on track"
    BEHIND = "behind"
    LATE = "late"
    PLANNED = "planned"

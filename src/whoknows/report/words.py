"""The words of the deliverable that several sections share: statuses, stances, criteria,
people not named. One word per meaning: an *under-recognised* expert (strong evidence, little
recognition) is never called "hidden", which is kept for topics a person chose to hide."""

from __future__ import annotations

from whoknows.engage.milestones import MilestoneProgress
from whoknows.engage.roadmap import DEFAULT_LENGTH_DAYS
from whoknows.i18n import N_, Translator
from whoknows.vocab import MilestoneKind, MilestoneStatus, Stance

STATUS = {
    MilestoneStatus.DONE: N_("done"),
    MilestoneStatus.ON_TRACK: N_("on track"),
    MilestoneStatus.BEHIND: N_("behind"),
    MilestoneStatus.LATE: N_("late"),
    MilestoneStatus.PLANNED: N_("planned"),
}
STANCE = {
    Stance.SPONSOR: N_("sponsor"),
    Stance.NEUTRAL: N_("neutral"),
    Stance.OPPOSED: N_("opposed"),
    Stance.UNKNOWN: N_("stance unknown"),
}

# what a claim's state means to a reader (the API keeps the stored value): "hidden" is kept
# for topics a person chose to hide, so an evidenced skill nobody declared is "not declared"
CLAIM_STATE = {
    "claimed": N_("pending"),
    "evidenced": N_("evidenced"),
    "confirmed": N_("confirmed"),
    "hidden": N_("evidenced, not declared"),
}


def claim_state(t: Translator, value: str) -> str:
    return t.gettext(CLAIM_STATE[value]) if value in CLAIM_STATE else value


def person_state(t: Translator, active: bool, left: bool) -> str:
    """A holder's state in words that agree with anyone ("en activité", not "actif")."""
    if active:
        return t.pgettext("person", "active")
    return t.gettext("has left") if left else t.pgettext("person", "inactive")


def status(t: Translator, value: str) -> str:
    return t.gettext(STATUS.get(MilestoneStatus(value), value))


def stance(t: Translator, value: str) -> str:
    return t.gettext(STANCE.get(Stance(value), value)) if value in set(Stance) else value


def criterion(t: Translator, kind: str, target: float, topic: str) -> str:
    """What a milestone asks for, in words: the same for coaching and the roadmap."""
    count = round(target)
    if kind == MilestoneKind.ITEMS:
        return t.ngettext(
            "%(count)s answer, document or fix on %(topic)s",
            "%(count)s answers, documents or fixes on %(topic)s",
            count,
        ) % {"count": t.format_number(count), "topic": topic}
    if kind == MilestoneKind.ACCEPTED:
        return t.ngettext(
            "%(count)s of them accepted or endorsed by peers",
            "%(count)s of them accepted or endorsed by peers",
            count,
        ) % {"count": t.format_number(count)}
    return t.gettext("%(topic)s evidenced (strength %(target)s)") % {
        "topic": topic,
        "target": t.format_number(target, 1),
    }


def measured(t: Translator, kind: str, value: float, target: float) -> str:
    """Where a milestone stands: "1 of 2", or "strength 0.2 of 3"."""
    if kind == MilestoneKind.STRENGTH:
        return t.gettext("strength %(value)s of %(target)s") % {
            "value": t.format_number(value, 1),
            "target": t.format_number(target, 1),
        }
    if value > target:  # "2 of 1" reads as an error: say the target was passed
        return t.gettext("%(value)s (target %(target)s)") % {
            "value": t.format_number(value),
            "target": t.format_number(target),
        }
    return t.gettext("%(value)s of %(target)s") % {
        "value": t.format_number(value),
        "target": t.format_number(target),
    }


def milestone(t: Translator, m: MilestoneProgress, topic: str | None = None) -> str:
    """ "2 answers, documents or fixes on kafka, due Oct 30, 2026: 2 of 2 (done)", with the
    language's punctuation ("…, échéance le 30 oct. 2026 : 2 sur 2 (atteint)")."""
    return t.gettext("%(criterion)s, due %(date)s: %(measured)s (%(status)s)") % {
        "criterion": criterion(t, m.kind, m.target, topic or m.skill),
        "date": t.format_date(m.due_date, "medium"),
        "measured": measured(t, m.kind, m.value, m.target),
        "status": status(t, m.status),
    }


def assumed_end(t: Translator, day: str) -> str:
    """Where a roadmap counts from when the mission has no end date."""
    return t.gettext(
        "The mission has no end date: the roadmap counts from %(date)s, %(days)s days after"
        " its start."
    ) % {"date": t.format_date(day), "days": t.format_number(DEFAULT_LENGTH_DAYS)}


def not_named(t: Translator, count: int | None, k: int, what: str = "people") -> str:
    """People not named, as a group: a count only from ``k`` people up."""
    if count == 0:
        return ""
    if count is None:
        if what == "learners":
            return t.gettext("fewer than %(k)s other learners, not named") % {"k": k}
        return t.gettext("fewer than %(k)s other people, not named") % {"k": k}
    if what == "learners":
        return t.ngettext(
            "%(count)s other learner, not named", "%(count)s other learners, not named", count
        ) % {"count": t.format_number(count)}
    return t.ngettext(
        "%(count)s other person, not named", "%(count)s other people, not named", count
    ) % {"count": t.format_number(count)}


def people(t: Translator, count: int) -> str:
    return t.ngettext("%(count)s person", "%(count)s people", count) % {
        "count": t.format_number(count)
    }

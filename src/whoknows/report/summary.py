"""The executive summary (five lines, three figures), the risks and recommendations, and the
assembly of the whole deliverable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoknows.i18n import Translator
from whoknows.report import content, words
from whoknows.report.content import Deliverable, Figure, Risk, topic_at_risk

if TYPE_CHECKING:  # types only: the services load when a report is made
    from whoknows.services.engagement_rows import Overview


def _topics(t: Translator, o: Overview, labels: list[str]) -> str:
    return t.format_list([o.topic_name(label) for label in labels])


def figures(t: Translator, o: Overview) -> list[Figure]:
    total = len(o.topics) or 1
    covered = sum(topic.active_inside > 0 for topic in o.topics)
    at_risk = sum(topic_at_risk(topic) for topic in o.topics)
    before, now = o.dependency.before, o.dependency.now
    shown = [t.format_percent(v) if v is not None else "—" for v in (before, now)]
    rising = before is not None and now is not None and now > before + 0.05
    return [
        Figure(
            t.format_percent(covered / total),
            t.gettext("of the mission topics have an active inside holder"),
            "good" if covered == total else "warn" if covered else "risk",
        ),
        Figure(
            f"{shown[0]} → {shown[1]}",
            t.gettext("of the evidence made by outside people: before the mission → now"),
            "risk" if rising else "good",
        ),
        Figure(
            t.format_number(at_risk),
            t.ngettext("topic at risk", "topics at risk", at_risk),
            "risk" if at_risk else "good",
        ),
    ]


def headline(t: Translator, o: Overview) -> str:
    covered = [x.topic for x in o.topics if x.active_inside > 0]
    missing = [x.topic for x in o.topics if x.active_inside == 0]
    if not missing:
        return t.gettext("The expertise the mission needs exists inside the client.")
    if not covered:
        return t.gettext("None of the mission topics has an active inside holder yet.")
    return t.ngettext(
        "The expertise exists inside for %(covered)s; %(missing)s has no active inside holder yet.",
        "The expertise exists inside for %(covered)s; %(missing)s have no active inside"
        " holder yet.",
        len(missing),
    ) % {"covered": _topics(t, o, covered), "missing": _topics(t, o, missing)}


def summary(t: Translator, o: Overview) -> list[str]:
    covered = [x.topic for x in o.topics if x.active_inside > 0]
    risky = [x.topic for x in o.topics if topic_at_risk(x)]
    lines = [
        t.ngettext(
            "%(count)s of %(total)s mission topics has an active inside holder: %(topics)s.",
            "%(count)s of %(total)s mission topics have an active inside holder: %(topics)s.",
            len(covered),
        )
        % {
            "count": t.format_number(len(covered)),
            "total": t.format_number(len(o.topics)),
            "topics": _topics(t, o, covered) or "—",
        }
    ]
    before, now = o.dependency.before, o.dependency.now
    if before is not None and now is not None:
        lines.append(
            t.gettext(
                "Outside people made %(now)s of the evidence on these topics over the last"
                " three months, against %(before)s before the mission."
            )
            % {"now": t.format_percent(now), "before": t.format_percent(before)}
        )
    lines.append(
        t.ngettext(
            "%(count)s topic is at risk: %(topics)s.",
            "%(count)s topics are at risk: %(topics)s.",
            len(risky),
        )
        % {"count": t.format_number(len(risky)), "topics": _topics(t, o, risky)}
        if risky
        else t.gettext("No topic is at risk.")
    )
    milestones = [m for p in o.plans for m in p.milestones]
    lines.append(
        t.ngettext(
            "Coaching: %(done)s of %(total)s milestone done, %(late)s late.",
            "Coaching: %(done)s of %(total)s milestones done, %(late)s late.",
            len(milestones),
        )
        % {
            "done": t.format_number(sum(m.status == "done" for m in milestones)),
            "total": t.format_number(len(milestones)),
            "late": t.format_number(sum(m.status == "late" for m in milestones)),
        }
    )
    lines.append(_roadmap_line(t, o))
    return lines


def _roadmap_line(t: Translator, o: Overview) -> str:
    rows = o.roadmap.rows
    if not rows:
        return t.gettext("No roadmap after the mission yet.")
    owners = len({r.person_id for r in rows})
    return t.ngettext(
        "After the mission: %(count)s milestone with %(owners)s inside owners, reviewed"
        " from %(first)s to %(last)s.",
        "After the mission: %(count)s milestones with %(owners)s inside owners, reviewed"
        " from %(first)s to %(last)s.",
        len(rows),
    ) % {
        "count": t.format_number(len(rows)),
        "owners": t.format_number(owners),
        "first": t.format_date(min(r.review for r in rows), "medium"),
        "last": t.format_date(max(r.review for r in rows), "medium"),
    }


def risks(t: Translator, o: Overview) -> list[Risk]:
    found = []
    partners = {row.topic: row for row in o.tandem}
    successors = {
        r.topic: r
        for r in o.roadmap.rows
        if r.person_id != (partners[r.topic].person_id if r.topic in partners else None)
    }
    for topic in o.topics:
        name = o.topic_name(topic.topic)
        heir = successors.get(topic.topic)
        owner = heir.owner if heir and heir.named else t.gettext("an inside owner")
        if topic.active_inside == 0:
            risk = (
                t.gettext(
                    "%(topic)s: no active inside holder; outside people hold %(share)s of the"
                    " evidence."
                )
                % {"topic": name, "share": t.format_percent(topic.outside_share)}
                if topic.outside_share >= 0.5
                else t.gettext("%(topic)s: nobody inside has strong and recent evidence on it.")
                % {"topic": name}
            )
            found.append(
                Risk(
                    risk,
                    t.gettext(
                        "Name %(owner)s for %(topic)s now and have the consultant hand"
                        " over in tandem before the end of the mission."
                    )
                    % {"owner": owner, "topic": name},
                )
            )
        elif topic.inside_bus_factor <= 1:
            found.append(
                Risk(
                    t.gettext("%(topic)s: half of the inside evidence rests on one person.")
                    % {"topic": name},
                    t.gettext(
                        "Pair %(owner)s with the holder of %(topic)s and review their"
                        " first answers within two months."
                    )
                    % {"owner": owner, "topic": name},
                )
            )
    late = [m for p in o.plans for m in p.milestones if m.status in ("late", "behind")]
    if late:
        found.append(
            Risk(
                t.ngettext(
                    "%(count)s coaching milestone is late or behind.",
                    "%(count)s coaching milestones are late or behind.",
                    len(late),
                )
                % {"count": t.format_number(len(late))},
                t.gettext("Agree protected time for coaching with the managers concerned."),
            )
        )
    return found


def build(t: Translator, o: Overview) -> Deliverable:
    e = o.engagement
    months, transfer = content.transfer_rows(t, o)
    period = t.format_period(e.start, e.end)
    return Deliverable(
        lang=t.lang,
        title=e.name,
        client=e.client or "",
        date=t.format_date(o.as_of),
        authors=t.format_list(e.consultants),
        period=period,
        confidential=t.gettext("Confidential: prepared for the leadership of %(client)s.")
        % {"client": e.client}
        if e.client
        else t.gettext("Confidential: prepared for the client's leadership."),
        goal=e.goal or "",
        headline=headline(t, o),
        summary=summary(t, o),
        figures=figures(t, o),
        topics=[content.topic_section(t, o, topic) for topic in o.topics],
        tandem=content.tandem_rows(t, o),
        pairs=content.pair_lines(t, o),
        plans=content.plan_sections(t, o),
        transfer_months=months,
        transfer=transfer,
        roadmap=content.roadmap_rows(t, o),
        roadmap_note=" ".join(
            ([words.assumed_end(t, o.roadmap.assumed_end)] if o.roadmap.assumed_end else [])
            + [
                t.gettext(
                    "Proposed from the tandem and the topics' successors; to be agreed with the"
                    " sponsors."
                )
            ]
            * o.roadmap.proposed
        ),
        risks=risks(t, o),
        stakeholders=content.stakeholder_rows(t, o),
        stakeholders_note=words.not_named(t, o.stakeholders_others, o.min_group_size),
    )

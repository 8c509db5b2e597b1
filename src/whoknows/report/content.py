"""The deliverable's content in one language: every sentence the report and the deck show,
built once from an engagement's leadership overview (people named only with consent)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from whoknows.i18n import Translator
from whoknows.report import words
from whoknows.vocab import MilestoneKind, kind_word

if TYPE_CHECKING:  # types only: the services load when a report is made
    from whoknows.services.engagement_rows import Overview, TandemRow, TopicOverview


@dataclass
class Link:
    text: str
    url: str | None
    note: str  # kind and date


@dataclass
class CarrierView:
    name: str
    title: str | None
    note: str  # share of the evidence, latest evidence
    evidence: list[Link]


@dataclass
class TopicSection:
    label: str
    name: str
    at_risk: bool
    verdict: str
    carriers: list[CarrierView]
    others: str
    concentration: str
    outside: str
    claims: str
    unrecognised: str


@dataclass
class Row:
    """A table row of already-worded cells, with a tone for the status cell."""

    cells: list[str]
    tone: str = ""


@dataclass
class PlanSection:
    person: str
    heading: str
    helpers: str
    rows: list[Row]
    done: int
    total: int


@dataclass
class Risk:
    risk: str
    recommendation: str


@dataclass
class Figure:
    value: str
    label: str
    tone: str  # good, warn, risk


@dataclass
class Deliverable:
    lang: str
    title: str
    client: str
    date: str
    authors: str
    period: str
    confidential: str
    goal: str
    headline: str
    summary: list[str]
    figures: list[Figure]
    topics: list[TopicSection]
    tandem: list[Row]
    pairs: list[str]
    plans: list[PlanSection]
    transfer_months: list[str]
    transfer: list[Row]
    roadmap: list[Row]
    roadmap_note: str
    risks: list[Risk]
    stakeholders: list[Row]
    stakeholders_note: str
    notes: dict[str, list[str]] = field(default_factory=dict)  # speaker notes per section
    # plug-in sections (whoknows.report.sections) by the built-in section they follow
    extra: dict[str, list[Any]] = field(default_factory=dict)


def topic_at_risk(topic: TopicOverview) -> bool:
    """No active inside holder, one person inside holding it, or mostly held outside."""
    return topic.active_inside == 0 or topic.inside_bus_factor <= 1 or topic.outside_share >= 0.5


def _link(t: Translator, link: object) -> Link:
    title = getattr(link, "title", None) or t.gettext("untitled")
    day = getattr(link, "date", None)
    note = kind_word(t, str(getattr(link, "kind", "")))
    if day:
        note = f"{note}, {t.format_date(day, 'medium')}"
    return Link(title, getattr(link, "url", None), note)


def _carriers(t: Translator, topic: TopicOverview) -> list[CarrierView]:
    return [
        CarrierView(
            c.name,
            c.title,
            t.gettext("%(share)s of the topic's evidence; latest on %(date)s")
            % {
                "share": t.format_percent(c.share),
                "date": t.format_date(c.last, "medium") if c.last else "—",
            },
            [_link(t, e) for e in c.evidence],
        )
        for c in topic.carriers
    ]


def topic_section(t: Translator, o: Overview, topic: TopicOverview) -> TopicSection:
    name, k = o.topic_name(topic.topic), o.min_group_size
    carriers = _carriers(t, topic)
    if topic.items == 0:
        verdict = t.gettext("No evidence on this topic yet: a gap to plan for.")
    elif topic.active_inside == 0 and topic.outside_share >= 0.5:
        verdict = t.gettext("No active inside holder: the topic depends on outside people.")
    elif topic.active_inside == 0:
        verdict = t.gettext("No active inside holder: nobody inside has strong, recent evidence.")
    elif topic_at_risk(topic):
        verdict = t.gettext("Carried inside, but by too few people.")
    else:
        verdict = t.gettext("Carried inside by several people.")
    concentration = (
        t.ngettext(
            "Half of the inside evidence is held by %(count)s person.",
            "Half of the inside evidence is held by %(count)s people.",
            topic.inside_bus_factor,
        )
        % {"count": t.format_number(topic.inside_bus_factor)}
        if topic.inside_bus_factor
        else t.gettext("No inside evidence.")
    )
    outside = ""
    if topic.outside_share >= 0.005:
        outside = t.gettext(
            "Outside people hold %(share)s of the evidence, the mission's consultants"
            " %(consultants)s."
        ) % {
            "share": t.format_percent(topic.outside_share),
            "consultants": t.format_percent(topic.consultant_share),
        }
    claim_names = topic.claims + (
        [words.not_named(t, topic.claims_others, k)] if topic.claims_others != 0 else []
    )
    claims = (
        t.gettext("Claimed, still to be evidenced: %(people)s.")
        % {"people": t.format_list(claim_names)}
        if claim_names
        else ""
    )
    unrecognised = (
        t.gettext("Under-recognised expert (strong evidence, little recognition): %(people)s.")
        % {"people": t.format_list(topic.hidden)}
        if topic.hidden
        else ""
    )
    return TopicSection(
        topic.topic,
        name,
        topic_at_risk(topic),
        verdict,
        carriers,
        words.not_named(t, topic.others, k),
        concentration,
        outside,
        claims,
        unrecognised,
    )


def tandem_rows(t: Translator, o: Overview) -> list[Row]:
    rows = []
    for row in o.tandem:
        name = o.topic_name(row.topic)
        if row.person_id is None:
            rows.append(
                Row(
                    [
                        name,
                        t.gettext("nobody yet"),
                        t.gettext("No active inside holder: a gap to plan for."),
                    ],
                    "risk",
                )
            )
            continue
        if row.named:
            rows.append(Row([name, row.partner or "", tandem_why(t, row)]))
            continue
        # an unnamed person's figures (strength, latest date) could point to them
        why = t.gettext("Their figures are shown once they agree to be named.")
        rows.append(Row([name, t.gettext("proposed, not named yet"), why]))
    return rows


def tandem_why(t: Translator, row: TandemRow) -> str:
    """Why an inside partner is suggested, in words (the report, the CLI and the web page)."""
    return t.gettext(
        "Strength %(strength)s (%(share)s of the strongest inside); latest evidence"
        " %(date)s; recognition %(recognition)s."
    ) % {
        "strength": t.format_number(row.strength, 1),
        "share": t.format_percent(row.of_strongest),
        "date": t.format_date(row.last, "medium") if row.last else "—",
        "recognition": t.format_percent(row.recognition),
    }


def pair_lines(t: Translator, o: Overview) -> list[str]:
    lines = []
    for label in o.topic_names or {p.topic: p.topic for p in o.pairs}:
        pairs = [p for p in o.pairs if p.topic == label and p.expert_named]
        named = [p.learner for p in pairs if p.learner_named]
        hidden = sum(not p.learner_named for p in pairs)
        if not pairs:
            continue
        experts = t.format_list(list(dict.fromkeys(p.expert for p in pairs)))
        learners = named + (
            [
                words.not_named(
                    t, hidden if hidden >= o.min_group_size else None, o.min_group_size, "learners"
                )
            ]
            if hidden
            else []
        )
        lines.append(
            t.gettext("%(topic)s: %(experts)s with %(learners)s")
            % {
                "topic": o.topic_name(label),
                "experts": experts,
                "learners": t.format_list(learners),
            }
        )
    return lines


def plan_sections(t: Translator, o: Overview) -> list[PlanSection]:
    sections = []
    for plan in o.plans:
        rows = []
        for m in plan.milestones:
            rows.append(
                Row(
                    [
                        words.criterion(t, m.kind, m.target, o.topic_name(m.skill)),
                        t.format_date(m.due_date, "medium"),
                        words.measured(t, m.kind, m.value, m.target),
                        words.status(t, m.status),
                    ],
                    str(m.status).replace(" ", "-"),
                )
            )
        helpers = list(dict.fromkeys(h for names in plan.helpers.values() for h in names))
        sections.append(
            PlanSection(
                plan.person,
                t.gettext("%(person)s develops %(skills)s")
                % {
                    "person": plan.person,
                    "skills": t.format_list([o.topic_name(s) for s in plan.skills]),
                },
                t.gettext("Helped by %(people)s.") % {"people": t.format_list(helpers)}
                if helpers
                else "",
                rows,
                sum(m.status == "done" for m in plan.milestones),
                len(plan.milestones),
            )
        )
    return sections


def transfer_rows(t: Translator, o: Overview) -> tuple[list[str], list[Row]]:
    """The transfer table: the same months as the chart, the three-month trend."""
    if not o.transfer:
        return [], []
    months = [t.format_month(m) for m in o.transfer[0].months]
    rows = [
        Row([o.topic_name(s.topic)] + ["—" if v is None else t.format_percent(v) for v in s.trend])
        for s in o.transfer
    ]
    return months, rows


def roadmap_rows(t: Translator, o: Overview) -> list[Row]:
    rows = []
    for r in sorted(o.roadmap.rows, key=lambda r: (r.due, r.topic)):
        owner = r.owner if r.named else t.gettext("an inside owner, not named yet")
        criterion = words.criterion(t, r.kind, r.target, o.topic_name(r.topic))
        if r.kind != MilestoneKind.STRENGTH:
            criterion = t.gettext("%(criterion)s from %(start)s") % {
                "criterion": criterion,
                "start": t.format_date(r.made, "medium"),
            }
        rows.append(
            Row(
                [
                    t.format_date(r.due, "medium"),
                    owner,
                    criterion,
                    t.format_date(r.review, "medium"),
                    words.status(t, r.status),
                ],
                str(r.status).replace(" ", "-"),
            )
        )
    return rows


def stakeholder_rows(t: Translator, o: Overview) -> list[Row]:
    return [
        Row(
            [
                s.name,
                ", ".join(x for x in (s.title, s.department) if x),
                words.stance(t, s.stance),
                t.gettext("%(value)s of 5") % {"value": t.format_number(s.influence)},
                s.notes or "",
            ]
        )
        for s in o.stakeholders
    ]

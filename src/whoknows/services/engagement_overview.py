"""The overview of an engagement for one audience, as of one day: what the report, the deck
and the engagement page show. Built by :func:`build_overview` from the engagement service."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Protocol

from whoknows.engage import analysis, model
from whoknows.engage.model import Engagement
from whoknows.identity.addresses import mask_addresses
from whoknows.insights.claims import parse_free_text
from whoknows.insights.holding import EVIDENCED, holders
from whoknows.insights.network import centrality
from whoknows.insights.topics import TopicSpace
from whoknows.services.engagement_rows import (
    Audience,
    Carrier,
    EngagementHeader,
    Namer,
    Overview,
    PairRow,
    PlanView,
    Roadmap,
    StakeholderRow,
    TandemRow,
    TopicOverview,
    crowd,
)
from whoknows.services.insights import parse_topic

if TYPE_CHECKING:
    from whoknows.engage.analysis import TransferSeries
    from whoknows.privacy.masking import MentionMatcher
    from whoknows.services.insights import InsightsService
    from whoknows.services.workspace import Workspace


class EngagementViews(Protocol):
    """What the overview reads from the engagement service (its parts, one per section)."""

    workspace: Workspace
    insights: InsightsService

    def tandem(self, reference: str, audience: Audience = ...) -> list[TandemRow]: ...

    def pairs(self, reference: str, audience: Audience = ...) -> list[PairRow]: ...

    def stakeholders(
        self, reference: str, tandem: list[TandemRow] | None = ..., audience: Audience = ...
    ) -> list[StakeholderRow]: ...

    def plans(
        self, reference: str, audience: Audience = ..., as_of: str | date | None = ...
    ) -> list[PlanView]: ...

    def transfer(self, reference: str, as_of: str | date | None = ...) -> list[TransferSeries]: ...

    def roadmap(
        self, reference: str, audience: Audience = ..., as_of: str | date | None = ...
    ) -> Roadmap: ...


CARRIERS = 3  # named carriers shown per topic
EVIDENCE_PER_CARRIER = 3


def build_overview(
    service: EngagementViews, engagement: Engagement, audience: Audience, as_of: date
) -> Overview:
    workspace = service.workspace
    k = workspace.settings.min_group_size
    name = Namer(workspace.directory(), engagement, audience)
    reference = engagement.name
    claims = pending_claims(workspace.store().conn, workspace.topic_space(), engagement.topics)
    topics = [
        topic_overview(service, engagement, name, label, claims.get(label, set()), k)
        for label in engagement.topics
    ]
    labels = set(engagement.topics)
    tandem = service.tandem(reference, audience)
    gaps = [g for g in service.insights.gaps() if g.topic in labels or g.outsider_share >= 0.5]
    stakeholders = service.stakeholders(reference, tandem, audience)
    transfer = service.transfer(reference, as_of)
    plans = [p for p in service.plans(reference, audience, as_of) if p.named]
    roadmap = service.roadmap(reference, audience, as_of)
    # every topic the overview shows, named alike: the engagement's, then what the plans
    # coach and the roadmap measures
    shown = [*engagement.topics, *(s for p in plans for s in p.skills)]
    shown += [r.topic for r in roadmap.rows]
    return Overview(
        engagement=EngagementHeader(
            engagement.name,
            engagement.client,
            engagement.goal,
            engagement.start_date,
            engagement.end_date,
            [name(p) for p in engagement.consultants],
        ),
        topics=topics,
        gaps=gaps,
        tandem=tandem,
        pairs=service.pairs(reference, audience),
        stakeholders=[s for s in stakeholders if s.named],
        plans=plans,
        transfer=transfer,
        roadmap=roadmap,
        dependency=analysis.dependency(transfer, engagement.start_date),
        as_of=as_of.isoformat(),
        audience=audience,
        min_group_size=k,
        stakeholders_others=crowd(sum(not s.named for s in stakeholders), k),
        topic_names=topic_names(workspace.store().conn, list(dict.fromkeys(shown))),
    )


_WORD = r"(?<![\w-]){}(?![\w-])"


def topic_names(conn: sqlite3.Connection, labels: list[str]) -> dict[str, str]:
    """Each topic as the consultant wrote it in capitals ("IAM", "iOS"), else as people
    write it in titles ("EDI", "Kafka"): a capitalised spelling when at least a quarter of the
    mentions use one, else the most common spelling. A topic that titles only write in
    lowercase, or never mention (a common noun such as "observability" lives in message
    bodies), is named as a label, its first letter capitalised ("Observability"), so that no
    topic of a table, a chart or a sentence reads differently from the others."""
    import re
    from collections import Counter

    names = _as_consultants_wrote(conn, labels)
    for label in labels:
        if label in names:
            continue
        pattern = re.compile(_WORD.format(re.escape(label)), re.IGNORECASE)
        forms: Counter[str] = Counter()
        for (title,) in conn.execute(
            "SELECT title FROM items WHERE title LIKE ? LIMIT 2000", (f"%{label}%",)
        ):
            forms.update(pattern.findall(title or ""))
        total = sum(forms.values())
        capitalised = [(n, f) for f, n in forms.most_common() if f != f.lower()]
        if capitalised and capitalised[0][0] * 4 >= total:
            names[label] = capitalised[0][1]
        else:
            name = forms.most_common(1)[0][0] if forms else label
            names[label] = name[:1].upper() + name[1:] if name == name.lower() else name
    return names


def _as_consultants_wrote(conn: sqlite3.Connection, labels: list[str]) -> dict[str, str]:
    """The topics of ``labels`` an engagement names with capitals past the first letter
    ("IAM", "iOS", "GraphQL": a first capital alone is a sentence's), as its consultant wrote
    them (the latest engagement's spelling where two differ)."""
    wanted = set(labels)
    rows = conn.execute(
        "SELECT topic, written FROM engagement_topics"
        " WHERE substr(written, 2) != lower(substr(written, 2)) ORDER BY engagement_id"
    ).fetchall()
    return {topic: written for topic, written in rows if topic in wanted}


def pending_claims(
    conn: sqlite3.Connection, space: TopicSpace, labels: list[str]
) -> dict[str, set[int]]:
    """topic -> people who claim it (the app, the directory or a profile text); only the
    profile texts that mention a topic are parsed."""
    wanted = {label.lower() for label in labels}
    found: dict[str, set[int]] = defaultdict(set)
    for person, skill in conn.execute("SELECT person_id, lower(skill) FROM claims"):
        if skill in wanted:
            found[skill].add(person)
    words = {label: label.replace("-", " ") for label in wanted}
    for person, text in conn.execute("SELECT person_id, text FROM profile_texts"):
        lowered = (text or "").lower()
        if any(word in lowered for word in words.values()):
            for skill in parse_free_text(space, text):
                if skill.lower() in wanted:
                    found[skill.lower()].add(person)
    return found


def _bus_factor(strengths: list[float]) -> int:
    total = sum(strengths)
    cumulative, count = 0.0, 0
    for value in sorted(strengths, reverse=True):
        if total <= 0 or cumulative >= total / 2:
            break
        cumulative += value
        count += 1
    return count


def topic_overview(
    service: EngagementViews,
    engagement: Engagement,
    name: Namer,
    label: str,
    claimants: set[int],
    k: int,
) -> TopicOverview:
    workspace = service.workspace
    directory = workspace.directory()
    topic_map = service.insights.topic_map(label)
    evidence = workspace.topic_space().evidence_on(parse_topic(label.replace("-", " ")))
    inside = analysis.inside_people(engagement, directory)
    strength = {p: v for p, v in evidence.strength.items() if p in directory}
    total = sum(strength.values()) or 1.0
    held = holders(strength)
    active = [h for h in topic_map.holders if h.person_id in held & inside and h.active]
    carriers = [
        Carrier(
            h.person_id,
            h.name,
            h.title,
            h.strength,
            h.share,
            h.last,
            service.insights.item_links(
                [item for item, _, _ in evidence.item_votes.get(h.person_id, [])][
                    :EVIDENCE_PER_CARRIER
                ]
            ),
        )
        for h in active
        if name.named(h.person_id)
    ][:CARRIERS]
    hidden = service.insights.hidden_experts(label).hidden_experts
    pending = sorted(p for p in claimants if p in inside and strength.get(p, 0.0) < EVIDENCED)
    return TopicOverview(
        topic=label,
        items=topic_map.items,
        inside=[h.name for h in active if name.named(h.person_id)],
        bus_factor=topic_map.bus_factor,
        active_in_bus_group=topic_map.of_whom_active,
        departments=topic_map.departments,
        hidden=[
            name(h.person_id) for h in hidden if h.person_id in inside and name.named(h.person_id)
        ],
        carriers=carriers,
        others=crowd(sum(not name.named(h.person_id) for h in active), k),
        active_inside=len(active),
        inside_bus_factor=_bus_factor([v for p, v in strength.items() if p in inside]),
        outside_share=sum(v for p, v in strength.items() if p not in inside) / total,
        consultant_share=sum(strength.get(p, 0.0) for p in engagement.consultants) / total,
        claims=[name(p) for p in pending if name.named(p)],
        claims_others=crowd(sum(not name.named(p) for p in pending), k),
    )


def stakeholder_rows(
    workspace: Workspace, engagement: Engagement, tandem: list[TandemRow], audience: Audience
) -> list[StakeholderRow]:
    """Recorded stakeholders, consultants and tandem partners; influence suggested from the
    network until the consultant sets it; no title, department or notes for people not named."""
    directory = workspace.directory()
    name = Namer(directory, engagement, audience)
    conn = workspace.store().conn
    degree, betweenness = centrality(workspace.evidence(), directory).as_dicts()
    recorded = model.stakeholders(conn, engagement.id)
    hidden = workspace.hidden_mentions()
    people = set(recorded) | set(engagement.consultants)
    people |= {t.person_id for t in tandem if t.person_id}
    rows = []
    for person_id in sorted(p for p in people if p in directory):
        info, named = directory.people[person_id], name.named(person_id)
        record = recorded.get(person_id)
        suggested = analysis.suggested_influence(degree, betweenness, person_id)
        rows.append(
            StakeholderRow(
                person_id=person_id,
                name=name(person_id),
                title=info.title if named else None,
                department=info.department if named else None,
                stance=record.stance if record else "unknown",
                influence=record.influence if record and record.influence else suggested,
                influence_suggested=suggested,
                notes=_shown_notes(hidden, record.notes) if record and named else None,
                named=named,
            )
        )
    return sorted(rows, key=lambda r: directory.people[r.person_id].name)


def _shown_notes(hidden: MentionMatcher, notes: str | None) -> str | None:
    """A stakeholder's notes as every reader sees them (the page, the report, the deck, the
    CLI): hidden people's mentions masked, and no address whole ("contact
    s•••@corvid.example"). The stored notes keep what their writer typed."""
    masked = hidden.mask(notes)
    return mask_addresses(masked) if masked else masked

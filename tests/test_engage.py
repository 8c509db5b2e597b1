"""Engagements end to end on the sample organization: tandem, pairs, stakeholders, coaching
with progress across two ingests, milestones on the calendar, the roadmap, transfer, the CLI.
The deliverable itself (PDF, deck, languages) is checked in test_report.py."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from whoknows.cli.main import cli
from whoknows.demo import load_engagement, set_up_engagement, write_later_exports
from whoknows.engage.milestones import status
from whoknows.errors import UsageError
from whoknows.services import Audience
from whoknows.services.engagement_rows import crowd
from whoknows.vocab import MilestoneStatus

AS_OF = "2026-12-01"  # the day the demo's report is written
PLAN_MADE = "2026-09-15"  # Derek's coaching plan, two weeks into the mission


def engage_demo(service) -> None:
    """The demo engagement, with Derek's plan made on PLAN_MADE (not on the day tests run)."""
    set_up_engagement(service)
    service.engagements.coach(ENGAGEMENT, "Derek Hollis", ["kafka"], made=PLAN_MADE)


ENGAGEMENT = load_engagement().name


@pytest.fixture
def engaged(demo, tmp_path):
    engage_demo(demo)
    return demo


def milestones(service, as_of: str = AS_OF) -> dict[str, dict]:
    (plan,) = service.engagements.plans(ENGAGEMENT, as_of=as_of)
    assert plan.person == "Derek Hollis" and plan.skills == ["kafka"]
    return {m.kind: m for m in plan.milestones}


def test_tandem_prefers_under_recognised_experts_and_spreads_load(engaged) -> None:
    tandem = {row.topic: row for row in engaged.engagements.tandem(ENGAGEMENT)}
    assert tandem["kubernetes"].partner == "Inès Moreau"
    assert tandem["kubernetes"].recognition < 0.4, "her title says Accounts Payable"
    assert "(Accounts Payable Specialist)" in tandem["kubernetes"].why
    assert tandem["kafka"].partner == "Aiko Tanaka"
    assert tandem["edi"].partner is None and "coverage gap" in tandem["edi"].why
    partners = [row.person_id for row in tandem.values() if row.person_id]
    assert len(partners) == len(set(partners)), "nobody carries every topic"
    assert all(row.partner != "Olivia Grant" for row in tandem.values())


def test_pairs_spread_knowledge_held_by_few(engaged) -> None:
    pairs = engaged.engagements.pairs(ENGAGEMENT)
    kafka = [p for p in pairs if p.topic == "kafka"]
    assert kafka and {p.expert for p in kafka} == {"Aiko Tanaka"}
    assert "Derek Hollis" in {p.learner for p in kafka}, "he claims kafka: a learner"
    assert all(p.expert_id != p.learner_id for p in pairs)


def test_stakeholder_map_with_stances_and_suggested_influence(engaged) -> None:
    rows = {row.name: row for row in engaged.engagements.stakeholders(ENGAGEMENT)}
    assert rows["Helen Baptiste"].stance == "sponsor" and rows["Helen Baptiste"].influence == 5
    assert rows["Mateo Rossi"].stance == "opposed" and rows["Mateo Rossi"].notes
    assert 1 <= rows["Inès Moreau"].influence <= 5 and rows["Inès Moreau"].stance == "unknown"
    engaged.engagements.set_stakeholder(
        ENGAGEMENT, "Inès Moreau", influence=4, notes="knows the culture"
    )
    rows = {r.name: r for r in engaged.engagements.stakeholders(ENGAGEMENT)}
    assert rows["Inès Moreau"].influence == 4
    with pytest.raises(UsageError):
        engaged.engagements.set_stakeholder(ENGAGEMENT, "Inès Moreau", stance="hostile")


def test_coaching_progress_moves_with_a_later_ingest(engaged, tmp_path: Path) -> None:
    before = milestones(engaged)
    assert before["items"].value == 0 and before["items"].status == "late"
    plan = engaged.engagements.plans(ENGAGEMENT)[0]
    assert plan.helpers["kafka"][0] == "Aiko Tanaka" and plan.material["kafka"]
    (later,) = write_later_exports(tmp_path)
    report = engaged.ingest.ingest(later.connector, later.path, options=later.options)
    assert report.items_added > 0
    after = milestones(engaged)
    assert after["items"].value == 2 and after["items"].status == "done"
    assert after["accepted"].value >= 1 and after["accepted"].status == "done"
    assert after["strength"].value > before["strength"].value


def test_transfer_over_time_gains_a_month_with_the_second_ingest(engaged, tmp_path) -> None:
    before = {s.topic: s for s in engaged.engagements.transfer(ENGAGEMENT)}
    (later,) = write_later_exports(tmp_path)
    engaged.ingest.ingest(later.connector, later.path, options=later.options)
    after = {s.topic: s for s in engaged.engagements.transfer(ENGAGEMENT)}
    assert after["kafka"].months[-1] == "2026-11" != before["kafka"].months[-1]
    assert after["kafka"].inside_share[-1] == 1.0
    assert after["kafka"].inside_experts[-1] >= 2, "Aiko and Derek answered in November"
    assert after["edi"].inside_share[-1] == 0.0, "still only the consultant"


def test_milestones_are_dated_from_the_plan_and_judged_against_the_day(engaged) -> None:
    before = milestones(engaged)
    assert before["items"].due_date == "2026-10-30", "45 days after the plan, not the start"
    assert before["strength"].due_date == "2027-01-13", "may fall after the engagement's end"
    assert before["items"].status == MilestoneStatus.LATE
    early = milestones(engaged, as_of="2026-09-20")
    assert early["items"].status == MilestoneStatus.ON_TRACK
    assert milestones(engaged, as_of="2026-09-01")["items"].status == MilestoneStatus.PLANNED
    # a plan made today is not already late
    plan = engaged.engagements.coach(ENGAGEMENT, "Raj Patel", ["kafka"], made=AS_OF)
    assert {m.status for m in plan.milestones} == {MilestoneStatus.ON_TRACK}
    assert plan.milestones[0].due_date == "2027-01-15"


def test_the_status_rule() -> None:
    day = date.fromisoformat
    # the case: read on 1 December, due 30 November, 0 of 1: late, not "on track"
    assert status(0, 1, day("2026-09-01"), day("2026-11-30"), day("2026-12-01")) == "late"
    assert status(1, 1, day("2026-09-01"), day("2026-11-30"), day("2026-12-01")) == "done"
    assert status(0, 2, day("2026-09-01"), day("2026-12-01"), day("2026-11-20")) == "behind"
    assert status(1, 2, day("2026-09-01"), day("2026-12-01"), day("2026-11-20")) == "on track"
    assert status(0, 2, day("2027-01-01"), day("2027-03-01"), day("2026-12-01")) == "planned"


def test_roadmap_after_the_mission(engaged) -> None:
    roadmap = engaged.engagements.roadmap(ENGAGEMENT, as_of=AS_OF)
    assert roadmap.proposed and len(roadmap.rows) >= 4
    consultant = engaged.people.resolve("Olivia Grant")
    for row in roadmap.rows:
        assert row.due > "2026-12-18" and row.review >= row.due and row.made == "2026-12-18"
        assert row.person_id != consultant, "each milestone has an inside owner"
        assert row.status == MilestoneStatus.PLANNED
    assert {r.topic for r in roadmap.rows} == {"kubernetes", "kafka", "observability", "edi"}
    saved = engaged.engagements.save_roadmap(ENGAGEMENT)
    assert not saved.proposed and len(saved.rows) == len(roadmap.rows)
    engaged.engagements.add_roadmap_milestone(
        ENGAGEMENT, "Aiko Tanaka", "kafka", "accepted", 2, "2027-04-01", "2027-04-15"
    )
    rows = engaged.engagements.roadmap(ENGAGEMENT, as_of="2027-04-20").rows
    added = next(r for r in rows if r.kind == "accepted")
    assert added.review == "2027-04-15" and added.status == MilestoneStatus.LATE
    with pytest.raises(UsageError, match="not after the end"):
        engaged.engagements.add_roadmap_milestone(
            ENGAGEMENT, "Aiko Tanaka", "kafka", "items", 2, "2026-12-01"
        )


def test_leadership_names_only_with_consent_and_groups_of_k(engaged) -> None:
    assert crowd(0, 5) == 0 and crowd(3, 5) is None and crowd(7, 5) == 7
    engaged.engagements.set_consent(ENGAGEMENT, "Raj Patel", "no")
    overview = engaged.engagements.overview(ENGAGEMENT, Audience.LEADERSHIP, AS_OF)
    assert overview.stakeholders and all(row.named for row in overview.stakeholders)
    assert all(s.name != "Raj Patel" for s in overview.stakeholders)
    assert overview.stakeholders_others is None, "fewer than k people not named: no count"
    for topic in overview.topics:
        assert "Raj Patel" not in topic.inside + topic.claims + topic.hidden
        assert topic.others in (0, None) or topic.others >= overview.min_group_size
    everyone = engaged.engagements.overview(ENGAGEMENT, Audience.CONSULTANT, AS_OF)
    assert any("Raj Patel" in t.inside + t.claims for t in everyone.topics)


def test_progress_cli_and_report_agree(engaged) -> None:
    workspace = str(engaged.settings.workspace)
    result = CliRunner().invoke(
        cli,
        ["-q", "--workspace", workspace, "engagement", "progress", ENGAGEMENT, "--as-of", AS_OF],
    )
    assert result.exit_code == 0, result.output
    plan = engaged.engagements.overview(ENGAGEMENT, Audience.LEADERSHIP, AS_OF).plans[0]
    for milestone in plan.milestones:
        assert f"({milestone.status})" in result.output
    assert "0 of 2 (late)" in result.output and "2.0 / " not in result.output


def test_an_engagement_keeps_its_topics_capitals_and_says_an_open_end(demo) -> None:
    """An engagement on "IAM" was shown "Iam" (topics are stored lower-case, and no title
    wrote IAM); without an end date the French said "du 1 sept. 2026 au sans date de fin"."""
    base = ["-q", "--workspace", str(demo.settings.workspace)]
    runner = CliRunner()
    create = "engagement create Access --topic IAM --topic kafka --start 2026-09-01"
    result = runner.invoke(cli, [*base, *shlex.split(create)])
    assert result.output == "engagement Access created with topics IAM and Kafka\n"
    shown = runner.invoke(cli, [*base, "engagement", "show", "Access"]).output.splitlines()
    assert shown[:2] == [
        "Access (from September 1, 2026, no end date set); consultants: none named yet",
        "  IAM: inside nobody active; no evidence yet",
    ]
    french = runner.invoke(cli, [*base, "--lang", "fr", "engagement", "list"]).output
    assert "Access  (depuis le 1er sept. 2026, sans date de fin)" in french
    backwards = "engagement create Back --topic kafka --start 2026-09-01 --end 2026-08-01"
    result = runner.invoke(cli, [*base, *shlex.split(backwards)])
    assert result.exit_code == 2 and result.stderr == (
        "error: --end '2026-08-01' is before --start '2026-09-01'; give an end on or after"
        " the start\n"
    )
    assert "Back" not in runner.invoke(cli, [*base, "engagement", "list"]).output
    roadmap = runner.invoke(cli, [*base, "engagement", "roadmap", "Access"]).output
    assert roadmap.startswith(
        "The mission has no end date: the roadmap counts from December 30, 2026, 120 days"
        " after its start.\n"
    )
    # a topic nobody holds: no "held by 0 people", no bar drawn as 100% inside
    from whoknows.i18n import translator
    from whoknows.report import content

    overview = demo.engagements.overview("Access")
    [iam] = [topic for topic in overview.topics if topic.topic == "iam"]
    section = content.topic_section(translator("en"), overview, iam)
    assert iam.items == 0 and iam.inside_share == 0.0
    assert section.verdict == "No evidence on this topic yet: a gap to plan for."
    assert section.concentration == "No inside evidence."


@pytest.mark.full
def test_engagement_cli(engaged, tmp_path: Path) -> None:
    base = ["-q", "--workspace", str(engaged.settings.workspace)]
    runner = CliRunner()
    create = "engagement create 'Data platform' --topic kafka --topic forecasting"
    create += " --consultant 'Olivia Grant' --start 2026-10-01"
    result = runner.invoke(cli, [*base, *shlex.split(create)])
    assert result.exit_code == 0, result.output
    for args in (
        ["engagement", "list"],
        ["engagement", "show", "Data platform"],
        ["engagement", "tandem", "Data platform"],
        [
            "engagement",
            "stakeholders",
            "Data platform",
            "--person",
            "Omar Haddad",
            "--stance",
            "sponsor",
        ],
        ["engagement", "coach", "Data platform", "--person", "Derek Hollis"],
        ["engagement", "progress", "Data platform", "--as-of", "2026-11-01"],
        ["engagement", "transfer", "Data platform"],
        ["engagement", "roadmap", "Data platform", "--save"],
        ["report", "Data platform", "--out", str(tmp_path / "r"), "--lang", "fr"],
    ):
        result = runner.invoke(cli, [*base, *args])
        assert result.exit_code == 0, (args, result.output)
    assert (tmp_path / "r" / "data-platform.fr.pdf").stat().st_size > 10_000
    assert "écrit" in result.output, "the report command speaks French with --lang fr"
    bad = runner.invoke(
        cli, [*base, "engagement", "create", "X", "--topic", "kafka", "--start", "next week"]
    )
    assert bad.exit_code == 2 and "--start 'next week' is not a date" in bad.stderr


def test_an_earlier_day_counts_only_the_evidence_up_to_it(engaged) -> None:
    """Read on 31 October, no November month in the transfer, and a strength milestone counts
    only what was dated by then, decayed to that day."""
    from whoknows.engage.milestones import day_start, measure
    from whoknows.insights.topics import Topic

    series = engaged.engagements.transfer(ENGAGEMENT, "2026-10-31")
    assert series and all(line.months[-1] == "2026-10" for line in series)
    space = engaged.workspace.topic_space()
    [aiko] = [
        p for p, info in engaged.workspace.directory().people.items() if info.name == "Aiko Tanaka"
    ]
    early = measure(space, aiko, "kafka", "strength", date(2025, 1, 1), date(2026, 3, 1))
    late = measure(space, aiko, "kafka", "strength", date(2025, 1, 1), date(2026, 12, 1))
    assert 0 < early < late
    cut = day_start(date(2026, 3, 2))
    kafka = space.evidence_as_of(Topic("kafka", ("kafka",), "query"), cut)
    assert kafka.last and all(when < cut for when in kafka.last.values())

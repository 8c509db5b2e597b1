"""Engagements end to end on the sample organization: tandem, pairs, stakeholders, coaching
with progress across two ingests, transfer, the report's PDF and the deck's PPTX."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner
from pptx import Presentation

from whoknows.cli.main import cli
from whoknows.demo import load_engagement, set_up_engagement, write_later_exports
from whoknows.errors import UsageError
from whoknows.report import write_report

ENGAGEMENT = load_engagement().name


@pytest.fixture
def engaged(demo, tmp_path):
    set_up_engagement(demo)
    return demo


def milestones(service) -> dict[str, dict]:
    (plan,) = service.engagements.plans(ENGAGEMENT)
    assert plan.person == "Derek Hollis" and plan.skills == ["kafka"]
    return {m.kind: m for m in plan.milestones}


def test_tandem_prefers_under_recognised_experts_and_spreads_load(engaged) -> None:
    tandem = {row.topic: row for row in engaged.engagements.tandem(ENGAGEMENT)}
    assert tandem["kubernetes"].partner == "Inès Moreau"
    assert "recognition 0.3" in tandem["kubernetes"].why
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


def test_report_pdf_and_deck_name_people_with_consent(engaged, tmp_path: Path) -> None:
    engaged.engagements.set_consent(ENGAGEMENT, "Raj Patel", "no")
    files = write_report(engaged, ENGAGEMENT, tmp_path / "report")
    pdf = pypdfium2.PdfDocument(str(files.pdf))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for heading in (
        "Inside resources per topic",
        "Concentration risks and coverage gaps",
        "Proposed tandem",
        "Stakeholders",
        "Roadmap after the mission",
        "Skill transfer over time",
        "Who carries it on",
    ):
        assert heading in text
    assert "Inès Moreau" in text and "Aiko Tanaka" in text
    assert "Raj Patel" not in text and "(declined)" in text
    assert re.search(r"kafka evidenced \(strength 3\) by 18 December 2026", text)
    assert "@corvid.example" not in text
    deck = Presentation(str(files.pptx))
    slides = [
        "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in deck.slides
    ]
    assert slides[0].startswith(ENGAGEMENT)
    carry = next(s for s in slides if s.startswith("Who carries it on"))
    assert "Inès Moreau" in carry and "Aiko Tanaka" in carry and "Raj Patel" not in carry
    tandem = next(s for s in slides if s.startswith("Proposed tandem"))
    assert "kubernetes: Inès Moreau" in tandem
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) >= 2, "charts where people would rather look than read"
    assert files.html.read_text(encoding="utf-8").count("data:image/png;base64,") == 3


def test_engagement_cli(engaged, tmp_path: Path) -> None:
    workspace = str(engaged.settings.workspace)
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "-q",
            "--workspace",
            workspace,
            "engagement",
            "create",
            "Data platform",
            "--topic",
            "kafka",
            "--topic",
            "forecasting",
            "--consultant",
            "Olivia Grant",
            "--start",
            "2026-10-01",
        ],
    )
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
        ["engagement", "progress", "Data platform"],
        ["engagement", "transfer", "Data platform"],
        ["report", "Data platform", "--out", str(tmp_path / "r")],
    ):
        result = runner.invoke(cli, ["-q", "--workspace", workspace, *args])
        assert result.exit_code == 0, (args, result.output)
    assert (tmp_path / "r" / "data-platform.pdf").stat().st_size > 10_000
    bad = runner.invoke(
        cli,
        [
            "-q",
            "--workspace",
            workspace,
            "engagement",
            "create",
            "X",
            "--topic",
            "kafka",
            "--start",
            "next week",
        ],
    )
    assert bad.exit_code == 2 and "--start 'next week' is not a date" in bad.stderr

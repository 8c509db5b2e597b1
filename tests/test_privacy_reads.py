"""Reads of a person's data by someone else, and changes to their profile, all in the audit
log (B7 of a privacy officer's outside attack): listings of everyone's claims, `score`, the
engagement commands that show stakeholder notes and coaching plans, the comments API and an
admin's un-hiding of a person's topic left no row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from test_web import client, csrf
from whoknows.cli.main import cli
from whoknows.demo import load_engagement, set_up_engagement
from whoknows.services import Services

ENGAGEMENT = load_engagement().name
Row = tuple[str | None, str, int | None, str | None]


def _rows(service: Services) -> list[Row]:
    """(username, action, person id, detail), oldest first."""
    return [
        (r.username, r.action, r.person_id, r.detail)
        for r in reversed(service.privacy.audit_log(10_000))
        if r.action not in ("login", "login failed")
    ]


def _logged(workspace: Path) -> list[Row]:
    conn = sqlite3.connect(workspace / "whoknows.sqlite3")
    try:
        return conn.execute(
            "SELECT username, action, person_id, detail FROM audit_log ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _cli(workspace: Path, *args: str) -> list[Row]:
    """The audit rows one command writes."""
    before = len(_logged(workspace))
    result = CliRunner().invoke(cli, ["--quiet", "--workspace", str(workspace), *args])
    assert result.exit_code == 0, result.output
    return _logged(workspace)[before:]


def test_everyone_s_claims_write_a_read_of_each_person_shown(web) -> None:
    service, app = web
    consultant = client(app, "consultant")
    shown = consultant.get("/api/claims").json()
    assert shown
    rows = _rows(service)
    assert rows == [
        ("consultant", "view claims", person, "api")
        for person in dict.fromkeys(row["person_id"] for row in shown)
    ]
    assert client(app, "admin").get("/claims").status_code == 200
    page = [row for row in _rows(service)[len(rows) :] if row[0] == "admin"]
    assert page and all(r[1:] == ("view claims", r[2], "page") for r in page)


def test_the_comments_on_a_portfolio_are_a_read_of_it_but_one_s_own(web) -> None:
    service, app = web
    assert client(app, "viewer").get("/api/people/2/comments").status_code == 200
    assert _rows(service) == [("viewer", "view profile", 2, "api comments")]
    ines = service.people.resolve("Inès Moreau")
    assert client(app, "ines").get(f"/api/people/{ines}/comments").status_code == 200
    assert len(_rows(service)) == 1


def test_an_admin_un_hiding_a_person_s_topic_is_logged_her_own_choice_is_not(web) -> None:
    service, app = web
    ines_id = service.people.resolve("Inès Moreau")
    ines = client(app, "ines")
    page = ines.get(f"/people/{ines_id}")
    ines.post(f"/people/{ines_id}/hide", data={"csrf": csrf(page.text), "topic": "kubernetes"})
    assert service.insights.hidden_topics(ines_id) == ["kubernetes"]
    assert [r for r in _rows(service) if r[1] != "view profile"] == []

    admin = client(app, "admin")
    page = admin.get(f"/people/{ines_id}")
    answer = admin.post(
        f"/people/{ines_id}/unhide", data={"csrf": csrf(page.text), "topic": "kubernetes"}
    )
    assert answer.status_code == 200 and service.insights.hidden_topics(ines_id) == []
    changes = [r for r in _rows(service) if r[1] != "view profile"]
    assert changes == [("admin", "unhide topic", ines_id, "page: kubernetes")]


def test_the_engagement_page_writes_a_read_of_each_stakeholder_and_coached_person(web) -> None:
    service, app = web
    set_up_engagement(service)
    overview = service.engagements.overview(ENGAGEMENT)
    wanted = {s.person_id for s in overview.stakeholders} | {p.person_id for p in overview.plans}
    assert client(app, "consultant").get("/engagements/1").status_code == 200
    rows = _rows(service)
    assert {r[2] for r in rows} == wanted and len(rows) == len(wanted)
    assert all(r[:2] == ("consultant", "view engagement") and r[3] == "page" for r in rows)


def test_command_line_reads_of_people_s_data_are_logged(demo: Services) -> None:
    set_up_engagement(demo)
    workspace = demo.settings.workspace
    overview = demo.engagements.overview(ENGAGEMENT)
    stakeholders = [s.person_id for s in overview.stakeholders]
    coached = [p.person_id for p in overview.plans]
    raj = demo.people.resolve("Raj Patel")
    claimed = list(dict.fromkeys(row.person_id for row in demo.insights.claims()))
    demo.close()

    for args in (["claims"], ["claims", "--json"]):
        rows = _cli(workspace, *args)
        assert [(r[1], r[2], r[3]) for r in rows] == [("view claims", p, "cli") for p in claimed]
        assert all(r[0] and r[0].startswith("cli:") for r in rows)
    assert [r[1:] for r in _cli(workspace, "score", str(raj), "kubernetes drain node")] == [
        ("view profile", raj, "cli score")
    ]
    said = {
        "stakeholders": stakeholders,
        "progress": coached,
        "show": list(dict.fromkeys(stakeholders + coached)),
    }
    for command, people in said.items():
        rows = _cli(workspace, "engagement", command, ENGAGEMENT)
        assert [r[1:] for r in rows] == [
            ("view engagement", p, f"cli {command}") for p in people
        ], command
    rows = _cli(workspace, "engagement", "coach", ENGAGEMENT, "--person", "Raj Patel")
    assert [r[1:] for r in rows] == [("view engagement", raj, "cli coach")]


def test_command_line_changes_to_a_person_s_privacy_are_logged(demo: Services) -> None:
    workspace = demo.settings.workspace
    ines = demo.people.resolve("Inès Moreau")
    demo.close()
    rows = _cli(workspace, "people", "hide-topic", "Inès Moreau", "kubernetes")
    assert [r[1:] for r in rows] == [("hide topic", ines, "cli")]  # (the topic not named)
    rows = _cli(workspace, "people", "opt-out", "Inès Moreau", "--visibility")
    assert [r[1:] for r in rows] == [("opt out", ines, "cli: visibility")]


def test_an_erasure_from_the_command_line_names_who_ran_it(demo: Services) -> None:
    """The audit's "erase" row had no one behind it when the command line erased."""
    workspace = demo.settings.workspace
    demo.close()
    result = CliRunner().invoke(
        cli, ["--quiet", "--workspace", str(workspace), "people", "erase", "Raj Patel", "--yes"]
    )
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(workspace / "whoknows.sqlite3")
    rows = conn.execute("SELECT user_id, username FROM audit_log WHERE action = 'erase'").fetchall()
    conn.close()
    assert len(rows) == 1 and rows[0][0] is None and rows[0][1].startswith("cli:"), rows

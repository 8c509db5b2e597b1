"""What an opt-out promises, on every page and API route others use: the person is never
shown, and mentions of them in colleagues' items are masked where text is shown or indexed."""

from __future__ import annotations

import re

import pytest

from test_web import client
from whoknows.demo import load_engagement, set_up_engagement
from whoknows.index.analysis import tokenize

TRACES = re.compile(r"\bIn[eè]s\b|\bMoreau\b|imoreau|ines\.moreau", re.IGNORECASE)
QUESTIONS = ("kubernetes", "kubernetes node drain helm", "kafka consumer lag", "secrets vault")


def _pages(person_ids: list[int], engagement_id: int) -> list[str]:
    pages = ["/", "/gaps", "/claims", "/engagements", f"/engagements/{engagement_id}"]
    pages += [f"/?q={q}" for q in QUESTIONS] + [f"/topics?q={q}" for q in QUESTIONS]
    pages += [f"/people/{p}" for p in person_ids]
    pages += [f"/api/ask?q={q}&k=50" for q in QUESTIONS]
    pages += [f"/api/topics?q={q}" for q in QUESTIONS] + [f"/api/hidden?q={q}" for q in QUESTIONS]
    pages += ["/api/gaps", "/api/claims"]
    pages += [f"/api/people/{p}" for p in person_ids]
    pages += [f"/api/people/{p}/comments" for p in person_ids]
    return pages


@pytest.mark.full
def test_an_opted_out_person_leaves_no_trace_for_others(web) -> None:
    service, app = web
    set_up_engagement(service)
    engagement_id = service.engagements.get(load_engagement().name).id
    ines = service.people.resolve("Inès Moreau")
    service.privacy.opt_out("Inès Moreau", inference=True, visibility=True)
    others = [row.id for row in service.people.list_people(limit=200) if row.id != ines]
    for username in ("consultant", "viewer"):
        browser = client(app, username)
        for path in _pages([*others, ines], engagement_id):
            response = browser.get(path)
            assert response.status_code in (200, 403, 404), (username, path)
            found = TRACES.search(response.text)
            assert found is None, (
                username,
                path,
                response.text[max(0, found.start() - 80) :][:200],
            )


def test_mentions_of_an_opted_out_person_are_not_indexed(demo) -> None:
    (her_name,) = tokenize("Inès")
    assert her_name in demo.workspace.evidence().lexical.vocabulary, "colleagues mention her"
    demo.privacy.opt_out("Inès Moreau", inference=False, visibility=True)
    assert her_name not in demo.workspace.evidence().lexical.vocabulary
    for answer in demo.search.ask("kubernetes node drain helm", k=0):
        for evidence in answer.evidence:
            assert not TRACES.search(evidence.title + evidence.snippet), evidence


def test_a_query_naming_someone_who_opted_out_matches_nothing_of_theirs(demo) -> None:
    """A web server answers from the index it has while the next is built; after an opt-out
    that index still holds the mentions the next one masks: the query no longer names them."""
    demo.workspace.stale_reads = True  # (as the web server reads)
    assert demo.insights.topic_map("Inès").items > 0  # colleagues' items mention her
    assert any(a.name != "Inès Moreau" for a in demo.search.ask("Inès", k=5))
    demo.privacy.opt_out("Inès Moreau", inference=True, visibility=True)
    assert demo.insights.topic_map("Inès").items == 0
    assert demo.search.ask("Inès", k=5) == []
    assert demo.search.ask("Inès kubernetes", k=5)  # the rest of the question still asks


def test_opting_out_deletes_the_stored_reports_that_name_the_person(demo) -> None:
    """A report written before an opt-out went on naming the person (a check of #11)."""
    from whoknows.report import write_report

    set_up_engagement(demo)
    files = write_report(demo, load_engagement().name)
    assert "Raj Patel" in files.html.read_text(encoding="utf-8")
    demo.privacy.opt_out("Raj Patel", inference=False, visibility=True)
    assert not files.html.exists() and not files.pdf.exists() and not files.pptx.exists()
    again = write_report(demo, load_engagement().name)
    assert "Raj Patel" not in again.html.read_text(encoding="utf-8")

"""Aggregate-only mode: no count of fewer people than the minimum group size, no lone group,
on any page, API answer or chat reply it gives viewers, in English and French."""

from __future__ import annotations

import json
import re

from chat_fixtures import QUESTION, open_chat
from test_web import client
from whoknows.chat.answer import answer as chat_answer
from whoknows.i18n import translator


def test_a_lone_small_group_is_never_counted_alone() -> None:
    """ "not_shown": 1 beside no group shown said that all of a topic's evidence came from one
    department (Security: one person)."""
    from whoknows.services.aggregates import groups, groups_count, people_count

    assert groups(["Security"], 5).not_shown == "fewer than 5"
    assert groups(["Security", "Legal", None], 5).not_shown == "fewer than 5"
    assert groups(["Data"] * 5, 5).not_shown == "0"
    assert groups([f"team {n}" for n in range(6)] + ["Data"] * 5, 5).not_shown == "6"
    assert [g.name for g in groups(["Data"] * 5 + ["Security"], 5).shown] == ["Data"]
    assert (groups_count(0, 5), groups_count(4, 5), groups_count(5, 5)) == (
        "0",
        "fewer than 5",
        "5",
    )
    assert (people_count(0, 5), people_count(1, 5)) == ("fewer than 5", "fewer than 5")


def test_gaps_count_no_holder_under_the_minimum_group_size(web) -> None:
    """The gaps page told a viewer "Active internal holders: 1" for gdpr and security: with
    the directory, that named Léa Fontaine."""
    service, app = web
    assert service.insights.gaps() and {
        g.active_internal_holders for g in service.insights.gaps()
    } & {0, 1}
    service.privacy.set_aggregate_only(True)
    viewer = client(app, "viewer")
    page = viewer.get("/gaps").text
    cells = re.findall(r"<tr><td><a [^>]+>[^<]+</a></td>(.*?)</tr>", page)
    # (the holders, then those who left or are leaving: counted alike)
    counted = r"<td>fewer than 5 people</td><td>(?:0 people|fewer than 5 people)</td>$"
    assert cells and all(re.search(counted, row) for row in cells), cells
    assert any(row.endswith("<td>fewer than 5 people</td>") for row in cells), cells
    assert "at most one active internal holder" not in page and "From outside" not in page
    french = viewer.get("/gaps?lang=fr").text
    leaving = sum(row.endswith("<td>fewer than 5 people</td>") for row in cells)
    assert french.count("<td>moins de 5 personnes</td>") == len(cells) + leaving
    assert viewer.get("/api/gaps").status_code == 403
    shown = client(app, "consultant").get("/gaps").text  # (outside aggregate mode: as it was)
    assert "at most one active internal holder" in shown and "fewer than 5" not in shown


def test_the_topic_aggregate_names_no_lone_department(web) -> None:
    service, app = web
    service.privacy.set_aggregate_only(True)
    viewer = client(app, "viewer")
    answer = viewer.get("/api/aggregate/topics?q=gdpr").json()
    assert answer["departments"] == {"shown": [], "not_shown": "fewer than 5"}, answer
    assert answer["people"] == "fewer than 5" and answer["locations"]["not_shown"] in (
        "0",
        "fewer than 5",
    )
    page = viewer.get("/topics?q=gdpr").text
    assert "Smaller groups are not shown (fewer than 5 of them)." in page
    assert not re.search(r"\b1 smaller group is not shown", page)
    french = viewer.get("/topics?q=gdpr&lang=fr").text
    assert "Des groupes plus petits ne sont pas affichés (moins de 5)." in french
    for query in ("gdpr", "kubernetes"):
        search = viewer.get("/api/aggregate/ask", params={"q": query}).json()
        left_out = search["departments"]["not_shown"]
        assert left_out in ("0", "fewer than 5") or int(left_out) >= 5, search
    assert not re.search(r"\b[1-4] smaller groups? (is|are) not shown", viewer.get("/?q=gdpr").text)


def test_chat_replies_count_no_fewer_people_than_the_minimum(demo_workspace, tmp_path) -> None:
    """A chat reply in aggregate mode said "Data: 1" of a large department and "smaller teams
    together: 2": counts of people under the minimum group size."""
    from whoknows.chat import teams

    opened = open_chat(demo_workspace, tmp_path, min_group_size=4)
    opened.services.privacy.set_aggregate_only(True)
    reply = json.dumps(opened.slack(QUESTION).json(), ensure_ascii=False)
    counts = re.findall(r"\*[^*]+\*: ([^;\"]+)|together: ([^;\"]+)", reply)
    said = [a or b for a, b in counts]
    assert said and all(c == "fewer than 4 people" or int(c) >= 4 for c in said), said
    assert "fewer than 4 people" in reply
    card = json.dumps(opened.teams(QUESTION).json(), ensure_ascii=False)
    assert "fewer than 4 people" in card and not re.search(r"together: [1-3]\b", card)
    answer = chat_answer(opened.services, QUESTION, True, translator("fr"))
    assert "moins de 4 personnes" in teams.markdown(answer)
    opened.services.close()

"""Which words of a short question a listed person's matching items lack, said beside them."""

from __future__ import annotations

import json
from pathlib import Path

from connector_checks import write_items, write_threads
from test_cli import run


def _workspace(tmp_path: Path) -> Path:
    """A retailer's evaluator: the Tax Manager was listed for "OSS VAT return" on a cancelled
    train, with nothing to say that only "return" matched."""
    rows = [
        (
            "oss",
            "Élodie Garnier",
            "OSS VAT return: I extract the distance sales per country and file the OSS"
            " declaration on the tax portal each quarter.",
        ),
        ("train", "Derek Hughes", "The return train to Lyon is cancelled, I'll join remotely."),
        (
            "abstract",
            "Priya Nair",
            "Returns API: the label for a return is created when the customer asks for it.",
        ),
    ]
    items = [
        {"id": key, "text": text, "authors": [author], "date": "2025-03-01"}
        for key, author, text in rows
    ]
    source = tmp_path / "items.jsonl"
    source.write_text("\n".join(json.dumps(item) for item in items), encoding="utf-8")
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(source), workspace=workspace)[0] == 0
    return workspace


def test_a_person_listed_on_the_questions_other_words_is_said_to_lack_them(
    tmp_path: Path,
) -> None:
    workspace = _workspace(tmp_path)
    _, out, _ = run("ask", "OSS VAT return", "--json", workspace=workspace)
    missing = {person["name"]: person["missing"] for person in json.loads(out)["people"]}
    assert missing["Élodie Garnier"] == []
    assert missing["Derek Hughes"] == ["oss", "vat"], missing
    _, out, _ = run("ask", "OSS VAT return", workspace=workspace)
    assert "their evidence lacks: oss and vat" in out, out
    _, out, _ = run("--lang", "fr", "ask", "OSS VAT return", workspace=workspace)
    assert "absents de ses éléments : oss et vat" in out, out


ROLLBACK = [
    (
        "w",
        "Will Chen",
        "Netcode rollback: mispredictions resimulate; handling inputs late. Rollback netcode"
        " mispredictions.",
    ),
    ("z", "Zoe Park", "Rollback netcode handling of mispredictions in the fighting mode."),
    *[(f"k{n}", "Kevin Walsh", f"Netcode handling of handles ({n}).") for n in range(3)],
]


def _items_workspace(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    source = write_items(tmp_path / "items.jsonl", rows)
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(source), workspace=workspace)[0] == 0
    return workspace


def _rollback_workspace(tmp_path: Path) -> Path:
    return _items_workspace(tmp_path, ROLLBACK)


def test_who_holds_the_question_is_listed_before_who_holds_part_of_it(tmp_path: Path) -> None:
    """Two fresh evaluators' organisations listed second a person whose evidence held none of
    a short question's specific words ("handle" of "How does our rollback handle
    mispredicted inputs?"). The ranking's scores are kept; the answer lists the holders
    first and says where the partial matches begin."""
    workspace = _rollback_workspace(tmp_path)
    question = "netcode rollback mispredictions handling"
    _, out, _ = run("ask", question, "--ranker", "lexical", "--json", workspace=workspace)
    people = json.loads(out)["people"]
    assert [(p["name"], p["partial"]) for p in people] == [
        ("Will Chen", False),
        ("Zoe Park", False),
        ("Kevin Walsh", True),
    ], people
    assert people[2]["score"] > people[1]["score"]  # (moved below a holder it outscores)
    _, out, _ = run("ask", question, "--ranker", "lexical", workspace=workspace)
    lines = out.splitlines()
    heading = lines.index("their evidence holds only part of the question:")
    assert "Zoe Park" in "".join(lines[:heading]) and "Kevin Walsh" in lines[heading + 1]


def test_fewer_people_asked_for_are_the_first_of_the_whole_answer(tmp_path: Path) -> None:
    """A hospital's evaluator: the first three of "--k 3" and "--k 10" differed for 12 of 36
    questions, the listing moving partial matches and leavers among the people it had."""
    workspace = _rollback_workspace(tmp_path)
    question = "netcode rollback mispredictions handling"
    answers = {}
    for k in ("2", "10"):
        asked = ("ask", question, "--ranker", "lexical", "--k", k, "--json")
        answers[k] = [p["name"] for p in json.loads(run(*asked, workspace=workspace)[1])["people"]]
    assert answers["2"] == answers["10"][:2] == ["Will Chen", "Zoe Park"], answers


def test_score_gives_the_place_ask_lists_a_partial_match_at(tmp_path: Path) -> None:
    """A reviewer's: with no leaver, `score` gave the ranking's place (second) to a person
    `ask` lists third, under the line of partial matches."""
    workspace = _rollback_workspace(tmp_path)
    question = "netcode rollback mispredictions handling"
    _, out, _ = run(
        "score", "Kevin Walsh", question, "--ranker", "lexical", "--json", workspace=workspace
    )
    assert json.loads(out)["rank"] == 3, out


def test_the_ranking_s_first_by_far_stays_first_though_it_lacks_a_word(tmp_path: Path) -> None:
    """An attacker's VPN expert, lacking only the office's name ("Landerneau") and a common
    word, went under the line below the office manager whose mails hold only the name: a
    person the best holder does not outscore stays where the ranking puts them."""
    nadia, tom = "Nadia Benali <nadia@firm.example>", "Tom Archer <tom@firm.example>"
    paul, lucy = "Paul Grant <paul@firm.example>", "Lucy Hale <lucy@firm.example>"
    threads = [
        (
            paul,
            "VPN disconnects every few minutes",
            "My VPN disconnects since Monday, any idea?",
            "That is the GlobalProtect idle timeout. I raised the gateway session timeout to 8"
            " hours and lowered the MTU to 1400 on the tunnel interface.",
        ),
        (
            lucy,
            "VPN dropping on hotel wifi",
            "The VPN keeps dropping when I am on hotel wifi.",
            "Hotel networks often block UDP 4501. Switch the portal to SSL fallback in the agent"
            " settings, the tunnel then stays up over 443.",
        ),
        (
            paul,
            "VPN certificate expired warning",
            "Got a warning that the VPN certificate expired.",
            "The gateway certificate was renewed last night; delete the portal entry and add"
            " vpn.firm.example again and the warning goes away.",
        ),
        (
            tom,
            "Landerneau office move",
            "The Landerneau office move is on Friday: pack your desks"
            " by Thursday evening and label the boxes with your name.",
            "",
        ),
        (
            tom,
            "Landerneau office kitchen rota",
            "New kitchen rota for the Landerneau office is"
            " pinned by the coffee machine. Please keep the fridge clean.",
            "",
        ),
    ]
    write_threads(
        tmp_path / "mail.mbox",
        [
            (subject, [(sender, body), *([(nadia, answer)] if answer else [])])
            for sender, subject, body, answer in threads
        ],
        to="it@firm.example",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "mbox", str(tmp_path / "mail.mbox"), workspace=workspace)[0] == 0
    question = "VPN keeps dropping at the Landerneau office"
    _, out, _ = run("ask", question, "--json", workspace=workspace)
    people = json.loads(out)["people"]
    assert people[0]["name"] == "Nadia Benali" and not people[0]["partial"], people


def test_who_lacks_only_the_commoner_words_stays_where_the_ranking_puts_them(
    tmp_path: Path,
) -> None:
    """A water utility's leak expert lacked "réseau" and "eau" of "repérer les fuites sur le
    réseau d'eau" and went below two colleagues who hold only those (a first version's
    regression): lacking the question's most specific word is what moves a person down."""
    rows = [
        *[
            (f"c{n}", "Claire Dubois", f"Détection des fuites par corrélation acoustique ({n}).")
            for n in range(4)
        ],
        ("i", "Isabelle Moreau", "Le réseau d'eau potable compte 1 200 km de canalisations."),
    ]
    workspace = _items_workspace(tmp_path, rows)
    question = "repérer les fuites sur le réseau d'eau"
    _, out, _ = run("ask", question, "--json", workspace=workspace)
    people = json.loads(out)["people"]
    assert people[0]["name"] == "Claire Dubois" and not people[0]["partial"], people


def test_who_only_overviews_the_question_is_listed_with_the_partial_holders(
    tmp_path: Path,
) -> None:
    """A studio's producer was second for "VPN connection drops for Montreal staff" on her
    weekly update's line "VPN: Montreal drops fixed by the Lyon IT team.", above the network
    administrator whose answers lack "staff": every word held, by an overview's line."""
    from connector_checks import write_mbox

    update = (
        "Hi all,\n\n- Matchmaking: EOS buckets per region live (Geneviève).\n"
        "- Crowdin: FR-CA pass finished (Mathieu).\n"
        "- VPN connection drops for Montreal staff: fixed by the Lyon IT team.\n\nCheers,"
    )
    mails = [
        ("Émilie Roy <emilie.roy@brume.example>", "MTL weekly update – week 29", update),
        (
            "Olivier Garnier <olivier.garnier@brume.example>",
            "FortiClient VPN",
            "The FortiClient VPN tunnel drops in Montreal when the MTU is above 1400: set the"
            " MTU to 1380 in the Montreal profile and the connection holds.",
        ),
    ]
    box = write_mbox(tmp_path / "mail.mbox", mails)
    workspace = tmp_path / "ws"
    assert run("ingest", "mbox", str(box), workspace=workspace)[0] == 0
    question = "VPN connection drops for Montreal staff"
    _, out, _ = run("ask", question, "--ranker", "lexical", "--json", workspace=workspace)
    people = [(p["name"], p["partial"]) for p in json.loads(out)["people"]]
    assert people == [("Olivier Garnier", False), ("Émilie Roy", True)], people

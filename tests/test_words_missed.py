"""Which words of a short question a listed person's matching items lack, said beside them."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_who_holds_the_question_is_listed_before_who_holds_part_of_it(tmp_path: Path) -> None:
    """Two fresh evaluators' organisations listed second a person whose evidence held none of
    a short question's specific words ("handle" of "How does our rollback handle
    mispredicted inputs?"). The ranking's scores are kept; the answer lists the holders
    first and says where the partial matches begin."""
    rows = [
        ("r1", "Will Chen", "Rollback netcode: a misprediction costs a resimulation of frames."),
        *[
            (f"h{n}", "Kevin Walsh", f"We handle process handles opened on the game ({n}).")
            for n in range(6)
        ],
    ]
    source = tmp_path / "items.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"id": key, "text": text, "authors": [who], "date": "2025-03-01"})
            for key, who, text in rows
        ),
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(source), workspace=workspace)[0] == 0
    question = "how does our rollback handle mispredictions"
    _, out, _ = run("ask", question, "--json", workspace=workspace)
    people = json.loads(out)["people"]
    assert [(p["name"], p["partial"]) for p in people] == [
        ("Will Chen", False),
        ("Kevin Walsh", True),
    ], people
    _, out, _ = run("ask", question, workspace=workspace)
    lines = out.splitlines()
    heading = lines.index("their evidence holds only part of the question:")
    assert "Will Chen" in "".join(lines[:heading]) and "Kevin Walsh" in lines[heading + 1]


def test_a_long_text_is_read_whole(tmp_path: Path) -> None:
    """An abstract's every reader misses most of its words: nothing is said."""
    workspace = _workspace(tmp_path)
    text = "return train label customer portal declaration quarter country sales tax"
    _, out, _ = run("ask", text, "--json", workspace=workspace)
    assert all(person["missing"] == [] for person in json.loads(out)["people"]), out


def test_two_words_of_one_weight_either_is_said_lacking(tmp_path: Path) -> None:
    """A reviewer's "kafka zebra" (a product named as a word): those holding only "kafka"
    lacked nothing, "zebra" weighing a hair under half."""
    rows = [
        ("i0", "Hugo Holder", "The zebra tool moves kafka topics between clusters."),
        ("i1", "Kai Kafka", "Kafka consumer groups rebalance when a consumer leaves."),
        ("i2", "Ken Acl", "Kafka ACLs are set per principal with kafka-acls."),
        ("i3", "Max Misc", "Nothing about streaming here at all."),
    ]
    source = tmp_path / "items.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"id": key, "text": text, "authors": [who], "date": "2025-03-01"})
            for key, who, text in rows
        ),
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(source), workspace=workspace)[0] == 0
    _, out, _ = run("ask", "kafka zebra", "--json", workspace=workspace)
    missing = {person["name"]: person["missing"] for person in json.loads(out)["people"]}
    assert missing == {"Hugo Holder": [], "Kai Kafka": ["zebra"], "Ken Acl": ["zebra"]}
    # a question mostly in words no item holds is searched as translated: nothing is said
    _, out, _ = run("ask", "lettres mortes kafka", "--json", workspace=workspace)
    assert all(person["missing"] == [] for person in json.loads(out)["people"]), out


def test_score_gives_the_place_ask_lists_a_partial_match_at(tmp_path: Path) -> None:
    """A reviewer's: with no leaver, `score` gave the ranking's place (first) to a person
    `ask` lists third, under the line of partial matches."""
    rows = [
        ("w", "Will Chen", "Netcode rollback: mispredictions resimulate; handling inputs late."),
        ("z", "Zoe Park", "Rollback netcode handling of mispredictions in the fighting mode."),
        *[
            (f"k{n}", "Kevin Walsh", f"Netcode handling of handles, handling again ({n}).")
            for n in range(12)
        ],
    ]
    source = tmp_path / "items.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"id": key, "text": text, "authors": [who], "date": "2025-03-01"})
            for key, who, text in rows
        ),
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(source), workspace=workspace)[0] == 0
    question = "netcode rollback mispredictions handling"
    _, out, _ = run("ask", question, "--ranker", "lexical", "--json", workspace=workspace)
    listed = [(p["name"], p["partial"]) for p in json.loads(out)["people"]]
    assert listed[-1] == ("Kevin Walsh", True), listed
    _, out, _ = run(
        "score", "Kevin Walsh", question, "--ranker", "lexical", "--json", workspace=workspace
    )
    assert json.loads(out)["rank"] == len(listed), out


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
    source = tmp_path / "items.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"id": key, "text": text, "authors": [who], "date": "2025-03-01"})
            for key, who, text in rows
        ),
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    assert run("ingest", "jsonl", str(source), workspace=workspace)[0] == 0
    question = "repérer les fuites sur le réseau d'eau"
    _, out, _ = run("ask", question, "--json", workspace=workspace)
    people = json.loads(out)["people"]
    assert people[0]["name"] == "Claire Dubois" and not people[0]["partial"], people

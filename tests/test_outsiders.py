"""People outside the organisation: marked external by the directory, or writing only from
domains none of its people write from (``identity.outsiders``), said so where an answer
lists them: a hospital's vendor account manager was third for his product's configuration on
a release-notes mail, listed as a colleague; an aircraft shop's regulator second for what its
notice prescribed. Their place is the ranking's: an outside consultant who alone answers a
subject (the demo's EDI) is the one to know of."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import run

MAILS = [
    (
        "Nadia Roy <nadia.roy@rsaf.example>",
        "Omnicell override list: how I configure it",
        "I configure the Omnicell override list in OmniCenter each quarter: the override list"
        " holds the ICU medications, and I review the override reports with pharmacy.",
    ),
    (
        "Derek Olsen <derek.olsen@omnicell.example>",
        "OmniCenter 2026.1: override list configuration",
        "OmniCenter 2026.1 brings override list configuration per unit, an override dashboard"
        " and faster Omnicell cabinet sync. Override list configuration guide attached.",
    ),
    (
        "Recalls Desk <recalls@regulator.example>",
        "Notice: Omnicell override list configuration",
        "Omnicell cabinets: review the override list configuration of every cabinet; an"
        " override list left open lets any medication out.",
    ),
    (
        "Sami Nour <sami.nour@moncton.rsaf.example>",
        "Badge readers in Moncton",
        "The Moncton badge readers run the same firmware; I updated them on Friday.",
    ),
    (
        "Paul Cyr <paul.cyr@rsaf.example>",
        "Badge readers",
        "The badge readers of the 4th floor were replaced last week; tap-and-go works again.",
    ),
]


def _workspace(tmp_path: Path) -> Path:
    box = tmp_path / "mail.mbox"
    box.write_text(
        "".join(
            f"From x@x Tue Mar  3 10:0{n}:00 2026\nFrom: {sender}\nTo: team@rsaf.example\n"
            f"Subject: {subject}\nDate: Tue, 3 Mar 2026 10:0{n}:00 +0000\n"
            f"Message-ID: <m{n}@x>\n\n{body}\n\n"
            for n, (sender, subject, body) in enumerate(MAILS)
        ),
        encoding="utf-8",
    )
    directory = tmp_path / "annuaire.csv"
    directory.write_text(
        "Matricule,Nom complet,Adresse e-mail,Titre,Externe\n"
        "E1,Nadia Roy,nadia.roy@rsaf.example,Commis d'unité,non\n"
        "E2,Paul Cyr,paul.cyr@rsaf.example,Technicien,non\n"
        "X1,Derek Olsen,derek.olsen@omnicell.example,Account manager,oui\n",
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    for kind, path in (("people", directory), ("mbox", box)):
        assert run("ingest", kind, str(path), workspace=workspace)[0] == 0
    return workspace


def test_outsiders_are_said_to_be_outside_the_organisation(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    question = "Omnicell override list configuration"
    _, out, _ = run("ask", question, "--json", workspace=workspace)
    people = dict((p["name"], p["outside"]) for p in json.loads(out)["people"])
    # the vendor the directory marks external, and a regulator's desk it does not list,
    # writing from a domain none of its people write from
    assert people == {"Nadia Roy": False, "Derek Olsen": True, "Recalls Desk": True}, people
    # a colleague at a site's subdomain, missing from the directory, is no outsider
    _, out, _ = run("ask", "badge readers firmware", "--json", workspace=workspace)
    people = dict((p["name"], p["outside"]) for p in json.loads(out)["people"])
    assert people.get("Sami Nour") is False, people
    _, out, _ = run("--lang", "fr", "ask", question, workspace=workspace)
    assert "Derek Olsen — Account manager  (extérieur à l'organisation, score" in out, out


def test_nobody_is_an_outsider_without_a_directory(tmp_path: Path) -> None:
    _workspace(tmp_path)
    fresh = tmp_path / "fresh"
    box = tmp_path / "mail.mbox"
    assert run("ingest", "mbox", str(box), workspace=fresh)[0] == 0
    _, out, _ = run("ask", "Omnicell override list configuration", "--json", workspace=fresh)
    assert not any(p["outside"] for p in json.loads(out)["people"])

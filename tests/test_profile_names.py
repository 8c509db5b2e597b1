"""Names a person's own profile gives them, and logins two of the organisation's tools share.

An NGO's driver was "Joseph Kamau" in the directory, "Joe" on his own Slack profile, and "Joe
Kamau" on the forum and in the bylines of his documents: two people, the fragment first for his
own subject. Its information-systems lead was "flemaire" in his documents' author property, the
login of his GitLab account too: two people (a fresh evaluator's).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import make_service


def _slack(folder: Path, users: list[dict[str, object]]) -> Path:
    """A Slack export whose one channel holds one message by each user."""
    folder.mkdir()
    (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    (folder / "channels.json").write_text(json.dumps([{"id": "C1", "name": "ops"}]), "utf-8")
    (folder / "ops").mkdir()
    messages = [
        {
            "type": "message",
            "user": user["id"],
            "ts": f"17096328{n:02d}.000100",
            "text": f"Fleet note {n}: the Land Cruiser's fuel filter is changed every 5,000 km.",
        }
        for n, user in enumerate(users)
    ]
    (folder / "ops" / "2024-03-05.json").write_text(json.dumps(messages), encoding="utf-8")
    return folder


def _mbox(path: Path, senders: list[str]) -> Path:
    path.write_text(
        "".join(
            f"From x@y Wed Jan  7 10:00:00 2026\nFrom: {sender}\nTo: fleet@asf.example\n"
            f"Subject: Fuel filter {n}\nMessage-ID: <f{n}@asf.example>\n"
            f"Date: Wed, 7 Jan 2026 10:0{n}:00 +0000\n\nChange the fuel filter at 5,000 km.\n\n"
            for n, sender in enumerate(senders)
        )
    )
    return path


def _user(number: int, login: str, name: str, shown: str, email: str) -> dict[str, object]:
    profile = {"real_name": name, "display_name": shown, "email": email}
    return {"id": f"U{number}", "name": login, "real_name": name, "profile": profile}


DIRECTORY = (
    "id,name,emails\nA1,Joseph Kamau,joseph.kamau@asf.example\n"
    "A2,Bernard Okello,bernard.okello@asf.example\nA3,François Lemaire,"
    "francois.lemaire@asf.example\nA4,Isabelle Rochat,isabelle.rochat@asf.example\n"
    "A5,Jeanne Martin,jeanne.martin@asf.example\n"
)


@pytest.mark.parametrize("order", ["slack first", "mail first"])
def test_a_short_first_name_on_the_persons_own_profile_joins_the_name_it_makes(
    tmp_path: Path, order: str
) -> None:
    """A "Joe" on Joseph Kamau's Slack profile makes "Joe Kamau" his name too: the forum's and
    the mail's "Joe Kamau" join him, whichever source comes first; "Isa" on Isabelle Rochat's
    (a clipping of her own, in no list) likewise. A display name that is no short form of the
    first name ("Boss"), or another's name by its ending ("Jean" on Jeanne's: a contractor Jean
    Martin is someone else), makes none."""
    directory = tmp_path / "people.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    slack = _slack(
        tmp_path / "slack",
        [
            _user(1, "joseph.kamau", "Joseph Kamau", "Joe", "joseph.kamau@asf.example"),
            _user(2, "bernard.okello", "Bernard Okello", "Boss", "bernard.okello@asf.example"),
            _user(3, "isabelle.rochat", "Isabelle Rochat", "Isa", "isabelle.rochat@asf.example"),
            _user(4, "jeanne.martin", "Jeanne Martin", "Jean", "jeanne.martin@asf.example"),
        ],
    )
    mail = _mbox(
        tmp_path / "fleet.mbox",
        [
            "Joe Kamau <joe.kamau@gmail.com>",
            "Boss Okello <boss.okello@gmail.com>",
            "Isa Rochat <isa.rochat@gmail.com>",
            "Jean Martin <jean.martin@gmail.com>",
        ],
    )
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    sources = [("slack", slack), ("mbox", mail)]
    for connector, path in sources if order == "slack first" else sources[::-1]:
        service.ingest.ingest(connector, path)
    names = Counter(p.display_name for p in service.people.list_people(limit=20))
    assert names["Joseph Kamau"] == 1 and "Joe Kamau" not in names, names
    assert names["Isabelle Rochat"] == 1 and "Isa Rochat" not in names, names
    assert names["Boss Okello"] == 1 and names["Jean Martin"] == 1, names
    service.close()


def test_a_preferred_name_column_gives_the_entry_the_name_it_goes_by(tmp_path: Path) -> None:
    """A directory's "Preferred name" ("Prénom usuel") is a name of the entry's: "Joe" makes
    "Joe Kamau", which a forum profile's name joins; an empty cell makes none."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "Matricule;Nom complet;Prénom usuel;Courriel\n"
        "A1;Joseph Kamau;Joe;joseph.kamau@asf.example\n"
        "A2;Bernard Okello;;bernard.okello@asf.example\n",
        encoding="utf-8",
    )
    mail = _mbox(
        tmp_path / "fleet.mbox",
        ["Joe Kamau <joe.kamau@gmail.com>", "Ben Okello <ben.okello@gmail.com>"],
    )
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("mbox", mail)
    names = Counter(p.display_name for p in service.people.list_people(limit=20))
    assert names["Joseph Kamau"] == 1 and "Joe Kamau" not in names, names
    assert names["Ben Okello"] == 1, names
    service.close()


def _document(folder: Path, author: str, title: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{title}.md").write_text(
        f"---\nauthor: {author}\n---\n# {title}\nKobo form deployment: XLSForm, then redeploy."
    )


@pytest.mark.parametrize("order", ["docs first", "docs last"])
def test_a_login_that_spells_the_entry_and_is_theirs_in_another_tool_joins_them(
    tmp_path: Path, order: str
) -> None:
    """A document's author "flemaire" joins François Lemaire, whose Slack login it is; a
    login that spells his name but no tool gives him ("f.lemaire2") is only suggested, and one
    another tool gives a colleague that spells no name of his ("boss") joins no one."""
    directory = tmp_path / "people.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    slack = _slack(
        tmp_path / "slack",
        [
            _user(1, "flemaire", "François Lemaire", "", "francois.lemaire@asf.example"),
            _user(2, "boss", "Bernard Okello", "", "bernard.okello@asf.example"),
        ],
    )
    docs = tmp_path / "docs"
    _document(docs, "flemaire", "deploiement")
    _document(docs, "lemairef", "formulaires")
    _document(docs, "boss", "modele")
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    sources = [("docs", docs), ("slack", slack)]
    for connector, path in sources if order == "docs first" else sources[::-1]:
        service.ingest.ingest(connector, path)
    names = Counter(p.display_name for p in service.people.list_people(limit=20))
    assert names["François Lemaire"] == 1 and "flemaire" not in names, names
    assert names["lemairef"] == 1 and names["boss"] == 1, names
    suggested = {(same.name, same.entry_name) for same in service.people.likely_same()}
    assert suggested == {("lemairef", "François Lemaire")}, suggested
    service.close()


def test_a_login_on_a_public_forge_stays_a_suggestion(tmp_path: Path) -> None:
    """On GitHub anyone may register "flemaire": its account of that login stays apart from
    François Lemaire, whose Slack login it is, and is suggested."""
    directory = tmp_path / "people.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    slack = _slack(
        tmp_path / "slack",
        [_user(1, "flemaire", "François Lemaire", "", "francois.lemaire@asf.example")],
    )
    dump = tmp_path / "dump"
    shutil.copytree(Path(__file__).parent / "fixtures" / "github" / "corvid-platform", dump)
    comments = json.loads((dump / "comments.json").read_text(encoding="utf-8"))
    comments.append(
        {
            "id": 7001,
            "issue_url": "https://api.github.com/repos/corvid/platform/issues/12",
            "user": {"login": "flemaire", "id": 9001, "type": "User"},
            "created_at": "2024-03-20T10:00:00Z",
            "body": "Redeploy the Kobo form after editing the XLSForm, then resync the tablets.",
        }
    )
    (dump / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("slack", slack)
    service.ingest.ingest("github", dump)
    names = Counter(p.display_name for p in service.people.list_people(limit=50))
    assert names["flemaire"] == 1 and names["François Lemaire"] == 1, names
    suggested = {(same.name, same.entry_name) for same in service.people.likely_same()}
    assert ("flemaire", "François Lemaire") in suggested, suggested
    service.close()


@pytest.mark.parametrize("order", ["directory first", "mail first"])
def test_a_first_name_and_initial_whose_personal_address_spells_the_entry_joins_it(
    tmp_path: Path, order: str
) -> None:
    """A validation engineer writing from home as "Laure F." at an address that spells her
    full name was a person of her own, third for her own subject (a fresh evaluator's); an
    address that spells no one, one at an organisation, or an initial of another last name
    joins no one."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "id,name,emails\nE1,Laure Fontaine,laure.fontaine@valnord.example\n"
        "E2,Gabriel Gagnon,gabriel.gagnon@valnord.example\n",
        encoding="utf-8",
    )
    mail = _mbox(
        tmp_path / "home.mbox",
        [
            "Laure F. <laure.fontaine.lyon@free.fr>",
            "Laure F. <lf1987@free.fr>",
            "Laure F. <laure.fontaine@cro-partner.example>",
            "Laure B. <laure.fontaine@orange.fr>",
            "Gab Gagnon <gab.gagnon@videotron.ca>",
        ],
    )
    service = make_service(tmp_path / "ws")
    sources = [("people", directory), ("mbox", mail)]
    for connector, path in sources if order == "directory first" else sources[::-1]:
        service.ingest.ingest(connector, path)
    people = service.people.list_people(limit=20)
    names = Counter(p.display_name for p in people)
    assert names["Laure Fontaine"] == 1 and names["Laure F."] == 2, names
    assert names["Laure B."] == 1, names
    suggested = {(same.name, same.entry_name) for same in service.people.likely_same()}
    assert ("Gab Gagnon", "Gabriel Gagnon") in suggested, suggested
    gab = next(p for p in people if p.display_name == "Gab Gagnon")
    from whoknows.identity.outsiders import outside_people

    assert gab.id not in outside_people(service.workspace.store().conn)  # (an ISP's address)
    service.close()


@pytest.mark.parametrize("order", ["slack first", "directory first"])
def test_a_name_one_goes_by_never_joins_a_directory_entry_that_bears_it(
    tmp_path: Path, order: str
) -> None:
    """Samuel Mutua goes by "Sam" on Slack, and the directory also lists a Sam Mutua: his
    account never takes her row, whichever is read first; Joseph Kamau's preferred "Joe" never
    draws a mail's "Joe Kamau" while an entry bears that very name (an attacker's): the mail
    joins that entry, as any full name joins its one bearer."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "id,name,preferred_name,emails\nA1,Samuel Mutua,,samuel.mutua@asf.example\n"
        "A2,Sam Mutua,,sam.mutua@asf.example\nA3,Joseph Kamau,Joe,joseph.kamau@asf.example\n"
        "A4,Joe Kamau,,joe.kamau@kamau-consult.example\n",
        encoding="utf-8",
    )
    slack = _slack(
        tmp_path / "slack",
        [_user(1, "samuel.mutua", "Samuel Mutua", "Sam", "samuel.mutua@asf.example")],
    )
    mail = _mbox(tmp_path / "fleet.mbox", ["Joe Kamau <joekamau@gmail.com>"])
    service = make_service(tmp_path / "ws")
    sources = [("slack", slack), ("mbox", mail), ("people", directory)]
    for connector, path in sources if order == "slack first" else sources[::-1]:
        service.ingest.ingest(connector, path)
    people = service.people.list_people(limit=20)
    names = Counter(p.display_name for p in people)
    assert names["Samuel Mutua"] == names["Sam Mutua"] == 1, names
    assert names["Joseph Kamau"] == 1 and names["Joe Kamau"] == 1, names
    joseph = next(p for p in people if p.display_name == "Joseph Kamau")
    assert joseph.items == 0, joseph  # (the mail's is the consultant's, the one bearer's)
    samuel = next(p for p in people if p.display_name == "Samuel Mutua")
    assert samuel.items == 1, samuel  # (his own Slack message, and no one else's)
    service.close()


def test_a_login_joins_its_entry_who_opted_out_and_stays_hidden(tmp_path: Path) -> None:
    """François Lemaire opted out, then documents came whose author property is his Slack
    login: the login joins him and is hidden with him (it had been listed first for his
    subject, an attacker's)."""
    directory = tmp_path / "people.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    slack = _slack(
        tmp_path / "slack",
        [_user(1, "flemaire", "François Lemaire", "", "francois.lemaire@asf.example")],
    )
    docs = tmp_path / "docs"
    _document(docs, "flemaire", "deploiement")
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("slack", slack)
    service.privacy.opt_out("François Lemaire", True, True)
    service.ingest.ingest("docs", docs)
    assert not [r.name for r in service.search.ask("Kobo form deployment XLSForm redeploy")]
    names = {p.display_name for p in service.people.list_people(limit=20)}
    assert "flemaire" not in names and "François Lemaire" not in names, names
    service.close()


def test_a_preferred_name_cell_that_is_no_name_makes_none(tmp_path: Path) -> None:
    """ "N/A", "he / him", a number or a JSON list in the column are no name (an attacker's
    saw "['Joe'] Kamau" and "12 Wanjiru")."""
    directory = tmp_path / "people.json"
    directory.write_text(
        json.dumps(
            [
                {"id": "A1", "name": "Joseph Kamau", "preferred_name": ["Joe"]},
                {"id": "A2", "name": "Grace Wanjiru", "nickname": 12},
                {"id": "A3", "name": "Bernard Okello", "preferred_name": "he / him"},
                {"id": "A4", "name": "Isabelle Rochat", "preferred_name": "N/A"},
            ]
        ),
        encoding="utf-8",
    )
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    conn = service.workspace.store().conn
    called = [row[0] for row in conn.execute("SELECT value FROM aliases WHERE kind = 'called'")]
    assert called == [], called
    service.close()


def test_a_new_person_never_takes_the_id_of_one_merged_away(tmp_path: Path) -> None:
    """A byline "Joe Kamau", the highest id, merged into Joseph Kamau; the consultant read
    next took its id and showed its merge as his own history (an attacker's)."""
    directory = tmp_path / "people.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    slack = _slack(
        tmp_path / "slack",
        [_user(1, "joseph.kamau", "Joseph Kamau", "Joe", "joseph.kamau@asf.example")],
    )
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("slack", slack)
    docs = tmp_path / "docs"
    _document(docs, "Joe Kamau", "entretien")
    service.ingest.ingest("docs", docs)
    conn = service.workspace.store().conn
    (gone,) = conn.execute("SELECT MAX(merged_person) FROM merges").fetchone()
    (top,) = conn.execute("SELECT MAX(id) FROM persons").fetchone()
    assert gone > top  # (the merged "Joe Kamau" had the highest id)
    service.ingest.ingest("mbox", _mbox(tmp_path / "b.mbox", ["Ana Ruiz <ana@consult.example>"]))
    ana = next(p for p in service.people.list_people(limit=20) if p.display_name == "Ana Ruiz")
    assert ana.id > gone, (ana.id, gone)
    assert service.people.show(ana.id).merges == []
    service.close()


def test_an_erased_person_does_not_come_back_as_first_name_and_initial(tmp_path: Path) -> None:
    """Laure Fontaine erased, a mail from "Laure F." at a new address spelling her full name
    is hers, refused as her full name is (an attacker's came back first for her subject)."""
    directory = tmp_path / "people.csv"
    directory.write_text("id,name,emails\nE1,Laure Fontaine,laure.fontaine@valnord.example\n")
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest(
        "mbox", _mbox(tmp_path / "a.mbox", ["Laure F. <laure.fontaine.lyon@free.fr>"])
    )
    service.privacy.erase("Laure Fontaine")
    later = tmp_path / "b.mbox"
    later.write_text(
        'From x@y Wed Feb  4 10:00:00 2026\nFrom: "Laure F." <laurefontaine69@gmail.com>\n'
        "To: qualite@valnord.example\nSubject: Validation du nettoyage\n"
        "Message-ID: <later-1@gmail.com>\nDate: Wed, 4 Feb 2026 10:00:00 +0000\n\n"
        "La limite MACO se calcule depuis la PDE du produit précédent.\n\n",
        encoding="utf-8",
    )
    report = service.ingest.ingest("mbox", later)
    assert report.items_added == 0, report
    names = {p.display_name for p in service.people.list_people(limit=20)}
    assert not {"Laure F.", "Laure Fontaine"} & names, names
    service.close()


def test_a_login_spelling_an_opted_out_or_erased_entry_stays_hidden(tmp_path: Path) -> None:
    """A privacy officer's: after Joseph Kamau opted out and Laure Fontaine was erased, logins
    spelling their names with a team's affix ("josephkamau-acme", "lfontaine-acme") were
    listed first for their subjects. The one is hidden with him (never merged: a login alone
    may be anyone's), the other refused as hers."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "id,name,emails\nA1,Joseph Kamau,joseph.kamau@asf.example\n"
        "A2,Laure Fontaine,laure.fontaine@asf.example\nA3,Bernard Okello,b.okello@asf.example\n",
        encoding="utf-8",
    )
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.privacy.opt_out("Joseph Kamau", True, True)
    service.privacy.erase("Laure Fontaine")
    docs = tmp_path / "docs"
    _document(docs, "josephkamau-acme", "deploiement")
    _document(docs, "lfontaine-acme", "formulaires")
    report = service.ingest.ingest("docs", docs)
    assert report.items_added == 1, report  # (hers refused)
    assert not [r.name for r in service.search.ask("Kobo form deployment XLSForm redeploy")]
    names = {p.display_name for p in service.people.list_people(limit=20)}
    assert names == {"Bernard Okello"}, names
    service.close()

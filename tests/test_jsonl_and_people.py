from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.jsonl import JsonlConnector
from whoknows.ingest.people import PeopleConnector


def test_jsonl_items(sample_org: list[SampleSource]) -> None:
    items = list(JsonlConnector().parse(sample(sample_org, "jsonl").path, IngestContext()))
    assert len(items) == 18
    assert all(i.kind == "postmortem" and i.contributions and i.url for i in items)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 1, "text": "x"}', r"docs\.jsonl:2: missing required field\(s\): authors"),
        (  # a line cut short: where it ends, not column 1 of a line after it
            '{"id": 1, "text": "x", "authors": "a", ',
            r"docs\.jsonl:2:40: invalid JSON",
        ),
        ('{"id": 1, "text": "x", "authors": ["a"],}', r"docs\.jsonl:2:41: invalid JSON"),
        (  # a raw tab in a string: Python's message ends "at", its place cut off
            '{"id": 1, "text": "a\tb", "authors": ["a"]}',
            r"docs\.jsonl:2:21: invalid JSON \(a raw control character \(a tab",
        ),
        ("[1, 2]", r"docs\.jsonl:2: each line must be a JSON object"),
        ('{"id": 1, "text": "x", "authors": ["a"], "date": "soon"}', r"docs\.jsonl:2: date 'soon'"),
        ('{"id": 1, "title": {"x": 1}, "authors": ["a"]}', r'docs\.jsonl:2: "title" must be a st'),
        ('{"id": 1, "text": 123, "authors": ["a"]}', r'docs\.jsonl:2: "text" must be a string'),
        (  # a zero-width space and a soft hyphen are no title
            '{"id": 1, "title": "\\u200b\\u00ad", "text": " ", "authors": ["a"]}',
            r"docs\.jsonl:2: missing required field\(s\): title/text",
        ),
        ('{"id": {"x": 1}, "text": "x", "authors": ["a"]}', r'docs\.jsonl:2: "id" must be a st'),
        ('{"id": true, "text": "x", "authors": ["a"]}', r'docs\.jsonl:2: "id" must be a st'),
        ('{"id": "  ", "text": "x", "authors": ["a"]}', r'docs\.jsonl:2: "id" is blank'),
        ('{"id": "a\\u0000b", "text": "x", "authors": ["a"]}', r'docs\.jsonl:2: "id" is blank'),
        (  # half of a character, which no database can store: where it is
            '{"id": 1, "text": "ok \\ud800 x", "authors": ["a"]}',
            r"docs\.jsonl:2:23: invalid JSON \(\\ud800 is half of a character",
        ),
        (  # a low half alone, after an escaped backslash and a whole pair (an emoji)
            '{"id": 1, "text": "\\\\ud800 \\ud83d\\ude00 \\udc00", "authors": ["a"]}',
            r"docs\.jsonl:2:41: invalid JSON \(\\udc00 is half",
        ),
        (  # a braille blank, a control character: nothing visible either
            '{"id": 1, "title": "\\u2800\\u0007", "authors": ["a"]}',
            r"docs\.jsonl:2: missing required field\(s\): title/text",
        ),
        (  # written in ISO 8601, and no day of the calendar
            '{"id": 1, "text": "x", "authors": ["a"], "date": "2026-02-30"}',
            r"docs\.jsonl:2: date '2026-02-30' is not a day of the calendar",
        ),
        (
            '{"id": 1, "text": "x", "authors": ["a"], "date": "next week"}',
            r"docs\.jsonl:2: date 'next week' is not ISO 8601",
        ),
    ],
)
def test_jsonl_errors_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "docs.jsonl"
    good = json.dumps({"id": "ok", "text": "fine", "authors": ["Ann Lee"]})
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        list(JsonlConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert len(list(JsonlConnector().parse(path, context))) == 1
    assert len(context.problems) == 1


def test_jsonl_text_with_code_is_kept_and_html_is_read(tmp_path: Path) -> None:
    """A ninth evaluator's document about Rust lost its code: "Arc<Mutex<T>>" was read as a
    tag and shown as "Arc> pour partager"."""
    path = tmp_path / "docs.jsonl"
    rows = [
        {
            "id": "d1",
            "title": "Rust",
            "text": "Use Arc<Mutex<T>> pour partager, et Vec<String>; x < y > z",
            "authors": ["a@x.io"],
        },
        {
            "id": "d2",
            "title": "Page",
            "text": "<p>Rotate the <b>Vault</b> token</p>",
            "authors": ["a@x.io"],
        },
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    items = list(JsonlConnector().parse(path, IngestContext()))
    assert items[0].text == "Use Arc<Mutex<T>> pour partager, et Vec<String>; x < y > z"
    assert items[1].text == "Rotate the Vault token"


def test_a_question_item_is_its_authors_question(tmp_path: Path) -> None:
    """A fresh evaluator's item of kind "question" ranked its asker first for its subject,
    above the writer of the answer: asking is not knowing."""
    rows = [
        {"id": "q1", "kind": "Question", "title": "How does retention work?", "authors": ["S"]},
        {"id": "a1", "kind": "postmortem", "text": "Retention: 90 days.", "authors": ["L"]},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    items = {i.native_id: i for i in JsonlConnector().parse(path, IngestContext())}
    assert [c.role for c in items["q1"].contributions] == ["asker"]
    assert [c.role for c in items["a1"].contributions] == ["author"]


def test_directory_csv(sample_org: list[SampleSource]) -> None:
    people = list(PeopleConnector().parse(sample(sample_org, "people").path, IngestContext()))
    assert len(people) == 22
    derek = next(p for p in people if p.names == ["Derek Hollis"])
    assert derek.skills == ["machine learning", "kafka", "kubernetes"]
    assert derek.title == "Solutions Architect" and derek.is_internal is True
    olivia = next(p for p in people if p.names == ["Olivia Grant"])
    assert olivia.is_internal is False
    karin = next(p for p in people if p.names == ["Karin Holm"])
    assert karin.end_date == "2025-06-30"


def test_directory_json_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "people.json"
    path.write_text(
        json.dumps(
            {
                "people": [
                    {
                        "id": "x1",
                        "name": "Ann Lee",
                        "emails": ["ann@x.example"],
                        "skills": "go, rust",
                    },
                    "not a person",
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"people\.json:entry 2: each person must be"):
        list(PeopleConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    (ann,) = PeopleConnector().parse(path, context)
    assert ann.skills == ["go", "rust"] and ann.emails == ["ann@x.example"]
    bad = tmp_path / "people.csv"
    bad.write_text("colour,size\nred,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"people\.csv:1: no header row"):
        list(PeopleConnector().parse(bad, IngestContext()))


def test_directory_csv_rows_must_have_the_header_width(tmp_path: Path) -> None:
    """The last row of a cut-off export would store half an email address."""
    path = tmp_path / "directory.csv"
    path.write_text(
        "id,name,emails,title\ne01,Inès Moreau,ines@corvid.example,DBA\ne02,Raj Patel,raj.pa",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"directory\.csv:3: row cut off or misquoted: 3 fields"):
        list(PeopleConnector().parse(path, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert [p.names for p in PeopleConnector().parse(path, context)] == [["Inès Moreau"]]
    path.write_text("id,name\ne01,Inès Moreau,DBA\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"directory\.csv:2: row with a stray delimiter"):
        list(PeopleConnector().parse(path, IngestContext()))


def test_directory_csv_saved_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "directory.csv"
    path.write_text(
        "\ufeffid;name;emails;skills\r\ne01;Inès Moreau;ines@corvid.example;postgres, kafka\r\n",
        encoding="utf-8",
    )
    (ines,) = PeopleConnector().parse(path, IngestContext())
    assert ines.emails == ["ines@corvid.example"] and ines.skills == ["postgres", "kafka"]


def test_directory_email_cells_are_read_as_addresses(tmp_path: Path) -> None:
    """An evaluator's directory said "Jean Martin <jean@corvid.fr>" and "mailto:ana@corvid.fr":
    both were stored as written, so Jean's and Ana's mail never met their directory entries;
    "marie.dupont" (no domain) was stored silently."""
    path = tmp_path / "people.csv"
    path.write_text(
        'id,name,email\n2,Jean Martin,"Jean Martin <Jean@corvid.fr>"\n'
        "3,Ana Li,mailto:ana@corvid.fr; ana.li@corvid.fr\n",
        encoding="utf-8",
    )
    jean, ana = PeopleConnector().parse(path, IngestContext())
    assert jean.emails == ["Jean@corvid.fr"]
    assert ana.emails == ["ana@corvid.fr", "ana.li@corvid.fr"]
    for written in ("marie.dupont", "n/a", "marie@", "@corvid.fr"):
        path.write_text(f"id,name,email\n1,Marie Dupont,{written}\n", encoding="utf-8")
        with pytest.raises(
            InputError, match=rf"people\.csv:2: email '{written}' is not an address; write it"
        ):
            list(PeopleConnector().parse(path, IngestContext()))


def test_an_api_dump_with_half_a_character_is_refused_where_it_is(tmp_path: Path) -> None:
    """A `\\ud800` escape in a REST dump (GitHub, Jira...) passed the JSON reader and broke
    the store: it is invalid JSON at its line and column, and nothing of the file is read."""
    from whoknows.ingest._json import iter_entries

    dump = tmp_path / "issues.json"
    dump.write_text('[{"title": "ok"},\n {"title": "x \\ud800 y"}]', encoding="utf-8")
    context = IngestContext(skip_errors=True)
    assert list(iter_entries(dump, context)) == []
    assert len(context.problems) == 1 and "issues.json:2:15" in str(context.problems[0])


def test_a_french_hr_export_reads_its_columns_dates_and_statuses(tmp_path: Path) -> None:
    """A French evaluator's directory: "Matricule;Nom complet;Adresse e-mail" was refused, a
    leaving date "31/01/2026" was stored as it is (so Nadia still showed as active), and
    "interne" / "prestataire" were read as unknown."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "Matricule;Nom complet;Adresse e-mail;Poste;Service;Statut;Date d'entrée;Date de sortie\n"
        "v01;Nadia Benali;nadia@vernier.fr;Ingénieure sécurité;Sécurité;interne;"
        "01/09/2021;31/01/2026\n"
        "v02;Marc Petit;marc@presta.fr;Consultant SAP;Finance;Prestataire;15.03.2025;\n",
        encoding="utf-8",
    )
    people = {p.names[0]: p for p in PeopleConnector().parse(path, IngestContext())}
    nadia, marc = people["Nadia Benali"], people["Marc Petit"]
    assert nadia.emails == ["nadia@vernier.fr"] and nadia.department == "Sécurité"
    assert (nadia.start_date, nadia.end_date, nadia.is_internal) == (
        "2021-09-01",
        "2026-01-31",
        True,
    )
    assert (marc.start_date, marc.is_internal) == ("2025-03-15", False)
    for column in ("Gestionnaire", "N+1", "Supérieur hiérarchique"):  # (a game studio's)
        managed = tmp_path / "managed.csv"
        managed.write_text(f"Matricule;Nom complet;{column}\nv03;Léa Roy;v01\n", encoding="utf-8")
        assert next(iter(PeopleConnector().parse(managed, IngestContext()))).manager == "v01"
    us = tmp_path / "us.csv"
    us.write_text("id,name,end_date\nu1,Ann Lee,01/31/2026\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"us.csv:2: date '01/31/2026' is not in a known format"):
        list(PeopleConnector().parse(us, IngestContext()))
    context = IngestContext(options={"date_format": "%m/%d/%Y"})
    assert next(iter(PeopleConnector().parse(us, context))).end_date == "2026-01-31"
    for written in ("2026-02-30", "2025-13-01", "30 février 2026", "31/02/2026"):
        impossible = tmp_path / "feb.csv"
        impossible.write_text(f"id,name,end_date\nu1,Ann Lee,{written}\n", encoding="utf-8")
        with pytest.raises(
            InputError, match=rf"feb.csv:2: date '{written}' is not a day of the calendar"
        ):
            list(PeopleConnector().parse(impossible, IngestContext()))
    odd = tmp_path / "odd.csv"
    odd.write_text("id,name,type\nu1,Ann Lee,robot\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"odd.csv:2: internal/external value 'robot'"):
        list(PeopleConnector().parse(odd, IngestContext()))


def test_a_title_column_of_another_name_handles_apart_and_unread_columns_said(
    tmp_path: Path,
) -> None:
    """A bilingual evaluator's directory: "Intitulé du poste" was read as nothing (every title
    empty), "alefevre github:alefevre-lum" stored as one handle, and neither was said."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "Matricule;Nom complet;Intitulé du poste;Identifiants;Ancienneté\n"
        "LS0102;Antoine Lefèvre;Comptable fournisseurs;alefevre github:alefevre-lum;4\n",
        encoding="utf-8",
    )
    context = IngestContext()
    (antoine,) = PeopleConnector().parse(path, context)
    assert antoine.title == "Comptable fournisseurs"
    assert antoine.handles == ["alefevre", "github:alefevre-lum"]
    assert context.notes == {"people: column 'Ancienneté' not read": 1}


def test_an_interne_externe_column_is_read(tmp_path: Path) -> None:
    """A bank's HR export names the column "Interne/Externe": it was not read (a note said
    so), and its departed consultant counted as an internal holder."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "\ufeffMatricule;Nom complet;Interne/Externe;Date de sortie\n"
        "BH1;Vincent Caron;Externe;30/04/2025\nBH2;Sophie Lambert;Interne;\n",
        encoding="utf-8",
    )
    context = IngestContext()
    people = {p.names[0]: p.is_internal for p in PeopleConnector().parse(path, context)}
    assert people == {"Vincent Caron": False, "Sophie Lambert": True}
    assert not context.notes
    written = {  # (as HR tools write them: a whole directory had been refused for "Int.")
        "Int.": True,
        "Ext": False,
        "Salarié CDI": True,
        "Prestataire (régie)": False,
        "Full-time": True,
        "Permanent": True,
        "Contingent Worker": False,
    }
    path.write_text(
        "Matricule;Nom complet;Interne/Externe\n"
        + "".join(f"p{n};Person {chr(65 + n)};{value}\n" for n, value in enumerate(written)),
        encoding="utf-8",
    )
    read = [p.is_internal for p in PeopleConnector().parse(path, IngestContext())]
    assert read == list(written.values())


def test_an_externe_column_says_who_is_an_outsider(tmp_path: Path) -> None:
    """A hospital's directory marks its vendors' staff in a column "Externe" (oui/non): it was
    not read (a note said so), and a "oui" there would have read as staff."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "Matricule,Nom complet,Externe\nE1,Luc Thibodeau,non\nX1,Brian Kessler,oui\n"
        "X2,Derek Olsen,Prestataire\nE2,Chantal LeBlanc,\n",
        encoding="utf-8",
    )
    context = IngestContext()
    people = {p.names[0]: p.is_internal for p in PeopleConnector().parse(path, context)}
    assert people == {
        "Luc Thibodeau": True,
        "Brian Kessler": False,
        "Derek Olsen": False,
        "Chantal LeBlanc": None,
    }
    assert not context.notes
    path.write_text("Matricule,Nom complet,Externe\nE1,Luc Thibodeau,robot\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"annuaire.csv:2: internal/external value 'robot'"):
        list(PeopleConnector().parse(path, IngestContext()))


def test_a_french_export_with_first_and_last_names(tmp_path: Path) -> None:
    """In a French export "Nom" is the last name: "Prénom;Nom" stored "Martin" alone."""
    path = tmp_path / "rh.csv"
    path.write_text(
        "Matricule;Prénom;Nom;Adresse mail;Date d'embauche;Date de fin de contrat\n"
        "v07;Claire;Martin;claire@vernier.fr;02/01/2020;30/06/2026\n",
        encoding="utf-8",
    )
    (claire,) = PeopleConnector().parse(path, IngestContext())
    assert claire.names == ["Claire Martin"] and claire.emails == ["claire@vernier.fr"]
    assert (claire.start_date, claire.end_date) == ("2020-01-02", "2026-06-30")


def test_a_quebec_export_reads_its_job_titles_managers_and_statuses(tmp_path: Path) -> None:
    """A Québec lab's HR export was refused whole for its "Statut" of "Actif" and "Inactif"
    (an employment status, not staff or outsider), and its "Titre d'emploi" and "Supérieur
    immédiat" were left unread: the misleading titles a client wants to see past."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "\ufeffMatricule;Nom;Prénom;Courriel;Titre d'emploi;Service;Supérieur immédiat;"
        "Date d'entrée;Date de départ;Statut\r\n"
        "10230;Tremblay;Hélène;helene@geoia.ca;Directrice;Direction;;01/08/2012;;Actif\r\n"
        "10356;Morin;Samuel;samuel@geoia.ca;Étudiant au doctorat;Optique;Hélène Tremblay;"
        "01/09/2020;30/06/2025;Inactif\r\n"
        "10360;Roy;Julie;julie@geoia.ca;Chercheuse;Optique;;01/09/2020;;Congé sans solde\r\n",
        encoding="utf-8",
    )
    helene, samuel, julie = PeopleConnector().parse(path, IngestContext())
    assert julie.is_internal is None  # (a status of the export's own words: a second attacker's)
    workday = tmp_path / "workday.csv"
    workday.write_text("id,name,Employee Type\nw1,Ann Lee,Regular\n", encoding="utf-8")
    assert next(iter(PeopleConnector().parse(workday, IngestContext()))).is_internal is True
    assert (helene.title, helene.is_internal, helene.end_date) == ("Directrice", None, None)
    assert (samuel.title, samuel.manager) == ("Étudiant au doctorat", "Hélène Tremblay")
    assert samuel.end_date == "2025-06-30"


def test_a_rehire_clears_the_end_date_and_a_date_to_come_is_no_departure(tmp_path: Path) -> None:
    """An evaluator's directory, exported again with a rehired person's end date blank, kept
    the old date ("left on June 30, 2025"); and a planned departure (2099-12-31) was shown
    as "left on December 31, 2099"."""
    from datetime import date

    from conftest import make_service
    from whoknows.store.persons import left_on

    header = "id,name,emails,title,end_date\n"
    path = tmp_path / "directory.csv"
    service = make_service(tmp_path / "ws")
    try:
        path.write_text(header + "e1,Karl Weber,karl@x.test,Data Engineer,2025-06-30\n")
        service.ingest.ingest("people", path)
        person = service.people.show(service.people.resolve("Karl Weber"))
        assert person.end_date == "2025-06-30"
        path.write_text(header + "e1,Karl Weber,karl@x.test,Data Engineer,\n")
        service.ingest.ingest("people", path)
        assert service.people.show(service.people.resolve("Karl Weber")).end_date is None
        # a directory without the column says nothing of it
        path.write_text(header + "e1,Karl Weber,karl@x.test,Data Engineer,2025-06-30\n")
        service.ingest.ingest("people", path)
        (tmp_path / "short.csv").write_text("id,name,emails\ne1,Karl Weber,karl@x.test\n")
        service.ingest.ingest("people", tmp_path / "short.csv")
        assert service.people.show(service.people.resolve("Karl Weber")).end_date == "2025-06-30"
    finally:
        service.close()
    today = date(2026, 12, 3)
    assert left_on("2025-06-30", today) == "2025-06-30"
    assert left_on("2026-12-03", today) == "2026-12-03"
    assert left_on("2099-12-31", today) is None and left_on(None, today) is None


def test_people_are_listed_alphabetically_whatever_their_accents(tmp_path: Path) -> None:
    """A fresh evaluator's "Élodie Marchand" came last, after "Tom Whitaker"."""
    from conftest import make_service

    path = tmp_path / "people.csv"
    path.write_text("id,name\n1,Tom Whitaker\n2,Élodie Marchand\n3,anna Lee\n4,Emma Wilson\n")
    service = make_service(tmp_path / "ws")
    try:
        service.ingest.ingest("people", path)
        names = [p.display_name for p in service.people.list_people()]
        assert names == ["anna Lee", "Élodie Marchand", "Emma Wilson", "Tom Whitaker"]
    finally:
        service.close()


def test_a_misspelt_column_is_refused_and_an_unknown_one_noted(tmp_path: Path) -> None:
    """A fresh evaluator's directory with "Nom complett" was accepted with a note: 35 people
    named by their addresses' first part, then a duplicate of each at the next ingest."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "Matricule;Nom complett;Adresse e-mail;Fonction\n"
        "B01;Catherine Brunel;catherine.brunel@brunel.example;Associée\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"annuaire\.csv:1: column 'Nom complett' .*'Nom complet'"):
        list(PeopleConnector().parse(path, IngestContext()))
    # the hint spelt as the header is: "Adresse e-mail", not the key "adresse e mail"
    path.write_text("Matricule;Nom complet;Adresse e-mial\nB01;C B;c@b.example\n")
    with pytest.raises(InputError, match=r"column 'Adresse e-mial' .*'Adresse e-mail'\?"):
        list(PeopleConnector().parse(path, IngestContext()))
    # a typographic apostrophe is an apostrophe, and Québec's "Adresse courriel" is read
    path.write_text(
        "Matricule;Nom complet;Adresse courriel;Titre d’emploi\nB01;C B;c@b.example;Commis\n",
        encoding="utf-8",
    )
    (person,) = list(PeopleConnector().parse(path, IngestContext()))
    assert person.title == "Commis" and person.emails == ["c@b.example"]
    # a column that is no misspelling of one read, or one beside the column it resembles
    path.write_text(
        "Matricule;Nom complet;Nom complett;Adresse e-mail;Couleur\n"
        "B01;Catherine Brunel;x;catherine.brunel@brunel.example;bleu\n",
        encoding="utf-8",
    )
    context = IngestContext()
    (person,) = list(PeopleConnector().parse(path, context))
    assert person.names[0] == "Catherine Brunel"
    assert sum(context.notes.values()) == 2 and "Nom complett" in str(context.notes)
    # two letters swapped in a short name (a fresh evaluator's "nmae": a person named "foo")
    path.write_text("id,nmae,emails\nX1,Foo Bar,foo@x.example\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"column 'nmae' .*'name'"):
        list(PeopleConnector().parse(path, IngestContext()))
    # a column one last letter from one read is noted, no misspelling (a reviewer's "status",
    # against "statut", had crashed the ingest)
    path.write_text(
        "id,name,emails,status,posts\nX1,Foo Bar,foo@x.example,active,3\n", encoding="utf-8"
    )
    context = IngestContext()
    (person,) = list(PeopleConnector().parse(path, context))
    assert person.names[0] == "Foo Bar" and "status" in str(context.notes)


def test_a_french_declared_skills_column_is_read(tmp_path: Path) -> None:
    """A law firm's "Compétences déclarées" was noted as not read: no claim to check."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "Matricule;Nom complet;Adresse e-mail;Compétences déclarées\n"
        'E001;Henri Vasseur;h.vasseur@dva.example;"prix de transfert; arbitrage"\n',
        encoding="utf-8",
    )
    context = IngestContext()
    (person,) = list(PeopleConnector().parse(path, context))
    assert list(person.skills) == ["prix de transfert", "arbitrage"] and not context.notes


def test_a_shared_mailbox_in_the_directory_is_no_person(tmp_path: Path) -> None:
    """A hospital's directory (a fresh evaluator's) listed its helpdesk's mailbox as "Boîte
    fonctionnelle": its maintenance notices made it a "person" in seven answers."""
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "id,name,emails,title,department,type\n"
        "E1,Support Informatique,support-informatique@chu.example,Boîte fonctionnelle,DSI,\n"
        "E2,Paie,paie@chu.example,,RH,Compte générique\n"
        "E3,Helpdesk,helpdesk@acme.example,Shared mailbox,IT,internal\n"
        "E4,Fatou Diallo,fatou.diallo@chu.example,Assistante de direction,Direction,interne\n"
        "E5,Support DSI,support-dsi@chu.example,BAL fonctionnelle du support,DSI,\n"
        # (an attacker's: titles that hold such words are people's)
        "E6,Sophie Laurent,s.laurent@chu.example,Responsable compte technique,Ventes,interne\n"
        "E7,James Okafor,j.okafor@acme.example,Group Account Director,Sales,internal\n"
        "E8,Ana Ruiz,a.ruiz@acme.example,Service Account Manager,Sales,internal\n",
        encoding="utf-8",
    )
    read = {p.names[0]: p.ref.is_bot for p in PeopleConnector().parse(path, IngestContext())}
    assert read == {
        "Support Informatique": True,
        "Paie": True,
        "Helpdesk": True,
        "Fatou Diallo": False,
        "Support DSI": True,
        "Sophie Laurent": False,
        "James Okafor": False,
        "Ana Ruiz": False,
    }


def test_an_agents_export_in_json_reads_its_french_dates_and_says_what_it_leaves(
    tmp_path: Path,
) -> None:
    """A fresh evaluator's regional council: its HR export wraps the agents in an object
    ({"export": …, "agents": [...]}: refused), and "date_départ" was read by no field, so two
    leavers looked current, silently."""
    path = tmp_path / "annuaire_agents.json"
    agents = [
        {
            "matricule": "CR10231",
            "nom": "FOURNIER",
            "prénom": "Bernard",
            "courriel": "bernard.fournier@maregion.example",
            "fonction": "Technicien systèmes",
            "service": "Exploitation",
            "date_arrivée": "01/03/2005",
            "date_départ": "30/06/2024",
            "société": "Conseil régional",
        }
    ]
    path.write_text(json.dumps({"export": "2025-02-01", "agents": agents}), encoding="utf-8")
    context = IngestContext()
    (bernard,) = PeopleConnector().parse(path, context)
    assert (bernard.start_date, bernard.end_date) == ("2005-03-01", "2024-06-30")
    assert "société" in str(context.notes)
    # a misspelling of a field read is refused, as in a CSV header
    agents[0]["date_departt"] = agents[0].pop("date_départ")
    path.write_text(json.dumps(agents), encoding="utf-8")
    with pytest.raises(InputError, match=r"entry 1: column 'date_departt' .*'date_depart'.*field"):
        list(PeopleConnector().parse(path, IngestContext()))


def test_an_identity_providers_export_reads_its_camel_case_fields(tmp_path: Path) -> None:
    """A reviewer's: an Okta-style export ("jobTitle") was refused as a misspelling of "job
    title", a Microsoft Graph one ({"value": [...]}, "displayName") likewise."""
    path = tmp_path / "graph.json"
    users = [{"id": "g1", "displayName": "Bo Kim", "mail": "bo@x.example", "jobTitle": "Buyer"}]
    path.write_text(json.dumps({"value": users, "userCount": 1}), encoding="utf-8")
    (bo,) = PeopleConnector().parse(path, IngestContext())
    assert (bo.names[0], bo.title, bo.emails) == ("Bo Kim", "Buyer", ["bo@x.example"])
    # Graph's /users fields (a water utility's evaluator: the leaver, a guest, the offices and
    # the logins had been dropped with a note each)
    users = [
        {"id": "g1", "displayName": "Bo Kim", "mail": "bo@x.example", "userType": "Member",
         "officeLocation": "Namur - Siège", "employeeHireDate": "2019-09-01T00:00:00Z",
         "employeeLeaveDateTime": "2025-09-30T00:00:00Z", "onPremisesSamAccountName": "bkim"},
        {"id": "g2", "displayName": "Yves Delcourt", "mail": "yves@delcourt.example",
         "userType": "Guest", "employeeType": None, "onPremisesSamAccountName": None},
        {"id": "g3", "displayName": "Claire Martin", "mail": None,
         "userPrincipalName": "claire.martin@x.example"},
        {"id": "g4", "displayName": "Ann Guest", "mail": None,
         "userPrincipalName": "ann_other.example#EXT#@x.onmicrosoft.com"},
    ]  # fmt: skip
    path.write_text(json.dumps({"value": users}), encoding="utf-8")
    context = IngestContext()
    bo, yves, claire, ann = PeopleConnector().parse(path, context)
    assert (claire.emails, ann.emails) == (["claire.martin@x.example"], [])
    assert "userPrincipalName" not in str(context.notes), context.notes
    assert (bo.location, bo.start_date, bo.end_date, bo.handles, bo.is_internal) == (
        "Namur - Siège",
        "2019-09-01",
        "2025-09-30",
        ["bkim"],
        True,
    )
    assert (yves.is_internal, yves.handles) == (False, [])


def test_a_name_cell_with_a_lone_double_quote_is_refused_where_it_is(tmp_path: Path) -> None:
    """An attacker's directory row 'z2,Broken "quote,x@y.example' made a person named
    'Broken "quote', exit 0: a CSV writer quotes a cell holding a quote and doubles it, so a
    lone one is a misquoted row."""
    from connector_checks import assert_rejected_store_unchanged, light_service

    service = light_service(tmp_path / "ws")
    good = tmp_path / "good.csv"
    good.write_text("id,name,emails\nz1,Walrus Good,walrus@corvid.example\n", encoding="utf-8")
    service.ingest.ingest("people", good)
    bad = tmp_path / "dir-cols.csv"
    bad.write_text(good.read_text() + 'z2,Broken "quote,x@y.example\n', encoding="utf-8")
    error = assert_rejected_store_unchanged(
        service, "people", bad, r"dir-cols\.csv:3: column 2 \('name'\) holds a lone double quote"
    )
    assert "'Broken \"quote'" in error.one_line() and "remove the stray quote" in error.one_line()
    for row in ('z3,"Broken ""quote",x@y.example,', 'z3,Ana,a@y.example,Raj "P'):
        bad.write_text(f"id,name,emails,manager\n{row}\n", encoding="utf-8")
        with pytest.raises(InputError, match=r"dir-cols\.csv:2: column [24] \('(name|manager)'\)"):
            list(PeopleConnector().parse(bad, IngestContext()))
    bad.write_text('id,name\nz2,Broken "quote\nz3,Ana Li\n', encoding="utf-8")
    context = IngestContext(skip_errors=True)
    assert [p.names for p in PeopleConnector().parse(bad, context)] == [["Ana Li"]]
    service.close()


def test_names_with_apostrophes_and_quoted_cells_are_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "id,name,emails,title\n"
        "1,Siobhan O'Brien,sob@corvid.example,DBA\n"
        "2,Jean d'Alembert,jda@corvid.example,Analyst\n"
        '3,"Martin, Marie",mm@corvid.example,"Head of ""Blue"" team"\n'
        '4,"Jean ""JJ"" Dupont",jj@corvid.example,"Écran 27"""\n',
        encoding="utf-8",
    )
    people = list(PeopleConnector().parse(path, IngestContext()))
    assert [p.names for p in people] == [
        ["Siobhan O'Brien"],
        ["Jean d'Alembert"],
        ["Martin, Marie"],
        ['Jean "JJ" Dupont'],
    ]
    assert [p.title for p in people[2:]] == ['Head of "Blue" team', 'Écran 27"']

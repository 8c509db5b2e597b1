from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from connector_checks import (
    assert_broken_input_is_one_line,
    assert_ingest_twice_adds_nothing,
    light_service,
    stored_roles,
)
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest._jira_model import INACTIVE
from whoknows.ingest._markup import adf_to_text, jira_wiki_to_text
from whoknows.ingest.jira import JiraConnector
from whoknows.records import ItemRecord

FIXTURES = Path(__file__).parent / "fixtures" / "jira"
BASE = {"base_url": "https://corvid.atlassian.net"}
# PLAT-120 fetched from the REST API and exported as CSV by a user whose profile is in Paris
SAME_ISSUE = FIXTURES / "same-issue"
PARIS = {"timezone": "Europe/Paris"}


def _items(path: Path, context: IngestContext) -> dict[str, ItemRecord]:
    return {
        r.native_id: r for r in JiraConnector().parse(path, context) if isinstance(r, ItemRecord)
    }


def _roles(item: ItemRecord) -> set[tuple[str | None, str, float]]:
    return {
        (c.person.name or c.person.native_id, str(c.role), c.weight) for c in item.contributions
    }


def test_search_pages_roles_tags_and_text() -> None:
    context = IngestContext(options=BASE)
    items = _items(FIXTURES / "api", context)
    fixed = items["10101"]
    assert fixed.title == "PLAT-101: Postgres connection pool exhausted under load"
    assert fixed.url == "https://corvid.atlassian.net/browse/PLAT-101"
    assert _roles(fixed) == {
        ("Łukasz Nowak", "asker", 1.0),
        ("Inès Moreau", "resolver", 1.0),
        ("Inès Moreau", "assignee", 1.0),
    }
    # the resolution is workflow, no subject ("Done", "Duplicate" were topics): in meta
    assert fixed.tags == ["Database", "Platform", "incident", "postgres"]
    assert fixed.meta["resolution"] == "Fixed"
    assert "order service fails" in fixed.text and "{code" not in fixed.text
    assert "the dashboard (https://grafana.corvid.example/d/pg)" in fixed.text
    assert "javascript" not in fixed.text
    # the fixer's explanation is a reply, the reporter's thanks an acknowledgement (as in chat);
    # a comment's id is its issue, its minute in UTC, its author and its rank among theirs in
    # that minute
    reply = "10101/comment/20240313T1535/712020:7d1f3a2b-ines/1"
    thanks = "10101/comment/20240313T1600/712020:aa90-lukasz/1"
    assert _roles(items[reply]) == {("Inès Moreau", "replier", 1.0)}
    assert _roles(items[thanks]) == {("Łukasz Nowak", "acknowledger", 1.0)}
    assert items[reply].parent_id == "10101"
    # duplicate: nobody fixed it; automation resolved PLAT-103: only the assignee is credited
    assert _roles(items["10102"]) == {("Service Desk Customer", "asker", 1.0)}
    assert _roles(items["10103"]) == {
        ("Mei Tanaka", "asker", 1.0),
        ("Łukasz Nowak", "assignee", 1.0),
    }
    # v3: Atlassian Document Format flattened, mention and safe card URL kept
    adf = items["10103"].text
    assert "@Łukasz Nowak" in adf and "https://wiki.corvid.example/kafka-tls" in adf
    assert "keytool -list" in adf
    assert _roles(items["10104"]) == {("Inès Moreau", "asker", 1.0)}  # open: no assignee role
    assert context.skipped == {
        "jira: comment by a bot or automation": 1,
        "jira: resolution set by a bot or automation (not credited)": 1,
    }
    assert context.notes[
        "jira: resolved as not fixed (duplicate, won't do...): no resolver credited"
    ]


def test_csv_export_repeated_columns_comments_and_dates() -> None:
    context = IngestContext()
    items = _items(FIXTURES / "csv" / "export.csv", context)
    issue = items["20007"]
    assert issue.tags == ["Kubernetes", "Deploy", "helm", "rollback"]
    assert issue.meta["resolution"] == "Fixed"
    assert issue.date is not None and issue.date.isoformat() == "2024-03-12T10:15:00+00:00"
    assert {(c.person.native_id, c.role) for c in issue.contributions} == {
        ("712020:aa90-lukasz", "asker"),
        ("712020:7d1f3a2b-ines", "assignee"),
    }
    comments = [i for i in items.values() if i.kind == "comment"]
    assert [(c.contributions[0].person.native_id, c.contributions[0].role) for c in comments] == [
        ("712020:7d1f3a2b-ines", "replier"),
        ("712020:aa90-lukasz", "acknowledger"),
    ]
    assert "hook-delete-policy" in comments[0].text
    assert context.skipped["jira: comment by a bot or automation"] == 1
    assert context.notes["jira: no changelog (CSV or unexpanded search): resolver unknown"] == 1


def test_csv_date_in_unknown_format_names_the_line(tmp_path: Path) -> None:
    source = (FIXTURES / "csv" / "export.csv").read_text(encoding="utf-8")
    broken = tmp_path / "export.csv"
    broken.write_text(source.replace("15/Mar/24 11:00 AM", "2024.03.15 11h00", 1), "utf-8")
    service = light_service(tmp_path)
    message = assert_broken_input_is_one_line(
        service, "jira", broken, r"^5$", "date '2024.03.15 11h00' is not in a known format"
    )
    assert "--date-format" in message
    report = service.ingest.ingest("jira", broken, options={"date_format": "%Y.%m.%d %Hh%M"})
    assert report.items_added == 4


def test_a_cut_off_csv_row_is_an_error_and_never_stored(tmp_path: Path) -> None:
    """The export was cut inside OPS-8's Reporter Id: storing that row would blank its
    description and add a person with half an account id."""
    service = light_service(tmp_path)
    service.ingest.ingest("jira", FIXTURES / "csv")
    cut = FIXTURES / "cut-off" / "export.csv"
    message = assert_broken_input_is_one_line(
        service, "jira", cut, r"^5$", "row cut off or misquoted: 13 fields where the header has 26"
    )
    assert "export.csv:5:" in message and "--skip-errors to skip this row" in message
    report = service.ingest.ingest("jira", cut, skip_errors=True)
    assert report.items_added == report.items_updated == report.people_added == 0
    assert [problem.split(": ")[0] for problem in report.problems] == [f"{cut}:5"]
    description = service.workspace.store().conn.execute(
        "SELECT text FROM items WHERE native_id = '20008'"
    )
    assert "outgoing person hands over" in description.fetchone()[0]


def test_a_row_with_more_fields_than_the_header_is_an_error(tmp_path: Path) -> None:
    source = (FIXTURES / "csv" / "export.csv").read_text(encoding="utf-8")
    extra = tmp_path / "export.csv"
    extra.write_text(source.replace("Low,,Mei Tanaka", "Low,,,Mei Tanaka"), encoding="utf-8")
    with pytest.raises(InputError, match=r"export\.csv:5: row with a stray delimiter: 27 fields"):
        _items(extra, IngestContext())
    skipping = IngestContext(skip_errors=True)
    assert "20008" not in _items(extra, skipping) and len(skipping.problems) == 1


def test_csv_resaved_by_a_spreadsheet_with_semicolons_reads_the_same() -> None:
    """French Excel saves CSV with ';' between fields (and a BOM, CRLF line ends)."""
    semicolons = _items(FIXTURES / "csv-semicolon" / "export.csv", IngestContext())
    commas = _items(FIXTURES / "csv" / "export.csv", IngestContext())
    assert semicolons == commas


def test_a_csv_of_something_else_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("Titre;Clé\nLag kafka;OPS-1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.csv:1: not a Jira CSV export .* ';' or tab"):
        _items(other, IngestContext())


def test_csv_dates_with_month_names_in_the_exporting_users_language(tmp_path: Path) -> None:
    """A French user's export: "12/mars/24 10:15", "03/févr./24", "01/juil./24", "28/juin/24"."""
    french = FIXTURES / "csv-fr" / "export.csv"
    for options in ({}, {"date_format": "%d/%b/%y %H:%M"}):
        items = _items(french, IngestContext(options=options))
        dates = {key: item.date.isoformat() for key, item in items.items() if item.date}
        assert dates == {
            "10301": "2024-03-12T10:15:00+00:00",
            "10301/comment/20240313T0900/adubois/1": "2024-03-13T09:00:00+00:00",
            "10301/comment/20240314T1600/skierkegaard/1": "2024-03-14T16:00:00+00:00",
            "10302": "2024-02-03T09:30:00+00:00",
            "10302/comment/20240815T0805/adubois/1": "2024-08-15T08:05:00+00:00",
            "10303": "2023-12-30T18:20:00+00:00",
        }
    unknown = tmp_path / "export.csv"
    unknown.write_text(french.read_text("utf-8").replace("30/déc./23", "30/dezz/23"), "utf-8")
    with pytest.raises(InputError, match=r"export\.csv:4: date '30/dezz/23 18:20' is not in a"):
        _items(unknown, IngestContext())


# the header of an export made from Jira's French interface (Cloud, "ticket" wording)
FRENCH_HEADER = (
    "Résumé,Clé de ticket,ID de ticket,Type de ticket,État,Clé de projet,Priorité,Résolution,"
    "Responsable,Rapporteur,Créateur,Création,Mise à jour,Résolue,Composants,Étiquettes,"
    "Description,Commentaire,Commentaire"
)


def test_a_csv_exported_from_the_french_interface_reads_as_the_english_one(
    tmp_path: Path,
) -> None:
    english = (FIXTURES / "csv-fr" / "export.csv").read_text("utf-8")
    french = tmp_path / "export.csv"
    french.write_text(FRENCH_HEADER + "\n" + english.split("\n", 1)[1], "utf-8")
    read, expected = _items(french, IngestContext()), _items(FIXTURES / "csv-fr", IngestContext())
    assert sorted(read) == sorted(expected) and len(read) == 6
    for native_id, item in expected.items():
        got = read[native_id]
        assert (got.title, got.text, got.date, got.tags) == (
            item.title,
            item.text,
            item.date,
            item.tags,
        ), native_id
        assert _roles(got) == _roles(item), native_id
    assert read["10301"].tags and _roles(read["10301"])
    older = tmp_path / "demande.csv"  # (older versions say "demande")
    older.write_text(
        french.read_text("utf-8").replace("Clé de ticket", "Clé de la demande"), "utf-8"
    )
    assert sorted(_items(older, IngestContext())) == sorted(expected)


def test_a_comment_has_the_same_id_in_both_formats() -> None:
    rest = _items(SAME_ISSUE / "rest", IngestContext())
    exported = _items(SAME_ISSUE / "csv", IngestContext(options=PARIS))
    assert (
        sorted(rest)
        == sorted(exported)
        == [
            "10120",
            "10120/comment/20240313T1535/712020:e5-tomas/1",  # two by one person in one minute
            "10120/comment/20240313T1535/712020:e5-tomas/2",
            "10120/comment/20240313T1600/712020:c3-mei/1",  # 17:00 in Paris is 16:00 UTC
        ]
    )
    for native_id, item in rest.items():  # the same moments (the CSV has minutes only)
        assert item.date is not None and exported[native_id].date == item.date.replace(second=0)
        assert exported[native_id].text == item.text, native_id


def test_rest_then_csv_of_the_same_issue_adds_nothing(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    assert service.ingest.ingest("jira", SAME_ISSUE / "rest").items_added == 4
    again = service.ingest.ingest("jira", SAME_ISSUE / "csv", options=PARIS)
    assert again.items_added == again.people_added == 0
    assert again.items_updated + again.items_unchanged == 4
    conn = service.workspace.store().conn
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 4
    roles = {row[0] for row in conn.execute("SELECT role FROM contributions")}
    assert "resolver" in roles, "the CSV (no change history) must not drop the REST resolver"


def test_a_csv_ingested_again_in_another_time_zone_is_refused(tmp_path: Path) -> None:
    """A bilingual evaluator ingested a CSV with --timezone Europe/Paris, then again without:
    "26 added, 14 updated", every comment stored twice under an id an hour apart."""
    from whoknows.errors import UsageError

    service = light_service(tmp_path)
    first = service.ingest.ingest("jira", SAME_ISSUE / "csv", options=PARIS)
    conn = service.workspace.store().conn
    count = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    with pytest.raises(
        UsageError, match=r"was ingested with --timezone 'Europe/Paris', not \(none\)"
    ):
        service.ingest.ingest("jira", SAME_ISSUE / "csv")
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == count
    again = service.ingest.ingest("jira", SAME_ISSUE / "csv", options=PARIS)
    assert again.items_added == 0 and first.items_added == count
    service.close()


def test_csv_timezone_must_be_known() -> None:
    context = IngestContext(options={"timezone": "Mars/Olympus_Mons"})
    with pytest.raises(InputError, match=r"export\.csv: unknown time zone 'Mars/Olympus_Mons'"):
        _items(SAME_ISSUE / "csv", context)


def test_deactivated_accounts_are_noted_and_kept() -> None:
    context = IngestContext()
    items = _items(SAME_ISSUE / "rest", context)
    assert _roles(items["10120"]) == {
        ("Mei Tanaka", "asker", 1.0),
        ("Tomás Ferreira", "resolver", 1.0),
        ("Tomás Ferreira", "assignee", 1.0),
    }
    assert context.notes[INACTIVE] == 4  # resolver, assignee and two comments
    active = IngestContext()
    assert _items(FIXTURES / "api", active) and INACTIVE not in active.notes


def test_markup_helpers() -> None:
    assert jira_wiki_to_text("h1. Title\n*bold* [a|https://x.example] [b|file:///etc]") == (
        "Title\nbold a (https://x.example) b"
    )
    assert adf_to_text({"type": "doc", "content": [{"type": "hardBreak"}]}) == ""


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    assert_ingest_twice_adds_nothing(service, "jira", FIXTURES / "api", BASE)
    assert_ingest_twice_adds_nothing(service, "jira", FIXTURES / "csv")


def test_truncated_page_is_one_line_error_and_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    service.ingest.ingest("jira", FIXTURES / "csv")
    message = assert_broken_input_is_one_line(
        service, "jira", FIXTURES / "broken", r"^\d+:\d+$", "invalid JSON"
    )
    assert "search-truncated.json:" in message
    report = service.ingest.ingest("jira", FIXTURES / "broken", skip_errors=True)
    assert report.items_added == 0 and len(report.problems) == 1


def test_an_api_error_answer_is_named_as_such(tmp_path: Path) -> None:
    """A search page saved from a failed request: Jira's error body, with what it said."""
    page = tmp_path / "search.json"
    page.write_text(
        "{\"errorMessages\": [\"The value 'PLAT' does not exist for the field 'project'.\"],"
        ' "errors": {}}',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"search\.json:1: an API error response, not data: "):
        _items(page, IngestContext())
    context = IngestContext(skip_errors=True)
    assert _items(page, context) == {}
    assert "does not exist for the field 'project'" in context.problems[0].reason


def _git_repo(path: Path) -> Path:
    path.mkdir()
    run = ["git", "-C", str(path)]
    subprocess.run([*run, "init", "-q"], check=True)
    for name, email, message in (
        ("Inès Moreau", "ines.moreau@corvid.example", "Transaction pooling for PgBouncer"),
        ("Łukasz Nowak", "lukasz@corvid.example", "Kafka: reload keystores dynamically"),
    ):
        (path / "notes.txt").write_text(message, encoding="utf-8")
        subprocess.run([*run, "add", "notes.txt"], check=True)
        env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
        env |= {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "HOME": str(path)}
        subprocess.run([*run, "commit", "-q", "-m", message], check=True, env=env)
    return path


def test_identity_joins_jira_and_git_by_email_and_name(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    service.ingest.ingest("jira", FIXTURES / "api", options=BASE)
    service.ingest.ingest("git", _git_repo(tmp_path / "repo"))
    conn = service.workspace.store().conn
    for name in ("Inès Moreau", "Łukasz Nowak"):  # by email, then by full name
        people = conn.execute(
            "SELECT DISTINCT c.person_id, i.source FROM contributions c"
            " JOIN persons p ON p.id = c.person_id JOIN items i ON i.id = c.item_id"
            " WHERE p.display_name = ?",
            (name,),
        ).fetchall()
        assert {row[0] for row in people} == {people[0][0]}, name
        assert {row[1] for row in people} == {"jira", "git"}, name
    assert ("10101", "Inès Moreau", "resolver") in stored_roles(service, "jira")


def _resolved_by_someone_else(tmp_path: Path, resolution: str) -> Path:
    """PLAT-101 of the fixture, assigned to Inès and moved to resolved by her manager."""
    import json

    page = json.loads((FIXTURES / "api" / "search-page-1.json").read_text(encoding="utf-8"))
    issue = page["issues"][0]
    manager = {"accountId": "712020:manager", "displayName": "Karim Haddad", "active": True}
    resolving = issue["changelog"]["histories"][1]
    resolving["author"] = manager
    resolving["items"][0]["toString"] = resolution
    issue["fields"]["resolution"]["name"] = resolution
    page["issues"] = [issue]
    folder = tmp_path / "jira"
    folder.mkdir(parents=True)
    (folder / "search-page-1.json").write_text(json.dumps(page), encoding="utf-8")
    return folder


def test_a_manager_moving_someone_elses_issue_to_resolved_is_not_its_fixer(tmp_path) -> None:
    """A thirteenth evaluator's hospital: the head of department moved every ticket to
    "Résolu" and ranked second for ventilator calibration, whose fix his technician, the
    assignee, wrote in the comments. Closing an issue assigned to someone else is triage; a
    French site's "Doublon" is a duplicate, fixed by nobody."""
    context = IngestContext(options=BASE)
    issue = _items(_resolved_by_someone_else(tmp_path / "a", "Résolu"), context)["10101"]
    assert _roles(issue) == {("Łukasz Nowak", "asker", 1.0), ("Inès Moreau", "assignee", 1.0)}
    assert context.notes[
        "jira: resolved by someone other than the assignee (triage): resolver not credited"
    ]
    context = IngestContext(options=BASE)
    issue = _items(_resolved_by_someone_else(tmp_path / "b", "Doublon"), context)["10101"]
    assert _roles(issue) == {("Łukasz Nowak", "asker", 1.0)}


def test_a_resolver_who_explained_the_fix_is_its_fixer_and_a_silent_assignee_is_not(
    tmp_path: Path,
) -> None:
    """A fresh evaluator's support engineer answered the database tickets a triager had
    assigned to others and moved them to Done: the assignees, who wrote nothing, were
    credited and ranked second, the resolver not at all."""
    import json

    folder = _resolved_by_someone_else(tmp_path / "a", "Done")
    page = json.loads((folder / "search-page-1.json").read_text(encoding="utf-8"))
    issue = page["issues"][0]
    ines = issue["fields"]["assignee"]
    issue["fields"]["assignee"] = {"accountId": "712020:ivan", "displayName": "Ivan Petrov"}
    issue["changelog"]["histories"][1]["author"] = ines  # (Inès, who wrote the fix, resolved)
    (folder / "search-page-1.json").write_text(json.dumps(page), encoding="utf-8")
    context = IngestContext(options=BASE)
    roles = _roles(_items(folder, context)["10101"])
    assert ("Inès Moreau", "resolver", 1.0) in roles
    assert not any(name == "Ivan Petrov" for name, _, _ in roles)


def test_a_comment_author_is_named_from_the_rest_of_the_export(tmp_path: Path) -> None:
    """A Cloud export gives a comment's author as an account id alone: an evaluator's manager,
    whose first row was a comment, was a person named by her id, never met her directory
    entry, and a wiki page under her name made a third "Rachel Stone". Her name beside her id
    anywhere in the export (as a reporter, an assignee, a creator, one of the watchers) names
    her comments too: a département's commenters, named only as watchers, were listed by id."""
    header = (
        "Summary,Issue key,Issue id,Issue Type,Status,Assignee,Assignee Id,Reporter,Reporter Id,"
        "Created,Updated,Description,Watchers,Watchers,Watchers Id,Watchers Id,Comment,Comment"
    )
    rows = [
        "Search is slow,BL-1,1,Bug,Done,Tom Nowak,acc-tom,Ben Carter,acc-ben,"
        "03/Sep/25 09:12 AM,05/Sep/25 05:05 PM,Slow search,Ben Carter,Léa Roux,acc-ben,acc-lea,"
        '"03/Sep/25 10:30 AM;acc-rachel;Customer escalation, @tom can you take a look today?",'
        '"03/Sep/25 11:30 AM;acc-lea;The index was rebuilt without its analyzer: reindex fixes it"',
        "Quarterly access review,BL-2,2,Task,Done,Tom Nowak,acc-tom,Rachel Stone,acc-rachel,"
        "04/Sep/25 09:12 AM,05/Sep/25 05:05 PM,Review the access lists,,,,,,",
    ]
    export = tmp_path / "jira" / "export.csv"
    export.parent.mkdir()
    export.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    directory = tmp_path / "people.csv"
    directory.write_text("name,email,title\nRachel Stone,rachel@bl.io,Manager\n", "utf-8")
    service = light_service(tmp_path)
    service.ingest.ingest("people", directory)
    service.ingest.ingest("jira", export.parent)
    named = [p for p in service.people.list_people() if p.display_name == "Rachel Stone"]
    assert len(named) == 1, named
    assert not [p for p in service.people.list_people() if p.display_name == "acc-rachel"]
    names = {p.display_name for p in service.people.list_people()}
    assert "Léa Roux" in names and "acc-lea" not in names, names
    service.close()


def test_a_row_without_a_summary_is_an_error_and_never_stored(tmp_path: Path) -> None:
    """A row whose Summary an evaluator had emptied was stored without a word, and its
    comments retitled "BL-140:  — …" under an issue that kept its old title."""
    source = (FIXTURES / "csv" / "export.csv").read_text(encoding="utf-8")
    emptied = tmp_path / "export.csv"
    emptied.write_text(source.replace("Helm chart rollback leaves orphaned jobs,", ",", 1), "utf-8")
    with pytest.raises(InputError, match=r"export\.csv:2: row without a Summary .*--skip-errors"):
        list(JiraConnector().parse(emptied, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert "20007" not in _items(emptied, context)


def test_an_impossible_date_and_another_kind_of_file_are_named_as_such(tmp_path: Path) -> None:
    """A second evaluator's "31/Feb/26" was "not in a known format; pass --date-format" (the
    format was right), and a mailbox given to the Jira reader was "invalid JSON"."""
    source = (FIXTURES / "csv" / "export.csv").read_text(encoding="utf-8")
    impossible = tmp_path / "export.csv"
    impossible.write_text(source.replace("12/Mar/24 10:15 AM", "31/Feb/24 10:15 AM", 1), "utf-8")
    with pytest.raises(InputError, match=r"'31/Feb/24 10:15 AM' is not a day of the calendar"):
        list(JiraConnector().parse(impossible, IngestContext()))
    mailbox = tmp_path / "team.mbox"
    mailbox.write_text("From a@b.c Mon Jan  1 00:00:00 2024\nSubject: hi\n\nhello\n", "utf-8")
    with pytest.raises(InputError, match=r"team\.mbox: not a Jira export; give its search"):
        list(JiraConnector().parse(mailbox, IngestContext()))


def test_a_csv_comment_signed_with_a_display_name_is_that_person(service, tmp_path: Path) -> None:
    """A fresh evaluator's export named comment authors by their names: each became a second
    person beside the directory's ("Didier Lambert" twice), and `person` refused the name."""
    directory = tmp_path / "annuaire.csv"
    directory.write_text(
        "Matricule;Nom complet;Adresse e-mail;Intitulé du poste\n"
        "X1;Didier Lambert;didier.lambert@ex.fr;Mécanicien\n",
        encoding="utf-8",
    )
    export = tmp_path / "jira.csv"
    export.write_text(
        "Summary,Issue key,Issue id,Reporter,Assignee,Created,Comment\n"
        "Fuite vérin presse 4,MAINT-1,1,Marc Dufour,Marc Dufour,12/Mar/25 10:15 AM,"
        '"12/Mar/25 11:00 AM;Didier Lambert;Joints de tige changés, huile HLP46 filtrée"\n',
        encoding="utf-8",
    )
    service.ingest.ingest("people", directory)
    service.ingest.ingest("jira", export, options={"timezone": "Europe/Paris"})
    found = service.people.list_people("Didier Lambert")
    assert len(found) == 1, found
    service.people.resolve("Didier Lambert")  # (it had named two people)


@pytest.mark.parametrize("tickets", [5, 4])
def test_a_comment_said_the_same_on_five_tickets_is_a_template(
    tmp_path: Path, tickets: int
) -> None:
    """A fresh evaluator's first-line technician left one canned comment, holding each
    ticket's summary, on every ticket, and came first on six of thirty-two questions."""
    import json

    summaries = [
        "Défibrillateur : batterie en défaut",
        "Imprimante Zebra des étiquettes hors ligne",
        "PACS lent à l'ouverture des examens",
        "VPN FortiClient coupé la nuit",
        "Pousse-seringue : bibliothèque de médicaments",
    ][:tickets]
    nicolas = {"accountId": "n1", "displayName": "Nicolas Petit"}
    issues = [
        {
            "id": str(100 + at),
            "key": f"SD-{at}",
            "fields": {
                "summary": summary,
                "description": "Voir la demande du service.",
                "reporter": {"accountId": "c1", "displayName": "Dr Claire Morel"},
                "created": "2025-03-01T08:00:00.000+0100",
                "comment": {
                    "comments": [
                        {
                            "id": str(500 + at),
                            "author": nicolas,
                            "body": f"Ticket « {summary} » classé en priorité P3, catégorie "
                            "matériel, file niveau 2.",
                            "created": "2025-03-01T08:05:00.000+0100",
                        }
                    ]
                },
            },
        }
        for at, summary in enumerate(summaries)
    ]
    (tmp_path / "page.json").write_text(json.dumps({"issues": issues}), encoding="utf-8")
    context = IngestContext()
    items = _items(tmp_path / "page.json", context)
    kept = [i for i in items.values() if i.kind == "comment"]
    assert len(kept) == (0 if tickets == 5 else 4)
    skipped = "jira: the same comment on 5 threads or more (a template)"
    assert context.skipped[skipped] == (5 if tickets == 5 else 0)


def test_a_ticket_filed_for_ones_own_work_keeps_her_write_up(tmp_path: Path) -> None:
    """A fresh evaluator's biomedical engineer filed "Plan de maintenance préventive 2024" for
    herself and wrote the plan in its comments: they were read as a reporter's follow-ups."""
    import json

    claire = {"accountId": "c7", "displayName": "Claire Fontaine"}
    plan = (
        "Plan 2024 : 1 840 interventions, périodicité par classe de risque (IIb tous les 6 mois, "
        "IIa tous les ans), les contrats constructeurs saisis dans la GMAO comme interventions "
        "externes."
    )
    issue = {
        "id": "129",
        "key": "SD-129",
        "fields": {
            "summary": "Planning de maintenance préventive GMAO 2024",
            "reporter": claire,
            "assignee": claire,
            "created": "2024-01-08T08:00:00.000+0100",
            "comment": {
                "comments": [
                    {
                        "id": "95",
                        "author": claire,
                        "body": plan,
                        "created": "2024-01-09T08:00:00.000+0100",
                    }
                ]
            },
        },
    }
    (tmp_path / "page.json").write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    items = _items(tmp_path / "page.json", IngestContext())
    comment = next(i for i in items.values() if i.kind == "comment")
    assert _roles(comment) == {("Claire Fontaine", "replier", 1.0)}
    ticket = next(i for i in items.values() if i.kind == "issue")  # (she asked nothing)
    assert _roles(ticket) == {("Claire Fontaine", "assignee", 1.0)}
    # a question she keeps for herself asks (a pharma company's quality engineer's
    # "Question : procédure de déviation pour les sous-traitants ?" had been her evidence)
    issue["fields"].update(summary="Question : procédure de déviation pour les sous-traitants ?")
    (tmp_path / "page.json").write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    items = _items(tmp_path / "page.json", IngestContext())
    ticket = next(i for i in items.values() if i.kind == "issue")
    assert {role for _, role, _ in _roles(ticket)} == {"asker"}


@pytest.mark.parametrize(
    "own",
    [
        "Merci Patrick, je n'aurais pas trouvé !",
        "Bridge open, P1 declared. Core team engaged.",  # (an incident manager's books)
        "Resolved at 14:52. PIR to follow. Problem record PRB-118.",
        "Any update? Customer is chasing.",
        "Résolu, voir KB.",  # (a first-line agent's closing, a fresh evaluator's)
    ],
)
def test_a_resolver_who_only_thanked_the_fixer_is_not_credited(tmp_path: Path, own: str) -> None:
    """A fresh evaluator's assignee set the ticket resolved after "Merci Patrick, je n'aurais
    pas trouvé !": the fix was Patrick's comment, and the assignee ranked on it. A telecom's
    incident manager, assigned every P1, was first for an outage's cause by "Resolved at
    14:52. PIR to follow." where an engineer wrote the root cause."""
    import json

    thomas = {"accountId": "t5", "displayName": "Thomas Girard"}
    patrick = {"accountId": "p2", "displayName": "Patrick Lemoine"}
    fix = (
        "Le cache du viewer est plein : purge du dossier cache sur le serveur PACS et passage de "
        "la rétention à 7 jours, l'ouverture des examens revient à 2 secondes."
    )
    issue = {
        "id": "107",
        "key": "SD-107",
        "changelog": {
            "histories": [
                {
                    "author": thomas,
                    "created": "2024-02-02T10:00:00.000+0100",
                    "items": [{"field": "resolution", "toString": "Terminé"}],
                }
            ]
        },
        "fields": {
            "summary": "PACS : lenteur à l'ouverture des examens",
            "reporter": {"accountId": "c1", "displayName": "Dr Claire Morel"},
            "assignee": thomas,
            "resolution": {"name": "Terminé"},
            "created": "2024-02-01T08:00:00.000+0100",
            "comment": {
                "comments": [
                    {
                        "id": "1",
                        "author": patrick,
                        "body": fix,
                        "created": "2024-02-01T09:00:00.000+0100",
                    },
                    {
                        "id": "2",
                        "author": thomas,
                        "body": own,
                        "created": "2024-02-01T09:30:00.000+0100",
                    },
                ]
            },
        },
    }
    (tmp_path / "page.json").write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    items = _items(tmp_path / "page.json", IngestContext())
    ticket = next(i for i in items.values() if i.kind == "issue")
    assert _roles(ticket) == {("Dr Claire Morel", "asker", 1.0)}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("summary", 42, "a text"),
        ("reporter", "nobody", "a user object"),
        ("comment", {"comments": "x"}, "a list of comments"),
    ],
)
def test_an_issue_of_another_shape_is_refused_where_it_is(
    tmp_path: Path, field: str, value: object, expected: str
) -> None:
    """A fresh evaluator's page with "summary": 42 and "reporter": "nobody" was stored, an
    item credited to no one, exit 0."""
    import json

    from connector_checks import assert_rejected_store_unchanged

    service = light_service(tmp_path / "ws")
    service.ingest.ingest("jira", FIXTURES / "api")
    page = json.loads((FIXTURES / "api" / "search-page-1.json").read_text(encoding="utf-8"))
    page["issues"][0]["fields"][field] = value
    bad = tmp_path / "search.json"
    bad.write_text(json.dumps(page), encoding="utf-8")
    assert_rejected_store_unchanged(service, "jira", bad, r"search\.json:entry 1: ", expected)
    service.close()


_LOGINS_EXPORT = (
    "Summary,Issue key,Issue id,Issue Type,Status,Resolution,Assignee,Reporter,Created,"
    "Description,Comment,Comment\n"
    "VPN FortiClient : impossible d'établir la connexion,SUP-1,1,Service Request,Resolved,Done,"
    "julie.moreau,yann.legall,04/Apr/24 08:00 AM,FortiClient affiche une erreur -14.,"
    '"04/Apr/24 08:20 AM;antoine.rousseau;Le certificat du FortiGate a été renouvelé : '
    'FortiClient 7.0 refuse le nouvel intermédiaire, mise à jour en 7.2.3, connexion OK.",'
    '"04/Apr/24 11:00 AM;julie.moreau;Résolu, voir KB."\n'
)
_LOGINS_DIRECTORY = (
    "name,email,title\n"
    "Julie Moreau,julie.moreau@alize-mutuelle.fr,Technicienne support N1\n"
    "Yann Le Gall,yann.legall@alize-mutuelle.fr,Gestionnaire contrats\n"
    "Antoine Rousseau,antoine.rousseau@alize-mutuelle.fr,Assistant commercial\n"
)


@pytest.mark.parametrize("directory_first", [True, False])
def test_a_login_alone_is_the_colleague_whose_address_it_begins(
    tmp_path: Path, directory_first: bool
) -> None:
    """A Data Center export gives a comment's author as a login alone: a fresh evaluator's
    six experts who only commented ("antoine.rousseau", "yann.legall" for Yann Le Gall) were
    people of their own beside their directory entries, in either order of ingest, and the
    VPN fixer was listed twice. The login is their work address before the "@"."""
    export = tmp_path / "jira.csv"
    export.write_text(_LOGINS_EXPORT, encoding="utf-8")
    directory = tmp_path / "people.csv"
    directory.write_text(_LOGINS_DIRECTORY, encoding="utf-8")
    service = light_service(tmp_path / "ws")
    steps = [("people", directory, {}), ("jira", export, PARIS)]
    for connector, path, options in steps if directory_first else reversed(steps):
        service.ingest.ingest(connector, path, options=options)
    names = sorted(p.display_name for p in service.people.list_people())
    assert names == ["Antoine Rousseau", "Julie Moreau", "Yann Le Gall"], names
    # (a privacy officer's: the login beside the masked address was the address)
    shown = service.people.show(service.people.resolve("Yann Le Gall"))
    said = " ".join([*(a.value for a in shown.aliases), *(m.reason or "" for m in shown.merges)])
    assert "yann.legall" not in said and "y•••" in said, said
    roles = stored_roles(service, "jira")
    assert ("1", "Yann Le Gall", "asker") in roles
    assert any(r[1:] == ("Antoine Rousseau", "replier") for r in roles), roles
    # the first-line agent closed it with a pointer: the fix is the replier's, not hers
    assert not [r for r in roles if r[1] == "Julie Moreau" and r[2] != "referrer"], roles
    service.close()


def test_a_login_is_never_an_outsiders_or_a_namesakes(tmp_path: Path) -> None:
    """Only an address at an organisation begins with the login, and only one person's: a
    customer's "jsmith@gmail.com" and two colleagues' "a.martin@" stay apart from "a.martin"."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "name,email,title\nJohn Smith,jsmith@gmail.com,Buyer\n"
        "Alice Martin,a.martin@corp.example,Engineer\nAndré Martin,a.martin@lab.example,Chemist\n",
        encoding="utf-8",
    )
    export = tmp_path / "jira.csv"
    export.write_text(
        "Summary,Issue key,Issue id,Reporter,Created,Comment,Comment\n"
        "Broken build,OPS-1,1,Ops Bot,12/Mar/25 10:15 AM,"
        '"12/Mar/25 11:00 AM;jsmith;The cache key changed: clear it and rerun the pipeline.",'
        '"12/Mar/25 11:30 AM;a.martin;The runner image also needs the new JDK, pinned to 21."\n',
        encoding="utf-8",
    )
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("jira", export, options=PARIS)
    names = {p.display_name for p in service.people.list_people()}
    assert {"jsmith", "a.martin"} <= names, names
    service.close()


def test_a_login_split_off_by_hand_stays_apart_after_later_merges(tmp_path: Path) -> None:
    """A reviewer's: a login split off by hand came back once the person it was split from
    was merged into another (the split's log named people, whose ids merges change)."""
    export = tmp_path / "jira.csv"
    export.write_text(_LOGINS_EXPORT, encoding="utf-8")
    directory = tmp_path / "people.csv"
    directory.write_text(_LOGINS_DIRECTORY, encoding="utf-8")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("jira", export, options=PARIS)
    antoine = service.people.resolve("Antoine Rousseau")
    aliases = service.people.show(antoine).aliases
    handle = next(a for a in aliases if (a.kind, a.source) == ("handle", "jira"))  # (masked)
    split = service.people.split(antoine, handle.id)
    # (the person it was split from merged into another by hand: its id is gone)
    service.people.merge(service.people.resolve("Yann Le Gall"), antoine)
    service.ingest.ingest("jira", export, options=PARIS)
    service.ingest.ingest("people", directory)
    assert split in {p.id for p in service.people.list_people()}, "the split holds"
    service.close()


def test_a_login_never_joins_a_customer_or_a_roles_mailbox(tmp_path: Path) -> None:
    """A reviewer's: a customer's "jdupont@client-assur.fr" took the login "jdupont"; a
    shared "support@" took the service account "support"."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "name,email,title,internal\nJean Dupont,jdupont@client-assur.fr,Acheteur,external\n"
        "Support informatique,support@alize.example,Boîte partagée,internal\n",
        encoding="utf-8",
    )
    export = tmp_path / "jira.csv"
    export.write_text(
        "Summary,Issue key,Issue id,Reporter,Created,Comment,Comment\n"
        "Broken build,OPS-1,1,Ops Bot,12/Mar/25 10:15 AM,"
        '"12/Mar/25 11:00 AM;jdupont;The cache key changed: clear it and rerun the pipeline.",'
        '"12/Mar/25 11:30 AM;support;The runner image also needs the new JDK, pinned to 21."\n',
        encoding="utf-8",
    )
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("jira", export, options=PARIS)
    names = {p.display_name for p in service.people.list_people()}
    assert {"jdupont", "support"} <= names, names
    service.close()


@pytest.mark.parametrize("confluence_first", [True, False])
def test_a_confluence_login_alone_is_the_jira_account_of_that_login(
    tmp_path: Path, confluence_first: bool
) -> None:
    """A fresh evaluator's: Confluence's user "jmartin", whose space export gave no address,
    stayed a person of its own beside Julien Martin, whose Jira Data Center account is the
    same login with his address (both tools read one user directory); listed in six answers."""
    import json
    import shutil

    space = tmp_path / "space"
    shutil.copytree(FIXTURES.parent / "confluence" / "xml-export", space)
    entities = space / "entities.xml"
    xml = entities.read_text(encoding="utf-8")
    entities.write_text(xml.replace("mei.tanaka@corvid.example", ""), encoding="utf-8")
    user = {"name": "mtanaka", "key": "mtanaka", "displayName": "Mei Tanaka"}
    fields = {
        "summary": "Export OP2 vers Excel",
        "description": "Le script pyNastran lit le fichier OP2 et écrit les contraintes.",
        "created": "2025-03-04T10:00:00.000+0100",
        "reporter": {**user, "emailAddress": "mei.tanaka@corvid.example"},
        "comment": {"comments": []},
    }
    page = tmp_path / "jira" / "search.json"
    page.parent.mkdir()
    page.write_text(json.dumps({"issues": [{"key": "TOOL-7", "id": "7", "fields": fields}]}))
    directory = tmp_path / "people.csv"
    directory.write_text("name,email\nMei Tanaka,mei.tanaka@corvid.example\n", encoding="utf-8")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    steps = [("confluence", space), ("jira", page.parent)]
    for connector, path in steps if confluence_first else reversed(steps):
        service.ingest.ingest(connector, path)
    names = [p.display_name for p in service.people.list_people()]
    assert "mtanaka" not in names and names.count("Mei Tanaka") == 1, names
    service.close()


@pytest.mark.parametrize(
    ("where", "value", "reason"),
    [
        ("created", "yesterday", "issue PLAT-101: created 'yesterday' is not an ISO 8601 date"),
        ("updated", "2024-02-30T10:00:00.000+0000", "'2024-02-30T10:00:00.000+0000' is not a day"),
        ("resolutiondate", "soon", "issue PLAT-101: resolutiondate 'soon' is not an ISO 8601"),
        ("comment 1", "last week", "comment.comments[1].created 'last week' is not an ISO 8601"),
    ],
)
def test_a_search_page_date_that_is_no_date_is_refused_where_it_is(
    tmp_path: Path, where: str, value: str, reason: str
) -> None:
    """An attacker's page with "created": "yesterday" was stored, an issue with no date, exit
    0 (the CSV export, the JSON lines and the mbox readers refuse such a date)."""
    import json

    from connector_checks import assert_rejected_store_unchanged

    service = light_service(tmp_path / "ws")
    service.ingest.ingest("jira", FIXTURES / "api")
    page = json.loads((FIXTURES / "api" / "search-page-1.json").read_text(encoding="utf-8"))
    fields = page["issues"][0]["fields"]
    if where.startswith("comment"):
        fields["comment"]["comments"][int(where.split()[1])]["created"] = value
    else:
        fields[where] = value
    bad = tmp_path / "search.json"
    bad.write_text(json.dumps(page), encoding="utf-8")
    error = assert_rejected_store_unchanged(service, "jira", bad, r"search\.json:entry 1: ", reason)
    assert "Jira writes 2024-03-12T10:15:00.000+0100" in error.one_line()
    report = service.ingest.ingest("jira", bad, skip_errors=True)  # the issue skipped, not dateless
    assert report.items_added == 0 and len(report.problems) == 1
    dateless = "SELECT COUNT(*) FROM items WHERE source = 'jira' AND date IS NULL"
    assert service.workspace.store().conn.execute(dateless).fetchone()[0] == 0
    service.close()


def test_a_csv_date_that_is_no_date_is_refused_and_never_stored_without_it(
    tmp_path: Path,
) -> None:
    source = (FIXTURES / "csv" / "export.csv").read_text(encoding="utf-8")
    broken = tmp_path / "export.csv"
    broken.write_text(source.replace("12/Mar/24 10:15 AM", "yesterday", 1), "utf-8")
    service = light_service(tmp_path / "ws")
    message = assert_broken_input_is_one_line(
        service, "jira", broken, r"^2$", "date 'yesterday' holds no date"
    )
    # (no --date-format reads a word: a hospital's evaluator's "hier" was told to pass one)
    assert message.startswith(f"{broken}:2: ") and "--date-format" not in message
    report = service.ingest.ingest("jira", broken, skip_errors=True)
    assert len(report.problems) == 1
    rows = service.workspace.store().conn.execute(
        "SELECT native_id, date FROM items WHERE source = 'jira' AND parent_uid IS NULL"
    )
    stored = dict(rows.fetchall())
    assert "20007" not in stored and all(stored.values()), stored  # (OPS-7 skipped, not dateless)
    service.close()


def test_a_label_that_repeats_the_project_key_is_no_subject(tmp_path: Path) -> None:
    """A département's tickets all bore the label "DN", their project's key: "dn" was a topic
    of everyone who worked on them."""
    (tmp_path / "export.csv").write_text(
        "Résumé,Clé de ticket,ID de ticket,Rapporteur,ID du rapporteur,Création,Composants,"
        "Description,Étiquettes,Étiquettes\n"
        "Plantage QGIS,DN-105,10105,Lambert Kevin,712020:63e2,05/août/24 09:52,QGIS,"
        "QGIS se ferme à l'ouverture du projet.,DN,qgis\n",
        encoding="utf-8",
    )
    items = _items(tmp_path / "export.csv", IngestContext())
    assert items["10105"].tags == ["QGIS", "qgis"]

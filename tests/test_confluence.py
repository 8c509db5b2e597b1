from __future__ import annotations

import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from connector_checks import (
    assert_broken_input_is_one_line,
    assert_ingest_twice_adds_nothing,
    light_service,
    stored_roles,
)
from whoknows.ingest import IngestContext
from whoknows.ingest._confluence_model import (
    Version,
    body_words,
    export_date,
    page_roles,
    storage_to_text,
    written_on,
)
from whoknows.ingest.confluence import ConfluenceConnector
from whoknows.pipeline.writer import NO_AUTHOR
from whoknows.records import ItemRecord, PersonRecord, PersonRef, Record
from whoknows.services import Services

FIXTURES = Path(__file__).parent / "fixtures" / "confluence"
BASE = {"base_url": "https://wiki.corvid.example"}


def _parse(path: Path, context: IngestContext) -> list[Record]:
    return list(ConfluenceConnector().parse(path, context))


def _items(records: list[Record]) -> dict[str, ItemRecord]:
    return {r.native_id: r for r in records if isinstance(r, ItemRecord)}


def _roles(item: ItemRecord) -> set[tuple[str | None, str, float]]:
    return {
        (c.person.name or c.person.handle or c.person.native_id, str(c.role), c.weight)
        for c in item.contributions
    }


def test_html_export_pages_metadata_and_comments() -> None:
    context = IngestContext(options=BASE)
    items = _items(_parse(FIXTURES / "html-export" / "OPS", context))
    page = items["65538"]
    assert page.title == "Runbook: Postgres failover"
    assert page.context == "Operations / Operations Home"
    assert page.url == "https://wiki.corvid.example/pages/viewpage.action?pageId=65538"
    # the last modifier of an HTML export may have fixed a typo: an editor, not an author
    assert _roles(page) == {("Inès Moreau", "author", 1.0), ("Łukasz Nowak", "editor", 1.0)}
    assert "patronictl -c /etc/patroni.yml failover" in page.text
    assert "Attachments" not in page.text and "Posted by" not in page.text
    assert page.signals["attachments"] == 1.0
    assert _roles(items["65540"]) == {("Łukasz Nowak", "author", 1.0)}
    assert _roles(items["70001"]) == {("mtanaka", "replier", 1.0)}
    assert _roles(items["70002"]) == {("lukasz.nowak", "acknowledger", 1.0)}
    assert items["70001"].parent_id == "65538" and "Posted by" not in items["70001"].text
    assert context.skipped == {
        "confluence: attachment (files are not read)": 1,
        "confluence: comment by a bot": 1,
    }


def test_html_export_dates_in_the_exporting_users_language() -> None:
    """A French user's export: "on 12 mars 2024", "... le févr. 03, 2024", a comment "at 13
    mars 2024 09:20"; a date that cannot be read leaves the page undated, with a note."""
    context = IngestContext()
    items = _items(_parse(FIXTURES / "html-export-fr" / "OPS", context))
    dates = {key: item.date.isoformat() if item.date else None for key, item in items.items()}
    assert dates == {
        "65601": "2024-03-12T00:00:00+00:00",
        "65610": "2024-03-13T09:20:00+00:00",
        "65602": "2024-02-03T00:00:00+00:00",
        "65603": None,
    }
    assert _roles(items["65602"]) == {
        ("Amélie Dubois", "author", 1.0),
        ("Søren Kierkegård", "editor", 1.0),
    }
    assert context.notes == {"confluence: page date not read (page kept without a date)": 1}


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("Mar 14, 2024", "2024-03-14"),
        ("14 mars 2024 10:15", "2024-03-14T10:15"),
        ("juil. 02, 2024", "2024-07-02"),
        ("2 juin 2024", "2024-06-02"),
        ("14. März 2024", "2024-03-14"),
        ("14 de marzo de 2024", "2024-03-14"),
        ("14 mag 2024", "2024-05-14"),
        ("14 out. 2024", "2024-10-14"),
        ("14 mrt 2024", "2024-03-14"),
        ("14 aout 2024", "2024-08-14"),
    ],
)
def test_export_dates_read_month_names_of_the_main_languages(printed: str, day: str) -> None:
    date = export_date(printed)
    assert date is not None and date.isoformat().startswith(day), printed


def test_xml_export_versions_drafts_deletions_and_threads() -> None:
    context = IngestContext(options=BASE)
    records = _parse(FIXTURES / "xml-export", context)
    items = _items(records)
    assert set(items) == {"65537", "65538", "65540", "70001", "70002"}
    # the export lacks the bodies of some versions, so versions are counted: Łukasz wrote 3 of
    # the 4 versions, a co-author; Mei wrote 1 of 2 of the Kafka page
    assert _roles(items["65538"]) == {
        ("Inès Moreau", "author", 1.0),
        ("lukasz.nowak", "author", 0.6),
    }
    assert _roles(items["65540"]) == {("lukasz.nowak", "author", 1.0), ("mtanaka", "author", 0.6)}
    assert _roles(items["65537"]) == set()  # created by a bot
    assert items["65538"].tags == ["postgres"]
    assert "failover --candidate pg-2" in items["65538"].text
    assert "bash" not in items["65538"].text and "draft of the" not in items["65538"].text
    assert items["70002"].parent_id == "70001" and items["70002"].thread_id == "65538"
    people = {r.ref.handle: r for r in records if isinstance(r, PersonRecord)}
    assert people["imoreau"].names == ["Inès Moreau"]
    assert people["automation-bot"].ref.is_bot
    assert context.skipped == {
        "confluence: draft page": 1,
        "confluence: deleted page": 1,
        "confluence: comment on a page not kept (draft, deleted or missing)": 1,
    }
    assert context.notes["confluence: historical version (counted for its author)"] == 4


# one history in both formats: Søren created the runbook as a two-word stub ("TODO
# replication"), Amélie wrote all of it in version 2, Jean-Pierre fixed a typo in version 3;
# Amélie wrote the Kafka page and Søren added a paragraph half its length (in words of four
# letters or more: 0.6)
WRITTEN = {
    "65538": {
        ("Søren Kierkegård", "author", 0.1),
        ("Amélie Dubois", "author", 1.0),
        ("Jean-Pierre Lefèvre", "editor", 1.0),
    },
    "65540": {("Amélie Dubois", "author", 1.0), ("Søren Kierkegård", "author", 0.6)},
}


def test_authorship_is_weighted_by_the_text_each_version_added() -> None:
    xml = _items(_parse(FIXTURES / "xml-versions", IngestContext()))
    rest = _items(_parse(FIXTURES / "api-versions", IngestContext()))
    assert {key: _roles(item) for key, item in xml.items()} == WRITTEN
    assert {key: _roles(item) for key, item in rest.items()} == WRITTEN
    assert "TODO replication" not in xml["65538"].text and "walreceiver" in xml["65538"].text


def test_rest_historical_versions_count_and_are_not_pages(tmp_path: Path) -> None:
    """``/rest/api/content/ID?status=historical&version=N`` entries instead of a versions dump."""
    dump = tmp_path / "api"
    shutil.copytree(FIXTURES / "api-versions", dump)
    versions = json.loads((dump / "versions" / "65538.json").read_text(encoding="utf-8"))
    shutil.rmtree(dump / "versions")
    historical = [
        {**version["content"], "version": {k: version[k] for k in ("by", "when", "number")}}
        for version in versions["results"][:2]
    ]
    (dump / "historical.json").write_text(json.dumps(historical), encoding="utf-8")
    context = IngestContext()
    items = _items(_parse(dump, context))
    assert {key: _roles(item) for key, item in items.items()} == WRITTEN
    assert "Redémarrer" in items["65538"].text, "the current version, not a historical one"
    assert context.notes == {"confluence: historical version (counted for its author)": 2}


def test_the_main_writer_ranks_first_not_the_stubs_creator(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    service.ingest.ingest("confluence", FIXTURES / "xml-versions")
    answers = service.search.ask("réplication postgres replay_lag wal_keep_size")
    assert [answer.name for answer in answers[:2]] == ["Amélie Dubois", "Søren Kierkegård"]
    service.close()


def test_xml_export_zip_reads_the_same(tmp_path: Path) -> None:
    archive = tmp_path / "Confluence-space-export-OPS.xml.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(FIXTURES / "xml-export" / "entities.xml", "entities.xml")
    zipped = _items(_parse(archive, IngestContext()))
    assert set(zipped) == set(_items(_parse(FIXTURES / "xml-export", IngestContext())))


def test_html_export_zip_reads_the_same(tmp_path: Path) -> None:
    """The HTML export downloads as a zip: it had been refused ("not an XML export")."""
    archive = tmp_path / "Confluence-space-export-OPS.html.zip"
    folder = FIXTURES / "html-export"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(folder).as_posix())
    zipped = _parse(archive, IngestContext(options=BASE))
    unzipped = _parse(folder / "OPS", IngestContext(options=BASE))
    assert _items(zipped).keys() == _items(unzipped).keys() and "65538" in _items(zipped)
    assert {k: _roles(v) for k, v in _items(zipped).items()} == {
        k: _roles(v) for k, v in _items(unzipped).items()
    }


def _service_with_pages(tmp_path: Path) -> Services:
    """A workspace holding the REST fixture's pages (what a refused ingest must leave)."""
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("confluence", FIXTURES / "api")
    return service


def _zipped_page(archive: Path, name: str, text: str) -> Path:
    """An HTML export's zip of one page, ``OPS/NAME.html`` holding ``text``."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("OPS/index.html", "<html></html>")
        out.writestr(f"OPS/{name}.html", f"<p>{text}</p>")
    return archive


def test_a_damaged_zip_says_so_and_where(tmp_path: Path) -> None:
    service = _service_with_pages(tmp_path)
    archive = _zipped_page(tmp_path / "export.zip", "Page_65601", "kafka consumer lag " * 400)
    whole = archive.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    message = assert_broken_input_is_one_line(service, "confluence", cut, r"^$", "a damaged zip")
    assert "cut short" in message and "cut.zip" in message
    damaged = bytearray(whole)
    start = whole.index(b"Page_65601.html") + len("Page_65601.html") + 10
    damaged[start : start + 24] = b"\x00" * 24
    broken = tmp_path / "damaged.zip"
    broken.write_bytes(bytes(damaged))
    message = assert_broken_input_is_one_line(
        service, "confluence", broken, r"^$", "a damaged page in the zip"
    )
    assert "damaged.zip/OPS/Page_65601.html" in message


def test_rest_api_v1_and_v2_dumps() -> None:
    context = IngestContext()
    records = _parse(FIXTURES / "api", context)
    items = _items(records)
    page = items["65538"]
    # no --base-url: the site comes from the entries' _links.self
    assert page.url == "https://corvid.atlassian.net/wiki/spaces/OPS/pages/65538"
    assert _roles(page) == {("Inès Moreau", "author", 1.0), ("Łukasz Nowak", "author", 0.6)}
    assert page.tags == ["postgres", "runbook"]
    assert page.context == "Operations / Operations Home"
    v2 = items["65540"]
    assert v2.url is None  # v2 entries carry no site address: links need --base-url
    # v2 gives bare account ids; names come from users.json and from v1 version authors
    assert _roles(v2) == {("Łukasz Nowak", "author", 1.0), ("Mei Tanaka", "editor", 1.0)}
    assert _roles(items["70001"]) == {("Mei Tanaka", "replier", 1.0)}
    assert items["70002"].parent_id == "70001"
    assert items["70010"].parent_id == "65540"
    assert "65542" not in items and "65541" not in items
    assert context.skipped == {
        "confluence: trashed page": 1,
        "confluence: draft page": 1,
        "confluence: comment by a bot": 1,
        "confluence: comment on a page not kept (draft, deleted or missing)": 1,
    }


def test_storage_format_to_text() -> None:
    xhtml = (
        '<p>a</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">sql'
        "</ac:parameter><ac:plain-text-body><![CDATA[SELECT 1 < 2 & 3;]]></ac:plain-text-body>"
        "</ac:structured-macro>"
    )
    assert storage_to_text(xhtml) == "a\nSELECT 1 < 2 & 3;"


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    for export in ("html-export/OPS", "xml-export", "api"):
        service = light_service(tmp_path / export)
        assert_ingest_twice_adds_nothing(service, "confluence", FIXTURES / export, BASE)
        assert ("65538", "Inès Moreau", "author") in stored_roles(service, "confluence")
        service.close()


def test_the_formats_share_content_ids(tmp_path: Path) -> None:
    """A space ingested as HTML, then as XML, updates its pages instead of doubling them."""
    service = light_service(tmp_path)
    service.ingest.ingest("confluence", FIXTURES / "html-export" / "OPS", options=BASE)
    report = service.ingest.ingest("confluence", FIXTURES / "xml-export", options=BASE)
    assert report.items_updated >= 3 and report.items_added == 0


def test_broken_exports_are_one_line_errors_and_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    service.ingest.ingest("confluence", FIXTURES / "api")
    xml = assert_broken_input_is_one_line(
        service, "confluence", FIXTURES / "broken-xml", r"^\d+:\d+$", "malformed XML"
    )
    assert "entities.xml:" in xml
    html = assert_broken_input_is_one_line(
        service, "confluence", FIXTURES / "broken-html", r"^$", "not a Confluence"
    )
    assert "Truncated_65599.html" in html
    api = assert_broken_input_is_one_line(
        service, "confluence", FIXTURES / "broken-api", r"^\d+:\d+$", "invalid JSON"
    )
    assert "pages.json:" in api


def test_identity_joins_confluence_and_jira_by_email(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    service.ingest.ingest("jira", Path(__file__).parent / "fixtures" / "jira" / "api")
    service.ingest.ingest("confluence", FIXTURES / "xml-export")
    conn = service.workspace.store().conn
    sources = conn.execute(
        "SELECT DISTINCT i.source FROM contributions c JOIN persons p ON p.id = c.person_id"
        " JOIN items i ON i.id = c.item_id WHERE p.display_name = 'Inès Moreau'"
    ).fetchall()
    assert {row[0] for row in sources} == {"jira", "confluence"}
    assert (
        conn.execute("SELECT COUNT(*) FROM persons WHERE display_name = 'Inès Moreau'").fetchone()[
            0
        ]
        == 1
    )


def _version(number: int, who: str, body: str, date: str) -> Version:
    author = PersonRef("confluence", who.lower(), name=who)
    return Version(number, author, len(body), body_words(body), datetime.fromisoformat(date))


NUMBERING = (
    "<p>Invoice numbers are sequential per legal entity and year, without gaps: a cancelled"
    " invoice keeps its number and is voided by a credit note, never deleted.</p>"
)


def test_a_restored_page_stays_its_writers_and_a_rewrite_its_rewriters() -> None:
    """An evaluator's wiki: Sam blanked Marta's page by mistake, Nicolas restored it from the
    history (he was credited as its author, 0.95, and ranked first for "invoice numbering");
    Aisha rewrote Henrik's 2019 stub in 2025 (he kept the authorship, and the page its 2019
    date)."""
    restored = [
        _version(1, "Marta", NUMBERING, "2025-05-20T10:00:00"),
        _version(2, "Sam", "<p></p>", "2025-06-01T15:00:00"),
        _version(3, "Nicolas", NUMBERING, "2025-06-02T09:00:00"),
    ]
    roles = page_roles(restored[0].author, restored)
    assert {(c.person.name, str(c.role), c.weight) for c in roles} == {
        ("Marta", "author", 1.0),
        ("Sam", "editor", 1.0),
        ("Nicolas", "editor", 1.0),
    }
    assert written_on(restored) == datetime(2025, 5, 20, 10)
    rewritten = [
        _version(1, "Henrik", "<p>SAML SSO: we use Okta, ask IT for the app.</p>", "2019-04-10"),
        _version(
            2,
            "Aisha",
            "<p>Since 2025 SAML SSO runs on python3-saml. Each identity provider gets its own"
            " settings file; the claims map turns groups into roles; certificates rotate"
            " yearly through the secrets vault.</p>",
            "2025-08-20",
        ),
    ]
    roles = page_roles(rewritten[0].author, rewritten)
    weights = {c.person.name: (str(c.role), c.weight) for c in roles}
    assert weights["Aisha"] == ("author", 1.0) and weights["Henrik"][1] < 0.5
    assert written_on(rewritten) == datetime(2025, 8, 20)


def test_a_code_block_is_writing_and_shared_small_words_are_not() -> None:
    """A third evaluator's pages: the writer of a page's whole kubectl code block was an editor
    (code was not read), and a rewrite left the replaced text's writer a co-author through the
    small words any two texts share ("the", "it", "is")."""
    code = (
        '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA['
        "kubectl rollout status deployment/billing --timeout=120s\n"
        "helm upgrade billing charts/billing --values values-prod.yaml --atomic"
        "]]></ac:plain-text-body></ac:structured-macro>"
    )
    versions = [
        _version(1, "Chloe", "<p>Deploy the billing chart to production.</p>", "2021-03-01"),
        _version(
            2, "Dmitri", "<p>Deploy the billing chart to production.</p>" + code, "2026-02-10"
        ),
    ]
    weights = {
        c.person.name: (str(c.role), c.weight) for c in page_roles(versions[0].author, versions)
    }
    assert weights["Dmitri"] == ("author", 1.0)
    assert written_on(versions) == datetime(2026, 2, 10)
    rewritten = [
        _version(
            1,
            "Anna",
            "<p>The billing export is sent to accounting on the first day of "
            "the month, and it is checked by the controller.</p>",
            "2020-01-01",
        ),
        _version(
            2,
            "Bruno",
            "<p>Since the migration the ledger sync is a nightly job: it "
            "reads the warehouse tables and it posts journal entries.</p>",
            "2026-01-01",
        ),
    ]
    weights = {c.person.name: c.weight for c in page_roles(rewritten[0].author, rewritten)}
    assert weights["Bruno"] == 1.0 and weights["Anna"] < 1 / 3


def test_a_page_re_pasted_with_a_word_changed_stays_its_writers() -> None:
    """A fourth look: a vandal deleted half of Emma's runbook, Rémi re-pasted it with one word
    changed, and became its main author (0.94), the page dated by his re-paste."""
    runbook = (
        "<p>Restic backups run nightly from the bastion: the repository lives in the backup "
        "bucket, passwords come from the vault, and restores are tested every month on the "
        "staging cluster before the retention policy prunes snapshots older than ninety "
        "days.</p>"
    )
    versions = [
        _version(1, "Emma", runbook, "2021-04-01"),
        _version(2, "Vandal", runbook[: len(runbook) // 2] + "</p>", "2025-05-01"),
        _version(3, "Remi", runbook.replace("ninety", "sixty"), "2025-05-02"),
    ]
    weights = {
        c.person.name: (str(c.role), c.weight) for c in page_roles(versions[0].author, versions)
    }
    assert weights["Emma"] == ("author", 1.0)
    assert weights["Remi"][0] == "editor" and weights["Vandal"][0] == "editor"
    assert written_on(versions) == datetime(2021, 4, 1)


def test_a_page_of_links_is_passed_on(tmp_path: Path) -> None:
    """A fresh evaluator's "Engineering runbooks index" (a manager's page of links) put him in
    the top 3 for ten topics as its author."""
    import json
    import shutil

    folder = tmp_path / "api"
    shutil.copytree(FIXTURES / "api", folder)
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    index = json.loads(json.dumps(pages["results"][0]))
    index["id"], index["title"] = "99001", "Engineering runbooks index"
    links = "".join(
        f'<li><a href="https://wiki.example/{n}">{topic} runbook</a></li>'
        for n, topic in enumerate(["Postgres failover", "Kafka consumer lag", "SAML SSO"])
    )
    index["body"]["storage"]["value"] = f"<h2>Runbooks</h2><ul>{links}</ul>"
    pages["results"].append(index)
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    items = _items(_parse(folder, IngestContext()))
    assert {role for _, role, _ in _roles(items["99001"])} == {"referrer", "editor"}
    assert ("Inès Moreau", "author", 1.0) in _roles(items["65538"])


def test_a_page_naming_no_author_is_kept_and_said(tmp_path: Path) -> None:
    """A REST page whose history names nobody was stored credited to no one, and the ingest
    said nothing of it."""
    folder = tmp_path / "api"
    shutil.copytree(FIXTURES / "api", folder)
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    orphan = json.loads(json.dumps(pages["results"][0]))
    orphan["id"], orphan["title"] = "99002", "Kafka consumer lag runbook"
    orphan["history"] = {"createdDate": "2025-03-01T10:00:00.000Z"}
    orphan["version"] = {"number": 1, "when": "2025-03-01T10:00:00.000Z"}
    pages["results"].append(orphan)
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    service = light_service(tmp_path / "ws")
    report = service.ingest.ingest("confluence", folder)
    assert report.notes[NO_AUTHOR] == 1
    again = service.ingest.ingest("confluence", folder)
    assert again.items_added == 0 and again.notes[NO_AUTHOR] == 1
    service.close()


def test_another_forges_json_is_not_a_confluence_export(tmp_path: Path) -> None:
    """A fresh evaluator's `ingest confluence` of a folder of GitHub dumps "ingested" 0 items,
    exit 0, even without --skip-errors."""
    from whoknows.errors import InputError

    github = Path(__file__).parent / "fixtures" / "github" / "corvid-platform"
    for skip_errors in (False, True):
        with pytest.raises(InputError, match="not a Confluence export: no page, comment"):
            _parse(github, IngestContext(skip_errors=skip_errors, source=str(github)))


def test_a_roadmap_page_advises(tmp_path: Path) -> None:
    """A fresh evaluator's product manager was second for SSO on her Confluence roadmap."""
    folder = tmp_path / "api"
    shutil.copytree(FIXTURES / "api", folder)
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    roadmap = json.loads(json.dumps(pages["results"][0]))
    roadmap["id"], roadmap["title"] = "99003", "Product roadmap Q2"
    roadmap["body"]["storage"]["value"] = (  # (a roadmap names; the runbook's steps would tell)
        "<p>Customers keep asking for SSO with Okta; key rotation and token expiry must be"
        " flawless this quarter.</p>"
    )
    pages["results"].append(roadmap)
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    items = _items(_parse(folder, IngestContext()))
    assert "adviser" in {str(role) for _, role, _ in _roles(items["99003"])}
    assert "author" not in {str(role) for _, role, _ in _roles(items["99003"])}


def test_a_zipped_page_is_read_no_further_than_a_page_may_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An attacker's 808 KB zip had unpacked to 23 GB in memory before the kernel killed the
    ingest: a page is read no further than its cap, and refused beyond it."""
    import whoknows.ingest._confluence_html as html

    monkeypatch.setattr(html, "MAX_PAGE_BYTES", 10_000)
    service = _service_with_pages(tmp_path)
    archive = _zipped_page(tmp_path / "bomb.zip", "Page_65602", "a" * 100_000)
    message = assert_broken_input_is_one_line(
        service, "confluence", archive, r"^$", "a page of more than"
    )
    assert "bomb.zip/OPS/Page_65602.html" in message

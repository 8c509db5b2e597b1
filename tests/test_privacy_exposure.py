"""What a privacy officer's outside attack found shown or kept (F4, F5, F6, F10): addresses
shown whole in notes, comments and odd spellings; profile reads left out of the audit log;
an erased name stored again through a file path; reports written with --out outside the
workspace left out of erasure and of the scan."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_web import client, csrf
from whoknows.cli.main import cli
from whoknows.demo import load_engagement, set_up_engagement
from whoknows.identity.addresses import (
    addresses_in,
    mask_addresses,
    mask_addresses_in_html,
    mask_email,
)
from whoknows.privacy.report_manifest import MANIFEST, written_reports
from whoknows.report import write_report
from whoknows.services import Services

ENGAGEMENT = load_engagement().name
SPELLINGS = [  # (as written, as shown)
    ("enc.person%40corvid.example", "e•••@corvid.example"),
    ("full.person＠corvid.example", "f•••@corvid.example"),
    ("small.person﹫corvid.example", "s•••@corvid.example"),
    ("atword.person [at] corvid [dot] example", "a•••@corvid.example"),
    ("atword.person (at) corvid (dot) example", "a•••@corvid.example"),
    ("atword.person {AT} corvid.example", "a•••@corvid.example"),
    ('"quoted person"@corvid.example', "q•••@corvid.example"),
    ("ip.person@[10.0.0.1]", "i•••@[10.0.0.1]"),
    ("ip6.person@[IPv6:2001:db8::1]", "i•••@[IPv6:2001:db8::1]"),
    ("ipv.person@localhost", "i•••@localhost"),
    ("plain.person@corvid.example", "p•••@corvid.example"),
    ("mailto:m.person@corvid.example", "mailto:m•••@corvid.example"),
    ("UP.PERSON@CORVID.EXAMPLE", "U•••@CORVID.EXAMPLE"),
    ("stop.person@corvid．example", "s•••@corvid.example"),
]
# a retest's (B5): invisible characters, spaces, words, brackets, a line break, a double
# encoding; the text as a reader sees it holds the address whole
LOOSE_SPELLINGS = [  # (as written, as shown)
    ("zw.person\u200b@\u200bcorvid.example", "z•••@corvid.example"),
    ("zwdot.person@corvid\u200b.example", "z•••@corvid.example"),
    ("wj.person\u2060@corvid.example", "w•••@corvid.example"),
    ("nj.person\u200c@corvid.example", "n•••@corvid.example"),
    ("jn.person\u200d@corvid.example", "j•••@corvid.example"),
    ("s\u200bo\u00adft.person@corvid.example", "s•••@corvid.example"),
    ("nb.person\u00a0@\u00a0corvid.example", "n•••@corvid.example"),
    ("nnb.person\u202f@\u202fcorvid.example", "n•••@corvid.example"),
    ("spaced.person @ corvid.example", "s•••@corvid.example"),
    ("carol @ corvid.example", "c•••@corvid.example"),
    ("spaced.person @ corvid . example", "s•••@corvid.example"),
    ("broken.person@\ncorvid.example", "b•••@corvid.example"),
    ("words.person at corvid dot example", "w•••@corvid.example"),
    ("carol at corvid dot example", "c•••@corvid.example"),
    ("words dot person at corvid dot example", "w•••@corvid.example"),
    ("words.person at corvid.example", "w•••@corvid.example"),
    ("words.person AT corvid DOT example", "w•••@corvid.example"),
    ("carol arobase corvid point example", "c•••@corvid.example"),
    ("paren.person(@)corvid.example", "p•••@corvid.example"),
    ("bracket.person [@] corvid.example", "b•••@corvid.example"),
    ("defanged.person@corvid[.]example", "d•••@corvid.example"),
    ("defanged.person[at]corvid[.]example", "d•••@corvid.example"),
    ("double.person%2540corvid.example", "d•••@corvid.example"),
    ("entity.person&amp;#64;corvid.example", "e•••@corvid.example"),
    ("'quoted.person'@corvid.example", "q•••@corvid.example"),
]
EVERYONE_S_WORDS = [
    "meet me at the office",
    "meet me [at] the office (dot) later",
    "@channel please look",
    "thanks @alice.smith",
    "lodash@4.17.21 and react@latest",
    "version 1.2 at 10:00",
    "C# [at] work",
    "C# (at) work (dot) net",
    "look at this dot product",
    "a@b and x = a@b.T",
    "ping (at) 10.0.0.1",
    'she said "hi" to the team',
    "git@github:org/repo",
    "price@5.00",
    # "at" and "dot" as prose's words, an at sign in code and mentions (B5's loose spellings)
    "we met at noon dot com bubble era",
    "arrive at Lyon point of sale",
    "at noon at the office dot matrix",
    "docs are available at readthedocs.io",
    "Carol works at corvid.com and I work at corvid dot com",
    "3 items @ 5 EUR, ssh deploy@10.0.0.5, nginx@sha256:ab12, @types/node, @dataclass",
    "thanks @alice.smith",
    "thanks\n@alice.de",
    "kappa * eye + B @ B.mT and weights @ self.W.to(device)",
    "le point de vente est à Lyon point com",
]


def cli_run(workspace: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--quiet", "--workspace", str(workspace), *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


# -- F5: no address shown whole -------------------------------------------------------------
@pytest.mark.parametrize(("written", "shown"), SPELLINGS)
def test_an_address_however_spelled_is_masked(written: str, shown: str) -> None:
    assert mask_addresses(f"write to {written} today") == f"write to {shown} today"
    assert mask_email(f"Someone <{written}>") == f"Someone <{shown}>"


@pytest.mark.parametrize(("written", "shown"), LOOSE_SPELLINGS)
def test_an_address_written_loosely_or_with_invisible_characters_is_masked(
    written: str, shown: str
) -> None:
    assert mask_addresses(f"write to {written} today") == f"write to {shown} today"
    assert mask_email(f"Someone <{written}>") == f"Someone <{shown}>"
    assert (
        mask_addresses(" ".join(f"write to {written} today".split())) == f"write to {shown} today"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("carol.hid<b></b>@corvid.example", "c•••@corvid.example<b></b>"),
        ("carol.<em>hid</em>@corvid.example", "c•••@corvid.example<em></em>"),
        ("carol.hid<code>@</code>corvid.example", "c•••@corvid.example<code></code>"),
        ("<b>carol.hid</b>@corvid.example", "<b>c•••@corvid.example</b>"),
        ("carol.hid&#x200b;@corvid.example", "c•••@corvid.example"),
        ("carol.hid\u200b@corvid.example", "c•••@corvid.example"),
        ("carol.hid &lt;at&gt; corvid.example", "c•••@corvid.example"),
        ("&quot;carol &lt;hid&quot;@corvid.example", "c•••@corvid.example"),
        ("&lt;carol.hid@corvid.example&gt;", "&lt;c•••@corvid.example&gt;"),
        ('<a href="mailto:carol.hid@corvid.example" title="c.h@corvid.example">mail</a>',
         '<a href="mailto:c•••@corvid.example" title="c•••@corvid.example">mail</a>'),
        ("<b>meet me</b> at <em>noon</em> dot com", "<b>meet me</b> at <em>noon</em> dot com"),
    ],
)  # fmt: skip
def test_an_address_in_html_is_masked_as_it_renders(written: str, shown: str) -> None:
    assert mask_addresses_in_html(written) == shown


def test_the_addresses_a_display_name_gives_are_read_however_spelled() -> None:
    assert addresses_in('"tomas.ferreira@corvid.example" <tf@other.example>') == [
        "tomas.ferreira@corvid.example",
        "tf@other.example",
    ]
    assert addresses_in("tomas.ferreira at corvid dot example via dev") == [
        "tomas.ferreira@corvid.example"
    ]
    assert addresses_in("To\u200bmas Ferreira") == []


@pytest.mark.parametrize("text", EVERYONE_S_WORDS)
def test_masking_addresses_leaves_ordinary_text_alone(text: str) -> None:
    assert mask_addresses(text) == text


def test_masking_addresses_is_linear_on_long_text() -> None:
    import time

    started = time.monotonic()
    for blob in ("a" * 200_000, "a [at] " * 30_000, '"' + "a" * 60 + '"' * 3000, "a." * 100_000):
        mask_addresses(blob)
    assert time.monotonic() - started < 2
    started = time.monotonic()
    for blob in ("ab @ " * 10_000, "ab at cd dot " * 5_000, "ab\u200b" * 30_000, " " * 100_000):
        mask_addresses(blob)
    mask_addresses_in_html("ab<b></b>@" * 5_000 + "&#x200b;" * 5_000)
    assert time.monotonic() - started < 2


def test_stakeholder_notes_show_no_address_but_keep_the_writer_s(web) -> None:
    service, app = web
    set_up_engagement(service)
    named = next(r for r in service.engagements.stakeholders(ENGAGEMENT) if r.named)
    notes = "call first; contact secret.person@corvid.example or s.p [at] corvid [dot] example"
    service.engagements.set_stakeholder(ENGAGEMENT, str(named.person_id), notes=notes)
    row = next(
        r for r in service.engagements.stakeholders(ENGAGEMENT) if r.person_id == named.person_id
    )
    assert row.notes == "call first; contact s•••@corvid.example or s•••@corvid.example"
    page = client(app, "consultant").get("/engagements/1").text
    assert "call first; contact s•••@corvid.example" in page and "secret.person" not in page
    files = write_report(service, ENGAGEMENT, out=service.settings.workspace / "out")
    for text in (files.html.read_text(encoding="utf-8"), _deck_notes(files.pptx)):
        assert "secret.person" not in text and "s.p [at]" not in text
    stored = service.workspace.store().conn.execute("SELECT notes FROM stakeholders")
    assert notes in {r[0] for r in stored}, "the writer's own text is stored as typed"


def _deck_notes(path: Path) -> str:
    from pptx import Presentation

    deck = Presentation(str(path))
    return "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)


@pytest.mark.parametrize("role", ["viewer", "consultant", "admin", "ines"])
def test_a_comment_shows_no_address_to_any_role(web, role: str) -> None:
    service, app = web
    browser = client(app, "consultant")
    page = browser.get("/people/2")
    text = "mail me: comment.writer@corvid.example or c.w＠corvid.example"
    browser.post("/people/2/comments", data={"csrf": csrf(page.text), "text": text})
    reader = client(app, role)
    for shown in (reader.get("/people/2").text, str(reader.get("/api/people/2/comments").json())):
        assert "mail me: c•••@corvid.example or c•••@corvid.example" in shown
        assert "comment.writer" not in shown and "c.w＠" not in shown
    stored = service.workspace.store().conn.execute("SELECT body_html FROM comments")
    assert any("comment.writer@corvid.example" in r[0] for r in stored), "stored as typed"


def test_evidence_snippets_show_no_address_however_spelled(demo: Services, tmp_path: Path) -> None:
    export = tmp_path / "emails.jsonl"
    words = [f"lynx{chr(ord('a') + n)}mail" for n in range(len(SPELLINGS))]
    rows = [
        {
            "id": f"EM-{n}",
            "title": f"{word} contacts",
            "text": f"{word} contact list: {written}",
            "authors": ["Lukas Meyer"],
            "date": "2026-11-05",
        }
        for n, (word, (written, _)) in enumerate(zip(words, SPELLINGS, strict=True))
    ]
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    demo.ingest.ingest("jsonl", export)
    for word, (written, shown) in zip(words, SPELLINGS, strict=True):
        snippets = [e.snippet for a in demo.search.ask(word, k=3) for e in a.evidence]
        assert f"{word} contact list: {shown}" in snippets, (written, snippets)
        assert not any(written in snippet for snippet in snippets), written


def test_evidence_snippets_show_no_address_written_loosely(demo: Services, tmp_path: Path) -> None:
    """A retest's (B5): invisible characters, spaces, words and brackets showed the address
    whole in the answers' snippets."""
    export = tmp_path / "loose.jsonl"
    words = [f"ocelot{chr(ord('a') + n)}mail" for n in range(len(LOOSE_SPELLINGS))]
    rows = [
        {"id": f"LO-{n}", "title": f"{word} contacts", "text": f"{word} contact list: {written}",
         "authors": ["Lukas Meyer"], "date": "2026-11-05"}
        for n, (word, (written, _)) in enumerate(zip(words, LOOSE_SPELLINGS, strict=True))
    ]  # fmt: skip
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    demo.ingest.ingest("jsonl", export)
    for word, (written, shown) in zip(words, LOOSE_SPELLINGS, strict=True):
        snippets = [e.snippet for a in demo.search.ask(word, k=3) for e in a.evidence]
        assert f"{word} contact list: {shown}" in snippets, (written, snippets)


LOOSE_COMMENT = (
    "A) bob.hidden at corvid dot example B) bob.hidden\u200b@\u200bcorvid.example"
    " C) carol.hid<b></b>@corvid.example D) carol.<em>hid</em>@corvid.example"
    " E) carol.hid&#x200b;@corvid.example F) bob.hidden(@)corvid.example"
    " G) bob.hidden arobase corvid point example"
)


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_a_comment_shows_no_address_as_it_renders(web, role: str) -> None:
    """A retest's (B5): words, invisible characters and the allowed inline HTML inside an
    address showed it whole to every reader (a browser renders "carol.hid<b></b>@…" as
    carol.hid@corvid.example)."""
    _, app = web
    browser = client(app, "consultant")
    page = browser.get("/people/2")
    browser.post("/people/2/comments", data={"csrf": csrf(page.text), "text": LOOSE_COMMENT})
    reader = client(app, role)
    for shown in (reader.get("/people/2").text, str(reader.get("/api/people/2/comments").json())):
        rendered = re.sub(r"<[^>]*>|&#x200b;|\u200b", "", html.unescape(shown))
        assert "A) b•••@corvid.example B) b•••@corvid.example C) c•••@corvid.example" in rendered
        assert "D) c•••@corvid.example E) c•••@corvid.example F) b•••@corvid.example" in rendered
        assert "G) b•••@corvid.example" in rendered
        assert "bob.hidden" not in rendered and "carol.hid" not in rendered


def test_stakeholder_notes_show_no_address_in_the_pdf_nor_the_deck(web) -> None:
    """A retest's (B5): the PDF drops invisible characters, so the report printed the plain
    address of notes that held "dan.priv\u200b@\u200bcorvid.example"."""
    import pypdfium2

    service, _ = web
    set_up_engagement(service)
    named = next(r for r in service.engagements.stakeholders(ENGAGEMENT) if r.named)
    notes = (
        "stkprobe B) dan.priv\u200b@\u200bcorvid.example F) dan.priv\u2060@corvid.example"
        " A) dan.priv at corvid dot example"
    )
    service.engagements.set_stakeholder(ENGAGEMENT, str(named.person_id), notes=notes)
    files = write_report(service, ENGAGEMENT, out=service.settings.workspace / "out")
    pdf = pypdfium2.PdfDocument(str(files.pdf))
    printed = "".join(page.get_textpage().get_text_range() for page in pdf)
    for text in (printed, files.html.read_text(encoding="utf-8"), _deck_notes(files.pptx)):
        plain = re.sub(r"[\u200b\u2060\s]", "", text)
        assert "dan.priv" not in plain and "dan.privatcorvid" not in plain
        assert "B)d•••@corvid.exampleF)d•••@corvid.example" in plain


# -- F6: every read of someone's profile is audited -----------------------------------------
def _views(service: Services) -> list[tuple[str | None, int | None, str | None]]:
    return [
        (row.username, row.person_id, row.detail)
        for row in service.privacy.audit_log()
        if row.action == "view profile"
    ]


def test_reading_a_person_s_claims_through_the_api_is_audited(web) -> None:
    service, app = web
    consultant = client(app, "consultant")
    assert consultant.get("/api/claims?person=2").status_code == 200
    assert consultant.get("/api/claims").status_code == 200  # (everyone's: no one profile)
    assert _views(service) == [("consultant", 2, "api")]


def test_profile_reads_from_the_command_line_are_audited(demo: Services) -> None:
    workspace = demo.settings.workspace
    demo.close()
    for args in (
        ["person", "Inès Moreau"],
        ["person", "2", "--json"],
        ["people", "show", "2"],
        ["claims", "--person", "2"],
    ):
        cli_run(workspace, *args)
    cli_run(workspace, "claims")  # (everyone's: no one profile)
    conn = sqlite3.connect(workspace / "whoknows.sqlite3")
    rows = conn.execute(
        "SELECT user_id, username, person_id, detail FROM audit_log WHERE action = 'view profile'"
    ).fetchall()
    conn.close()
    assert [(r[0], r[2], r[3]) for r in rows] == [(None, 1, "cli")] + [(None, 2, "cli")] * 3
    assert all(r[1].startswith("cli:") for r in rows), rows


# -- F4: an erased name does not come back through a file path ------------------------------
def test_an_erased_name_does_not_come_back_through_a_source_path(
    demo: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "exports" / "noah-becker"
    folder.mkdir(parents=True)
    export = folder / "noah.becker@corvid.example.jsonl"
    row = {
        "id": "NB-1",
        "title": "dashboard refresh",
        "text": "the sales dashboard refresh runs at six",
        "authors": ["Noah Becker <noah.becker@corvid.example>"],
        "date": "2026-11-01",
    }
    export.write_text(json.dumps(row) + "\n", encoding="utf-8")
    demo.ingest.ingest("jsonl", folder)
    demo.privacy.erasure("Noah Becker")
    for path in (folder, export):
        printed = demo.ingest.ingest("jsonl", path)
        assert printed.path == str(path), "whoever ran it is told the path they typed"
    conn = demo.workspace.store().conn
    stored = " ".join(f"{r[0]} {r[1]}" for r in conn.execute("SELECT path, report FROM ingests"))
    for trace in ("noah-becker", "noah.becker", "Noah Becker"):
        assert trace not in stored
    workspace = demo.settings.workspace
    demo.close()
    scanned = cli_run(workspace, "privacy", "scan", "Noah Becker", "noah.becker@corvid.example")
    assert scanned == (0, "")


@pytest.mark.parametrize("written", ["noah-becker", "noah_becker", "noah.becker", "NoahBecker"])
def test_the_scan_finds_a_name_as_file_names_write_it(tmp_path: Path, written: str) -> None:
    from whoknows.privacy import scan_workspace

    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "ingest.log").write_text(f"read exports/{written}/mail.mbox\n", "utf-8")
    hits = scan_workspace(tmp_path, ["Noah Becker"])
    assert [h.path for h in hits] == [str(tmp_path / "logs" / "ingest.log")]
    assert scan_workspace(tmp_path, ["Noah Baker"]) == []


# -- F10: reports written with --out outside the workspace ----------------------------------
def test_a_report_written_outside_the_workspace_is_scanned_and_erased(
    demo: Services, tmp_path: Path
) -> None:
    set_up_engagement(demo)
    outside = write_report(demo, ENGAGEMENT, out=tmp_path / "deliverables")
    kept = write_report(demo, ENGAGEMENT, out=tmp_path / "kept")
    assert not outside.html.is_relative_to(demo.settings.workspace)
    hits = demo.privacy.scan(["Raj Patel"]).hits
    assert {str(outside.html), str(outside.pdf)} <= {h.path for h in hits}
    kept.html.write_text("<p>edited by hand, nobody named</p>", encoding="utf-8")
    kept.pdf.unlink()
    kept.pptx.unlink()

    result = demo.privacy.erasure("Raj Patel")
    for path in (outside.html, outside.pdf, outside.pptx):
        assert str(path) in result.reports_deleted and not path.exists()
    assert kept.html.exists() and str(kept.html) not in result.reports_deleted
    listed = written_reports(demo.settings.workspace)
    assert [entry.path for entry in listed] == [kept.html.resolve()]
    assert not [h for h in demo.privacy.scan(["Raj Patel"]).hits if "deliverables" in h.path]


def test_a_report_that_cannot_be_deleted_is_said_to_be_left(
    demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_engagement(demo)
    outside = write_report(demo, ENGAGEMENT, out=tmp_path / "read-only")
    real_unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path.is_relative_to(tmp_path / "read-only"):
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    workspace = demo.settings.workspace
    demo.close()
    result = CliRunner().invoke(
        cli, ["--workspace", str(workspace), "people", "erase", "Raj Patel", "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert f"could not be deleted; delete it by hand: {outside.html}" in result.stderr
    assert outside.html.exists()


def test_a_hand_edited_list_of_reports_deletes_nothing_but_reports(
    demo: Services, tmp_path: Path
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("Raj Patel's notes", encoding="utf-8")
    manifest = demo.settings.workspace / MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(f"{other}\n", encoding="utf-8")
    demo.privacy.erasure("Raj Patel")
    assert other.exists()

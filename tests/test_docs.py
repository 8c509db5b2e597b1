from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest._boilerplate import common_sentences
from whoknows.ingest.docs import DocsConnector


def _parse(folder: Path, **context: object) -> tuple[list, IngestContext]:
    ctx = IngestContext(**context)  # type: ignore[arg-type]
    return list(DocsConnector().parse(folder, ctx)), ctx


def test_every_format_gives_text_title_and_authors(sample_org: list[SampleSource]) -> None:
    items, context = _parse(
        sample(sample_org, "docs").path, options=sample(sample_org, "docs").options
    )
    by_suffix = {Path(i.native_id).suffix: i for i in items}
    assert set(by_suffix) == {".md", ".html", ".pdf", ".docx", ".txt"}
    for suffix, item in by_suffix.items():
        assert item.text and item.title, suffix
        assert item.contributions, f"{suffix} document without authors"
        assert item.date is not None
    assert "analytics" not in by_suffix[".html"].text, "scripts are not evidence"
    assert not any("names no author" in note for note in context.notes)


def test_txt_without_authors_map_is_reported(sample_org: list[SampleSource]) -> None:
    _, context = _parse(sample(sample_org, "docs").path)
    unnamed = [
        note
        for note in context.notes
        if note.endswith("names no author; credit it with --authors FILE")
    ]
    assert unnamed and all(note.startswith("docs: ") and ".txt" in note for note in unnamed)


def test_front_matter_and_initials(service, sample_org: list[SampleSource]) -> None:
    service.ingest.ingest("people", sample(sample_org, "people").path)
    service.ingest.ingest(
        "docs",
        sample(sample_org, "docs").path,
        options=sample(sample_org, "docs").options,
    )
    conn = service.workspace.store().conn
    jose = conn.execute(
        "SELECT person_id FROM aliases WHERE kind='source_id' AND source='docs' AND value=?",
        ("J. Álvarez",),
    ).fetchone()[0]
    name = conn.execute("SELECT display_name FROM persons WHERE id=?", (jose,)).fetchone()[0]
    assert name == "José Álvarez"


def test_bad_encoding_and_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"---\ntitle: ok\n---\ncaf\xe9\n")
    with pytest.raises(InputError, match=r"a\.md:4:4: not UTF-8 text"):
        _parse(folder)
    (folder / "a.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.md:\d+:\d+: invalid YAML front matter"):
        _parse(folder)
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 truncated")
    items, context = _parse(folder, skip_errors=True)
    assert len(context.problems) == 2 and items == []


def test_a_pdf_cut_short_or_of_another_kind_is_refused_where_it_is(tmp_path: Path) -> None:
    """A hospital's evaluator's truncated PDF was named without a position ("PDFium: Data
    format error"): one cut short ends before its "%%EOF" marker, at its last byte; a file
    that only bears the suffix does not begin with "%PDF-"."""
    from fpdf import FPDF

    folder = tmp_path / "docs"
    folder.mkdir()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in range(40):
        pdf.multi_cell(0, 6, f"Dialysis water loop disinfection, step {line}.", new_x="LMARGIN")
    pdf.output(str(folder / "cut.pdf"))
    items, _ = _parse(folder)
    assert "Dialysis water loop" in items[0].text  # (whole, it reads)
    whole = (folder / "cut.pdf").read_bytes()
    # (padding, a comment, a DOS end-of-file byte or a web page after "%%EOF": whole)
    for after in (b"\n\x00\x00 \r\n", b"\n% written by scan2pdf\n", b"\x1a", b"<html></html>"):
        (folder / "cut.pdf").write_bytes(whole + after)
        assert "Dialysis water loop" in _parse(folder)[0][0].text
    # cut short; and cut inside an update appended to a whole one (an attacker's: read, it
    # lost the update's text without a word)
    update = b"\n6 0 obj\n<< /Length 60 >>\nstream\nBT /F1 12 Tf 72 700 Td (Added: HL7"
    for cut in (whole[:-300], whole + update):
        (folder / "cut.pdf").write_bytes(cut)
        with pytest.raises(InputError, match=rf"cut\.pdf:byte {len(cut)}: .* marker \(%%EOF\)"):
            _parse(folder)
    (folder / "cut.pdf").write_bytes(b"<html>Sign in</html>")
    with pytest.raises(InputError, match=r"cut\.pdf:byte 0: not a PDF document"):
        _parse(folder)


def test_a_title_with_an_unquoted_colon_is_read_as_written(tmp_path: Path) -> None:
    """A hospital's wiki page "title: Comité PACS : ordre du jour" (a colon YAML would have
    quoted) had stopped the whole ingest as invalid YAML."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ntitle: Comité PACS : ordre du jour\nauthor: 'Olivier Marchand'\n---\nRoutage.\n",
        encoding="utf-8",
    )
    items, _ = _parse(folder)
    [item] = items
    assert item.title == "Comité PACS : ordre du jour"
    assert [c.person.name for c in item.contributions] == ["Olivier Marchand"]
    # beside a YAML list, each line read as YAML where it is (a studio's runbook was refused)
    (folder / "a.md").write_text(
        "---\ntitle: Horde : agents et pools\nauthor: Laura Fontaine\ndate: 2026-03-12\n"
        "tags: [horde, build]\n---\nPools.\n",
        encoding="utf-8",
    )
    [item], _ = _parse(folder)
    assert (item.title, item.date.date().isoformat(), item.tags) == (
        "Horde : agents et pools",
        "2026-03-12",
        ["horde", "build"],
    )
    # beside block lists, as Hugo, Jekyll and Obsidian write them (an attacker's)
    (folder / "a.md").write_text(
        "---\ntitle: Horde : agents et pools\nauthors:\n  - Léa Fontaine\ntags:\n  - horde\n"
        "  - build\ndate: 2026-03-12\n---\nPools.\n",
        encoding="utf-8",
    )
    [item], _ = _parse(folder)
    assert (item.title, item.tags) == ("Horde : agents et pools", ["horde", "build"])
    assert [c.person.name for c in item.contributions] == ["Léa Fontaine"]


def test_authors_map_csv_rows_and_delimiters(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "runbook.txt").write_text("Failover runbook\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Kafka notes\n", encoding="utf-8")
    authors = tmp_path / "authors.csv"
    authors.write_text("path;authors\r\nrunbook.txt;Inès Moreau\r\n", encoding="utf-8-sig")
    items, _ = _parse(folder, options={"authors": str(authors)})
    by_path = {i.native_id: [c.person.name for c in i.contributions] for i in items}
    assert by_path == {"notes.txt": [], "runbook.txt": ["Inès Moreau"]}
    # a map cut off after a path: the row is reported, not read as "no authors"
    authors.write_text("path,authors\nrunbook.txt,Inès Moreau\nnotes.txt", encoding="utf-8")
    with pytest.raises(InputError, match=r"authors\.csv:3: a path without authors"):
        _parse(folder, options={"authors": str(authors)})
    authors.write_text('path,authors\nrunbook.txt,"Inès\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"authors\.csv:2: malformed CSV"):
        _parse(folder, options={"authors": str(authors)})


PAGES = {
    "travel.md": ("Claire Dubois", "Book trains for trips under four hours."),
    "alerts.md": ("Inès Moreau", "Alerts page only for symptoms users feel."),
    "helm.md": ("Lukas Meyer", "Charts live in one repository. Run helm lint before a review."),
    "runbook.md": ("Karin Holm", "Drain the node first. Run helm lint before a review."),
    "ledger.md": ("Marcus Lindqvist", "Refunds post to the ledger nightly."),
}


def test_a_footer_most_pages_repeat_is_not_evidence(service, tmp_path: Path) -> None:
    """Every demo page ended "Last reviewed on <date>. Questions go to the authors.": each
    author was evidence for "question" and "review". A sentence a few pages share stays, and
    a small folder keeps everything (three runbooks of four sharing a command: content)."""
    folder = tmp_path / "site"
    folder.mkdir()
    for number, (name, (author, body)) in enumerate(PAGES.items(), 1):
        footer = f"Last reviewed on {number:02d} March 2024. Questions go to the authors."
        (folder / name).write_text(
            f"---\ntitle: {name[:-3]}\nauthor: {author}\ndate: 2024-03-0{number}\n---\n\n"
            f"{body}\n\n{footer}\n",
            encoding="utf-8",
        )
    service.ingest.ingest("docs", folder)
    texts = [row[0] for row in service.workspace.store().conn.execute("SELECT text FROM items")]
    assert len(texts) == 5 and not any("Questions go" in t or "reviewed" in t for t in texts)
    assert service.search.ask("questions authors", k=0) == []
    helm = {a.name for a in service.search.ask("helm lint", k=0)}
    assert helm == {"Lukas Meyer", "Karin Holm"}, "two pages of five: content, not a footer"
    small = [f"Runbook {n}. Check lag with kafka-consumer-groups --describe." for n in range(3)]
    assert common_sentences([*small, "Something else entirely here."]) == frozenset()


def test_a_header_every_page_repeats_is_no_title(service, tmp_path: Path) -> None:
    """A text page's title is its first line: a header on every page became every title."""
    folder = tmp_path / "intranet"
    folder.mkdir()
    bodies = [
        "Drain the node before the upgrade.",
        "Rotate the keys every quarter.",
        "Tag it.",
        "Page the on-call engineer.",
        "Book the room.",
    ]
    for number, body in enumerate(bodies):
        page = folder / f"page{number}.txt"
        page.write_text(f"CONFIDENTIAL Corvid wombat intranet\n{body}\n", encoding="utf-8")
    (tmp_path / "authors.csv").write_text("path,authors\n*,Ann Lee\n", encoding="utf-8")
    service.ingest.ingest("docs", folder, options={"authors": str(tmp_path / "authors.csv")})
    rows = service.workspace.store().conn.execute("SELECT title, text FROM items ORDER BY title")
    assert [tuple(row) for row in rows] == [
        ("page0", "Drain the node before the upgrade."),
        ("page1", "Rotate the keys every quarter."),
        ("page2", "Tag it."),
        ("page3", "Page the on-call engineer."),
        ("page4", "Book the room."),
    ]
    assert service.search.ask("wombat intranet", k=0) == []


def test_site_navigation_and_short_footers_are_not_evidence(service, tmp_path: Path) -> None:
    folder = tmp_path / "wiki"
    folder.mkdir()
    for number, topic in enumerate(["backup", "restore", "vacuum", "replica", "pgbouncer"]):
        (folder / f"{topic}.html").write_text(
            f"<html><head><title>{topic}</title><meta name='author' content='Ann Lee'></head>"
            f"<body><nav>Home Runbooks Search the wiki</nav><h1>{topic}</h1><p>How we run"
            f" {topic} on cluster {number}.</p><footer>Acme Logistics 2024.</footer>"
            "<p>Acme Logistics 2024.</p></body></html>",
            encoding="utf-8",
        )
    service.ingest.ingest("docs", folder)
    assert service.search.ask("search the wiki runbooks", k=0) == []
    assert service.search.ask("acme logistics", k=0) == []
    assert [a.name for a in service.search.ask("pgbouncer", k=0)] == ["Ann Lee"]


def test_a_document_that_says_no_date_is_dated_by_its_file(tmp_path: Path) -> None:
    """An undated runbook counted as no recent work at all: its writer ranked fourth for
    "kafka consumer lag", below people who only mentioned Kafka in passing."""
    import os
    from datetime import UTC, datetime

    (tmp_path / "runbook.md").write_text("---\nauthor: Hugo Blanc\n---\n# Kafka lag\nSteps.")
    (tmp_path / "dated.md").write_text("---\nauthor: Hugo Blanc\ndate: 2025-06-01\n---\n# Old")
    written = datetime(2026, 3, 1, 12, tzinfo=UTC).timestamp()
    saved = datetime(2025, 6, 1, 16, tzinfo=UTC).timestamp()  # (on the day it says)
    os.utime(tmp_path / "runbook.md", (written, written))
    os.utime(tmp_path / "dated.md", (saved, saved))
    items, _ = _parse(tmp_path)
    dates = {item.native_id: item.date for item in items}
    assert dates["runbook.md"] == datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert dates["dated.md"] == datetime(2025, 6, 1, tzinfo=UTC)
    # a copied folder: its files bear the copy's day, the dated ones too; the undated one is
    # dated no later than the latest that says its date (a studio's copy, fourteen months
    # later, had made every holder "inactive")
    copied = datetime(2026, 12, 7, 9, tzinfo=UTC).timestamp()
    for name in ("runbook.md", "dated.md"):
        os.utime(tmp_path / name, (copied, copied))
    items, context = _parse(tmp_path)
    dates = {item.native_id: item.date for item in items}
    assert dates["runbook.md"] == dates["dated.md"] == datetime(2025, 6, 1, tzinfo=UTC)
    assert "not by its copy" in str(context.notes)
    # a wiki whose pages say when they were created and were edited since: a page written
    # since, with no date, is dated by its file (an attacker's, dated back to 2025)
    edited = datetime(2026, 5, 20, 10, tzinfo=UTC).timestamp()
    os.utime(tmp_path / "dated.md", (edited, edited))
    items, _ = _parse(tmp_path)
    dates = {item.native_id: item.date for item in items}
    assert dates["runbook.md"] == datetime(2026, 12, 7, 9, tzinfo=UTC)


def test_a_checkouts_documents_are_dated_by_their_last_commit(tmp_path: Path) -> None:
    """A cloned folder of runbooks had every runbook dated the day of the clone, the newest
    work of the workspace; and git's own files were each a skipped "unsupported file type"."""
    import os
    import shutil
    from datetime import UTC, datetime

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "runbooks").mkdir(parents=True)

    def git(*args: str, when: str = "2024-03-01T10:00:00+00:00") -> None:
        _git(repo, *args, when=when)

    git("init", "-q")
    for name in ("kafka", "vault", "dns"):
        (repo / "runbooks" / f"{name}.md").write_text(f"---\nauthor: Hugo Blanc\n---\n# {name}")
    git("add", ".")
    git("commit", "-q", "-m", "runbooks")
    (repo / "runbooks" / "dns.md").write_text("---\nauthor: Hugo Blanc\n---\n# dns\nTTL.")
    git("commit", "-q", "-am", "dns ttl", when="2025-02-01T09:00:00+00:00")
    (repo / "runbooks" / "vault.md").write_text("---\nauthor: Hugo Blanc\n---\n# vault\nNew.")
    (repo / "runbooks" / "new.md").write_text("---\nauthor: Hugo Blanc\n---\n# new")
    (repo / "runbooks" / ".DS_Store").write_bytes(b"\0\1")
    written = datetime(2026, 3, 1, 12, tzinfo=UTC).timestamp()
    for name in ("kafka", "vault", "dns", "new"):  # (as a clone, then today's edits, leave them)
        os.utime(repo / "runbooks" / f"{name}.md", (written, written))
    items, context = _parse(repo)
    dates = {Path(item.native_id).stem: item.date for item in items}
    assert dates == {
        "kafka": datetime(2024, 3, 1, 10, tzinfo=UTC),
        "dns": datetime(2025, 2, 1, 9, tzinfo=UTC),
        "vault": datetime(2026, 3, 1, 12, tzinfo=UTC),  # (changed since: its file's)
        "new": datetime(2026, 3, 1, 12, tzinfo=UTC),  # (not committed: its file's)
    }
    assert not context.skipped, context.skipped
    items, _ = _parse(repo / "runbooks")  # (a folder of the checkout)
    assert {Path(item.native_id).stem: item.date for item in items} == dates


def _git(repo: Path, *args: str, when: str = "2023-05-02T08:00:00+00:00") -> None:
    import os
    import subprocess

    dated = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=A", "-c", "user.email=a@x.org", *args],
        check=True,
        capture_output=True,
        env={**os.environ, **dated},
    )


def test_a_checkouts_own_commands_are_never_run(tmp_path: Path) -> None:
    """Two reviewers' zipped checkouts: one's .git/config named a file-system monitor (reading
    its dates ran it four times), a clean filter and a signature checker over a signed
    commit; the other's said it was a partial clone lacking an object, whose lazy fetch ran
    the upload-pack command it named. Neither ``ingest docs`` nor ``ingest git`` runs any."""
    import shutil
    import subprocess

    from whoknows.ingest.git import GitConnector

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    ran = tmp_path / "ran"
    signed, lazy = tmp_path / "signed", tmp_path / "lazy"
    for repo in (signed, lazy):
        (repo / "sub").mkdir(parents=True)
        _git(repo, "init", "-q")
        (repo / "sub" / "guide.md").write_text("---\nauthor: Hugo Blanc\n---\n# Kafka\nLag.")
        (repo / "top.md").write_text("---\nauthor: Hugo Blanc\n---\n# Vault\nUnseal.")
    (signed / ".gitattributes").write_text("*.md filter=evil\n")
    _git(signed, "add", ".")
    tree = subprocess.run(
        ["git", "-C", str(signed), "write-tree"], capture_output=True, text=True, check=True
    ).stdout.strip()
    commit = (
        f"tree {tree}\nauthor A <a@x.org> 1700000000 +0000\n"
        "committer A <a@x.org> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n"
        " iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nguide\n"
    )
    made = subprocess.run(
        ["git", "-C", str(signed), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=commit,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    _git(signed, "update-ref", "HEAD", made)
    for key in ("core.fsmonitor", "filter.evil.clean", "filter.evil.smudge"):
        _git(signed, "config", key, f"touch {ran}; cat")
    checker = tmp_path / "gpg.sh"  # (a program, not a shell line)
    checker.write_text(f"#!/bin/sh\ntouch {ran}\nexit 1\n")
    checker.chmod(0o755)
    _git(signed, "config", "gpg.program", str(checker))
    _git(signed, "config", "log.showSignature", "true")
    (signed / "top.md").touch()  # (stat changed: a clean filter would run)
    _git(lazy, "add", ".")
    _git(lazy, "commit", "-q", "-m", "runbooks")
    subtree = subprocess.run(
        ["git", "-C", str(lazy), "rev-parse", "HEAD:sub"], capture_output=True, text=True
    ).stdout.strip()
    (lazy / ".git" / "objects" / subtree[:2] / subtree[2:]).unlink()
    for key, value in [
        ("core.repositoryformatversion", "1"),
        ("extensions.partialClone", "origin"),
        ("remote.origin.promisor", "true"),
        ("remote.origin.url", str(tmp_path / "nowhere")),
        ("remote.origin.uploadpack", f"touch {ran}; false"),
        ("protocol.file.allow", "always"),
    ]:
        _git(lazy, "config", key, value)
    for repo in (signed, lazy):
        _parse(repo, skip_errors=True)
        list(GitConnector().parse(repo, IngestContext(skip_errors=True)))
    assert not ran.exists(), "a command of the repository's configuration ran"
    items, context = _parse(signed)
    assert sorted(Path(item.native_id).name for item in items) == ["guide.md", "top.md"]
    assert not context.skipped, context.skipped  # (.gitattributes: version control's)


def test_a_submodules_documents_are_dated_by_its_history(tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    inner, outer = tmp_path / "inner", tmp_path / "outer"
    for repo in (inner, outer):
        repo.mkdir()
        _git(repo, "init", "-q")
    (inner / "vault.md").write_text("---\nauthor: Hugo Blanc\n---\n# Vault\nUnseal.")
    _git(inner, "add", ".")
    _git(inner, "commit", "-q", "-m", "vault", when="2022-01-10T10:00:00+00:00")
    (outer / "kafka.md").write_text("---\nauthor: Hugo Blanc\n---\n# Kafka\nLag.")
    _git(outer, "add", ".")
    _git(outer, "commit", "-q", "-m", "kafka")
    _git(outer, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "sub")
    _git(outer, "commit", "-q", "-m", "sub", when="2024-06-01T10:00:00+00:00")
    items, _ = _parse(outer)
    dates = {Path(item.native_id).name: item.date for item in items}
    assert dates["kafka.md"] == datetime(2023, 5, 2, 8, tzinfo=UTC)
    assert dates["vault.md"] == datetime(2022, 1, 10, 10, tzinfo=UTC)


def test_a_bare_repository_says_so(tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    bare = tmp_path / "bare.git"
    bare.mkdir()
    _git(bare, "init", "-q", "--bare")
    _, context = _parse(bare, skip_errors=True)
    assert any("bare git repository" in str(problem) for problem in context.problems), (
        context.problems
    )


def test_an_author_given_on_a_second_ingest_counts_the_document_updated(service, tmp_path) -> None:
    """A fresh evaluator ingested a folder again with an --authors map that named the writer
    of a text file: it became his evidence, and the report said "0 updated, 3 already
    present"."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "runbook.txt").write_text("Restarting the billing workers after a deploy.")
    (folder / "notes.md").write_text("---\nauthor: Ann Lee\n---\n# Notes\nKafka lag checks.")
    authors = tmp_path / "authors.csv"
    authors.write_text("path,authors\nrunbook.txt,Wei Chen\n")
    first = service.ingest.ingest("docs", folder)
    assert (first.items_added, first.items_updated) == (2, 0)
    again = service.ingest.ingest("docs", folder, options={"authors": str(authors)})
    assert (again.items_added, again.items_updated, again.items_unchanged) == (0, 1, 1)
    assert [a.name for a in service.search.ask("billing workers")] == ["Wei Chen"]
    same = service.ingest.ingest("docs", folder, options={"authors": str(authors)})
    assert (same.items_updated, same.items_unchanged) == (0, 2)


def test_markdown_emphasis_goes_and_underscores_in_names_stay(tmp_path: Path) -> None:
    """A fresh evaluator's ADR said `max_connections`: it was stored as "maxconnections", and
    "max_connections" found nothing."""
    (tmp_path / "tuning.md").write_text(
        "---\nauthor: Marc Dubois\n---\n# Tuning\n\nSet `max_connections` to 200 and "
        "indices.recovery.max_bytes_per_sec to 100mb; **never** _private_ or *it*.\n"
        "* a bullet\n"
    )
    (item,), _ = _parse(tmp_path)
    assert "max_connections" in item.text and "max_bytes_per_sec" in item.text
    assert "never private or it" in item.text and "a bullet" in item.text
    assert not any(mark in item.text for mark in "*`")


def test_a_page_of_links_is_passed_on_not_written(tmp_path: Path) -> None:
    """A fresh evaluator's "Useful links" page (a heading and a link title per subject) made
    its writer first for SEPA files, vacuum and backups, above the people who wrote the
    runbooks it linked to."""
    from whoknows.vocab import ContributionRole

    folder = tmp_path / "docs"
    folder.mkdir()
    links = "\n".join(
        f"## {topic}\n- [{topic} runbook](https://wiki.example/{n})\n"
        for n, topic in enumerate(["Terraform state locking", "PostgreSQL vacuum", "SEPA files"])
    )
    (folder / "links.md").write_text(
        f"---\nauthor: Hannah Cole\n---\n# Useful links\n\n{links}", encoding="utf-8"
    )
    (folder / "links.html").write_text(
        "<html><head><meta name='author' content='Hannah Cole'></head><body><h1>Liens</h1><ul>"
        + "".join(f"<li><a href='https://x/{n}'>Guide {n} du SEPA</a></li>" for n in range(4))
        + "</ul></body></html>",
        encoding="utf-8",
    )
    (folder / "runbook.md").write_text(
        "---\nauthor: Priya Raman\n---\n# Terraform state locking\n\nWhen a CI job is"
        " cancelled the DynamoDB lock stays: check no apply runs, then `terraform force-unlock"
        " ID`. See [the docs](https://developer.hashicorp.com/terraform) for details.\n",
        encoding="utf-8",
    )
    (folder / "bookmarks.md").write_text(
        "---\nauthor: Sophie\n---\n# Bookmarks\n\n"
        + "".join(
            f"{topic}\nhttps://docs.example/{n}\n\n"
            for n, topic in enumerate(
                ["Kafka consumer lag and rebalancing", "SEPA remittance formats", "Restic backups"]
            )
        ),
        encoding="utf-8",
    )
    (folder / "faq.md").write_text(
        "---\nauthor: April\n---\n# Elasticsearch FAQ\n\n"
        + "".join(
            f"## Why {question}?\n{answer}; see [{label}](https://x/{n}).\n\n"
            for n, (question, answer, label) in enumerate(
                [
                    ("are shards unassigned", "Allocation disabled", "allocation settings"),
                    ("is the cluster yellow", "Replicas unassigned", "replica shards"),
                    ("do reindexes time out", "Slices", "reindex API"),
                ]
            )
        ),
        encoding="utf-8",
    )
    (folder / "support-faq.md").write_text(
        "---\nauthor: Lucy Evans\n---\nAnswers collected from Slack for the support team.\n\n"
        "Stripe webhook: verify the signature on the raw body with express.raw, not the parsed"
        " JSON, and use the endpoint's own signing secret.\n",
        encoding="utf-8",
    )
    for name, opening in [
        ("gathered.md", "The answers below were gathered from the #payments Slack channel."),
        (
            "extrait.md",
            "Extrait du fil Slack #infra (réponses de Karim et Hugo), recopié tel quel.",
        ),
        ("source.md", "Source: Slack #kafka, answers by Raj Patel."),
    ]:
        (folder / name).write_text(
            f"---\nauthor: Derek Hollis\n---\n{opening}\n\nSwitch the consumers to the"
            " cooperative sticky assignor so a restarting pod keeps its partitions.\n",
            encoding="utf-8",
        )
    roles = {
        item.native_id: item.contributions[0].role
        for item in DocsConnector().parse(folder, IngestContext())
    }
    assert roles == {
        "gathered.md": ContributionRole.REFERRER,
        "extrait.md": ContributionRole.REFERRER,
        "source.md": ContributionRole.REFERRER,
        "support-faq.md": ContributionRole.REFERRER,  # (others' answers, pasted)
        "links.md": ContributionRole.REFERRER,
        "links.html": ContributionRole.REFERRER,
        "bookmarks.md": ContributionRole.REFERRER,  # (bare addresses under their captions)
        "faq.md": ContributionRole.AUTHOR,  # (the questions it asks, it answers)
        "runbook.md": ContributionRole.AUTHOR,
    }


def test_captioned_links_and_templates_are_no_writing(tmp_path: Path) -> None:
    """A fresh evaluator's wiki: "Useful links", each link with a caption after a dash, put
    its writer in the top 3 for 10 of 15 questions; an unfilled ADR template was third for
    "event bus decision kafka vs rabbitmq"."""
    from whoknows.vocab import ContributionRole

    folder = tmp_path / "wiki"
    folder.mkdir()
    (folder / "useful-links.md").write_text(
        "---\ntitle: Useful links\nauthor: Zoe Li\n---\n# Useful links\n\n"
        "- [pgBackRest user guide](https://pgbackrest.org/user-guide.html) — PostgreSQL backup,"
        " restore, PITR\n- [cert-manager docs](https://cert-manager.io/docs/) — Kubernetes"
        " ingress TLS certificates\n- [Kafka consumer lag explained](https://example.org/lag)\n"
        "- [PgBouncer config](https://www.pgbouncer.org/config.html)\n",
        encoding="utf-8",
    )
    (folder / "adr-template.md").write_text(
        "---\ntitle: 'ADR NNNN: <title>'\nauthor: Sophie Bernard\n---\n# ADR NNNN: <title>\n\n"
        "## Context\n<What is the issue motivating this decision? e.g. Kafka, PostgreSQL>\n\n"
        "## Decision\n<What is the change that we're proposing?>\n",
        encoding="utf-8",
    )
    (folder / "adr-0012.md").write_text(
        "---\ntitle: 'ADR 0012: Kafka as the event bus'\nauthor: Nikhil Rao\n---\n"
        "We chose Kafka over RabbitMQ for replay; TODO: add the retention figures.\n",
        encoding="utf-8",
    )
    items, context = _parse(folder)
    roles = {item.native_id: {c.role for c in item.contributions} for item in items}
    assert roles["useful-links.md"] == {ContributionRole.REFERRER}
    assert roles["adr-template.md"] == {ContributionRole.EDITOR}
    assert roles["adr-0012.md"] == {ContributionRole.AUTHOR}
    assert context.notes["docs: template, no evidence"] == 1


def test_a_faq_of_links_and_pointers_to_a_colleague_is_no_writing(tmp_path: Path) -> None:
    """A Québec lab's HPC engineer was second for Slurm on his "FAQ de la grappe": bare links
    with their captions, a colleague's slides to see, "Questions : écrire à Kevin Nguyen"."""
    from whoknows.vocab import ContributionRole

    folder = tmp_path / "wiki"
    folder.mkdir()
    (folder / "faq.md").write_text(
        "---\ntitle: FAQ de la grappe de calcul\nauthor: Benoît Lefebvre\n---\n"
        "# FAQ de la grappe de calcul\n\n"
        "- Documentation Slurm : https://slurm.schedmd.com/documentation.html\n\n"
        "- Guide sbatch : https://slurm.schedmd.com/sbatch.html\n\n"
        "- Formation Slurm du labo : voir la présentation de Kevin (Formation_Slurm.pptx)\n\n"
        "- Alliance, wiki : https://docs.alliancecan.ca/wiki/Running_jobs\n\n"
        "- Questions : écrire à Kevin Nguyen.\n",
        encoding="utf-8",
    )
    items, _ = _parse(folder)
    assert {c.role for c in items[0].contributions} == {ContributionRole.REFERRER}


def test_a_runbook_with_placeholders_in_its_commands_and_a_data_model_are_writing(
    tmp_path: Path,
) -> None:
    """An attacker's real runbook ("kubectl logs <pod> -n <namespace>", a TODO), a
    "Modèle de données" (a data model) and an ADR on a Jinja template were read as templates
    and their writers dropped; a French form ("[À compléter]", "JJ/MM/AAAA") and a table of
    links were their writers' evidence."""
    from whoknows.vocab import ContributionRole

    folder = tmp_path / "wiki"
    folder.mkdir()
    pages = {
        "runbook.md": (
            "Runbook - kafka consumer lag",
            "Check the lag per partition with `kafka-consumer-groups --bootstrap-server "
            "<broker> --describe --group <group>`. If one partition lags, look at its consumer:"
            " `kubectl logs <pod> -n <namespace>`. Rebalance storms come from"
            " max.poll.interval.ms being too low for the batch size; raise it to 600000. The"
            " March incident was a poison message; TODO: link the post-mortem.",
        ),
        "modele.md": (
            "Modèle de données de la facturation",
            "Une facture a des lignes; chaque ligne porte son taux de TVA et son arrondi.",
        ),
        "adr.md": (
            "ADR-0007: Use one Jinja template per invoice PDF layout",
            "We render invoices with one Jinja template per layout, WeasyPrint for the PDF.",
        ),
        "trame.md": (
            "Trame de post-mortem",
            "Date : JJ/MM/AAAA. Durée : [À compléter]. Cause racine : [À compléter].",
        ),
        "liens.md": (
            "Liens utiles",
            "| Lien | Pour quoi |\n|---|---|\n| [Burrow](https://github.com/linkedin/Burrow) |"
            " suivi du lag |\n| [Lag exporter](https://x/1) | exporter Prometheus |\n"
            "| [Confluent](https://x/2) | la doc officielle |",
        ),
    }
    for name, (title, body) in pages.items():
        (folder / name).write_text(
            f"---\ntitle: '{title}'\nauthor: Ana Costa\n---\n{body}\n", encoding="utf-8"
        )
    items, _ = _parse(folder)
    roles = {item.native_id: {c.role for c in item.contributions} for item in items}
    assert roles["runbook.md"] == roles["modele.md"] == roles["adr.md"] == {ContributionRole.AUTHOR}
    assert roles["trame.md"] == {ContributionRole.EDITOR}
    assert roles["liens.md"] == {ContributionRole.REFERRER}


@pytest.mark.parametrize(
    ("title", "plans"),
    [
        ("Product roadmap Q2", True),
        ("Stratégie technique 2026", True),
        ("Engineering OKRs 2025", True),
        ("Backup strategy", False),
        ("Stratégie de sauvegarde", False),
        ("Migration plan for PostgreSQL 16", False),
        ("Engineering principles - Lumiere Systems UK", True),
        ("Architecture principles", True),
        ("Design principles of the ledger service", False),
        ("Release 1.4 schedule", True),  # (a game studio's producer, third for certification)
        ("Calendrier de livraison 2026", True),
        ("How the release pipeline works", False),
        ("How the release schedule job computes freeze dates", False),  # (a reviewer's)
        ("Release plan rollback procedure", False),
        ("Planning de la mise en production : procédure de bascule", False),
    ],
)
def test_a_roadmap_or_a_strategy_plans_and_advises(tmp_path: Path, title: str, plans: bool) -> None:
    """Two fresh evaluators' organisations: a product manager's roadmap ("Customers keep
    asking for SSO …") made her second for SSO, a CTO's "Stratégie technique 2026" (naming
    key rotation, tokens, SAML) third for each."""
    from whoknows.vocab import ContributionRole

    folder = tmp_path / "wiki"
    folder.mkdir()
    (folder / "page.md").write_text(
        f"---\ntitle: '{title}'\nauthor: Rachel Kim\n---\nCustomers keep asking for SSO with"
        " Okta; key rotation and token expiry must be flawless this year.\n",
        encoding="utf-8",
    )
    (item,) = _parse(folder)[0]
    expected = ContributionRole.ADVISER if plans else ContributionRole.AUTHOR
    assert {c.role for c in item.contributions} == {expected}


def test_documents_naming_no_author_are_named_ten_then_counted(tmp_path: Path) -> None:
    folder = tmp_path / "wiki"
    folder.mkdir()
    for n in range(13):
        (folder / f"page{n:02}.md").write_text(f"# Page {n}\n\nKafka lag note {n}.\n", "utf-8")
    _, context = _parse(folder)
    named = [note for note in context.notes if note.endswith("credit it with --authors FILE")]
    assert len(named) == 10
    assert (
        context.notes["docs: more documents that name no author; credit them with --authors FILE"]
        == 3
    )


def test_a_templates_hints_copied_into_a_folders_records_are_no_ones_words(
    tmp_path: Path,
) -> None:
    """A fresh evaluator's decision records, six in docs/adr/ of nineteen documents, kept
    their template's hint ("Exemple : choisir entre Terraform et Ansible … Modbus ou IEC
    104"): each writer was evidence for every subject the hint names. What most of one
    folder's pages repeat is boilerplate, as what most of the collection's pages repeat."""
    hint = (
        "> Consignes du modèle (à supprimer) : décrivez le contexte en deux ou trois phrases.\n"
        "> Exemple : « Nous devons choisir entre Terraform et Ansible pour créer les réseaux, "
        "et comment la passerelle parle Modbus ou IEC 104. »\n"
    )
    decisions = ["MQTT QoS 1", "Keycloak", "cert-manager", "backpressure", "état Terraform"]
    adr = tmp_path / "docs" / "adr"
    adr.mkdir(parents=True)
    for number, subject in enumerate(decisions):
        (adr / f"000{number}.md").write_text(
            f"# ADR {number}\n\n## Contexte\n{hint}\n## Décision\nNous retenons {subject}.\n",
            encoding="utf-8",
        )
    for number in range(8):  # (the rest of the collection: runbooks)
        (tmp_path / "docs" / f"runbook-{number}.md").write_text(
            f"# Runbook {number}\n\nRedémarrer le service {number} puis vérifier les journaux.\n",
            encoding="utf-8",
        )
    texts = {
        item.native_id: item.text
        for item in DocsConnector().parse(tmp_path / "docs", IngestContext())
    }
    assert "Modbus" not in texts["adr/0000.md"] and "MQTT QoS 1" in texts["adr/0000.md"]
    assert "Terraform" in texts["adr/0004.md"]  # (its own decision stays)


def test_a_step_runbooks_share_stays_theirs(tmp_path: Path) -> None:
    """An attacker's six PostgreSQL runbooks of one folder shared their key step (a
    pg_basebackup then pg_waldump): read as a template's hint, it was nobody's evidence. No
    runbook is that step alone: it stays each writer's."""
    step = (
        "Lancer pg_basebackup -D /srv/pg/replica -X stream -P depuis le primaire, puis "
        "vérifier le dernier segment avec pg_waldump avant de démarrer le réplica."
    )
    folder = tmp_path / "docs" / "postgres"
    folder.mkdir(parents=True)
    subjects = ["réplica de secours", "bascule", "restauration", "migration", "montée", "audit"]
    for number, subject in enumerate(subjects):
        (folder / f"runbook-{number}.md").write_text(
            f"# Runbook {subject}\n\nAvant la {subject}, prévenir l'astreinte et geler les "
            f"déploiements du cluster {number}. Contrôler la réplication et les alertes.\n\n"
            f"{step}\n",
            encoding="utf-8",
        )
    for number in range(8):  # (the rest of the collection: other teams' notes)
        (tmp_path / "docs" / f"note-{number}.md").write_text(
            f"# Note {number}\n\nLe service {number} redémarre le dimanche à 2h.\n",
            encoding="utf-8",
        )
    # (an index of links and an empty page in the folder: no template of theirs)
    (folder / "index.md").write_text("# PostgreSQL\n\n- [Bascule](runbook-1.md)\n", "utf-8")
    (folder / "todo.md").write_text("# À écrire\n\nAudit\n", "utf-8")
    items = DocsConnector().parse(tmp_path / "docs", IngestContext())
    texts = [item.text for item in items if item.native_id.startswith("postgres/runbook")]
    assert len(texts) == 6 and all("pg_basebackup" in text for text in texts), texts


@pytest.mark.parametrize(
    ("author", "person"),
    [
        ("Direction des systèmes d'information", False),
        ("Service juridique", False),
        ("IT Department", False),
        ("Office of the CIO", False),
        ("Marc Bureau", True),
        ("Claire Service", True),
    ],
)
def test_a_unit_of_the_organisation_is_no_author(tmp_path: Path, author: str, person: bool) -> None:
    """A fresh evaluator's regional council: its IT charter's HTML author, "Direction des
    systèmes d'information", was a person listed in five answers."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "charte.html").write_text(
        f'<html><head><title>Charte informatique</title><meta name="author" content="{author}">'
        "</head><body><p>Les mots de passe comptent douze caractères au moins.</p></body></html>",
        encoding="utf-8",
    )
    (item,) = list(DocsConnector().parse(folder, IngestContext()))
    assert [c.person.name for c in item.contributions] == ([author] if person else [])

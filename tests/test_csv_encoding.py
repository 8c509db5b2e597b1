"""CSV files as French and German Excel save them: Windows-1252, not UTF-8."""

from __future__ import annotations

from pathlib import Path

from whoknows.ingest import IngestContext
from whoknows.ingest._csv import WINDOWS_1252, encoding_of
from whoknows.ingest.people import PeopleConnector
from whoknows.records import PersonRecord

ROWS = "id;name;emails;title;department\n1;Élodie Fabre;elodie@acme.fr;Ingénieure études;Méthodes\n"


def test_a_directory_saved_by_a_french_excel_is_read(tmp_path: Path) -> None:
    """A fresh evaluator's directory, saved by a French Excel, was refused at its first "é"."""
    path = tmp_path / "annuaire.csv"
    path.write_bytes(ROWS.encode("cp1252"))
    context = IngestContext()
    people = [r for r in PeopleConnector().parse(path, context) if isinstance(r, PersonRecord)]
    assert [(p.ref.name, p.title) for p in people] == [("Élodie Fabre", "Ingénieure études")]
    assert context.notes[WINDOWS_1252] == 1


def test_utf8_stays_utf8_and_binary_junk_is_no_windows_text(tmp_path: Path) -> None:
    utf8, junk = tmp_path / "utf8.csv", tmp_path / "junk.csv"
    utf8.write_text(ROWS, encoding="utf-8")
    junk.write_bytes(ROWS.encode("cp1252") + b"\x81\x00\x9d")
    assert encoding_of(utf8) == "utf-8-sig"
    assert encoding_of(junk) == "utf-8-sig"  # (read as UTF-8, and refused where it is not)
    context = IngestContext(skip_errors=True)
    list(PeopleConnector().parse(junk, context))
    assert any("not UTF-8" in str(problem) for problem in context.problems)

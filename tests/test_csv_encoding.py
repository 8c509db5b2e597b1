"""CSV files as French and German Excel save them: Windows-1252, not UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    said = WINDOWS_1252 % {"file": "annuaire.csv"}
    assert context.notes[said] == 1


def test_utf8_stays_utf8_and_binary_junk_is_no_windows_text(tmp_path: Path) -> None:
    utf8, junk = tmp_path / "utf8.csv", tmp_path / "junk.csv"
    utf8.write_text(ROWS, encoding="utf-8")
    junk.write_bytes(ROWS.encode("cp1252") + b"\x81\x00\x9d")
    assert encoding_of(utf8) == "utf-8-sig"
    assert encoding_of(junk) == "utf-8-sig"  # (read as UTF-8, and refused where it is not)
    context = IngestContext(skip_errors=True)
    list(PeopleConnector().parse(junk, context))
    assert any("not UTF-8" in str(problem) for problem in context.problems)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("stray.csv", ROWS.encode("utf-8") + b"2;Jos\xe9 Garc\xeda;j@acme.fr;Tech;Ops\n"),
        ("russian.csv", "id;name;emails\n1;Иван Петров;ivan@acme.ru\n".encode("cp1251")),
        ("polish.csv", "id;name;emails\n1;Łukasz Żółć;lukasz@acme.pl\n".encode("cp1250")),
        ("cut.csv", ROWS.encode("utf-8")[:-3] + "É".encode()[:1]),
    ],
)
def test_a_file_of_another_encoding_is_refused_where_it_is(
    tmp_path: Path, name: str, data: bytes
) -> None:
    """A UTF-8 file with one stray byte, a Russian or a Polish Excel's file, a UTF-8 file cut
    inside a letter: read as Windows-1252, each had stored its names garbled ("Ã‰lodie",
    "Èâàí Ïåòðîâ"); each is refused at the byte that is not UTF-8."""
    path = tmp_path / name
    path.write_bytes(data)
    assert encoding_of(path) == "utf-8-sig"
    context = IngestContext(skip_errors=True)
    list(PeopleConnector().parse(path, context))
    assert any("not UTF-8" in str(problem) for problem in context.problems)


@pytest.mark.parametrize(
    "value",
    [
        "José Ñúñez;Producción",
        "Chef d’équipe;100 €",
        "N° badge 12;m² 2½",
        "„Straße“ 2024–2025",
        "QUALITÉ\xa0!;« Café »",
    ],
)
def test_western_spreadsheets_of_every_kind_are_read(tmp_path: Path, value: str) -> None:
    """A third reviewer's French, German and Spanish files, refused by the first version of the
    check: an apostrophe, a euro sign, a degree, German quotation marks, a capital before a
    no-break space."""
    path = tmp_path / "rows.csv"
    rows = ROWS + f"2;{value};x@acme.fr;Tech;Ops\n"
    path.write_bytes(rows.encode("cp1252"))
    assert encoding_of(path) == "cp1252"


def test_a_mac_roman_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(
        "id;name\n1;Élodie Fabre;Ingénieure études\n2;Jürgen Groß\n".encode("mac_roman")
    )
    assert encoding_of(path) == "utf-8-sig"


def test_excels_unicode_text_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode Text" export: UTF-16 with its byte order mark, tab-separated (a
    reviewer's file was refused as not UTF-8)."""
    path = tmp_path / "annuaire.txt"
    path.write_bytes(ROWS.replace(";", "\t").encode("utf-16"))
    context = IngestContext()
    people = [r for r in PeopleConnector().parse(path, context) if isinstance(r, PersonRecord)]
    assert [(p.ref.name, p.title) for p in people] == [("Élodie Fabre", "Ingénieure études")]
    assert not context.problems

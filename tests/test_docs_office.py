from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from connector_checks import (
    FIXTURES,
    assert_ingest_twice_adds_nothing,
    assert_rejected_store_unchanged,
    light_service,
)
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.docs import DocsConnector
from whoknows.records import ItemRecord
from whoknows.vocab import ContributionRole

OFFICE = FIXTURES / "docs-office"


def parse(context: IngestContext | None = None) -> dict[str, ItemRecord]:
    records = DocsConnector().parse(OFFICE, context or IngestContext())
    return {r.native_id: r for r in records if isinstance(r, ItemRecord)}


def roles(item: ItemRecord) -> list[tuple[str | None, str]]:
    return [(c.person.name, c.role) for c in item.contributions]


def test_pptx_slides_tables_notes_author_and_editor() -> None:
    deck = parse()["kafka-retro.pptx"]
    assert deck.title == "Kafka lag retrospective" and deck.tags == ["kafka", "consumers"]
    assert "Rebalance storms after 2.8 & the cooperative-sticky assignor" in deck.text
    assert "max.poll.interval.ms | 600000" in deck.text, "tables are read"
    assert "Mention the billing consumers too." in deck.text, "speaker notes are read"
    assert roles(deck) == [
        ("Łukasz Nowak", ContributionRole.AUTHOR),
        ("Inès Moreau", ContributionRole.EDITOR),
    ]
    assert deck.date is not None and deck.date.year == 2024


def test_xlsx_rows_and_no_editor_when_the_author_saved_last() -> None:
    sheet = parse()["kafka-capacity.xlsx"]
    assert "tracking | 6 | 480 | Tomás Ferreira" in sheet.text
    assert "Notes\nDisk usage above 70%" in sheet.text
    assert roles(sheet) == [("Tomás Ferreira", ContributionRole.AUTHOR)]


def test_hidden_xlsx_sheets_are_skipped_and_counted() -> None:
    context = IngestContext()
    sheet = parse(context)["kafka-capacity.xlsx"]
    assert "Lookup" not in sheet.text and "zebrafish" not in sheet.text
    assert context.skipped["docs: hidden spreadsheet sheet (not read)"] == 1


def test_odt_initial_creator_authors_and_creator_edits() -> None:
    odt = parse()["bascule-postgresql.odt"]
    assert odt.title == "Bascule PostgreSQL" and odt.tags == ["postgresql", "bascule"]
    assert "vérifier le retard de réplication & geler les déploiements" in odt.text
    assert "pg_ctl promote" in odt.text and "Astreinte\nŁukasz Nowak" in odt.text
    assert roles(odt) == [
        ("Inès Moreau", ContributionRole.AUTHOR),
        ("Łukasz Nowak", ContributionRole.EDITOR),
    ]


def test_odt_white_space_elements_are_white_space() -> None:
    """``text:tab``, ``text:s`` and ``text:line-break`` separate words; a footnote's mark and an
    annotation's author do not glue to the paragraph (their text comes apart)."""
    text = parse()["bascule-postgresql.odt"].text
    assert "Contrôler pg_stat_replication puis\ncouper les écritures." in text
    assert "Voir le calendrier des gels." in text and "À relire" in text
    assert "écritures1" not in text and "Nowak2024" not in text


def test_docx_tabs_and_breaks_of_any_kind_are_white_space() -> None:
    docx = parse()["restauration-postgresql.docx"]
    lines = docx.text.split("\n")
    assert "pg_restore --no-owner après création des rôles" in lines  # w:tab
    assert lines[lines.index("vérifier") + 1] == "pg_stat_replication"  # w:br w:type="page"
    assert "Søren\nréplication logique" in docx.text  # a column break in a table cell
    assert roles(docx) == [("Tomás Ferreira", ContributionRole.AUTHOR)]


def test_pptx_line_breaks_are_new_lines() -> None:
    deck = parse()["kafka-retro.pptx"]
    assert "Mention the billing consumers too.\nAsk Inès for the lag graphs." in deck.text


def test_generator_names_are_not_authors() -> None:
    context = IngestContext()
    report = parse(context)["export-report.xlsx"]
    assert report.contributions == []
    assert (
        context.notes["docs: export-report.xlsx names no author; credit it with --authors FILE"]
        == 1
    )


def test_ingest_twice_changes_no_row(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    assert_ingest_twice_adds_nothing(service, "docs", OFFICE)
    service.close()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("locked.docx", None, r"locked\.docx: password-protected \(encrypted\) \.docx document"),
        ("export.xlsx", b"<html><body><table><tr><td>x</td></tr></table></body></html>", ""),
    ],
)
def test_a_file_that_is_not_a_zip_says_what_it_is(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    """Office saves a password-protected file as an encrypted compound file (MS-CFB), not a
    zip; web applications save HTML tables as .xlsx."""
    folder = tmp_path / "docs"
    folder.mkdir()
    file = folder / name
    if content is None:
        shutil.copy(FIXTURES / "broken" / "docs-encrypted.docx", file)
    else:
        file.write_bytes(content)
    with pytest.raises(InputError) as raised:
        list(DocsConnector().parse(folder, IngestContext()))
    message = raised.value.one_line()
    assert re.search(reason or r"export\.xlsx: an HTML or XML file, not a \.xlsx", message)
    assert "zip file" not in message and "without a password" in message


def test_truncated_pptx_rejected_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("docs", OFFICE)
    folder = tmp_path / "docs"
    shutil.copytree(OFFICE, folder)
    shutil.copy(FIXTURES / "broken" / "docs-truncated.pptx", folder / "cut.pptx")
    assert_rejected_store_unchanged(
        service, "docs", folder, r"cut\.pptx:byte \d+: unreadable \.pptx document"
    )
    service.close()


def test_a_docx_with_a_part_of_another_shape_says_so_in_the_readers_words(
    tmp_path: Path,
) -> None:
    """A fresh evaluator's damaged .docx was refused with the library's own words: "unreadable
    .docx document ('lxml.etree._Element' object has no attribute 'overrides')"."""
    import zipfile

    import docx

    whole, folder = tmp_path / "whole.docx", tmp_path / "docs"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("Modbus RTU: check the termination resistors first.")
    document.save(str(whole))
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(folder / "cut.docx", "w") as damaged:
        for name in source.namelist():
            part = b'<?xml version="1.0"?><Types/>' if name == "[Content_Types].xml" else None
            damaged.writestr(name, part or source.read(name))
    with pytest.raises(InputError) as raised:
        list(DocsConnector().parse(folder, IngestContext()))
    message = raised.value.one_line()
    assert "cut.docx: unreadable .docx document: a part of it is damaged or missing" in message
    assert "lxml" not in message and "attribute" not in message


def test_a_placeholder_authors_document_is_its_last_writers(tmp_path: Path) -> None:
    """A fresh evaluator's "Grafana dashboards guide.docx" (author "Microsoft Office User",
    last saved by Emily Stone) was credited to no one: `ask` said nobody knew its subject."""
    import docx

    folder = tmp_path / "docs"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("Golden signals dashboards: latency, traffic, errors, saturation.")
    props = document.core_properties
    props.author, props.last_modified_by = "Microsoft Office User", "Emily Stone"
    document.save(str(folder / "Grafana dashboards guide.docx"))
    context = IngestContext()
    (item,) = list(DocsConnector().parse(folder, context))
    assert [(c.person.name, c.role) for c in item.contributions] == [
        ("Emily Stone", ContributionRole.AUTHOR)
    ]
    assert not context.notes
    # (French Office's placeholder is no person either: an attacker's ranked first)
    props.author = props.last_modified_by = "Utilisateur de Microsoft Office"
    document.save(str(folder / "Grafana dashboards guide.docx"))
    (item,) = list(DocsConnector().parse(folder, IngestContext()))
    assert item.contributions == []


def test_an_author_written_last_name_first_is_one_person(tmp_path: Path) -> None:
    """An MRO shop's spreadsheets and reports, written by "Bergeron, Luc" and saved by "Le
    Gall, Yann", made four people of two ("Bergeron", "Luc", …); a keywords field's commas
    still part its tags."""
    from office_fixtures import write_paragraphs

    folder = tmp_path / "docs"
    folder.mkdir()
    write_paragraphs(
        folder / "etalonnage.docx",
        ["Étalonnage des clés dynamométriques : banc Norbar, tolérance 4 %."],
        "Bergeron, Luc",
        last_saved_by="Le Gall, Yann",
    )
    (item,) = list(DocsConnector().parse(folder, IngestContext()))
    assert [c.person.name for c in item.contributions] == ["Luc Bergeron", "Yann Le Gall"]
    from whoknows.ingest._office import split_authors

    assert split_authors("kafka, lag") == ["kafka", "lag"]


def test_a_generators_template_date_is_no_date(tmp_path: Path) -> None:
    """A fresh evaluator's Word and PowerPoint files, made with python-docx and python-pptx,
    were all read as written in 2013 (the blank templates' dates): their writers' profiles
    said "contributed since January 2013". Such a date is none, the file's is taken."""
    import os
    from datetime import UTC, datetime

    import docx
    import pptx

    folder = tmp_path / "docs"
    folder.mkdir()
    word = docx.Document()
    word.core_properties.author = "Marc Dufour"
    word.add_paragraph("La recette de chauffe du four pour le 42CrMo4 est à 1230 °C.")
    word.save(str(folder / "four.docx"))
    slides = pptx.Presentation()
    slides.core_properties.author = "Marc Dufour"
    slide = slides.slides.add_slide(slides.slide_layouts[5])
    slide.shapes.title.text = "Four à induction : contrôle des réfractaires chaque semaine"
    slides.save(str(folder / "four.pptx"))
    written = datetime(2025, 3, 4, 10, 0, tzinfo=UTC).timestamp()
    for file in folder.iterdir():
        os.utime(file, (written, written))
    dates = {i.native_id: i.date for i in DocsConnector().parse(folder, IngestContext())}
    assert dates == {"four.docx": datetime(2025, 3, 4, 10, 0, tzinfo=UTC)} | {
        "four.pptx": datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    }


def test_the_generators_template_saver_is_no_editor(tmp_path: Path) -> None:
    """A fresh evaluator's decks, made with python-pptx, listed "Steve Canny" among the
    people: who last saved its blank template, not an editor of theirs. A deck saved since by
    someone else names them."""
    import pptx

    folder = tmp_path / "docs"
    folder.mkdir()
    slides = pptx.Presentation()
    slides.core_properties.author = "Pierre Lefèvre"
    slide = slides.slides.add_slide(slides.slide_layouts[5])
    slide.shapes.title.text = "Formation stratifiés composites : critère de Tsai-Wu"
    slides.save(str(folder / "composites.pptx"))
    (item,) = list(DocsConnector().parse(folder, IngestContext()))
    assert [c.person.name for c in item.contributions] == ["Pierre Lefèvre"]
    slides.core_properties.last_modified_by = "Sarah Mercier"
    slides.save(str(folder / "composites.pptx"))
    (item,) = list(DocsConnector().parse(folder, IngestContext()))
    assert [c.person.name for c in item.contributions] == ["Pierre Lefèvre", "Sarah Mercier"]

"""The Office fixtures of the docs connector: DOCX, PPTX, XLSX and ODT files with metadata
authors.
Run this file to rewrite tests/fixtures/docs-office/ and tests/fixtures/broken/."""

from __future__ import annotations

import struct
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent / "fixtures"
ODF_TEXT = "application/vnd.oasis.opendocument.text"
ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
<office:body><office:text>
<text:h text:outline-level="1">Procédure de bascule PostgreSQL</text:h>
<text:p>Avant la bascule, vérifier le retard de réplication &amp; geler les déploiements.</text:p>
<text:p>Promouvoir la réplique avec <text:span>pg_ctl promote</text:span>, puis repointer
PgBouncer.</text:p>
<text:p>Contrôler<text:tab/>pg_stat_replication<text:s text:c="3"/>puis\
<text:line-break/>couper les écritures\
<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>\
<text:note-body><text:p>Voir le calendrier des gels.</text:p></text:note-body></text:note>\
<office:annotation><dc:creator>Łukasz Nowak</dc:creator><dc:date>2024-03-01T16:40:00</dc:date>\
<text:p>À relire</text:p></office:annotation>.</text:p>
<table:table table:name="Contacts"><table:table-row><table:table-cell><text:p>Astreinte</text:p>
</table:table-cell><table:table-cell><text:p>Łukasz Nowak</text:p></table:table-cell>
</table:table-row></table:table>
</office:text></office:body></office:document-content>
"""
ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
<office:meta>
<meta:generator>LibreOffice/7.6.4.1$Linux_X86_64</meta:generator>
<dc:title>Bascule PostgreSQL</dc:title>
<meta:initial-creator>Inès Moreau</meta:initial-creator>
<meta:creation-date>2024-02-12T09:15:00.123456789</meta:creation-date>
<dc:creator>Łukasz Nowak</dc:creator>
<dc:date>2024-03-01T16:40:00.5</dc:date>
<meta:keyword>postgresql</meta:keyword><meta:keyword>bascule</meta:keyword>
</office:meta></office:document-meta>
"""


def write_odt(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODF_TEXT)  # first and stored, as ODF asks
        archive.writestr("content.xml", ODT_CONTENT, zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", ODT_META, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODF_TEXT}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
            zipfile.ZIP_DEFLATED,
        )


def write_pptx(path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Kafka consumer lag: what we learned"
    slide.placeholders[1].text = "Rebalance storms after 2.8 & the cooperative-sticky assignor"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(4), Inches(6), Inches(1)).table
    for (row, col), value in {
        (0, 0): "Setting",
        (0, 1): "Value",
        (1, 0): "max.poll.interval.ms",
        (1, 1): "600000",
    }.items():
        table.cell(row, col).text = value
    notes = "Mention the billing consumers too.\vAsk Inès for the lag graphs."  # \v: a:br
    slide.notes_slide.notes_text_frame.text = notes
    props = deck.core_properties
    props.author, props.last_modified_by = "Łukasz Nowak", "Inès Moreau"
    props.title, props.keywords = "Kafka lag retrospective", "kafka, consumers"
    props.created = datetime(2024, 3, 8, 14, 0, 0)
    deck.save(str(path))


def write_docx(path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading("Restauration PostgreSQL", level=1)
    steps = document.add_paragraph()
    steps.add_run("pg_restore --no-owner").add_tab()  # <w:tab/>
    steps.add_run("après création des rôles").add_break()  # <w:br/>
    steps.add_run("vérifier").add_break(WD_BREAK.PAGE)  # <w:br w:type="page"/>
    steps.add_run("pg_stat_replication")
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    cell.text = "Søren"
    cell.paragraphs[0].runs[0].add_break(WD_BREAK.COLUMN)
    cell.paragraphs[0].add_run("réplication logique")
    document.core_properties.author = "Tomás Ferreira"
    document.core_properties.title = "Restauration PostgreSQL"
    document.core_properties.created = datetime(2024, 2, 1, 9, 0, 0)
    document.save(str(path))


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Capacity"
    sheet.append(["Cluster", "Brokers", "Partitions", "Owner"])
    sheet.append(["tracking", 6, 480, "Tomás Ferreira"])
    sheet.append(["billing", 3, 96, "Łukasz Nowak"])
    book.create_sheet("Notes").append(["Disk usage above 70% triggers the expansion runbook"])
    lookup = book.create_sheet("Lookup")  # a hidden sheet: data the author chose not to show
    lookup.append(["broker-id", "rack", "zebrafish-secret"])
    lookup.sheet_state = "hidden"
    book.properties.creator = "Tomás Ferreira"
    book.properties.lastModifiedBy = "Tomás Ferreira"  # the same person: no editor
    book.properties.title = "Kafka capacity plan"
    book.properties.created = datetime(2024, 1, 20, 8, 30, 0)
    book.save(str(path))


def write_placeholder_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()  # openpyxl's default creator is "openpyxl": not a person
    book.active.append(["generated report", 1])
    book.save(str(path))


def _ole_entry(name: str, kind: int, child: int = -1, right: int = -1) -> bytes:
    """A 128-byte directory entry of a compound file (MS-CFB 2.6): empty streams only."""
    encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
    none = 0xFFFFFFFF
    siblings = struct.pack("<III", none, right & none, child & none)
    size = struct.pack("<IQ", 0xFFFFFFFE if name else 0, 0)  # start sector, stream size
    head = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
    return head + siblings + bytes(16 + 4 + 16) + size


def write_encrypted_docx(path: Path) -> None:
    """What Office saves for a password-protected .docx: not a zip but a compound file whose
    streams are EncryptionInfo and EncryptedPackage (here empty: only the layout is real)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:34] = struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)[:8] + struct.pack("<H", 6)
    header[44:76] = struct.pack("<IIIIIIII", 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header[76:512] = struct.pack("<I", 0) + b"\xff" * 432  # the FAT is sector 0
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE).ljust(512, b"\xff")
    directory = (
        _ole_entry("Root Entry", 5, child=1)
        + _ole_entry("EncryptionInfo", 2, right=2)
        + _ole_entry("EncryptedPackage", 2)
        + _ole_entry("", 0)
    )
    path.write_bytes(bytes(header) + fat + directory)


def write(folder: Path = HERE / "docs-office") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_odt(folder / "bascule-postgresql.odt")
    write_docx(folder / "restauration-postgresql.docx")
    write_pptx(folder / "kafka-retro.pptx")
    write_xlsx(folder / "kafka-capacity.xlsx")
    write_placeholder_xlsx(folder / "export-report.xlsx")
    (HERE / "broken").mkdir(exist_ok=True)
    write_encrypted_docx(HERE / "broken" / "docs-encrypted.docx")
    data = (folder / "kafka-retro.pptx").read_bytes()
    (HERE / "broken" / "docs-truncated.pptx").write_bytes(data[: len(data) // 2])


if __name__ == "__main__":
    write()


def write_paragraphs(
    path: Path, paragraphs: list[str], creator: str, last_saved_by: str | None = None
) -> None:
    """A Word file of ``paragraphs`` whose metadata names its creator and who saved it last."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.core_properties.author = creator
    if last_saved_by:
        document.core_properties.last_modified_by = last_saved_by
    document.save(str(path))

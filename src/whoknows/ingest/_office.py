"""Office document readers for the docs connector: DOCX, PPTX, XLSX and OpenDocument.

Each returns a :class:`Document` with the authors its metadata names (core properties
``creator``, ODF ``meta:initial-creator``) and, apart, who saved it last (``lastModifiedBy``,
ODF ``dc:creator``): the docs connector records the latter as an editor.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.text import normalize_space, parse_date

MAX_ROWS = 5000  # rows read per spreadsheet sheet; the rest is data, not prose
# names that document generators and unconfigured installs write instead of a person's
PLACEHOLDER_AUTHORS = frozenset(
    {
        "python-docx",
        "python-pptx",
        "openpyxl",
        "microsoft office user",
        "utilisateur de microsoft office",
        "usuario de microsoft office",
        "utente di microsoft office",
        "microsoft office-benutzer",
        "utilisateur windows",
        "unknown",
        "author",
        "user",
        "admin",
        "administrator",
        "windows user",
        # (a computer's owner as its maker or Windows set it up: an attacker's "Valued
        # Customer" and "Utilisateur" were first and second for chlorination)
        "hp authorized customer",
        "valued customer",
        "authorized user",
        "owner",
        "propriétaire",
        "proprietaire",
        "utilisateur",
        "administrateur",
        "auteur",
        "inconnu",
        "libreoffice",
        "default",
    }
)
_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_TEXT = f"{{{_NS['text']}}}"
_ODF_BLOCKS = {f"{_TEXT}p", f"{_TEXT}h"}
# white space written as elements; and what a paragraph holds that is not its text (a note's
# paragraphs come out as paragraphs of their own, its citation mark would glue to a word)
_ODF_SPACES = {f"{_TEXT}s": " ", f"{_TEXT}tab": "\t", f"{_TEXT}line-break": "\n"}
_ODF_APART = {f"{_TEXT}note", f"{{{_NS['office']}}}annotation", *_ODF_BLOCKS}
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# a run's inner elements and their text; python-docx drops page and column breaks, gluing the
# words around them
_DOCX_RUN = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_DOCX_RUN[f"{_W}noBreakHyphen"] = "-"


@dataclass
class Document:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)  # who saved it last
    date: datetime | None = None
    tags: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # parts left out on purpose, with why
    links_only: bool = False  # a page of links and headings: others' writing passed on


# one person written last name first, as Office writes its users ("Bergeron, Luc", "Le Gall,
# Yann"): an MRO shop's spreadsheets had made "Bergeron" and "Luc" two people
_LAST_FIRST = re.compile(
    r"\s*((?:(?i:le|la|de|du|des|del|della|di|da|dos|van|von|ter|mac|el|al|ben|st)\s+)?"
    r"[^\W\d_][\w'’-]*)\s*,\s*([^\W\d_][\w'’-]*)\s*"
)


def split_authors(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [a.strip() for a in re.split(r"\s*[;,]\s*|\s+and\s+", str(value)) if a.strip()]


def file_authors(value: object) -> list[str]:
    """A file's author property: one person written last name first ("Bergeron, Luc"), as
    Office and the PDFs it writes give their users, else :func:`split_authors`."""
    if isinstance(value, str) and (one := _LAST_FIRST.fullmatch(value)) is not None:
        return [f"{one[2]} {one[1]}"]
    return split_authors(value)


# a company's legal form ending a name ("Microsoft Corporation", "Presstec GmbH"): a vendor's
# deck or manual names its publisher as its author, no person of the organisation
_COMPANY = re.compile(
    r"(?:^|\s)(?:(?i:corporation|corp|inc|incorporated|ltd|limited|llc|llp|gmbh|sarl|sasu|plc|oyj?|"
    r"asa|s\.a\.s\.?)\.?|SA|SAS|SE|AG|KG|AB|BV|B\.V\.|NV|N\.V\.|S\.A\.|S\.p\.A\.|SpA|S\.r\.l\.|"
    r"A/S|ApS|AS|Co\.)(?:\s+\(publ\))?$"
)


# a unit of an organisation ("Direction des systèmes d'information", "Service juridique",
# "Pôle numérique", "Department of Public Works", "IT Department"): a regional council's IT
# charter, whose HTML author is its IT directorate, made that a person in five answers
_UNIT = re.compile(
    r"^(?:direction|service|d[ée]partement|p[ôo]le|bureau|cellule|mission|division|"
    r"secr[ée]tariat|sous-direction|d[ée]l[ée]gation|department|office|directorate)"
    r"\s+(?:de|des|du|d['’]|of|the|juridique|informatique|num[ée]rique|technique|"
    r"g[ée]n[ée]ral[e]?|communication|financi[eè]re?s?|achats|rh)\b|"
    r"\b(?:department|directorate|division)$",
    re.IGNORECASE,
)


def is_someone(name: str) -> bool:
    """Whether a metadata author may be a person: no placeholder, no company, no unit of an
    organisation."""
    lowered = name.lower()
    return (
        lowered not in PLACEHOLDER_AUTHORS and not _COMPANY.search(name) and not _UNIT.search(name)
    )


def people(value: object) -> list[str]:
    """Author names from a metadata field, placeholders such as "python-docx" and companies
    ("Microsoft Corporation") left out."""
    found: list[str] = []
    for name in file_authors(value):
        if _COMPANY.fullmatch(" " + name) and found:
            found.pop()  # ("Banco Santander, S.A.": one company, split at its comma)
        elif is_someone(name):
            found.append(name)
    return found


# the dates document generators' blank templates carry, whenever a document is made from
# them (python-docx's and python-pptx's): no date of the document's, which is dated by its file
PLACEHOLDER_DATES = frozenset({"2013-12-23T23:15:00", "2013-01-27T09:14:16"})
# who last saved such a blank template (python-pptx's carries its maintainer's name): no editor
# of a document made from it (an aerospace firm's two decks listed him among its people)
TEMPLATE_EDITORS = frozenset({"steve canny"})


def _core(props: Any, text: str) -> Document:
    """A document from OOXML core properties (python-docx, python-pptx, openpyxl)."""
    created = props.created
    template = bool(created) and created.replace(tzinfo=None).isoformat() in PLACEHOLDER_DATES
    created = None if template else created
    authors = people(getattr(props, "creator", None) or getattr(props, "author", None))
    last = getattr(props, "last_modified_by", None) or getattr(props, "lastModifiedBy", None)
    editors = [e for e in people(last) if e not in authors]
    if template:
        editors = [e for e in editors if e.lower() not in TEMPLATE_EDITORS]
    return Document(
        text=normalize_space(text),
        title=props.title or None,
        authors=authors,
        editors=editors,
        date=parse_date(created.isoformat()) if created else None,
        tags=split_authors(props.keywords),
    )


ZIPPED = (".docx", ".pptx", ".xlsx", ".odt", ".ods", ".odp")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file (MS-CFB)
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of an encrypted OOXML file


NOT_A_ZIP_HINT = N_(
    "save it as a %(suffix)s file without a password, or rerun with --skip-errors to skip it"
)


def not_a_zip(path: Path) -> str | None:
    """Why an Office file that is a compound file or markup rather than a zip cannot be read
    (a template of the catalogue with ``%(suffix)s``): Office saves a password-protected
    .docx/.xlsx/.pptx as a compound file holding it encrypted (an ``EncryptedPackage``
    stream; the legacy .doc/.xls/.ppt are compound files too), and web applications save HTML
    tables as ".xlsx"; None when it is neither."""
    if path.suffix.lower() not in ZIPPED:
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(512)
            if header[:8] != OLE_SIGNATURE:
                start = header.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
                kind = N_("an HTML or XML file, not a %(suffix)s (zip) document")
                return kind if start == b"<" else None
            shift = int.from_bytes(header[30:32], "little")
            sector = 1 << shift if 9 <= shift <= 12 else 512
            handle.seek((int.from_bytes(header[48:52], "little") + 1) * sector)
            directory = handle.read(sector)  # the first entries: the encrypted stream's
    except OSError:
        return None
    if _ENCRYPTED in directory:
        return N_("password-protected (encrypted) %(suffix)s document")
    return N_("password-protected or legacy binary Office file, not a %(suffix)s (zip) document")


def zip_damage(path: Path) -> tuple[Position, str] | None:
    """Where and how the zip container of an Office file is broken (a template of the
    catalogue with ``%(suffix)s`` and ``%(error)s``); None if it is sound."""
    if path.suffix.lower() not in ZIPPED:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except zipfile.BadZipFile:
        size = path.stat().st_size
        return Position.byte(size), N_(
            "unreadable %(suffix)s document: truncated or not a zip file (%(error)s)"
        )
    if bad is not None:
        return Position.named(f"entry {bad}"), N_(
            "unreadable %(suffix)s document: corrupt zip entry (%(error)s)"
        )
    return None


def read_docx(path: Path) -> Document:
    import docx

    document = docx.Document(str(path))
    paragraphs = [_docx_paragraph(p) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = ("\n".join(_docx_paragraph(p) for p in cell.paragraphs) for cell in row.cells)
            paragraphs.append(" | ".join(cells))
    return _core(document.core_properties, "\n".join(paragraphs))


def _docx_paragraph(paragraph: Any) -> str:
    """A paragraph's text, its runs' tabs and breaks (of any kind) kept as white space."""
    parts: list[str] = []
    for run in paragraph._p.xpath("./w:r | ./w:hyperlink/w:r"):
        for element in run:
            text = element.text if element.tag == f"{_W}t" else _DOCX_RUN.get(element.tag)
            parts.append(text or "")
    return "".join(parts)


def read_pptx(path: Path) -> Document:
    """Slide text (text boxes, tables, grouped shapes) and speaker notes."""
    from pptx import Presentation

    presentation = Presentation(str(path))
    lines: list[str] = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            lines.extend(_shape_text(shape))
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            lines.append(_lines(slide.notes_slide.notes_text_frame.text))
        lines.append("")
    return _core(presentation.core_properties, "\n".join(lines))


def _shape_text(shape: Any) -> list[str]:
    if getattr(shape, "shapes", None) is not None:  # a group
        return [line for child in shape.shapes for line in _shape_text(child)]
    if getattr(shape, "has_table", False):
        return [" | ".join(_lines(cell.text) for cell in row.cells) for row in shape.table.rows]
    if getattr(shape, "has_text_frame", False):
        return [_lines(shape.text_frame.text)]
    return []


def _lines(text: str) -> str:
    """python-pptx writes a line break (``a:br``) as a vertical tab: a new line here."""
    return text.replace("\v", "\n")


def read_xlsx(path: Path) -> Document:
    """Sheet names and cell values, one line a row, up to MAX_ROWS rows a sheet; hidden sheets
    (lookup tables, scratch data, what the author chose not to show) are left out."""
    from openpyxl import load_workbook

    workbook = load_workbook(str(path), read_only=True, data_only=True)
    try:
        lines: list[str] = []
        skipped: list[str] = []
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                skipped.append(N_("docs: hidden spreadsheet sheet (not read)"))
                continue
            lines.append(f"{sheet.title}")
            for count, row in enumerate(sheet.iter_rows(values_only=True)):
                if count >= MAX_ROWS:
                    break
                cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append(" | ".join(cells))
            lines.append("")
        document = _core(workbook.properties, "\n".join(lines))
        document.skipped = skipped
        return document
    finally:
        workbook.close()


def read_odf(path: Path) -> Document:
    """OpenDocument text, spreadsheet or presentation: paragraphs and headings of
    content.xml, metadata of meta.xml (initial creator = author, creator = last editor)."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise ValueError("no content.xml: not an OpenDocument file")
        with archive.open("content.xml") as handle:
            lines = [
                _odf_text(element)
                for _, element in ET.iterparse(handle, events=("end",))
                if element.tag in _ODF_BLOCKS
            ]
        meta = ET.fromstring(archive.read("meta.xml")) if "meta.xml" in names else None

    def field_text(tag: str) -> str | None:
        node = meta.find(f".//{tag}", _NS) if meta is not None else None
        return node.text.strip() if node is not None and node.text else None

    keywords = [] if meta is None else meta.findall(".//meta:keyword", _NS)
    creator = field_text("dc:creator")
    authors = people(field_text("meta:initial-creator") or creator)
    created = field_text("meta:creation-date")
    return Document(
        text=normalize_space("\n".join(lines)),
        title=field_text("dc:title"),
        authors=authors,
        editors=[e for e in people(creator) if e not in authors],
        date=parse_date(created) if created else None,
        tags=[k.text.strip() for k in keywords if k.text and k.text.strip()],
    )


def _odf_text(element: ET.Element) -> str:
    """A paragraph's or a span's text: ``text:s``, ``text:tab`` and ``text:line-break`` as the
    white space they stand for, and white space in the XML collapsed to one space, as ODF
    says; nested paragraphs, notes and annotations left out (they are read on their own)."""
    parts = [_XML_SPACE.sub(" ", element.text or "")]
    for child in element:
        if child.tag in _ODF_SPACES:
            parts.append(_ODF_SPACES[child.tag])
        elif child.tag not in _ODF_APART:
            parts.append(_odf_text(child))
        parts.append(_XML_SPACE.sub(" ", child.tail or ""))
    return "".join(parts)

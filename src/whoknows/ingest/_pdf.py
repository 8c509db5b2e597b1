"""PDF documents: their text and metadata (pypdfium2), and where a damaged one is broken."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._office import Document, file_authors, split_authors
from whoknows.text import normalize_space, parse_date

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")
PDF_PADDING = 65536  # bytes read at a PDF's end for its last "%%EOF"
# what follows the last "%%EOF" in an update cut short (an object, a stream, a table); a
# comment, a DOS end-of-file byte or a web server's page after it leave the PDF whole
_UPDATE = re.compile(rb"\d+ \d+ obj\b|\bstream\b|\bxref\b|\btrailer\b")


def pdf_damage(path: Path) -> tuple[Position, str] | None:
    """Where a PDF is broken, when its bytes say it: no "%PDF-" header (another kind of
    file), or no "%%EOF" near its end or an update begun after the last (cut short while
    downloading or copying: a hospital's evaluator's truncated PDF had been named without a
    position, and an attacker's, cut inside an update appended to a whole one, was read
    without that update)."""
    if path.suffix.lower() != ".pdf":
        return None
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, size - PDF_PADDING))
        tail = handle.read()
    if b"%PDF-" not in head:
        return Position.byte(0), N_("not a PDF document: it does not begin with %%PDF-")
    end = tail.rfind(b"%%EOF")
    if end < 0 or _UPDATE.search(tail, end):
        return Position.byte(size), N_(
            "unreadable %(suffix)s document: it ends before its end marker (%%%%EOF), cut short"
            " while downloading or copying; download or copy it again"
        )
    return None


def _pdf_date(value: str | None) -> datetime | None:
    match = _PDF_DATE.match(value or "")
    if not match:
        return None
    parts = [p or "01" for p in match.groups()[:3]] + [p or "00" for p in match.groups()[3:]]
    return parse_date(f"{parts[0]}-{parts[1]}-{parts[2]}T{parts[3]}:{parts[4]}:{parts[5]}")


def read_pdf(path: Path) -> Document:
    import pypdfium2 as pdfium

    if pdf_damage(path) is not None:  # (a reader may read a PDF cut short, less its end)
        raise ValueError("a damaged PDF")
    pdf = pdfium.PdfDocument(path)
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range())
            text_page.close()
            page.close()
    finally:
        pdf.close()
    return Document(
        text=normalize_space("\n".join(pages)),
        title=meta.get("Title"),
        authors=file_authors(meta.get("Author")),
        date=_pdf_date(meta.get("CreationDate")),
        tags=split_authors(meta.get("Keywords")),
    )


__all__ = ["pdf_damage", "read_pdf"]

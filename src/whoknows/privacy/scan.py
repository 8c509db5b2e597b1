"""`whoknows privacy scan`: look for a person in every file whoknows wrote in a workspace.

The rule: only files whoknows itself writes are searched (:data:`WRITTEN`): the database with
its WAL (raw bytes, so deleted rows left in free pages count), the index folders (lexical,
dense, learned model), reports (those written with ``report --out`` elsewhere too, inside
the workspace or outside it: :mod:`whoknows.privacy.report_manifest` lists them), logs and
caches. A name of two words or more is also looked for as file names and logins write it
("noah-becker", "noah_becker", "noah.becker", "noahbecker": :func:`joined_forms`). Source
exports a user keeps in the workspace are not (the demo's ``sample-org/`` folder among them),
nor secret files (:data:`SECRETS`).
Matching folds case and accents. In raw bytes (the database packs a row's fields with no
separator: "jsonlRaj Patel") any occurrence counts; in text read from a file's format (PDF
pages through pypdfium2, the XML inside PPTX/DOCX/XLSX, decoded JSON) whole words only.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.index.lexical_pairs import CODES_FILE, pair_code, words_held
from whoknows.privacy.mentions import fold
from whoknows.privacy.report_manifest import present, shown_path, written_reports

if TYPE_CHECKING:
    from whoknows.index.lexical import LexicalIndex

DATABASE = "whoknows.sqlite3"
TERMS_FILE = "terms.bin"  # index/lexical.py's terms
WRITTEN = (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", f"{DATABASE}-journal")
WRITTEN_FOLDERS = ("index", "models", "reports", "logs", "cache", ".cache")
SECRETS = frozenset({"secret.key"})
_TEXT_RUN = re.compile(
    rb"(?:[\t\n\r\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf]{3}){3,}"
)
_DATA_URI = re.compile(rb"data:[\w/+.\-]+;base64,[A-Za-z0-9+/=\s]+")
_ZIPPED = {".pptx", ".docx", ".xlsx", ".odt", ".odp"}
_PARAGRAPH_END = re.compile(r"</(?:a|w|text):p>")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ScanHit:
    path: str
    where: str  # "offset 1234", "page 2", "ppt/slides/slide1.xml"
    term: str
    excerpt: str

    def one_line(self) -> str:
        return f"{shown_path(self.path)} ({self.where}): {self.term!r} in …{self.excerpt}…"


def written_files(workspace: Path) -> list[Path]:
    """The files whoknows wrote in ``workspace`` (see :data:`WRITTEN`), with the reports it
    wrote in other folders, in the workspace or outside it (listed by
    :mod:`whoknows.privacy.report_manifest`), that are still there as plain files (a symlink
    put in the place of one is not followed)."""
    files = [workspace / name for name in WRITTEN if (workspace / name).is_file()]
    for folder in WRITTEN_FOLDERS:
        if (workspace / folder).is_dir():
            files += sorted(p for p in (workspace / folder).rglob("*") if p.is_file())
    files += sorted(workspace.glob("*.log"))
    listed = (entry.path for entry in written_reports(workspace) if present(entry))
    files += [p for p in listed if p not in files]
    return [p for p in files if p.name not in SECRETS]


def file_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) pieces of a file, the way the scan reads it; raw byte runs are the pieces
    whose ``where`` starts with "offset"."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        yield from _pdf_texts(path)
        return
    if suffix in _ZIPPED and zipfile.is_zipfile(path):
        yield from _zip_texts(path)
        return
    if path.name == TERMS_FILE and (terms := _vocabulary(path)) is not None:
        yield "terms", terms
        return
    data = path.read_bytes()
    if suffix in {".html", ".htm", ".svg"}:  # (base64 images hold any letters: "…ikaco…")
        data = _DATA_URI.sub(b"data:", data)
    for match in _TEXT_RUN.finditer(data):
        yield f"offset {match.start()}", match.group().decode("utf-8", "replace")
    if suffix == ".json":
        try:
            decoded = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return
        yield "decoded JSON", json.dumps(decoded, ensure_ascii=False)


def _vocabulary(path: Path) -> str | None:
    """The lexical index's terms, a line each: its file holds them end to end, where a raw
    search finds "smith" inside "blacksmith"; None when the file and its offsets disagree
    (the file is then read raw)."""
    from whoknows.index.lexical import SortedVocabulary

    try:
        vocabulary = SortedVocabulary.read(path.parent)
        offsets = vocabulary.offsets
        if offsets.ndim != 1 or offsets.size != len(vocabulary) + 1:
            return None
        if offsets[0] != 0 or offsets[-1] != vocabulary.blob.size or np.any(np.diff(offsets) < 0):
            return None
        return "\n".join(vocabulary)
    except (OSError, EOFError, ValueError):
        return None


def _pdf_texts(path: Path) -> Iterator[tuple[str, str]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        for number in range(len(document)):
            page = document[number]
            yield f"page {number + 1}", page.get_textpage().get_text_range()
    finally:
        document.close()
    yield from ((w, t) for w, t in _raw_runs(path))


def _raw_runs(path: Path) -> Iterator[tuple[str, str]]:
    for match in _TEXT_RUN.finditer(path.read_bytes()):
        yield f"offset {match.start()}", match.group().decode("utf-8", "replace")


def _zip_texts(path: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            raw = archive.read(member).decode("utf-8", "replace")
            yield member, raw
            if member.endswith(".xml"):
                text = _TAG.sub("", _PARAGRAPH_END.sub(" ", raw))
                yield f"{member} text", html.unescape(text)


def find_terms(text: str, terms: list[str], whole_words: bool = True) -> Iterator[tuple[str, str]]:
    """(term, excerpt) for each case- and accent-folded occurrence."""
    folded = fold(unquote(text) if "%" in text else text)  # ("In%C3%A8s" is "Inès")
    for term in terms:
        key = fold(term).strip()
        if not key:
            continue
        pattern = rf"(?<!\w){re.escape(key)}(?!\w)" if whole_words else re.escape(key)
        for match in re.finditer(pattern, folded):
            start, end = max(0, match.start() - 30), match.end() + 30
            yield term, " ".join(folded[start:end].split())


def _pair_hits(path: Path, indexed: list[str]) -> list[ScanHit]:
    """Each pair of two words of a name of ``indexed`` (as the index writes them), in either
    order ("Schmidt, Luka"), held by an item of the lexical index: its code among the item's
    pair codes and both words among its terms (a pair of words always leaves both; another
    pair with the same code does not make a hit). Of an index that does not open, the codes
    alone are looked for."""
    from whoknows.index.lexical import LexicalIndex

    index: LexicalIndex | None
    try:
        index = LexicalIndex.load(path.parent)
    except IndexStateError:
        index = None
    try:
        if index is None:
            codes = np.load(path, mmap_mode="r", allow_pickle=False)
        else:
            codes = index.pairs.codes
        hits = []
        for name in indexed:
            for first, second in dict.fromkeys(permutations(name.split(), 2)):
                code = pair_code(first, second)
                if _holds_pair(index, np.asarray(codes), code, first, second):
                    excerpt = f"the code of the neighbouring words '{first} {second}'"
                    hits.append(ScanHit(str(path), "pair code", name, excerpt))
    except (OSError, EOFError, ValueError, TypeError) as error:
        return [ScanHit(str(path), "unreadable", "", str(error) or type(error).__name__)]
    return hits


def _holds_pair(
    index: LexicalIndex | None, codes: np.ndarray, code: int, first: str, second: str
) -> bool:
    """Whether an item holds the pair ``first second`` (only its code, without an index)."""
    places = np.flatnonzero(codes == code)
    if index is None or not places.size:
        return bool(places.size)
    columns = [index.vocabulary.get(first), index.vocabulary.get(second)]
    if None in columns:
        return False
    rows = np.unique(np.searchsorted(index.pairs.offsets, places, side="right") - 1)
    weights = index.weights
    held = words_held(weights.indices, weights.indptr, rows, np.asarray(columns, dtype=np.int64))
    return bool((held[0] & held[1]).any())


SOLID_WORDS = 4  # (a name written solid, "noahbecker", only from words this long)


def joined_forms(terms: list[str]) -> list[str]:
    """``terms`` with each name of two words or more also written as file names, folders,
    logins and addresses write it: "Noah Becker" as noah-becker, noah_becker, noah.becker and
    noahbecker (an export kept per person, "exports/noah-becker/"); solid only when each word
    has :data:`SOLID_WORDS` letters ("Li Ne" would find "online")."""
    found = list(terms)
    for term in terms:
        words = fold(term).split()
        if len(words) < 2 or "@" in term:
            continue
        found += [joiner.join(words) for joiner in ("-", "_", ".")]
        if min(map(len, words)) >= SOLID_WORDS:  # ("Ana Lys" is no "analysis": a reviewer's)
            found.append("".join(words))
    return list(dict.fromkeys(found))


def scan_workspace(
    workspace: Path,
    terms: list[str],
    indexed: list[str] | None = None,
    named: list[str] | None = None,
) -> list[ScanHit]:
    """Every place a whoknows file in ``workspace`` holds one of ``terms``; in the index
    folders, also one of ``indexed`` (the terms as the lexical index writes them: stems), and
    the code of each pair of neighbouring words of ``named`` (the same, without what is not
    the person's own: an address's domain)."""
    hits: list[ScanHit] = []
    terms = joined_forms(terms)
    keys = {fold(term).strip() for term in terms}
    in_index = terms + [term for term in indexed or [] if fold(term).strip() not in keys]
    for path in written_files(workspace):
        try:
            pieces = list(file_texts(path))
        except (OSError, zipfile.BadZipFile, ValueError) as error:
            hits.append(ScanHit(str(path), "unreadable", "", str(error)))
            continue
        in_index_folder = path.is_relative_to(workspace / "index")
        if in_index_folder and path.name == CODES_FILE:
            hits += _pair_hits(path, named or [])
        wanted = in_index if in_index_folder else terms
        for where, text in pieces:
            raw = where.startswith("offset")
            for term, excerpt in find_terms(text, wanted, whole_words=not raw):
                hits.append(ScanHit(str(path), where, term, excerpt))
    return hits

"""The authors of a paper record as the public sources write them (see :mod:`._papers`):
names, author objects with their ids, ORCID iDs, arXiv's names written out or parsed, with
TeX's accents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from whoknows.i18n import N_
from whoknows.ingest._authors import author_ref
from whoknows.records import PersonRef

_NONE = (None, "")
_PAPER_KEYS = (
    "authorships", "author", "DOI", "doi", "paperId", "corpusid", "corpusId",
    "indexed_abstract", "abstract_inverted_index", "authors_parsed", "submitter",
)  # fmt: skip
_NAME_KEYS = ("name", "display_name", "fullname", "raw_author_name")
_AUTHOR_ID_KEYS = ("id", "author_id")
_ORCID = re.compile(r"(?<![\d-])(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])(?![\d-])")
_ORCID_ALONE = re.compile(r"(?:(?:https?://)?(?:www\.)?orcid\.org/)?[\dXx-]{16,19}")
_OTHERS = re.compile(r"^(?i:et\.? al\.?|and others|others|al et)$")
_ASIDE = re.compile(r"\([^()]*\)")
_ET_AL = re.compile(r"\s+(?i:et\.?\s*al\.?)$")
_GROUP = re.compile(r"(?i)\b(?:collaboration|consortium|collaborators)\b")
_ARXIV_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
AUTHORS_SHAPE = N_('"authors" must be a list of names, or of objects with a "name" (and an "id")')
NAMES_BESIDE = N_('"author_names" must hold one name (a string) for each of "authors"')

# TeX accents as arXiv writes names ("Bal\\'azs", "{\\\"o}", "\\c{c}") and their combining marks
_TEX_ACCENT = re.compile(r"\{?\\([`'^\"~=.uvHckr])\s*\{?([A-Za-z])\}?\}?")
_TEX_MARKS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
    ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "c": "\u0327",
    "k": "\u0328",
}  # fmt: skip
_TIE = re.compile(r"(?<=[\w.])~(?=\w)")  # (TeX's unbreakable space: "Z.~Wójcik")
_DOTLESS_I = re.compile(r"\{\\i\}|\\i\b ?")
_TEX_LETTERS = re.compile(r"\{?\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)\b ?\}?")
_TEX_LETTER = {
    "ss": "ß", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø",
    "O": "Ø", "l": "ł", "L": "Ł",
}  # fmt: skip


def authors_of(source: str, data: dict[str, Any]) -> list[PersonRef] | str:
    """The paper's authors, in order, or what is wrong with them (a message). An author with
    the source's id is found by that id, and one with an ORCID by it too, in every source."""
    authors = data.get("authors")
    parsed = data.get("authors_parsed")
    if isinstance(authors, str) and isinstance(parsed, list) and parsed:
        return _parsed(source, parsed)  # (arXiv: "A, B and C" written out, parsed beside)
    if authors in _NONE or authors == []:
        authors = data.get("authorships") or data.get("author")
        if authors not in _NONE and not isinstance(authors, list):
            return AUTHORS_SHAPE  # (only "authors" may be one name)
    if authors in _NONE or authors == []:
        return []
    if isinstance(authors, str):
        authors = _arxiv_names(authors) if from_arxiv(data) else [authors]
    if not isinstance(authors, list):
        return AUTHORS_SHAPE
    names = data.get("author_names")
    if isinstance(names, list) and all(isinstance(a, str | int) for a in authors):
        if len(names) != len(authors) or not all(isinstance(n, str) for n in names):
            return NAMES_BESIDE
        pairs = zip(authors, names, strict=True)
        return _known([_identified(source, str(a), n, orcid_of(a)) for a, n in pairs])
    if not all(isinstance(author, str | dict) for author in authors):
        return AUTHORS_SHAPE
    return _known(
        _written(source, author) if isinstance(author, str) else _object(source, author)
        for author in authors
    )


def paper_record(data: dict[str, Any]) -> bool:
    """Whether the record is a paper source's (it has a field of authors, empty or null, or
    a key only those sources write): one with no author, or no title and no abstract, is
    their front matter or a retracted work, skipped, where whoknows' own shape is an error."""
    return any(key in data for key in _PAPER_KEYS) or ("authors" in data and not data["authors"])


def _known(refs: Iterable[PersonRef | None]) -> list[PersonRef]:
    """The people among ``refs``: not a blank name, an object with no name and no id, nor
    "et al." (arXiv's and DBLP's "and others")."""
    return [ref for ref in refs if ref is not None and not _OTHERS.match(ref.name or "x")]


def _object(source: str, author: dict[str, Any]) -> PersonRef | None:
    """An author object's person (None: one with no name and no id): found by its source's
    id, and by its ORCID in every source."""
    if isinstance(author.get("author"), dict):  # (OpenAlex: an authorship)
        inner = dict(author["author"])
        inner.setdefault("raw_author_name", author.get("raw_author_name"))
        author = inner
    name = next((author[k] for k in _NAME_KEYS if isinstance(author.get(k), str)), None)
    parts = [author.get(k) for k in ("given", "family")]  # (Crossref; "Madonna" has no family)
    if name is None and any(isinstance(part, str) for part in parts):
        name = " ".join(part for part in parts if isinstance(part, str)).strip()
    external = author["externalIds"] if isinstance(author.get("externalIds"), dict) else {}
    orcids = [author.get("orcid"), author.get("ORCID"), external.get("ORCID")]
    orcid = next((found for value in orcids if value and (found := orcid_of(value))), None)
    identifier = None
    if isinstance(author.get("authorId"), str | int) and author["authorId"] not in _NONE:
        identifier = f"semanticscholar:{author['authorId']}"
    for key in _AUTHOR_ID_KEYS:
        value = author.get(key)
        if identifier is None and isinstance(value, str | int) and not isinstance(value, bool):
            identifier = str(value)
    return _identified(source, identifier, name, orcid)


def orcid_of(value: object) -> str | None:
    """An ORCID iD as its sixteen characters ("0000-0002-1825-0097"), written bare, without
    its dashes or as a link (http or https, orcid.org); None when its check digit (ISO 7064
    11,2) is wrong, as a placeholder's ("0000-0000-0000-0000") is."""
    match = _ORCID.search(str(value))
    if match is None:
        return None
    digits = "".join(match.groups()).upper()
    total = 0
    for digit in digits[:15]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return "-".join(match.groups()).upper() if digits[15] == "0123456789X"[check] else None


def _identified(
    source: str, identifier: str | None, name: str | None, orcid: str | None = None
) -> PersonRef | None:
    """An author found by ``identifier`` in the source (an account: one id, one person) and
    by ``orcid`` in every source (a handle all paper sources share)."""
    identifier = (identifier or "").strip()
    name = " ".join(name.split()) if name else None
    handle = f"orcid:{orcid}" if orcid else None
    if identifier:
        return PersonRef(source, identifier, name=name or None, handle=handle, account=True)
    if handle is not None:
        return PersonRef(source, None, name=name or None, handle=handle)
    return author_ref(source, name) if name else None


def _written(source: str, author: str) -> PersonRef | None:
    """An author given as a string: an ORCID alone (a link or bare), else a name, TeX read."""
    orcid = orcid_of(author) if _ORCID_ALONE.fullmatch(author.strip()) else None
    if orcid is not None:
        return _identified(source, None, None, orcid)
    return author_ref(source, tex_text(author) if "\\" in author else author)


def _parsed(source: str, parsed: list[object]) -> list[PersonRef] | str:
    """arXiv's ``authors_parsed``: [last, first, suffix] a person, TeX accents read."""
    names: list[str] = []
    for entry in parsed:
        if not isinstance(entry, list) or not all(isinstance(part, str) for part in entry):
            return AUTHORS_SHAPE
        last, first, suffix = [*entry, "", "", ""][:3]
        first = re.sub(r"\s+-", "-", tex_text(first))  # ("C. -P." is "C.-P.")
        names.append(" ".join(part for part in (first, tex_text(last), suffix) if part))
    return _known(author_ref(source, name) for name in names)


def from_arxiv(data: dict[str, Any]) -> bool:
    return any(key in data for key in ("submitter", "versions", "journal-ref", "categories"))


def _arxiv_names(authors: str) -> list[str]:
    """arXiv's authors written out ("A. Smith, B. Jones and C. Lee"), one name each, TeX read
    (a comma inside braces, as in "{Collaboration, X}", is no separator)."""
    text = _ASIDE.sub(" ", tex_text(authors.replace("\n", " ")))  # ("(CERN and Geneva)")
    names = (_ET_AL.sub("", name).strip() for name in _ARXIV_SEPARATOR.split(text))
    return [name for name in names if name and not _GROUP.search(name)]


def tex_text(value: str) -> str:
    """A name written in TeX as its characters (braces gone: "{Collaboration, X}")."""
    return tex_accents(value).replace("{", "").replace("}", "").strip()


def tex_accents(value: str) -> str:
    """``value`` with TeX's accents, special letters and ties as the characters they write
    ("Schr\\"odinger", "Z.~W\\'ojcik": an arXiv title or abstract, searched and masked as
    the words it writes)."""
    value = _DOTLESS_I.sub("i", value)  # (the i TeX accents: "Garc\\'{\\i}a" is García)
    value = _TEX_ACCENT.sub(lambda m: m.group(2) + _TEX_MARKS[m.group(1)], value)
    value = _TEX_LETTERS.sub(lambda m: _TEX_LETTER[m.group(1)], value)
    return unicodedata.normalize("NFC", _TIE.sub(" ", value))

"""Scholarly metadata as the public sources write it, read into a JSON-lines item's fields.

A paper set rarely comes in whoknows' own shape. The record of each source, as its dumps and
APIs give it:

- OpenAlex works: ``display_name``/``title``, ``authorships[].author.{id, display_name}``,
  ``abstract_inverted_index`` (each word → its positions), ``publication_date``, ``doi``;
- Semantic Scholar papers: ``paperId``/``corpusid``, ``abstract``, ``authors[].{authorId,
  name}``, ``publicationDate``/``year``;
- AMiner's DBLP citation network: ``authors[].{name, id, org}``, ``year``, ``abstract`` or
  ``indexed_abstract.{IndexLength, InvertedIndex}`` (an object, or that object as a string);
- arXiv's metadata snapshot: ``authors`` as one string with ``authors_parsed`` ([last, first,
  suffix] each, accents in TeX), ``abstract``, ``versions[0].created`` (RFC 2822);
- Crossref works: ``DOI``, ``title`` as a list, ``author[].{given, family, ORCID}``,
  ``abstract`` in JATS, ``issued.date-parts``;
- whoknows' own shape with ``authors`` as ids and ``author_names`` beside them (the
  acl-authors benchmark's corpus).

An author given with an id is that id's person: two people who share a name stay two.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from whoknows.i18n import N_
from whoknows.ingest._authors import author_ref
from whoknows.records import PersonRef

_TITLE_KEYS = ("title", "display_name")
_TEXT_KEYS = ("text", "abstract", "paperAbstract")
_INDEX_KEYS = ("abstract_inverted_index", "indexed_abstract")
_ID_KEYS = ("id", "paperId")
_CORPUS_KEYS = ("corpusid", "corpusId")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DAY_KEYS = ("date", "publication_date", "publicationDate", "publicationdate")
_YEAR_KEYS = ("year", "publication_year")
_NAME_KEYS = ("name", "display_name", "fullname", "raw_author_name")
_AUTHOR_ID_KEYS = ("id", "authorId", "author_id", "ORCID", "orcid")
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])")
_OTHERS = re.compile(r"^(?i:et\.? al\.?|and others|others|al et)$")
_ARXIV_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
AUTHORS_SHAPE = N_('"authors" must be a list of names, or of objects with a "name" (and an "id")')
NAMES_BESIDE = N_('"author_names" must hold one name (a string) for each of "authors"')
_MAX_WORDS = 100_000  # an inverted index may claim any length: the words it holds bound it
_NONE = (None, "")
_JATS = re.compile(r"<(/?)jats:")
_SLASHED = re.compile(r"\s*\d{4}/\d{1,2}/\d{1,2}\s*$")
_YEAR = re.compile(r"\s*(\d{4})\s*$")

# TeX accents as arXiv writes names ("Bal\\'azs", "{\\\"o}", "\\c{c}") and their combining marks
_TEX_ACCENT = re.compile(r"\{?\\([`'^\"~=.uvHckr])\s*\{?([A-Za-z])\}?\}?")
_TEX_MARKS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
    ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "c": "\u0327",
    "k": "\u0328",
}  # fmt: skip
_TEX_LETTERS = re.compile(r"\{?\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i)\b ?\}?")
_TEX_LETTER = {
    "ss": "ß", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø",
    "O": "Ø", "l": "ł", "L": "Ł", "i": "ı",
}  # fmt: skip


def paper_fields(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with whoknows' fields (id, title, text, date, url, tags) filled from the
    source's own keys where it does not have them; authors are read by :func:`authors_of`.
    A paper with a DOI is that DOI, whichever source wrote it (and a Semantic Scholar paper
    its corpus id), so that the same paper from two sources is one item."""
    found = dict(data)
    doi = _doi(data)
    corpus = next((data[k] for k in _CORPUS_KEYS if isinstance(data.get(k), int | str)), None)
    if doi is not None:
        found["id"] = f"doi:{doi.lower()}"
    elif corpus not in _NONE and not isinstance(corpus, bool):
        found["id"] = f"corpusid:{corpus}"
    elif found.get("id") in _NONE:
        found["id"] = next((data[k] for k in _ID_KEYS if data.get(k) not in _NONE), None)
    title = next((data[k] for k in _TITLE_KEYS if data.get(k)), None)
    if isinstance(title, list) and all(isinstance(part, str) for part in title):
        title = " ".join(title)  # (Crossref: a list of titles, and of subtitles)
        subtitle = data.get("subtitle")
        if title and isinstance(subtitle, list) and subtitle and isinstance(subtitle[0], str):
            title = f"{title}: {subtitle[0]}"
    found["title"] = " ".join(title.split()) if isinstance(title, str) else title
    text = _text(data)
    if isinstance(text, str) and "<jats:" in text:  # (Crossref: JATS, HTML's tags prefixed)
        text = _JATS.sub(r"<\1", text)
    found["text"] = text
    given = data.get("date")
    found["date"] = _date(data) if given in _NONE else _year_day(given)
    found["url"] = data.get("url") or _link(data, doi)
    if "tags" not in data and isinstance(data.get("keywords"), list):
        found["tags"] = [k for k in data["keywords"] if isinstance(k, str)]
    return found


def _doi(data: dict[str, Any]) -> str | None:
    """The paper's DOI ("10.1037/abc"), from its own field or Semantic Scholar's external ids,
    written bare or as a link."""
    external = data.get("externalIds") or data.get("externalids")
    values = [data.get("doi"), data.get("DOI")]
    if isinstance(external, dict):
        values += [external.get("DOI"), external.get("doi")]
    for value in values:
        match = _DOI.search(value) if isinstance(value, str) else None
        if match:
            return match.group()
    return None


def _link(data: dict[str, Any], doi: str | None) -> str | None:
    """Where the paper is read: its DOI's page, else its arXiv, OpenAlex or Semantic Scholar
    page."""
    identifier = data.get("id")
    if doi is not None:
        return f"https://doi.org/{doi}"
    if isinstance(identifier, str) and _from_arxiv(data):
        return f"https://arxiv.org/abs/{identifier.strip()}"
    if isinstance(identifier, str) and identifier.startswith("https://openalex.org/"):
        return identifier
    if isinstance(data.get("paperId"), str):
        return f"https://www.semanticscholar.org/paper/{data['paperId']}"
    return data.get("URL") if isinstance(data.get("URL"), str) else None


def _text(data: dict[str, Any]) -> object:
    for key in _TEXT_KEYS:
        if data.get(key) not in (None, ""):
            return data[key]
    for key in _INDEX_KEYS:
        if data.get(key):
            return inverted_text(data[key])
    return None


def inverted_text(index: object) -> object:
    """The text an inverted index holds (``{"word": [positions]}``, or AMiner's
    ``{"IndexLength": n, "InvertedIndex": {...}}``, or either as a JSON string); what is not
    one is returned as it is, for the caller's "must be a string"."""
    if isinstance(index, str):
        try:
            index = json.loads(index)
        except json.JSONDecodeError:
            return index
    if isinstance(index, dict) and isinstance(index.get("InvertedIndex"), dict):
        index = index["InvertedIndex"]
    if not isinstance(index, dict):
        return index
    placed: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list):
            return index
        for position in positions:
            if isinstance(position, int) and position >= 0 and len(placed) < _MAX_WORDS:
                placed[position] = word
    return " ".join(placed[p] for p in sorted(placed))


def _year_day(value: object) -> object:
    """A year alone (2019, "2019") as its first day, a day written with slashes
    ("2020/05/06") with dashes; any other value as it is."""
    if isinstance(value, str) and _SLASHED.match(value):
        return value.strip().replace("/", "-")
    match = _YEAR.match(str(value)) if isinstance(value, str | int) else None
    return f"{match.group(1)}-01-01" if match and not isinstance(value, bool) else value


def _date(data: dict[str, Any]) -> str | None:
    """An ISO day or time for the paper: its publication day, its first version's time
    (arXiv), the day of Crossref's date parts, or the first of January of its year."""
    for key in _DAY_KEYS[1:]:
        if isinstance(data.get(key), str) and data[key].strip():
            return str(_year_day(data[key]))
    versions = data.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        created = versions[0].get("created")
        try:
            return parsedate_to_datetime(str(created)).astimezone(UTC).isoformat()
        except (TypeError, ValueError):
            pass
    if isinstance(data.get("update_date"), str):
        return str(data["update_date"])
    for key in ("issued", "published", "created"):
        parts = data.get(key, {}).get("date-parts") if isinstance(data.get(key), dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            numbers = [*parts[0], 1, 1][:3]
            if all(isinstance(p, int) for p in numbers):
                return f"{numbers[0]:04d}-{numbers[1]:02d}-{numbers[2]:02d}"
    for key in _YEAR_KEYS:
        value = data.get(key)
        if isinstance(value, str | int) and _YEAR.match(str(value)):
            return str(_year_day(value))
    return None


def authors_of(source: str, data: dict[str, Any]) -> list[PersonRef] | str:
    """The paper's authors, in order, or what is wrong with them (a message). An author with
    an ORCID is found by it in every source; else with the source's id, by that id."""
    authors = data.get("authors")
    parsed = data.get("authors_parsed")
    if isinstance(authors, str) and isinstance(parsed, list) and parsed:
        return _parsed(source, parsed)  # (arXiv: "A, B and C" written out, parsed beside)
    if authors in _NONE or authors == []:
        authors = data.get("authorships") or data.get("author")
    if authors in _NONE or authors == []:
        return []
    if isinstance(authors, str):
        authors = _arxiv_names(authors) if _from_arxiv(data) else [authors]
    if not isinstance(authors, list):
        return AUTHORS_SHAPE
    names = data.get("author_names")
    if isinstance(names, list) and all(isinstance(a, str | int) for a in authors):
        if len(names) != len(authors) or not all(isinstance(n, str) for n in names):
            return NAMES_BESIDE
        pairs = zip(authors, names, strict=True)
        return _known([_identified(source, str(a), n) for a, n in pairs])
    if not all(isinstance(author, str | dict) for author in authors):
        return AUTHORS_SHAPE
    return _known(
        author_ref(source, tex_text(author) if "\\" in author else author)
        if isinstance(author, str)
        else _object(source, author)
        for author in authors
    )


def lists_authors(data: dict[str, Any]) -> bool:
    """Whether the record has a field of authors at all (empty or not)."""
    return any(data.get(key) is not None for key in ("authors", "authorships", "author"))


def _known(refs: Iterable[PersonRef | None]) -> list[PersonRef]:
    """The people among ``refs``: not a blank name, an object with no name and no id, nor
    "et al." (arXiv's and DBLP's "and others")."""
    return [ref for ref in refs if ref is not None and not _OTHERS.match(ref.name or "x")]


def _object(source: str, author: dict[str, Any]) -> PersonRef | None:
    """An author object's person (None: one with no name and no id)."""
    if isinstance(author.get("author"), dict):  # (OpenAlex: an authorship)
        inner = dict(author["author"])
        inner.setdefault("raw_author_name", author.get("raw_author_name"))
        author = inner
    name = next((author[k] for k in _NAME_KEYS if isinstance(author.get(k), str)), None)
    if name is None and isinstance(author.get("family"), str):  # (Crossref)
        name = f"{author.get('given') or ''} {author['family']}".strip()
    orcid = next((orcid_of(author[k]) for k in ("orcid", "ORCID") if author.get(k)), None)
    if orcid is not None:
        return _identified(source, f"orcid:{orcid}", name)
    if author.get("authorId") not in _NONE and isinstance(author["authorId"], str | int):
        return _identified(source, f"semanticscholar:{author['authorId']}", name)
    identifier = next((author[k] for k in _AUTHOR_ID_KEYS if author.get(k) not in _NONE), None)
    if not isinstance(identifier, str | int) or isinstance(identifier, bool):
        return author_ref(source, name) if name is not None else None
    return _identified(source, str(identifier), name)


def orcid_of(value: object) -> str | None:
    """An ORCID iD as its sixteen characters ("0000-0002-1825-0097"), whether written bare or
    as a URL (http or https, orcid.org)."""
    match = _ORCID.search(str(value))
    return match.group(1).upper() if match else None


def _identified(source: str, identifier: str, name: str | None) -> PersonRef | None:
    identifier = identifier.strip()
    name = " ".join(name.split()) if name else None
    if not identifier:
        return author_ref(source, name) if name else None
    return PersonRef(source, identifier, name=name or None, account=True)


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


def _from_arxiv(data: dict[str, Any]) -> bool:
    return any(key in data for key in ("submitter", "versions", "journal-ref", "categories"))


def _arxiv_names(authors: str) -> list[str]:
    """arXiv's authors written out ("A. Smith, B. Jones and C. Lee"), one name each, TeX read
    (a comma inside braces, as in "{Collaboration, X}", is no separator)."""
    text = tex_text(authors.replace("\n", " "))
    return [name.strip() for name in _ARXIV_SEPARATOR.split(text) if name.strip()]


def tex_text(value: str) -> str:
    """``value`` with TeX's accents and special letters as the characters they write."""
    value = _TEX_ACCENT.sub(lambda m: m.group(2) + _TEX_MARKS[m.group(1)], value)
    value = _TEX_LETTERS.sub(lambda m: _TEX_LETTER[m.group(1)], value)
    return unicodedata.normalize("NFC", value.replace("{", "").replace("}", "")).strip()

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

An author given with an id is that id's person: two people who share a name stay two
(:mod:`._paper_authors`).
"""

from __future__ import annotations

import json
import re
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from whoknows.ingest._paper_authors import from_arxiv, tex_accents

_TITLE_KEYS = ("title", "display_name")
_TEXT_KEYS = ("text", "abstract", "paperAbstract")
_INDEX_KEYS = ("abstract_inverted_index", "indexed_abstract")
_ID_KEYS = ("id", "paperId", "_id")  # ("_id": AMiner's v13)
_CORPUS_KEYS = ("corpusid", "corpusId", "CorpusId")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DAY_KEYS = ("date", "publication_date", "publicationDate", "publicationdate")
_YEAR_KEYS = ("year", "publication_year")
_MAX_WORDS = 100_000  # an inverted index may claim any length: the words it holds bound it
_NONE = (None, "")
_JATS = re.compile(r"<(/?)jats:")
_SLASHED = re.compile(r"\s*\d{4}/\d{1,2}/\d{1,2}\s*$")
_YEAR = re.compile(r"\s*(\d{4})\s*$")


def paper_fields(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with whoknows' fields (id, title, text, date, url, tags) filled from the
    source's own keys where it does not have them; authors are read by :func:`authors_of`.
    A paper with a DOI is that DOI, whichever source wrote it (and a Semantic Scholar paper
    its corpus id), so that the same paper from two sources is one item."""
    found = dict(data)
    doi = _doi(data)
    external = data.get("externalIds") or data.get("externalids")
    found_in = [data, external] if isinstance(external, dict) else [data]
    corpus = next(
        (at[k] for at in found_in for k in _CORPUS_KEYS if isinstance(at.get(k), int | str)), None
    )
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
    arxiv = from_arxiv(data)
    if isinstance(title, str):
        title = " ".join((tex_accents(title) if arxiv else title).split())
    found["title"] = title
    text = _text(data)
    if arxiv and isinstance(text, str):
        text = tex_accents(text)
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
    if isinstance(identifier, str) and from_arxiv(data):
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
            numbers = [part or 1 for part in [*parts[0], 1, 1][:3]]  # ([[2021, null]])
            if all(isinstance(p, int) for p in numbers):
                return f"{numbers[0]:04d}-{numbers[1]:02d}-{numbers[2]:02d}"
    for key in _YEAR_KEYS:
        value = data.get(key)
        if isinstance(value, str | int) and _YEAR.match(str(value)):
            return str(_year_day(value))
    return None

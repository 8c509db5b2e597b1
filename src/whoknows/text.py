"""Small text helpers shared by connectors and surfaces: HTML to text, dates, folding."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_BLOCK_TAGS = "p, div, br, li, pre, h1, h2, h3, h4, h5, h6, tr, blockquote, section, article"
_CELL_TAGS = "td, th, dt, dd"


# between a table row's cells of text (a box-drawing bar: code's pipes, "cat x | jq", "data T =
# A | B", a query's output pasted, are no table of a page)
CELLS_APART = " \u2502 "


# what masking writes in place of an erased or opted-out person's name: not a word of anyone's,
# and the same for both (a reader must not tell an erasure from an opt-out)
OPTED_OUT_MARK = "[someone]"
ERASED_MARK = OPTED_OUT_MARK
LEGACY_ERASED_MARK = "[erased]"  # (what erasures wrote until 0.2: stored texts may hold it)


def without_marks(text: str) -> str:
    """``text`` without the placeholders masking wrote (the index must not match "erase" or
    "someone", or pair them with the words around them)."""
    return text.replace(LEGACY_ERASED_MARK, " ").replace(OPTED_OUT_MARK, " ")


_HTML_TAG = re.compile(
    r"</?(?:p|div|br|hr|span|a|b|i|u|s|em|strong|small|sub|sup|font|ul|ol|li|dl|dt|dd|"
    r"h[1-6]|table|thead|tbody|tr|td|th|pre|code|blockquote|img|section|article|header|"
    r"footer|nav|aside|main|html|head|body|script|style|figure|figcaption)\b[^<>]*>|&(?:[a-z]+|#\d+);",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether a text holds an HTML tag or entity: code ("Arc<Mutex<T>>", "a < b > c") does
    not, and is kept as written."""
    return bool(_HTML_TAG.search(text))


def html_to_text(html: str, leave_out: str = "") -> str:
    """Visible text of an HTML fragment or page, one line per block, scripts removed (and
    the elements ``leave_out`` selects: a mail's quoted original)."""
    if "<" not in html and "&" not in html:
        return normalize_space(html)
    tree = HTMLParser(html)
    hidden = "script, style, noscript, template" + (f", {leave_out}" if leave_out else "")
    for node in tree.css(hidden):
        node.decompose()
    for node in tree.css(_BLOCK_TAGS):
        node.insert_after("\n")
        before = node.prev  # (Gmail's "<div>+1 merci<div>Claire</div></div>": two lines)
        text_before = (
            before is not None and before.tag == "-text" and (before.text_content or "").strip()
        )
        if text_before and node.tag != "br":  # (a <br> is the break itself)
            node.insert_before("\n")
    for node in tree.css(_CELL_TAGS):
        node.insert_after(CELLS_APART if _inline_cells(node) else " ")
    root = tree.body or tree.root
    text = root.text(separator="") if root is not None else ""
    return normalize_space(text)


def _inline_cells(cell: Node) -> bool:
    """Whether a table cell and the next are text alone, one row's cells that a reader tells
    apart ("w/c 26 Jan │ Aleksandra Nowak (5G RAN)": a rota's row, which names who holds
    what); a cell of paragraphs is a layout's, read as the lines it makes."""
    following = cell.next
    while following is not None and following.tag == "-text":
        if (following.text_content or "").strip():
            return False
        following = following.next
    return (
        following is not None
        and {cell.tag, following.tag} <= {"td", "th"}
        and cell.css_first(_BLOCK_TAGS) is None
        and following.css_first(_BLOCK_TAGS) is None
    )


def normalize_space(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# letters that Unicode does not decompose into a base letter and a mark: transliterated, so
# that "Søren Kierkegård" meets "Soren Kierkegaard" and "Łukasz" meets "Lukasz"
_TRANSLITERATION = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L",
        "ð": "d", "Ð": "D", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "ß": "ss", "ı": "i",
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG",
    }
)  # fmt: skip


# invisible characters: the format characters (Unicode category Cf: soft hyphen, zero-width
# space, joiners and non-joiner, direction marks and overrides, word joiner, byte-order mark,
# tag characters), the invisible marks (combining grapheme joiner, variation selectors,
# Mongolian and Khmer invisible signs) and the blank "filler" letters (Hangul); "In\u200bès"
# must read, match and mask as "Inès"
_FORMAT = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
FORMAT_CHARACTERS = _FORMAT  # (public: address masking reads text as shown, without them)


def without_format_characters(text: str) -> str:
    """``text`` composed (NFC) and without invisible format characters (``_FORMAT``)."""
    if text.isascii():
        return text
    return _FORMAT.sub("", unicodedata.normalize("NFC", text))


_MONTHS = (
    "january|february|march|april|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|janvier|fevrier|mars|avril|mai|juin"
    "|juillet|aout|septembre|octobre|novembre|decembre"
)
_MONTH = f"(?:{_MONTHS}|may)"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er)?"
_YEAR = r"(?:19|20)\d\d"  # ("march 1000 requests" is no date)
# a date says when, not what: its month would match "marche" or "may" in a question, its
# year any question about that year. Written out ("02 March 2026", "1er mars 2024", "3 mars",
# "March 2, 2026", "mars 2024"; "may" only with a year: "3 may fail" is no date), in numbers
# ("2026-03-02T10:00:00Z", "01/03/2024", "2024.03.01"), as a quarter ("Q3 2024"), or a time
# in the French way ("10h30")
_DATE = re.compile(  # (the lookahead skips most places at once)
    rf"\b(?=[0-9adfjmnoqs])(?:{_DAY}\s+(?:of\s+)?(?:{_MONTH}\.?,?\s+{_YEAR}|(?:{_MONTHS})\b\.?)"
    rf"|{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}|{_MONTH}\.?\s+{_YEAR}|(?:{_MONTHS})\.?\s+{_DAY}\b"
    r"|\d{4}-\d\d-\d\d(?:[t ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?)?"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{4}}[/.]\d{{1,2}}[/.]\d{{1,2}}|q[1-4][\s-]+{_YEAR}"
    r"|\d{1,2}h\d\d)(?!\w)"
)
_DIGIT = re.compile(r"\d")


def without_dates(folded: str) -> str:
    """``folded`` (lowercase, accents folded) with its dates blanked out."""
    return _DATE.sub(" ", folded) if _DIGIT.search(folded) else folded


# a mail subject's reply and forward marks ("Re:", "RE[2]:", "Fwd:", "TR:", "AW:", "SV:")
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|tr|aw|sv)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def thread_subject(subject: str) -> str:
    """A subject without its reply and forward marks: the thread's own subject."""
    return REPLY_PREFIX.sub("", subject).strip()


def fold_accents(text: str) -> str:
    """Accents removed and letters without a decomposition transliterated (ø, æ, ł, ð, ß)."""
    if text.isascii():
        return text
    return strip_marks(text).translate(_TRANSLITERATION)


_NAME_WORD = re.compile(r"[^\W\d_]{3,}")


def name_words(text: str) -> set[str]:
    """The words of three letters or more of a name (or of the names a text lists), folded:
    case and accents aside ("Léa Nowak, Sam" holds "lea", "nowak", "sam")."""
    return set(_NAME_WORD.findall(fold_accents(text.lower())))


# letters that Unicode decomposes into another letter and a mark, not an accented letter:
# Hangul syllables (into their jamo, so "카프카를" was one word of nine jamo, never its
# pairs), kana with voicing marks (パ is not ハ), Cyrillic й (not и)
_WHOLE_LETTERS = re.compile(r"[\u0419\u0439\u3040-\u30ff\uac00-\ud7af]+")


def fold_words(text: str) -> str:
    """:func:`fold_accents` for the words of a search (the index's terms, a query's): the
    letters of :data:`_WHOLE_LETTERS` are kept as written, composed first (a text in
    decomposed form has them as letter and mark)."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):  # (most text is: a quick check)
        text = unicodedata.normalize("NFC", text)
    if _WHOLE_LETTERS.search(text) is None:
        return fold_accents(text)
    pieces, at = [], 0
    for whole in _WHOLE_LETTERS.finditer(text):
        pieces += [fold_accents(text[at : whole.start()]), whole.group()]
        at = whole.end()
    return "".join(pieces) + fold_accents(text[at:])


def strip_marks(text: str) -> str:
    """Combining marks (and invisible format characters) removed only: how keys were folded
    before transliteration (tombstones made then are still checked with it)."""
    if text.isascii():
        return text  # nothing to fold: most evidence text, and the hot path of snippets
    decomposed = _FORMAT.sub("", unicodedata.normalize("NFKD", text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# each character's fold (lowercased, accents removed, transliterated), made when first met
_FOLDED_CHAR: dict[str, str] = {}


def fold_with_positions(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded as the query's terms are (lowercase, no accents, ß as ss...), and for
    each character of the fold the position it comes from in ``text`` (None: the same
    position, as for ASCII text)."""
    if text.isascii():
        return text.lower(), None
    table = _FOLDED_CHAR
    one_to_one: dict[int, str] = {}
    for char in set(text):
        piece = table.get(char)
        if piece is None:
            piece = table[char] = fold_words(char.lower())
        if len(piece) != 1:
            break
        one_to_one[ord(char)] = piece
    else:  # every character folds to one: positions do not move (most accented text)
        return text.translate(one_to_one), None
    pieces = []
    for char in text:
        piece = table.get(char)
        if piece is None:
            piece = table[char] = fold_words(char.lower())
        pieces.append(piece)
    origin = [at for at, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), origin


def parse_date(value: str | None) -> datetime | None:
    """Parse an ISO-8601 date or datetime; naive values are taken as UTC. None if unparsable."""
    if not value:
        return None
    raw = value.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-01:00 is past the last date Python can hold
        return None


_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:$|[T ])")


def written_as_iso_day(value: str) -> bool:
    """Whether an unparsable date is written as an ISO day all the same ("2026-02-30",
    "2025-13-01T10:00"): no day of the calendar, rather than another format."""
    return bool(_ISO_DAY.match(value.strip()))


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") if value else None


def _occurrences(text: str, term: str) -> Iterator[int]:
    """Where ``term`` starts in ``text``, left to right, without overlaps."""
    at = text.find(term)
    while at >= 0:
        yield at
        at = text.find(term, at + len(term))


def snippet(text: str, terms: set[str], width: int = 220) -> str:
    """A window of ``text`` around the first place where many query terms occur."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lowered, origin = fold_with_positions(flat)
    found = (at for term in terms if term for at in _occurrences(lowered, term))
    positions = sorted(found if origin is None else (origin[at] for at in found))
    best_pos, best_hits = 0, -1
    for pos in positions[:200]:
        hits = bisect.bisect_left(positions, pos + width) - bisect.bisect_left(positions, pos)
        if hits > best_hits:
            best_pos, best_hits = pos, hits
    start = max(0, best_pos - width // 4)
    space = flat.rfind(" ", 0, start) if start else -1
    if space >= start - width // 4:  # from a word's start (no space near: Chinese, Japanese)
        start = space + 1
    window = flat[start : start + width]
    cut = window.rfind(" ")
    if cut > width // 2:
        window = window[:cut]
    return ("… " if start else "") + window + " …"


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_EDGE_NOISE = "".join(chr(c) for c in range(0x21)) + "\u200b\u200c\u200d\u2060\ufeff"
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_url(value: str | None) -> str | None:
    """The URL to store or link to when ``value`` is an absolute http, https or mailto URL;
    None for anything else.

    Browsers decode HTML entities in attributes, drop leading and trailing control characters
    and spaces and remove tabs and newlines anywhere, so " JaVaScRiPt:", "java\tscript:" and
    "javascript&#58;" are all ``javascript:``: the URL is cleaned the same way first (and
    refused if other control characters remain). Relative and protocol-relative ("//host")
    URLs are refused too.
    """
    if not value:
        return None
    cleaned = _clean_url(value)
    candidate = value
    for _ in range(3):  # entities may be nested ("&amp;#58;"); every reading must be safe
        if not _safe_reading(_clean_url(candidate)):
            return None
        unescaped = html.unescape(candidate)
        if unescaped == candidate:
            return cleaned
        candidate = unescaped
    return None


def _clean_url(value: str) -> str:
    return re.sub(r"[\t\n\r]", "", value).strip(_EDGE_NOISE)


def _safe_reading(cleaned: str) -> bool:
    match = _SCHEME.match(cleaned)
    if match is None or _CONTROLS.search(cleaned) or match.group(1).lower() not in SAFE_SCHEMES:
        return False
    rest = cleaned[match.end() :]
    if match.group(1).lower() == "mailto":
        return bool(rest.strip())
    return re.match(r"//[^/\\?#\s]", rest) is not None


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})


def first_last(name: str) -> str:
    """A name written "Last, First" (a directory's or Outlook's "Bauer, Lena") as "Lena
    Bauer"; "Smith, Jr.", a name with digits or with two commas as written, a side left empty
    ("Bauer,") left out."""
    last, comma, first = name.partition(",")
    if not comma or "," in first or any(c.isdigit() for c in name):
        return name
    last, first = last.strip(), first.strip()
    if first.lower().strip(".") in _SUFFIXES:
        return name
    return f"{first} {last}".strip()


_NAME_WORD = re.compile(r"[a-z0-9]+")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_NAMES = frozenset({"dr", "mr", "mrs", "ms", "mme", "mlle", "prof", "jr", "sr", "ii", "iii"})


def login_spellings(name: str | None) -> frozenset[str]:
    """The logins a full name is written as ("Kenji Watanabe", "Watanabe, Kenji": "kwatanabe",
    "kenjiwatanabe", "kenji.watanabe", "kenji-watanabe", "kenji_watanabe", "watanabek"); none
    for one word, an address or an initial alone."""
    if not name or "@" in name:
        return frozenset()
    plain = _BRACKETED.sub(" ", fold_accents(first_last(name)).lower())  # ("(contractor)")
    words = [w for w in _NAME_WORD.findall(plain) if w not in _NOT_NAMES]
    if len(words) < 2 or len(words[0]) < 2 or len(words[-1]) < 2:
        return frozenset()
    first, last = words[0], words[-1]
    joined = {f"{first}{sep}{last}" for sep in ("", ".", "-", "_")}
    return frozenset({f"{first[0]}{last}", f"{last}{first[0]}", *joined})

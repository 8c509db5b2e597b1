"""Email addresses never shown whole: "tomas.ferreira@corvid.example" shows as
t•••@corvid.example, however it is written.

An address is read in the text as a reader sees it: invisible characters (zero-width space,
joiners, word joiner, soft hyphen: ``whoknows.text.FORMAT_CHARACTERS``) are not there, and in
HTML neither are the tags nor the entities as written ("carol.hid<b></b>@corvid.example"
renders as one address). Besides the plain form, the spellings people and tools write:

- written next to its parts: percent-encoded, once or twice ("t%40corvid.example",
  "t%2540…"), as an entity ("t&#64;…", "t&amp;#64;…"), the full-width or small at sign
  ("t＠corvid.example"), the at and the dots in brackets ("tomas [at] corvid [dot] example",
  "(@)", "[@]", "corvid[.]example"), a quoted local part ('"tomas f"@…', "'tomas'@…"), an
  address literal ("t@[10.0.0.1]", "t@[IPv6:::1]") and ``localhost``;
- loosely: an at sign with spaces around it ("tomas @ corvid.example", no-break ones too),
  after it (a line break, as a snippet shows it) or before it (a line break, or after a local
  part that looks like an address's: "tomas.f @corvid.example"); the at and the dots as
  words ("tomas at corvid dot example", French "tomas arobase corvid point example"); spaced
  dots ("corvid . example").

Ordinary text is left alone: "meet me [at] the office" (no dotted domain), "@channel" (no
local part), "lodash@4.17.21" (no letters at the end), "npm i react@latest" (no dotted
domain). The loose spellings, which prose writes too, need more: a domain ending in a known
top-level domain ("we met at noon dot com bubble era": "met" is a word, not a local part;
"arrive at Lyon point of sale": "of" is no domain, and "at" goes with "dot", not "point"),
a local part that is no common word, and with "at" and plain dots ("available at
corvid.com", a web site) a local part that looks like an address's ("tomas.ferreira").
Every pattern is bounded: reading is linear in the text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from whoknows.text import FORMAT_CHARACTERS

# -- the parts of an address, however written -------------------------------------------------
_SYMBOL = r"(?:@|＠|﹫|%(?:25){0,3}40|&(?:amp;){0,3}(?:#0{0,3}64|#x0{0,3}40|commat);)"
_BLANK = r"[^\S\r\n]"  # a space on the line (a no-break one too)
_BRACKETED_AT = rf"\s{{0,3}}[\[({{<]{_BLANK}{{0,3}}(?:at|@){_BLANK}{{0,3}}[\])}}>]\s{{0,3}}"
_AT = rf"(?:{_SYMBOL}|{_BRACKETED_AT})"
# an at sign with spaces after it (around it; a line break after it, which snippets show as
# a space) or before it (as a mention's: "thanks @alice.smith"), or the at as a word
_LOOSE_AT = (
    rf"(?:\s{{0,4}}{_SYMBOL}\s{{1,4}}|(?P<before>\s{{1,4}}){_SYMBOL}"
    rf"|\s{{1,4}}(?P<word>at|arobase|arrobase)\s{{1,4}})"
)
_BRACKETED_DOT = rf"\s{{0,3}}[\[({{<]{_BLANK}{{0,3}}(?:dot|\.){_BLANK}{{0,3}}[\])}}>]\s{{0,3}}"
_DOT = rf"(?:[.．。]|{_BRACKETED_DOT})"
_LOOSE_DOT = rf"(?:{_DOT}|\s{{1,3}}[.．。]\s{{1,3}}|\s{{1,3}}(?:dot|point)\s{{1,3}})"
_LABEL = r"[\w\-]{1,63}"
_GENERIC_TLDS = (
    "com org net edu gov mil int info biz name pro mobi aero coop museum jobs travel io ai app"
    " dev cloud tech online site xyz email eu asia example test invalid localhost local"
    " internal intranet corp lan"
).split()
_COUNTRY_TLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br"
    " bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz"
    " ec ee eg er es et fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy"
    " hk hm hn hr ht hu id ie il im in iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz"
    " la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw"
    " mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py"
    " qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf"
    " tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt"
    " za zm zw"
).split()
_KNOWN_TLD = "(?:" + "|".join(sorted({*_GENERIC_TLDS, *_COUNTRY_TLDS}, key=len, reverse=True)) + ")"
_LITERAL = r"\[(?:IPv6:[0-9A-Fa-f:.]{2,45}|\d{1,3}(?:\.\d{1,3}){3})\]"
# a dotted domain ending in letters (not "lodash@4.17.21"), an address literal or localhost
_DOMAIN = (
    rf"(?:{_LABEL}(?:{_LOOSE_DOT}{_LABEL}){{0,8}}{_LOOSE_DOT}{_KNOWN_TLD}(?![\w\-])"
    rf"|{_LABEL}(?:{_DOT}{_LABEL}){{0,8}}{_DOT}[^\W\d_]{{2,63}}\b|{_LITERAL}|localhost\b)"
)
# loosely written, only a domain ending in a known top-level domain
_KNOWN_DOMAIN = rf"{_LABEL}(?:{_LOOSE_DOT}{_LABEL}){{0,8}}{_LOOSE_DOT}{_KNOWN_TLD}(?![\w\-(])"
_LOCAL = r"(?:\"[^\"\r\n@＠]{1,64}\"|'[^'\s@＠]{1,64}'|[\w.+\-%]*\w)"
_SPELLED_LOCAL = rf"(?:[\w.+\-]{{0,63}}\w{_BLANK}{{1,3}}(?:dot|point){_BLANK}{{1,3}}){{0,3}}"
_LOOSE_LOCAL = rf"{_SPELLED_LOCAL}[\w.+\-]{{0,63}}\w"
_ADDRESS = re.compile(
    rf"(?<![\w.+\-%])(?:(?P<local>{_LOCAL})(?P<at>{_AT})(?P<domain>{_DOMAIN})"
    rf"|(?P<loose_local>{_LOOSE_LOCAL})(?P<loose_at>{_LOOSE_AT})(?P<loose_domain>{_KNOWN_DOMAIN}))",
    re.IGNORECASE,
)
_ANY_DOT = re.compile(_LOOSE_DOT, re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_WORD_DOT = re.compile(r"\s+(?:dot|point)\s+", re.IGNORECASE)
_FRENCH_DOT = re.compile(r"\spoint\s", re.IGNORECASE)
_SPELLED = re.compile(rf"{_BRACKETED_DOT}|\s", re.IGNORECASE)  # a domain not written plainly
# an address's local part as a word of prose: what comes before "at" in a sentence ("we met
# at", "look at", "available at", "email us at"), never masked when written loosely
_COMMON_WORDS = frozenset(
    (
        "a an the i me we us you he him she her it they them my our your his its their this that"
        " these those there here who what which where when why how all any some one two is are"
        " was were be been being am do does did done have has had will would can could shall"
        " should may might must not no yes and or but if so as at by for from in into of off on"
        " onto out over to up with about after before again also back even just now only then"
        " still very well more most less least once good great best better bad nice look looks"
        " looked looking meet meets met meeting arrive arrives arrived arriving work works worked"
        " working stay stays stayed live lives lived living sit sits sat stand stands stood stop"
        " stops stopped start starts started starting end ends ended aim aimed point pointed"
        " laugh laughed stare stared smile smiled available based hosted held located found seen"
        " published posted deployed run runs ran running online home school office noon night"
        " today everyone someone anyone people team email mail write contact reach find ask call"
        " thanks thank hi hello hey cc ping merci bonjour salut"
        " je tu il elle on nous vous ils elles le la les un une des du de et ou est sont"
    ).split()
)
# an address written as a mail's display name or an alias value: any domain ("jsmith@corp")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*")
# what HTML holds that a reader does not see as written: tags, entities, invisible characters
_TAG = re.compile(r"<[^<>]*>")
_HTML_PARTS = re.compile(
    rf"{_TAG.pattern}|&(?:#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});"
    rf"|{FORMAT_CHARACTERS.pattern}"
)
# the tags that break a line where they stand (of those comments may hold)
_LINE_TAG = re.compile(r"</?(?:blockquote|br|p|div|li|ul|ol|pre|h[1-6]|tr|table|hr)\b", re.I)


def mask_addresses(text: str) -> str:
    """``text`` with the addresses in it shown as t•••@corvid.example (however spelled)."""
    return _masked_text(_plain_reading(text), text, lambda shown, _: shown)


def mask_addresses_in_html(markup: str) -> str:
    """Safe HTML (a comment's) with the addresses in it masked as they render: across its
    tags and entities ("carol.<em>hid</em>@corvid.example"), and in its attributes."""
    masked = _masked_text(_html_reading(markup), markup, _keeping_tags)
    return _TAG.sub(lambda tag: mask_addresses(tag.group()), masked)


def mask_email(value: str) -> str:
    """Any alias value without the addresses in it: "tomas.ferreira@corvid.example" and
    "Tomás <tomas.ferreira@corvid.example>" show as t•••@corvid.example, whatever the kind."""
    return _EMAIL.sub(_masked, FORMAT_CHARACTERS.sub("", mask_addresses(value)))


def addresses_in(text: str) -> list[str]:
    """The addresses ``text`` holds, however spelled, as local@domain ('"t.f at corvid dot
    example" <tf@other.example>' holds both)."""
    if not text:
        return []
    reading = _plain_reading(text)
    return [f"{local}@{domain}" for _, _, local, domain in _found(reading.text)]


def _masked(match: re.Match[str]) -> str:
    local, _, domain = match.group().partition("@")
    return f"{local[:1]}•••@{domain}"


# -- the text as a reader sees it ---------------------------------------------------------------
@dataclass
class _Reading:
    """Text as shown, and where each of its pieces was in the text as written: a piece copied
    as written maps character by character, another (an entity, a tag read as a line break)
    as a whole."""

    text: str = ""
    starts: list[int] = field(default_factory=list)  # where each piece starts as shown
    origins: list[int] = field(default_factory=list)  # where it starts as written
    ends: list[int] = field(default_factory=list)  # where it ends as written; -1 copied
    parts: list[str] = field(default_factory=list)

    def add(self, shown: str, origin: int, end: int = -1) -> None:
        if shown:
            self.starts.append(sum(map(len, self.parts[-1:])) + (self.starts or [0])[-1])
            self.origins.append(origin)
            self.ends.append(end)
            self.parts.append(shown)

    def done(self) -> _Reading:
        self.text = "".join(self.parts)
        return self

    def written(self, start: int, end: int) -> tuple[int, int]:
        """Where the shown text's ``start:end`` was written."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, end - 1) - 1
        begin = self.origins[first] + (start - self.starts[first] if self.ends[first] < 0 else 0)
        copied = self.ends[last] < 0
        return begin, self.origins[last] + end - self.starts[last] if copied else self.ends[last]


def _plain_reading(text: str) -> _Reading:
    reading, at = _Reading(), 0
    if not text.isascii():
        for hidden in FORMAT_CHARACTERS.finditer(text):
            reading.add(text[at : hidden.start()], at)
            at = hidden.end()
    reading.add(text[at:], at)
    return reading.done()


def _html_reading(markup: str) -> _Reading:
    reading, at = _Reading(), 0
    for part in _HTML_PARTS.finditer(markup):
        written = part.group()
        if written.startswith("&") and (shown := html.unescape(written)) == written:
            continue  # (an unknown entity reads as written)
        reading.add(markup[at : part.start()], at)
        at = part.end()
        if written.startswith("<"):
            reading.add("\n" if _LINE_TAG.match(written) else "", part.start(), at)
        elif written.startswith("&"):
            reading.add(FORMAT_CHARACTERS.sub("", shown), part.start(), at)
    reading.add(markup[at:], at)
    return reading.done()


def _keeping_tags(shown: str, written: str) -> str:
    """An address masked in HTML: escaped, with the tags it spanned after it (still paired)."""
    return html.escape(shown, quote=False) + "".join(_TAG.findall(written))


def _masked_text(reading: _Reading, text: str, render: Callable[[str, str], str]) -> str:
    out, at = [], 0
    for start, end, local, domain in _found(reading.text):
        begin, stop = reading.written(start, end)
        out += [text[at:begin], render(f"{local[:1]}•••@{domain}", text[begin:stop])]
        at = stop
    return "".join(out) + text[at:] if out else text


def _found(shown: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, local part, domain) of each address in ``shown`` (the text as shown)."""
    for match in _ADDRESS.finditer(shown):
        if match.group("local") is not None:
            local, domain = match.group("local").strip("\"'"), match.group("domain")
        elif _plausible(match):
            local, domain = _WORD_DOT.sub(".", match.group("loose_local")), match["loose_domain"]
        else:
            continue
        if not domain.startswith("["):  # ("corvid [dot] example", "corvid dot example")
            domain = _SPACES.sub("", _ANY_DOT.sub(".", domain))
        yield match.start(), match.end(), local, domain


def _plausible(match: re.Match[str]) -> bool:
    """Whether a loosely written address is one, not prose (:data:`_COMMON_WORDS`)."""
    local, word, domain = match["loose_local"], match["word"], match["loose_domain"]
    spelled = _WORD_DOT.search(local) is not None or _SPELLED.search(domain) is not None
    ending = _ANY_DOT.split(domain)[-1]
    if len(local) < 2 or local.casefold() in _COMMON_WORDS:
        return False
    if not (ending.islower() or ending.isupper() or ending.istitle()):
        return False  # ("weights @ B.mT": code, a matrix product)
    if word is not None and word.lower() == "at":
        if _FRENCH_DOT.search(f" {domain} ") or _FRENCH_DOT.search(f" {local} "):
            return False  # ("arrive at Lyon point of sale": "at" goes with "dot")
        return spelled or not local.isalpha()  # ("available at corvid.com": a web site)
    if (before := match["before"]) is not None and "\n" not in before:
        return not local.isalpha()  # ("thanks @alice.smith", a mention; not "tomas.f @…")
    return True

"""Markup of trackers and wikis to plain text: Atlassian Document Format, Jira wiki markup,
and the one rule for links every connector follows (keep http, https and mailto only)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from whoknows.text import normalize_space

_SAFE_SCHEMES = {"http", "https", "mailto"}
# ADF nodes after which a line ends
_ADF_BLOCKS = {
    "paragraph",
    "heading",
    "listItem",
    "codeBlock",
    "blockquote",
    "panel",
    "rule",
    "tableRow",
    "mediaGroup",
    "decisionItem",
    "taskItem",
    "expand",
    "blockCard",
}


def safe_url(url: object) -> str | None:
    """The URL if it is http, https or mailto; None otherwise (javascript:, data:, file:...)."""
    if not isinstance(url, str) or not url.strip():
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in _SAFE_SCHEMES else None


def adf_to_text(document: object) -> str:
    """Visible text of an Atlassian Document Format tree (Jira v3 fields, Confluence ADF)."""
    parts: list[str] = []
    _adf(document, parts)
    return normalize_space("".join(parts))


def _adf(node: object, parts: list[str]) -> None:
    if isinstance(node, list):
        for child in node:
            _adf(child, parts)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    attrs: dict[str, Any] = node.get("attrs") or {}
    if kind == "text":
        parts.append(str(node.get("text", "")))
    elif kind == "hardBreak":
        parts.append("\n")
    elif kind in {"mention", "emoji", "status"}:
        parts.append(str(attrs.get("text") or attrs.get("shortName") or ""))
    elif kind in {"inlineCard", "blockCard", "embedCard"}:
        parts.append(safe_url(attrs.get("url")) or "")
    elif kind == "tableCell" or kind == "tableHeader":
        parts.append(" ")
    _adf(node.get("content"), parts)
    if kind in _ADF_BLOCKS:
        parts.append("\n")


_WIKI_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\{(code|noformat|quote|panel|color)(:[^}]*)?\}"), "\n"),
    (re.compile(r"^h[1-6]\.\s*", re.M), ""),
    (re.compile(r"^\s*[*#-]+\s+", re.M), ""),  # list bullets
    (re.compile(r"^bq\.\s*", re.M), ""),
    (re.compile(r"\[~(?:accountid:)?([^\]]+)\]"), r"@\1"),  # mentions
    (re.compile(r"!([^!\s|]+)(\|[^!]*)?!"), ""),  # embedded images
    (re.compile(r"\|\|?"), " "),  # table cells
    (re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])"), r"\1"),  # *bold*
    (re.compile(r"(?<![\w_])_(\S(?:[^_\n]*\S)?)_(?![\w_])"), r"\1"),  # _italic_
    (re.compile(r"\{\{([^}]*)\}\}"), r"\1"),  # {{monospace}}
)
_WIKI_LINK = re.compile(r"\[([^\]|\n]*)\|([^\]\n]+)\]|\[((?:https?|mailto|ftp|file)[^\]\s]*)\]")


def jira_wiki_to_text(markup: str) -> str:
    """Plain text of Jira wiki markup (REST v2 descriptions and comments, CSV cells)."""
    text = _WIKI_LINK.sub(_wiki_link, markup)
    for pattern, replacement in _WIKI_RULES:
        text = pattern.sub(replacement, text)
    return normalize_space(text)


def _wiki_link(match: re.Match[str]) -> str:
    label, target, bare = match.group(1), match.group(2), match.group(3)
    if bare is not None:
        return safe_url(bare) or ""
    url = safe_url(target)
    if label:
        return f"{label} ({url})" if url and url != label else label
    return url or ""


# a page of links: so many links at least, and what it says of its own (outside link labels
# and headings that ask nothing) under this share of its words ("Useful links": a title per
# link, nothing explained; its writer passed the links on, as a chat message sharing one does)
LINK_PAGE_LINKS = 3
LINK_PAGE_OWN_SHARE = 0.2
_WORD = re.compile(r"\w+")
_ANCHOR = re.compile(
    r"<a\b[^>]*>(.*?)</a>|<ac:link\b[^>]*>(.*?)</ac:link>", re.IGNORECASE | re.DOTALL
)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_MARKUP_TAG = re.compile(r"<[^>]*>")


def links_only(links: int, linked_words: int, all_words: int) -> bool:
    """Whether a page is a list of links (see :data:`LINK_PAGE_OWN_SHARE`)."""
    own = all_words - linked_words
    return links >= LINK_PAGE_LINKS and own < LINK_PAGE_OWN_SHARE * max(all_words, 1)


def html_links_only(markup: str, text: str) -> bool:
    """Whether an HTML or Confluence storage page (``markup``, its plain ``text``) is a list
    of links: its anchors' labels and its headings hold nearly all its words."""
    anchors = [a or b for a, b in _ANCHOR.findall(markup)]
    headings = [
        h for h in _HEADING.findall(markup) if not _MARKUP_TAG.sub("", h).strip().endswith("?")
    ]
    linked = sum(len(_WORD.findall(_MARKUP_TAG.sub(" ", label))) for label in anchors + headings)
    return links_only(len(anchors), linked, len(_WORD.findall(text)))

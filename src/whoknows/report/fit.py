"""Does text fit its box? Measured with real font metrics (DejaVu Sans, which ships with
matplotlib) rather than guessed from character counts.

The deck asks for Arial (or the viewer's substitute, Liberation Sans, with the same metrics);
DejaVu Sans is wider, so a text measured to fit in DejaVu Sans fits in Arial too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from PIL import ImageFont

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
LINE_HEIGHT = 1.2  # single spacing, in font sizes
SPACE_AFTER = 0.35  # space after a paragraph, in font sizes
EMU_PER_PT = 12700


@dataclass(frozen=True)
class Para:
    text: str
    size: float  # points
    bold: bool = False


@cache
def _font(bold: bool) -> Any:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), 100)


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of text, in points."""
    return float(_font(bold).getlength(text)) * size / 100


def lines(text: str, size: float, box_width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes once word-wrapped into ``box_width`` points."""
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and width(candidate, size, bold) > box_width:
                count += 1
                line = word
            else:
                line = candidate
    return count


def height(paragraphs: list[Para], box_width: float) -> float:
    """Height of paragraphs in a box, in points (line height plus space after each)."""
    return sum(
        lines(p.text, p.size, box_width, p.bold) * p.size * LINE_HEIGHT + p.size * SPACE_AFTER
        for p in paragraphs
    )


def fits(paragraphs: list[Para], box_width: float, box_height: float) -> bool:
    return height(paragraphs, box_width) <= box_height


def scaled(paragraphs: list[Para], factor: float) -> list[Para]:
    return [Para(p.text, round(p.size * factor * 2) / 2, p.bold) for p in paragraphs]


def shrink_to_fit(
    paragraphs: list[Para], box_width: float, box_height: float, smallest: float = 10
) -> list[Para] | None:
    """The paragraphs at the largest scale (down to ``smallest`` pt) that fits, or None."""
    factor = 1.0
    while True:
        sized = scaled(paragraphs, factor)
        if fits(sized, box_width, box_height):
            return sized
        if min(p.size for p in sized) <= smallest:
            return None
        factor -= 0.05


def cut_to_fit(para: Para, box_width: float, box_height: float, smallest: float) -> Para:
    """``para`` at ``smallest`` pt, its end cut at a word (else a letter) and marked "…" until
    it fits (a topic's long name in a small box had stopped the deck)."""
    para = Para(para.text, min(para.size, smallest), para.bold)
    words = para.text.split()
    while len(words) > 1:
        words.pop()
        shorter = Para(" ".join(words) + "…", para.size, para.bold)
        if fits([shorter], box_width, box_height):
            return shorter
    text = words[0] if words else ""
    while text:
        text = text[:-1]
        shorter = Para(text + "…", para.size, para.bold)
        if fits([shorter], box_width, box_height):
            return shorter
    return Para("…", para.size, para.bold)


def frame_overflows(shape: Any) -> bool:
    """Whether a python-pptx shape's text needs more room than its box (margins included)."""
    frame = shape.text_frame
    inner_width = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
    inner_height = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_PT
    paragraphs = []
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        size = next((r.font.size.pt for r in runs if r.font.size), None) or 18.0
        bold = any(r.font.bold for r in runs)
        paragraphs.append(Para(paragraph.text, size, bold))
    return not fits(paragraphs, inner_width, inner_height)

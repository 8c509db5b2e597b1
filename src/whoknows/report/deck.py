"""The engagement deck (python-pptx): 16:9, one idea per slide, native charts, speaker notes
with the evidence. Every text is measured (``whoknows.report.fit``) so nothing overflows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from whoknows.i18n import Translator
from whoknows.report import fit
from whoknows.report.content import Deliverable
from whoknows.report.fit import Para

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP, BODY_BOTTOM = Inches(1.55), Inches(6.85)
FONT = "Arial"
INK, MUTED, ACCENT = (
    RGBColor(0x1B, 0x1F, 0x24),
    RGBColor(0x4A, 0x55, 0x61),
    RGBColor(0x0B, 0x3D, 0x6E),
)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
TONES = {
    "good": RGBColor(0x1C, 0x6B, 0x3A),
    "warn": RGBColor(0xB3, 0x6B, 0x00),
    "risk": RGBColor(0xB0, 0x00, 0x20),
}


def pt(emu: int) -> float:
    return emu / fit.EMU_PER_PT


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int


BODY = Box(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)


class DeckWriter:
    def __init__(self, deliverable: Deliverable, t: Translator) -> None:
        self.d, self.t = deliverable, t
        self.deck = Presentation()
        self.deck.slide_width, self.deck.slide_height = WIDTH, HEIGHT
        self.blank = self.deck.slide_layouts[6]

    def slide(self, title: str, notes: list[str]) -> Any:
        page = self.deck.slides.add_slide(self.blank)
        self.text(
            page,
            Box(MARGIN, Inches(0.45), BODY.width, Inches(0.95)),
            [Para(title, 28, True)],
            colour=ACCENT,
            anchor=MSO_ANCHOR.BOTTOM,
            smallest=18,
        )
        confidential = self.t.gettext("Confidential")
        parts = [self.d.client, self.d.title, self.d.date, confidential]
        footer = " · ".join(part for part in parts if part)
        self.text(
            page,
            Box(MARGIN, Inches(7.0), BODY.width - Inches(0.8), Inches(0.35)),
            [Para(footer, 10)],
            colour=MUTED,
        )
        number = str(len(self.deck.slides))
        self.text(
            page,
            Box(WIDTH - MARGIN - Inches(0.7), Inches(7.0), Inches(0.7), Inches(0.35)),
            [Para(number, 10)],
            colour=MUTED,
            align_right=True,
        )
        page.notes_slide.notes_text_frame.text = "\n".join(line for line in notes if line)
        return page

    def text(
        self,
        page: Any,
        box: Box,
        paragraphs: list[Para],
        colour: RGBColor = INK,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        smallest: float = 12,
        align_right: bool = False,
        centred: bool = False,
        colours: list[RGBColor | None] | None = None,
    ) -> Any:
        """A text box whose paragraphs are shrunk until they fit (measured), else cut with
        a last line saying how many were left out."""
        margin = Inches(0.05)
        inner_w, inner_h = pt(box.width - 2 * margin), pt(box.height - 2 * margin)
        sized = fit.shrink_to_fit(paragraphs, inner_w, inner_h, smallest)
        kept = list(paragraphs)
        while sized is None and len(kept) > 1:
            kept.pop()
            more = self.t.gettext("… and %(count)s more (see the report)") % {
                "count": len(paragraphs) - len(kept)
            }
            sized = fit.shrink_to_fit(
                [*kept, Para(more, kept[-1].size)], inner_w, inner_h, smallest
            )
        if sized is None:
            sized = [fit.cut_to_fit(kept[0], inner_w, inner_h, smallest)]
        shape = page.shapes.add_textbox(
            Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        frame = shape.text_frame
        frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, anchor
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = margin
        for index, para in enumerate(sized):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(para.size * fit.SPACE_AFTER)
            paragraph.line_spacing = fit.LINE_HEIGHT
            if align_right or centred:
                paragraph.alignment = PP_ALIGN.RIGHT if align_right else PP_ALIGN.CENTER
            run = paragraph.add_run()
            run.text = para.text
            run.font.size, run.font.bold, run.font.name = Pt(para.size), para.bold, FONT
            tone = colours[index] if colours and index < len(colours) else None
            run.font.color.rgb = tone or colour
        return shape

    def table(
        self,
        page: Any,
        box: Box,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        size: float = 14,
    ) -> Any:
        """A native table whose row heights are measured so that it stays inside ``box``."""
        columns = [int(box.width * w) for w in widths]
        while True:
            heights = [
                self._row_height(cells, columns, size, bold=i == 0)
                for i, cells in enumerate([header, *rows])
            ]
            if sum(heights) <= box.height or size <= 10:
                break
            size -= 1
        if sum(heights) > box.height:
            raise ValueError("table does not fit its box")
        shape = page.shapes.add_table(
            len(rows) + 1,
            len(header),
            Emu(box.left),
            Emu(box.top),
            Emu(box.width),
            Emu(sum(heights)),
        )
        table = shape.table
        for index, column_width in enumerate(columns):
            table.columns[index].width = Emu(column_width)
        for r, cells in enumerate([header, *rows]):
            table.rows[r].height = Emu(heights[r])
            for c, value in enumerate(cells):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(0.08)
                cell.margin_top = cell.margin_bottom = Inches(0.04)
                cell.text = value
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size, run.font.name, run.font.bold = Pt(size), FONT, r == 0
        return shape

    @staticmethod
    def _row_height(cells: list[str], columns: list[int], size: float, bold: bool) -> int:
        inner = [pt(w - 2 * Inches(0.08)) for w in columns]
        tallest = max(fit.lines(v or " ", size, w, bold) for v, w in zip(cells, inner, strict=True))
        return int(Pt(tallest * size * fit.LINE_HEIGHT + 2) + 2 * Inches(0.04))

"""The engagement deck (python-pptx): the first step of the project, naming its carriers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Inches, Pt

from whoknows.services.engagements import Overview


def _bullets(slide: Any, lines: list[str], size: int = 18) -> None:
    body = slide.placeholders[1].text_frame
    body.clear()
    for index, line in enumerate(lines or ["—"]):
        paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def write_deck(
    overview: Overview, images: dict[str, bytes], carriers: list[str], path: Path
) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    engagement = overview.engagement
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = engagement.name
    title.placeholders[1].text = (
        f"{engagement.client or ''} · {engagement.start} to {engagement.end or 'open'}"
        "\nThe expertise is already inside: this is how it carries the mission on."
    )
    layout = deck.slide_layouts[1]

    def slide(heading: str, lines: list[str], size: int = 18) -> None:
        page = deck.slides.add_slide(layout)
        page.shapes.title.text = heading
        _bullets(page, lines, size)

    slide(
        "The resources are inside",
        [
            f"{t.topic}: {', '.join(t.inside) or 'nobody active inside yet'}"
            for t in overview.topics
        ],
    )
    slide(
        "Hidden experts",
        [f"{t.topic}: {', '.join(t.hidden)}" for t in overview.topics if t.hidden]
        or ["No hidden experts on the engagement's topics"],
    )
    slide(
        "Concentration risks and gaps",
        [
            f"{t.topic}: half of the evidence held by {t.bus_factor} "
            f"{'person' if t.bus_factor == 1 else 'people'}"
            for t in overview.topics
        ]
        + [f"Gap — {g.topic}: {g.reason}" for g in overview.gaps[:4]],
        16,
    )
    slide(
        "Proposed tandem",
        [f"{t.topic}: {t.partner or 'nobody yet'}" for t in overview.tandem]
        + [f"Pair on {p.topic}: {p.expert} with {p.learner}" for p in overview.pairs],
    )
    slide(
        "Roadmap after the mission",
        [
            f"{p.person} — {m.description} ({m.status})"
            for p in overview.plans
            for m in p.milestones
        ],
        16,
    )
    for heading, key in (
        ("Skill transfer over time", "transfer"),
        ("Where the expertise sits", "spread"),
    ):
        page = deck.slides.add_slide(deck.slide_layouts[5])
        page.shapes.title.text = heading
        page.shapes.add_picture(
            io.BytesIO(images[key]), Inches(1.5), Inches(1.5), height=Inches(5.5)
        )
    slide("Who carries it on", carriers or ["To be agreed with the sponsors"])
    deck.save(str(path))

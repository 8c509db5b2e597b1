"""The deck file: every slide of the deliverable, written with the deck's layout kit."""

from __future__ import annotations

from pathlib import Path

from whoknows.i18n import Translator
from whoknows.report import deck_charts, deck_slides
from whoknows.report.content import Deliverable
from whoknows.report.deck import DeckWriter
from whoknows.services.engagement_rows import Overview


def write_deck(overview: Overview, deliverable: Deliverable, t: Translator, path: Path) -> None:
    """The deck: 16:9 slides, one idea each, native charts, the evidence in speaker notes."""
    writer = DeckWriter(deliverable, t)
    deck_slides.cover(writer)
    deck_slides.summary(writer)
    deck_charts.holders_slide(writer, overview)
    for section in deliverable.topics:
        deck_slides.topic(writer, section)
    deck_slides.tandem(writer)
    deck_slides.coaching(writer)
    deck_charts.transfer_slide(writer, overview)
    deck_charts.stakeholder_slide(writer, overview)
    deck_charts.roadmap_slide(writer, overview)
    deck_slides.risks(writer)
    writer.deck.save(str(path))

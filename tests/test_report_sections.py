"""Plug-in report sections: found by scanning whoknows.report.sections, built from the
engagement overview, shown after the built-in section they name, in the report's language."""

from __future__ import annotations

from whoknows.demo import set_up_engagement
from whoknows.i18n import translator
from whoknows.report import render_html, sections, summary
from whoknows.services import Audience, Services


def test_the_sources_section_is_found_built_and_placed(demo: Services) -> None:
    set_up_engagement(demo)
    overview = demo.engagements.overview("Platform resilience", Audience.LEADERSHIP, "2026-12-01")
    assert "sources" in {section.key for section in sections.sections()}
    for lang, heading, word in (
        ("en", "Where the evidence comes from", "Q&amp;A forum"),
        ("fr", "D'où viennent les preuves", "forum de questions-réponses"),
    ):
        t = translator(lang)
        deliverable = summary.build(t, overview)
        deliverable.extra = sections.views(t, overview, demo)
        [view] = deliverable.extra["risks"]
        assert view.key == "sources" and view.data
        html = render_html(deliverable, {"holders": b"", "transfer": b"", "roadmap": b""}, t)
        assert heading.replace("'", "&#39;") in html or heading in html
        assert html.index(heading.split()[0]) > html.index('<section class="risks">')
        assert word in html

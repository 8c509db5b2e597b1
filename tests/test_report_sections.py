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


def test_no_figure_stands_beside_an_unnamed_partner(demo: Services) -> None:
    """A strength and a latest date next to "proposed, not named yet" could point to the
    person (an attack on the demo's report)."""
    from whoknows.report.content import tandem_rows

    set_up_engagement(demo)
    name = "Platform resilience"
    named = demo.engagements.overview(name, Audience.LEADERSHIP, "2026-12-01")
    partners = [row.person_id for row in named.tandem if row.person_id is not None]
    demo.engagements.set_consent(name, str(partners[0]), "pending")
    overview = demo.engagements.overview(name, Audience.LEADERSHIP, "2026-12-01")
    t = translator("en")
    unnamed = [row for row in overview.tandem if row.person_id is not None and not row.named]
    assert unnamed, "the demo has a partner whose consent is pending"
    rows = {row.cells[0]: row.cells for row in tandem_rows(t, overview)}
    for row in unnamed:
        cells = rows[overview.topic_name(row.topic)]
        assert cells[1] == "proposed, not named yet"
        assert "Strength" not in cells[2] and "%" not in cells[2], cells


def test_the_running_header_prints_the_client_as_written(demo: Services) -> None:
    """An attacker's client "<b>Evil</b> =HYPERLINK(…)" printed as "&lt;b&gt;…" in the PDF's
    running header (HTML's escapes in a CSS string); a quote must not end the string."""
    import pypdfium2
    from weasyprint import HTML

    set_up_engagement(demo)
    overview = demo.engagements.overview("Platform resilience", Audience.LEADERSHIP, "2026-12-01")
    t = translator("en")
    deliverable = summary.build(t, overview)
    client = '<b>Evil</b> =HYPERLINK("x","c"); } body { color: red'
    deliverable.client = client
    html = render_html(deliverable, {"holders": b"", "transfer": b"", "roadmap": b""}, t)
    assert "</b>" not in html.split("</style>")[0]
    pdf = pypdfium2.PdfDocument(HTML(string=html).write_pdf())
    assert client in pdf[1].get_textpage().get_text_range()


def test_a_long_name_in_a_small_box_is_cut_not_refused() -> None:
    from whoknows.report import fit

    para = fit.Para("Kubernetes ingress controller migration", 16, True)
    cut = fit.cut_to_fit(para, 90, 16, 10)
    assert cut.text.endswith("…") and cut.text.startswith("Kubernetes")
    assert fit.fits([cut], 90, 16) and cut.size == 10
    assert fit.cut_to_fit(fit.Para("Supercalifragilistic", 16), 30, 14, 10).text.endswith("…")

"""The deck's text slides: cover, executive summary, one slide per topic, tandem, coaching,
risks and recommendations. Charts and the timeline are in ``deck_charts``."""

from __future__ import annotations

from pptx.util import Inches

from whoknows.i18n import N_
from whoknows.report.content import TopicSection
from whoknows.report.deck import BODY, MARGIN, MUTED, TONES, WHITE, Box, DeckWriter
from whoknows.report.fit import Para


def cover(w: DeckWriter) -> None:
    d, t = w.d, w.t
    page = w.deck.slides.add_slide(w.blank)
    w.text(
        page,
        Box(MARGIN, Inches(1.3), BODY.width, Inches(0.5)),
        [Para(d.client.upper(), 18)],
        colour=MUTED,
    )
    w.text(
        page,
        Box(MARGIN, Inches(1.9), BODY.width, Inches(1.5)),
        [Para(d.title, 44, True)],
        smallest=28,
    )
    subtitle = t.gettext(
        "Leadership report: the expertise inside, and how it carries the mission on"
    )
    w.text(page, Box(MARGIN, Inches(3.4), BODY.width, Inches(0.9)), [Para(subtitle, 22)])
    details = [
        Para(t.labelled(N_("Date"), d.date), 16),
        Para(t.labelled(N_("Mission"), d.period), 16),
        *([Para(t.labelled(N_("Prepared by"), d.authors), 16)] if d.authors else []),
    ]
    w.text(page, Box(MARGIN, Inches(4.5), BODY.width, Inches(1.4)), details)
    w.text(
        page,
        Box(MARGIN, Inches(6.3), BODY.width, Inches(0.6)),
        [Para(d.confidential, 14, True)],
        colour=TONES["risk"],
    )
    page.notes_slide.notes_text_frame.text = d.goal


def summary(w: DeckWriter) -> None:
    d = w.d
    page = w.slide(d.headline, [w.t.gettext("Executive summary"), *d.summary])
    card_width = (BODY.width - 2 * Inches(0.3)) // 3
    for index, figure in enumerate(d.figures):
        left = BODY.left + index * (card_width + Inches(0.3))
        shape = page.shapes.add_shape(1, left, BODY.top, card_width, Inches(1.9))
        shape.fill.solid()
        shape.fill.fore_color.rgb = TONES.get(figure.tone, MUTED)
        shape.line.fill.background()
        w.text(
            page,
            Box(
                left + Inches(0.15), BODY.top + Inches(0.1), card_width - Inches(0.3), Inches(0.85)
            ),
            [Para(figure.value, 36, True)],
            colour=WHITE,
            smallest=20,
        )
        w.text(
            page,
            Box(
                left + Inches(0.15), BODY.top + Inches(0.95), card_width - Inches(0.3), Inches(0.9)
            ),
            [Para(figure.label, 14)],
            colour=WHITE,
            smallest=10,
        )
    lines = [Para(line, 18) for line in d.summary]
    w.text(
        page, Box(BODY.left, BODY.top + Inches(2.2), BODY.width, BODY.height - Inches(2.2)), lines
    )


def topic(w: DeckWriter, s: TopicSection) -> None:
    t = w.t
    title = t.gettext("%(topic)s: %(verdict)s") % {"topic": s.name, "verdict": s.verdict}
    notes = [title, s.concentration, s.outside]
    for c in s.carriers:
        notes.append(f"{c.name} ({c.note})")
        notes += [f"  - {e.text} ({e.note}) {e.url or ''}" for e in c.evidence]
    notes += [s.claims, s.unrecognised]
    page = w.slide(title, notes)
    left: list[Para] = [Para(t.gettext("Carried by"), 16, True)]
    for c in s.carriers:
        left.append(Para(c.name + (f", {c.title}" if c.title else ""), 20, True))
        left.append(Para(c.note, 14))
    if not s.carriers:
        left.append(Para(t.gettext("Nobody inside who agreed to be named."), 18))
    if s.others:
        left.append(Para(t.gettext("Also holding it: %(people)s.") % {"people": s.others}, 14))
    half = (BODY.width - Inches(0.4)) // 2
    w.text(page, Box(BODY.left, BODY.top, half, BODY.height), left)
    right = [Para(t.gettext("Concentration"), 16, True), Para(s.concentration, 18)]
    if s.outside:
        right.append(Para(s.outside, 18))
    if s.claims:
        right += [Para(t.gettext("Claims to evidence"), 16, True), Para(s.claims, 16)]
    if s.unrecognised:
        right.append(Para(s.unrecognised, 16))
    w.text(page, Box(BODY.left + half + Inches(0.4), BODY.top, half, BODY.height), right)


def tandem(w: DeckWriter) -> None:
    t, d = w.t, w.d
    page = w.slide(
        t.gettext("The tandem: who works alongside the consultant"),
        [t.gettext("Expert–learner pairs"), *d.pairs],
    )
    w.table(
        page,
        BODY,
        [t.gettext("Topic"), t.gettext("Inside partner"), t.gettext("Why this person")],
        [r.cells for r in d.tandem],
        [0.18, 0.24, 0.58],
        size=16,
    )


def coaching(w: DeckWriter) -> None:
    t, d = w.t, w.d
    done = sum(p.done for p in d.plans)
    total = sum(p.total for p in d.plans)
    title = t.gettext("Coaching: %(done)s of %(total)s milestones done") % {
        "done": t.format_number(done),
        "total": t.format_number(total),
    }
    notes = [f"{p.heading}. {p.helpers}" for p in d.plans]
    page = w.slide(title, notes)
    rows = [[p.person, *r.cells] for p in d.plans for r in p.rows]
    if not rows:
        w.text(page, BODY, [Para(t.gettext("No coaching plan yet."), 20)])
        return
    w.table(
        page,
        BODY,
        [
            t.gettext("Person"),
            t.gettext("Milestone"),
            t.gettext("Due"),
            t.gettext("Measured"),
            t.gettext("Status"),
        ],
        rows,
        [0.17, 0.41, 0.14, 0.16, 0.12],
        size=16,
    )


def risks(w: DeckWriter) -> None:
    t, d = w.t, w.d
    page = w.slide(
        t.gettext("Risks and recommendations"), [f"{r.risk} → {r.recommendation}" for r in d.risks]
    )
    rows = [[r.risk, r.recommendation] for r in d.risks] or [
        [t.gettext("No risk found on the mission topics."), ""]
    ]
    w.table(
        page, BODY, [t.gettext("Risk"), t.gettext("Recommendation")], rows, [0.45, 0.55], size=16
    )

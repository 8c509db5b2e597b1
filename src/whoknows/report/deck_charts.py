"""The deck's native PowerPoint charts (editable: python-pptx chart objects) and the roadmap
timeline drawn with shapes."""

from __future__ import annotations

from datetime import date
from typing import Any

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from whoknows.report import words
from whoknows.report.deck import BODY, MUTED, Box, DeckWriter
from whoknows.report.fit import Para
from whoknows.services.engagement_rows import Overview, RoadmapRow

PALETTE = ["0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442"]
STANCE_X = {"opposed": -1.0, "neutral": 0.0, "unknown": 0.0, "sponsor": 1.0}


def _style(chart: object, legend: bool = True) -> None:
    chart.font.size, chart.font.name = Pt(14), "Arial"  # type: ignore[attr-defined]
    chart.has_legend = legend  # type: ignore[attr-defined]
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM  # type: ignore[attr-defined]
        chart.legend.include_in_layout = False  # type: ignore[attr-defined]


def holders_slide(w: DeckWriter, o: Overview) -> None:
    t = w.t
    notes = [
        t.gettext("%(topic)s: %(verdict)s")
        % {"topic": s.name, "verdict": f"{s.concentration} {s.outside}"}
        for s in w.d.topics
    ]
    page = w.slide(t.gettext("Who holds the evidence on each topic"), notes)
    data = CategoryChartData(number_format="0%")
    data.categories = [o.topic_name(x.topic) for x in o.topics]
    data.add_series(t.gettext("inside people"), [x.inside_share for x in o.topics])
    data.add_series(t.gettext("the mission's consultants"), [x.consultant_share for x in o.topics])
    data.add_series(
        t.gettext("other outside people"),
        [max(0.0, x.outside_share - x.consultant_share) for x in o.topics],
    )
    frame = page.shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED_100, BODY.left, BODY.top, BODY.width, BODY.height, data
    )
    chart = frame.chart
    _style(chart)
    for series, colour in zip(chart.series, ("0072B2", "D55E00", "BBBBBB"), strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(colour)
    chart.category_axis.reverse_order = True


def transfer_slide(w: DeckWriter, o: Overview) -> None:
    t = w.t
    page = w.slide(
        t.gettext("Share of the evidence made by inside people (three-month trend)"),
        [" · ".join(r.cells) for r in w.d.transfer],
    )
    if not o.transfer:
        return
    data = CategoryChartData(number_format="0%")
    data.categories = [t.format_month(m) for m in o.transfer[0].months]
    for series in o.transfer:
        data.add_series(o.topic_name(series.topic), list(series.trend))
    frame = page.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, BODY.left, BODY.top, BODY.width, BODY.height, data
    )
    chart = frame.chart
    _style(chart)
    chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 1.0, 0.0
    chart.value_axis.tick_labels.number_format = "0%"
    chart.value_axis.tick_labels.number_format_is_linked = False
    for index, line in enumerate(chart.series):
        colour = RGBColor.from_string(PALETTE[index % len(PALETTE)])
        line.format.line.color.rgb = colour
        line.format.line.width = Pt(2.5)
        line.marker.style = XL_MARKER_STYLE.CIRCLE
        line.marker.format.fill.solid()
        line.marker.format.fill.fore_color.rgb = colour
        line.smooth = False


STANCES = ("sponsor", "neutral", "unknown", "opposed")
STANCE_COLOURS = {
    "sponsor": "1C6B3A",
    "neutral": "4A5561",
    "unknown": "56B4E9",
    "opposed": "B00020",
}


def _stakeholder_points(o: Overview) -> dict[str, list[tuple[float, int, str]]]:
    """Per stance, (x, influence, name): people on the same spot are spread sideways."""
    taken: dict[tuple[float, int], int] = {}
    points: dict[str, list[tuple[float, int, str]]] = {}
    for stance in STANCES:
        for person in (s for s in o.stakeholders if s.stance == stance):
            spot = (STANCE_X[stance], person.influence)
            shift = taken.get(spot, 0)
            taken[spot] = shift + 1
            x = spot[0] + 0.45 * ((shift + 1) // 2) * (1 if shift % 2 else -1)
            points.setdefault(stance, []).append((x, person.influence, person.name))
    return points


def stakeholder_slide(w: DeckWriter, o: Overview) -> None:
    """Stance (opposed, neutral, sponsor) against influence, people named with consent."""
    t = w.t
    notes = [" · ".join(c for c in r.cells if c) for r in w.d.stakeholders]
    page = w.slide(t.gettext("Stakeholder map: stance and influence"), notes)
    points = _stakeholder_points(o)
    data = XyChartData()
    for stance, spots in points.items():
        series = data.add_series(words.stance(t, stance))
        for x, y, _ in spots:
            series.add_data_point(x, y)
    height = BODY.height - Inches(1.0)
    frame = page.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER, BODY.left, BODY.top, BODY.width, height, data
    )
    chart = frame.chart
    _style(chart, legend=False)
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, 5.5
    chart.category_axis.minimum_scale, chart.category_axis.maximum_scale = -1.8, 1.8
    chart.category_axis.crosses = XL_AXIS_CROSSES.MINIMUM
    chart.category_axis.has_major_gridlines = False
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    for plot_series, (stance, spots) in zip(chart.plots[0].series, points.items(), strict=True):
        colour = RGBColor.from_string(STANCE_COLOURS[stance])
        plot_series.marker.style, plot_series.marker.size = XL_MARKER_STYLE.CIRCLE, 14
        plot_series.marker.format.fill.solid()
        plot_series.marker.format.fill.fore_color.rgb = colour
        for index, (_, _, name) in enumerate(spots):
            label = plot_series.points[index].data_label
            label.has_text_frame = True
            label.text_frame.text = name
            label.position = XL_LABEL_POSITION.ABOVE
            label.font.size = Pt(12)
    third = BODY.width // 3
    for index, stance in enumerate(("opposed", "neutral", "sponsor")):
        w.text(
            page,
            Box(BODY.left + index * third, BODY.top + height, third, Inches(0.45)),
            [Para(words.stance(t, stance), 14, True)],
            colour=MUTED,
            centred=True,
        )
    caption = t.gettext("Influence from 1 to 5, upwards.")
    if w.d.stakeholders_note:
        caption += " " + t.gettext("Also on the map: %(people)s.") % {
            "people": w.d.stakeholders_note
        }
    w.text(
        page,
        Box(BODY.left, BODY.top + height + Inches(0.5), BODY.width, Inches(0.45)),
        [Para(caption, 12)],
        colour=MUTED,
    )


def roadmap_slide(w: DeckWriter, o: Overview) -> None:
    """The roadmap after the mission as a timeline: one lane per topic."""
    t = w.t
    rows = sorted(o.roadmap.rows, key=lambda r: r.due)
    notes = [" · ".join(r.cells) for r in w.d.roadmap] + [w.d.roadmap_note]
    page = w.slide(t.gettext("Roadmap after the mission"), notes)
    if not rows:
        return
    lanes = list(dict.fromkeys(r.topic for r in rows))
    label_width, lane_height = (
        Inches(1.9),
        min(Inches(1.3), (BODY.height - Inches(0.6)) // len(lanes)),
    )
    axis_left, axis_width = BODY.left + label_width, BODY.width - label_width - Inches(1.6)
    first = date.fromisoformat(o.engagement.end or rows[0].made)
    last = max(date.fromisoformat(r.due) for r in rows)
    span = max((last - first).days, 1)

    def x(day: str) -> int:
        return int(axis_left + axis_width * (date.fromisoformat(day) - first).days / span)

    top = BODY.top + Inches(0.5)
    for index, lane in enumerate(lanes):
        marks = [(x(r.due), r) for r in rows if r.topic == lane]
        _lane(
            w,
            page,
            o,
            top + index * lane_height,
            lane_height,
            index,
            marks,
            (axis_left, axis_width, label_width),
        )
    end_x = x(first.isoformat())
    # (an engagement without an end date: no day it ends, the day the roadmap counts from)
    said = (
        t.gettext("counted from %(date)s")
        if o.roadmap.assumed_end
        else t.gettext("mission ends %(date)s")
    )
    w.text(
        page,
        Box(end_x - Inches(0.2), BODY.top, Inches(4), Inches(0.4)),
        [Para(said % {"date": t.format_date(first, "medium")}, 12)],
        colour=MUTED,
    )


def _lane(
    w: DeckWriter,
    page: Any,
    o: Overview,
    y: int,
    lane_height: int,
    index: int,
    marks: list[tuple[int, RoadmapRow]],
    geometry: tuple[int, int, int],
) -> None:
    """One topic's lane of the roadmap: its name, a line, a diamond and a label per milestone."""
    t = w.t
    axis_left, axis_width, label_width = geometry
    lane = marks[0][1].topic
    w.text(
        page,
        Box(BODY.left, y, label_width - Inches(0.1), max(Inches(0.45), lane_height - Inches(0.4))),
        [Para(o.topic_name(lane), 16, True)],
        smallest=10,
    )
    line = page.shapes.add_connector(
        1, axis_left, y + Inches(0.22), axis_left + axis_width, y + Inches(0.22)
    )
    line.line.color.rgb = RGBColor(0xB9, 0xC2, 0xCC)
    for centre, row in marks:
        marker = page.shapes.add_shape(
            MSO_SHAPE.DIAMOND, centre - Inches(0.12), y + Inches(0.1), Inches(0.24), Inches(0.24)
        )
        marker.fill.solid()
        marker.fill.fore_color.rgb = RGBColor.from_string(PALETTE[index % len(PALETTE)])
        marker.line.fill.background()
        owner = row.owner if row.named else t.gettext("owner not named yet")
        w.text(
            page,
            Box(centre - Inches(0.85), y + Inches(0.36), Inches(1.7), lane_height - Inches(0.4)),
            [Para(t.format_date(row.due, "medium"), 12, True), Para(owner, 12)],
            smallest=9,
        )

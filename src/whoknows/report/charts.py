"""Charts of the report and the engagement page (matplotlib, PNG bytes), in one language.

The deck draws its own native PowerPoint charts (``whoknows.report.deck_charts``)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from whoknows.engage.analysis import TransferSeries
from whoknows.i18n import Translator, translator
from whoknows.services.engagement_rows import Overview

# one colour per series, distinct in print and for the common colour-vision deficiencies
# (Okabe-Ito); inside / consultants / other outside people keep theirs everywhere
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
INSIDE, CONSULTANTS, OUTSIDE = "#0072B2", "#D55E00", "#BBBBBB"
INK, MUTED = "#1b1f24", "#4a5561"
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.edgecolor": MUTED})


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _clean(axis: Any) -> None:
    for side in ("top", "right"):
        axis.spines[side].set_visible(False)


def holders(overview: Overview, t: Translator) -> bytes:
    """Who holds each topic's evidence: inside people, the consultants, other outside people."""
    topics = overview.topics
    names = [overview.topic_name(x.topic) for x in topics]
    inside = [x.inside_share for x in topics]
    consultants = [x.consultant_share for x in topics]
    other = [max(0.0, x.outside_share - x.consultant_share) for x in topics]
    figure, axis = plt.subplots(figsize=(7.2, 0.7 + 0.42 * len(topics)))
    left = [0.0] * len(topics)
    for values, colour, label in (
        (inside, INSIDE, t.gettext("inside people")),
        (consultants, CONSULTANTS, t.gettext("the mission's consultants")),
        (other, OUTSIDE, t.gettext("other outside people")),
    ):
        axis.barh(names, values, left=left, color=colour, label=label, height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for index, topic in enumerate(topics):
        axis.text(
            1.02,
            index,
            t.ngettext(
                "half held by %(count)s person",
                "half held by %(count)s people",
                topic.inside_bus_factor,
            )
            % {"count": t.format_number(topic.inside_bus_factor)}
            if topic.inside_bus_factor
            else t.gettext("no inside evidence"),
            va="center",
            fontsize=8,
            color=INK,
        )
    axis.set_xlim(0, 1)
    axis.xaxis.set_major_formatter(FuncFormatter(lambda v, _: t.format_percent(v)))
    axis.invert_yaxis()
    _clean(axis)
    axis.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, frameon=False)
    axis.set_title(t.gettext("Who holds the evidence on each topic"), loc="left", color=INK)
    return _png(figure)


def _month_labels(t: Translator, months: list[str]) -> list[str]:
    """Short month names, the year under the first and under each January: full "févr. 2026"
    labels ran into each other over ten months."""
    return [
        t.format_date(month + "-01", "MMM")
        + ("\n" + month[:4] if index == 0 or month.endswith("-01") else "")
        for index, month in enumerate(months)
    ]


def transfer(
    series: list[TransferSeries],
    start: str,
    t: Translator | None = None,
    names: dict[str, str] | None = None,
    end: str | None = None,
) -> bytes:
    """Skill transfer as a trend: per topic, the share of the evidence made by inside people
    over the three months up to each month."""
    t = t or translator()
    names = names or {}
    figure, axis = plt.subplots(figsize=(7.2, 3.2))
    months = series[0].months if series else []
    for index, line in enumerate(series):
        values = [float("nan") if v is None else v for v in (line.trend or line.inside_share)]
        axis.plot(
            range(len(months)),
            values,
            marker="o",
            markersize=3,
            linewidth=2,
            label=names.get(line.topic, line.topic),
            color=PALETTE[index % len(PALETTE)],
        )
    for when, text in ((start, t.gettext("mission starts")), (end, t.gettext("mission ends"))):
        if when and when[:7] in months:
            position = months.index(when[:7])
            axis.axvline(position, color=MUTED, linestyle="--", linewidth=1)
            axis.text(position + 0.1, 1.04, text, fontsize=8, color=MUTED)
    axis.set_xticks(range(len(months)), _month_labels(t, months), fontsize=8)
    axis.set_ylim(0, 1.1)
    axis.yaxis.set_major_formatter(FuncFormatter(lambda v, _: t.format_percent(v)))
    _clean(axis)
    axis.legend(
        fontsize=8,
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=min(4, max(1, len(series))),
    )
    axis.set_title(
        t.gettext("Share of the evidence made by inside people (three-month trend)"),
        loc="left",
        color=INK,
    )
    return _png(figure)


def roadmap(overview: Overview, t: Translator) -> bytes:
    """The roadmap as a timeline: one lane per topic, milestones at their due dates."""
    rows = sorted(overview.roadmap.rows, key=lambda r: r.due)
    lanes = list(dict.fromkeys(r.topic for r in rows))
    figure, axis = plt.subplots(figsize=(7.2, 0.9 + 0.45 * max(1, len(lanes))))
    end = overview.engagement.end
    days = [date.fromisoformat(r.due) for r in rows]
    for row, day in zip(rows, days, strict=True):
        lane = lanes.index(row.topic)
        colour = PALETTE[lane % len(PALETTE)]
        axis.plot([day.toordinal()], [lane], marker="D", color=colour, markersize=7)
    if end:
        axis.axvline(date.fromisoformat(end).toordinal(), color=MUTED, linestyle="--")
        axis.text(
            date.fromisoformat(end).toordinal(),
            -0.7,
            t.gettext("mission ends"),
            fontsize=8,
            color=MUTED,
        )
    ticks = sorted({d.replace(day=1).toordinal() for d in days})
    axis.set_xticks(ticks, [t.format_month(date.fromordinal(x)) for x in ticks], fontsize=8)
    axis.set_yticks(range(len(lanes)), [overview.topic_name(x) for x in lanes])
    axis.set_ylim(len(lanes) - 0.4, -1)
    _clean(axis)
    axis.set_title(t.gettext("Milestones after the mission, by due date"), loc="left", color=INK)
    return _png(figure)

"""Charts for the leadership report and deck (matplotlib, rendered to PNG bytes)."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from whoknows.engage.analysis import TransferSeries
from whoknows.services.engagements import TopicOverview

COLORS = [
    "#0b5cad",
    "#e07b00",
    "#1c6b3a",
    "#8a2be2",
    "#b00020",
    "#4a5561",
    "#008b8b",
    "#a0522d",
    "#708090",
]


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def expertise_spread(topics: list[TopicOverview]) -> bytes:
    """Share of each topic's evidence by department (stacked bars)."""
    departments = sorted({d for t in topics for d in t.departments})
    figure, axis = plt.subplots(figsize=(7, 0.6 + 0.55 * len(topics)))
    lefts = [0.0] * len(topics)
    for index, department in enumerate(departments):
        widths = [100 * t.departments.get(department, 0.0) for t in topics]
        axis.barh(
            [t.topic for t in topics],
            widths,
            left=lefts,
            label=department,
            color=COLORS[index % len(COLORS)],
        )
        lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
    axis.set_xlabel("share of the topic's evidence (%)")
    axis.set_xlim(0, 100)
    axis.invert_yaxis()
    axis.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=4, fontsize=8, frameon=False)
    axis.set_title("Where the expertise sits")
    return _png(figure)


def concentration(topics: list[TopicOverview]) -> bytes:
    """How many people hold half of each topic's evidence."""
    figure, axis = plt.subplots(figsize=(7, 0.6 + 0.5 * len(topics)))
    values = [t.bus_factor for t in topics]
    colors = ["#b00020" if v <= 1 else "#e07b00" if v == 2 else "#1c6b3a" for v in values]
    axis.barh([t.topic for t in topics], values, color=colors)
    axis.set_xlabel("people holding half of the evidence (1 = knowledge held by one person)")
    axis.invert_yaxis()
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title("Concentration risk")
    return _png(figure)


def transfer(series: list[TransferSeries], start: str) -> bytes:
    """Share of each topic's evidence produced by inside people, month by month."""
    figure, axis = plt.subplots(figsize=(7, 3.6))
    months = series[0].months if series else []
    for index, line in enumerate(series):
        values = [float("nan") if v is None else 100 * v for v in line.inside_share]
        axis.plot(months, values, marker="o", label=line.topic, color=COLORS[index % len(COLORS)])
    start_month = start[:7]
    if start_month in months:
        axis.axvline(months.index(start_month), color="#4a5561", linestyle="--", linewidth=1)
        axis.text(months.index(start_month), 102, "mission starts", fontsize=8, color="#4a5561")
    axis.set_ylim(0, 110)
    axis.set_ylabel("evidence by inside people (%)")
    axis.tick_params(axis="x", labelrotation=45, labelsize=8)
    axis.legend(fontsize=8, frameon=False, loc="lower left")
    axis.set_title("Skill transfer: the client's own people carry the topics")
    return _png(figure)

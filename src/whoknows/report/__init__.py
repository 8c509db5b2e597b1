"""Leadership report (HTML, PDF) and deck (PowerPoint) of an engagement."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from whoknows.report import charts
from whoknows.services import Audience, Services
from whoknows.services.engagements import Overview

TEMPLATES = Path(__file__).parent / "templates"
TRANSFER_MONTHS = 6


@dataclass
class ReportFiles:
    html: Path
    pdf: Path
    pptx: Path


def carriers(overview: Overview) -> list[str]:
    """The inside people who carry the topics on: tandem partners and learners, named."""
    names = [t.partner for t in overview.tandem if t.partner]
    names += [p.learner for p in overview.pairs] + [p.person for p in overview.plans]
    return [n for n in dict.fromkeys(names) if "consent pending" not in n]


def build(overview: Overview, out: Path) -> ReportFiles:
    out.mkdir(parents=True, exist_ok=True)
    images = {
        "spread": charts.expertise_spread(overview.topics),
        "concentration": charts.concentration(overview.topics),
        "transfer": charts.transfer(overview.transfer, overview.engagement.start),
    }
    for name, data in images.items():
        (out / f"{name}.png").write_bytes(data)
    months = overview.transfer[0].months[-TRANSFER_MONTHS:] if overview.transfer else []
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"])
    )
    html = environment.get_template("report.html").render(
        e=overview.engagement,
        topics=overview.topics,
        gaps=overview.gaps,
        tandem=overview.tandem,
        pairs=overview.pairs,
        stakeholders=overview.stakeholders,
        plans=overview.plans,
        transfer=overview.transfer,
        transfer_months=months,
        transfer_from=-len(months) or None,
        carriers=carriers(overview),
        charts={k: base64.b64encode(v).decode() for k, v in images.items()},
    )
    slug = "".join(c if c.isalnum() else "-" for c in overview.engagement.name.lower())
    files = ReportFiles(out / f"{slug}.html", out / f"{slug}.pdf", out / f"{slug}.pptx")
    files.html.write_text(html, encoding="utf-8")
    from weasyprint import HTML

    HTML(string=html, base_url=str(out)).write_pdf(files.pdf)
    from whoknows.report.deck import write_deck

    write_deck(overview, images, carriers(overview), files.pptx)
    return files


def write_report(services: Services, engagement: str, out: Path | None = None) -> ReportFiles:
    """The leadership report of an engagement: only people who consented are named."""
    overview = services.engagements.overview(engagement, Audience.LEADERSHIP)
    return build(overview, out or services.settings.workspace / "reports")

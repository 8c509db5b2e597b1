"""Writing the deliverable: the HTML, the PDF (WeasyPrint) and the deck (python-pptx)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from whoknows.i18n import Translator, install_jinja, translator
from whoknows.privacy.report_manifest import remember_reports
from whoknows.report import sections, summary

if TYPE_CHECKING:  # matplotlib and the services load when a report is made, not on import
    from whoknows.report.content import Deliverable
    from whoknows.services import Services
    from whoknows.services.engagement_rows import Overview

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class ReportFiles:
    html: Path
    pdf: Path
    pptx: Path


def render_html(deliverable: Deliverable, images: dict[str, bytes], t: Translator) -> str:
    environment = Environment(
        loader=FileSystemLoader([TEMPLATES, sections.TEMPLATES]),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    install_jinja(environment, t)
    environment.filters["css_string"] = css_string
    return environment.get_template("report.html").render(
        d=deliverable, charts={k: base64.b64encode(v).decode() for k, v in images.items()}
    )


def css_string(text: object) -> Markup:
    """``text`` as the inside of a CSS string in a ``<style>`` block: every character that is
    not a letter, a digit or a space written as a CSS escape (HTML's escapes are not read
    there: a client's "<b>" had printed as "&lt;b&gt;" in the PDF's running header), so no
    quote ends the string and no "</style>" the block."""
    return Markup("".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text)))


def images_of(overview: Overview, t: Translator) -> dict[str, bytes]:
    from whoknows.report import charts

    return {
        "holders": charts.holders(overview, t),
        "transfer": charts.transfer(
            overview.transfer,
            overview.engagement.start,
            t,
            overview.topic_names,
            overview.engagement.end,
        ),
        "roadmap": charts.roadmap(overview, t),
    }


def build(
    overview: Overview, out: Path, t: Translator, services: Services | None = None
) -> ReportFiles:
    """Writes NAME[.lang].html, .pdf and .pptx for an overview (leadership audience); with
    the services, the plug-in sections too."""
    out.mkdir(parents=True, exist_ok=True)
    deliverable = summary.build(t, overview)
    if services is not None:
        deliverable.extra = sections.views(t, overview, services)
    images = images_of(overview, t)
    slug = "".join(c if c.isalnum() else "-" for c in overview.engagement.name.lower())
    if t.lang != "en":
        slug += f".{t.lang}"
    files = ReportFiles(out / f"{slug}.html", out / f"{slug}.pdf", out / f"{slug}.pptx")
    html = render_html(deliverable, images, t)
    files.html.write_text(html, encoding="utf-8")
    from weasyprint import HTML

    HTML(string=html, base_url=str(out)).write_pdf(files.pdf)
    from whoknows.report.deck_file import write_deck

    write_deck(overview, deliverable, t, files.pptx)
    return files


def write_report(
    services: Services,
    engagement: str,
    out: Path | None = None,
    lang: str | None = None,
    as_of: str | date | None = None,
) -> ReportFiles:
    """The leadership report and deck of an engagement: only people who consented are named;
    ``lang`` defaults to the ``lang`` setting, ``as_of`` to today."""
    from whoknows.services import Audience

    overview = services.engagements.overview(engagement, Audience.LEADERSHIP, as_of)
    t = translator(lang or services.settings.lang)
    files = build(overview, out or services.settings.workspace / "reports", t, services)
    remember_reports(services.settings.workspace, [files.html, files.pdf, files.pptx])
    return files

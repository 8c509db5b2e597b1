"""Images of the demo engagement's deliverable for docs/report/: every page of the PDF report
(English and French) and every slide of the deck as LibreOffice renders it.

    PYTHONPATH=src python scripts/report_images.py [WORKSPACE]

WORKSPACE is a demo workspace (`whoknows demo`); without it one is built in a temporary
folder. The report is written as of 2026-12-01, Derek Hollis's plan made on 2026-09-15.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "report"
AS_OF, PLAN_MADE = "2026-12-01", "2026-09-15"


def workspace(folder: Path) -> Path:
    from whoknows.demo import write_sample_org
    from whoknows.services import open_services
    from whoknows.settings import load_settings

    services = open_services(
        load_settings(environ={}, workspace=folder / "ws", dense=False, learn=False)
    )
    for source in write_sample_org(folder / "org"):
        services.ingest.ingest(source.connector, source.path, options=source.options)
    services.close()
    return folder / "ws"


def render(pdf: Path, prefix: str, scale: float) -> None:
    document = pypdfium2.PdfDocument(str(pdf))
    for number, page in enumerate(document, 1):
        page.render(scale=scale).to_pil().save(OUT / f"{prefix}-{number:02d}.png", optimize=True)


def main(argv: list[str]) -> None:
    from whoknows.demo import load_engagement, set_up_engagement

    ENGAGEMENT = load_engagement().name
    from whoknows.report import write_report
    from whoknows.services import open_services
    from whoknows.settings import load_settings

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        source = Path(argv[0]) if argv else workspace(folder)
        shutil.copytree(source, folder / "copy")
        services = open_services(
            load_settings(environ={}, workspace=folder / "copy", dense=False, learn=False)
        )
        set_up_engagement(services)
        services.engagements.coach(ENGAGEMENT, "Derek Hollis", ["kafka"], made=PLAN_MADE)
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.png"):
            old.unlink()
        for lang in ("en", "fr"):
            files = write_report(services, ENGAGEMENT, folder / "out", lang, AS_OF)
            render(files.pdf, f"report-{lang}", 1.2)
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder / "deck"),
                    str(files.pptx),
                ],
                check=True,
                capture_output=True,
            )
            render(folder / "deck" / files.pptx.with_suffix(".pdf").name, f"deck-{lang}", 1.0)
        services.close()


if __name__ == "__main__":
    main(sys.argv[1:])

"""Write the sample organization from its data files (``demo/data``), as the manifest lists them.

The text exports (Stack Exchange XML, mbox, maildir, Slack JSON, documents, JSON lines, CSV)
are copied as they are; the rest is built from compact text sources: a folder zipped (Slack),
``NAME.pdf.yaml`` / ``NAME.docx.yaml`` rendered as PDF / DOCX, and a git repository replayed
from a YAML list of commits with fixed authors and dates, so every run writes the same files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from whoknows.ingest import connectors

DATA = Path(__file__).with_name("data")
MANIFEST = "manifest.yaml"
FIXED_ZIP_TIME = (2026, 11, 30, 12, 0, 0)
# when the sample's documents were last written: the date of those that say none (the
# connector dates such a document by its file, which a copy made today)
DOCUMENTS_WRITTEN = datetime(2025, 9, 15, 9, 0, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class SampleSource:
    """One export of the sample organization: what reads it, where it is, with which options."""

    connector: str
    path: Path
    options: dict[str, str] = field(default_factory=dict)


def read_data(name: str) -> Any:
    """A YAML data file of the sample organization, parsed."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def write_sample_org(out: Path) -> list[SampleSource]:
    """Write every export of the sample organization under ``out``, in ingest order.

    The git repository is left out when git is not installed."""
    return _write(read_data(MANIFEST)["sources"], out)


def write_later_exports(out: Path) -> list[SampleSource]:
    """Write the exports ingested after the engagement is set up (November) under ``out``."""
    return _write(read_data(MANIFEST)["later"], out)


def _write(entries: list[dict[str, Any]], out: Path) -> list[SampleSource]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in entries:
        source = _write_entry(DATA, entry, out)
        if source is not None:
            written.append(source)
    return written


def _write_entry(data: Path, entry: dict[str, Any], out: Path) -> SampleSource | None:
    connector = str(entry["connector"])
    target = out / str(entry["path"])
    origin = data / str(entry.get("from", entry["path"]))
    build = BUILDERS[str(entry.get("build", "copy"))]
    _remove(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not build(origin, target):
        return None
    path_options = {o.key for o in connectors()[connector].options if o.is_path}
    options = {}
    for key, value in dict(entry.get("options") or {}).items():
        if key in path_options:
            shutil.copyfile(data / str(value), out / str(value))
            value = out / str(value)
        options[str(key)] = str(value)
    return SampleSource(connector, target, options)


def _remove(target: Path) -> None:
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()


def _copy(origin: Path, target: Path) -> bool:
    if origin.is_dir():
        shutil.copytree(origin, target)
    else:
        shutil.copyfile(origin, target)
    return True


def _zip(origin: Path, target: Path) -> bool:
    """The folder as a zip file."""
    paths = sorted(p for p in origin.rglob("*") if p.is_file())
    _write_zip(target, [(p.relative_to(origin).as_posix(), p.read_bytes()) for p in paths])
    return True


def _write_zip(target: Path, entries: list[tuple[str, bytes]]) -> None:
    """A zip file with fixed entry times, so that two runs write the same bytes."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), content, zipfile.ZIP_DEFLATED)


def _documents(origin: Path, target: Path) -> bool:
    """Copy the documents folder, rendering each ``NAME.pdf.yaml`` / ``NAME.docx.yaml``."""
    shutil.copytree(origin, target, ignore=shutil.ignore_patterns("*.pdf.yaml", "*.docx.yaml"))
    for copied in target.rglob("*"):
        os.utime(copied, (DOCUMENTS_WRITTEN, DOCUMENTS_WRITTEN))
    for source in sorted(origin.rglob("*.yaml")):
        document = Path(source.relative_to(origin).as_posix().removesuffix(".yaml"))
        if document.suffix in RENDERERS:
            spec = yaml.safe_load(source.read_text(encoding="utf-8"))
            RENDERERS[document.suffix](spec, target / document)
    return True


def _pdf(spec: dict[str, Any], path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(spec["title"])
    pdf.set_author(", ".join(spec["authors"]))
    pdf.set_keywords(", ".join(spec["keywords"]))
    pdf.set_creation_date(datetime.fromisoformat(spec["date"]))
    pdf.add_page()
    pdf.set_font("helvetica", size=16)
    pdf.multi_cell(0, 10, _latin1(spec["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    for paragraph in spec["paragraphs"]:
        pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


def _docx(spec: dict[str, Any], path: Path) -> None:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = spec["title"]
    properties.author = ", ".join(spec["authors"])
    properties.keywords = ", ".join(spec["keywords"])
    created = datetime.fromisoformat(spec["date"]).replace(tzinfo=None)
    properties.created = properties.modified = created
    document.add_heading(spec["title"], level=1)
    for paragraph in spec["paragraphs"]:
        document.add_paragraph(paragraph)
    document.save(str(path))
    with zipfile.ZipFile(path) as saved:  # python-docx stamps its parts with the time of day
        parts = [(name, saved.read(name)) for name in saved.namelist()]
    _write_zip(path, parts)


def _latin1(text: str) -> str:
    """The core PDF fonts cover Latin-1 only."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _git_repository(origin: Path, target: Path) -> bool:
    """Replay the commits of ``origin`` (YAML) into a new repository; False without git."""
    if shutil.which("git") is None:
        return False
    history = yaml.safe_load(origin.read_text(encoding="utf-8"))
    target.mkdir(parents=True)
    _git(target, "init", "-q", "-b", "main")
    _git(target, "config", "commit.gpgsign", "false")
    for commit in history["commits"]:
        _replay(target, commit)
    return True


def _replay(repo: Path, commit: dict[str, Any]) -> None:
    """One commit on main or on a side branch (``branch``), or a merge of one (``merge``)."""
    name, email = str(commit["author"]).removesuffix(">").split(" <")
    stamp = str(commit["date"])
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": stamp}
    env |= {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
    env["GIT_COMMITTER_DATE"] = stamp
    message = str(commit["message"])
    if "merge" in commit:
        _git(repo, "merge", "-q", "--no-ff", "-m", message, str(commit["merge"]), env=env)
        return
    branch = commit.get("branch")
    if branch:
        known = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "-q", "--verify", f"refs/heads/{branch}"],
            capture_output=True,
        )
        _git(repo, "checkout", "-q", *(() if known.returncode == 0 else ("-b",)), str(branch))
    for relative, content in dict(commit["files"]).items():
        path = repo / str(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(content), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, env=env)
    if branch:
        _git(repo, "checkout", "-q", "main")


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        env={**os.environ, **(env or {})},
    )


BUILDERS: dict[str, Callable[[Path, Path], bool]] = {
    "copy": _copy,
    "zip": _zip,
    "documents": _documents,
    "git": _git_repository,
}
RENDERERS: dict[str, Callable[[dict[str, Any], Path], None]] = {".pdf": _pdf, ".docx": _docx}

"""Writers for the demo's documents, git repository, postmortems and directory."""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

from whoknows.demo.content import TEXT
from whoknows.demo.generate import moment, pick_expert
from whoknows.demo.people import BY_KEY, STAFF, TOPICS, Employee

DOC_FORMATS = (".md", ".html", ".pdf", ".docx", ".txt")


def write_documents(folder: Path, authors_csv: Path, rng: random.Random) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    mapping: list[tuple[str, str]] = []
    counter = 0
    for topic in TOPICS:
        for title, body in TEXT[topic].docs:
            author = pick_expert(rng, topic)
            when = moment(rng, author)
            suffix = DOC_FORMATS[counter % len(DOC_FORMATS)]
            counter += 1
            slug = "-".join(w.strip(":,").lower() for w in title.split()[:5])
            path = folder / topic / f"{slug}{suffix}"
            path.parent.mkdir(exist_ok=True)
            authors = [author.name]
            if topic == "payments":
                authors.append("J. Álvarez")  # initials resolve to José Álvarez
            _write_document(path, title, body, authors, when, TEXT[topic].tags)
            if suffix == ".txt":
                mapping.append((path.relative_to(folder).as_posix(), "; ".join(authors)))
    handbook = folder / "company" / "travel-policy.md"
    handbook.parent.mkdir(exist_ok=True)
    _write_document(
        handbook,
        "Travel policy",
        "Book trains for trips under four hours. "
        "Expenses are reimbursed through the finance portal within 30 days.",
        [BY_KEY["e14"].name],
        datetime(2024, 3, 1, tzinfo=UTC),
        ("policy",),
    )
    with authors_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "authors"])
        writer.writerows(mapping)


def _write_document(
    path: Path, title: str, body: str, authors: list[str], when: datetime, tags: tuple[str, ...]
) -> None:
    paragraphs = [body, f"Last reviewed on {when:%d %B %Y}. Questions go to the authors."]
    if path.suffix == ".md":
        import yaml

        front = {
            "title": title,
            "author": authors if len(authors) > 1 else authors[0],
            "date": when.date(),
            "tags": list(tags),
        }
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        path.write_text(
            f"---\n{header}---\n\n# {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    elif path.suffix == ".html":
        path.write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f'</title><meta name="author" content="{escape(", ".join(authors))}">'
            f'<meta name="date" content="{when:%Y-%m-%d}">'
            f'<meta name="keywords" content="{escape(", ".join(tags))}"></head><body>'
            f"<h1>{escape(title)}</h1>"
            + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            + "<script>console.log('analytics')</script></body></html>",
            encoding="utf-8",
        )
    elif path.suffix == ".txt":
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    elif path.suffix == ".pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_title(title)
        pdf.set_author(", ".join(authors))
        pdf.set_keywords(", ".join(tags))
        pdf.set_creation_date(when)
        pdf.add_page()
        pdf.set_font("helvetica", size=16)
        pdf.multi_cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.output(str(path))
    elif path.suffix == ".docx":
        import docx

        document = docx.Document()
        document.core_properties.title = title
        document.core_properties.author = ", ".join(authors)
        document.core_properties.keywords = ", ".join(tags)
        document.core_properties.created = when.replace(tzinfo=None)
        document.add_heading(title, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        document.save(str(path))


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


# -- git -----------------------------------------------------------------------------------

MAILMAP = "Tomás Ferreira <tomas.ferreira@corvid.example> tferreira <tomas@ferreira-home.example>\n"


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        env={**os.environ, **(env or {})},
    )


def _commit(
    repo: Path, name: str, email: str, when: datetime, message: str, files: dict[str, str]
) -> None:
    for relative, content in files.items():
        target = repo / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    _git(repo, "add", "-A")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    _git(
        repo,
        "commit",
        "-q",
        "-m",
        message,
        env={
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": stamp,
        },
    )


def write_git(repo: Path, rng: random.Random) -> bool:
    """A platform repository with real history; False when git is not installed."""
    if shutil.which("git") is None:
        return False
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "commit.gpgsign", "false")
    start = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)
    _commit(
        repo,
        "Helen Baptiste",
        BY_KEY["e12"].email,
        start,
        "Initial platform repository",
        {"README.md": "# Corvid platform\n", ".mailmap": MAILMAP},
    )
    commits: list[tuple[datetime, Employee, str, tuple[str, ...]]] = []
    for topic in TOPICS:
        for message, files in TEXT[topic].commits:
            for round_ in range(2):
                author = pick_expert(rng, topic)
                commits.append(
                    (
                        moment(rng, author),
                        author,
                        message if round_ == 0 else f"{message} (follow-up)",
                        files,
                    )
                )
    commits.sort(key=lambda c: c[0])
    for index, (when, author, message, files) in enumerate(commits):
        email = author.email
        name = author.name
        if author.key == "e03" and index % 2:
            name, email = "tferreira", "tomas@ferreira-home.example"  # joined by .mailmap
        contents = {f: f"# {message}\n# revision {index}\n" for f in files}
        _commit(repo, name, email, when, message, contents)
    bot_day = datetime(2026, 2, 2, 6, 0, tzinfo=UTC)
    for version in ("2.31.1", "2.32.0", "2.32.3"):
        _commit(
            repo,
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com",
            bot_day,
            f"Bump requests from 2.30.0 to {version}",
            {"services/event-sink/requirements.txt": f"requests=={version}\n"},
        )
        bot_day += timedelta(days=20)
    lukas = BY_KEY["e21"]
    bulk = {
        f"charts/generated/service-{n:02d}/values.yaml": f"replicas: {n % 3 + 1}\n"
        for n in range(60)
    }
    _commit(
        repo,
        lukas.name,
        lukas.email,
        datetime(2026, 5, 4, 10, 0, tzinfo=UTC),
        "Reformat all chart values files",
        bulk,
    )
    raj, ines = BY_KEY["e02"], BY_KEY["e01"]
    _git(repo, "checkout", "-q", "-b", "cluster-1.31")
    _commit(
        repo,
        ines.name,
        ines.email,
        datetime(2026, 5, 6, 15, 0, tzinfo=UTC),
        "Node pool surge upgrade settings for Kubernetes 1.31",
        {"clusters/prod/upgrade.yaml": "maxSurge: 1\nmaxUnavailable: 0\n"},
    )
    _git(repo, "checkout", "-q", "main")
    stamp = "2026-05-07T09:00:00+00:00"
    _git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'cluster-1.31'",
        "cluster-1.31",
        env={
            "GIT_AUTHOR_NAME": raj.name,
            "GIT_AUTHOR_EMAIL": raj.email,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_NAME": raj.name,
            "GIT_COMMITTER_EMAIL": raj.email,
            "GIT_COMMITTER_DATE": stamp,
        },
    )
    return True


# -- postmortems and directory -------------------------------------------------------------


def write_postmortems(path: Path, rng: random.Random) -> None:
    lines = []
    number = 1000
    for topic in TOPICS:
        for title, body in TEXT[topic].questions[:2]:
            author = pick_expert(rng, topic)
            number += 1
            when = moment(rng, author)
            lines.append(
                {
                    "id": f"INC-{number}",
                    "title": f"Postmortem: {title}",
                    "text": f"Impact: {body} Resolution: {TEXT[topic].answers[0]} "
                    "Follow-up actions are tracked in the incident ticket.",
                    "authors": [f"{author.name} <{author.email}>"],
                    "date": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "url": f"https://incidents.corvid.example/INC-{number}",
                    "kind": "postmortem",
                    "tags": list(TEXT[topic].tags[:2]),
                }
            )
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8"
    )


def write_directory(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                "name",
                "emails",
                "handles",
                "title",
                "department",
                "manager",
                "location",
                "internal",
                "start_date",
                "end_date",
                "skills",
            ]
        )
        for e in STAFF:
            writer.writerow(
                [
                    e.key,
                    e.name,
                    e.email,
                    f"slack:{e.handle}",
                    e.title,
                    e.department,
                    e.manager,
                    e.location,
                    "internal" if e.internal else "external",
                    e.start,
                    e.end,
                    "; ".join(e.skills),
                ]
            )

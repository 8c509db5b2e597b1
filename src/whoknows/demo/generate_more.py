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
from whoknows.demo.generate import active, moment, pick_expert, window
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
            assert author is not None
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


Step = dict[str, object]


def _step(who: Employee | tuple[str, str], when: datetime, message: str, **more: object) -> Step:
    name, email = (who.name, who.email) if isinstance(who, Employee) else who
    return {"author": f"{name} <{email}>", "date": when, "message": message, **more}


def _follow_up_date(original: datetime, drawn: datetime, author: Employee) -> datetime:
    """A follow-up lands after its original and while its author works here."""
    if drawn > original:
        return drawn
    end = window(author)[1] + timedelta(hours=18)
    return max(original + timedelta(hours=2), min(original + timedelta(days=9), end))


def git_history(rng: random.Random) -> list[Step]:
    """Every commit of the platform repository, oldest first."""
    steps = [
        _step(
            BY_KEY["e12"],
            datetime(2024, 1, 8, 9, 0, tzinfo=UTC),
            "Initial platform repository",
            files={"README.md": "# Corvid platform\n", ".mailmap": MAILMAP},
        )
    ]
    number = 0
    for topic in TOPICS:
        for message, files in TEXT[topic].commits:
            first = pick_expert(rng, topic)
            assert first is not None
            first_when = moment(rng, first)
            second = pick_expert(rng, topic)
            assert second is not None
            second_when = moment(rng, second)
            if not active(second, first_when + timedelta(hours=2)):
                second = first
            second_when = _follow_up_date(first_when, second_when, second)
            for author, when, text in (
                (first, first_when, message),
                (second, second_when, f"{message} (follow-up)"),
            ):
                number += 1
                who: Employee | tuple[str, str] = author
                if author.key == "e03" and number % 2:
                    who = ("tferreira", "tomas@ferreira-home.example")  # joined by .mailmap
                contents = {f: f"# {text}\n# change {number}\n" for f in files}
                steps.append(_step(who, when, text, files=contents))
    bot = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
    for index, version in enumerate(("2.31.1", "2.32.0", "2.32.3")):
        steps.append(
            _step(
                bot,
                datetime(2026, 2, 2, 6, 0, tzinfo=UTC) + timedelta(days=20 * index),
                f"Bump requests from 2.30.0 to {version}",
                files={"services/event-sink/requirements.txt": f"requests=={version}\n"},
            )
        )
    bulk = {
        f"charts/generated/service-{n:02d}/values.yaml": f"replicas: {n % 3 + 1}\n"
        for n in range(60)
    }
    steps += [
        _step(
            BY_KEY["e21"],
            datetime(2026, 5, 4, 10, 0, tzinfo=UTC),
            "Reformat all chart values files",
            files=bulk,
        ),
        _step(
            BY_KEY["e01"],
            datetime(2026, 5, 6, 15, 0, tzinfo=UTC),
            "Node pool surge upgrade settings for Kubernetes 1.31",
            branch="cluster-1.31",
            files={"clusters/prod/upgrade.yaml": "maxSurge: 1\nmaxUnavailable: 0\n"},
        ),
        _step(
            BY_KEY["e02"],
            datetime(2026, 5, 7, 9, 0, tzinfo=UTC),
            "Merge branch 'cluster-1.31'",
            merge="cluster-1.31",
        ),
    ]
    return sorted(steps, key=lambda step: str(step["date"]))


def _apply(repo: Path, step: Step) -> None:
    name, email = str(step["author"])[:-1].split(" <")
    when = step["date"]
    assert isinstance(when, datetime)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": stamp,
    }
    if "merge" in step:
        _git(
            repo, "merge", "-q", "--no-ff", "-m", str(step["message"]), str(step["merge"]), env=env
        )
        return
    branch = step.get("branch")
    if branch:
        _git(repo, "checkout", "-q", "-b", str(branch))
    files = step["files"]
    assert isinstance(files, dict)
    for relative, content in files.items():
        target = repo / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", str(step["message"]), env=env)
    if branch:
        _git(repo, "checkout", "-q", "main")


def write_git(repo: Path, rng: random.Random) -> bool:
    """A platform repository with real history; False when git is not installed."""
    if shutil.which("git") is None:
        return False
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "commit.gpgsign", "false")
    for step in git_history(rng):
        _apply(repo, step)
    return True


# -- postmortems and directory -------------------------------------------------------------


def write_postmortems(path: Path, rng: random.Random, asked: dict[str, datetime]) -> None:
    """One postmortem for each of the first two questions of a topic, written after it."""
    lines = []
    number = 1000
    for topic in TOPICS:
        for index, (title, body) in enumerate(TEXT[topic].questions[:2]):
            when = asked[title] + timedelta(days=3 + index)
            author = pick_expert(rng, topic, when=when)
            assert author is not None
            number += 1
            moment(rng, author)  # kept so that the draws stay the same
            lines.append(
                {
                    "id": f"INC-{number}",
                    "title": f"Postmortem: {title}",
                    "text": f"Impact: {body} Resolution: {TEXT[topic].answers[index]} "
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

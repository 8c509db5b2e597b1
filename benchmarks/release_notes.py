"""Held-out checks nobody tuned on: two projects' release notes, "who wrote this change?".

    .venv/bin/python benchmarks/release_notes.py [--source cpython|postgresql ...]
        [--workspace DIR] [--mode full|no-dense|fast] [--out benchmarks/results/release_notes.json]

Real data the ranker was never developed on, each note a change and the people who wrote it:

- **cpython**: the changelog of CPython 3.11 as Debian's ``python3.11-doc`` ships it
  (``/usr/share/doc/python3.11/html/whatsnew/changelog.html.gz``: every entry of
  ``Misc/NEWS`` from 3.5.0a1, 2015-02, to 3.11.2, 2023-02; © Python Software Foundation,
  PSF licence). About one entry in five names its writers ("Patch by Victor Stinner.",
  "Contributed by Eric Snow.", "Original patch by …"); reporters are not writers and are not
  read as such. Cut at 3.11.0 alpha 1 (2021-10-05), the first release of the 3.11 branch.
- **postgresql**: the release notes of PostgreSQL 15 as Debian's ``postgresql-doc-15`` ships
  them (``/usr/share/doc/postgresql-doc-15/html/release-15*.html``: 15.0, 2022-10, to its
  latest minor release; © The PostgreSQL Global Development Group, PostgreSQL licence), each
  item's first sentence ending with its writers in parentheses ("(Tom Lane, Dean
  Rasheed)"). Cut at the first release of 2025 (15.11).

Each bench is built the way the shared ones are: the attributed notes before the cut are the
corpus (an item per note, its writers its authors, its text without the names, the release's
date); each note after it whose issue the corpus does not hold is a query (its text, the names
removed), its writers who wrote a note before the cut the relevant people. ``bm25-vote`` (BM25
over the corpus notes, the best 100 vote for their writers with their scores) and
``most-active`` (people by notes written) are the references, as in the shared benches. A
person is their name as the notes spell it.

They are checks, not targets: no setting of the ranker is chosen on them, and the cuts were
fixed before any run. A source whose files are absent (``apt-get install python3.11-doc
postgresql-doc-15``) is skipped with a line saying so; with none, the script exits 0.

Writes each bench's files under ``DIR/<source>-notes`` (``--workspace``; a temporary folder
otherwise), the JSON (``--out``) and a markdown table next to it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rank_all import MODES, RANKERS, Bench, open_workspace, run_bench, run_header, write_results
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries
from whoknows.rank.learned import DEFAULT_MODEL, EVIDENCE_MODEL, LearnedModel

RESULTS = Path(__file__).resolve().parent / "results" / "release_notes.json"

_CREDIT = re.compile(
    r"(?:(?:[Oo]riginal|[Ii]nitial|[Bb]ased on(?: a)?|[Cc]ode)\s+)?"
    r"(?:[Pp]atch|[Ff]ix|[Cc]ontributed|[Ii]mplemented)"
    r"(?:\s+(?:mostly|written|contributed|provided|given))?\s+by\s+(?P<names>.+)$",
    re.DOTALL,
)
_NAME_END = re.compile(
    r"(?<![A-Z])\.(?:\s|$)|[;(\[]|\s+(?:in|with|from|and the)\s+[a-z]|\s+(?:for|of|at)\s"
)
_NAME_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_ISSUE = re.compile(r"\b(?:gh|bpo)-\d+\b")
_RELEASE_DATE = re.compile(r"Release date:\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Entry:
    issue: str
    text: str
    writers: tuple[str, ...]
    date: str
    component: str


def _writers(sentence_tail: str) -> tuple[str, ...]:
    names = _NAME_END.split(sentence_tail, maxsplit=1)[0]
    found = []
    for name in _NAME_SPLIT.split(names):
        name = " ".join(name.split()).strip(" .,:;()`’'")
        words = name.split()
        if 1 <= len(words) <= 5 and words[0][:1].isupper() and not name.startswith("the "):
            found.append(name)
    return tuple(found)


def _credit_split(text: str) -> tuple[str, tuple[str, ...]]:
    """The entry's text without the sentence that credits writers, and the writers."""
    sentences = re.split(r"(?<=[.!?])(?<!\b[A-Z]\.)\s+(?=[A-Z(])", text)
    kept, writers = [], []
    for sentence in sentences:
        match = _CREDIT.search(sentence)
        if match and (found := _writers(match.group("names"))):
            writers.extend(found)
            before = sentence[: match.start()].strip(" (")
            if before:
                kept.append(before)
        else:
            kept.append(sentence)
    return " ".join(kept).strip(), tuple(dict.fromkeys(writers))


def _text(node: Node) -> str:
    return " ".join((node.text(separator=" ") or "").replace("¶", " ").replace("§", " ").split())


def _children(node: Node, tag: str) -> list[Node]:
    return [child for child in node.iter() if child.tag == tag]


def read_changelog(path: Path) -> list[Entry]:
    """Each ``<li>`` of a release's component sections: an issue, its text, its writers."""
    with gzip.open(path, "rt", encoding="utf-8") as changelog:
        tree = HTMLParser(changelog.read())
    entries: list[Entry] = []
    for release in tree.css("section"):
        if not _children(release, "h2"):
            continue
        dated = _RELEASE_DATE.search(_text(release)[:400])
        if dated is None:
            continue
        for part in _children(release, "section"):
            component = _text(part.css_first("h3"))
            for item in part.css("li"):
                text = _text(item)
                issue = _ISSUE.search(text)
                body = _ISSUE.sub("", text, count=1).lstrip(" :")
                body, writers = _credit_split(body)
                if issue and writers and body:
                    entries.append(Entry(issue.group(0), body, writers, dated.group(1), component))
    return entries


_PARENTHESES_AT_END = re.compile(r"\(([^()]+)\)\s*$")


def read_postgresql_notes(folder: Path) -> list[Entry]:
    """Each item of ``release-15*.html``: its first paragraph ends with its writers."""
    entries: list[Entry] = []
    for page in sorted(folder.glob("release-15*.html")):
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        dated = _RELEASE_DATE.search(_text(tree.body) if tree.body else "")
        if dated is None:
            continue
        for number, item in enumerate(tree.css("li.listitem")):
            paragraphs = [_text(paragraph) for paragraph in item.css("p")]
            credit = _PARENTHESES_AT_END.search(paragraphs[0]) if paragraphs else None
            if credit is None or not credit.group(1)[:1].isupper():
                continue
            writers = tuple(
                name for name in (n.strip() for n in _NAME_SPLIT.split(credit.group(1))) if name
            )
            text = " ".join([paragraphs[0][: credit.start()].strip(), *paragraphs[1:]]).strip()
            issue = f"{page.stem}-{number}"
            entries.append(Entry(issue, text, writers, dated.group(1), page.stem))
    return entries


@dataclass(frozen=True)
class Source:
    name: str
    path: Path
    cut: str
    read: Callable[[Path], list[Entry]]


SOURCES = (
    Source(
        "cpython",
        Path("/usr/share/doc/python3.11/html/whatsnew/changelog.html.gz"),
        "2021-10-05",  # Python 3.11.0 alpha 1
        read_changelog,
    ),
    Source(
        "postgresql",
        Path("/usr/share/doc/postgresql-doc-15/html"),
        "2025-01-01",  # the first release of 2025, 15.11
        read_postgresql_notes,
    ),
)


def slug(name: str) -> str:
    letters = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain).strip("-")


def write_bench(entries: list[Entry], cut: str, folder: Path) -> dict[str, Any]:
    """corpus.jsonl, queries.tsv, qrels.txt and the reference runs, as the shared benches."""
    unique = {(e.text, e.writers): e for e in sorted(entries, key=lambda e: e.date, reverse=True)}
    entries = sorted(unique.values(), key=lambda e: e.date)
    corpus = [e for e in entries if e.date < cut]
    seen_issues = {e.issue for e in corpus}
    known = {slug(name) for e in corpus for name in e.writers}
    queries: dict[str, Entry] = {}
    for entry in entries:
        fresh = entry.date >= cut and entry.issue not in seen_issues | queries.keys()
        if fresh and any(slug(name) in known for name in entry.writers):
            queries[entry.issue] = entry
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for number, entry in enumerate(corpus):
            row = {
                "id": f"{entry.issue}-{number}",
                "title": "",
                "text": entry.text,
                "authors": [slug(n) for n in entry.writers],
                "author_names": list(entry.writers),
                "date": entry.date,
                "venue": entry.component,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (folder / "queries.tsv").open("w", encoding="utf-8") as out:
        for issue, entry in queries.items():
            out.write(f"{issue}\t{entry.text}\n")
    with (folder / "qrels.txt").open("w", encoding="utf-8") as out:
        for issue, entry in queries.items():
            for person in dict.fromkeys(slug(n) for n in entry.writers):
                if person in known:
                    out.write(f"{issue} 0 {person} 1\n")
    references = folder / "reference-runs"
    references.mkdir(exist_ok=True)
    _reference_runs(corpus, queries, references)
    return {
        "cut": cut,
        "attributed_entries": len(entries),
        "corpus_entries": len(corpus),
        "corpus_first_date": corpus[0].date if corpus else None,
        "candidates": len(known),
        "queries": len(queries),
    }


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _reference_runs(corpus: list[Entry], queries: dict[str, Entry], folder: Path) -> None:
    """bm25-vote (k1 1.2, b 0.75; the best 100 entries vote their score to each writer) and
    most-active (people by entries written, one list for every query), top 100."""
    documents = [Counter(_tokens(e.text)) for e in corpus]
    lengths = [sum(d.values()) for d in documents]
    average = sum(lengths) / max(len(lengths), 1)
    frequency: Counter[str] = Counter(t for d in documents for t in d)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, document in enumerate(documents):
        for term in document:
            postings[term].append(index)
    total = len(documents)
    active = Counter(slug(n) for e in corpus for n in dict.fromkeys(e.writers))
    with (
        (folder / "bm25-vote.run").open("w") as bm25,
        (folder / "most-active.run").open("w") as most,
    ):
        for issue, entry in queries.items():
            scores: dict[int, float] = defaultdict(float)
            for term in set(_tokens(entry.text)):
                idf = math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
                for index in postings.get(term, ()):
                    tf = documents[index][term]
                    norm = tf + 1.2 * (1 - 0.75 + 0.75 * lengths[index] / average)
                    scores[index] += idf * tf * 2.2 / norm
            votes: dict[str, float] = defaultdict(float)
            for index, score in sorted(scores.items(), key=lambda x: -x[1])[:100]:
                for person in dict.fromkeys(slug(n) for n in corpus[index].writers):
                    votes[person] += score
            ranked = sorted(votes.items(), key=lambda x: -x[1])[:100]
            for rank, (person, score) in enumerate(ranked, 1):
                bm25.write(f"{issue} Q0 {person} {rank} {score:.4f} bm25-vote\n")
            for rank, (person, count) in enumerate(active.most_common(100), 1):
                most.write(f"{issue} Q0 {person} {rank} {count} most-active\n")


DEFAULTS = (("default-activity", DEFAULT_MODEL), ("default-evidence", EVIDENCE_MODEL))


def _with_shipped_defaults(bench: Bench, base: Path, folder: Path, info: dict[str, Any]) -> None:
    """Each default model of the package ranking the queries in place of the workspace's own:
    what a small organisation, too little history to fit its own, would be given."""
    path = base / bench.name
    queries = read_queries(path / "queries.tsv")
    service = open_workspace(folder, "full")
    evidence = service.workspace.evidence()
    for name, model_folder in DEFAULTS:
        model = LearnedModel.shipped(model_folder)
        if model is None:
            continue
        evidence.model = model
        run = folder / f"{name}.run"
        service.search.ask_batch(queries, run, k=100, label_by=bench.connector, ranker="learned")
        result = evaluate_run(path / "qrels.txt", run, [q for q, _ in queries], name=name)
        info["runs"][name] = {
            m: {"mean": round(v, 4), "ci95": [round(x, 4) for x in result.intervals.get(m, (v, v))]}
            for m, v in result.means.items()
        }
    service.close()


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    names = [source.name for source in SOURCES]
    parser.add_argument("--source", action="append", dest="sources", choices=names)
    parser.add_argument("--workspace", type=Path, help="keep the benches and workspaces here")
    parser.add_argument("--mode", choices=sorted(MODES), default="full")
    parser.add_argument("--reuse", action="store_true", help="reindex ingested workspaces")
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args()


def main() -> int:
    args = arguments()
    wanted = [s for s in SOURCES if s.name in (args.sources or [s.name for s in SOURCES])]
    rankers = list(RANKERS) if args.mode != "fast" else ["lexical", "hybrid-prior"]
    results = run_header(args.mode, None)
    with tempfile.TemporaryDirectory() as scratch:
        base = args.workspace or Path(scratch)
        for source in wanted:
            if not source.path.exists():
                print(
                    f"skipped {source.name}: no {source.path} (apt-get install it)", file=sys.stderr
                )
                continue
            bench = Bench(f"{source.name}-notes", "jsonl", "corpus.jsonl")
            facts = write_bench(source.read(source.path), source.cut, base / bench.name)
            print(f"{bench.name}: {json.dumps(facts)}", file=sys.stderr, flush=True)
            folder = base / f"{bench.name}-{args.mode}"
            folder.mkdir(parents=True, exist_ok=True)
            info = run_bench(bench, base, folder, rankers, args.mode, args.reuse)
            if args.mode == "full":
                _with_shipped_defaults(bench, base, folder, info)
            results["benches"][bench.name] = {"bench": facts, **info}
    if not results["benches"]:
        return 0
    write_results(results, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

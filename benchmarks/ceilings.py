"""What the benches let any ranker reach: ceilings read from their answers, for context only.

    .venv/bin/python benchmarks/ceilings.py [--root DIR] [--workspace DIR] [--out FILE.json]

For each bench of ``../shared/bench``:

- **future-popularity oracle**: one list for every query, the people ordered by how many of the
  bench's queries they answer. It reads the answers, so it is no result: it is what knowing
  in advance who will be active after the cut is worth, with no word of any query read.
- **no evidence before the cut**: the share of relevant judgements that go to people with no
  answer or writing in the corpus (on the Stack Exchange sets, people who had only asked or
  commented); the learned ranker lists such people as interested learners, never as experts.
- **topical order among the busiest** (with ``--workspace``, the folder of a
  ``benchmarks/rank_all.py --workspace`` run): among the five people who answer the most of
  the bench's queries, over every query's pairs of a relevant and a non-relevant one that a run
  lists both, the share it puts in the right order (0.5: its order among them is a coin toss,
  the query's words do not tell which of them answers it).

Writes the JSON (``--out``) and a markdown table next to it (same name, ``.md``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rank_all import ROOT

from whoknows.eval import evaluate_run

RESULTS = Path(__file__).resolve().parent / "results" / "ceilings.json"
BENCHES = ("se-cardano", "se-ai", "acl-authors")
MOST_ACTIVE = 5
RUNS = ("lexical", "hybrid-prior", "learned")


def read_qrels(path: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        query, _, person, grade = line.split()
        if int(grade) > 0:
            relevant[query].add(person)
    return relevant


def contributions(bench: Path) -> Counter[str]:
    """Answers (Stack Exchange) or papers (jsonl) per person before the cut."""
    counts: Counter[str] = Counter()
    posts = bench / "corpus" / "Posts.xml"
    if posts.exists():
        for row in ElementTree.parse(posts).getroot():
            if row.get("PostTypeId") == "2" and row.get("OwnerUserId"):
                counts[str(row.get("OwnerUserId"))] += 1
        return counts
    papers = bench / "corpus.jsonl"
    if not papers.exists():
        raise SystemExit(f"{bench}: neither corpus/Posts.xml nor corpus.jsonl")
    with papers.open(encoding="utf-8") as lines:
        for line in lines:
            counts.update(json.loads(line)["authors"])
    return counts


def oracle(bench: Path, relevant: dict[str, set[str]]) -> dict[str, Any]:
    answered = Counter(person for people in relevant.values() for person in people)
    ranked = sorted(answered, key=lambda person: (-answered[person], person))[:100]
    with tempfile.TemporaryDirectory() as folder:
        run = Path(folder) / "oracle.run"
        run.write_text(
            "".join(
                f"{query} Q0 {person} {rank} {100 - rank} oracle\n"
                for query in relevant
                for rank, person in enumerate(ranked, 1)
            ),
            encoding="utf-8",
        )
        result = evaluate_run(bench / "qrels.txt", run, sorted(relevant))
    return {
        measure: {"mean": round(value, 4), "ci95": [round(x, 4) for x in result.intervals[measure]]}
        for measure, value in result.means.items()
    }


def read_run(path: Path) -> dict[str, dict[str, int]]:
    ranks: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text(encoding="utf-8").splitlines():
        query, _, person, rank, *_ = line.split()
        ranks[query][person] = int(rank)
    return ranks


def pairwise_order(
    ranks: dict[str, dict[str, int]], relevant: dict[str, set[str]], active: list[str]
) -> dict[str, Any]:
    right = wrong = 0
    for query, people in relevant.items():
        listed = ranks.get(query, {})
        for good in (p for p in active if p in people):
            for other in (p for p in active if p not in people):
                if good in listed and other in listed:
                    right += listed[good] < listed[other]
                    wrong += listed[other] < listed[good]
    return {"right": right, "wrong": wrong, "share": round(right / ((right + wrong) or 1), 3)}


def measure(name: str, root: Path, workspace: Path | None) -> dict[str, Any]:
    bench = root / name
    relevant = read_qrels(bench / "qrels.txt")
    counts = contributions(bench)
    judgements = [person for people in relevant.values() for person in people]
    info: dict[str, Any] = {
        "queries": len(relevant),
        "judgements": len(judgements),
        "no_evidence_before_cut": round(
            sum(counts[p] == 0 for p in judgements) / len(judgements), 3
        ),
        "future_popularity_oracle": oracle(bench, relevant),
    }
    busiest = Counter(judgements)
    active = sorted(busiest, key=lambda person: (-busiest[person], person))[:MOST_ACTIVE]
    info["busiest"] = {person: busiest[person] for person in active}
    runs = {}
    for ranker in RUNS:
        path = workspace / f"{name}-full" / f"{ranker}.run" if workspace else None
        if path is not None and path.exists():
            runs[ranker] = pairwise_order(read_run(path), relevant, active)
    info["topical_order_among_busiest"] = runs
    return info


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| bench | future-popularity oracle AP [95%] | P@1 | judgements with no evidence"
        " before the cut | right order among the 5 busiest (lexical / hybrid-prior /"
        " learned) |",
        "|---|---|---|---|---|",
    ]
    for name, info in results.items():
        ceiling = info["future_popularity_oracle"]
        orders = info["topical_order_among_busiest"]
        shares = " / ".join(f"{orders[r]['share']:.2f}" if r in orders else "—" for r in RUNS)
        lines.append(
            f"| {name} | {ceiling['AP']['mean']:.3f} [{ceiling['AP']['ci95'][0]:.3f},"
            f" {ceiling['AP']['ci95'][1]:.3f}] | {ceiling['P@1']['mean']:.3f} |"
            f" {info['no_evidence_before_cut']:.0%} of {info['judgements']} | {shares} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="folder of the benches")
    parser.add_argument("--workspace", type=Path, help="a rank_all.py --workspace folder")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    names = [name for name in BENCHES if (args.root / name / "qrels.txt").exists()]
    if not names:
        raise SystemExit(
            f"no bench under {args.root}: give --root the folder holding se-cardano, se-ai and"
            " acl-authors (by default ../shared/bench beside the checkout)"
        )
    if args.workspace is not None and not args.workspace.is_dir():
        raise SystemExit(f"{args.workspace}: no such folder (a rank_all.py --workspace folder)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results = {name: measure(name, args.root, args.workspace) for name in names}
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()

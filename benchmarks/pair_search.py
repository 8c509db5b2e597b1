"""How long a query's lexical scores take as items grow longer: the pair codes of its best
items read through, searched, and as the index chooses (docs/ranking.md, "Word pairs, back
beside the words").

    .venv/bin/python benchmarks/pair_search.py [--query-words 4] [--out FILE.json]

Items are runs of words taken from the project's own docs (English prose with its repeats),
from many short ones to few long ones; each way answers the same queries, and the script
fails if the scores differ by a bit.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

import numpy as np

from whoknows.index import lexical_pairs
from whoknows.index.lexical import IndexedDocument, LexicalIndex

SHAPES = [(20_000, 30), (20_000, 100), (10_000, 250), (5_000, 600), (2_000, 1_500), (1_000, 5_000)]
WAYS = {"read": 1e12, "searched": 0.0, "chosen": lexical_pairs.SEARCH_STEP}
QUERIES = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query-words", type=int, default=4)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    docs = Path(__file__).resolve().parent.parent / "docs"
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(docs.glob("*.md")))
    words = re.findall(r"[A-Za-z]{3,}", text)
    generator = random.Random(3)
    rows = []
    for items, length in SHAPES:
        index = LexicalIndex.build(
            (
                IndexedDocument(i, " ".join(words[start : start + length]), float(i))
                for i, start in enumerate(
                    generator.randrange(len(words) - length) for _ in range(items)
                )
            ),
            generation=1,
        )
        starts = [generator.randrange(len(words) - args.query_words) for _ in range(QUERIES)]
        queries = [" ".join(words[s : s + args.query_words]) for s in starts]
        row: dict[str, object] = {"items": items, "words_an_item": length}
        answers = {}
        for way, step in WAYS.items():
            lexical_pairs.SEARCH_STEP = step
            for query in queries[:5]:
                index.scores(query)
            spent, answers[way] = [], []
            for query in queries:
                started = time.perf_counter()
                answers[way].append(index.scores(query))
                spent.append((time.perf_counter() - started) * 1000)
            row[f"{way}_p50_ms"] = round(float(np.percentile(spent, 50)), 2)
        for way in WAYS:
            for found, read in zip(answers[way], answers["read"], strict=True):
                if not np.array_equal(found, read):
                    raise SystemExit(f"{way} scores differ from reading the codes through")
        print(row, flush=True)
        rows.append(row)
    if args.out:
        result = {"query_words": args.query_words, "queries": QUERIES, "rows": rows}
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

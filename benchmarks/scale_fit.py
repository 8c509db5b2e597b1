"""Fit the distributions that shape the scale benchmark's generated data, once, on a real dump.

    .venv/bin/python benchmarks/scale_fit.py [../shared/bench/se-cardano/corpus]

Reads a Stack Exchange dump (the Cardano one by default, read-only, never copied) and prints
the fitted parameters as JSON; benchmarks/scale_data.py keeps only those numbers (``FITTED``).

- words per item: a lognormal (mu, sigma of ln words) for questions, answers and comments;
- answers per question and comments per post: the share with none, and a lognormal of the
  positive counts (a thread's length);
- activity: items per person, a discrete power law (Clauset et al. 2009 approximate MLE,
  ``alpha = 1 + n / sum(ln(x / (xmin - 0.5))) ``, xmin = 1);
- vocabulary: the Zipf exponent of word frequencies (least squares of log frequency on log
  rank over ranks 10-10,000) and Heaps' law ``V = K n^beta`` (distinct words after n words);
- reply delay: a lognormal of the seconds between a question and each answer.
"""

from __future__ import annotations

import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime
from pathlib import Path

import numpy as np

from whoknows.text import html_to_text

DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "bench" / "se-cardano" / "corpus"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def rows(path: Path) -> list[dict[str, str]]:
    return [dict(e.attrib) for e in ET.parse(path).getroot().iter("row")]


def lognormal(values: list[float]) -> dict[str, float]:
    logs = np.log(np.asarray([v for v in values if v > 0], dtype=np.float64))
    return {"mu": round(float(logs.mean()), 3), "sigma": round(float(logs.std()), 3)}


def counts_fit(counts: list[int]) -> dict[str, float]:
    positive = [c for c in counts if c > 0]
    return {"none": round(1 - len(positive) / len(counts), 3), **lognormal(positive)}


def power_law(counts: list[int]) -> float:
    x = np.asarray(counts, dtype=np.float64)
    return round(float(1 + x.size / np.log(x / 0.5).sum()), 3)


def zipf_and_heaps(texts: list[str]) -> dict[str, float]:
    words = [w for text in texts for w in _WORD.findall(text.lower())]
    frequency = np.asarray(sorted(Counter(words).values(), reverse=True), dtype=np.float64)
    ranks = np.arange(1, frequency.size + 1)
    chosen = slice(9, min(10_000, frequency.size))
    slope = np.polyfit(np.log(ranks[chosen]), np.log(frequency[chosen]), 1)[0]
    seen: set[str] = set()
    points = []
    for n, word in enumerate(words, 1):
        seen.add(word)
        if n % 1000 == 0:
            points.append((n, len(seen)))
    n_log = np.log([p[0] for p in points])
    v_log = np.log([p[1] for p in points])
    beta, log_k = np.polyfit(n_log, v_log, 1)
    return {
        "zipf_s": round(float(-slope), 3),
        "heaps_k": round(float(math.exp(log_k)), 2),
        "heaps_beta": round(float(beta), 3),
        "words": len(words),
        "distinct": len(seen),
    }


def when(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def fit(folder: Path) -> dict[str, object]:
    posts = rows(folder / "Posts.xml")
    comments = rows(folder / "Comments.xml")
    questions = [p for p in posts if p.get("PostTypeId") == "1"]
    answers = [p for p in posts if p.get("PostTypeId") == "2"]
    text = {p["Id"]: html_to_text(p.get("Body", "")) for p in posts}
    asked = {q["Id"]: when(q["CreationDate"]) for q in questions}
    per_question = Counter(a.get("ParentId") for a in answers)
    per_post = Counter(c.get("PostId") for c in comments)
    activity = Counter(
        p.get("OwnerUserId") for p in posts + comments if p.get("OwnerUserId") or p.get("UserId")
    )
    activity.update(c.get("UserId") for c in comments if c.get("UserId"))
    del activity[None]
    delays = [
        when(a["CreationDate"]) - asked[a["ParentId"]]
        for a in answers
        if a.get("ParentId") in asked
    ]
    comment_texts = [c.get("Text", "") for c in comments]
    return {
        "source": str(folder),
        "items": {"questions": len(questions), "answers": len(answers), "comments": len(comments)},
        "words_question": lognormal(
            [len((q.get("Title", "") + " " + text[q["Id"]]).split()) for q in questions]
        ),
        "words_answer": lognormal([len(text[a["Id"]].split()) for a in answers]),
        "words_comment": lognormal([len(t.split()) for t in comment_texts]),
        "answers_per_question": counts_fit([per_question.get(q["Id"], 0) for q in questions]),
        "comments_per_post": counts_fit([per_post.get(p["Id"], 0) for p in posts]),
        "activity_alpha": power_law(list(activity.values())),
        "people": len(activity),
        "reply_delay_seconds": lognormal([d for d in delays if d > 0]),
        "vocabulary": zipf_and_heaps(list(text.values()) + comment_texts),
    }


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(json.dumps(fit(folder), indent=1))

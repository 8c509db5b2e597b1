"""Per-query IR measures from ir_measures, averaged over every query (missing ones score 0)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from whoknows.errors import InputError, Position
from whoknows.i18n import N_

DEFAULT_MEASURES = ("AP", "RR", "P@1", "nDCG@10", "R@10")


@dataclass
class EvalResult:
    name: str
    per_query: dict[str, dict[str, float]] = field(default_factory=dict)
    means: dict[str, float] = field(default_factory=dict)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)


def _check_trec(path: Path, fields: int, what: str) -> None:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip() and len(line.split()) != fields:
                    raise InputError(
                        str(path),
                        Position.at(number),
                        N_("a TREC %(what)s line has %(fields)s fields, this one has %(count)s"),
                        N_("give a TREC file, its fields separated by spaces"),
                        what=what,
                        fields=fields,
                        count=len(line.split()),
                    )
    except UnicodeDecodeError as error:
        where = Position.undecodable(path)
        raise InputError(str(path), where, N_("not UTF-8 text"), N_("save it as UTF-8")) from error
    except FileNotFoundError as error:
        raise InputError(str(path), None, N_("no such file"), N_("check the path")) from error


def evaluate_run(
    qrels_path: Path,
    run_path: Path,
    query_ids: list[str] | None = None,
    measures: tuple[str, ...] = DEFAULT_MEASURES,
    name: str | None = None,
    bootstrap: int = 1000,
    seed: int = 13,
) -> EvalResult:
    import ir_measures

    _check_trec(qrels_path, 4, "qrels")
    _check_trec(run_path, 6, "run")
    parsed = [ir_measures.parse_measure(m) for m in measures]
    qrels = list(ir_measures.read_trec_qrels(str(qrels_path)))  # type: ignore[no-untyped-call]
    run = list(ir_measures.read_trec_run(str(run_path)))  # type: ignore[no-untyped-call]
    judged = sorted({q.query_id for q in qrels})
    ids = query_ids if query_ids is not None else judged
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for metric in ir_measures.iter_calc(parsed, qrels, run):
        values[metric.query_id][str(metric.measure)] = float(metric.value)
    result = EvalResult(name or run_path.stem)
    rng = np.random.default_rng(seed)
    samples = rng.integers(0, len(ids), size=(bootstrap, len(ids))) if ids else None
    for measure in map(str, parsed):
        column = np.array([values.get(q, {}).get(measure, 0.0) for q in ids])
        for query_id, value in zip(ids, column, strict=True):
            result.per_query.setdefault(query_id, {})[measure] = float(value)
        result.means[measure] = float(column.mean()) if ids else 0.0
        if samples is not None and bootstrap:
            means = column[samples].mean(axis=1)
            result.intervals[measure] = (
                float(np.percentile(means, 2.5)),
                float(np.percentile(means, 97.5)),
            )
    return result

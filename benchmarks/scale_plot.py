"""Draw the scale benchmark's curves (benchmarks/results/scale.json) into one PNG."""

from __future__ import annotations

from pathlib import Path

Target = tuple[str, float]
TARGETS: dict[str, list[Target]] = {  # issue #14, at 10^6 items
    "ingest": [("full pipeline 30 min", 1800.0), ("1% new items 2 min", 120.0)],
    "rss": [("RSS 4 GB", 4000.0), ("disk 3 GB", 3000.0)],
    "query": [("p95 150 ms", 150.0), ("p50 50 ms", 50.0)],
    "command": [("insights 5 s", 5.0), ("cold ask 3 s", 3.0)],
}


Line = tuple[str, tuple[str, ...]]
PANELS: list[tuple[str, str | None, list[Line]]] = [
    (
        "ingest (s)",
        "ingest",
        [
            ("full pipeline", ("full_pipeline_seconds",)),
            ("lexical", ("stages_seconds", "lexical")),
            ("embeddings", ("stages_seconds", "dense")),
            ("training", ("stages_seconds", "learn")),
            ("store (slack)", ("stages_seconds", "store_slack")),
            ("1% new items", ("new_1pct", "seconds")),
        ],
    ),
    (
        "memory and disk (MB)",
        "rss",
        [
            ("peak RSS, full pipeline", ("full_pipeline_peak_rss_mb",)),
            ("peak RSS, 1% new", ("new_1pct", "peak_rss_mb")),
            ("workspace on disk", ("disk", "workspace_mb")),
        ],
    ),
    (
        "query (ms)",
        "query",
        [
            ("warm p50", ("warm_p50_ms",)),
            ("warm p95", ("warm_p95_ms",)),
        ],
    ),
    (
        "command, fresh process (s)",
        "command",
        [
            ("cold ask", ("cold_ask_median_seconds",)),
            ("hidden", ("insight_seconds", "hidden")),
            ("topic", ("insight_seconds", "topic")),
            ("gaps", ("insight_seconds", "gaps")),
            ("network", ("insight_seconds", "network")),
        ],
    ),
]


def _series(runs: list[dict[str, object]], *path: str) -> list[float]:
    values = []
    for run in runs:
        value: object = run
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        values.append(float(value) if isinstance(value, int | float) else float("nan"))
    return values


def plot(results: dict[str, object], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs: list[dict[str, object]] = results["runs"]  # type: ignore[assignment]
    items = [float(str(r["items"])) for r in runs]
    figure, axes = plt.subplots(2, 2, figsize=(11, 8))
    for axis, (title, target, lines) in zip(axes.ravel(), PANELS, strict=True):
        for label, path in lines:
            axis.plot(items, _series(runs, *path), marker="o", label=label)
        for style, (label, value) in zip((":", "--"), TARGETS.get(target or "", []), strict=False):
            axis.axhline(value, color="grey", linestyle=style, label=f"target at 10^6: {label}")
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("items")
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=7)
    figure.suptitle("whoknows at scale (benchmarks/scale.py, 2 shared cores)")
    figure.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=110)
    plt.close(figure)

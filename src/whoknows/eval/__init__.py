"""Evaluation of rankers against relevance judgements (TREC qrels), with ir_measures."""

from whoknows.eval.measures import DEFAULT_MEASURES, EvalResult, evaluate_run

__all__ = ["DEFAULT_MEASURES", "EvalResult", "evaluate_run"]

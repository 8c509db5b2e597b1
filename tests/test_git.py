from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.git import GitConnector, _web_url


def test_commits_mailmap_merges_bulk_and_bots(sample_org: list[SampleSource]) -> None:
    context = IngestContext()
    items = list(GitConnector().parse(sample(sample_org, "git").path, context))
    authors = {c.person.name for i in items for c in i.contributions}
    assert "tferreira" not in authors and "Tomás Ferreira" in authors
    assert not any("dependabot" in (a or "") for a in authors)
    assert context.skipped["git: commit by a bot"] == 3
    merge = next(i for i in items if i.kind == "merge")
    assert merge.contributions[0].weight < 1
    bulk = next(i for i in items if i.title == "Reformat all chart values files")
    assert bulk.contributions[0].weight < 1 and bulk.signals["files"] == 60
    helm = next(i for i in items if "PodDisruptionBudget" in (i.title or ""))
    assert "pdb" in (helm.context or "") and helm.signals["lines_added"] > 0


def test_bare_clone_reads_the_same_history(sample_org: list[SampleSource], tmp_path: Path) -> None:
    bare = tmp_path / "platform-bare.git"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(sample(sample_org, "git").path), str(bare)], check=True
    )
    normal = {
        i.native_id for i in GitConnector().parse(sample(sample_org, "git").path, IngestContext())
    }
    cloned = {i.native_id for i in GitConnector().parse(bare, IngestContext())}
    assert normal == cloned and len(normal) > 40


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a git repository"):
        list(GitConnector().parse(tmp_path, IngestContext()))


def test_web_url_from_origin() -> None:
    assert _web_url("git@github.com:corvid/platform.git") == "https://github.com/corvid/platform"
    assert _web_url("https://git.example/x/y.git") == "https://git.example/x/y"
    assert _web_url("/srv/git/platform") == ""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import make_service, sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.git import GitConnector, _web_url
from whoknows.records import ItemRecord, PersonRecord
from whoknows.vocab import ContributionRole


def test_commits_mailmap_merges_bulk_and_bots(sample_org: list[SampleSource]) -> None:
    context = IngestContext()
    records = list(GitConnector().parse(sample(sample_org, "git").path, context))
    items = [record for record in records if isinstance(record, ItemRecord)]
    authors = {c.person.name for i in items for c in i.contributions}
    assert "tferreira" not in authors and "Tomás Ferreira" in authors
    # (the login the .mailmap gives her: hers on the forge too, identity.mapped_logins)
    (mapped,) = [record for record in records if isinstance(record, PersonRecord)]
    assert (mapped.ref.name, mapped.handles) == ("Tomás Ferreira", ["tferreira"])
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
        i.native_id if isinstance(i, ItemRecord) else i.ref.native_id
        for i in GitConnector().parse(sample(sample_org, "git").path, IngestContext())
    }
    cloned = {
        i.native_id if isinstance(i, ItemRecord) else i.ref.native_id
        for i in GitConnector().parse(bare, IngestContext())
    }
    assert normal == cloned and len(normal) > 40


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a git repository"):
        list(GitConnector().parse(tmp_path, IngestContext()))


def test_web_url_from_origin() -> None:
    assert _web_url("git@github.com:corvid/platform.git") == "https://github.com/corvid/platform"
    assert _web_url("https://git.example/x/y.git") == "https://git.example/x/y"
    assert _web_url("/srv/git/platform") == ""


def _commit(repo: Path, who: str, message: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    identity = f"{who} <{who.split()[0].lower()}@billing.example>"
    subprocess.run(
        ["git", "-C", str(repo), "commit", "-q", "--author", identity, "-m", message],
        check=True,
        env={
            "GIT_COMMITTER_NAME": who,
            "GIT_COMMITTER_EMAIL": "ci@billing.example",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin",
        },
    )


def test_reverts_and_formatting_commits_weigh_little(tmp_path: Path) -> None:
    """An evaluator's repository: Raj's only VAT commits were two reverts (whose messages are
    the reverted subjects) and ranked him above a co-author; a 36-file black reformat listed
    its author for every topic."""
    repo = tmp_path / "billing"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "Marta Kowalski", "Round VAT per line, not per invoice", {"vat.py": "a = 1\n"})
    sha = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    message = f'Revert "Round VAT per line, not per invoice"\n\nThis reverts commit {sha}.'
    _commit(repo, "Raj Patel", message, {"vat.py": "a = 0\n"})
    _commit(repo, "Tom Weber", "Reformat the codebase with black 24", {"vat.py": "a = 0  \n"})
    _commit(repo, "Léa Dubois", "style: sort imports", {"vat.py": "a = 0\n"})
    context = IngestContext()
    roles = {
        i.contributions[0].person.name: i.contributions[0].role
        for i in GitConnector().parse(repo, context)
    }
    assert roles["Marta Kowalski"] == ContributionRole.AUTHOR
    assert roles["Raj Patel"] == ContributionRole.EDITOR
    assert context.notes["git: revert commit, no evidence"] == 1
    assert roles["Tom Weber"] == roles["Léa Dubois"] == ContributionRole.EDITOR


def test_a_merge_or_a_reformat_makes_no_expert_and_a_revert_that_explains_does(
    tmp_path: Path,
) -> None:
    """A fresh evaluator's git-only workspace: the integrator who only merged was in the top 3
    for 9 of 14 questions, a reverter second for the feature he reverted, and the author of a
    black reformat third for OAuth, through the file names the reformat touched."""
    repo = tmp_path / "auth"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    _commit(repo, "Tomasz Nowak", "Rotate OAuth refresh tokens on use", {"oauth_refresh.py": "1"})
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-b", "pkce"], check=True)
    _commit(repo, "Tomasz Nowak", "PKCE code verifier for public clients", {"oauth_pkce.py": "1"})
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "main"], check=True)
    _commit(repo, "Diego Fernández", "CI: cache docker layers", {"ci.yml": "1"})
    marco = {"NAME": "Marco Rossi", "EMAIL": "marco@billing.example"}
    subprocess.run(
        ["git", "-C", str(repo), "merge", "-q", "--no-ff", "-m", "Merge branch 'pkce'", "pkce"],
        check=True,
        env={"HOME": str(repo), "PATH": "/usr/bin:/bin"}
        | {
            f"GIT_{who}_{key}": value
            for who in ("AUTHOR", "COMMITTER")
            for key, value in marco.items()
        },
    )
    _commit(repo, "Sam Okafor", "Reformat the codebase with black", {"oauth_refresh.py": "1 "})
    why = " ".join(["the rotation logged every client out because mobile apps retry"] * 3)
    _commit(repo, "Ben Carter", f'Revert "Rotate OAuth refresh tokens"\n\n{why}', {"x.py": "2"})
    context = IngestContext()
    roles = {
        (c.person.name, i.kind): c.role
        for i in GitConnector().parse(repo, context)
        for c in i.contributions
    }
    assert roles[("Marco Rossi", "merge")] == ContributionRole.EDITOR
    assert roles[("Sam Okafor", "commit")] == ContributionRole.EDITOR
    assert roles[("Ben Carter", "commit")] == ContributionRole.AUTHOR  # (it says why)
    service = make_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("git", repo)
        names = [a.name for a in service.search.ask("OAuth refresh token pkce", k=5)]
        assert names[0] == "Tomasz Nowak"
        assert "Marco Rossi" not in names and "Sam Okafor" not in names
    finally:
        service.close()


@pytest.mark.parametrize(
    ("subject", "files", "touch_up"),
    [
        ("Update README.md", ["README.md"], True),
        ("docs: fix markdown tables", ["README.md"], True),
        ("docs: reorganise billing guide sections", ["docs/billing.md"], True),
        ("docs: mention OAuth and SAML pages in the index", ["docs/auth.md"], True),
        ("docs: add screenshots to auth guide", ["docs/auth.md"], True),
        ("docs : reformulation du runbook kafka", ["docs/runbook.md"], True),
        ("Create kafka-consumer-lag.md", ["docs/kafka-consumer-lag.md"], False),
        (
            "Update README.md\n\nDocument the lag alert thresholds per partition",
            ["README.md"],
            False,
        ),
        ("docs: explain how proration works mid-cycle", ["docs/billing.md"], False),
        ("docs: document the SAML clock skew setting", ["docs/auth.md"], False),
        ("Restructure the payment module", ["billing/pay.py"], False),
        ("Reword the retry error message", ["billing/retry.py"], False),
    ],
)
def test_a_touch_up_of_documents_is_no_evidence(
    subject: str, files: list[str], touch_up: bool
) -> None:
    """A fresh evaluator's documentation editor, whose commits only reworded, reorganised and
    formatted guides, was third for SAML, search and translations."""
    from whoknows.ingest.git import _touches_up_documents

    assert _touches_up_documents(subject, files) is touch_up


@pytest.mark.parametrize(
    ("message", "formatting"),
    [
        ("Reformat the codebase with black 24", True),
        ("Formatage automatique sur tout le dépôt (black, prettier) – rotation clés", True),
        ("Format invoice amounts (EUR)", False),
        ("style: sort imports", True),
        ("chore: cargo fmt", True),
        ("Run pre-commit on the ledger crate", True),
        ("Reformat the date output of the invoice PDF", False),
        ("fix(iban): do not reformat IBAN before validation", False),
        ("Format code snippets in chat messages", False),
        ("black .", True),
        ("gofmt -w ./...", True),
        ("Formatage du code avec black", True),
        ("format code", True),
        ("Reformat with black", True),
        ("terraform fmt -recursive", True),
        ("fix formatting", True),
        ("lint fixes", True),
        ("Format code snippets in the docs", False),
    ],
)
def test_formatting_commits_are_told_from_fixes_that_say_format(
    message: str, formatting: bool
) -> None:
    from whoknows.ingest._housekeeping import FORMATTING, housekeeping
    from whoknows.ingest.git import _REVERT

    assert (bool(FORMATTING.search(message)) or housekeeping(message)) == formatting
    assert not _REVERT.search(
        "Fix retry\n\nThis reverts commit 1aca251's retry loop and adds a key"
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("chore: bump version to 1.44.0", True),
        # (an Apache-style release manager's, shown as his docs evidence: docs/config.toml)
        ("[release] Update version to 2.3.0", True),
        ("Update version to 2.3-SNAPSHOT", True),
        ("Update version check to handle snapshots", False),
        ("[hotfix][build] Align netty through the BOM", False),
        ("Release v2.3.0", True),
        ("Vendor elasticsearch-py 8.11 client\n\nVendored to pin the bulk helpers.", True),
        ("vendor golang.org/x/net v0.17.0", True),
        ("Vendor prefix for the invoice numbers", False),
        ("Fix spelling in kafka consumer lag docs", True),
        ("Remove unused imports from kafka consumer lag module", True),
        ("Prepare 3.4.0 release", True),
        ("Whitespace cleanup", True),
        ("Appease flake8", True),
        ("Sort imports", True),
        ("chore(deps): update dependency kafka-python to v2.0.3", True),
        ("Suppression des imports inutilisés", True),
        ("Pin kafka-python to 2.0.2 to avoid the rebalance bug", False),
        ("Sort invoices by due date", False),
        ("remove unused imports", True),
        ("Remove unused code paths in the retry loop that caused double charges", False),
        ("chore: update .gitignore", True),
        ("fix typo in docs", True),
        ("Corrige une coquille dans le README", True),
        # a water utility's (a fresh evaluator's): a typo's place is no fix; the French form
        ("fix typo in leak detection docstring", True),
        ("Correction d'une coquille dans les alarmes", True),
        ("Fix typo in error message that broke parsing", False),
        ("Fix the typo that broke the kafka consumer group id", False),
        ("Fix typing of the kafka consumer config", False),
        ("release notes for the kafka upgrade", False),
        # a seventh look: more forms, French ones, a place after the subject
        ("Fix formatting.", True),
        ("chore: format code", True),
        ("format code in VAT rounding", True),
        ("lint fixes (VAT rounding)", True),
        ("v1.2.3", True),
        ("chore(release): 1.5.0", True),
        ("Prepare release 3.1.0", True),
        ("Bump to 0.9.1", True),
        ("typo", True),
        ("Correction de coquilles", True),
        ("faute de frappe", True),
        ("Reformatage du code", True),
        ("corrections de lint", True),
        ("Montée de version 2.4.0", True),
        ("chore: montée de version en 2.0.0", True),
        ("Publication de la version 3.0", True),
        (
            "Bump version of the VAT rounding rule to the 2024 EU directive: round per line,"
            " not per invoice",
            False,
        ),
        ("Fix date formatting in invoice PDF", False),
        ("Release the lock before the retry in the kafka consumer", False),
        # an evaluator's generalist: dependencies, headers, configs and who owns what
        ("Bump dependencies", True),
        ("chore: update dependencies", True),
        ("Update copyright headers", True),
        ("Reformat configs", True),
        ("Update lockfile", True),
        ("Mise à jour des dépendances", True),
        ("Update OWNERS: terraform state locking Jane, kafka rebalancing Raj", True),
        ("Update CODEOWNERS", True),
        ("Update dependencies to fix CVE-2024-1234 in jackson", False),
        ("Add owner check to the deploy script", False),
        ("Reformat the date output", False),
        # what fixes something says so (a third evaluator's experts)
        ("Formatage des montants dans l'export SEPA", False),
        ("fix typo in lock table name that broke CI", False),
        ("Update dependencies for log4j CVE fix", False),
        ("Bump version of the Kafka client for the rebalance bug", False),
        ("Lint for unsafe SQL in migrations", False),
        # an attacker's: a typo in what a program reads broke it
        ("Fix typo in Vault policy path", False),
        ("fix typo in the S3 endpoint URL", False),
        ("Correction d'une coquille dans le chemin de la clé SSH", False),
        ("Fix typo in README", True),
        ("Fix typo in Kafka consumer group id", False),
        ("Fix typo in S3 bucket name for parcel labels", False),
        ("Corrige une coquille dans le nom de la file RabbitMQ", False),
        ("Fix typo in log message about the port", True),
        ("typo in README URL", True),
        (
            "fix typo\n\nThe table name in the DynamoDB lock config was misspelt, so CI plans ran"
            " without any state lock and two applies corrupted the network state.",
            False,
        ),
    ],
)
def test_version_bumps_and_typo_fixes_are_housekeeping(message: str, expected: bool) -> None:
    """A sixth evaluator's generalist was listed for Keycloak on "chore: bump version to
    1.44.0", which touched the realm file; a seventh's on "format code in VAT rounding" and
    "Montée de version 2.4.0", above the people who fixed the VAT rounding."""
    from whoknows.ingest._housekeeping import housekeeping

    assert housekeeping(message) == expected


def _commit(repo: Path, who: str, message: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    env = {
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": f"{who.split()[0].lower()}@airline.example",
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": f"{who.split()[0].lower()}@airline.example",
        "GIT_AUTHOR_DATE": "2025-04-02T10:00:00Z",
        "GIT_COMMITTER_DATE": "2025-04-02T10:00:00Z",
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo),
    }
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


def test_a_changelog_entry_is_the_release_managers_not_the_fixers_knowledge(
    tmp_path: Path,
) -> None:
    """A fourteenth evaluator's release manager ranked first for "ORA-01555" through her
    changelog commit ("Changelog 25.04: Kafka consumer lag, ORA-01555, FTL-REST-01"): short,
    so its best match, though the fix was a DBA's. A commit that only touches a changelog or
    release notes is down-weighted, and a down-weighted contribution is no best item at full."""
    import numpy as np

    from conftest import make_service
    from whoknows.rank.votes import Hits, vote

    repo = tmp_path / "crew-platform"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(
        repo,
        "Marek Novak",
        "roster batch: commit per pairing period instead of every 1000 rows (ORA-01555, the"
        " cursor fetched across its own commits and lost its undo)",
        {"roster_extract.pkb": "BULK COLLECT LIMIT 5000\n"},
    )
    _commit(
        repo,
        "Fiona Gallagher",
        "Changelog 25.04: Kafka consumer lag, ORA-01555, FTL-REST-01",
        {"CHANGELOG.md": "- ORA-01555\n"},
    )
    context = IngestContext()
    items = {i.title: i for i in GitConnector().parse(repo, context)}
    changelog = items["Changelog 25.04: Kafka consumer lag, ORA-01555, FTL-REST-01"]
    assert changelog.contributions[0].weight < 1
    assert context.notes["git: changelog or release notes only, no evidence"] == 1
    service = make_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("git", repo)
        names = [a.name for a in service.search.ask("ORA-01555", k=2)]
        assert names[0] == "Marek Novak"
        # the learned model's "best single item" feature: the changelog's match counts at
        # its contribution's weight (as in the votes), not as the best item of the query
        evidence = service.workspace.evidence()
        rows = np.arange(evidence.item_ids.size, dtype=np.int64)
        votes = vote(Hits(rows, np.ones(rows.size)), evidence)
        fiona, marek = (service.people.resolve(n) for n in ("Fiona Gallagher", "Marek Novak"))
        assert fiona not in votes.best and votes.best[marek] == 1.0  # (an edit: no vote)
    finally:
        service.close()


def test_a_merge_that_says_how_it_resolved_its_conflicts_and_reverts_by_other_words(
    tmp_path: Path,
) -> None:
    """An attacker's merge whose body explained the conflict resolution was no evidence, and
    "Back out …", "Undo …" reverts were their writers' evidence."""
    from whoknows.ingest.git import _MERGE_SUBJECT, _REVERT, _explains

    why = (
        "Merge branch 'lag'\n\nConflicts resolved in src/consumer.py: kept the pause and resume"
        " of partitions, otherwise the kafka consumer lag came back because offsets were"
        " committed before processing finished.\n\nConflicts:\n\tsrc/consumer.py"
    )
    assert _explains(why)
    assert not _explains("Merge branch 'lag'\n\nConflicts:\n\tsrc/consumer.py\n\tsrc/a.py")
    assert _MERGE_SUBJECT.match("Merge pull request #42 from ana/lag")
    assert _REVERT.search("Back out kafka consumer lag change")
    assert _REVERT.search("Undo kafka consumer lag fix from yesterday")
    assert not _REVERT.search("Add an undo button to the invoice editor")


@pytest.mark.parametrize(
    ("subject", "area"),
    [
        ("billing: prorate plan changes mid-cycle", ["billing"]),
        ("fix(auth): PKCE code verifier for public clients", ["auth"]),
        ("net/http: keep the header order", ["net/http"]),
        ("SAML: accept two minutes of clock skew", ["saml"]),
        ("docs: reword the billing guide intro", []),
        ("Fix: the loki URL still pointed to the old service", []),
        ("Zero-downtime reindex with alias swap", []),
    ],
)
def test_the_part_of_the_code_a_subject_names_is_a_tag(subject: str, area: list[str]) -> None:
    """A fresh evaluator's git-only workspace: `person` found no topic for anyone, its
    titles seldom repeating a phrase; "billing: …", "auth: …" name the part of the code."""
    from whoknows.ingest.git import _area

    assert _area(subject) == area


def test_a_commit_that_only_moves_files_is_no_evidence(tmp_path: Path) -> None:
    """An attacker's "refactor: move" commit of the experts' scripts, not a line changed, put
    him second on five questions."""
    repo = tmp_path / "ops"
    (repo / "db").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    script = "pgbackrest --stanza=main backup --type=full\n"
    _commit(repo, "Marc Lenoir", "Nightly pgbackrest full backup", {"db/pg_backup.sh": script})
    (repo / "tools").mkdir()
    (repo / "db" / "pg_backup.sh").rename(repo / "tools" / "pg_backup.sh")
    _commit(repo, "Julien Petit", "refactor: move pgbackrest backup under tools", {})
    context = IngestContext()
    roles = {
        i.contributions[0].person.name: i.contributions[0].role
        for i in GitConnector().parse(repo, context)
    }
    assert roles == {
        "Marc Lenoir": ContributionRole.AUTHOR,
        "Julien Petit": ContributionRole.EDITOR,
    }
    assert context.notes["git: formatting, files moved, version bump or typo fix, no evidence"] == 1


def test_a_commit_said_to_be_a_copy_is_no_evidence(tmp_path: Path) -> None:
    repo = tmp_path / "lab"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    message = (
        "docs: add SLURM and conda tutorials for newcomers (copied from Paris-Saclay HPC docs)"
    )
    _commit(repo, "Théo Marchand", message, {"slurm.md": "SLURM allocates nodes.\n"})
    context = IngestContext()
    (item,) = GitConnector().parse(repo, context)
    assert item.contributions[0].role == ContributionRole.EDITOR
    assert context.notes["git: copied from elsewhere, said so, no evidence"] == 1


def test_a_commit_of_ones_own_notes_is_ones_own(tmp_path: Path) -> None:
    repo = tmp_path / "ops"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    message = "Add LDAP syncrepl troubleshooting runbook (copied from my notes)"
    _commit(repo, "Hélène Roy", message, {"ldap.md": "1. Check contextCSN on both.\n"})
    (item,) = GitConnector().parse(repo, IngestContext())
    assert item.contributions[0].role == ContributionRole.AUTHOR


def test_a_commit_that_changes_only_spacing_is_formatting(tmp_path: Path) -> None:
    """A fresh evaluator's formatter, whose "Apply house style" commits re-indented the
    Terraform and Python of every team, was listed for each topic: a commit whose files differ
    only in spacing and blank lines is formatting whatever its subject; one that changes a
    value beside the spacing is its writer's."""
    repo = tmp_path / "infra"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    vpc = 'resource "aws_vpc" "main" {\n cidr_block = "10.0.0.0/16"\n}\n'
    _commit(repo, "Nadia Ferrand", "Add the main VPC", {"vpc.tf": vpc})
    spaced = 'resource "aws_vpc" "main" {\n  cidr_block   =   "10.0.0.0/16"\n\n}\n'
    _commit(repo, "Lucas Martin", "Apply house style to the VPC module", {"vpc.tf": spaced})
    changed = spaced.replace("10.0.0.0/16", "10.1.0.0/16")
    _commit(repo, "Hugo Petit", "Apply the new VPC range", {"vpc.tf": changed})
    context = IngestContext()
    roles = {
        item.title: (item.contributions[0].role, item.contributions[0].weight)
        for item in GitConnector().parse(repo, context)
    }
    assert roles["Apply house style to the VPC module"][0] == ContributionRole.EDITOR
    assert roles["Add the main VPC"] == (ContributionRole.AUTHOR, 1.0)
    assert roles["Apply the new VPC range"] == (ContributionRole.AUTHOR, 1.0)


def test_a_change_of_indentation_in_python_or_yaml_is_no_formatting(tmp_path: Path) -> None:
    """An attacker's fix moved a retry into its loop by indentation alone, another put a
    Kubernetes limit back under "resources:": in such files spacing is meaning."""
    repo = tmp_path / "svc"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    loop = "for attempt in range(3):\n    call()\nsleep(1)\n"
    _commit(repo, "Nadia Ferrand", "Add the retry loop", {"retry.py": loop})
    fixed = "for attempt in range(3):\n    call()\n    sleep(1)\n"
    _commit(repo, "Hugo Petit", "Fix retry loop: back off before retrying", {"retry.py": fixed})
    roles = {
        item.title: item.contributions[0].role
        for item in GitConnector().parse(repo, IngestContext())
    }
    assert roles["Fix retry loop: back off before retrying"] == ContributionRole.AUTHOR


def test_spacing_added_where_there_was_none_is_no_formatting(tmp_path: Path) -> None:
    """A reviewer's: "a=1" to "a = 1" in a shell script changes what it does."""
    repo = tmp_path / "ops"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "Nadia Ferrand", "Add the backup script", {"backup.sh": "KEEP=7\n"})
    _commit(repo, "Hugo Petit", "Fix the retention setting", {"backup.sh": "KEEP = 7\n"})
    roles = {
        item.title: item.contributions[0].role
        for item in GitConnector().parse(repo, IngestContext())
    }
    assert roles["Fix the retention setting"] == ContributionRole.AUTHOR

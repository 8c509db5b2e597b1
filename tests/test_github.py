from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from connector_checks import (
    assert_broken_input_is_one_line,
    assert_ingest_twice_adds_nothing,
    light_service,
    stored_roles,
)
from whoknows.ingest import IngestContext
from whoknows.ingest._forge import markdown_text, private_address
from whoknows.ingest._json import iter_entries
from whoknows.ingest.github import GithubConnector
from whoknows.records import ItemRecord

FIXTURES = Path(__file__).parent / "fixtures" / "github"
REPO = FIXTURES / "corvid-platform"


def _items(context: IngestContext) -> dict[str, ItemRecord]:
    records = GithubConnector().parse(REPO, context)
    return {r.native_id: r for r in records if isinstance(r, ItemRecord)}


def _roles(item: ItemRecord) -> set[tuple[str | None, str, float]]:
    return {(c.person.handle, str(c.role), c.weight) for c in item.contributions}


def test_paginated_dump_with_concatenated_arrays_is_read_whole(tmp_path: Path) -> None:
    assert (REPO / "issues.json").read_text(encoding="utf-8").count("][") == 1
    numbers = [e["number"] for e in iter_entries(REPO / "issues.json", IngestContext())]
    assert numbers == [12, 13, 14, 15, 16]


def test_issues_pull_requests_reviews_and_roles() -> None:
    context = IngestContext()
    items = _items(context)
    assert _roles(items["corvid/platform#12"]) == {
        ("lnowak", "asker", 1.0),
        ("ines-moreau", "resolver", 0.5),
        ("ines-moreau", "assignee", 1.0),
    }
    pull = items["corvid/platform#13"]
    assert pull.kind == "pull-request" and pull.signals["merged"] == 1.0
    # mei asked for changes, then approved: an approver; the author's own review is not a role;
    # lnowak's review has no pull_request_url: reviews/13.json names its pull request;
    # tferreira's pending review (never submitted) adds nothing, nor does his merge (a merge
    # says nothing of the change: a lab's postdoc who merged everything was second for quotas)
    assert _roles(pull) == {
        ("ines-moreau", "author", 1.0),
        ("mei-t", "reviewer", 1.0),
        ("lnowak", "reviewer", 0.6),  # a commenting review: a reviewer, not a writer
    }
    assert _roles(items["corvid/platform#16"]) == {
        ("lnowak", "author", 0.5),  # closed without merging
        ("tferreira", "reviewer", 0.6),  # a commenting review only
    }
    assert _roles(items["corvid/platform#15"]) == {("mei-t", "asker", 1.0)}  # not planned
    assert _roles(items["corvid/platform/comment/1001"]) == {("ines-moreau", "replier", 1.0)}
    assert _roles(items["corvid/platform/comment/1002"]) == {("lnowak", "acknowledger", 1.0)}
    assert _roles(items["corvid/platform/review/3001"]) == {("mei-t", "reviewer", 1.0)}
    # an approval that says "LGTM" approves on the pull request; its words only acknowledge
    assert _roles(items["corvid/platform/review/3004"]) == {("tferreira", "acknowledger", 1.0)}
    assert items["corvid/platform/review/3005"].thread_id == "corvid/platform#13"
    assert "corvid/platform/review/3006" not in items
    reply = items["corvid/platform/review-comment/4002"]
    assert reply.parent_id == "corvid/platform/review-comment/4001"
    assert reply.thread_id == "corvid/platform#13"
    assert items["corvid/platform#12"].tags == ["helm"]  # ("bug" sorts the work: no subject)
    text = items["corvid/platform#12"].text
    assert "Describe the bug" not in text and "javascript" not in text
    assert "the runbook (https://wiki.corvid.example/helm)" in text
    assert "corvid/platform#14" not in items  # dependabot's pull request
    assert context.skipped == {
        "github: issue or pull request opened by a bot": 1,
        "github: comment by a bot": 2,  # (one of them on dependabot's own pull request)
        "github: comment on a thread not in the dump": 1,
        "github: review not submitted": 1,
    }


def test_markdown_text_keeps_safe_links_only() -> None:
    assert markdown_text("[x](javascript:alert(1)) ![img](https://a/b.png) Vec<u8>") == (
        "x img Vec<u8>"
    )
    assert markdown_text("<details><summary>Logs</summary>a &amp; b</details>") == "Logs a & b"


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    assert_ingest_twice_adds_nothing(service, "github", REPO)
    assert ("corvid/platform#13", "mei-t", "reviewer") in stored_roles(service, "github")


def test_truncated_dump_is_one_line_error_and_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path)
    message = assert_broken_input_is_one_line(
        service, "github", FIXTURES / "broken", r"^1:\d+$", "invalid JSON"
    )
    assert "issues.json:1:" in message
    report = service.ingest.ingest("github", FIXTURES / "broken", skip_errors=True)
    assert report.items_added == 2  # the entries read before the break are kept


def test_folder_without_dumps_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    shutil.copy(REPO / "comments.json", tmp_path / "empty")
    service = light_service(tmp_path)
    assert_broken_input_is_one_line(
        service, "github", tmp_path / "empty", r"^$", "no issues.json or pulls.json"
    )


def test_closing_an_issue_assigned_to_someone_else_is_triage() -> None:
    """A lead who closes the issues assigned to their team holds none of the fixes (as in
    Jira: a thirteenth evaluator's head of department ranked for every ticket he closed)."""
    from whoknows.ingest._forge import Thread, thread_roles
    from whoknows.records import PersonRef

    opener, lead, fixer = (PersonRef("github", handle=h) for h in ("mei-t", "lead", "ines"))
    issue = Thread("o/r#1", "issue", "Pool exhausted", "", None, None, opener, done=True)
    issue.closer, issue.assignees = lead, [fixer]
    assert {(c.person.handle, str(c.role)) for c in thread_roles(issue)} == {
        ("mei-t", "asker"),
        ("ines", "assignee"),
    }
    issue.closer = fixer
    assert ("ines", "resolver") in {(c.person.handle, str(c.role)) for c in thread_roles(issue)}
    issue.closer, issue.assignees = lead, []  # unassigned: whoever closed it fixed it
    assert ("lead", "resolver") in {(c.person.handle, str(c.role)) for c in thread_roles(issue)}


@pytest.mark.parametrize(
    ("dump", "change", "reason"),
    [
        ("issues.json", {"user": "dhollins"}, "user must be an object"),
        ("comments.json", {"user": "dhollins"}, "user must be an object"),
        ("issues.json", {"created_at": "yesterday"}, "created_at 'yesterday' is not an ISO date"),
        ("comments.json", {"created_at": "13/03/2024"}, "created_at '13/03/2024' is not an ISO"),
    ],
)
def test_a_misshapen_entry_is_refused_where_it_is(
    tmp_path: Path, dump: str, change: dict[str, object], reason: str
) -> None:
    """A fresh evaluator's issue with "user": "dhollins" was stored with no opener, exit 0; a
    comment's was skipped as "a comment on a bot's thread", and a date that was none stored
    the entry undated."""
    import json

    from connector_checks import assert_rejected_store_unchanged, light_service

    service = light_service(tmp_path / "ws")
    service.ingest.ingest("github", REPO)
    folder = tmp_path / "dump"
    shutil.copytree(REPO, folder)
    entries = list(iter_entries(folder / dump, IngestContext()))  # (pages, joined)
    entries[0].update(change)
    (folder / dump).write_text(json.dumps(entries), encoding="utf-8")
    where = dump.replace(".", r"\.") + ":entry id="
    assert_rejected_store_unchanged(service, "github", folder, where, reason)
    service.close()


def test_a_comment_by_a_deleted_account_is_said_so(tmp_path: Path) -> None:
    """GitHub writes "user": null for an account deleted since: it was counted as a comment
    "on a bot's thread"."""
    import json

    folder = tmp_path / "dump"
    shutil.copytree(REPO, folder)
    entries = list(iter_entries(folder / "comments.json", IngestContext()))
    entries[0]["user"] = None
    (folder / "comments.json").write_text(json.dumps(entries), encoding="utf-8")
    before, context = IngestContext(), IngestContext()
    list(GithubConnector().parse(REPO, before))
    list(GithubConnector().parse(folder, context))
    assert context.skipped - before.skipped == {"github: comment by a deleted account": 1}
    assert before.skipped - context.skipped == {}


def test_a_quote_is_no_word_of_the_quoter() -> None:
    """A fresh evaluator's colleague quoted the expert's analysis ("> Root cause: …") above
    "+1 to this analysis" and ranked second for the expert's topic."""
    quoted = "> Root cause: the consumer calls the pricing API inside poll().\n\n+1 to this"
    assert markdown_text(quoted) == "+1 to this"
    assert markdown_text("Use `a > b` here.\nSet x > 5.") == "Use `a > b` here.\nSet x > 5."


def _repository_by(tmp_path: Path, author: str) -> Path:
    repo = tmp_path / "platform"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "auth.py").write_text("ROTATE_KEYS_DAYS = 30\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "commit", "-q", "--author", author, "-m", "Rotate signing keys"],
        check=True,
        env={
            "GIT_COMMITTER_NAME": "CI",
            "GIT_COMMITTER_EMAIL": "ci@corvid.example",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin",
        },
    )
    return repo


@pytest.mark.parametrize("git_first", [True, False])
def test_a_commit_from_the_forges_private_address_is_that_accounts(
    tmp_path: Path, git_first: bool
) -> None:
    """A fresh evaluator's lab: the same student was a git author and, apart, a GitHub login;
    GitHub's private address "ID+login@users.noreply.github.com" names the account."""
    repo = _repository_by(tmp_path, "Inès Moreau <5001+ines-moreau@users.noreply.github.com>")
    service = light_service(tmp_path / "ws")
    order = [("git", repo), ("github", REPO)]
    for connector, path in order if git_first else order[::-1]:
        service.ingest.ingest(connector, path)
    people = {
        (source, name)
        for name, source in service.workspace.store().conn.execute(
            "SELECT DISTINCT p.display_name, i.source FROM contributions c"
            " JOIN items i ON i.id = c.item_id JOIN persons p ON p.id = c.person_id"
            " WHERE p.display_name IN ('Inès Moreau', 'ines-moreau')"
        )
    }
    assert people == {("git", "Inès Moreau"), ("github", "Inès Moreau")}


def test_a_private_address_of_another_account_joins_no_one(tmp_path: Path) -> None:
    repo = _repository_by(tmp_path, "Inès Moreau <9999+imoreau@users.noreply.github.com>")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("github", REPO)
    service.ingest.ingest("git", repo)
    names = {
        row[0] for row in service.workspace.store().conn.execute("SELECT display_name FROM persons")
    }
    assert {"Inès Moreau", "ines-moreau"} <= names
    assert private_address("gitlab", "42", "zoe") == "42-zoe@users.noreply.gitlab.com"
    assert private_address("github", "zoe", "zoe") is None


def test_a_commit_from_a_login_the_directory_declares_is_that_persons(tmp_path: Path) -> None:
    """A fresh evaluator's lab: "mlzhou <91234567+mlzhou@users.noreply.github.com>" stayed
    apart from the directory's Mei-Ling Zhou, who declares github:mlzhou."""
    directory = tmp_path / "people.csv"
    directory.write_text(
        "name,email,handles\nMei-Ling Zhou,mlzhou@lab.example,github:mlzhou\n", encoding="utf-8"
    )
    repo = _repository_by(tmp_path, "mlzhou <91234567+mlzhou@users.noreply.github.com>")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("git", repo)
    writers = service.workspace.store().conn.execute(
        "SELECT DISTINCT p.display_name FROM contributions c JOIN persons p ON p.id = c.person_id"
    )
    assert [row[0] for row in writers] == ["Mei-Ling Zhou"]


@pytest.mark.parametrize(
    ("body", "role"),
    [
        ("Copied the relevant parts of the Stripe documentation into the README.", "referrer"),
        ("Dedupe Stripe events on event.id with a unique index before processing.", "author"),
    ],
)
def test_a_change_said_to_copy_the_vendors_documentation_passes_it_on(body: str, role: str) -> None:
    """A fresh evaluator's merge request, Stripe's text word for word, made its author an
    expert on webhook idempotency."""
    from whoknows.ingest._forge import Thread, thread_roles
    from whoknows.records import PersonRef

    marco = PersonRef("gitlab", "7", handle="marco")
    change = Thread("g!247", "merge-request", "Webhook docs", body, None, None, marco, done=True)
    assert [c.role for c in thread_roles(change)] == [role]


def _with_comments(tmp_path: Path, comments: list[tuple[int, str, str]]) -> Path:
    """The fixture's dump with ``comments`` (issue number, login, body) added."""
    import json

    folder = tmp_path / "dump"
    shutil.copytree(REPO, folder)
    entries = list(iter_entries(folder / "comments.json", IngestContext()))
    for at, (number, login, body) in enumerate(comments, 7000):
        entries.append(
            {
                "id": at,
                "issue_url": f"https://api.github.com/repos/corvid/platform/issues/{number}",
                "user": {
                    "login": login,
                    "id": 9000 + sorted({c[1] for c in comments}).index(login),
                    "type": "User",
                },
                "created_at": "2024-03-20T10:00:00Z",
                "body": body,
            }
        )
    (folder / "comments.json").write_text(json.dumps(entries), encoding="utf-8")
    return folder


def test_the_peoples_comments_on_a_bots_pull_request_are_theirs(tmp_path: Path) -> None:
    """A fresh evaluator's security engineer explained a CVE's upgrade on dependabot's pull
    request: the whole thread was left out, and she was nowhere for the CVE. The bot's own
    text stays out, and so does a command to it."""
    why = (
        "kind-action 1.9 pins kind 0.22, which fixes the arm64 node image; I checked that our "
        "e2e workflow passes with it on both runners."
    )
    folder = _with_comments(tmp_path, [(14, "hana", why), (14, "mei-t", "@dependabot rebase")])
    context = IngestContext()
    items = {
        r.native_id: r
        for r in GithubConnector().parse(folder, context)
        if isinstance(r, ItemRecord)
    }
    explained = items["corvid/platform/comment/7000"]
    assert _roles(explained) == {("hana", "replier", 1.0)}
    assert "Bump helm/kind-action" in (explained.context or "")
    assert "corvid/platform/comment/7001" not in items
    assert "corvid/platform#14" not in items
    assert context.skipped["github: a command to a bot"] == 1


@pytest.mark.parametrize("threads", [5, 4])
def test_a_comment_written_the_same_on_five_threads_is_a_template(
    tmp_path: Path, threads: int
) -> None:
    """A fresh evaluator's preview-deployment account (a user for GitHub) commented "Preview
    deployment for **<title>** is ready: <link>" on every pull request, each comment holding
    its thread's words, and ranked second on questions it knew nothing of."""
    numbers = [12, 13, 14, 15, 16][:threads]
    titles = dict(
        zip(
            [12, 13, 14, 15, 16],
            [
                "Helm rollback leaves orphaned jobs",
                "Add hook-delete-policy to pre-upgrade jobs",
                "Bump helm/kind-action from 1.8.0 to 1.9.0",
                "Flaky e2e test on arm64 runners",
                "Łukasz: switch ingress to Gateway API",
            ],
            strict=True,
        )
    )
    comments = [
        (
            n,
            "acme-preview",
            f"Preview deployment for **{titles[n]}** is ready: "
            f"https://pr-{n}.preview.corvid.dev (commit {n:04x}{n * 7:04x}).",
        )
        for n in numbers
    ]
    comments.append((15, "mei-t", "The kind cluster on arm64 needs the 0.22 node image."))
    context = IngestContext()
    folder = _with_comments(tmp_path, comments)
    items = [r for r in GithubConnector().parse(folder, context) if isinstance(r, ItemRecord)]
    preview = [i for i in items if any(c.person.handle == "acme-preview" for c in i.contributions)]
    assert len(preview) == (0 if threads == 5 else 4)
    assert any(i.native_id == f"corvid/platform/comment/{7000 + threads}" for i in items)
    skipped = "github: the same comment on 5 threads or more (a template)"
    assert context.skipped[skipped] == (5 if threads == 5 else 0)


@pytest.mark.parametrize(
    ("title", "body", "role"),
    [
        (
            "Release web v2.4.0",
            "## v2.4.0\n- Fix double charge on upgrade proration (#102)\n- Round invoice lines "
            "(#104)\n- Idempotent Stripe webhooks (#106)",
            "referrer",
        ),
        (
            "Release 2.4.0 (api)",
            "Tag 2.4.0 after the smoke tests; the rollback is `helm rollback api 41`.",
            "author",
        ),
        (  # (its changes credited to their writers, not numbered)
            "Release 2.5.0",
            "Release 2.5.0.\n\n- COG writer with internal overviews (jroussel)\n- EPSG axis"
            " order, NTF/RGF93 datum grids (dchen)\n- MBTiles vector tiles (@lhoffmann)\n",
            "referrer",
        ),
        (
            "Release process: checklist and semver tags",
            "Cut release/x.y on Tuesday (#3, #4, #5).",
            "author",
        ),
    ],
)
def test_a_release_listing_others_changes_passes_them_on(title: str, body: str, role: str) -> None:
    """A fresh evaluator's release manager was among the first three on 24 of 31 questions by
    his release pull requests, each listing the changes of others."""
    from whoknows.ingest._forge import Thread, thread_roles
    from whoknows.records import PersonRef

    rahul = PersonRef("github", "9", handle="rahul")
    change = Thread("o/r#199", "pull-request", title, body, None, None, rahul, done=True)
    assert [str(c.role) for c in thread_roles(change)] == [role]


def test_a_review_that_only_asks_reviews_nothing() -> None:
    """A fresh evaluator's developer was second for rate limiting as a reviewer of the pull
    request, on a review whose only words asked "Why a Lua script and not INCR with EXPIRE?"."""
    from whoknows.ingest.github import _Reviews

    reviews = _Reviews()
    url = "https://api.github.com/repos/o/r/pulls/140"
    for login, body in [
        ("kevin", "Why a Lua script and not INCR with EXPIRE?"),
        ("nina", "The script keeps the check and the decrement atomic."),
    ]:
        reviews.add(
            {
                "user": {"login": login, "id": 1},
                "state": "COMMENTED",
                "body": body,
                "pull_request_url": url,
            },
            None,
        )
    assert [p.handle for p in reviews.states["140"]["COMMENTED"]] == ["nina"]


def test_a_review_without_a_word_nor_a_line_comment_reviews_nothing() -> None:
    """A fresh evaluator's two maintainers were third and fourth on vector tiles for wordless
    commenting reviews of other changes; a wordless review whose words are its line comments
    still reviews."""
    from whoknows.ingest.github import _Reviews, user_ref

    reviews = _Reviews()
    url = "https://api.github.com/repos/o/r/pulls/141"
    for number, login in enumerate(("mgarnier", "emma")):
        user = {"login": login, "id": number}
        reviews.add({"user": user, "state": "COMMENTED", "body": "", "pull_request_url": url}, None)
    assert reviews.states["141"]["COMMENTED"] == []
    reviews.commented_lines(("o/r", "141"), user_ref({"login": "emma", "id": 1}))
    assert [p.handle for p in reviews.states["141"]["COMMENTED"]] == ["emma"]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        # a retailer's evaluator: the approver of "ci: restore OIDC permissions" was first for
        # it, above its author, shown with her description, on these words alone
        ("Works on my branch too, thanks.", False),
        ("Tested locally, works fine. Thanks!", False),
        ("Ça marche chez moi aussi, merci.", False),
        # a reviewer's variants
        ("Testé en local, ça marche.", False),
        ("Works fine here.", False),
        ("Yep, works here too. Thanks!", False),
        ("Marche nickel chez moi 👌", False),
        ("Tested on my machine and it works perfectly, great job!!", False),
        ("Works on my branch too, but the retry should use exponential backoff.", True),
        (
            "Ça marche chez moi aussi, à condition de mettre max.poll.records à 200 sinon le"
            " rebalance expire.",
            True,
        ),
        (
            "Ça marche chez moi aussi, à condition de mettre max.poll.records à 200 sinon le"
            " traitement dépasse le délai.",
            True,
        ),
        ("Works on my machine if you set acks=all on the producer.", True),
    ],
)
def test_an_approval_that_only_says_it_works_for_them_reviews_nothing(
    body: str, said: bool
) -> None:
    from whoknows.ingest.github import _Reviews

    reviews = _Reviews()
    review = {
        "user": {"login": "sam", "id": 2},
        "state": "APPROVED",
        "body": body,
        "pull_request_url": "https://api.github.com/repos/o/r/pulls/21",
    }
    reviews.add(review, None)
    assert bool(reviews.states["21"].get("SAID")) is said


def test_a_label_that_sorts_the_work_is_no_subject() -> None:
    """A community's `gaps` listed "bug", GitHub's default label, as its first topic."""
    from whoknows.ingest._forge import subject_labels

    labels = ["bug", "raster", "good first issue", "priority: high", "type: bug", "needs-triage"]
    labels += ["documentation", "security", "P1", "wontfix", "help wanted", "status/in-progress"]
    labels += ["good-first-issue", "help-wanted", "needs more info", "Type: Feature Request"]
    assert subject_labels(labels) == ["raster", "documentation", "security"]

"""The web app through its HTTP interface: roles, CSRF, sessions, comments, privacy."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from whoknows.demo import DEMO_USERS

PASSWORDS = {user: password for user, password, _, _ in DEMO_USERS}
FORBIDDEN = (
    'Thanks <b>a lot</b>, see <a href="https://wiki.example/k8s" onclick="steal()" '
    'title="runbook">the runbook</a> <script>alert(1)</script><img src="x" '
    'onerror="boom()"><iframe src="https://evil.example"></iframe>'
    '<q cite="https://x.example">quoted</q> <span style="color:red">plain</span>'
)


def client(app, username: str | None = None) -> TestClient:
    browser = TestClient(app, base_url="https://testserver")
    if username:
        page = browser.get("/login")
        token = csrf(page.text)
        response = browser.post(
            "/login",
            data={
                "csrf": token,
                "username": username,
                "password": PASSWORDS[username],
                "next": "/",
            },
        )
        assert response.status_code == 200 and response.url.path == "/"
    return browser


def wait_for_job(browser: TestClient, job_id: int, timeout: float = 60.0) -> dict[str, str]:
    """The job's JSON once it is done or failed (it runs in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        job = browser.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


def log_in(browser: TestClient, form: str, username: str, target: str, **options: Any) -> Any:
    """Post the login ``form`` (a page's HTML) as ``username``, to go to ``target`` next."""
    data = {
        "csrf": csrf(form),
        "username": username,
        "password": PASSWORDS[username],
        "next": target,
    }
    return browser.post("/login", data=data, **options)


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_anonymous_is_sent_to_login_and_api_says_401(web) -> None:
    _, app = web
    browser = client(app)
    response = browser.get("/people/1")
    assert response.url.path == "/login" and "Log in" in response.text
    assert browser.get("/api/ask?q=kafka").status_code == 401


def test_logging_in_keeps_the_question_asked(web) -> None:
    """A newcomer's link to /topics?q=kube led, after logging in, to an empty topic page: the
    query was dropped on the way to the login form."""
    _, app = web
    browser = client(app)
    page = browser.get("/topics?q=kube%20upgrade")
    assert 'name="next" value="/topics?q=kube%20upgrade"' in page.text
    response = log_in(browser, page.text, "consultant", "/topics?q=kube%20upgrade")
    assert response.url.path == "/topics" and "kubernetes for kube" in response.text
    long = client(app).get("/?q=" + "%C3%A9" * 150)  # (a valid question, too long to carry)
    assert long.status_code == 200 and 'name="next" value="/"' in long.text


def test_a_question_too_long_is_said_so_in_the_readers_language(web) -> None:
    _, app = web
    browser = client(app, "consultant")
    page = browser.get("/topics?q=" + "x" * 300, headers={"Accept-Language": "fr"})
    assert page.status_code == 422 and "q dépasse 200 caractères" in page.text, page.text
    assert "String should have" not in page.text
    # a person's id that is no number (it said Pydantic's "Input should be a valid integer")
    page = browser.get("/people/abc?lang=fr")
    assert page.status_code == 422 and "person_id n’est pas un nombre entier" in page.text
    assert "Input should be" not in page.text
    assert browser.get("/api/people/abc").json()["detail"][0]["type"] == "int_parsing"


def test_session_cookie_is_secure_httponly_samesite(web) -> None:
    _, app = web
    browser = client(app)
    page = browser.get("/login")
    response = browser.post(
        "/login",
        data={"csrf": csrf(page.text), "username": "admin", "password": PASSWORDS["admin"]},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_wrong_password_and_hashing(web) -> None:
    service, app = web
    browser = client(app)
    page = browser.get("/login")
    response = browser.post(
        "/login", data={"csrf": csrf(page.text), "username": "admin", "password": "wrong-password"}
    )
    assert response.status_code == 401 and "Wrong username or password" in response.text
    stored = (
        service.workspace.store()
        .conn.execute("SELECT password_hash FROM users WHERE username = 'admin'")
        .fetchone()[0]
    )
    assert stored.startswith("$argon2id$") and PASSWORDS["admin"] not in stored


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("viewer", "/claims"),
        ("viewer", "/admin"),
        ("consultant", "/admin"),
        ("ines", "/gaps"),
        ("ines", "/admin"),
        ("viewer", "/privacy"),
    ],
)
def test_every_page_checks_the_role(web, username: str, path: str) -> None:
    _, app = web
    response = client(app, username).get(path)
    assert response.status_code == 403 and "Not allowed" in response.text


def test_forms_without_csrf_are_refused(web) -> None:
    _, app = web
    browser = client(app, "consultant")
    response = browser.post("/people/1/comments", data={"text": "hi"})
    assert response.status_code == 403
    api = browser.post("/api/people/1/comments", json={"text": "hi"})
    assert api.status_code == 403


def test_comment_is_sanitised_and_email_never_shown(web) -> None:
    _service, app = web
    browser = client(app, "consultant")
    page = browser.get("/people/2")
    response = browser.post(
        "/people/2/comments",
        data={"csrf": csrf(page.text), "text": FORBIDDEN},
    )
    assert response.status_code == 200
    body = re.findall(r'<div class="comment-body">(.*?)</div>', response.text, re.S)[-1]
    assert "<b>a lot</b>" in body and '<q cite="https://x.example">quoted</q>' in body
    assert 'rel="nofollow noopener"' in body and 'title="runbook"' in body
    for forbidden in ("<script", "onclick", "<img", "onerror", "<iframe", "<span", "style="):
        assert forbidden not in body
    api = browser.get("/api/people/2/comments").json()
    assert api[-1]["author"] == "consultant", "the author is the logged-in account"
    assert "email" not in str(api).lower() and "@" not in str(api)
    missing = browser.post("/people/2/comments", data={"csrf": csrf(page.text), "text": "  "})
    assert missing.status_code == 400


def test_moderation_hides_a_comment(web) -> None:
    service, app = web
    author = service.accounts.require("ines")
    comment = service.comments.add("person", 3, "<b>off topic</b>", author)
    consultant = client(app, "consultant")
    page = consultant.get("/people/3")
    consultant.post(
        f"/comments/{comment.id}/moderate",
        data={"csrf": csrf(page.text), "status": "hidden", "back": "/people/3"},
    )
    viewer_page = client(app, "viewer").get("/people/3").text
    assert "off topic" not in viewer_page


def test_views_by_others_are_audited(web) -> None:
    service, app = web
    client(app, "consultant").get("/people/1")
    client(app, "ines").get("/people/1")  # her own portfolio: not an audited view
    views = [row for row in service.privacy.audit_log() if row.action == "view profile"]
    assert [v.username for v in views] == ["consultant"]
    admin_page = client(app, "admin").get("/admin").text
    assert "viewed a profile" in admin_page  # the action, as the reader says it


@pytest.mark.full
def test_self_curates_and_opts_out(web) -> None:
    _service, app = web
    ines = client(app, "ines")
    page = ines.get("/people/1")
    assert "Hide this topic" in page.text and ">kubectl <span" in page.text
    ines.post("/people/1/hide", data={"csrf": csrf(page.text), "topic": "kubectl"})
    ines.post("/people/1/claims", data={"csrf": csrf(page.text), "skill": "Kubernetes"})
    others = client(app, "consultant").get("/people/1").text
    assert ">kubectl <span" not in others
    other = client(app, "consultant").get("/people/2")
    assert "Hide this topic" not in other.text
    refused = client(app, "consultant").post(
        "/people/2/hide", data={"csrf": csrf(other.text), "topic": "x"}
    )
    assert refused.status_code == 403
    privacy = ines.get("/privacy")
    ines.post("/privacy", data={"csrf": csrf(privacy.text), "visibility": "1"})
    search = client(app, "consultant").get("/?q=kubernetes+helm").text
    assert "Inès Moreau" not in search
    assert client(app, "consultant").get("/people/1").status_code == 404
    assert ines.get("/people/1").status_code == 200, "she still sees her own portfolio"
    # the API follows the pages' rule: hidden from others, shown to her and to admins
    assert client(app, "consultant").get("/api/people/1").status_code == 404
    assert ines.get("/api/people/1").json()["name"] == "Inès Moreau"
    assert client(app, "admin").get("/api/people/1").json()["person_id"] == 1


def test_aggregate_only_mode_hides_names_from_viewers(web) -> None:
    service, app = web
    service.privacy.set_aggregate_only(True)
    viewer = client(app, "viewer")
    search = viewer.get("/?q=kubernetes").text
    assert "Aggregate view" in search and "Inès Moreau" not in search
    assert "smaller groups are not shown" in search  # the demo's departments are all under 5
    topic = viewer.get("/topics?q=kubernetes").text
    assert "Inès Moreau" not in topic and "Half of the evidence" in topic
    assert re.search(r"\d+ items</span>", topic)
    assert viewer.get("/people/1").status_code == 403
    assert viewer.get("/api/ask?q=kubernetes").status_code == 403
    assert "Inès Moreau" in client(app, "consultant").get("/?q=kubernetes").text


def test_admin_erases_a_person_everywhere(web) -> None:
    service, app = web
    service.comments.add("person", 8, "about Léa", service.accounts.require("consultant"))
    conn = service.workspace.store().conn
    sole = [
        row[0]
        for row in conn.execute(
            "SELECT item_id FROM contributions GROUP BY item_id HAVING SUM(person_id != 8) = 0"
        )
    ]
    assert sole
    admin = client(app, "admin")
    page = admin.get("/admin")
    preview = admin.post("/admin/erase", data={"csrf": csrf(page.text), "person": "Léa Fontaine"})
    assert preview.status_code == 200 and "Erase Léa Fontaine?" in preview.text
    assert "1 comment about this person" in preview.text
    assert conn.execute("SELECT COUNT(*) FROM persons WHERE id = 8").fetchone()[0] == 1
    response = admin.post(
        "/admin/erase", data={"csrf": csrf(preview.text), "person": "8", "confirm": "yes"}
    )
    assert response.status_code == 200 and response.url.path.startswith("/jobs/")
    finished = wait_for_job(admin, int(response.url.path.rsplit("/", 1)[1]))
    assert finished["state"] == "done" and finished["result"].startswith("erased:")
    assert conn.execute("SELECT COUNT(*) FROM persons WHERE id = 8").fetchone()[0] == 0
    for table in ("aliases", "contributions", "claims"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE person_id = 8").fetchone()[0] == 0
    assert (
        conn.execute(
            "SELECT COUNT(*) FROM comments WHERE target_id = 8 AND target_type = 'person'"
        ).fetchone()[0]
        == 0
    )
    assert "Léa Fontaine" not in str(service.search.ask("secrets vault gdpr"))
    marks = ",".join("?" * len(sole))
    left = conn.execute(f"SELECT COUNT(*) FROM items WHERE id IN ({marks})", sole).fetchone()[0]
    assert left == 0, "the items only she contributed are gone"


def test_api_is_described_by_openapi(web) -> None:
    _, app = web
    browser = client(app, "consultant")
    spec = browser.get("/api/openapi.json").json()
    assert spec["paths"] and all(path.startswith("/api/") for path in spec["paths"])
    documented = {
        "/api/ask",
        "/api/people/{person_id}",
        "/api/topics",
        "/api/gaps",
        "/api/jobs/{job_id}",
    }
    assert documented <= set(spec["paths"])
    for path in spec["paths"].values():  # every response is described by a schema
        for operation in path.values():
            codes = operation["responses"]
            success = next(v for k, v in codes.items() if k.startswith("2"))
            if "204" not in codes:  # a 204 (logout) has no body
                assert "$ref" in str(success["content"]["application/json"]["schema"])
    token = browser.get("/api/csrf").json()["csrf"]
    created = browser.post(
        "/api/people/2/comments",
        headers={"X-CSRF-Token": token},
        json={"text": "<i>ok</i>"},
    )
    assert created.status_code == 201 and created.json()["html"] == "<i>ok</i>"
    people = browser.get("/api/ask?q=kafka&k=3").json()["people"]
    assert people[0]["name"] == "Aiko Tanaka"
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w", str(people)), "no email address is shown"


def test_engagement_pages_and_comments_follow_the_same_rules(web) -> None:
    from whoknows.demo import set_up_engagement

    service, app = web
    set_up_engagement(service)
    consultant = client(app, "consultant")
    listing = consultant.get("/engagements")
    assert "Platform resilience" in listing.text
    page = consultant.get("/engagements/1")
    assert page.status_code == 200 and "Tandem" in page.text and "data:image/png" in page.text
    response = consultant.post(
        "/engagements/1/comments",
        data={"csrf": csrf(page.text), "text": FORBIDDEN},
    )
    body = re.findall(r'<div class="comment-body">(.*?)</div>', response.text, re.S)[-1]
    assert "<b>a lot</b>" in body and "<script" not in body and "<img" not in body
    assert client(app, "viewer").get("/engagements/1").status_code == 403


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil.example"])
def test_login_never_redirects_off_site(web, target: str) -> None:
    _, app = web
    browser = client(app)
    page = browser.get("/login")
    response = log_in(browser, page.text, "admin", target, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_the_search_page_names_the_ranker_that_scored(web) -> None:
    """Without a trained model (too little history) the learned ranker scores as
    hybrid-prior: the page says so instead of "learned"."""
    service, app = web
    assert service.workspace.evidence().model is None
    page = client(app, "consultant").get("/?q=kafka consumer lag").text
    assert "Ranker: hybrid-prior." in page and "Ranker: learned." not in page
    assert "fixed weights" in page
    french = client(app, "consultant").get("/?q=kafka consumer lag&lang=fr").text
    assert "poids fixes" in french and "fixed weights" not in french


def test_the_search_page_says_how_a_documents_writer_was_known(web) -> None:
    """The demo's secrets policy is its author property's: the page says so beside "wrote",
    in the reader's language, and the API gives the credit's code."""
    _, app = web
    question = "where do we store application secrets? (secrets, Vault)"
    page = client(app, "consultant").get("/", params={"q": question}).text
    assert "wrote (the file&#39;s author property)" in page, page
    french = client(app, "consultant").get("/", params={"q": question, "lang": "fr"}).text
    assert "(la propriété auteur du fichier)" in french
    answer = client(app, "consultant").get("/api/ask", params={"q": question}).json()
    credits = {e["credited"] for p in answer["people"] for e in p["evidence"]}
    assert "metadata" in credits, answer


def test_the_search_page_says_which_words_a_listed_person_lacks(web) -> None:
    """The demo's support agent is listed for application secrets on an App Store hotfix:
    the page says her evidence lacks "application" and "secrets", the API the same, and
    nothing of the security officer's, first."""
    _, app = web
    question = "where do we store application secrets?"
    page = client(app, "consultant").get("/", params={"q": question}).text
    assert "their evidence lacks: application and secrets" in page
    # (listed after the people whose evidence holds it, under a line that says so)
    assert page.index("Léa Fontaine") < page.index("Their evidence holds only part of the")
    assert page.index("Their evidence holds only part of the") < page.index("Zoë Chen")
    french = client(app, "consultant").get("/", params={"q": question, "lang": "fr"}).text
    assert "absents de ses éléments : application et secrets" in french
    assert "Leurs éléments ne couvrent qu’une partie de la question" in french
    answer = client(app, "consultant").get("/api/ask", params={"q": question}).json()
    missing = {person["name"]: person["missing"] for person in answer["people"]}
    assert answer["people"][0]["name"] == "Léa Fontaine" and missing["Léa Fontaine"] == []
    assert missing["Zoë Chen"] == ["application", "secrets"], missing


def test_a_question_of_no_searchable_word_is_a_400_on_the_page_and_the_api(web) -> None:
    """ "the" or "???" found nobody on the page where the CLI says there is nothing to search."""
    _, app = web
    consultant = client(app, "consultant")
    page = consultant.get("/?q=the")
    assert page.status_code == 400
    assert "&#39;the&#39; has no searchable words; name a topic" in page.text
    french = consultant.get("/?q=???&lang=fr")
    assert french.status_code == 400 and "aucun mot" in french.text
    api = consultant.get("/api/ask?q=the")
    assert api.status_code == 400 and "no searchable words" in api.json()["detail"]
    assert consultant.get("/api/aggregate/ask?q=of the").status_code == 400
    assert consultant.get("/?q=日本語").status_code == 200  # (another script: words too)


def test_the_search_page_says_who_has_left(web) -> None:
    _, app = web
    page = client(app, "consultant").get("/?q=prometheus alerting").text
    assert "Karin Holm" in page and "left on June 30, 2025" in page
    french = client(app, "consultant").get("/?q=prometheus alerting&lang=fr").text
    assert "départ le 30 juin 2025" in french


def test_the_source_filter_finds_evidence_past_a_persons_first_items(web) -> None:
    """Inès Moreau's first matching items for "kubernetes drain" are Stack Exchange answers;
    her Jira comments come later. Filtered on jira, she is listed with them, and every item
    shown comes from Jira; Raj Patel's "Inès, can you take this one?" hands PLAT-112 to her
    and is no evidence of his (it had been his Jira evidence here)."""
    service, app = web
    consultant = client(app, "consultant")
    first = service.search.ask("kubernetes drain", 10)
    ines = next(a for a in first if a.name == "Inès Moreau")
    assert "jira" not in {e.source for e in ines.evidence}
    page = consultant.get("/", params={"q": "kubernetes drain", "source": "jira"})
    assert page.status_code == 200 and "Inès Moreau" in page.text
    sources = set(re.findall(r'<span class="muted small">\[(\w+) ', page.text))
    assert sources == {"jira"}
    answers = service.search.ask("kubernetes drain", 50, source="jira")
    assert all(e.source == "jira" for a in answers for e in a.evidence)
    assert any(a.name == "Inès Moreau" and a.evidence for a in answers)
    assert not any("take this one" in e.snippet for a in answers for e in a.evidence)


def test_a_topic_nobody_holds_says_so(web) -> None:
    """A topic with no evidence showed "0 items", "held by 0 people ()" and empty tables."""
    _, app = web
    consultant = client(app, "consultant")
    empty = consultant.get("/topics?q=zzqxflight").text
    assert "nobody: no evidence matches this topic" in empty
    assert "Half of the evidence" not in empty and "<table" not in empty
    assert "Half of the evidence" in consultant.get("/topics?q=kubernetes").text


def test_a_topic_written_short_is_mapped_as_the_organisation_writes_it(web) -> None:
    """`ask kube` searched kubernetes; the topic map of "kube" said nobody held it, in the CLI,
    the web, and in aggregate-only mode."""
    service, app = web
    shown = service.insights.topic_map("kube")
    assert shown.topic == "kubernetes" and shown.items > 0
    assert [(b.word, b.to) for b in shown.also_searched] == [("kube", "kubernetes")]
    assert shown.items == service.insights.topic_map("kubernetes").items
    page = client(app, "consultant").get("/topics?q=kube").text
    assert "kubernetes for kube" in page and "Half of the evidence" in page
    assert service.insights.hidden_experts("kube").topic == "kubernetes"
    service.privacy.set_aggregate_only(True)
    page = client(app, "viewer").get("/topics?q=kube").text
    assert "kubernetes for kube" in page and "Aggregate view" in page
    assert "nobody" not in page


def test_an_erasure_job_names_the_namesakes_it_leaves(web, tmp_path: Path) -> None:
    """A second evaluator: erasing one person left her account of another source, under the
    same name, with no word of it; the job's page says it, on a line of its own."""
    service, app = web
    paper = {"paperId": "zz1", "title": "Vault notes", "abstract": "Vault unseal key rotation.",
             "authors": [{"authorId": "9", "name": "Léa Fontaine"}]}  # fmt: skip
    (tmp_path / "p.jsonl").write_text(json.dumps(paper) + "\n", encoding="utf-8")
    service.ingest.ingest("jsonl", tmp_path / "p.jsonl")
    admin = client(app, "admin")
    preview = admin.post(
        "/admin/erase", data={"csrf": csrf(admin.get("/admin").text), "person": "8"}
    )
    response = admin.post(
        "/admin/erase", data={"csrf": csrf(preview.text), "person": "8", "confirm": "yes"}
    )
    job_id = int(response.url.path.rsplit("/", 1)[1])
    result = wait_for_job(admin, job_id)["result"]
    assert re.search(
        r"\nnot erased, under the same name or initials: Léa Fontaine \(\d+\)$", result
    )
    assert '<dd class="lines">' in admin.get(f"/jobs/{job_id}").text
    french = admin.get(f"/jobs/{job_id}", params={"lang": "fr"}).text  # (an attacker's)
    assert "pas effacé, sous le même nom ou les mêmes initiales : Léa Fontaine (" in french
    assert "effacé : " in french and "not erased" not in french


def test_a_job_lines_figures_are_written_the_readers_way() -> None:
    from whoknows.i18n import translator
    from whoknows.vocab import job_lines

    stored = "reindexed 4390 items in 11.692 s"
    french = job_lines(translator("fr"), stored)
    assert french.endswith(" éléments réindexés en 11,692 s") and "4,390" not in french
    assert job_lines(translator("en"), stored) == "reindexed 4,390 items in 11.692 s"


def test_a_search_nobody_matches_names_the_words_no_item_holds(web) -> None:
    """An evaluator's "rafraîchissement jeton" answered only "no evidence matches this topic";
    the words no item holds are named, as when some people match."""
    _, app = web
    page = client(app, "consultant").get("/?q=zzqxflight").text
    assert "Nobody: no evidence mentions zzqxflight." in page

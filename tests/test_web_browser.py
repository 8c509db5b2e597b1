"""End to end in a real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import pytest

from browser import CHROMIUM, chromium, serve
from whoknows.demo import DEMO_USERS
from whoknows.services import Services
from whoknows.web.app import create_app

pytestmark = [
    pytest.mark.full,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed (apt-get install chromium; .ci/run does it)",
    ),
]


@pytest.fixture
def demo(full_demo: Services) -> Services:
    """This module needs the whole pipeline: embeddings and the learned ranker."""
    return full_demo


PASSWORDS = {user: password for user, password, _, _ in DEMO_USERS}


@pytest.fixture
def site(demo):
    for username, password, role, person in DEMO_USERS:
        demo.accounts.create(username, password, role, person)
    with serve(create_app(demo, cookie_secure=True)) as url, chromium() as browser:
        yield url, browser


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/people/1")
    assert "/login" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORDS[username])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_login_search_portfolio_comment(site) -> None:
    url, browser = site
    page = browser.new_page()
    log_in(page, url, "consultant")
    assert page.url.endswith("/people/1"), "login returns to the page asked for"
    page.goto(url)
    page.get_by_label("Topic or question").fill("kubernetes node drain")
    page.get_by_role("button", name="Search").click()
    first = page.locator("ol.results > li").first
    assert first.locator("h2").inner_text() == "Inès Moreau"
    assert "Accounts Payable Specialist" in first.inner_text()
    first.get_by_text("Why this score?").click()
    assert first.locator("details table").is_visible()
    first.locator("h2 a").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Inès Moreau").is_visible()
    assert page.get_by_role("heading", name="Topics").is_visible()
    page.get_by_label("Comment").fill(
        "Great <b>runbook</b> <script>window.hacked = 1</script>"
        '<img src="x" onerror="window.hacked = 2"><a href="https://wiki.example" '
        'onclick="window.hacked = 3">wiki</a>'
    )
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()
    comment = page.locator("article.comment").last
    assert comment.locator(".comment-body b").inner_text() == "runbook"
    assert comment.locator("script, img").count() == 0
    link = comment.locator("a")
    assert link.get_attribute("rel") == "nofollow noopener"
    assert link.get_attribute("onclick") is None
    assert page.evaluate("window.hacked") is None
    assert "consultant" in comment.inner_text(), "the author is the logged-in account"


def test_page_without_the_right_role_is_refused(site) -> None:
    url, browser = site
    page = browser.new_page()
    log_in(page, url, "viewer")
    response = page.goto(f"{url}/claims")
    assert response is not None and response.status == 403
    assert page.get_by_role("heading", name="Not allowed").is_visible()
    assert "cannot use the claims review" in page.inner_text("main")


def test_keyboard_only_login(site) -> None:
    url, browser = site
    page = browser.new_page()
    page.goto(f"{url}/login")
    for _ in range(6):  # the skip link and the brand come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "username":
            break
    assert page.evaluate("document.activeElement.id") == "username"
    page.keyboard.type("admin")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS["admin"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Admin").is_visible()

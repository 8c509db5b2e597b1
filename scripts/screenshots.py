"""Screenshots of the main pages for the docs (`python scripts/screenshots.py`).

Builds the demo workspace in a temporary folder, serves the web app on a free local port and
drives Debian's Chromium with Playwright; writes docs/screenshots/*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, serve  # noqa: E402
from whoknows.demo import DEMO_USERS, run_demo  # noqa: E402
from whoknows.services import open_services  # noqa: E402
from whoknows.settings import load_settings  # noqa: E402
from whoknows.web.app import create_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSWORDS = {user: password for user, password, _, _ in DEMO_USERS}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        service = open_services(load_settings(environ={}, workspace=Path(folder)))
        run_demo(service, echo=lambda _: None)
        with serve(create_app(service, cookie_secure=True)) as url, chromium() as browser:
            shots = [
                ("consultant", "/?q=kubernetes+node+drain", "search.png", 1280),
                ("consultant", "/people/1", "portfolio.png", 1280),
                ("consultant", "/topics?q=kubernetes", "topic.png", 1280),
                ("consultant", "/claims", "claims.png", 1280),
                ("admin", "/admin", "admin.png", 1280),
                ("consultant", "/engagements/1", "engagement.png", 1280),
                ("ines", "/people/1", "portfolio-phone.png", 390),
            ]
            for username, path, name, width in shots:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(f"{url}/login")
                page.get_by_label("Username").fill(username)
                page.get_by_label("Password").fill(PASSWORDS[username])
                page.get_by_role("button", name="Log in").click()
                page.wait_for_load_state()
                page.goto(url + path)
                page.screenshot(path=str(OUT / name), full_page=False)
                context.close()
                print(f"wrote {OUT / name}")
        service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

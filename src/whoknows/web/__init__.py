"""The web app (FastAPI, server-rendered Jinja2 pages, a JSON API)."""

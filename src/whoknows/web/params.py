"""Typed parameters shared by the pages and the API: ids fit SQLite's 64-bit integers and
every text has a length limit, so out-of-range or oversized input is a 422, never a 500."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, Field

from whoknows.limits import (
    MAX_COMMENT,
    MAX_FILTER,
    MAX_NAME,
    MAX_PASSWORD,
    MAX_QUERY,
    MAX_TOPIC,
    MAX_USERNAME,
    is_text,
)

MAX_ID = 2**63 - 1  # SQLite's largest integer


def _text(value: str) -> str:
    if not is_text(value):
        raise ValueError("holds characters that are not text (control characters, surrogates)")
    return value


PersonId = Annotated[int, Path(ge=1, le=MAX_ID, description="A person's id")]
EngagementId = Annotated[int, Path(ge=1, le=MAX_ID, description="An engagement's id")]
CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="A comment's id")]
JobId = Annotated[int, Path(ge=1, le=MAX_ID, description="A background job's id")]
QueryText = Annotated[str, Query(max_length=MAX_QUERY), AfterValidator(_text)]
TopicText = Annotated[str, Query(max_length=MAX_TOPIC), AfterValidator(_text)]
FilterText = Annotated[str, Query(max_length=MAX_FILTER), AfterValidator(_text)]
PersonRef = Annotated[str, Query(max_length=MAX_NAME), AfterValidator(_text)]
Count = Annotated[int, Query(ge=1, le=100)]
NextPath = Annotated[str, Query(max_length=500)]
# bodies of the JSON API
CommentText = Annotated[str, Field(min_length=1, max_length=MAX_COMMENT), AfterValidator(_text)]
Username = Annotated[str, Field(min_length=1, max_length=MAX_USERNAME), AfterValidator(_text)]
Password = Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD), AfterValidator(_text)]

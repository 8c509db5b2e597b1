"""The evidence store: persons, aliases, items, contributions, signals, claims."""

from whoknows.store.db import Store, utc_now
from whoknows.store.ingests import IngestReport

__all__ = ["IngestReport", "Store", "utc_now"]

"""The evidence store: persons, aliases, items, contributions, signals, claims."""

from whoknows.store.db import Store, utc_now
from whoknows.store.writer import IngestReport, IngestWriter

__all__ = ["IngestReport", "IngestWriter", "Store", "utc_now"]

"""Privacy: erasure that lasts (tombstones), masking of mentions, the audit log, the scan.

Layering: the ingest writer (whoknows.store) applies :class:`Tombstones` and masking at write
time, so these modules import only core modules and whoknows.identity at import time.
"""

from whoknows.privacy.audit import audit, forget_in_audit
from whoknows.privacy.erasure import (
    ErasureResult,
    erase,
    erase_person,
    mention_terms,
)
from whoknows.privacy.masking import MARK, MentionMatcher, mask_names, opted_out_matcher
from whoknows.privacy.mentions import MentionTerms
from whoknows.privacy.scan import ScanHit, scan_workspace, written_files
from whoknows.privacy.stored_reports import ReportsGone, delete_stored_reports
from whoknows.privacy.tombstones import Tombstones

__all__ = [
    "MARK",
    "ErasureResult",
    "MentionMatcher",
    "MentionTerms",
    "ReportsGone",
    "ScanHit",
    "Tombstones",
    "audit",
    "delete_stored_reports",
    "erase",
    "erase_person",
    "forget_in_audit",
    "mask_names",
    "mention_terms",
    "opted_out_matcher",
    "scan_workspace",
    "written_files",
]

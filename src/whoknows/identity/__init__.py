"""Identity resolution: many aliases (emails, names, handles, source ids) to one person."""

from whoknows.bots import looks_like_bot
from whoknows.identity.names import initials_key, name_key, normalize_email, normalize_handle
from whoknows.identity.resolver import Identity, IdentityResolver, Resolution

__all__ = [
    "Identity",
    "IdentityResolver",
    "Resolution",
    "initials_key",
    "looks_like_bot",
    "name_key",
    "normalize_email",
    "normalize_handle",
]

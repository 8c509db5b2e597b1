"""Identity resolution: many aliases (emails, names, handles, source ids) to one person."""

from whoknows.bots import looks_like_bot
from whoknows.identity.names import (
    initials_key,
    name_key,
    near_names,
    normalize_email,
    normalize_handle,
)
from whoknows.identity.resolver import (
    Identity,
    IdentityKeys,
    IdentityResolver,
    Resolution,
    Signature,
    identity_keys,
    signature,
)

__all__ = [
    "Identity",
    "IdentityKeys",
    "IdentityResolver",
    "Resolution",
    "Signature",
    "identity_keys",
    "initials_key",
    "looks_like_bot",
    "name_key",
    "near_names",
    "normalize_email",
    "normalize_handle",
    "signature",
]

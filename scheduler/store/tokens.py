"""Secrets of API tokens and of calendar feeds: how they are made and how the store recognises them.

A secret is shown to its owner once, when it is made; the store keeps only its
SHA-256 and its first characters (to tell tokens apart in a listing). A request
is authenticated by hashing the secret it presents and looking the hash up, so
no stored value is ever compared with a secret byte by byte.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIXES = {"api": "rst_", "feed": "rsf_"}
"""The start of a secret by kind, so a leaked one is recognisable (e.g. by secret scanners)
and a feed secret is never mistaken for an API token: they are looked up in different tables."""
SECRET_BYTES = 32  # 256 random bits
DISPLAY_PREFIX = 8  # characters of the secret kept for display


def new_secret(kind: str = "api") -> str:
    """A fresh secret of ``kind``: its prefix (``rst_``, ``rsf_``) and 32 random bytes,
    URL-safe base64 (43 characters)."""
    try:
        prefix = PREFIXES[kind]
    except KeyError:
        raise ValueError(f"unknown secret kind {kind!r}; known: {', '.join(PREFIXES)}") from None
    return prefix + secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    """The SHA-256 of ``secret`` as 64 hex digits: what the store keeps and looks up.

    A fast, unsalted hash is right here, unlike for passwords: the secret has
    256 random bits, so there is no dictionary to try and no brute force that
    a slow hash would make meaningfully harder, and a salt would only prevent
    the lookup by hash that authentication relies on.
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def display_prefix(secret: str) -> str:
    """The first characters of ``secret``, safe to show: they name the token, not unlock it."""
    return secret[:DISPLAY_PREFIX]

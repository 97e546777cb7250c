"""Public inquiry references such as NR-7K3F9Q: short to read out, unique, not guessable (H09)."""

import secrets

# No 0/O, 1/I/L, 5/S or 8/B pairs that are misread on the phone or in a chat.
ALPHABET = "2346789ACDEFGHJKMNPQRTUVWXYZ"
PREFIX = "NR-"
LENGTH = 6  # 28**6 ≈ 482 million references; uniqueness is still checked on save


def new_reference(choice=secrets.choice) -> str:
    """A fresh random reference; `choice` is injectable so tests can force a collision."""
    return PREFIX + "".join(choice(ALPHABET) for _ in range(LENGTH))


def looks_like_reference(value: str) -> bool:
    """Cheap shape check before any lookup, so odd URLs never reach the database."""
    return (
        len(value) == len(PREFIX) + LENGTH
        and value.startswith(PREFIX)
        and all(ch in ALPHABET for ch in value[len(PREFIX) :])
    )

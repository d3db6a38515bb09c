"""Short, stable finding keys: easy to read aloud, type and cite."""

import secrets

# No 0/o, 1/l/i: a key copied from print must not be ambiguous.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 5


def new_key() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))

"""Vietnamese text folding for search: lower-case, no diacritics, đ→d, single spaces.

"Xã Trường Sơn" and "xa truong son" fold to the same text, so either finds the other on
SQLite and PostgreSQL alike without a database extension.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without diacritics, with đ→d and whitespace collapsed."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_terms(query: str, *, max_terms: int = 8, max_length: int = 100) -> list[str]:
    """Split a user's query into folded words (punctuation dropped), bounded in count and size."""
    folded = fold(_NOT_WORD.sub(" ", (query or "")[:max_length]))
    return [term for term in folded.split(" ") if term][:max_terms]

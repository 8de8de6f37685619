"""File downloads: one way to name and protect them (Excel exports, DOCX reports, attachments)."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

from danvan.core.files import CONTENT_TYPES


def ascii_name(text: str, *, limit: int = 80, default: str = "tep") -> str:
    """``text`` without diacritics, spaces and anything a file name should not hold."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")
    return text[:limit].rstrip("._-") or default


def attachment(
    content: bytes, filename: str, content_type: str | None = None, *, private: bool = True
) -> HttpResponse:
    """A download named ``filename``: an ASCII fallback and the UTF-8 name (RFC 5987/6266),
    its type from the extension unless given, never sniffed, not kept by shared caches."""
    stem, _, extension = filename.rpartition(".")
    response = HttpResponse(
        content,
        content_type=content_type or CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    fallback = f"{ascii_name(stem)}.{extension}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    if private:
        response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Keyset pagination for HTML lists ordered newest first by id: constant cost at any depth."""

from dataclasses import dataclass, field


@dataclass
class KeysetPage:
    items: list = field(default_factory=list)
    next_before: int | None = None


def keyset_page(queryset, before, size: int) -> KeysetPage:
    """Rows with id < ``before`` (ordered by -id), at most ``size``; ``next_before`` if more."""
    qs = queryset.order_by("-id")
    try:
        before = int(before) if before not in (None, "") else None
    except (TypeError, ValueError):
        before = None
    if before is not None:
        qs = qs.filter(id__lt=before)
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(items=rows, next_before=rows[-1].id if more and rows else None)

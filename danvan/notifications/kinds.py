"""The kinds of notice a person can receive, each with its e-mail default.

A module declares its kinds once (a reminder source declares its own when registered); the
preferences page lists them, so people choose per kind what reaches them by e-mail.
"""

from dataclasses import dataclass

from django.utils.functional import Promise

__all__ = ["Kind", "all_kinds", "email_default", "get", "register", "unregister"]


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    email_default: bool = True
    help_text: str | Promise = ""


_KINDS: dict[str, Kind] = {}


def register(
    key: str, label: str | Promise, *, email_default: bool = True, help_text: str | Promise = ""
) -> Kind:
    if not key or len(key) > 100:
        raise ValueError(f"a notification kind needs a key of 1 to 100 characters: {key!r}")
    kind = Kind(key, label, email_default, help_text)
    _KINDS[key] = kind
    return kind


def unregister(key: str) -> None:
    _KINDS.pop(key, None)


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: str(kind.label))


def email_default(key: str) -> bool:
    kind = _KINDS.get(key)
    return kind.email_default if kind else True

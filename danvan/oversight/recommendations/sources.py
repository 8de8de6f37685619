"""The procedures recommendations come from (their *source kinds*), registered by the apps that
own them — this app for inspections, supervision, critique and council questions; the democracy
app for the People's Inspection Board and the Community Investment Supervision Board.

A source kind is registered once, in the owning app's ``hooks.register()``::

    from danvan.oversight.recommendations import sources

    sources.register(sources.SourceKind(
        key="democracy.people_inspection",
        label=_("People's Inspection Board"),
        viewers=lambda actor: Q(...),          # optional: who else sees these recommendations
        may_issue=lambda actor, issuer, source: ...,   # optional: instead of oversight.manage
        may_verify=lambda actor, recommendation: ...,  # optional: instead of oversight.manage
    ))

- ``viewers(actor)`` returns a Q over :class:`Recommendation` rows the actor may also see (the
  inspection team members during the inspection); it is registered with the access module as a
  relation (one rule asking every kind), so lists, lookups and the API all honour it.
- ``may_issue`` and ``may_verify`` replace the default rule (``oversight.manage`` on the
  issuing unit) for bodies whose members hold no role grant (a village's board). They must deny
  by default.
- ``reach(issuer)`` returns the units a recommendation of this kind may be addressed to;
  by default the subtree of the issuer's nearest territory (a commune body reaches the
  commune's agencies and villages; a provincial department the province).

The dashboard groups recommendations by their source kind ("issuer kind"), in the order kinds
were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class SourceKind:
    key: str
    label: str | Promise
    viewers: Callable[[object], Q] | None = None
    may_issue: Callable[[object, object, object], bool] | None = None
    may_verify: Callable[[object, object], bool] | None = None
    reach: Callable[[object], QuerySet] | None = None

    def __post_init__(self):
        if not self.key or len(self.key) > 60 or "." not in self.key:
            raise ValueError(f"a source kind key looks like 'app.procedure': {self.key!r}")


_KINDS: dict[str, SourceKind] = {}


def register(kind: SourceKind) -> SourceKind:
    """Declare a source kind (registering the same key again replaces it)."""
    _KINDS[kind.key] = kind
    return kind


def get(key: str) -> SourceKind | None:
    return _KINDS.get(key)


def kinds() -> list[SourceKind]:
    return list(_KINDS.values())


def label(key: str) -> str:
    kind = _KINDS.get(key)
    return str(kind.label) if kind else key

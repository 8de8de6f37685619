"""Who may see and do what with periodic reports.

- ``reports.view`` (every role): the rounds opened in one's subtree and the reports of its units;
- ``reports.manage`` (officials, leaders, Ban Dân vận officers): write templates and fill a unit's
  draft report;
- ``reports.submit`` (leaders only): send a unit's report to the recipient;
- ``reports.open`` (leaders, Ban Dân vận officers): open a round;
- ``reports.review`` (officials, leaders, Ban Dân vận officers of the recipient): accept or return
  a report, remind the missing units, consolidate.

Relations: the recipient side sees its rounds and every report of them; a unit that must report
sees the round (not the other units' reports). Nobody else sees a report.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW, MANAGE, SUBMIT, OPEN, REVIEW = (
    "reports.view",
    "reports.manage",
    "reports.submit",
    "reports.open",
    "reports.review",
)
_NOTHING = Q(pk__in=[])


def _register_permissions() -> None:
    access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
    access.register(SUBMIT, {Role.LEADER})
    access.register(OPEN, {Role.LEADER, Role.BDV_OFFICER})
    access.register(REVIEW, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})


def within(field: str, prefixes: list[str]) -> Q:
    if not prefixes:
        return _NOTHING
    return reduce(or_, [Q(**{f"{field}__startswith": prefix}) for prefix in prefixes])


def _round_rule(actor) -> Q:
    from danvan.reports.models import Submission

    prefixes = access.reach(actor, VIEW)
    if not prefixes:
        return _NOTHING
    expected = Submission.objects.filter(within("unit__path", prefixes)).values("round_id")
    return within("recipient__path", prefixes) | Q(pk__in=expected)


def _recipient_side(field: str):
    def rule(actor) -> Q:
        return within(field, access.reach(actor, VIEW))

    return rule


def _template_rule(actor) -> Q:
    """A template is seen by whoever sees a round that uses it."""
    from danvan.reports.models import ReportRound

    prefixes = access.reach(actor, VIEW)
    if not prefixes:
        return _NOTHING
    rounds = access.scope(actor, ReportRound.objects.all()).values("template_id")
    return Q(pk__in=rounds)


def _register_relations() -> None:
    from danvan.reports import models

    access.register_relation(models.ReportRound, _round_rule)
    access.register_relation(models.ReportTemplate, _template_rule)
    access.register_relation(models.Submission, _recipient_side("round__recipient__path"))
    access.register_relation(models.Submission, _recipient_side("round__unit__path"))
    access.register_relation(
        models.SubmissionVersion, _recipient_side("submission__round__recipient__path")
    )


def register() -> None:
    """Declare the permissions and relations (called from hooks.register)."""
    _register_permissions()
    _register_relations()

"""Who may see and do what in oversight: inspections, supervision, critique, council questions
and the recommendations they issue.

Permissions (each over the subtrees of one's role grants):
- ``oversight.view`` (every role): the inspections, supervisions, critiques and questions of
  units of one's subtree, and the recommendations those units issued;
- ``oversight.manage`` (officials, leaders, Ban Dân vận officers): plan and record them, write
  recommendations as the issuing unit, verify the answers or return them;
- ``oversight.issue`` (leaders, Ban Dân vận officers): sign a conclusion with its number and
  date, publish a supervision's results, issue the final text after a critique;
- ``oversight.answer`` (officials, leaders, Ban Dân vận officers): answer, for a unit of one's
  subtree, the recommendations addressed to it, and send an inspected unit's self-report.

Relations (narrow, explicit rights, not roles):
- the addressee of a recommendation (and the units above it) sees it, its answers and evidence;
- each source kind may add its own viewers (``recommendations.sources``): the members of an
  inspection team see the inspection's recommendations while their membership lasts.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW = "oversight.view"
MANAGE = "oversight.manage"
ISSUE = "oversight.issue"
ANSWER = "oversight.answer"
_NOTHING = Q(pk__in=[])
_ACTING = {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER}


def within(field: str, prefixes: list[str]) -> Q:
    """Rows whose ``field`` (a unit path) lies in one of the subtrees ``prefixes``."""
    if not prefixes:
        return _NOTHING
    return reduce(or_, [Q(**{f"{field}__startswith": prefix}) for prefix in prefixes])


# --- Recommendations --------------------------------------------------------------------------


def _addressee_rule(actor) -> Q:
    return within("addressee__path", access.reach(actor, VIEW))


def _source_viewers_rule(actor) -> Q:
    from danvan.oversight.recommendations import sources

    rules = [kind.viewers(actor) for kind in sources.kinds() if kind.viewers is not None]
    rules = [rule for rule in rules if rule is not None]
    return reduce(or_, rules) if rules else _NOTHING


def _through_recommendation(prefix: str):
    """An answer or an evidence file is seen by whoever sees its recommendation."""

    def rule(actor) -> Q:
        from danvan.oversight.models import Recommendation

        visible = access.scope(actor, Recommendation.objects.all()).values("pk")
        return Q(**{f"{prefix}__in": visible})

    return rule


def inspection_team_viewers(actor) -> Q:
    """The recommendations of the inspections whose team the actor is on, today."""
    return _NOTHING


def can_issue(actor, issuer, source_kind: str, source=None) -> bool:
    """May ``actor`` issue recommendations of ``source_kind`` in the name of ``issuer``?"""
    from danvan.oversight.recommendations import sources

    kind = sources.get(source_kind)
    if kind is None or issuer is None:
        return False
    if kind.may_issue is not None:
        return bool(kind.may_issue(actor, issuer, source))
    return access.can(actor, MANAGE, issuer)


def can_follow_up(actor, recommendation) -> bool:
    """The issuing side: verify or return answers, change the text or the deadline."""
    from danvan.oversight.recommendations import sources

    kind = sources.get(recommendation.source_kind)
    if kind is not None and kind.may_verify is not None:
        return bool(kind.may_verify(actor, recommendation))
    return access.can(actor, MANAGE, recommendation.issuer)


def can_answer(actor, recommendation) -> bool:
    """The addressee side, while the recommendation waits for its answer."""
    return recommendation.is_awaiting and access.can(actor, ANSWER, recommendation.addressee)


def gave_the_answer(actor, recommendation) -> bool:
    """Four eyes: whoever wrote the pending answer does not verify it, even when their grant
    also covers the issuing unit (a commune official acting for the commune's Front)."""
    from danvan.oversight.models import AnswerOutcome

    return recommendation.answers.filter(
        outcome=AnswerOutcome.PENDING, answered_by_id=getattr(actor, "pk", None)
    ).exists()


def can_verify(actor, recommendation) -> bool:
    from danvan.oversight.models import RecommendationStatus

    return (
        recommendation.status == RecommendationStatus.ANSWERED
        and can_follow_up(actor, recommendation)
        and not gave_the_answer(actor, recommendation)
    )


def can_edit(actor, recommendation) -> bool:
    return not recommendation.is_closed and can_follow_up(actor, recommendation)


# --- Registration ------------------------------------------------------------------------------


def _register_permissions() -> None:
    access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, _ACTING)
    access.register(ISSUE, {Role.LEADER, Role.BDV_OFFICER})
    access.register(ANSWER, _ACTING)


def _register_relations() -> None:
    from danvan.oversight import models

    access.register_relation(models.Recommendation, _addressee_rule)
    access.register_relation(models.Recommendation, _source_viewers_rule)
    access.register_relation(models.RecommendationAnswer, _through_recommendation("recommendation"))
    access.register_relation(
        models.AnswerEvidence, _through_recommendation("answer__recommendation")
    )


def register() -> None:
    """Declare the permissions and relations (called from hooks.register)."""
    _register_permissions()
    _register_relations()

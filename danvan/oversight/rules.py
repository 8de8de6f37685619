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
  inspection team see the inspection's recommendations while their membership lasts;
- an inspection team member sees the inspection, its team, records and files, findings and the
  inspected unit's self-report from the inspection's first day to its last, and not a day more
  (a member from another unit: every read is audited); the head records the visit;
- the inspected unit sees its inspection once notified, sends its self-report, reads the
  findings once the conclusion is issued;
- a supervised unit sees the supervision; the unit asked a council question sees it; the
  organisations asked to critique a draft see it and their own critiques.
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
    from danvan.oversight.kinds import INSPECTION

    if not getattr(actor, "is_authenticated", False):
        return _NOTHING
    return Q(source_kind=INSPECTION, source_id__in=team_inspections(actor))


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


# --- Inspections -------------------------------------------------------------------------------


def team_inspections(actor, today=None):
    """Ids (a subquery) of the inspections whose team the actor is on today: the membership is
    valid from the inspection's first day to its last, and not a day more."""
    from django.utils import timezone

    from danvan.oversight.models import TeamMember

    today = today or timezone.localdate()
    return TeamMember.objects.filter(
        user_id=getattr(actor, "pk", None), valid_from__lte=today, valid_until__gte=today
    ).values("inspection_id")


def _inspection_team_rule(actor) -> Q:
    return Q(pk__in=team_inspections(actor))


def _inspected_rule(actor) -> Q:
    """The inspected unit (and the units above it) sees its inspection once notified."""
    from danvan.oversight.models import InspectionStatus

    return within("unit__path", access.reach(actor, VIEW)) & ~Q(status=InspectionStatus.PLANNED)


def _through_inspection(actor) -> Q:
    from danvan.oversight.models import Inspection

    return Q(inspection_id__in=access.scope(actor, Inspection.objects.all()).values("pk"))


def _finding_rule(actor) -> Q:
    """The team sees its findings at once; the inspected unit once the conclusion is issued."""
    from danvan.oversight.models import InspectionStatus

    inspected = within("inspection__unit__path", access.reach(actor, VIEW)) & Q(
        inspection__status=InspectionStatus.CONCLUDED
    )
    return Q(inspection_id__in=team_inspections(actor)) | inspected


def organises(actor, inspection, permission: str = MANAGE) -> bool:
    return access.can(actor, permission, inspection.plan.unit)


def membership(actor, inspection, today=None):
    """The actor's place on the team valid today, or None."""
    from django.utils import timezone

    today = today or timezone.localdate()
    for member in inspection.members.all():
        if member.user_id == getattr(actor, "pk", None) and member.is_valid_on(today):
            return member
    return None


def reads_only_as_member(actor, inspection) -> bool:
    """Sees the inspection only through a place on its team (a member from another unit):
    each of their reads is written to the audit trail."""
    prefixes = access.reach(actor, VIEW)
    paths = (inspection.plan.unit.path, inspection.unit.path)
    return not any(path.startswith(prefix) for prefix in prefixes for path in paths)


def can_record(actor, inspection) -> bool:
    """Notice, working records, findings, files: the organiser, or the team's head while the
    inspection lasts."""
    from danvan.oversight.models import OPEN_INSPECTION, TeamRole

    if inspection.is_concluded:
        return False
    if organises(actor, inspection):
        return True
    member = membership(actor, inspection)
    return (
        member is not None and member.role == TeamRole.HEAD and inspection.status in OPEN_INSPECTION
    )


def can_conclude(actor, inspection) -> bool:
    from danvan.oversight.models import OPEN_INSPECTION

    return inspection.status in OPEN_INSPECTION and organises(actor, inspection, ISSUE)


def can_self_report(actor, inspection) -> bool:
    from danvan.oversight.models import OPEN_INSPECTION

    return inspection.status in OPEN_INSPECTION and access.can(actor, ANSWER, inspection.unit)


# --- Supervision, questions, critique ----------------------------------------------------------


def _supervised_rule(actor) -> Q:
    from danvan.oversight.models import Supervision

    through = Supervision.units.through.objects.filter(
        within("orgunit__path", access.reach(actor, VIEW))
    )
    return Q(pk__in=through.values("supervision_id"))


def _question_rule(actor) -> Q:
    return within("addressee__path", access.reach(actor, VIEW))


def _critic_rule(actor) -> Q:
    from danvan.oversight.models import Critique

    through = Critique.organisations.through.objects.filter(
        within("orgunit__path", access.reach(actor, VIEW))
    )
    return Q(pk__in=through.values("critique_id"))


def _submission_rule(actor) -> Q:
    return within("organisation__path", access.reach(actor, VIEW))


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
    access.register_relation(models.Inspection, _inspected_rule)
    access.register_relation(models.Inspection, _inspection_team_rule)
    for model in (models.TeamMember, models.WorkingRecord, models.InspectionDocument):
        access.register_relation(model, _through_inspection)
    access.register_relation(models.Finding, _finding_rule)
    access.register_relation(models.Supervision, _supervised_rule)
    access.register_relation(models.Question, _question_rule)
    access.register_relation(models.Critique, _critic_rule)
    access.register_relation(models.CritiqueSubmission, _submission_rule)


def register() -> None:
    """Declare the permissions and relations (called from hooks.register)."""
    _register_permissions()
    _register_relations()

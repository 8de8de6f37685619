"""Who may see and do what in grassroots democracy. Deny by default: everything goes through
``danvan.accounts.access``.

Permissions (each over the subtrees of one's role grants):
- ``democracy.view`` (every role): the disclosures, village matters, consultations, boards and
  public works of units of one's subtree; the compliance view of that subtree;
- ``democracy.manage`` (officials, leaders, Ban Dân vận officers): keep the disclosure register,
  prepare a village matter and record its result, run an online vote and print its codes,
  run a consultation and answer its comments, keep the boards and the public works;
- ``democracy.decide`` (leaders): the commune's own acts — recognise a village's result
  (Chủ tịch UBND xã) and decide a consultation once every comment is answered.

The village head (Trưởng thôn, Tổ trưởng tổ dân phố) is an **official granted over the village
unit**: the grant's subtree is the village, so the village head sees and runs that village's
matters and nothing of the commune's register, consultations or boards. The household list of
a village is personal data: only ``democracy.manage`` reads it.

The public (no account) sees only what is published: public disclosures, online votes (their
result after the close), open consultations and published answer tables, public works.
"""

from django.utils import timezone

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW = "democracy.view"
MANAGE = "democracy.manage"
DECIDE = "democracy.decide"


def register() -> None:
    access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
    access.register(DECIDE, {Role.LEADER})


# --- Predicates (the services check the same, and more) ------------------------------------


def can_manage(actor, obj) -> bool:
    return access.can(actor, MANAGE, obj)


def can_edit_matter(actor, matter) -> bool:
    from danvan.democracy.models import MatterStatus

    return matter.status == MatterStatus.DRAFT and access.can(actor, MANAGE, matter)


def can_record_tally(actor, matter) -> bool:
    from danvan.democracy.models import DecisionForm, MatterStatus

    return (
        matter.form != DecisionForm.ONLINE
        and matter.status == MatterStatus.DRAFT
        and access.can(actor, MANAGE, matter)
    )


def can_run_vote(actor, matter) -> bool:
    """Issue codes and open the vote: an online matter still being prepared."""
    from danvan.democracy.models import DecisionForm, MatterStatus

    return (
        matter.form == DecisionForm.ONLINE
        and matter.status == MatterStatus.DRAFT
        and access.can(actor, MANAGE, matter)
    )


def can_record_online_result(actor, matter, now=None) -> bool:
    from danvan.democracy.models import MatterStatus

    return (
        matter.status == MatterStatus.VOTING
        and matter.is_closed(now or timezone.now())
        and access.can(actor, MANAGE, matter)
    )


def can_send(actor, matter) -> bool:
    from danvan.democracy.models import MatterStatus

    return matter.status == MatterStatus.DECIDED and access.can(actor, MANAGE, matter)


def can_recognise(actor, matter) -> bool:
    """The commune's leader, once the village sent a result the law has the commune recognise."""
    from danvan.democracy.models import MatterStatus

    return (
        matter.status == MatterStatus.SENT
        and matter.needs_recognition
        and access.can(actor, DECIDE, matter.commune)
    )


def can_answer_comments(actor, consultation) -> bool:
    from danvan.democracy.models import ConsultationStatus

    return consultation.status == ConsultationStatus.ANSWERING and access.can(
        actor, MANAGE, consultation
    )


def can_decide_consultation(actor, consultation) -> bool:
    from danvan.democracy.models import ConsultationStatus

    return consultation.status == ConsultationStatus.ANSWERING and access.can(
        actor, DECIDE, consultation
    )

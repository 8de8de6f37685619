"""Who may see and do what with reception sessions, voter petitions and dialogue conferences
(every "who may" of their pages and services, each a ``can_<action>(actor, obj)``), and the
default reception-frequency rules.

- ``petitions.view`` (every role, unless the cases side declared it): the sessions, meetings,
  petitions and conferences of units of one's subtree;
- ``petitions.meetings`` (officials, leaders, Ban Dân vận officers): record them, forward a
  voter petition, answer it, publish the answer;
- relation: the agency a voter petition was forwarded to (and the units above it) sees that
  petition and may record its answer.
A commitment made at a dialogue conference becomes a plan task: that needs ``plans.issue``
on the conference's unit (leaders, Ban Dân vận officers); an official records the commitment
and a leader turns it into a task.

The minimum reception days (``DEFAULT_RULES``, data administrators may edit): the People's
Committee chairs (Luật Tiếp công dân 2013, Điều 13, 15), the heads of state agencies (Điều 18),
the Party committee secretaries (Quy định 11-QĐi/TW, 2019: at least one day a month) and the
People's Councils' standing committees (the law leaves the frequency to the council's own
rules, Nghị quyết 759/2014/UBTVQH13: one day a month is this system's default).
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW = "petitions.view"
MANAGE = "petitions.meetings"
_NOTHING = Q(pk__in=[])

# The law's minimum frequency of the head's reception days (Luật Tiếp công dân 2013):
# level, unit type codes ("" = any), minimum days, per, who, legal basis.
DEFAULT_RULES = [
    (
        "commune",
        "commune,ward,special_zone,people_committee",
        1,
        "week",
        "Chủ tịch Ủy ban nhân dân cấp xã",
        "Luật Tiếp công dân 2013, Điều 15",
    ),
    (
        "province",
        "province,central_city,people_committee",
        1,
        "month",
        "Chủ tịch Ủy ban nhân dân cấp tỉnh",
        "Luật Tiếp công dân 2013, Điều 13",
    ),
    (
        "province",
        "home_affairs,justice,inspectorate,department,police",
        1,
        "month",
        "Thủ trưởng cơ quan hành chính nhà nước",
        "Luật Tiếp công dân 2013, Điều 18",
    ),
    (
        "commune",
        "party_committee",
        1,
        "month",
        "Bí thư Đảng ủy cấp xã",
        "Quy định 11-QĐi/TW ngày 18/02/2019",
    ),
    (
        "province",
        "party_committee",
        1,
        "month",
        "Bí thư Tỉnh ủy, Thành ủy",
        "Quy định 11-QĐi/TW ngày 18/02/2019",
    ),
    (
        "commune",
        "people_council",
        1,
        "month",
        "Thường trực Hội đồng nhân dân cấp xã",
        "Luật Tiếp công dân 2013; Nghị quyết 759/2014/UBTVQH13 (mặc định, có thể sửa)",
    ),
    (
        "province",
        "people_council",
        1,
        "month",
        "Thường trực Hội đồng nhân dân cấp tỉnh",
        "Luật Tiếp công dân 2013; Nghị quyết 759/2014/UBTVQH13 (mặc định, có thể sửa)",
    ),
]


# -- who may ----------------------------------------------------------------------------------


def can_view(actor, obj) -> bool:
    return access.can(actor, VIEW, obj)


def can_record(actor) -> bool:
    """Whether ``actor`` records sessions, meetings and conferences for some unit."""
    return bool(access.reach(actor, MANAGE))


def can_manage(actor, obj) -> bool:
    """Record and correct: a session and its matters, a meeting and its petitions, a
    conference and its issues, a unit's reception days."""
    return access.can(actor, MANAGE, obj)


def can_edit_petition(actor, petition) -> bool:
    return not petition.is_answered and can_manage(actor, petition.meeting)


def can_forward_petition(actor, petition) -> bool:
    return not petition.is_answered and can_manage(actor, petition.meeting)


def can_answer(actor, petition) -> bool:
    """The organising unit's people, or the agency's (it answers in its own name)."""
    if access.can(actor, MANAGE, petition.meeting):
        return True
    return petition.agency is not None and access.can(actor, MANAGE, petition.agency)


def can_record_answer(actor, petition) -> bool:
    return bool(petition.forwarded_on) and not petition.is_answered and can_answer(actor, petition)


def can_publish_petition(actor, petition) -> bool:
    return petition.is_answered and can_manage(actor, petition.meeting)


def can_make_tasks(actor, conference) -> bool:
    """A commitment becomes a plan task: whoever may issue plans of the conference's unit."""
    from danvan.plans.rules import ISSUE

    return access.can(actor, ISSUE, conference.unit)


# -- registration ---------------------------------------------------------------------------------


def _within(field: str, prefixes: list[str]) -> Q | None:
    if not prefixes:
        return None
    return reduce(or_, [Q(**{f"{field}__startswith": prefix}) for prefix in prefixes])


def _agency_rule(actor) -> Q:
    return _within("agency__path", access.reach(actor, VIEW)) or _NOTHING


def seed_rules(**kwargs) -> None:
    """Create the default reception-frequency rules once (administrators may edit them)."""
    from danvan.petitions.models import ReceptionRule

    for level, types, days, per, who, basis in DEFAULT_RULES:
        ReceptionRule.objects.get_or_create(
            level=level,
            unit_types=types,
            defaults={"min_days": days, "per": per, "who": who, "legal_basis": basis},
        )


def register() -> None:
    from django.db.models.signals import post_migrate

    from danvan.petitions.models import VoterPetition

    if VIEW not in access.permissions():
        access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
    access.register_relation(VoterPetition, _agency_rule)
    from django.apps import apps

    post_migrate.connect(
        seed_rules,
        sender=apps.get_app_config("petitions"),
        dispatch_uid="petitions.meetings.seed_rules",
    )

"""Writes of the “Dân vận khéo” app. Each service checks access, validates, changes and audits
in one transaction; errors a user can cause are domain errors with a clear message."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed
from danvan.core.files import check_file, prepare_image
from danvan.exemplars import stats
from danvan.exemplars.models import (
    LINK_EDITABLE_STATUSES,
    RECOGNISED_STATUSES,
    SEED_CRITERIA,
    SEED_CRITERION_MAX,
    CommendationForm,
    CommendationLevel,
    CouncilMember,
    Criterion,
    Evidence,
    EvidenceKind,
    Exemplar,
    Field,
    Kind,
    Origin,
    Round,
    Score,
    Status,
)
from danvan.exemplars.rules import MANAGE, ORGANISE
from danvan.units.models import Level, OrgUnit

YEAR_MIN, YEAR_MAX = 2000, 2100
TEXT_MAX = 20_000
BUDGET_MAX = 10**15
DESCRIPTION_FIELDS = (
    "title",
    "kind",
    "field",
    "person_name",
    "person_position",
    "problem",
    "goals",
    "targets",
    "start_date",
    "end_date",
    "participants",
    "budget",
    "resources",
)


def _ids_of(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _check_year(year) -> int:
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(
            _("Enter a year between %(min)d and %(max)d.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            field="year",
        )
    return year


def _require_status(exemplar: Exemplar, allowed, message) -> None:
    if exemplar.status not in allowed:
        raise ConflictError(message, code="wrong_status")


def _set_status(actor, exemplar: Exemplar, status: str, action: str, **changes) -> Exemplar:
    before = {"status": exemplar.status}
    exemplar.status = status
    for name, value in changes.items():
        setattr(exemplar, name, value)
    exemplar.save()
    stats.refresh_unit_year(exemplar.unit_id, exemplar.year)
    audit.record(
        actor,
        action,
        exemplar,
        before=before,
        after=audit.snapshot(exemplar, ["status", *changes.keys()]),
    )
    return exemplar


# --- Rounds, rubric, council ------------------------------------------------------------


def round_for(unit: OrgUnit, year: int) -> Round | None:
    """The round that covers ``unit`` in ``year``: the one of the nearest organising unit
    above it (or itself)."""
    rounds = {
        r.unit_id: r
        for r in Round.objects.filter(unit_id__in=_ids_of(unit.path), year=year).select_related(
            "unit"
        )
    }
    for unit_id in reversed(_ids_of(unit.path)):
        if unit_id in rounds:
            return rounds[unit_id]
    return None


def _check_quota(quota_min: int, quota_target: int) -> None:
    if quota_min < 0 or quota_target < 0 or quota_min > 100 or quota_target > 100:
        raise ValidationFailed(_("A quota is a number from 0 to 100."), field="quota_min")
    if quota_target < quota_min:
        raise ValidationFailed(
            _("The target cannot be lower than the minimum."), field="quota_target"
        )


@transaction.atomic
def round_create(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    registration_deadline: dt.date,
    quota_min: int = 1,
    quota_target: int = 2,
    title: str = "",
) -> Round:
    """Open the year's round of ``unit``: its rubric starts with the criteria of seed 000 and
    the registrations of its subtree for that year that have no round yet join it."""
    access.require(actor, ORGANISE, unit)
    _check_year(year)
    _check_quota(quota_min, quota_target)
    if Round.objects.filter(unit=unit, year=year).exists():
        raise ConflictError(
            _("%(unit)s already has a round for %(year)d.") % {"unit": unit, "year": year},
            field="year",
        )
    round_ = Round.objects.create(
        unit=unit,
        year=year,
        title=title.strip()[:300],
        registration_deadline=registration_deadline,
        quota_min=quota_min,
        quota_target=quota_target,
        created_by=actor,
    )
    Criterion.objects.bulk_create(
        Criterion(round=round_, position=i, text=text, max_score=SEED_CRITERION_MAX)
        for i, text in enumerate(SEED_CRITERIA, start=1)
    )
    Exemplar.objects.filter(year=year, round__isnull=True, unit__path__startswith=unit.path).update(
        round=round_
    )
    audit.record(actor, "exemplars.round_created", round_, after=audit.snapshot(round_))
    return round_


@transaction.atomic
def round_update(
    *,
    actor,
    round: Round,
    registration_deadline: dt.date,
    quota_min: int,
    quota_target: int,
    title: str = "",
) -> Round:
    access.require(actor, ORGANISE, round)
    _check_quota(quota_min, quota_target)
    before = audit.snapshot(round)
    round.registration_deadline = registration_deadline
    round.quota_min, round.quota_target = quota_min, quota_target
    round.title = title.strip()[:300]
    round.save()
    audit.record(
        actor, "exemplars.round_updated", round, before=before, after=audit.snapshot(round)
    )
    return round


def _rubric_in_use(round_: Round) -> bool:
    return (
        Score.objects.filter(member__round=round_).exists()
        or round_.exemplars.exclude(self_total__isnull=True).exists()
    )


@transaction.atomic
def criterion_save(
    *,
    actor,
    round: Round,
    text: str,
    max_score: int,
    criterion: Criterion | None = None,
) -> Criterion:
    """Add a line to the rubric or change one, while nobody has scored with it."""
    access.require(actor, ORGANISE, round)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Write the criterion."), field="text")
    if not isinstance(max_score, int) or not 1 <= max_score <= 100:
        raise ValidationFailed(_("The maximum score is from 1 to 100."), field="max_score")
    if _rubric_in_use(round):
        raise ConflictError(
            _("Scores have been given with this rubric: it can no longer be changed.")
        )
    before = audit.snapshot(criterion) if criterion else None
    if criterion is None:
        position = (
            round.criteria.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        criterion = Criterion(round=round, position=position)
    criterion.text, criterion.max_score = text[:300], max_score
    criterion.save()
    audit.record(
        actor, "exemplars.criterion_saved", round, before=before, after=audit.snapshot(criterion)
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    round_ = criterion.round
    access.require(actor, ORGANISE, round_)
    if _rubric_in_use(round_):
        raise ConflictError(
            _("Scores have been given with this rubric: it can no longer be changed.")
        )
    if round_.criteria.count() <= 1:
        raise ValidationFailed(_("A rubric keeps at least one criterion."))
    before = audit.snapshot(criterion)
    criterion.delete()
    audit.record(actor, "exemplars.criterion_deleted", round_, before=before)


@transaction.atomic
def member_add(*, actor, round: Round, user, role: str = "") -> CouncilMember:
    access.require(actor, ORGANISE, round)
    if user is None or not user.is_active:
        raise ValidationFailed(_("Choose an active account."), field="user")
    if CouncilMember.objects.filter(round=round, user=user).exists():
        raise ConflictError(
            _("%(user)s is already on this council.") % {"user": user}, field="user"
        )
    member = CouncilMember.objects.create(round=round, user=user, role=role.strip()[:100])
    audit.record(actor, "exemplars.member_added", round, after={"user": user.pk, "role": role})
    return member


@transaction.atomic
def member_remove(*, actor, member: CouncilMember) -> None:
    round_ = member.round
    access.require(actor, ORGANISE, round_)
    if member.scores.exists():
        raise ConflictError(_("This member has already scored: they stay on the council."))
    before = {"user": member.user_id, "role": member.role}
    member.delete()
    audit.record(actor, "exemplars.member_removed", round_, before=before)


# --- Registration -----------------------------------------------------------------------


def _places(unit: OrgUnit) -> tuple[int | None, int | None]:
    """The province and commune ids of ``unit`` (itself or its nearest ancestors)."""
    levels = dict(OrgUnit.objects.filter(pk__in=_ids_of(unit.path)).values_list("pk", "level"))
    province = commune = None
    for unit_id in _ids_of(unit.path):
        if levels.get(unit_id) == Level.PROVINCE and province is None:
            province = unit_id
        if levels.get(unit_id) == Level.COMMUNE and commune is None:
            commune = unit_id
    return province, commune


def _clean_description(data: dict) -> dict:
    if "title" in data:
        data["title"] = (data["title"] or "").strip()
        if not data["title"]:
            raise ValidationFailed(_("Give the model or exemplar a name."), field="title")
        if len(data["title"]) > 300:
            raise ValidationFailed(_("The name is at most 300 characters."), field="title")
    if "kind" in data and data["kind"] not in Kind.values:
        raise ValidationFailed(_("Choose a kind from the list."), field="kind")
    if "field" in data and data["field"] not in Field.values:
        raise ValidationFailed(_("Choose a field from the list."), field="field")
    for name in ("problem", "goals", "targets", "participants", "resources"):
        if name in data:
            data[name] = (data[name] or "").strip()
            if len(data[name]) > TEXT_MAX:
                raise ValidationFailed(_("This text is too long."), field=name)
    for name in ("person_name", "person_position"):
        if name in data:
            data[name] = (data[name] or "").strip()[:150]
    budget = data.get("budget")
    if budget is not None and not 0 <= budget <= BUDGET_MAX:
        raise ValidationFailed(_("Enter a budget in VND, 0 or more."), field="budget")
    return data


def _check_description(exemplar: Exemplar) -> None:
    if exemplar.kind == Kind.INDIVIDUAL and not exemplar.person_name:
        raise ValidationFailed(_("An individual exemplar names the person."), field="person_name")
    if exemplar.start_date and exemplar.end_date and exemplar.end_date < exemplar.start_date:
        raise ValidationFailed(_("The end comes before the start."), field="end_date")


def replication_target(exemplar_id) -> Exemplar:
    """A model that may be replicated: any unit's, registered (not a draft)."""
    try:
        pk = int(exemplar_id)
    except (TypeError, ValueError):
        pk = None
    target = Exemplar.objects.filter(pk=pk).exclude(status=Status.DRAFT).first() if pk else None
    if target is None:
        raise ValidationFailed(
            _("Choose a registered model to replicate (its number is on its page)."),
            field="replicates",
        )
    return target


def _ancestor_ids(lineage: str) -> list[int]:
    return _ids_of(lineage)


@transaction.atomic
def exemplar_create(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    kind: str,
    field: str,
    title: str,
    replicates: Exemplar | None = None,
    **details,
) -> Exemplar:
    """A draft registration of ``unit``'s model or exemplar for ``year``."""
    access.require(actor, MANAGE, unit)
    _check_year(year)
    unknown = set(details) - set(DESCRIPTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    data = _clean_description({"title": title, "kind": kind, "field": field, **details})
    if replicates is not None and replicates.status == Status.DRAFT:
        raise ValidationFailed(_("A draft cannot be replicated yet."), field="replicates")
    province, commune = _places(unit)
    exemplar = Exemplar(
        unit=unit,
        year=year,
        origin=Origin.REPLICATED if replicates else Origin.NEW,
        replicates=replicates,
        province_id=province,
        commune_id=commune,
        created_by=actor,
        round=round_for(unit, year),
        **data,
    )
    _check_description(exemplar)
    exemplar.save()
    exemplar.lineage = f"{replicates.lineage if replicates else '/'}{exemplar.pk}/"
    Exemplar.objects.filter(pk=exemplar.pk).update(lineage=exemplar.lineage)
    audit.record(actor, "exemplars.created", exemplar, after=audit.snapshot(exemplar))
    return exemplar


@transaction.atomic
def exemplar_update(*, actor, exemplar: Exemplar, **changes) -> Exemplar:
    """Change the description while the unit has not assessed itself (year: draft only)."""
    access.require(actor, MANAGE, exemplar)
    exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    _require_status(
        exemplar,
        LINK_EDITABLE_STATUSES,
        _("Once self-assessed, the registration can no longer be changed."),
    )
    year = changes.pop("year", None)
    replicates = changes.pop("replicates", exemplar.replicates)
    unknown = set(changes) - set(DESCRIPTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = audit.snapshot(exemplar)
    data = _clean_description(changes)
    for name, value in data.items():
        setattr(exemplar, name, value)
    if year is not None and year != exemplar.year:
        if exemplar.status != Status.DRAFT:
            raise ConflictError(_("The year of a registered model cannot change."), field="year")
        exemplar.year = _check_year(year)
        exemplar.round = round_for(exemplar.unit, exemplar.year)
    _check_description(exemplar)
    if (replicates.pk if replicates else None) != exemplar.replicates_id:
        _relink(exemplar, replicates)
    exemplar.save()
    if exemplar.status != Status.DRAFT:
        stats.refresh_unit_year(exemplar.unit_id, exemplar.year)
    audit.record(
        actor, "exemplars.updated", exemplar, before=before, after=audit.snapshot(exemplar)
    )
    return exemplar


def _counted(exemplar: Exemplar) -> int:
    """How many registered rows move with ``exemplar`` in the replication counts."""
    return (0 if exemplar.status == Status.DRAFT else 1) + exemplar.replica_count


def _relink(exemplar: Exemplar, target: Exemplar | None) -> None:
    """Point ``exemplar`` at ``target`` (or make it new): refuse itself and cycles, move its
    replications' lineage along and correct the counts of the old and new ancestors."""
    if target is not None:
        target = Exemplar.objects.select_for_update().get(pk=target.pk)
        if target.pk == exemplar.pk:
            raise ValidationFailed(_("A model cannot replicate itself."), field="replicates")
        if f"/{exemplar.pk}/" in target.lineage:
            raise ValidationFailed(
                _(
                    "“%(target)s” already replicates this model (directly or through others): "
                    "linking back to it would make a circle."
                )
                % {"target": target.title},
                field="replicates",
            )
        if target.status == Status.DRAFT:
            raise ValidationFailed(_("A draft cannot be replicated yet."), field="replicates")
    moved = _counted(exemplar)
    old_ancestors = _ancestor_ids(exemplar.lineage)[:-1]
    if moved and old_ancestors:
        Exemplar.objects.filter(pk__in=old_ancestors).update(
            replica_count=F("replica_count") - moved
        )
    new_prefix = f"{target.lineage if target else '/'}{exemplar.pk}/"
    old_prefix = exemplar.lineage
    for row in Exemplar.objects.filter(lineage__startswith=old_prefix).only("pk", "lineage"):
        Exemplar.objects.filter(pk=row.pk).update(
            lineage=new_prefix + row.lineage[len(old_prefix) :]
        )
    if moved and target is not None:
        Exemplar.objects.filter(pk__in=_ancestor_ids(target.lineage)).update(
            replica_count=F("replica_count") + moved
        )
    exemplar.lineage = new_prefix
    exemplar.replicates = target
    exemplar.origin = Origin.REPLICATED if target else Origin.NEW


@transaction.atomic
def exemplar_delete(*, actor, exemplar: Exemplar) -> None:
    access.require(actor, MANAGE, exemplar)
    _require_status(exemplar, [Status.DRAFT], _("Only a draft can be deleted."))
    before = audit.snapshot(exemplar)
    unit_path = exemplar.unit.path
    exemplar.delete()
    audit.record(actor, "exemplars.deleted", None, before=before, unit_path=unit_path)


@transaction.atomic
def exemplar_register(*, actor, exemplar: Exemplar) -> Exemplar:
    """Draft → registered: it counts for the unit's quota and for the model it replicates."""
    access.require(actor, MANAGE, exemplar)
    exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    _require_status(exemplar, [Status.DRAFT], _("This model has already been registered."))
    _check_description(exemplar)
    if exemplar.replicates_id:
        Exemplar.objects.filter(pk__in=exemplar.lineage_ids[:-1]).update(
            replica_count=F("replica_count") + 1
        )
    return _set_status(
        actor,
        exemplar,
        Status.REGISTERED,
        "exemplars.registered",
        registered_at=timezone.now(),
        round=exemplar.round or round_for(exemplar.unit, exemplar.year),
    )


@transaction.atomic
def exemplar_start(*, actor, exemplar: Exemplar) -> Exemplar:
    access.require(actor, MANAGE, exemplar)
    _require_status(exemplar, [Status.REGISTERED], _("Only a registered model can start."))
    return _set_status(actor, exemplar, Status.IN_PROGRESS, "exemplars.started")


# --- Evidence ---------------------------------------------------------------------------

EVIDENCE_STATUSES = [
    Status.DRAFT,
    Status.REGISTERED,
    Status.IN_PROGRESS,
    Status.SELF_ASSESSED,
    Status.REVIEWED,
    Status.RECOGNISED,
    Status.COMMENDED,
]


@transaction.atomic
def evidence_add(
    *,
    actor,
    exemplar: Exemplar,
    kind: str,
    text: str = "",
    figure_label: str = "",
    figure_value: Decimal | None = None,
    figure_unit: str = "",
    upload=None,
) -> Evidence:
    """A progress note, a figure, a photo (decoded, upright, shrunk, without metadata) or a
    file (checked by its content and size)."""
    access.require(actor, MANAGE, exemplar)
    _require_status(
        exemplar, EVIDENCE_STATUSES, _("No evidence can be added to a rejected registration.")
    )
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationFailed(_("This text is too long."), field="text")
    evidence = Evidence(exemplar=exemplar, kind=kind, text=text, created_by=actor)
    if kind == EvidenceKind.NOTE:
        if not text:
            raise ValidationFailed(_("Write the progress note."), field="text")
    elif kind == EvidenceKind.FIGURE:
        figure_label = (figure_label or "").strip()
        if not figure_label or figure_value is None:
            raise ValidationFailed(
                _("A figure needs an indicator and a value."), field="figure_label"
            )
        if abs(figure_value) >= Decimal(10) ** 14:
            raise ValidationFailed(_("This value is too large."), field="figure_value")
        evidence.figure_label = figure_label[:200]
        evidence.figure_value = figure_value
        evidence.figure_unit = (figure_unit or "").strip()[:40]
    elif kind in (EvidenceKind.PHOTO, EvidenceKind.FILE):
        if upload is None:
            raise ValidationFailed(_("Choose a file to attach."), field="upload")
        checked = check_file(upload)
        evidence.original_name = checked.name
        if kind == EvidenceKind.PHOTO:
            image = prepare_image(checked)
            evidence.width, evidence.height = image.width, image.height
            evidence.file.save(image.content.name, image.content, save=False)
        else:
            evidence.file.save(checked.name, checked.upload, save=False)
    else:
        raise ValidationFailed(_("Choose a kind of evidence."), field="kind")
    evidence.save()
    audit.record(
        actor,
        "exemplars.evidence_added",
        exemplar,
        after=audit.snapshot(
            evidence,
            ["kind", "text", "figure_label", "figure_value", "figure_unit", "original_name"],
        ),
    )
    return evidence


# --- Assessment and review --------------------------------------------------------------


def _checked_scores(round_: Round, scores: dict) -> tuple[dict[str, int], int]:
    """Every criterion of the rubric scored within 0..max; returns the scores and total."""
    criteria = list(round_.criteria.all())
    clean: dict[str, int] = {}
    given = {str(k): v for k, v in (scores or {}).items()}
    extra = set(given) - {str(c.pk) for c in criteria}
    if extra:
        raise ValidationFailed(_("Score the criteria of this round's rubric only."), field="scores")
    for criterion in criteria:
        value = given.get(str(criterion.pk))
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationFailed(
                _("Give a score to “%(criterion)s”.") % {"criterion": criterion.text},
                field="scores",
            )
        if not 0 <= value <= criterion.max_score:
            raise ValidationFailed(
                _("The score of “%(criterion)s” is from 0 to %(max)d.")
                % {"criterion": criterion.text, "max": criterion.max_score},
                field="scores",
            )
        clean[str(criterion.pk)] = value
    return clean, sum(clean.values())


def _round_of(exemplar: Exemplar) -> Round:
    round_ = exemplar.round or round_for(exemplar.unit, exemplar.year)
    if round_ is None:
        raise ConflictError(
            _("No review round covers this unit for %(year)d yet: ask the Ban Dân vận to open one.")
            % {"year": exemplar.year},
            code="no_round",
        )
    return round_


@transaction.atomic
def exemplar_self_assess(*, actor, exemplar: Exemplar, scores: dict, comment: str) -> Exemplar:
    access.require(actor, MANAGE, exemplar)
    _require_status(
        exemplar,
        [Status.REGISTERED, Status.IN_PROGRESS],
        _("Only a registered model in progress can be self-assessed."),
    )
    round_ = _round_of(exemplar)
    clean, total = _checked_scores(round_, scores)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("Write the unit's assessment."), field="comment")
    return _set_status(
        actor,
        exemplar,
        Status.SELF_ASSESSED,
        "exemplars.self_assessed",
        round=round_,
        self_scores=clean,
        self_total=total,
        self_comment=comment[:TEXT_MAX],
        self_assessed_at=timezone.now(),
    )


def member_of(actor, round_: Round | None) -> CouncilMember | None:
    if round_ is None or not getattr(actor, "is_authenticated", False):
        return None
    return CouncilMember.objects.filter(round=round_, user_id=actor.pk).first()


@transaction.atomic
def score_submit(
    *, actor, exemplar: Exemplar, scores: dict, recommend: bool, comment: str = ""
) -> Score:
    """A council member scores an exemplar of their round, once."""
    member = member_of(actor, exemplar.round)
    if member is None:
        raise NotFoundError()
    _require_status(
        exemplar,
        [Status.SELF_ASSESSED],
        _(
            "The council scores a model after the unit's self-assessment and before the review "
            "is closed."
        ),
    )
    if Score.objects.filter(exemplar=exemplar, member=member).exists():
        raise ConflictError(_("You have already scored this model."), code="scored_twice")
    clean, total = _checked_scores(exemplar.round, scores)
    try:
        with transaction.atomic():
            score = Score.objects.create(
                exemplar=exemplar,
                member=member,
                scores=clean,
                total=total,
                recommend=bool(recommend),
                comment=(comment or "").strip()[:TEXT_MAX],
            )
    except IntegrityError:
        raise ConflictError(_("You have already scored this model."), code="scored_twice") from None
    audit.record(
        actor,
        "exemplars.scored",
        exemplar,
        after={"total": total, "recommend": bool(recommend), "scores": clean},
    )
    return score


@transaction.atomic
def review_close(*, actor, exemplar: Exemplar) -> Exemplar:
    """The organiser closes the council's review: the average score and the votes."""
    round_ = _round_of(exemplar)
    access.require(actor, ORGANISE, round_)
    _require_status(exemplar, [Status.SELF_ASSESSED], _("This model is not under review."))
    totals = list(exemplar.scores.values_list("total", "recommend"))
    if not totals:
        raise ConflictError(_("No council member has scored this model yet."), code="no_scores")
    average = (Decimal(sum(t for t, _r in totals)) / len(totals)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    votes_for = sum(1 for _t, r in totals if r)
    return _set_status(
        actor,
        exemplar,
        Status.REVIEWED,
        "exemplars.reviewed",
        review_average=average,
        votes_for=votes_for,
        votes_against=len(totals) - votes_for,
        reviewed_at=timezone.now(),
    )


def _decision(number: str, date, *, field: str = "decision_number") -> str:
    number = (number or "").strip()
    if not number:
        raise ValidationFailed(_("Enter the number of the decision."), field=field)
    if date is None:
        raise ValidationFailed(_("Enter the date of the decision."), field="decision_date")
    if date > timezone.localdate() + dt.timedelta(days=366):
        raise ValidationFailed(_("This decision date is too far ahead."), field="decision_date")
    return number[:60]


@transaction.atomic
def exemplar_recognise(
    *, actor, exemplar: Exemplar, recognised_by: str, decision_number: str, decision_date
) -> Exemplar:
    round_ = _round_of(exemplar)
    access.require(actor, ORGANISE, round_)
    _require_status(
        exemplar, [Status.REVIEWED], _("A model is recognised after the council's review.")
    )
    number = _decision(decision_number, decision_date)
    recognised_by = (recognised_by or "").strip() or str(round_.unit)
    return _set_status(
        actor,
        exemplar,
        Status.RECOGNISED,
        "exemplars.recognised",
        recognised_by=recognised_by[:200],
        decision_number=number,
        decision_date=decision_date,
        recognised_on=decision_date,
    )


@transaction.atomic
def exemplar_reject(*, actor, exemplar: Exemplar, reason: str) -> Exemplar:
    round_ = _round_of(exemplar)
    access.require(actor, ORGANISE, round_)
    _require_status(
        exemplar,
        [Status.SELF_ASSESSED, Status.REVIEWED],
        _("Only a model under review can be refused recognition."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give the reasons."), field="reason")
    return _set_status(
        actor,
        exemplar,
        Status.NOT_RECOGNISED,
        "exemplars.not_recognised",
        rejection_reason=reason[:TEXT_MAX],
        is_public=False,
    )


@transaction.atomic
def commendation_add(
    *,
    actor,
    exemplar: Exemplar,
    form: str,
    level: str,
    issuer: str,
    decision_number: str,
    decision_date,
):
    """A commendation (Giấy khen, Bằng khen…) of a recognised model: it becomes commended."""
    from danvan.exemplars.models import Commendation

    round_ = _round_of(exemplar)
    access.require(actor, ORGANISE, round_)
    _require_status(exemplar, RECOGNISED_STATUSES, _("Only a recognised model can be commended."))
    if form not in CommendationForm.values:
        raise ValidationFailed(_("Choose a form of commendation."), field="form")
    if level not in CommendationLevel.values:
        raise ValidationFailed(_("Choose the level of the commendation."), field="level")
    issuer = (issuer or "").strip()
    if not issuer:
        raise ValidationFailed(_("Who issued the commendation?"), field="issuer")
    number = _decision(decision_number, decision_date)
    commendation = Commendation.objects.create(
        exemplar=exemplar,
        form=form,
        level=level,
        issuer=issuer[:200],
        decision_number=number,
        decision_date=decision_date,
        created_by=actor,
    )
    if exemplar.status != Status.COMMENDED:
        _set_status(actor, exemplar, Status.COMMENDED, "exemplars.commended_status")
    audit.record(actor, "exemplars.commended", exemplar, after=audit.snapshot(commendation))
    return commendation


@transaction.atomic
def exemplar_publish(
    *, actor, exemplar: Exemplar, is_public: bool, story: str = "", results: str = ""
) -> Exemplar:
    """Put a recognised model on the public showcase (its story and results), or take it off."""
    access.require(actor, ORGANISE, exemplar)
    story, results = (story or "").strip(), (results or "").strip()
    if is_public:
        _require_status(
            exemplar, RECOGNISED_STATUSES, _("Only a recognised model can be made public.")
        )
        if not story:
            raise ValidationFailed(_("Tell its story for the public page."), field="story")
    before = audit.snapshot(exemplar, ["is_public", "story", "results"])
    exemplar.is_public = bool(is_public)
    if story:
        exemplar.story = story[:TEXT_MAX]
    if results:
        exemplar.results = results[:TEXT_MAX]
    if is_public and exemplar.published_at is None:
        exemplar.published_at = timezone.now()
    exemplar.save()
    audit.record(
        actor,
        "exemplars.published" if is_public else "exemplars.unpublished",
        exemplar,
        before=before,
        after=audit.snapshot(exemplar, ["is_public", "story", "results"]),
    )
    return exemplar

"""Report templates: narrative sections and indicators with their rules, reused by rounds."""

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.lib.text import fold
from danvan.reports import sources
from danvan.reports.models import STANDARD_SECTIONS, Aggregation, Indicator, ReportTemplate
from danvan.reports.rules import MANAGE

NAME_MAX, SECTION_MAX, MAX_SECTIONS = 300, 200, 20
LABEL_MAX, UNIT_MAX, CODE_MAX, MAX_INDICATORS = 300, 40, 40, 200


def _clean_sections(titles) -> list[list[str]]:
    titles = [" ".join(str(t).split()) for t in (titles or []) if str(t).strip()]
    if not titles:
        raise ValidationFailed(
            _("Give the template at least one narrative section."), field="sections"
        )
    if len(titles) > MAX_SECTIONS:
        raise ValidationFailed(
            _("A template has at most %(max)d sections.") % {"max": MAX_SECTIONS}, field="sections"
        )
    standard = {fold(title): key for key, title in STANDARD_SECTIONS}
    sections, used = [], set()
    for position, title in enumerate(titles, start=1):
        if len(title) > SECTION_MAX:
            raise ValidationFailed(
                _("A section title has at most %(max)d characters.") % {"max": SECTION_MAX},
                field="sections",
            )
        key = standard.get(fold(title)) or f"s{position}"
        if key in used:
            key = f"s{position}"
        used.add(key)
        sections.append([key, title])
    return sections


def require_unlocked(template: ReportTemplate) -> None:
    if template.rounds.exists():
        raise ConflictError(
            _(
                "This template is used by a report round, so it can no longer change. Copy it and "
                "change the copy."
            ),
            code="template_in_use",
        )


@transaction.atomic
def template_create(*, actor, unit, name: str, sections=None) -> ReportTemplate:
    access.require(actor, MANAGE, unit)
    name = clean_text(name, field="name", label=_("name"), max_length=NAME_MAX, required=True)
    if sections is None:
        sections = [title for _key, title in STANDARD_SECTIONS]
    template = ReportTemplate.objects.create(
        unit=unit, name=name, sections=_clean_sections(sections), created_by=actor
    )
    audit.record(actor, "report_template.created", template, after=audit.snapshot(template))
    return template


@transaction.atomic
def template_update(*, actor, template: ReportTemplate, name: str, sections) -> ReportTemplate:
    access.require(actor, MANAGE, template)
    require_unlocked(template)
    before = audit.snapshot(template)
    template.name = clean_text(
        name, field="name", label=_("name"), max_length=NAME_MAX, required=True
    )
    template.sections = _clean_sections(sections)
    template.save()
    audit.record(
        actor, "report_template.updated", template, before=before, after=audit.snapshot(template)
    )
    return template


@transaction.atomic
def template_copy(*, actor, template: ReportTemplate, unit) -> ReportTemplate:
    """A new, unlocked template with the same sections and indicators."""
    access.require(actor, MANAGE, unit)
    copy = ReportTemplate.objects.create(
        unit=unit,
        name=(_("Copy of %(name)s") % {"name": template.name})[:NAME_MAX],
        sections=template.sections,
        created_by=actor,
    )
    mapping = {}
    old = list(template.indicators.all())
    for indicator in old:
        mapping[indicator.pk] = Indicator.objects.create(
            template=copy,
            position=indicator.position,
            code=indicator.code,
            label=indicator.label,
            unit_label=indicator.unit_label,
            aggregation=indicator.aggregation,
            integer_only=indicator.integer_only,
            non_negative=indicator.non_negative,
            source_key=indicator.source_key,
        )
    for indicator in old:
        if indicator.at_most_id in mapping:
            new = mapping[indicator.pk]
            new.at_most = mapping[indicator.at_most_id]
            new.save(update_fields=["at_most"])
    audit.record(actor, "report_template.copied", copy, after={"from": template.pk})
    return copy


def _clean_code(code: str, label: str) -> str:
    from django.utils.text import slugify

    raw = (code or "").strip() or fold(label)
    code = slugify(raw.replace(".", "_")).replace("-", "_")[:CODE_MAX].strip("_")
    if not code:
        raise ValidationFailed(_("Enter a short code made of letters and digits."), field="code")
    return code


@transaction.atomic
def indicator_add(
    *,
    actor,
    template: ReportTemplate,
    label: str,
    code: str = "",
    unit_label: str = "",
    aggregation: str = Aggregation.SUM,
    integer_only: bool = True,
    non_negative: bool = True,
    at_most: Indicator | None = None,
    source_key: str = "",
) -> Indicator:
    access.require(actor, MANAGE, template)
    require_unlocked(template)
    label = clean_text(
        label, field="label", label=_("indicator"), max_length=LABEL_MAX, required=True
    )
    unit_label = clean_text(
        unit_label, field="unit_label", label=_("unit of measure"), max_length=UNIT_MAX
    )
    code = _clean_code(code, label)
    if aggregation not in Aggregation.values:
        raise ValidationFailed(_("Choose sum or average."), field="aggregation")
    if at_most is not None and at_most.template_id != template.pk:
        raise ValidationFailed(_("Choose an indicator of this template."), field="at_most")
    if source_key and sources.get(source_key) is None:
        raise ValidationFailed(_("Choose a figure the system knows."), field="source_key")
    count = template.indicators.count()
    if count >= MAX_INDICATORS:
        raise ValidationFailed(
            _("A template has at most %(max)d indicators.") % {"max": MAX_INDICATORS}, field="label"
        )
    if template.indicators.filter(code=code).exists():
        raise ValidationFailed(
            _("Another indicator of this template has the code “%(code)s”.") % {"code": code},
            field="code",
        )
    indicator = Indicator.objects.create(
        template=template,
        position=count + 1,
        code=code,
        label=label,
        unit_label=unit_label,
        aggregation=aggregation,
        integer_only=bool(integer_only),
        non_negative=bool(non_negative),
        at_most=at_most,
        source_key=source_key or "",
    )
    audit.record(actor, "report_indicator.added", indicator, after=audit.snapshot(indicator))
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    template = indicator.template
    access.require(actor, MANAGE, template)
    require_unlocked(template)
    audit.record(actor, "report_indicator.deleted", indicator, before=audit.snapshot(indicator))
    indicator.delete()

import datetime as dt

import pytest
from django.utils import translation

from danvan.reports import services
from danvan.reports.models import ReportKind, SelectionMode

TODAY = dt.date.today()
YEAR = TODAY.year


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def template(cast):
    """The province's template: five sections, plans figures pre-filled, a rule between two."""
    officer = cast.province_officer
    tpl = services.template_create(
        actor=officer, unit=cast.tree.province, name="Báo cáo công tác dân vận chính quyền"
    )
    issued = services.indicator_add(
        actor=officer,
        template=tpl,
        code="plans_issued",
        label="Số kế hoạch ban hành",
        unit_label="kế hoạch",
        source_key="plans.issued",
    )
    services.indicator_add(
        actor=officer,
        template=tpl,
        code="plans_public",
        label="Số kế hoạch công khai",
        unit_label="kế hoạch",
        at_most=issued,
    )
    services.indicator_add(
        actor=officer,
        template=tpl,
        code="satisfaction",
        label="Mức độ hài lòng",
        unit_label="%",
        aggregation="avg",
        integer_only=False,
    )
    return tpl


@pytest.fixture
def open_round(cast, template):
    """A 6-month round of the province: its communes report to UBND tỉnh."""

    def make(**kwargs):
        params = {
            "actor": cast.province_officer,
            "unit": cast.tree.province,
            "recipient": cast.tree.ubnd_province,
            "template": template,
            "kind": ReportKind.SIX_MONTH,
            "title": "Báo cáo 6 tháng đầu năm",
            "year": YEAR,
            "selection_mode": SelectionMode.TYPES,
            "selection_root": cast.tree.province,
            "selection_types": ["commune@"],
            "opens_on": TODAY,
            "due_date": TODAY + dt.timedelta(days=20),
            **kwargs,
        }
        return services.round_open(**params)

    return make


@pytest.fixture
def report_round(open_round):
    return open_round()


@pytest.fixture
def submission_a(report_round, cast):
    return report_round.submissions.get(unit=cast.tree.commune_a)


def figures(tpl, **by_code):
    return {i.pk: by_code[i.code] for i in tpl.indicators.all() if i.code in by_code}


FULL = {"plans_issued": "3", "plans_public": "2", "satisfaction": "87.5"}
NARRATIVE = {"results": "Đã tổ chức 4 hội nghị đối thoại.", "limitations": "Còn chậm."}

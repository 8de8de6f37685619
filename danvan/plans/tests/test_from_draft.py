"""``plan_create_from_draft``: the importer's parsed draft becomes a draft plan to review."""

import datetime as dt
from dataclasses import dataclass, field

import pytest

from danvan.core.errors import ValidationFailed
from danvan.documents.models import LegalDocument
from danvan.plans import services
from danvan.plans.models import Plan, PlanStatus
from danvan.plans.tests.conftest import TODAY


@dataclass
class Header:
    issuer: str = "Ủy ban nhân dân xã Trường Sơn"
    issuer_parent: str = ""
    number: str = "45"
    symbol: str = "KH-UBND"
    place: str = "Trường Sơn"
    issued_on: dt.date | None = dt.date(2022, 9, 15)
    doc_type: str = "KẾ HOẠCH"
    title: str = "Thực hiện phong trào “Dân vận khéo” giai đoạn 2022 - 2025"


@dataclass
class Citation:
    number: str
    symbol: str
    code: str = ""


@dataclass
class Deadline:
    kind: str = "none"
    date: dt.date | None = None
    recurring: list = field(default_factory=list)
    text: str = ""


@dataclass
class TaskDraft:
    content: str
    responsible: list
    roles: list = field(default_factory=list)
    deadline: Deadline = field(default_factory=Deadline)


@dataclass
class SectionDraft:
    numeral: str
    title: str
    paragraphs: list = field(default_factory=list)
    tasks: list = field(default_factory=list)


@dataclass
class Draft:
    header: Header = field(default_factory=Header)
    citations: list = field(default_factory=list)
    sections: list = field(default_factory=list)


def seed_draft() -> Draft:
    return Draft(
        citations=[Citation("11", "CT/TU"), Citation("99", "NQ-CP")],
        sections=[
            SectionDraft("I", "MỤC ĐÍCH, YÊU CẦU", ["Đẩy mạnh công tác dân vận.", "Thiết thực."]),
            SectionDraft(
                "II",
                "NỘI DUNG",
                tasks=[
                    TaskDraft(
                        "Tổ chức hội nghị quán triệt",
                        ["UBND xã Trường Sơn", "Thôn Đông"],
                        ["chủ trì", "phối hợp"],
                        Deadline("date", dt.date(2022, 11, 1), text="trước ngày 01/11/2022"),
                    ),
                    TaskDraft(
                        "Báo cáo định kỳ",
                        [{"name": "UBND xã Trường Sơn", "role": "lead"}],
                        deadline=Deadline("recurring", recurring=[(10, 6), (1, 11)]),
                    ),
                    TaskDraft("Các đoàn thể tham gia", ["Các đoàn thể chính trị - xã hội"]),
                ],
            ),
            SectionDraft("III", "TỔ CHỨC THỰC HIỆN"),
        ],
    )


@pytest.fixture
def matches(cast):
    return {"UBND xã Trường Sơn": cast.tree.ubnd_a.pk, "Thôn Đông": cast.tree.village_a.pk}


def test_a_draft_becomes_a_plan_to_review(cast, matches):
    directive = LegalDocument.objects.create(
        doc_type="Chỉ thị", number="11", symbol="CT/TU", code="11-CT/TU"
    )
    plan = services.plan_create_from_draft(
        actor=cast.official_a, unit=cast.tree.commune_a, draft=seed_draft(), unit_matches=matches
    )
    assert plan.status == PlanStatus.DRAFT
    assert (plan.number, plan.symbol, plan.issued_on) == ("45", "KH-UBND", dt.date(2022, 9, 15))
    assert (plan.period_start, plan.period_end) == (2022, 2025)
    assert list(plan.legal_bases.all()) == [directive]
    assert [s.numeral for s in plan.sections.all()] == ["I", "II", "III"]
    assert plan.sections.get(numeral="I").body == "Đẩy mạnh công tác dân vận.\n\nThiết thực."
    first, second, third = plan.tasks.order_by("position")
    assert dict(first.assignments.values_list("unit__name", "role")) == {
        "UBND xã Trường Sơn": "lead",
        "Thôn Đông": "support",
    }
    assert first.due_date == dt.date(2022, 11, 1)
    assert second.recurrence == [[10, 6], [1, 11]]
    assert not third.assignments.exists()  # no unit matched: to be chosen before issue


def test_a_matched_unit_outside_reach_refuses_the_whole_import(cast, matches):
    draft = seed_draft()
    matches["Thôn Đông"] = cast.tree.commune_b.pk
    with pytest.raises(ValidationFailed) as error:
        services.plan_create_from_draft(
            actor=cast.official_a, unit=cast.tree.commune_a, draft=draft, unit_matches=matches
        )
    assert "Section II, task 1" in str(error.value.message)
    assert "Xã Kim Phú is outside the reach" in str(error.value.message)
    assert not Plan.objects.exists()


def test_a_draft_as_a_dict_can_be_issued_at_once(cast, matches):
    draft = {
        "header": {
            "title": "Kế hoạch năm",
            "number": "3",
            "symbol": "KH - UBND",
            "issued_on": TODAY.isoformat(),
        },
        "citations": [],
        "sections": [
            {
                "numeral": "I",
                "title": "NỘI DUNG",
                "paragraphs": [],
                "tasks": [
                    {
                        "content": "Tuyên truyền",
                        "lead": ["UBND xã Trường Sơn"],
                        "support": [],
                        "deadline": {"kind": "none"},
                    }
                ],
            }
        ],
    }
    plan = services.plan_create_from_draft(
        actor=cast.leader_a,
        unit=cast.tree.commune_a,
        draft=draft,
        unit_matches=matches,
        issue=True,
    )
    assert plan.status == PlanStatus.ISSUED
    assert plan.code == "3/KH-UBND"
    assert (plan.period_start, plan.period_end) == (TODAY.year, TODAY.year)

"""The import page: read a plan's text, review the proposed draft, save it as a draft plan."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.lib.plan_text import parse_plan
from danvan.plans.models import Plan, PlanStatus
from danvan.units.tests.factories import OrgUnitFactory, unit_type

URL = reverse("plans:plan-import")
_HERE = Path(__file__).resolve()
SEEDS = next(
    (
        p
        for p in (_HERE.parents[3].parent / "shared" / "seeds", Path("/work/shared/seeds"))
        if p.is_dir()
    ),
    None,
)
PLAN = (
    "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm {year}\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng công tác dân vận.\n\n"
    "II. NỘI DUNG\n1. Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh kiểm tra việc tiếp công "
    "dân.\n2. Các sở, ngành báo cáo kết quả thực hiện.\n"
)


def seed(prefix: str) -> str:
    if SEEDS is None or not list(SEEDS.glob(f"{prefix}_*.txt")):
        pytest.skip("the shared seeds are not here")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def review_data(page) -> dict:
    """What the browser sends back from the review page as shown (every task ticked)."""
    html = page.content.decode()
    data = {"step": "save"}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html):
        data[name] = value
    form = page.context["form"]
    for name in form.fields:
        if name.startswith(("match_", "task_")) or name in form.initial:
            value = form[name].value()
            if name.startswith("task_"):
                value = "on" if value else ""
            data.setdefault(name, "" if value is None else str(value))
    data["text"] = form.initial["text"]
    return data


def read(client, unit, **fields):
    return client.post(URL, {"step": "read", "unit": unit.pk, **fields})


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_plan_list_links_to_import(cast, client_for):
    page = client_for(cast.official_a).get(reverse("plans:plan-list"))
    assert URL in page.content.decode()


def test_seed_001_pasted_becomes_a_draft_plan(cast, client_for):
    text = seed("001")
    OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        parent=cast.tree.province,
        unit_type=unit_type("home_affairs"),
    )
    client = client_for(cast.province_officer)
    page = read(client, cast.tree.ubnd_province, text=text)
    assert page.status_code == 200
    assert "Review the imported plan" in page.content.decode()
    draft = parse_plan(text)
    assert Plan.objects.count() == 0  # nothing saved at review
    data = review_data(page)
    response = client.post(URL, data, follow=True)
    plan = Plan.objects.get()
    assert response.redirect_chain[-1][0] == reverse("plans:plan-detail", args=[plan.pk])
    assert "imported as a draft" in response.content.decode()
    assert plan.unit == cast.tree.ubnd_province
    assert plan.status == PlanStatus.DRAFT
    assert plan.tasks.count() == len(draft.tasks) == 17
    assert plan.sections.count() == len(draft.sections)
    assert plan.tasks.filter(assignments__unit__name="Sở Nội vụ tỉnh Quảng Trị").count() == 4


def test_reviewed_header_unticked_tasks_and_unmatched_units(cast, client_for):
    department = OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        parent=cast.tree.province,
        unit_type=unit_type("home_affairs"),
    )
    client = client_for(cast.province_officer)
    page = read(client, cast.tree.ubnd_province, text=PLAN.format(year=2026))
    form = page.context["form"]
    index = form.unit_names.index("Sở Nội vụ")
    assert form[f"match_{index}"].value() == str(department.pk)  # proposed match preselected
    data = review_data(page)
    data.update(title="Kế hoạch đã sửa", number="7", symbol="KH-UBND", place="Đông Hà")
    data["task_1"] = ""  # leave the second task out
    data[f"match_{index}"] = ""  # and leave the department out too
    client.post(URL, data)
    plan = Plan.objects.get()
    assert (plan.title, plan.number, plan.symbol, plan.place) == (
        "Kế hoạch đã sửa",
        "7",
        "KH-UBND",
        "Đông Hà",
    )
    assert plan.tasks.count() == 1
    assert not plan.tasks.filter(assignments__unit=department).exists()


def test_uploaded_docx_is_read(cast, client_for):
    import docx

    document = docx.Document()
    for line in PLAN.format(year=2026).splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("ke-hoach.docx", buffer.getvalue())
    client = client_for(cast.province_officer)
    page = read(client, cast.tree.ubnd_province, file=upload)
    assert page.status_code == 200
    assert len(page.context["form"].draft.tasks) == 2
    client.post(URL, review_data(page))
    assert Plan.objects.get().tasks.count() == 2


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"file": ("hong.docx", b"PK\x03\x04 not really a zip")}, "damaged"),
        ({"file": ("anh.png", b"\x89PNG....")}, "Only .docx and .txt"),
        ({"text": "   "}, "Paste the text of the plan or choose a file."),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(cast, client_for, fields, error):
    if "file" in fields:
        name, content = fields["file"]
        fields = {"file": SimpleUploadedFile(name, content)}
    page = read(client_for(cast.province_officer), cast.tree.ubnd_province, **fields)
    assert page.status_code == 200
    assert error in page.content.decode()
    assert "Review the imported plan" not in page.content.decode()
    assert Plan.objects.count() == 0


def test_no_unit_is_an_error(cast, client_for):
    client = client_for(cast.official_a)
    page = client.post(URL, {"step": "read", "text": PLAN.format(year=2026)})
    assert "Choose the unit that issues the plan." in page.content.decode()
    assert Plan.objects.count() == 0


def test_other_commune_cannot_import_for_commune_a(cast, client_for):
    client = client_for(cast.official_b)
    page = read(client, cast.tree.ubnd_a, text=PLAN.format(year=2026))
    assert "Choose a unit whose plans you manage." in page.content.decode()
    # nor by forging the review step
    response = client.post(
        URL,
        {
            "step": "save",
            "unit": cast.tree.ubnd_a.pk,
            "text": PLAN,
            "title": "x",
            "period_start": 2026,
            "period_end": 2026,
        },
    )
    assert response.status_code == 404
    assert Plan.objects.count() == 0


def test_commune_official_imports_for_own_unit(cast, client_for):
    client = client_for(cast.official_a)
    page = read(client, cast.tree.ubnd_a, text=PLAN.format(year=2026))
    client.post(URL, review_data(page))
    assert Plan.objects.get().unit == cast.tree.ubnd_a


# --- API ----------------------------------------------------------------------------------------

API_URL = "/api/v1/plans/import/"


@pytest.fixture
def api(settings):
    import uuid

    from django.test import Client

    from danvan.api import services as api_services

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"plans-import-tests-{uuid.uuid4()}",
        },
    }

    def make(user):
        secret = api_services.token_create(actor=user, name="test", expires_at=None).secret
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


def test_api_proposes_a_draft_without_saving(api, cast):
    department = OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        parent=cast.tree.province,
        unit_type=unit_type("home_affairs"),
    )
    response = api(cast.province_officer).post(
        API_URL,
        {"text": PLAN.format(year=2026), "unit": cast.tree.ubnd_province.pk},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert [s["numeral"] for s in body["sections"]] == ["I", "II"]
    assert len(body["sections"][1]["tasks"]) == 2
    assert body["unit_matches"]["Sở Nội vụ"] == {"id": department.pk, "name": department.name}
    assert body["unit_matches"]["Thanh tra tỉnh"] is None
    assert Plan.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "x" * 200_001}, "text"),
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"text": "KẾ HOẠCH", "unit": "abc"}, "unit"),
    ],
)
def test_api_bad_input_is_400_in_the_error_format(api, cast, payload, field):
    payload = {"unit": cast.tree.ubnd_a.pk, **payload}
    response = api(cast.official_a).post(API_URL, payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_api_unit_of_another_commune_is_refused(api, cast):
    response = api(cast.official_b).post(
        API_URL, {"text": PLAN, "unit": cast.tree.ubnd_a.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": response.json()["error"]["code"],
        "message": "Choose a unit whose plans you manage.",
        "field": "unit",
    }


def test_api_needs_credentials(client, db):
    response = client.post(API_URL, {"text": PLAN, "unit": 1}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert Plan.objects.count() == 0


# --- demo ---------------------------------------------------------------------------------------


def demo_context(cast):
    from danvan.core.demo import DemoContext

    return DemoContext(
        province=cast.tree.province,
        commune_a=cast.tree.commune_a,
        commune_b=cast.tree.commune_b,
        users={"lanhdao.truongson": cast.leader_a, "bdv.quangtri": cast.province_officer},
    )


def test_demo_imports_two_seed_plans_once(cast):
    from danvan.plans import demo
    from danvan.plans.models import AssignmentStatus, TaskAssignment

    seed("002")
    seed("001")
    ctx = demo_context(cast)
    demo.populate(ctx, folder=SEEDS)
    commune = Plan.objects.get(unit=cast.tree.ubnd_a)
    assert (commune.number, commune.symbol, commune.status) == ("45", "KH-UBND", PlanStatus.ISSUED)
    assert commune.is_public and commune.issued_on.year == commune.period_start
    assert commune.tasks.count() == 13
    statuses = set(
        TaskAssignment.objects.filter(task__plan=commune).values_list("status", flat=True)
    )
    assert {AssignmentStatus.DONE, AssignmentStatus.IN_PROGRESS} <= statuses
    province = Plan.objects.get(unit=cast.tree.ubnd_province)
    assert province.status == PlanStatus.DRAFT and province.tasks.count() == 17
    assert len(ctx.lines) == 2

    again = demo_context(cast)
    demo.populate(again, folder=SEEDS)
    assert Plan.objects.count() == 2
    assert again.lines == []


def test_demo_without_seeds_says_so(cast, tmp_path):
    from danvan.plans import demo

    ctx = demo_context(cast)
    demo.populate(ctx, folder=tmp_path / "missing")
    assert Plan.objects.count() == 0
    assert len(ctx.lines) == 1 and "missing" in ctx.lines[0]

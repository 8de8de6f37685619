"""Exports of a plan: the DOCX in the issuing unit's format and the Excel task list."""

import datetime as dt
from io import BytesIO

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.documents.models import LegalDocument
from danvan.plans import services
from danvan.plans.models import Task
from danvan.plans.tests.conftest import DUE, TODAY
from danvan.units.tests.factories import OrgUnitFactory, unit_type

DOCX_URL = "plans:plan-docx"
XLSX_URL = "plans:plan-tasks-xlsx"


def docx_texts(content: bytes) -> list[str]:
    """Every paragraph of the document, the header and signature tables included."""
    document = docx.Document(BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return [text for text in texts if text.strip()]


def header_texts(content: bytes) -> list[str]:
    table = docx.Document(BytesIO(content)).tables[0]
    return [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]


def workbook(response):
    return openpyxl.load_workbook(BytesIO(response.content)).active


def get(client, name, plan):
    return client.get(reverse(name, args=[plan.pk]))


# --- DOCX ---------------------------------------------------------------------------------


def test_issued_state_plan_renders_its_header_sections_and_tasks(client_for, cast, province_plan):
    response = get(client_for(cast.province_officer), DOCX_URL, province_plan)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Ke_hoach_45-KH-UBND.docx"')
    assert "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2045-KH-UBND.docx" in disposition
    header = header_texts(response.content)
    assert "UBND TỈNH QUẢNG TRỊ" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "Số: 45/KH-UBND" in header
    assert f"Quảng Trị, ngày {TODAY.day:02d}" in " ".join(header)
    texts = docx_texts(response.content)
    assert "KẾ HOẠCH" in texts
    assert "Kế hoạch thực hiện Chỉ thị số 11-CT/TU" in texts
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "III. TỔ CHỨC THỰC HIỆN" in texts
    assert "1. Tuyên truyền, phổ biến kế hoạch đến Nhân dân" in texts
    assert f"- Đơn vị chủ trì: Xã Kim Phú; thời hạn: {DUE:%d/%m/%Y}." in texts


def test_draft_leaves_room_for_number_and_date_and_prints_bases_body_and_signature(
    client_for, cast, make_plan, make_task
):
    directive = LegalDocument.objects.create(
        doc_type="Chỉ thị",
        number="11",
        symbol="CT/TU",
        code="11-CT/TU",
        issued_on=dt.date(2022, 8, 8),
        issuer="Ban Thường vụ Tỉnh ủy",
        title="về phong trào thi đua “Dân vận khéo”",
    )
    decree = LegalDocument.objects.create(
        doc_type="Nghị định", number="30", symbol="2020/NĐ-CP", code="30/2020/NĐ-CP"
    )
    plan = make_plan(
        place="Trường Sơn",
        legal_bases=[decree, directive],
        signature_mode="KT.",
        signer_position="Chủ tịch / Phó Chủ tịch",
        signer_name="Nguyễn Văn Bình",
        recipients="UBND tỉnh (để báo cáo);\nLưu: VT.",
    )
    first = plan.sections.order_by("position").first()
    services.section_update(
        actor=cast.official_a,
        section=first,
        title=first.title,
        body="Mục đích thứ nhất.",
        numeral=first.numeral,
    )
    make_task(
        plan,
        support=[cast.tree.village_a],
        deadline_kind="recurring",
        recurrence=[[10, 6], [1, 11]],
        expected_output="Báo cáo kết quả",
    )

    response = get(client_for(cast.official_a), DOCX_URL, plan)

    assert response.status_code == 200
    header = header_texts(response.content)
    assert "XÃ TRƯỜNG SƠN" in header
    assert "TỈNH QUẢNG TRỊ" in header  # the body above the commune
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH" in header
    assert "Trường Sơn, ngày\u00a0" in " ".join(header)
    texts = docx_texts(response.content)
    assert texts[texts.index("KẾ HOẠCH") + 2] == (
        "Căn cứ Nghị định số 30/2020/NĐ-CP; thực hiện Chỉ thị số 11-CT/TU ngày 08/08/2022 "
        "của Ban Thường vụ Tỉnh ủy về phong trào thi đua “Dân vận khéo”, Xã Trường Sơn "
        "xây dựng Kế hoạch như sau:"
    )
    assert "Mục đích thứ nhất." in texts
    assert "- Sản phẩm: Báo cáo kết quả" in texts
    assert (
        "- Đơn vị chủ trì: UBND xã Trường Sơn; phối hợp: Thôn Đông; "
        "thời hạn: 10/6, 01/11 hằng năm." in texts
    )
    assert "KT. CHỦ TỊCH" in texts
    assert "PHÓ CHỦ TỊCH" in texts
    assert "Nguyễn Văn Bình" in texts
    assert "- UBND tỉnh (để báo cáo);" in texts


def test_party_unit_plan_renders_in_the_party_format(client_for, cast, make_plan, make_task):
    committee = OrgUnitFactory(
        name="Đảng ủy xã Trường Sơn",
        unit_type=unit_type("party_committee"),
        parent=cast.tree.commune_a,
    )
    plan = make_plan(
        unit=committee,
        signature_mode="T/M",
        signer_position="Phó Bí thư",
        signer_name="Phạm Chiên Thắng",
    )
    make_task(plan, lead=cast.tree.ubnd_a, deadline_kind="date", due_date=DUE)
    services.plan_issue(
        actor=cast.leader_a, plan=plan, number="11", symbol="KH/ĐU", issued_on=TODAY
    )

    response = get(client_for(cast.official_a), DOCX_URL, plan)

    header = header_texts(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in header
    assert "ĐẢNG ỦY XÃ TRƯỜNG SƠN" in header
    assert "Số 11-KH/ĐU" in header
    texts = docx_texts(response.content)
    assert "T/M BAN THƯỜNG VỤ" in texts
    assert "PHÓ BÍ THƯ" in texts


# --- Excel --------------------------------------------------------------------------------


def test_task_list_has_one_row_per_task_and_unit(client_for, cast, issued_plan, make_task):
    plan = issued_plan
    Task.objects.filter(plan=plan).update(due_date=TODAY - dt.timedelta(days=1))
    make_task(
        plan,
        actor=cast.leader_a,
        content='=HYPERLINK("http://x")',
        deadline_kind="recurring",
        recurrence=[[10, 6], [1, 11]],
        reason="Bổ sung nhiệm vụ sơ kết",
    )

    response = get(client_for(cast.official_a), XLSX_URL, plan)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Ke_hoach_12-KH-UBND_-_nhiem_vu.xlsx"'
    )
    sheet = workbook(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Section",
        "Task no.",
        "Task",
        "Unit",
        "Role",
        "Deadline",
        "Status",
        "Progress (%)",
        "Overdue",
    )
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 60
    section, number, content, unit, role, deadline, status, progress, overdue = rows[1]
    assert (section, number, content) == (
        "III. TỔ CHỨC THỰC HIỆN",
        1,
        "Tuyên truyền, phổ biến kế hoạch đến Nhân dân",
    )
    assert (unit, role, status, progress, overdue) == (
        "UBND xã Trường Sơn",
        "Lead",
        "Not started",
        0,
        "Yes",
    )
    assert deadline == dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time())
    assert sheet["F2"].number_format == "dd/mm/yyyy"
    assert rows[2][3:5] == ("Thôn Đông", "Support")
    assert rows[3][1:6] == (
        2,
        '=HYPERLINK("http://x")',
        "UBND xã Trường Sơn",
        "Lead",
        "10/6, 01/11",
    )
    assert rows[3][8] == "No"
    assert sheet["C4"].data_type == "s"  # text, never a formula
    assert len(rows) == 4


def test_exports_take_a_fixed_number_of_queries(
    client_for, cast, draft_plan, make_task, django_assert_max_num_queries
):
    client = client_for(cast.official_a)

    def count(name) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert get(client, name, draft_plan).status_code == 200
        return len(queries)

    few = {name: count(name) for name in (XLSX_URL, DOCX_URL)}
    for n in range(8):
        make_task(draft_plan, content=f"Nhiệm vụ {n}", support=[cast.tree.village_a])
    assert {name: count(name) for name in (XLSX_URL, DOCX_URL)} == few
    with django_assert_max_num_queries(11):
        get(client, XLSX_URL, draft_plan)
    with django_assert_max_num_queries(12):
        get(client, DOCX_URL, draft_plan)


# --- Access -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [DOCX_URL, XLSX_URL])
def test_another_commune_gets_404_for_a_draft(client_for, cast, draft_plan, name):
    assert get(client_for(cast.official_b), name, draft_plan).status_code == 404


@pytest.mark.parametrize("name", [DOCX_URL, XLSX_URL])
def test_anonymous_is_sent_to_login(client, draft_plan, name):
    response = get(client, name, draft_plan)
    assert response.status_code == 302
    assert "login" in response["Location"] or "dang-nhap" in response["Location"]


@pytest.mark.parametrize("name", [DOCX_URL, XLSX_URL])
def test_an_assignee_unit_may_export_the_issued_plan(client_for, cast, province_plan, name):
    response = get(client_for(cast.official_b), name, province_plan)
    assert response.status_code == 200
    assert len(response.content) > 1000


def test_plan_page_links_to_both_exports(client_for, cast, draft_plan):
    response = client_for(cast.official_a).get(reverse("plans:plan-detail", args=[draft_plan.pk]))
    html = response.content.decode()
    assert reverse(DOCX_URL, args=[draft_plan.pk]) in html
    assert reverse(XLSX_URL, args=[draft_plan.pk]) in html

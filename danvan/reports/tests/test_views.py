import datetime as dt

import pytest
from django.urls import reverse

from danvan.notifications.models import Notification
from danvan.reports import services
from danvan.reports.models import ReportRound, ReportTemplate, Submission, SubmissionValue
from danvan.reports.tests.conftest import FULL, NARRATIVE, TODAY, YEAR, figures
from danvan.units.tests.factories import OrgUnitFactory, unit_type

pytestmark = pytest.mark.django_db


def _post_form(template, values=None, narrative=None, **extra):
    data = {f"section_{k}": v for k, v in (narrative or {}).items()}
    for indicator in template.indicators.all():
        data[f"value_{indicator.pk}"] = (values or {}).get(indicator.code, "")
    data.update(extra)
    return data


def test_home_lists_my_units_reports(client_for, cast, submission_a):
    page = client_for(cast.official_a).get(reverse("reports:home"))
    assert page.status_code == 200
    assert "Báo cáo 6 tháng đầu năm" in page.content.decode()
    other = client_for(cast.other_province_officer).get(reverse("reports:home"))
    assert "Báo cáo 6 tháng đầu năm" not in other.content.decode()


def test_the_home_page_runs_a_constant_number_of_queries(
    client_for, cast, open_round, django_assert_max_num_queries
):
    for _i in range(3):
        open_round()
    client = client_for(cast.province_officer)
    client.get(reverse("reports:home"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("reports:home")).status_code == 200


def test_open_a_round_from_the_page(client_for, cast, template):
    client = client_for(cast.province_officer)
    assert client.get(reverse("reports:round-create")).status_code == 200
    data = {
        "unit": cast.tree.province.pk,
        "recipient": cast.tree.ubnd_province.pk,
        "template": template.pk,
        "kind": "annual",
        "title": "Báo cáo năm",
        "year": YEAR + 1,
        "selection_mode": "types",
        "selection_root": cast.tree.province.pk,
        "selection_types": ["commune@"],
    }
    response = client.post(reverse("reports:round-create"), {**data, "selection_types": []})
    assert response.status_code == 200
    assert "Choose at least one type of unit" in response.content.decode()
    assert "Báo cáo năm" in response.content.decode()  # what was typed stays
    assert not ReportRound.objects.exists()
    response = client.post(reverse("reports:round-create"), data)
    report_round = ReportRound.objects.get()
    assert response.url == reverse("reports:round", args=[report_round.pk])
    assert report_round.data_to == dt.date(YEAR + 1, 12, 14)
    assert report_round.submissions.count() == 2


def test_only_openers_reach_the_round_form(client_for, cast):
    assert client_for(cast.official_a).get(reverse("reports:round-create")).status_code == 404


def test_round_page_shows_the_dashboard_to_the_recipient_only(
    client_for, cast, report_round, django_assert_max_num_queries
):
    url = reverse("reports:round", args=[report_round.pk])
    client = client_for(cast.province_officer)
    client.get(url)
    with django_assert_max_num_queries(20):
        page = client.get(url)
    body = page.content.decode()
    assert "Reporting rate" in body and "Xã Kim Phú" in body
    own = client_for(cast.official_a).get(url)
    assert own.status_code == 200
    assert "Reporting rate" not in own.content.decode()
    assert "Xã Kim Phú" not in own.content.decode()
    assert client_for(cast.other_province_officer).get(url).status_code == 404
    filtered = client.get(url, {"status": "missing", "area": cast.tree.commune_a.pk})
    assert "Xã Trường Sơn" in filtered.content.decode()


def test_one_click_reminders(client_for, cast, report_round, submission_a):
    Notification.objects.all().delete()
    url = reverse("reports:round-remind", args=[report_round.pk])
    response = client_for(cast.province_officer).post(url, {"submission": submission_a.pk})
    assert response.status_code == 302
    assert Notification.objects.filter(kind="reports.reminder", recipient=cast.official_a).exists()
    assert not Notification.objects.filter(recipient=cast.official_b).exists()
    assert client_for(cast.official_b).post(url).status_code == 404
    assert client_for(cast.other_province_officer).post(url).status_code == 404


def test_official_fills_leader_submits_recipient_returns(client_for, cast, submission_a, template):
    url = reverse("reports:submission", args=[submission_a.pk])
    official = client_for(cast.official_a)
    page = official.get(url)
    assert page.status_code == 200
    assert "Counted by the system: 0." in page.content.decode()
    # A figure breaking its rule: the page answers with the error, keeps the input, saves nothing.
    bad = official.post(
        url, _post_form(template, {**FULL, "plans_public": "9"}, NARRATIVE, save="")
    )
    assert bad.status_code == 200
    body = bad.content.decode()
    assert "cannot be more than" in body and "Đã tổ chức 4 hội nghị đối thoại." in body
    assert not SubmissionValue.objects.filter(value__isnull=False).exists()
    # An official cannot submit.
    refused = official.post(url, _post_form(template, FULL, NARRATIVE, submit=""))
    assert "Only a leader of the unit can submit" in refused.content.decode()
    submission_a.refresh_from_db()
    assert submission_a.status == "pending"
    assert official.post(url, _post_form(template, FULL, NARRATIVE, save="")).status_code == 302
    leader = client_for(cast.leader_a)
    assert leader.post(url, _post_form(template, FULL, NARRATIVE, submit="")).status_code == 302
    submission_a.refresh_from_db()
    assert submission_a.status == "submitted"
    # Locked: editing a submitted report is refused and changes nothing.
    locked = official.post(url, _post_form(template, {**FULL, "plans_issued": "9"}, save=""))
    assert locked.status_code == 409
    review = reverse("reports:submission-review", args=[submission_a.pk])
    assert client_for(cast.leader_a).post(review, {"accept": ""}).status_code == 404
    officer = client_for(cast.province_officer)
    empty = officer.post(review, {"return": "", "comment": ""})
    assert empty.status_code == 400
    assert officer.post(review, {"return": "", "comment": "Thiếu số liệu"}).status_code == 302
    submission_a.refresh_from_db()
    assert submission_a.status == "returned"
    assert "Thiếu số liệu" in official.get(url).content.decode()


def test_another_unit_cannot_see_or_post_a_report(client_for, cast, submission_a, template):
    url = reverse("reports:submission", args=[submission_a.pk])
    for user in (cast.official_b, cast.other_province_officer):
        client = client_for(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _post_form(template, FULL, NARRATIVE, save="")).status_code == 404
        review = reverse("reports:submission-review", args=[submission_a.pk])
        assert client.post(review, {"accept": ""}).status_code == 404
        fill = reverse("reports:submission-fill-from", args=[submission_a.pk])
        assert client.post(fill, {"source_round": 1}).status_code == 404


def _accept_a(cast, submission, template):
    services.submission_submit(
        actor=cast.leader_a,
        submission=submission,
        narrative=NARRATIVE,
        values=figures(template, **FULL),
    )
    services.submission_accept(actor=cast.province_officer, submission=submission)


def test_consolidation_pages_and_exports(client_for, cast, report_round, submission_a, template):
    _accept_a(cast, submission_a, template)
    client = client_for(cast.province_officer)
    page = client.get(reverse("reports:consolidation", args=[report_round.pk]))
    assert page.status_code == 200
    assert "87.5" in page.content.decode() or "87,5" in page.content.decode()
    issued = template.indicators.get(code="plans_issued")
    drill = client.get(reverse("reports:drilldown", args=[report_round.pk, issued.pk]))
    assert "Xã Trường Sơn" in drill.content.decode()
    docx = client.get(reverse("reports:consolidation-docx", args=[report_round.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    xlsx = client.get(reverse("reports:consolidation-xlsx", args=[report_round.pk]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    for user in (cast.official_a, cast.official_b, cast.other_province_officer):
        other = client_for(user)
        for name, args in (
            ("reports:consolidation", [report_round.pk]),
            ("reports:drilldown", [report_round.pk, issued.pk]),
            ("reports:consolidation-docx", [report_round.pk]),
            ("reports:consolidation-xlsx", [report_round.pk]),
        ):
            assert other.get(reverse(name, args=args)).status_code == 404, (user, name)


def test_the_docx_is_issued_by_the_recipient(cast, report_round, submission_a, template):
    from io import BytesIO

    from docx import Document

    from danvan.reports import exports

    _accept_a(cast, submission_a, template)
    document = Document(BytesIO(exports.consolidated_docx(report_round)))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "UBND TỈNH QUẢNG TRỊ" in text
    assert "BÁO CÁO" in text
    assert "Số kế hoạch ban hành: 3 kế hoạch" in text
    assert "Xã Trường Sơn:" in text


def test_templates_pages(client_for, cast, template):
    client = client_for(cast.province_officer)
    assert template.name in client.get(reverse("reports:template-list")).content.decode()
    url = reverse("reports:template", args=[template.pk])
    page = client.get(url)
    assert "Plans issued" in page.content.decode()  # the registered figures are offered
    response = client.post(
        url, {"label": "Số hội nghị", "aggregation": "sum", "integer_only": "on"}
    )
    assert response.status_code == 302
    assert template.indicators.filter(label="Số hội nghị").exists()
    bad = client.post(url, {"label": "", "aggregation": "sum"})
    assert bad.status_code == 200
    created = client.post(
        reverse("reports:template-create"),
        {"unit": cast.tree.province.pk, "name": "Mẫu mới", "sections": "Kết quả\nĐề xuất"},
    )
    assert created.status_code == 302
    assert ReportTemplate.objects.get(name="Mẫu mới").section_list()[1] == ("s2", "Đề xuất")
    for user in (cast.official_b, cast.other_province_officer):
        other = client_for(user)
        assert other.get(url).status_code == 404
        assert other.post(url, {"label": "X", "aggregation": "sum"}).status_code == 404
        assert template.name not in other.get(reverse("reports:template-list")).content.decode()
        indicator = template.indicators.first()
        delete = reverse("reports:indicator-delete", args=[indicator.pk])
        assert other.post(delete).status_code == 404
        assert other.post(reverse("reports:template-copy", args=[template.pk])).status_code == 404


def test_a_locked_template_cannot_be_edited(client_for, cast, report_round, template):
    client = client_for(cast.province_officer)
    assert client.get(reverse("reports:template-edit", args=[template.pk])).status_code == 409
    copy = client.post(reverse("reports:template-copy", args=[template.pk]))
    assert copy.status_code == 302


def test_round_dates_can_move(client_for, cast, report_round):
    url = reverse("reports:round-dates", args=[report_round.pk])
    new_due = TODAY + dt.timedelta(days=30)
    response = client_for(cast.province_officer).post(url, {"due_date": new_due.isoformat()})
    assert response.status_code == 302
    report_round.refresh_from_db()
    assert report_round.due_date == new_due
    assert client_for(cast.official_a).post(url, {"due_date": TODAY}).status_code == 404


def test_list_mode_via_area(cast, open_round):
    department = OrgUnitFactory(
        name="Sở Tư pháp",
        unit_type=unit_type("justice"),
        level="province",
        parent=cast.tree.province,
    )
    report_round = open_round(selection_mode="list", units=[department, cast.tree.commune_a])
    assert Submission.objects.filter(round=report_round).count() == 2


def test_the_docx_lists_a_bounded_number_of_units(cast, report_round, submission_a, template):
    from io import BytesIO

    from docx import Document

    from danvan.reports import exports

    _accept_a(cast, submission_a, template)
    exports.DOCX_UNITS_PER_SECTION, before = 0, exports.DOCX_UNITS_PER_SECTION
    try:
        document = Document(BytesIO(exports.consolidated_docx(report_round)))
    finally:
        exports.DOCX_UNITS_PER_SECTION = before
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Và 1 đơn vị khác" in text


def test_the_excel_holds_every_figure_and_no_formula(cast, report_round, submission_a, template):
    from io import BytesIO

    from openpyxl import load_workbook

    from danvan.reports import exports

    services.submission_submit(
        actor=cast.leader_a,
        submission=submission_a,
        narrative={"results": "=SUM(A1:A9)"},
        values=figures(template, **FULL),
    )
    services.submission_accept(actor=cast.province_officer, submission=submission_a)
    book = load_workbook(BytesIO(exports.figures_xlsx(report_round)))
    totals, by_unit, narrative = book.worksheets
    assert [row[4] for row in totals.iter_rows(min_row=2, values_only=True)] == [3, 2, 87.5]
    assert list(by_unit.iter_rows(min_row=2, values_only=True))[0][:3] == (
        "Xã Trường Sơn",
        "Xã Trường Sơn",
        3,
    )
    cell = narrative["C2"]
    assert cell.value == "=SUM(A1:A9)" and cell.data_type == "s"

"""The registry's pages: anyone logged in reads, those who write plans register and correct."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.documents import services
from danvan.documents.models import LegalDocument

LIST = reverse("documents:list")
CREATE = reverse("documents:create")
SEED_LINE = (
    "Thực hiện Quy chế ban hành kèm theo Quyết định số 1338-QĐ/TU ngày 31/5/2010 của Ban "
    "Thường vụ Tỉnh ủy, căn cứ Chương trình phối hợp số 4021/CTPH/UBND-BDVTU ngày 19/11/2013 "
    "của Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy về thực hiện công tác dân vận"
)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def directive(cast) -> LegalDocument:
    return services.legal_document_register(
        actor=cast.province_officer,
        doc_type="Chỉ thị",
        number="11",
        symbol="CT/TU",
        issued_on=dt.date(2022, 8, 8),
        issuer="Ban Thường vụ Tỉnh ủy",
        title="lãnh đạo phong trào thi đua “Dân vận khéo”",
    )


@pytest.fixture
def viewer(cast):
    user = UserFactory(home_unit=cast.tree.commune_a)
    grant(user, Role.VIEWER, cast.tree.commune_a)
    return user


def detail(document) -> str:
    return reverse("documents:detail", args=[document.pk])


def edit(document) -> str:
    return reverse("documents:edit", args=[document.pk])


@pytest.mark.parametrize("url", ["list", "create", "detail", "edit"])
def test_anonymous_visitors_are_sent_to_log_in(client, directive, url):
    address = {"list": LIST, "create": CREATE, "detail": detail(directive)}.get(url) or edit(
        directive
    )
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["official_b", "other_province_officer", "viewer"])
def test_any_logged_in_user_reads_the_list_and_the_detail(cast, client_for, directive, viewer, who):
    user = viewer if who == "viewer" else getattr(cast, who)
    client = client_for(user)
    page = client.get(LIST).content.decode()
    assert "Chỉ thị 11-CT/TU" in page
    response = client.get(detail(directive))
    assert response.status_code == 200
    assert "Ban Thường vụ Tỉnh ủy" in response.content.decode()
    assert "08/08/2022" in response.content.decode()


def test_a_missing_document_is_a_404(cast, client_for):
    assert client_for(cast.official_a).get("/van-ban/999999/").status_code == 404


def test_a_viewer_cannot_register_or_correct(client_for, directive, viewer):
    client = client_for(viewer)
    assert "Register a document" not in client.get(LIST).content.decode()
    assert "Correct" not in client.get(detail(directive)).content.decode()
    assert client.get(CREATE).status_code == 403
    response = client.post(CREATE, {"doc_type": "Chỉ thị", "code": "12-CT/TU"})
    assert response.status_code == 403
    assert (
        client.post(edit(directive), {"doc_type": "Chỉ thị", "code": "1-CT/TU"}).status_code == 403
    )
    assert LegalDocument.objects.count() == 1
    directive.refresh_from_db()
    assert directive.code == "11-CT/TU"


def test_an_official_registers_a_document(cast, client_for):
    client = client_for(cast.official_a)
    response = client.post(
        CREATE,
        {
            "doc_type": "Nghị quyết",
            "code": "30c/NQ-CP",
            "issued_on": "2011-11-08",
            "issuer": "Chính phủ",
            "title": "Chương trình tổng thể cải cách hành chính",
        },
        follow=True,
    )
    document = LegalDocument.objects.get()
    assert response.redirect_chain[-1][0] == detail(document)
    assert (document.number, document.symbol, document.code) == ("30c", "NQ-CP", "30c/NQ-CP")
    assert "Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ was registered." in (
        response.content.decode()
    )


def test_registering_a_known_document_shows_the_existing_entry(cast, client_for, directive):
    response = client_for(cast.official_b).post(
        CREATE, {"doc_type": "Chỉ thị", "code": "11-CT/TU", "issuer": "Tỉnh ủy"}, follow=True
    )
    assert response.redirect_chain[-1][0] == detail(directive)
    assert "was already in the registry" in response.content.decode()
    assert LegalDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"doc_type": "Chỉ thị", "code": "CT/TU"},
         "Write the number and symbol as the document does, e.g. 11-CT/TU or 30c/NQ-CP."),
        ({"doc_type": "Chỉ thị", "code": ""}, "This field is required."),
        ({"doc_type": "", "code": "1-CT/TU"}, "This field is required."),
        ({"doc_type": "Chỉ thị", "code": "1-CT/TU", "issued_on": "2999-01-01"},
         "The issue date 01/01/2999 is more than a year from today. Check the year."),
        ({"doc_type": "Chỉ thị", "code": "1-CT/TU", "issuer": "B" * 201},
         "The issuing body is too long (at most 200 characters, not 201)."),
        ({"doc_type": "Chỉ thị", "code": "1-CT/TU", "issued_on": "31/02/2020"},
         "Enter a valid date."),
    ],
)  # fmt: skip
def test_bad_input_shows_the_form_again_with_a_message(cast, client_for, data, message):
    response = client_for(cast.official_a).post(CREATE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LegalDocument.objects.exists()


def test_pasting_a_citation_fills_in_the_form(cast, client_for):
    client = client_for(cast.official_a)
    response = client.post(CREATE, {"citation": SEED_LINE, "fill": "0"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {
        "doc_type": "Quyết định",
        "code": "1338-QĐ/TU",
        "issued_on": dt.date(2010, 5, 31),
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "title": "",
    }
    page = response.content.decode()
    assert "2 citations were found" in page
    assert 'value="1338-QĐ/TU"' in page
    assert not LegalDocument.objects.exists()  # filling in saves nothing
    second = client.post(CREATE, {"citation": SEED_LINE, "fill": "1"}).context["form"].initial
    assert second["code"] == "4021/CTPH/UBND-BDVTU"
    assert second["issuer"] == "Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy"


@pytest.mark.parametrize("fill", ["0", "99", "x"])
def test_pasting_text_without_citation_says_so(cast, client_for, fill):
    response = client_for(cast.official_a).post(
        CREATE, {"citation": "các chỉ thị của Trung ương", "fill": fill}, follow=True
    )
    assert "No citation was found in the pasted text." in response.content.decode()
    assert response.context["form"].initial == {}


def test_pasting_too_much_text_is_refused(cast, client_for):
    response = client_for(cast.official_a).post(CREATE, {"citation": "x" * 5001, "fill": "0"})
    assert "The pasted text is too long (at most 5000 characters)." in response.content.decode()


def test_correcting_an_entry(cast, client_for, directive):
    client = client_for(cast.leader_a)
    page = client.get(edit(directive)).content.decode()
    assert 'value="11-CT/TU"' in page
    response = client.post(
        edit(directive),
        {"doc_type": "Chỉ thị", "code": "11-CT/HU", "issued_on": "2022-08-08", "issuer": "X"},
    )
    assert response.status_code == 302
    directive.refresh_from_db()
    assert (directive.code, directive.issuer, directive.title) == ("11-CT/HU", "X", "")


def test_correcting_into_a_duplicate_is_refused(cast, client_for, directive):
    services.legal_document_register(
        actor=cast.official_a, doc_type="Chỉ thị", number="12", symbol="CT/TU"
    )
    response = client_for(cast.leader_a).post(
        edit(directive), {"doc_type": "Chỉ thị", "code": "12-CT/TU"}
    )
    assert response.status_code == 200
    assert "is already registered with this number and symbol." in response.content.decode()
    directive.refresh_from_db()
    assert directive.code == "11-CT/TU"


def _many(count: int, start: int = 0) -> None:
    LegalDocument.objects.bulk_create(
        LegalDocument(
            doc_type="Quyết định",
            number=str(i),
            symbol="QĐ-UBND",
            code=f"{i}/QĐ-UBND",
            search_folded=f"quyet dinh {i}/qd-ubnd",
        )
        for i in range(start, start + count)
    )


def test_the_list_pages_with_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.official_b)
    client.get(LIST)  # warm the session
    _many(3)
    with django_assert_max_num_queries(7):  # session, user, 2FA x2, grants, page, badge
        few = client.get(LIST, {"q": "quyet dinh"})
    _many(120, start=3)
    with django_assert_max_num_queries(7):  # session, user, 2FA x2, grants, page, badge
        many = client.get(LIST, {"q": "quyet dinh"})
    assert len(few.context["page"].items) == 3
    assert len(many.context["page"].items) == 50
    seen = {d.pk for d in many.context["page"].items}
    before = many.context["page"].next_before
    while before:
        page = client.get(LIST, {"q": "quyet dinh", "before": before}).context["page"]
        seen |= {d.pk for d in page.items}
        before = page.next_before
    assert len(seen) == 123


def test_search_finds_with_or_without_diacritics_and_htmx_gets_the_results_only(
    cast, client_for, directive
):
    client = client_for(cast.official_b)
    assert "11-CT/TU" in client.get(LIST, {"q": "dan van kheo"}).content.decode()
    fragment = client.get(LIST, {"q": "Dân vận khéo"}, headers={"HX-Request": "true"})
    assert "11-CT/TU" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    none = client.get(LIST, {"q": "nghi quyet"}).content.decode()
    assert "No legal document matches this search." in none


def test_a_bad_search_says_why(cast, client_for, directive):
    page = client_for(cast.official_b).get(LIST, {"q": "?!"}).content.decode()
    assert "Enter at least one letter or digit to search." in page


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Số: 04/CT- UBND", "04/CT-UBND"), ("4021/CTPH/UBND-BDVTU", "4021/CTPH/UBND-BDVTU")],
)
def test_the_number_and_symbol_are_kept_as_the_document_writes_them(cast, client_for, typed, code):
    response = client_for(cast.official_a).post(CREATE, {"doc_type": "Chỉ thị", "code": typed})
    assert response.status_code == 302
    assert LegalDocument.objects.get().code == code

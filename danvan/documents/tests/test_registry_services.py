"""The legal-document registry's services: deduplication, validation, who may write, audit."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone, translation

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.documents import selectors, services
from danvan.documents.models import LegalDocument
from danvan.lib.citations import find_citations

SEEDS = Path("/work/shared/seeds")


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def register(actor, **changes) -> LegalDocument:
    fields = {
        "doc_type": "Chỉ thị",
        "number": "11",
        "symbol": "CT/TU",
        "issued_on": dt.date(2022, 8, 8),
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "title": "lãnh đạo phong trào thi đua “Dân vận khéo”",
    }
    return services.legal_document_register(actor=actor, **{**fields, **changes})


def test_registering_a_new_document_creates_it_and_audits_it(cast):
    document = register(cast.official_a)
    assert document.newly_registered is True
    assert document.code == "11-CT/TU"
    assert document.created_by == cast.official_a
    assert str(document) == "Chỉ thị số 11-CT/TU ngày 08/08/2022 của Ban Thường vụ Tỉnh ủy"
    entry = AuditEntry.objects.get(action="legal_document.registered")
    assert entry.actor == cast.official_a
    assert entry.object_id == str(document.pk)
    assert entry.after["symbol"] == "CT/TU"
    assert entry.unit_path == cast.tree.commune_a.path  # filed where the official works


def test_the_same_number_and_symbol_is_one_document(cast):
    first = register(cast.official_a, issued_on=None, issuer="", title="")
    again = register(cast.official_b, doc_type="Quyết định", symbol="ct/tu", title="Khác")
    assert again.pk == first.pk
    assert again.newly_registered is False
    assert LegalDocument.objects.count() == 1
    again.refresh_from_db()
    # Missing details are filled in; what was there stays (the type is not overwritten).
    assert again.doc_type == "Chỉ thị"
    assert again.issued_on == dt.date(2022, 8, 8)
    assert again.issuer == "Ban Thường vụ Tỉnh ủy"
    assert again.title == "Khác"
    completed = AuditEntry.objects.get(action="legal_document.completed")
    assert completed.before["issuer"] == ""
    assert completed.after["issuer"] == "Ban Thường vụ Tỉnh ủy"


def test_a_repeat_never_overwrites(cast):
    register(cast.official_a)
    again = register(
        cast.province_officer, issued_on=dt.date(2020, 1, 1), issuer="Tỉnh ủy", title="Khác"
    )
    again.refresh_from_db()
    assert (again.issued_on, again.issuer) == (dt.date(2022, 8, 8), "Ban Thường vụ Tỉnh ủy")
    assert again.title == "lãnh đạo phong trào thi đua “Dân vận khéo”"
    assert not AuditEntry.objects.filter(action="legal_document.completed").exists()


def test_spaces_and_dash_variants_in_the_code_are_normalised(cast):
    document = register(cast.official_a, doc_type="Chỉ thị", number=" 04 ", symbol="CT– UBND")
    assert (document.number, document.symbol, document.code) == ("04", "CT-UBND", "04/CT-UBND")
    assert register(cast.official_a, number="04", symbol="CT-UBND").pk == document.pk


@pytest.mark.parametrize(
    ("symbol", "code", "expected"),
    [
        ("CT/TU", None, "11-CT/TU"),  # Party style
        ("NQ-CP", None, "11/NQ-CP"),  # state style
        ("2000/CT-TTg", None, "11/2000/CT-TTg"),
        ("CTPH/UBND-BDVTU", "11/CTPH/UBND-BDVTU", "11/CTPH/UBND-BDVTU"),  # as written
    ],
)
def test_the_code_is_as_written_or_guessed(cast, symbol, code, expected):
    assert register(cast.official_a, symbol=symbol, code=code).code == expected


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"number": ""}, "number", "Enter the document's number, e.g. 11 or 30c."),
        ({"number": "  "}, "number", "Enter the document's number, e.g. 11 or 30c."),
        ({"number": "mười"}, "number",
         "The number is digits, maybe followed by one letter, e.g. 11 or 30c."),
        ({"number": "1" * 21}, "number",
         "The number is digits, maybe followed by one letter, e.g. 11 or 30c."),
        ({"symbol": ""}, "symbol", "Enter the document's symbol, e.g. CT/TU or NQ-CP."),
        ({"symbol": "CT/TU; DROP"}, "symbol",
         "The symbol is letters and digits joined by “-” or “/”, e.g. CT/TU or NQ-CP."),
        ({"symbol": "2020"}, "symbol",
         "The symbol is letters and digits joined by “-” or “/”, e.g. CT/TU or NQ-CP."),
        ({"symbol": "A" * 81}, "symbol", "The symbol is too long (at most 80 characters)."),
        ({"doc_type": "Thư tình"}, "doc_type",
         "Choose the type of document from the list (Chỉ thị, Nghị quyết, Quyết định…)."),
        ({"issuer": "Ban " * 60}, "issuer",
         "The issuing body is too long (at most 200 characters, not 239)."),
        ({"title": "x" * 501}, "title", "The title is too long (at most 500 characters, not 501)."),
        ({"issuer": "Ban\x00"}, "issuer", "The text contains a character that is not allowed."),
        ({"code": "12-CT/TU"}, "code",
         "The number and symbol 12-CT/TU do not match the number 11 and the symbol CT/TU."),
        ({"issued_on": dt.date(1930, 2, 3)}, "issued_on",
         "The issue date 03/02/1930 is before 2 September 1945. Check the year."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(cast, changes, field, message):
    with pytest.raises(ValidationFailed) as error:
        register(cast.official_a, **changes)
    assert (error.value.field, str(error.value.message)) == (field, message)
    assert not LegalDocument.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="legal_document").exists()


def test_a_date_more_than_a_year_ahead_is_refused_but_a_few_months_is_fine(cast):
    today = timezone.localdate()
    far = today + dt.timedelta(days=400)
    with pytest.raises(ValidationFailed) as error:
        register(cast.official_a, issued_on=far)
    assert error.value.field == "issued_on"
    assert str(error.value.message) == (
        f"The issue date {far:%d/%m/%Y} is more than a year from today. Check the year."
    )
    assert not LegalDocument.objects.exists()
    assert register(cast.official_a, issued_on=today + dt.timedelta(days=90)).pk


def test_a_viewer_cannot_register(cast):
    viewer = UserFactory(home_unit=cast.tree.commune_a)
    grant(viewer, Role.VIEWER, cast.tree.commune_a)
    with pytest.raises(PermissionDeniedError):
        register(viewer)
    with pytest.raises(PermissionDeniedError):
        services.legal_documents_from_citations(actor=viewer, citations=[])
    assert not LegalDocument.objects.exists()


@pytest.mark.parametrize("who", ["official_a", "leader_a", "province_officer", "admin"])
def test_those_who_write_plans_may_register(cast, who):
    assert register(getattr(cast, who)).pk


def test_the_seeds_citations_register_once_each_in_order(cast):
    text = (SEEDS / "002_2ba95b2ddfc108d4.txt").read_text(encoding="utf-8")
    documents = services.legal_documents_from_citations(
        actor=cast.official_a, citations=find_citations(text)
    )
    assert [d.code for d in documents] == [
        "25-NQ/TW",
        "43-KL/TW",
        "114-KL/TW",
        "33/CT-TTg",
        "26/CT-TTg",
        "1847/QĐ-TTg",
        "76/NQ-CP",
        "268/QĐ-UBND",
        "217-QĐ/TW",
        "218-QĐ/TW",
    ]
    resolution = documents[0]
    assert resolution.issuer == "Ban Chấp hành Trung ương Đảng khóa XI"
    assert resolution.issued_on == dt.date(2013, 6, 3)
    # Importing another plan citing the same directive reuses it.
    other = (SEEDS / "003_b09fbcb0d886315b.txt").read_text(encoding="utf-8")
    again = services.legal_documents_from_citations(
        actor=cast.leader_a, citations=find_citations(other)
    )
    assert again[0].pk == documents[3].pk
    assert LegalDocument.objects.count() == 12


def test_an_unregistrable_citation_is_skipped_and_a_wild_date_dropped(cast):
    [bad] = find_citations("Quyết định số 123456789012345678901/QĐ-UBND")
    [future] = find_citations("Chỉ thị số 7-CT/TU ngày 01/01/2999 của Tỉnh ủy")
    documents = services.legal_documents_from_citations(
        actor=cast.official_a, citations=[bad, future]
    )
    assert [(d.code, d.issued_on, d.issuer) for d in documents] == [("7-CT/TU", None, "Tỉnh ủy")]


def test_correcting_an_entry_is_audited_and_refuses_a_duplicate(cast):
    document = register(cast.official_a)
    other = register(cast.official_a, number="12")
    updated = services.legal_document_update(
        actor=cast.leader_a,
        document=document,
        doc_type="Chỉ thị",
        number="11",
        symbol="CT/HU",
        issued_on=dt.date(2022, 8, 9),
        issuer="Ban Thường vụ Huyện ủy",
        title="",
    )
    assert (updated.code, updated.issuer) == ("11-CT/HU", "Ban Thường vụ Huyện ủy")
    entry = AuditEntry.objects.get(action="legal_document.updated")
    assert (entry.before["symbol"], entry.after["symbol"]) == ("CT/TU", "CT/HU")
    with pytest.raises(ConflictError) as error:
        services.legal_document_update(
            actor=cast.leader_a,
            document=other,
            doc_type="Chỉ thị",
            number="11",
            symbol="CT/HU",
            issued_on=None,
            issuer="",
            title="",
        )
    assert error.value.field == "code"
    other.refresh_from_db()
    assert other.code == "12-CT/TU"


def test_every_logged_in_user_reads_the_registry_and_anonymous_nobody(cast):
    from django.contrib.auth.models import AnonymousUser

    document = register(cast.official_a)
    nobody = UserFactory()  # no role anywhere
    assert list(selectors.legal_document_queryset(nobody)) == [document]
    assert selectors.get_legal_document_for(cast.other_province_officer, document.pk) == document
    assert not selectors.legal_document_queryset(AnonymousUser()).exists()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("chi thi 11", True),
        ("11-CT/TU", True),
        ("dân vận khéo", True),
        ("ban thuong vu tinh uy", True),
        ("nghi quyet", False),
    ],
)
def test_search_is_folded(cast, query, found):
    register(cast.official_a)
    assert selectors.legal_document_search(cast.official_b, query).exists() is found


def test_cited_by_asks_the_registered_providers(cast, monkeypatch):
    document = register(cast.official_a)
    monkeypatch.setattr(selectors, "_CITING", [])
    assert selectors.legal_document_cited_by(cast.official_a, document) == []
    selectors.register_citing(
        lambda actor, doc, limit: [selectors.CitingItem(f"Kế hoạch {i}", "/") for i in range(limit)]
    )
    items = selectors.legal_document_cited_by(cast.official_a, document, limit=3)
    assert [i.label for i in items] == ["Kế hoạch 0", "Kế hoạch 1", "Kế hoạch 2"]


def test_a_twin_registered_concurrently_is_returned_not_duplicated(cast, monkeypatch):
    """Two people register the same document at once: the second insert fails on the unique
    constraint, and the second person gets the first one's entry."""
    twin = register(cast.official_b)
    real = services._existing
    calls = []

    def not_yet_seen(number, symbol):
        calls.append(number)
        return None if len(calls) == 1 else real(number, symbol)

    monkeypatch.setattr(services, "_existing", not_yet_seen)
    document = register(cast.official_a)
    assert document.pk == twin.pk
    assert document.newly_registered is False
    assert LegalDocument.objects.count() == 1
    assert AuditEntry.objects.filter(action="legal_document.registered").count() == 1

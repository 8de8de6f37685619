"""Every page and API endpoint of the app, walked as a user of another commune and of another
province: whatever is about commune A or the province's inspection of it is a 404; lists and
forms show none of it. Anonymous visitors are sent to log in (pages) or refused (API)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.oversight import api as oversight_api
from danvan.oversight import urls as oversight_urls
from danvan.oversight.critiques import services as critiques
from danvan.oversight.inspections import services as inspections
from danvan.oversight.models import FindingKind, SupervisorKind
from danvan.oversight.recommendations import services as recommendations
from danvan.oversight.supervision import services as supervision
from danvan.oversight.tests.conftest import TODAY
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MARK = "Trường Sơn"  # every object of the world below names commune A


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world(cast, ov, concluded):
    """Commune A's oversight: the province's inspection of it (concluded, a record, a finding,
    a file, a recommendation answered with evidence), its Front's supervision, its council's
    question, its critique."""
    rec = inspections.inspection_recommend(
        actor=ov.organiser,
        inspection=concluded,
        text="Trường Sơn rút ngắn thời gian",
        due_date=TODAY + dt.timedelta(days=10),
    )
    answer = recommendations.recommendation_answer(
        actor=cast.official_a,
        recommendation=rec,
        kind="done",
        text="Trường Sơn đã làm",
        files=[pdf("truong-son.pdf")],
    )
    programme = supervision.programme_create(
        actor=ov.front_officer,
        unit=ov.front_a,
        kind=SupervisorKind.FRONT,
        year=TODAY.year,
        title="Chương trình giám sát Trường Sơn",
    )
    sup = supervision.supervision_add(
        actor=ov.front_officer,
        programme=programme,
        subject="Giám sát Trường Sơn",
        units=[cast.tree.ubnd_a],
        starts_on=TODAY,
        ends_on=TODAY,
    )
    council_a = OrgUnitFactory(
        name="HĐND xã Trường Sơn", unit_type=unit_type("people_council"), parent=cast.tree.commune_a
    )
    secretary = UserFactory(username="hdnd_a")
    grant(secretary, Role.OFFICIAL, council_a)
    session = supervision.session_create(
        actor=secretary, unit=council_a, title="Kỳ họp HĐND xã Trường Sơn", held_on=TODAY
    )
    question = supervision.question_add(
        actor=secretary,
        session=session,
        deputy="Đại biểu Trường Sơn",
        addressee=cast.tree.ubnd_a,
        respondent="Chủ tịch",
        text="Trường Sơn?",
        answer="Có",
        answered_on=TODAY,
    )
    critique = critiques.critique_create(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        kind="plan",
        title="Dự thảo Trường Sơn",
        organisations=[ov.front_a],
        published_on=TODAY,
        critique_due=TODAY,
        answer_due=TODAY + dt.timedelta(days=5),
    )
    critiques.critique_submit(
        actor=ov.front_officer,
        critique=critique,
        organisation=ov.front_a,
        submitted_on=TODAY,
        points=["Trường Sơn bổ sung vốn"],
    )
    concluded.refresh_from_db()
    return {
        "recommendation_id": rec.pk,
        "evidence_id": answer.evidence.get().pk,
        "inspection_id": concluded.pk,
        "plan_id": concluded.plan_id,
        "member_id": concluded.members.first().pk,
        "finding_id": _finding(ov, concluded),
        "document_id": _document(ov, concluded),
        "programme_id": programme.pk,
        "supervision_id": sup.pk,
        "session_id": session.pk,
        "question_id": question.pk,
        "critique_id": critique.pk,
    }


def _finding(ov, inspection):
    from danvan.oversight.models import Finding

    return Finding.objects.create(
        inspection=inspection,
        kind=FindingKind.STRENGTH,
        text="Trường Sơn làm tốt",
        created_by=ov.organiser,
    ).pk


def _document(ov, inspection):
    from danvan.oversight.models import InspectionDocument

    document = InspectionDocument(
        inspection=inspection,
        part="other",
        original_name="ts.pdf",
        kind="pdf",
        size=10,
        uploaded_by=ov.organiser,
    )
    document.file.save("ts.pdf", pdf("ts.pdf"), save=True)
    return document.pk


STEPS = {
    "oversight:inspection-step": [
        "dates",
        "member",
        "notice",
        "self",
        "record",
        "finding",
        "document",
        "conclusion",
        "recommend",
    ],
    "oversight:supervision-step": ["result", "recommend", "publish"],
    "oversight:question-step": ["answer", "commit"],
    "oversight:critique-step": ["submit", "final", "point", "answer"],
}


def staff_urls(ids: dict) -> list[tuple[str, str, bool]]:
    """(name, url, about_commune_a) for every staff pattern, each step of the step patterns."""
    found = []
    for pattern in oversight_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = f"oversight:{pattern.name}"
        params = list(pattern.pattern.converters)
        if not params:
            found.append((name, reverse(name), False))
            continue
        kwargs = {p: ids[p] for p in params if p != "step"}
        for step in STEPS.get(name, [None]):
            args = {**kwargs, **({"step": step} if step else {})}
            found.append((name, reverse(name, kwargs=args), True))
    return found


def api_urls(ids: dict) -> list[tuple[str, str, bool]]:
    ids_by_name = {
        "recommendation": ids["recommendation_id"],
        "inspection": ids["inspection_id"],
        "supervision": ids["supervision_id"],
        "critique": ids["critique_id"],
    }
    found = []
    for pattern in oversight_api.urlpatterns:
        route = str(pattern.pattern)
        if "<path:pk>" not in route:
            found.append((pattern.name, f"/api/v1/oversight/{route}", False))
            continue
        kind = next(k for k in ids_by_name if pattern.name.startswith(f"oversight-{k}"))
        found.append(
            (
                pattern.name,
                f"/api/v1/oversight/{route.replace('<path:pk>', str(ids_by_name[kind]))}",
                True,
            )
        )
    return found


def _token_client(user):
    from django.test import Client

    from danvan.api import services as api_services

    secret = api_services.token_create(actor=user, name="t", expires_at=None).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_every_page_as_another_commune_or_province(cast, world, client_for, who, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": who},
    }
    client = client_for(getattr(cast, who))
    walked = 0
    for _name, url, about in staff_urls(world):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            walked += 1
            if about:
                assert response.status_code in (404, 405), (method, url, response.status_code)
                if response.status_code == 405:
                    continue
            else:
                assert response.status_code in (200, 302, 405), (method, url, response.status_code)
                if response.status_code == 200 and response.get("Content-Type", "").startswith(
                    "text/html"
                ):
                    assert MARK not in response.content.decode(), (method, url)
    assert walked >= 2 * len(oversight_urls.urlpatterns)
    api = _token_client(getattr(cast, who))
    for name, url, about in api_urls(world):
        method = "post" if name.endswith(("answer", "verify", "return")) else "get"
        response = (
            getattr(api, method)(url, {}, content_type="application/json")
            if method == "post"
            else api.get(url)
        )
        if about:
            assert response.status_code == 404, (name, url, response.status_code)
        else:
            assert response.status_code in (200, 400), (name, url, response.status_code)
            assert MARK not in response.content.decode("utf-8"), (name, url)


def test_anonymous_visitors(world, client):
    for _name, url, _about in staff_urls(world):
        response = client.get(url)
        assert response.status_code in (302, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/dang-nhap" in response["Location"] or "login" in response["Location"], url
    for _name, url, _about in api_urls(world):
        assert client.get(url).status_code in (401, 403, 404), url


def test_the_province_sees_it_all_and_a_province_agency_officer_sees_only_its_own(
    cast, ov, world, client_for
):
    province = client_for(cast.province_officer)
    for name in (
        "oversight:inspection-detail",
        "oversight:supervision-detail",
        "oversight:critique-detail",
    ):
        key = {
            "oversight:inspection-detail": "inspection_id",
            "oversight:supervision-detail": "supervision_id",
            "oversight:critique-detail": "critique_id",
        }[name]
        assert province.get(reverse(name, args=[world[key]])).status_code == 200, name
    # the invited officer of the Ban has no grant over the commune: only the inspection, today
    invited = client_for(ov.invited)
    assert (
        invited.get(
            reverse("oversight:inspection-detail", args=[world["inspection_id"]])
        ).status_code
        == 200
    )
    assert (
        invited.get(
            reverse("oversight:supervision-detail", args=[world["supervision_id"]])
        ).status_code
        == 404
    )
    agency = OrgUnitFactory(
        name="Sở Tư pháp",
        unit_type=unit_type("justice"),
        level=Level.PROVINCE,
        parent=cast.tree.province,
    )
    stranger = UserFactory(username="justice")
    grant(stranger, Role.OFFICIAL, agency)
    assert (
        client_for(stranger)
        .get(reverse("oversight:inspection-detail", args=[world["inspection_id"]]))
        .status_code
        == 404
    )

"""Every URL and API endpoint of the democracy app, asked by a user of another commune and of
another province: nothing of commune A (404, or a list without it); anonymous: to the login
page (staff) — the public pages show only what is published."""

import pytest
from django.urls import URLPattern, reverse

from danvan.conftest import login
from danvan.democracy import urls as staff_urls
from danvan.democracy.models import Comment, Household
from danvan.democracy.services import decisions
from danvan.democracy.tests import factories
from danvan.democracy.tests.conftest import make_matter, open_vote

pytestmark = pytest.mark.django_db

SECRET = "Bí mật của xã Trường Sơn"
# What commune A's consultation, board activity and public work are called (factories).
MARKERS = (
    SECRET,
    "Phương án bồi thường mở rộng",
    "Kiểm tra thu phí chợ",
    "Đường bê tông thôn Đông",
)


@pytest.fixture
def commune_a(cast, places):
    actor, commune = cast.official_a, cast.tree.commune_a
    disclosure = factories.disclosure(actor, commune, title=SECRET, is_public=False)
    matter = make_matter(actor, places.village_a, title=SECRET)
    vote, _ = open_vote(actor, places.village_a, households=3, title=SECRET)
    consultation = factories.consultation(actor, commune, answered=True)
    board = factories.board(actor, commune)
    work = factories.work(actor, commune)
    household = decisions.household_add(
        actor=actor, village=places.village_a, head_name="Nguyễn Văn Hộ"
    )
    return {
        "disclosure_id": disclosure.pk,
        "posting_id": disclosure.postings.first().pk,
        "matter_id": matter.pk,
        "village_id": places.village_a.pk,
        "household_id": household.pk,
        "consultation_id": consultation.pk,
        "group_id": consultation.groups.first().pk,
        "comment_id": Comment.objects.filter(consultation=consultation).first().pk,
        "board_id": board.pk,
        "member_id": board.members.first().pk,
        "activity_id": board.activities.first().pk,
        "finding_id": board.activities.first().findings_list.first().pk,
        "work_id": work.pk,
        "vote_id": vote.pk,
    }


def _object_urls(ids):
    for pattern in staff_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = list(pattern.pattern.converters)
        if names:
            yield (
                pattern.name,
                reverse(f"democracy:{pattern.name}", kwargs={n: ids[n] for n in names}),
            )


def _list_urls():
    return [
        reverse(f"democracy:{p.name}") for p in staff_urls.urlpatterns if not p.pattern.converters
    ]


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_every_object_page_is_404_for_another_commune_or_province(cast, commune_a, who):
    client = login(getattr(cast, who))
    for name, url in _object_urls(commune_a):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (
                f"{method.upper()} {name} {url}: {response.status_code}"
            )
            assert SECRET not in response.content.decode()
    assert Household.objects.filter(pk=commune_a["household_id"], is_active=True).exists()


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_every_list_and_export_shows_nothing_of_commune_a(cast, commune_a, who):
    client = login(getattr(cast, who))
    for url in _list_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), f"{url}: {response.status_code}"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for marker in MARKERS:
            assert marker.encode() not in body, (url, marker)


def test_the_compliance_view_of_commune_a_is_refused_to_commune_b(cast, commune_a):
    client = login(cast.official_b)
    response = client.get(reverse("democracy:compliance"), {"unit": cast.tree.commune_a.pk})
    assert "Xã Trường Sơn" not in response.content.decode()


def test_anonymous_is_sent_to_log_in_for_every_staff_page(client, commune_a):
    urls = [url for _name, url in _object_urls(commune_a)] + _list_urls()
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert "/tai-khoan/" in response["Location"]


def test_the_public_pages_show_only_what_is_published(client, cast, commune_a):
    assert (
        client.get(reverse("grassroots:disclosure", args=[commune_a["disclosure_id"]])).status_code
        == 404
    )
    assert (
        client.get(reverse("grassroots:posting-photo", args=[commune_a["posting_id"]])).status_code
        == 404
    )
    assert (
        client.get(reverse("grassroots:result", args=[commune_a["matter_id"]])).status_code == 404
    )
    assert client.get(reverse("grassroots:vote", args=[commune_a["matter_id"]])).status_code == 404
    assert client.get(reverse("grassroots:vote", args=[commune_a["vote_id"]])).status_code == 200
    page = client.get(reverse("grassroots:commune", args=[cast.tree.commune_a.pk])).content.decode()
    assert SECRET in page  # the open vote's title is public …
    assert (
        reverse("grassroots:disclosure", args=[commune_a["disclosure_id"]]) not in page
    )  # … the private disclosure is not
    for bad in ("999999", "abc", "0"):
        assert client.get(f"/cong-khai/dan-chu/xa/{bad}/").status_code == 404


def test_the_village_head_sees_the_village_not_the_commune(cast, places, commune_a):
    client = login(places.village_head)
    assert (
        client.get(reverse("democracy:matter-detail", args=[commune_a["matter_id"]])).status_code
        == 200
    )
    assert (
        client.get(
            reverse("democracy:disclosure-detail", args=[commune_a["disclosure_id"]])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("democracy:consultation-detail", args=[commune_a["consultation_id"]])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("democracy:board-detail", args=[commune_a["board_id"]])).status_code
        == 404
    )
    assert (
        client.get(reverse("democracy:household-list", args=[places.village_a.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("democracy:household-list", args=[places.village_a2.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_every_api_endpoint_gives_nothing_of_commune_a(cast, commune_a, who):
    from danvan.democracy import api

    client = login(getattr(cast, who))
    ids = {
        "disclosure": commune_a["disclosure_id"],
        "matter": commune_a["matter_id"],
        "consultation": commune_a["consultation_id"],
    }
    for pattern in api.urlpatterns:
        route = str(pattern.pattern)
        base = "/api/v1/democracy/"
        if "<path:pk>" in route:
            kind = route.split("s/")[0]
            url = base + route.replace("<path:pk>", str(ids[kind]))
            for method in ("get", "post"):
                response = getattr(client, method)(url, {}, content_type="application/json")
                assert response.status_code in (404, 405), f"{method} {url}: {response.status_code}"
        else:
            response = client.get(
                base + route, {"unit": cast.tree.commune_a.pk} if "compliance" in route else {}
            )
            assert response.status_code in (200, 404), route
            for marker in MARKERS:
                assert marker not in response.content.decode(), (route, marker)

"""Commune B (and another province) cannot reach commune A's people through any account page."""

import pytest

from danvan.accounts import access
from danvan.accounts.models import Role, User

LIST = "/tai-khoan/nguoi-dung/"


def pages_about(person: User, grant_id: int) -> list[tuple[str, str, dict]]:
    base = f"{LIST}{person.pk}/"
    return [
        ("get", base, {}),
        ("get", f"{base}sua/", {}),
        ("post", f"{base}sua/", {"full_name": "X", "email": "x@example.vn"}),
        ("get", f"{base}trang-thai/", {}),
        ("post", f"{base}trang-thai/", {"active": "0"}),
        ("post", f"{base}gui-lien-ket/", {}),
        ("post", f"{base}quyen/", {"role": Role.VIEWER}),
        ("get", f"{base}quyen/{grant_id}/thu-hoi/", {}),
        ("post", f"{base}quyen/{grant_id}/thu-hoi/", {}),
    ]


@pytest.mark.parametrize("stranger", ["official_b", "other_province_officer"])
def test_every_page_about_commune_a_people_is_404_for_strangers(cast, client_for, stranger):
    client = client_for(getattr(cast, stranger))
    for person in (cast.official_a, cast.leader_a):
        grant_id = person.grants.get().pk
        for method, url, data in pages_about(person, grant_id):
            response = getattr(client, method)(url, data)
            assert response.status_code == 404, (method, url)
    for person in (cast.official_a, cast.leader_a):
        person.refresh_from_db()
        assert person.is_active and person.full_name != "X"
        assert person.grants.count() == 1


def test_missing_ids_are_404_like_forbidden_ones(cast, client_for):
    client = client_for(cast.province_officer)
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.get(f"{LIST}{cast.official_a.pk}/quyen/999999/thu-hoi/").status_code == 404
    # A grant of someone else, reached through the wrong person's address.
    other = cast.official_b.grants.get().pk
    assert client.get(f"{LIST}{cast.official_a.pk}/quyen/{other}/thu-hoi/").status_code == 404


def test_leader_views_but_cannot_manage(cast, client_for):
    client = client_for(cast.leader_a)
    base = f"{LIST}{cast.official_a.pk}/"
    assert client.get(base).status_code == 200
    assert "/sua/" not in client.get(base).content.decode()
    assert client.get(f"{base}sua/").status_code == 403
    assert client.post(f"{base}trang-thai/", {"active": "0"}).status_code == 403
    assert client.post(f"{base}quyen/", {"role": Role.VIEWER}).status_code == 403
    grant_id = cast.official_a.grants.get().pk
    assert client.get(f"{base}quyen/{grant_id}/thu-hoi/").status_code == 404
    assert cast.official_a.grants.count() == 1
    cast.official_a.refresh_from_db()
    assert cast.official_a.is_active


def test_permissions_are_registered_as_specified(cast):
    commune_a = cast.tree.commune_a
    assert access.can(cast.province_officer, "accounts.manage", commune_a)
    assert access.can(cast.admin, "accounts.manage", commune_a)
    assert not access.can(cast.leader_a, "accounts.manage", commune_a)
    assert access.can(cast.leader_a, "accounts.view", cast.official_a)
    assert not access.can(cast.official_a, "accounts.view", cast.leader_a)
    assert access.can(cast.admin, "accounts.grant_admin", commune_a)
    assert not access.can(cast.province_officer, "accounts.grant_admin", commune_a)

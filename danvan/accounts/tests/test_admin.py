from danvan.accounts.tests.factories import UserFactory


def test_superuser_reads_accounts_in_the_admin_but_cannot_edit_there(cast, client_for):
    root = UserFactory(is_superuser=True, is_staff=True, home_unit=cast.tree.nation)
    client = client_for(root)
    users = client.get("/quan-tri/accounts/user/")
    assert users.status_code == 200
    assert "official_a" in users.content.decode()
    detail = client.get(f"/quan-tri/accounts/user/{cast.official_a.pk}/change/")
    assert detail.status_code == 200
    assert "Xã Trường Sơn" in detail.content.decode()  # the grant, inline
    assert client.get("/quan-tri/accounts/rolegrant/").status_code == 200
    assert client.get("/quan-tri/accounts/user/add/").status_code == 403
    response = client.post(
        f"/quan-tri/accounts/user/{cast.official_a.pk}/change/", {"username": "renamed"}
    )
    assert response.status_code == 403
    cast.official_a.refresh_from_db()
    assert cast.official_a.username == "official_a"


def test_staff_without_superuser_cannot_open_the_admin_pages(cast, client_for):
    staff = UserFactory(is_staff=True, home_unit=cast.tree.commune_a)
    assert client_for(staff).get("/quan-tri/accounts/user/").status_code == 403

def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_home_sends_visitors_to_the_public_site(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/cong-khai/"

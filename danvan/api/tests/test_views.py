"""The token pages of the profile: create (secret shown once), list, revoke."""

from django.test import Client
from django.urls import reverse

from danvan.api import services
from danvan.api.models import ApiToken
from danvan.audit.models import AuditEntry

LIST = reverse("api_tokens:list")
UNITS = reverse("api:unit-list")


def revoke_url(token) -> str:
    return reverse("api_tokens:revoke", args=[token.pk])


def test_the_profile_links_to_the_token_page(cast, client_for):
    page = client_for(cast.official_a).get(reverse("accounts:profile")).content.decode()
    assert f'href="{LIST}"' in page


def test_creating_a_token_shows_it_once(cast, client_for):
    client = client_for(cast.official_a)
    response = client.post(LIST, {"name": "Xuất báo cáo", "expires": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=cast.official_a)
    page = response.content.decode()
    secret = page.split('id="api-token-secret" type="text" value="')[1].split('"')[0]
    assert secret.startswith(token.prefix)
    assert services.hash_token(secret) == token.key_hash
    assert 29 <= (token.expires_at - token.created_at).days <= 30
    # Afterwards the list names the token but never shows the secret again.
    listing = client.get(LIST).content.decode()
    assert "Xuất báo cáo" in listing
    assert token.prefix in listing
    assert secret not in listing
    # And the secret works.
    assert Client(headers={"Authorization": f"Bearer {secret}"}).get(UNITS).status_code == 200


def test_a_token_may_never_expire(cast, client_for):
    client_for(cast.official_a).post(LIST, {"name": "Đồng bộ", "expires": "never"})
    assert ApiToken.objects.get().expires_at is None


def test_bad_input_shows_the_form_again_and_creates_nothing(cast, client_for):
    client = client_for(cast.official_a)
    response = client.post(LIST, {"name": "  ", "expires": "30"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = client.post(LIST, {"name": "ok", "expires": "9999"})
    assert "Select a valid choice." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_limit_of_active_tokens_is_explained_on_the_form(cast, client_for, monkeypatch):
    monkeypatch.setattr(services, "MAX_ACTIVE_TOKENS", 1)
    client = client_for(cast.official_a)
    client.post(LIST, {"name": "one", "expires": "30"})
    response = client.post(LIST, {"name": "two", "expires": "30"})
    assert "You already have 1 active API tokens." in response.content.decode()
    assert ApiToken.objects.count() == 1


def test_the_list_shows_only_ones_own_tokens(cast, client_for, token_for):
    token_for(cast.official_a, name="Của An")
    token_for(cast.official_b, name="Của Bình")
    page = client_for(cast.official_b).get(LIST).content.decode()
    assert "Của Bình" in page
    assert "Của An" not in page


def test_revoking_ones_own_token(cast, client_for, token_for):
    secret = token_for(cast.official_a, name="Cũ")
    token = ApiToken.objects.get()
    client = client_for(cast.official_a)
    assert "Cũ" in client.get(revoke_url(token)).content.decode()
    response = client.post(revoke_url(token), follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "has been revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(action="api_token.revoked", actor=cast.official_a).exists()
    assert Client(headers={"Authorization": f"Bearer {secret}"}).get(UNITS).status_code == 401


def test_another_persons_token_is_404_and_stays_active(cast, client_for, token_for):
    token_for(cast.official_a)
    token = ApiToken.objects.get()
    for other in (cast.official_b, cast.leader_a, cast.admin):
        client = client_for(other)
        assert client.get(revoke_url(token)).status_code == 404
        assert client.post(revoke_url(token)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert (
        client_for(cast.official_b).get(reverse("api_tokens:revoke", args=[999999])).status_code
        == 404
    )


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_administrator_makes_tokens_only_after_the_second_factor(cast):
    client = Client()
    client.force_login(cast.admin)  # password only
    response = client.post(LIST, {"name": "x", "expires": "30"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-setup"))
    assert not ApiToken.objects.exists()

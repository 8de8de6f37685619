"""The inbox, opening and marking notices, the navbar count and the e-mail choices page."""

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.notifications import kinds, services
from danvan.notifications.models import Notification, NotificationPreference

KIND = "tests.news"
INBOX = reverse("notifications:inbox")


@pytest.fixture(autouse=True)
def _kind():
    kinds.register(KIND, "News for tests", help_text="Things tests say.")
    yield
    kinds.unregister(KIND)


def notice(user, title="Kế hoạch tháng 5 đã được ban hành", url="/don-vi/"):
    [notice_id] = services.notify(recipients=[user], kind=KIND, title=title, url=url)
    return Notification.objects.get(pk=notice_id)


def test_the_inbox_shows_ones_own_notices_newest_first(cast, client_for):
    notice(cast.official_a, "Thứ nhất")
    notice(cast.official_a, "Thứ hai")
    notice(cast.official_b, "Của xã khác")
    response = client_for(cast.official_a).get(INBOX)
    assert response.status_code == 200
    titles = [n.title for n in response.context["page"].items]
    assert titles == ["Thứ hai", "Thứ nhất"]
    assert "Của xã khác" not in response.content.decode()


def test_the_navbar_counts_unread_notices(cast, client_for):
    client = client_for(cast.official_a)
    home = client.get(reverse("desk:home")).content.decode()
    assert (
        'id="nav-notifications"' in home
        and "badge" not in home.split('id="nav-notifications"')[1].split("</a>")[0]
    )
    for _ in range(3):
        notice(cast.official_a)
    notice(cast.official_b)
    home = client.get(reverse("desk:home")).content.decode()
    link = home.split('id="nav-notifications"')[1].split("</a>")[0]
    assert ">3<" in link


def test_the_navbar_shows_99_plus_beyond_the_cap(cast, client_for):
    Notification.objects.bulk_create(
        Notification(recipient=cast.official_a, kind=KIND, title=str(i)) for i in range(120)
    )
    page = client_for(cast.official_a).get(INBOX).content.decode()
    assert ">99+<" in page.split('id="nav-notifications"')[1].split("</a>")[0]


def test_opening_a_notice_marks_it_read_and_follows_its_link(cast, client_for):
    item = notice(cast.official_a, url="/don-vi/")
    response = client_for(cast.official_a).post(reverse("notifications:open", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == "/don-vi/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_an_outside_link_is_not_followed(cast, client_for):
    item = notice(cast.official_a, url="https://evil.example/")
    response = client_for(cast.official_a).post(reverse("notifications:open", args=[item.pk]))
    assert response["Location"] == INBOX


def test_mark_one_and_all_read(cast, client_for):
    client = client_for(cast.official_a)
    first, second, third = (notice(cast.official_a) for _ in range(3))
    other = notice(cast.official_b)
    client.post(reverse("notifications:mark-read", args=[first.pk]))
    assert Notification.objects.filter(read_at__isnull=True, recipient=cast.official_a).count() == 2
    unread = client.get(INBOX + "?unread=1").context["page"].items
    assert {n.pk for n in unread} == {second.pk, third.pk}
    client.post(reverse("notifications:mark-all-read"))
    assert not Notification.objects.filter(read_at__isnull=True, recipient=cast.official_a)
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.parametrize("name", ["notifications:open", "notifications:mark-read"])
def test_someone_elses_notice_is_not_found(cast, client_for, name):
    item = notice(cast.official_a)
    for intruder in (cast.official_b, cast.admin):  # administrators included: it is personal
        response = client_for(intruder).post(reverse(name, args=[item.pk]))
        assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_marking_needs_post_and_a_signed_in_person(cast, client, client_for):
    item = notice(cast.official_a)
    assert (
        client_for(cast.official_a)
        .get(reverse("notifications:mark-read", args=[item.pk]))
        .status_code
        == 405
    )
    response = client.get(INBOX)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.post(reverse("notifications:mark-all-read")).status_code == 302
    item.refresh_from_db()
    assert item.read_at is None


def test_a_nonsense_page_marker_shows_the_first_page(cast, client_for):
    notice(cast.official_a)
    response = client_for(cast.official_a).get(INBOX + "?before=abc")
    assert response.status_code == 200
    assert len(response.context["page"].items) == 1


def test_the_inbox_pages_with_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    """Signing in costs 5 queries (session, user, two-factor devices, grants); the page adds
    one for the notices and one for the unread count, whatever their number."""
    client = client_for(cast.official_a)

    def fill(count):
        Notification.objects.bulk_create(
            Notification(recipient=cast.official_a, kind=KIND, title=f"N{i}") for i in range(count)
        )

    fill(3)
    with django_assert_max_num_queries(7) as few_queries:
        few = client.get(INBOX)
    fill(80)
    with django_assert_max_num_queries(7) as many_queries:
        many = client.get(INBOX)
    assert len(few_queries.captured_queries) == len(many_queries.captured_queries)
    assert len(few.context["page"].items) == 3
    assert len(many.context["page"].items) == 30
    older = client.get(INBOX + f"?before={many.context['page'].next_before}")
    assert older.context["page"].items[0].pk < many.context["page"].items[-1].pk


def test_email_choices_are_saved_and_audited(cast, client_for):
    client = client_for(cast.official_a)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200
    assert "News for tests" in page.content.decode()
    assert "Invitations to new accounts" in page.content.decode()
    form = page.context["form"]
    field = form.field_name(KIND)
    assert form.fields[field].initial is True  # the kind's default

    response = client.post(url, {form.field_name("accounts.invitation"): "on"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=cast.official_a, kind=KIND).email is False
    entry = AuditEntry.objects.get(action="notifications.email_preferences_changed")
    assert entry.before[KIND] is True and entry.after[KIND] is False
    assert client.get(url).context["form"].fields[field].initial is False


def test_email_choices_are_ones_own(cast, client_for):
    client_for(cast.official_b).post(reverse("notifications:preferences"), {})
    assert not NotificationPreference.objects.filter(user=cast.official_a).exists()
    assert NotificationPreference.objects.filter(user=cast.official_b).exists()


def test_the_unread_count_is_one_query_per_request(cast, rf, django_assert_num_queries):
    from danvan.notifications.selectors import unread_count_for_request

    notice(cast.official_a)
    request = rf.get("/")
    request.user = cast.official_a
    with django_assert_num_queries(1):
        assert unread_count_for_request(request) == 1
        assert unread_count_for_request(request) == 1

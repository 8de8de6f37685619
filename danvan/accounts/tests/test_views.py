from django.core import mail

from danvan.accounts.models import Role, RoleGrant, User
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.accounts.tests.helpers import link_in_last_mail
from danvan.audit.models import AuditEntry

LIST = "/tai-khoan/nguoi-dung/"
NEW = "/tai-khoan/nguoi-dung/moi/"


def new_account(unit, **overrides):
    data = {
        "username": "le.thi.mai",
        "full_name": "Lê Thị Mai",
        "email": "mai@example.vn",
        "position": "Cán bộ Mặt trận",
        "phone": "0912 000 111",
        "home_unit": unit.pk,
        "role": Role.OFFICIAL,
    }
    data.update(overrides)
    return data


def test_list_is_scoped_and_searches_folded_names(cast, client_for):
    officer = client_for(cast.province_officer)
    page = officer.get(LIST).content.decode()
    assert "Trần Thị An" in page and "Phạm Văn Bình" in page
    assert "Đỗ Văn Khác" not in page  # another province
    assert "Quản Trị Viên" not in page  # home unit above the province

    page = officer.get(LIST, {"q": "tran thi"}).content.decode()
    assert "Trần Thị An" in page and "Phạm Văn Bình" not in page
    page = officer.get(LIST, {"q": "official_b"}).content.decode()
    assert "Phạm Văn Bình" in page and "Trần Thị An" not in page

    leader = client_for(cast.leader_a).get(LIST).content.decode()
    assert "Trần Thị An" in leader and "Phạm Văn Bình" not in leader

    stranger = client_for(cast.official_b).get(LIST)
    assert stranger.status_code == 200
    assert "Trần Thị An" not in stranger.content.decode()
    assert "do not have the right" in stranger.content.decode()


def test_list_htmx_search_returns_only_the_results(cast, client_for):
    response = client_for(cast.province_officer).get(
        LIST, {"q": "Bình"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Phạm Văn Bình" in body and "<html" not in body


def test_list_hides_deactivated_unless_asked(cast, client_for):
    cast.official_b.is_active = False
    cast.official_b.save()
    officer = client_for(cast.province_officer)
    assert "Phạm Văn Bình" not in officer.get(LIST).content.decode()
    assert "Phạm Văn Bình" in officer.get(LIST, {"status": "inactive"}).content.decode()
    assert "Trần Thị An" not in officer.get(LIST, {"status": "inactive"}).content.decode()


def test_list_paginates_with_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    officer = client_for(cast.province_officer)
    officer.get(LIST)  # warm the session
    with django_assert_max_num_queries(8):
        few = officer.get(LIST)
    for i in range(60):
        user = UserFactory(full_name=f"Người Số {i:02d}", home_unit=cast.tree.village_a)
        grant(user, Role.VIEWER, cast.tree.village_a)
    with django_assert_max_num_queries(8):
        many = officer.get(LIST)
    assert few.status_code == many.status_code == 200
    assert len(many.context["page"].items) == 50
    next_before = many.context["page"].next_before
    assert next_before
    rest = officer.get(LIST, {"before": next_before})
    shown = {u.pk for u in many.context["page"].items} | {u.pk for u in rest.context["page"].items}
    assert (
        len(shown)
        == User.objects.filter(home_unit__path__startswith=cast.tree.province.path).count()
    )


def test_create_account_through_the_page(
    cast, client_for, client, django_capture_on_commit_callbacks
):
    officer = client_for(cast.province_officer)
    form = officer.get(NEW)
    assert form.status_code == 200
    assert "Xã Trường Sơn" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(NEW, new_account(cast.tree.commune_a), follow=True)
    user = User.objects.get(username="le.thi.mai")
    assert response.redirect_chain[-1][0] == f"{LIST}{user.pk}/"
    assert "mai@example.vn" in response.content.decode()  # "a link was e-mailed to ..."
    assert user.grants.get().role == Role.OFFICIAL
    assert mail.outbox[-1].to == ["mai@example.vn"]

    # The new person sets a password through the link, then logs in with it.
    link = client.get(link_in_last_mail(), follow=True)
    set_url = link.redirect_chain[-1][0]
    client.post(
        set_url, {"new_password1": "mat-khau-moi-cua-mai", "new_password2": "mat-khau-moi-cua-mai"}
    )
    assert (
        client.post(
            "/tai-khoan/dang-nhap/", {"username": "le.thi.mai", "password": "mat-khau-moi-cua-mai"}
        ).status_code
        == 302
    )


def test_create_in_another_province_is_refused_next_to_the_field(cast, client_for):
    officer = client_for(cast.province_officer)
    response = officer.post(NEW, new_account(cast.tree.other_commune))
    assert response.status_code == 200
    assert "you can only use units you manage" in response.content.decode()
    assert "home_unit" in response.context["form"].errors
    assert not User.objects.filter(username="le.thi.mai").exists()


def test_create_form_shows_errors_next_to_fields(cast, client_for):
    officer = client_for(cast.province_officer)
    response = officer.post(
        NEW,
        new_account(cast.tree.commune_a, username="official_a", email="not-an-email", phone="abc"),
    )
    errors = response.context["form"].errors
    assert set(errors) == {"email", "phone"}
    response = officer.post(NEW, new_account(cast.tree.commune_a, username="OFFICIAL_A"))
    assert "already taken" in response.context["form"].errors["username"][0]
    assert User.objects.filter(username__iexact="official_a").count() == 1


def test_unit_chooser_offers_only_units_in_reach(cast, client_for):
    officer = client_for(cast.province_officer)
    body = officer.get("/tai-khoan/nguoi-dung/don-vi/", {"unit_q": "truong son"}).content.decode()
    assert f'value="{cast.tree.commune_a.pk}"' in body
    assert f'value="{cast.tree.other_commune.pk}"' not in body  # same name, other province
    assert client_for(cast.official_b).get("/tai-khoan/nguoi-dung/don-vi/").status_code == 404
    assert client_for(cast.leader_a).get(NEW).status_code == 404


def test_detail_shows_grants_and_recent_changes(cast, client_for):
    target = cast.official_a
    officer = client_for(cast.province_officer)
    officer.post(
        f"{LIST}{target.pk}/sua/",
        {
            "full_name": "Trần Thị An",
            "email": "an2@example.vn",
            "home_unit": cast.tree.commune_a.pk,
        },
    )
    body = officer.get(f"{LIST}{target.pk}/").content.decode()
    assert "Unit official" in body and "Xã Trường Sơn" in body
    assert "account.updated" in body and "an2@example.vn" in body


def test_edit_account(cast, client_for):
    target = cast.official_a
    officer = client_for(cast.province_officer)
    assert officer.get(f"{LIST}{target.pk}/sua/").status_code == 200
    response = officer.post(
        f"{LIST}{target.pk}/sua/",
        {
            "full_name": "Trần Thị An",
            "email": "an@example.vn",
            "position": "Chủ tịch",
            "phone": "",
            "home_unit": cast.tree.other_commune.pk,
        },
    )
    assert "home_unit" in response.context["form"].errors
    response = officer.post(
        f"{LIST}{target.pk}/sua/",
        {
            "full_name": "Trần Thị An",
            "email": "an@example.vn",
            "position": "Chủ tịch",
            "phone": "",
            "home_unit": cast.tree.village_a.pk,
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.position, target.home_unit) == ("Chủ tịch", cast.tree.village_a)
    # A leader sees the account but may not change it.
    assert client_for(cast.leader_a).get(f"{LIST}{target.pk}/sua/").status_code == 403


def test_deactivate_and_reactivate(cast, client_for):
    target = cast.official_a
    officer = client_for(cast.province_officer)
    url = f"{LIST}{target.pk}/trang-thai/"
    assert "no longer be able to log in" in officer.get(url).content.decode()
    officer.post(url, {"active": "0"})
    target.refresh_from_db()
    assert not target.is_active
    assert client_for(target).get("/").status_code == 302  # sent to log in
    officer.post(url, {"active": "1"})
    target.refresh_from_db()
    assert target.is_active

    own = f"{LIST}{cast.province_officer.pk}/trang-thai/"
    assert "cannot deactivate your own account" in officer.get(own).content.decode()
    response = officer.post(own, {"active": "0"}, follow=True)
    assert "cannot deactivate your own account" in response.content.decode()
    cast.province_officer.refresh_from_db()
    assert cast.province_officer.is_active


def test_grant_and_revoke_through_the_page(cast, client_for):
    target = cast.official_a
    officer = client_for(cast.province_officer)
    url = f"{LIST}{target.pk}/quyen/"
    response = officer.post(url, {"role": Role.LEADER, "unit": cast.tree.village_a.pk})
    assert response.status_code == 302
    new = RoleGrant.objects.get(user=target, role=Role.LEADER)

    response = officer.post(url, {"role": Role.LEADER, "unit": cast.tree.village_a.pk})
    assert response.status_code == 400
    assert "already holds this role" in response.content.decode()

    response = officer.post(url, {"role": Role.ADMIN, "unit": cast.tree.village_a.pk})
    assert response.status_code == 400
    assert RoleGrant.objects.filter(user=target).count() == 2

    revoke = f"{LIST}{target.pk}/quyen/{new.pk}/thu-hoi/"
    assert "will no longer be" in officer.get(revoke).content.decode()
    officer.post(revoke)
    assert not RoleGrant.objects.filter(pk=new.pk).exists()


def test_admin_can_grant_admin_and_officer_is_not_offered_it(cast, client_for):
    target = cast.official_a
    page = client_for(cast.province_officer).get(f"{LIST}{target.pk}/").content.decode()
    assert 'value="admin"' not in page
    admin = client_for(cast.admin)
    assert 'value="admin"' in admin.get(f"{LIST}{target.pk}/").content.decode()
    admin.post(f"{LIST}{target.pk}/quyen/", {"role": Role.ADMIN, "unit": cast.tree.commune_a.pk})
    assert RoleGrant.objects.filter(user=target, role=Role.ADMIN).exists()


def test_nobody_changes_their_own_grants_through_the_page(cast, client_for):
    officer = cast.province_officer
    client = client_for(officer)
    page = client.get(f"{LIST}{officer.pk}/").content.decode()
    assert "You cannot change your own roles" in page
    response = client.post(
        f"{LIST}{officer.pk}/quyen/", {"role": Role.VIEWER, "unit": cast.tree.commune_a.pk}
    )
    assert response.status_code == 400
    assert "cannot change your own roles" in response.content.decode()
    own = officer.grants.get()
    client.post(f"{LIST}{officer.pk}/quyen/{own.pk}/thu-hoi/")
    assert RoleGrant.objects.filter(pk=own.pk).exists()


def test_send_password_link_again(cast, client_for, django_capture_on_commit_callbacks):
    officer = client_for(cast.province_officer)
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"{LIST}{cast.official_a.pk}/gui-lien-ket/")
    assert mail.outbox[-1].to == [cast.official_a.email]
    assert AuditEntry.objects.filter(action="account.password_link_sent").count() == 1


def test_profile_shows_grants_2fa_and_password_link(cast, client_for):
    body = client_for(cast.official_a).get("/tai-khoan/ho-so/").content.decode()
    assert "Unit official" in body and "Xã Trường Sơn" in body
    assert "/tai-khoan/xac-thuc/thiet-lap/" in body  # set up two-factor
    assert "/tai-khoan/doi-mat-khau/" in body


def test_granting_to_a_deactivated_account_says_why(cast, client_for):
    target = cast.official_a
    target.is_active = False
    target.save()
    response = client_for(cast.province_officer).post(
        f"{LIST}{target.pk}/quyen/", {"role": Role.VIEWER, "unit": cast.tree.commune_a.pk}
    )
    assert response.status_code == 400
    assert "Reactivate the account first" in response.content.decode()
    assert target.grants.count() == 1


def test_bad_input_gets_an_answer_not_a_server_error(cast, client_for):
    client = client_for(cast.province_officer)
    accounts = User.objects.count()
    huge = "9" * 30
    odd = "%_'\"\x00<script>"
    assert client.get(LIST, {"before": huge, "q": odd, "status": "x"}).status_code == 200
    response = client.post(NEW, new_account(cast.tree.commune_a, home_unit=huge, role="zzz"))
    assert set(response.context["form"].errors) == {"home_unit", "role"}
    assert client.post(NEW, new_account(cast.tree.commune_a, username=odd)).status_code == 200
    grant_url = f"{LIST}{cast.official_a.pk}/quyen/"
    assert client.post(grant_url, {"role": Role.VIEWER, "unit": huge}).status_code == 400
    assert client.get("/tai-khoan/nguoi-dung/don-vi/", {"unit_q": odd * 50}).status_code == 200
    assert client.get(f"{LIST}{huge}/").status_code == 404
    assert User.objects.count() == accounts

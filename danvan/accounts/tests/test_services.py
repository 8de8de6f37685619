import pytest
from django.core import mail

from danvan.accounts import services
from danvan.accounts.models import Role, RoleGrant, User
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.accounts.tests.helpers import link_in_last_mail
from danvan.audit.models import AuditEntry
from danvan.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
)

SITE = "http://testserver/"


def create(actor, unit, **overrides):
    data = {
        "username": "nguyen.hoa",
        "full_name": "Nguyễn Thị Hoa",
        "email": "hoa@example.vn",
        "home_unit": unit,
        "position": "Cán bộ",
        "phone": "0912 345 678",
        "site_url": SITE,
    }
    data.update(overrides)
    return services.user_create(actor=actor, **data)


def test_province_officer_creates_account_in_commune_and_it_is_emailed_a_link(
    cast, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = create(cast.province_officer, cast.tree.commune_a, role=Role.OFFICIAL)

    user.refresh_from_db()
    assert user.home_unit == cast.tree.commune_a
    assert not user.has_usable_password()
    assert [(g.role, g.unit) for g in user.grants.all()] == [(Role.OFFICIAL, cast.tree.commune_a)]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hoa@example.vn"]
    assert "nguyen.hoa" in mail.outbox[0].body

    # The link opens the "choose a new password" form (Django redirects to a token-less URL).
    response = client.get(link_in_last_mail(), follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True

    actions = list(
        AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["account.created", "account.grant_created"]


def test_creating_outside_ones_province_is_refused_and_nothing_is_created(cast):
    with pytest.raises(ValidationFailed) as info:
        create(cast.province_officer, cast.tree.other_commune)
    assert info.value.field == "home_unit"
    assert not User.objects.filter(username="nguyen.hoa").exists()


def test_leader_and_official_cannot_create_accounts(cast):
    for actor in (cast.leader_a, cast.official_a):
        with pytest.raises(ValidationFailed):
            create(actor, cast.tree.commune_a)
    assert not User.objects.filter(username="nguyen.hoa").exists()


def test_duplicate_username_and_email_are_refused_with_a_clear_error(cast):
    create(cast.province_officer, cast.tree.commune_a)
    with pytest.raises(ConflictError) as info:
        create(cast.province_officer, cast.tree.commune_a, username="NGUYEN.HOA", email="x@y.vn")
    assert info.value.field == "username"
    assert "already taken" in str(info.value.message)
    with pytest.raises(ConflictError) as info:
        create(cast.province_officer, cast.tree.commune_a, username="other", email="HOA@example.vn")
    assert info.value.field == "email"
    assert User.objects.filter(email__iexact="hoa@example.vn").count() == 1


def test_audit_never_holds_a_password_hash(cast):
    user = create(cast.province_officer, cast.tree.commune_a)
    user.set_password("mot-mat-khau-rat-dai")
    user.save()
    services.user_update(
        actor=cast.province_officer,
        user=user,
        full_name="Nguyễn Thị Hoa Mới",
        email="hoa@example.vn",
        home_unit=cast.tree.village_a,
    )
    services.user_set_active(actor=cast.province_officer, user=user, active=False)
    for entry in AuditEntry.objects.filter(object_id=str(user.pk)):
        for data in (entry.before or {}, entry.after or {}):
            assert "password" not in data
            assert user.password not in str(data)


def test_update_records_before_and_after(cast):
    target = cast.official_a
    services.user_update(
        actor=cast.province_officer,
        user=target,
        full_name="Trần Thị An",
        email="an.moi@example.vn",
        position="Phó Chủ tịch",
        phone="",
        home_unit=cast.tree.ubnd_a,
    )
    target.refresh_from_db()
    assert (target.email, target.home_unit) == ("an.moi@example.vn", cast.tree.ubnd_a)
    entry = AuditEntry.objects.get(action="account.updated", object_id=str(target.pk))
    changed = {name for name, _old, _new in entry.changes()}
    assert {"email", "position", "home_unit"} <= changed


def test_update_rules(cast):
    target = cast.official_a
    kwargs = {"full_name": "X", "email": target.email, "home_unit": cast.tree.commune_a}
    with pytest.raises(ValidationFailed) as info:  # moving them out of one's reach
        services.user_update(
            actor=cast.province_officer,
            user=target,
            **{**kwargs, "home_unit": cast.tree.other_commune},
        )
    assert info.value.field == "home_unit"
    with pytest.raises(PermissionDeniedError):  # a leader sees the account but cannot change it
        services.user_update(actor=cast.leader_a, user=target, **kwargs)
    with pytest.raises(NotFoundError):  # commune B does not even see it
        services.user_update(actor=cast.official_b, user=target, **kwargs)
    with pytest.raises(NotFoundError):
        services.user_update(actor=cast.other_province_officer, user=target, **kwargs)
    target.refresh_from_db()
    assert target.full_name == "Trần Thị An"


def test_cannot_take_over_someone_holding_rights_beyond_ones_reach(cast):
    """A province officer must not change the e-mail of a person who is an administrator, or
    who holds a role in another province: the password link would go to the new address."""
    local_admin = UserFactory(home_unit=cast.tree.commune_a)
    grant(local_admin, Role.ADMIN, cast.tree.commune_a)
    straddler = UserFactory(home_unit=cast.tree.commune_a)
    grant(straddler, Role.OFFICIAL, cast.tree.other_commune)
    for target in (local_admin, straddler):
        with pytest.raises(PermissionDeniedError):
            services.user_update(
                actor=cast.province_officer,
                user=target,
                full_name="X",
                email="attacker@example.vn",
                home_unit=cast.tree.commune_a,
            )
        with pytest.raises(PermissionDeniedError):
            services.user_set_active(actor=cast.province_officer, user=target, active=False)
        target.refresh_from_db()
        assert target.email != "attacker@example.vn" and target.is_active
    services.user_set_active(actor=cast.admin, user=local_admin, active=False)


def test_deactivate_and_reactivate_but_never_oneself(cast):
    target = cast.official_a
    services.user_set_active(actor=cast.province_officer, user=target, active=False)
    target.refresh_from_db()
    assert not target.is_active
    services.user_set_active(actor=cast.province_officer, user=target, active=True)
    target.refresh_from_db()
    assert target.is_active
    assert list(
        AuditEntry.objects.filter(object_id=str(target.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["account.deactivated", "account.reactivated"]

    with pytest.raises(ValidationFailed):
        services.user_set_active(
            actor=cast.province_officer, user=cast.province_officer, active=False
        )
    cast.province_officer.refresh_from_db()
    assert cast.province_officer.is_active


def test_grant_create_and_revoke(cast):
    target = cast.official_a
    new = services.grant_create(
        actor=cast.province_officer, user=target, role=Role.LEADER, unit=cast.tree.village_a
    )
    assert new.granted_by == cast.province_officer
    entry = AuditEntry.objects.get(action="account.grant_created")
    assert entry.after["role"] == Role.LEADER and entry.after["unit"] == cast.tree.village_a.pk

    services.grant_revoke(actor=cast.province_officer, grant=new)
    assert not RoleGrant.objects.filter(pk=new.pk).exists()
    entry = AuditEntry.objects.get(action="account.grant_revoked")
    assert entry.before["role"] == Role.LEADER and entry.object_id == str(target.pk)


def test_grant_rules(cast):
    target = cast.official_a
    officer = cast.province_officer

    with pytest.raises(ConflictError) as info:  # already holds it
        services.grant_create(
            actor=officer, user=target, role=Role.OFFICIAL, unit=cast.tree.commune_a
        )
    assert "already holds" in str(info.value.message)

    with pytest.raises(ValidationFailed) as info:  # unit outside the officer's reach
        services.grant_create(
            actor=officer, user=target, role=Role.VIEWER, unit=cast.tree.other_commune
        )
    assert info.value.field == "unit"

    with pytest.raises(PermissionDeniedError):  # only administrators make administrators
        services.grant_create(actor=officer, user=target, role=Role.ADMIN, unit=cast.tree.commune_a)

    with pytest.raises(PermissionDeniedError):  # nobody grants themself
        services.grant_create(
            actor=officer, user=officer, role=Role.VIEWER, unit=cast.tree.commune_a
        )
    with pytest.raises(PermissionDeniedError):  # ... or revokes their own grant
        services.grant_revoke(actor=officer, grant=officer.grants.get())

    with pytest.raises(NotFoundError):  # a person in another province
        services.grant_create(
            actor=officer,
            user=cast.other_province_officer,
            role=Role.VIEWER,
            unit=cast.tree.commune_a,
        )
    with pytest.raises(PermissionDeniedError):  # a leader only views accounts
        services.grant_create(
            actor=cast.leader_a, user=target, role=Role.VIEWER, unit=cast.tree.commune_a
        )

    assert list(target.grants.values_list("role", flat=True)) == [Role.OFFICIAL]

    admin_grant = services.grant_create(
        actor=cast.admin, user=target, role=Role.ADMIN, unit=cast.tree.commune_a
    )
    with pytest.raises(PermissionDeniedError):
        services.grant_revoke(actor=officer, grant=admin_grant)
    services.grant_revoke(actor=cast.admin, grant=admin_grant)


def test_no_grant_to_a_deactivated_account(cast):
    target = cast.official_a
    services.user_set_active(actor=cast.province_officer, user=target, active=False)
    with pytest.raises(ValidationFailed):
        services.grant_create(
            actor=cast.province_officer, user=target, role=Role.VIEWER, unit=cast.tree.commune_a
        )

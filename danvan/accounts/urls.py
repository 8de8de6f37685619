from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from danvan.accounts.forms import InvitationAwarePasswordResetForm, LoginForm
from danvan.accounts.views import otp, users

app_name = "accounts"

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password-change-done"),
        ),
        name="password-change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password-change-done",
    ),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=InvitationAwarePasswordResetForm,
            extra_email_context={"site_name": settings.DANVAN_SITE_NAME},
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("xac-thuc/", otp.otp_verify, name="otp-verify"),
    path("xac-thuc/thiet-lap/", otp.otp_setup, name="otp-setup"),
    path("xac-thuc/ma-du-phong/", otp.otp_backup_codes, name="otp-backup-codes"),
    path(
        "xac-thuc/ma-du-phong/tao-moi/", otp.otp_backup_codes_renew, name="otp-backup-codes-renew"
    ),
    path("xac-thuc/tat/", otp.otp_disable, name="otp-disable"),
    path("ho-so/", otp.profile, name="profile"),
    path("nguoi-dung/", users.user_list, name="user-list"),
    path("nguoi-dung/moi/", users.user_create, name="user-create"),
    path("nguoi-dung/don-vi/", users.unit_options, name="unit-options"),
    path("nguoi-dung/<int:user_id>/", users.user_detail, name="user-detail"),
    path("nguoi-dung/<int:user_id>/sua/", users.user_edit, name="user-edit"),
    path("nguoi-dung/<int:user_id>/trang-thai/", users.user_set_active, name="user-set-active"),
    path(
        "nguoi-dung/<int:user_id>/gui-lien-ket/",
        users.user_send_password_link,
        name="user-send-password-link",
    ),
    path("nguoi-dung/<int:user_id>/quyen/", users.grant_create, name="grant-create"),
    path(
        "nguoi-dung/<int:user_id>/quyen/<int:grant_id>/thu-hoi/",
        users.grant_revoke,
        name="grant-revoke",
    ),
]

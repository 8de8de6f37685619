from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import fold
from danvan.units.models import OrgUnit


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    BDV_OFFICER = "bdv_officer", _("Mass Mobilisation officer")
    LEADER = "leader", _("Unit leader")
    OFFICIAL = "official", _("Unit official")
    VIEWER = "viewer", _("Viewer")


class User(AbstractUser):
    ACCESS_UNIT_PATH = "home_unit__path"
    AUDIT_EXCLUDE = ("password", "last_login")

    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    home_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("home unit"),
    )
    search_folded = models.CharField(max_length=400, editable=False, default="", db_index=True)
    # When the last link to choose a password was sent to an account that has none yet, and by
    # whom: the invitation expires PASSWORD_RESET_TIMEOUT later (reminders scan this index).
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, db_index=True)
    invited_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_folded = fold(f"{self.full_name} {self.username} {self.email}")[:400]
        super().save(*args, **kwargs)

    @property
    def is_system_admin(self) -> bool:
        """Holds the administrator role anywhere, or is a Django superuser: 2FA is required."""
        if self.is_superuser:
            return True
        return any(grant.role == Role.ADMIN for grant in self.active_grants())

    def active_grants(self) -> list["RoleGrant"]:
        cached = getattr(self, "_grants_cache", None)
        if cached is None:
            cached = list(self.grants.select_related("unit"))
            self._grants_cache = cached
        return cached


class RoleGrant(models.Model):
    ACCESS_UNIT_PATH = "unit__path"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="grants", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="grants", verbose_name=_("over unit")
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="rolegrant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit}"

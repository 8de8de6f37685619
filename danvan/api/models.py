from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal API token. Only a hash of the secret is kept; the owner sees it once.

    The token is ``dvn_<8 hex>_<43 url-safe characters>``: 256 random bits after the prefix.
    ``key_hash`` is the SHA-256 of the whole token. A fast, unsalted hash is enough here, unlike
    for passwords: the secret is machine-made with 256 bits of entropy, so nobody can guess it
    from the hash, whatever the speed of the hash (a slow hash defends only guessable, human-made
    secrets). Being deterministic, the hash is also what the lookup uses, through a unique index,
    at no per-request cost.
    """

    # Audit entries about a token belong to its owner's unit.
    ACCESS_UNIT_PATH = "user__home_unit__path"
    AUDIT_EXCLUDE = ("key_hash",)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired()

"""The registry of legal documents that plans cite as their basis (căn cứ)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import fold


class LegalDocument(models.Model):
    """A directive, resolution, conclusion, decision, programme… — deduplicated by number and
    symbol ("11-CT/TU"). Legal documents are public facts, readable by every logged-in user."""

    doc_type = models.CharField(_("document type"), max_length=60)
    number = models.CharField(_("number"), max_length=20)
    symbol = models.CharField(_("symbol"), max_length=80)
    code = models.CharField(_("number and symbol"), max_length=100)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    search_folded = models.CharField(max_length=800, editable=False, default="", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        constraints = [
            # "Deduplicated by number+symbol": the same code is one document, whatever its type.
            models.UniqueConstraint(
                fields=["number", "symbol"],
                name="legaldocument_unique_code",
                condition=~Q(number=""),
            )
        ]

    def __str__(self) -> str:
        parts = [f"{self.doc_type} số {self.code}"]
        if self.issued_on:
            parts.append(f"ngày {self.issued_on:%d/%m/%Y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)

    def save(self, *args, **kwargs):
        self.search_folded = fold(f"{self.doc_type} {self.code} {self.issuer} {self.title}")[:800]
        super().save(*args, **kwargs)
